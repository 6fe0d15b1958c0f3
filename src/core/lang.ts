/**
 * Languages Tergeu reads.
 *
 * @module core/lang
 */

/** The languages the pipeline detects and extracts from. */
export const LANGS = ['en', 'ru', 'kk'] as const

/** One of {@link LANGS}. */
export type Lang = (typeof LANGS)[number]

/** Tells whether a string names a supported language. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}
