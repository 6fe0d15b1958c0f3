/**
 * Chart arithmetic for the statistics view, kept pure (tested under Node): "nice" axis ticks,
 * months folded into years when a span is long, and compact number labels.
 *
 * @module web/lib/charts
 */

/** Axis ticks from 0 to at least `max`, at a round step (1, 2 or 5 × 10ⁿ), about `count` of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power
  const ticks: number[] = []
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1e6) / 1e6)
  return ticks
}

/** One bar of the timeline: a period and its counts. */
export interface PeriodCounts {
  readonly period: string
  readonly count: number
  readonly crimes: Readonly<Record<string, number>>
}

/**
 * Months as they are when they span at most `maxBars` months, else folded into years (counts
 * summed). Missing months inside the span are filled with zeros, so time reads evenly.
 */
export function timeBuckets(
  months: readonly PeriodCounts[],
  maxBars = 36,
): { readonly unit: 'month' | 'year'; readonly buckets: PeriodCounts[] } {
  if (months.length === 0) return { unit: 'month', buckets: [] }
  const sorted = [...months].sort((a, b) => a.period.localeCompare(b.period))
  const first = sorted[0]?.period ?? ''
  const last = sorted.at(-1)?.period ?? ''
  const span = monthIndex(last) - monthIndex(first) + 1
  const byKey = new Map<string, { count: number; crimes: Record<string, number> }>()
  const unit = span > maxBars ? 'year' : 'month'
  const keyOf = (period: string) => (unit === 'year' ? period.slice(0, 4) : period)
  for (let i = monthIndex(first); i <= monthIndex(last); i++) {
    const key = keyOf(periodOf(i))
    if (!byKey.has(key)) byKey.set(key, { count: 0, crimes: {} })
  }
  for (const m of sorted) {
    const bucket = byKey.get(keyOf(m.period))
    if (!bucket) continue
    bucket.count += m.count
    for (const [crime, n] of Object.entries(m.crimes)) {
      bucket.crimes[crime] = (bucket.crimes[crime] ?? 0) + n
    }
  }
  return {
    unit,
    buckets: [...byKey].map(([period, b]) => ({ period, count: b.count, crimes: b.crimes })),
  }
}

function monthIndex(period: string): number {
  const [y = 0, m = 1] = period.split('-').map(Number)
  return y * 12 + (m - 1)
}

function periodOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** A short label for a large number in the given locale: 12 300 000 → "12.3M" / "12,3 млн". */
export function compactNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(
    value,
  )
}
