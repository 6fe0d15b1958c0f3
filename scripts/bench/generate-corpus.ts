/**
 * Generates the benchmark corpus deterministically: the same seed gives the same documents,
 * so runs on different machines and days measure the same text.
 */
import type { RawDoc } from '#core/document.ts'
import { LANGS, type Lang } from '#core/lang.ts'
import { MONTHS, plainNumber, TEMPLATES } from './corpus-templates.ts'
import { createRandom } from './random.ts'

/** Options of {@link generateCorpus}. */
export interface CorpusOptions {
  /** Stop once the texts add up to this many UTF-8 bytes. */
  readonly bytes: number
  /** Default: 20261122. */
  readonly seed?: number
}

/** Builds documents (a third per language, round robin) until `bytes` of text are reached. */
export function generateCorpus(options: CorpusOptions): RawDoc[] {
  const random = createRandom(options.seed ?? 20261122)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const docs: RawDoc[] = []
  let total = 0
  for (let i = 0; total < options.bytes; i++) {
    const lang: Lang = LANGS[i % LANGS.length] as Lang
    const t = TEMPLATES[lang]
    const year = int(2019, 2025)
    const month = int(1, 12)
    const day = int(1, 28)
    const fill = (template: string): string =>
      template.replace(/\{(\w+)\}/g, (_, slot: string) => {
        const values = t.slots[slot]
        if (values) return pick(values)
        const months = (MONTHS as Record<string, readonly string[]>)[slot]
        if (months) return months[month - 1] ?? ''
        return number(slot)
      })
    const number = (slot: string): string => {
      const plain = plainNumber(slot, { year, day }, int, pick)
      if (plain !== undefined) return plain
      switch (slot) {
        case 'amountUsd':
        case 'amountRub':
          return amount(int(10, 999) * 10 ** int(1, 3), lang)
        default:
          // Tenge amounts spread over five orders of magnitude, grouped the local way.
          return amount(int(10, 99_999) * 10 ** int(2, 4), lang)
      }
    }
    const paragraphs = [fill(pick(t.headlines))]
    // Four or more distinct paragraphs in random order: a story, not one sentence repeated.
    const order = t.paragraphs
      .map((text) => ({ text, key: random() }))
      .sort((a, b) => a.key - b.key)
    for (const p of order.slice(0, int(4, order.length))) paragraphs.push(fill(p.text))
    const text = `${paragraphs.join('\n\n')}\n`
    total += Buffer.byteLength(text)
    docs.push({
      id: `bench-${lang}-${String(i).padStart(6, '0')}`,
      source: 'bench',
      url: null,
      format: 'text',
      raw: text,
      published: `${year}-${String(month).padStart(2, '0')}-${String(day + int(0, 2)).padStart(2, '0')}`,
    })
  }
  return docs
}

function amount(n: number, lang: Lang): string {
  // en: 1,250,000; ru/kk: 1 250 000 (non-breaking thin grouping is rarer in press releases).
  return lang === 'en' ? n.toLocaleString('en-US') : n.toLocaleString('en-US').replaceAll(',', ' ')
}
