/**
 * Small display helpers for the UI.
 *
 * @module web/lib/format
 */
import type { Lang } from '#core/lang.ts'
import { t } from './i18n.ts'

const LANG_NAMES: Readonly<Record<Lang, string>> = {
  en: 'English',
  ru: 'Русский',
  kk: 'Қазақша',
}

/** The name of a language in that language ("Қазақша" for `kk`). */
export function langName(lang: Lang): string {
  return LANG_NAMES[lang]
}

/**
 * Shows a publication date as stored (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) or a full ISO timestamp
 * cut to its date; `null` becomes "undated".
 */
export function formatPublished(published: string | null): string {
  if (!published) return t().undated
  const m = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(published)
  return m ? m[0] : published
}

/** A title for a document that has none: the start of its text, cut at a word. */
export function fallbackTitle(title: string | null, text: string, max = 90): string {
  if (title?.trim()) return title.trim()
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat || t().untitled
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`
}

/**
 * Makes a normalised label easier to read: long digit runs in money and statistic labels get
 * thousands separators ("182000000 KZT" → "182,000,000 KZT"). Other labels pass unchanged.
 */
export function formatLabel(type: string, label: string): string {
  if (type !== 'money' && type !== 'statistic') return label
  return label.replace(/(?<![.\d])\d{5,}/g, (digits) => digits.replace(/\B(?=(?:\d{3})+$)/g, ','))
}
