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

// A statistic whose span is a whole sentence says little about which year is its period.
const MAX_STAT_SPAN = 120

/**
 * True when the year lies inside the (short) span of a statistic for that period. The own cue
 * rules of `date-context.ts` cover the case where the statistics stage found nothing.
 */
export function isStatisticPeriod(doc: StatisticsDoc, year: YearMention): boolean {
  for (const s of doc.statistics) {
    if (!s.period || s.end - s.start > MAX_STAT_SPAN) continue
    const inPeriod = s.period === year.iso || s.period.split('/').includes(year.iso)
    if (inPeriod && s.start <= year.start && year.end <= s.end) return true
  }
  return false
}
