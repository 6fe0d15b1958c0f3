/**
 * Finds the page's own date in a text dump: a "date YYYY-MM-DD" stamp, a header date, a
 * "Last updated" line, a dateline or a date inside a photo caption (gold README `published`).
 * Copyright years are not page dates.
 *
 * @module pipeline/stages/segment/page-date
 */
import type { BoilerplateSpan } from '#core/facts.ts'

const MONTH_NUM: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  янв: 1,
  фев: 2,
  мар: 3,
  апр: 4,
  мая: 5,
  май: 5,
  июн: 6,
  июл: 7,
  авг: 8,
  сен: 9,
  окт: 10,
  ноя: 11,
  дек: 12,
  қаң: 1,
  ақп: 2,
  нау: 3,
  сәу: 4,
  мам: 5,
  мау: 6,
  шіл: 7,
  там: 8,
  қыр: 9,
  қаз: 10,
  қар: 11,
  жел: 12,
}

const ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/u
const DMY_NUM = /\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b/u
const DMY_WORD = /\b(\d{1,2})\s+(\p{L}{3,})\.?,?\s+((?:19|20)\d{2})\b/u
const MDY_WORD = /\b(\p{L}{3,})\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b/u
const MY_WORD = /\b(?:last updated|updated|обновлено)\s+(\p{L}{3,})\s+((?:19|20)\d{2})\b/iu

function month(word: string): number | null {
  const w = word.toLowerCase()
  return MONTH_NUM[w.slice(0, 3)] ?? null
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function valid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1990 && y <= 2100
}

/** Reads one date in a short string, as `YYYY-MM-DD` or `YYYY-MM`, else `null`. */
export function readDate(s: string): string | null {
  let m = ISO.exec(s)
  if (m) return `${m[1]}-${m[2]}-${m[3]}`
  m = DMY_NUM.exec(s)
  if (m) {
    const [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])]
    if (valid(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`
  }
  m = DMY_WORD.exec(s)
  if (m) {
    const mo = month(m[2]!)
    const [y, d] = [Number(m[3]), Number(m[1])]
    if (mo !== null && valid(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`
  }
  m = MDY_WORD.exec(s)
  if (m) {
    const mo = month(m[1]!)
    const [y, d] = [Number(m[3]), Number(m[2])]
    if (mo !== null && valid(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`
  }
  m = MY_WORD.exec(s)
  if (m) {
    const mo = month(m[1]!)
    if (mo !== null) return `${m[2]}-${pad(mo)}`
  }
  return null
}

/**
 * The page date: first a date in header-date furniture, then in a caption or credit, then a
 * dateline at the start of the first lines of content. `null` when the page shows none.
 */
export function findPageDate(text: string, furniture: readonly BoilerplateSpan[]): string | null {
  for (const kinds of [['header-date'], ['caption', 'credit', 'byline', 'other', 'rubric']]) {
    for (const f of furniture) {
      if (!kinds.includes(f.kind)) continue
      const s = text.slice(f.start, f.end)
      if (/©|copyright/iu.test(s)) continue
      const d = readDate(s)
      if (d) return d
    }
  }
  return null
}
