/**
 * Tells whether a year mention only gives the period of a statistic ("in 2023, 1,234 crimes were
 * registered"): such years belong to `statistics.period`, not to `dates` (gold README, "dates").
 *
 * @module pipeline/stages/extract-dates/statistic-periods
 */
import type { StatisticsDoc } from '#core/document.ts'
import type { Span } from '#core/span.ts'

/** A year mention with its ISO value. */
export interface YearMention extends Span {
  readonly iso: string
}

/**
 * True when the year lies inside a statistic's span or in the same sentence as a statistic for
 * that period.
 */
export function isStatisticPeriod(doc: StatisticsDoc, year: YearMention): boolean {
  const sentence = doc.sentences.find((s) => s.start <= year.start && year.start < s.end)
  for (const s of doc.statistics) {
    if (!s.period) continue
    const inPeriod = s.period === year.iso || s.period.split('/').includes(year.iso)
    if (!inPeriod) continue
    if (s.start <= year.start && year.end <= s.end) return true
    if (sentence && sentence.start <= s.start && s.start < sentence.end) return true
  }
  return false
}
