/**
 * Finds the page's own date when the source gives none: a "date 2025-01-11" or "Published:" line,
 * a "Last updated April 2016" note, or a dated header line at the very top (often with a time,
 * "12:50 / 18.04.2024"). For the segment stage, which owns `referenceDate`.
 *
 * @module pipeline/stages/extract-dates/publication-date
 */
import { findDates } from './find-dates.ts'

const HEAD = 1500
const LABELLED =
  /(?:^|\n)[ \t]*(?:date|дата|published|posted|updated?|last\s+updated|опубликовано|обновлено|жарияланды|жарияланған|күні)[: \t]+(?=\S)/giu
const TIME_NEAR = /\d{1,2}:\d{2}/u

/**
 * The publication date of a page as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or `null` when the page
 * shows none. A copyright year is never taken. Never throws.
 */
export function findPublicationDate(text: string, lang: string): string | null {
  // The module's regex, not a copy: `new RegExp` recompiles after each full GC in V8.
  const labelled = LABELLED
  labelled.lastIndex = 0
  for (let m = labelled.exec(text); m !== null; m = labelled.exec(text)) {
    const at = m.index + m[0].length
    const hit = findDates(text.slice(at, at + 40), lang, null)[0]
    if (hit && hit.start === 0) return hit.iso
  }
  const head = text.slice(0, HEAD)
  for (const hit of findDates(head, lang, null)) {
    if (hit.iso.length < 10) continue
    const line = lineAround(head, hit.start, hit.end)
    const rest = line.replace(head.slice(hit.start, hit.end), '').trim()
    // A date alone on its line, or beside a time, is the page header's date.
    if (TIME_NEAR.test(line) || rest.length <= 12) return hit.iso
  }
  return null
}

function lineAround(text: string, start: number, end: number): string {
  const s = text.lastIndexOf('\n', start - 1) + 1
  const e = text.indexOf('\n', end)
  return text.slice(s, e < 0 ? text.length : e)
}
