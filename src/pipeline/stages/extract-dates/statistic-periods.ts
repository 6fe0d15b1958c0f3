/**
 * Tells whether a year mention only gives the period of a statistic ("in 2023, 1,234 crimes were
 * registered"): such years belong to `statistics.period`, not to `dates` (gold README, "dates").
 *
 * @module pipeline/stages/extract-dates/statistic-periods
 */
import type { StatisticsDoc } from '#core/document.ts'
import type { Statistic } from '#core/facts.ts'
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
  const all = doc.statistics
  if (all.length <= FEW) {
    // A loop, not `some`: no closure per year (the CLI runs through tsx, which names each one).
    for (const s of all) if (isPeriodOf(s, year)) return true
    return false
  }
  // A long list (a statistics table) is sorted once, so that each year looks at the few short
  // spans that can hold it, not at the whole list.
  let short = byStart.get(all)
  if (!short) {
    short = all
      .filter((s) => s.period && s.end - s.start <= MAX_STAT_SPAN)
      .sort((a, b) => a.start - b.start)
    byStart.set(all, short)
  }
  for (let i = lastStartingBy(short, year.start); i >= 0; i--) {
    const s = short[i]!
    if (s.start < year.start - MAX_STAT_SPAN) break
    if (isPeriodOf(s, year)) return true
  }
  return false
}

const FEW = 16
const byStart = new WeakMap<readonly Statistic[], readonly Statistic[]>()

function isPeriodOf(s: Statistic, year: YearMention): boolean {
  // The span test first: it rules out most statistics without looking at a string.
  if (!s.period || s.end - s.start > MAX_STAT_SPAN) return false
  if (s.start > year.start || year.end > s.end) return false
  return s.period === year.iso || hasPart(s.period, year.iso)
}

/** `period.split('/').includes(part)`, without the array. */
function hasPart(period: string, part: string): boolean {
  if (part === '') return period.split('/').includes(part)
  for (let at = period.indexOf(part); at >= 0; at = period.indexOf(part, at + 1)) {
    const end = at + part.length
    if ((at === 0 || period[at - 1] === '/') && (end === period.length || period[end] === '/'))
      return true
  }
  return false
}

/** Index of the last statistic starting at or before `pos` (sorted by start), or -1. */
function lastStartingBy(sorted: readonly Statistic[], pos: number): number {
  let lo = 0
  let hi = sorted.length - 1
  let best = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]!.start <= pos) {
      best = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return best
}
