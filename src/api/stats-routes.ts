/**
 * `GET /api/stats`: what the statistics view draws — matching documents by month and crime
 * category, money totals by currency, and the statistics the texts report, grouped into series
 * (the same label over several periods) with the source of every point.
 *
 * @module api/stats-routes
 */
import type { Hono } from 'hono'
import type { ReportedFigure, Stats, StatsRepository } from '#storage/stats-repository.ts'
import { StatsQuery, type StatsResponse } from './contract.ts'
import { parseOrThrow } from './http-errors.ts'
import { searchFilters } from './search-filters.ts'

/** Series and figures sent at most. */
const MAX_SERIES = 12
const MAX_FIGURES = 30

/** Adds `GET /api/stats` to `app`. */
export function mountStatsRoutes(app: Hono, stats: StatsRepository): void {
  app.get('/api/stats', async (c) => {
    const query = parseOrThrow(StatsQuery, c.req.query(), 'query')
    const result = await stats.stats({ ...query, ...searchFilters(query) })
    return c.json(presentStats(result))
  })
}

/** Shapes the repository's aggregates for the view (pure; exported for tests). */
export function presentStats(stats: Stats): StatsResponse {
  const byMonth = new Map<string, { count: number; crimes: Record<string, number> }>()
  const crimeTotals = new Map<string, number>()
  for (const row of stats.months) {
    const month = byMonth.get(row.month) ?? { count: 0, crimes: {} }
    if (row.crime === null) month.count = row.count
    else {
      month.crimes[row.crime] = row.count
      crimeTotals.set(row.crime, (crimeTotals.get(row.crime) ?? 0) + row.count)
    }
    byMonth.set(row.month, month)
  }
  const { series, figures } = groupFigures(stats.figures)
  return {
    documents: stats.documents,
    undated: stats.undated,
    months: [...byMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, m]) => ({ month, count: m.count, crimes: m.crimes })),
    crimes: [...crimeTotals]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([c]) => c),
    money: stats.money.map((m) => ({ ...m })),
    series,
    figures,
  }
}

/**
 * Groups reported figures: a label and unit seen for two or more periods is a series (one point
 * per period: the newest document's value wins, since figures are read newest first); the rest
 * are single figures.
 */
function groupFigures(rows: readonly ReportedFigure[]): Pick<StatsResponse, 'series' | 'figures'> {
  const groups = new Map<string, ReportedFigure[]>()
  for (const r of rows) {
    const key = `${r.label.toLowerCase()}\u0000${r.unit}`
    const group = groups.get(key) ?? []
    group.push(r)
    groups.set(key, group)
  }
  const point = (r: ReportedFigure) => ({
    period: r.period,
    value: r.value,
    docId: r.docId,
    title: r.title,
    published: r.published,
  })
  const series: StatsResponse['series'] = []
  const figures: StatsResponse['figures'] = []
  for (const group of groups.values()) {
    const perPeriod = new Map<string, ReportedFigure>()
    for (const r of group) if (r.period && !perPeriod.has(r.period)) perPeriod.set(r.period, r)
    const first = group[0] as ReportedFigure
    if (perPeriod.size >= 2) {
      series.push({
        label: first.label,
        unit: first.unit,
        points: [...perPeriod.values()]
          .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''))
          .map(point),
      })
    } else figures.push({ ...point(first), label: first.label, unit: first.unit })
  }
  series.sort((a, b) => b.points.length - a.points.length || a.label.localeCompare(b.label))
  return { series: series.slice(0, MAX_SERIES), figures: figures.slice(0, MAX_FIGURES) }
}
