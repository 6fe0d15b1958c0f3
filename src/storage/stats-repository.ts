/**
 * Aggregates for the statistics view (`GET /api/stats`): the documents a search selects counted
 * by month and crime category, money totals by currency (with the KZT and USD conversions), and
 * the statistics the texts themselves report, with their sources.
 *
 * @module storage/stats-repository
 */
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'
import { buildTsQuery, matchingSummaries, type SearchParams } from './search-repository.ts'

/** What the statistics select: the search filters, without paging or sort. */
export type StatsParams = Omit<SearchParams, 'limit' | 'cursor' | 'sort' | 'facets'>

/** Documents per month (`YYYY-MM`), all and per crime category. */
export interface MonthCount {
  readonly month: string
  readonly crime: string | null
  readonly count: number
}

/** Amounts of one currency over the matching documents. */
export interface MoneyTotal {
  readonly currency: string
  readonly amounts: number
  readonly total: number
  readonly totalKzt: number | null
  readonly totalUsd: number | null
  readonly documents: number
}

/** One figure a text reports ("registered crimes: 41,370 in 2024"). */
export interface ReportedFigure {
  readonly label: string
  readonly period: string | null
  readonly value: number
  readonly unit: string
  readonly docId: string
  readonly title: string | null
  readonly published: string | null
}

/** The aggregates of one selection. */
export interface Stats {
  readonly documents: number
  readonly undated: number
  readonly months: readonly MonthCount[]
  readonly money: readonly MoneyTotal[]
  readonly figures: readonly ReportedFigure[]
}

/** Reads aggregates. */
export interface StatsRepository {
  stats(params: StatsParams, options?: { readonly maxFigures?: number }): Promise<Stats>
}

/** Creates the statistics repository over an open database. */
export function createStatsRepository(db: Kysely<Database>): StatsRepository {
  return {
    stats(params, options = {}) {
      const search: SearchParams = { ...params, limit: 1 }
      const query = search.q ? buildTsQuery(search.q, search.lang) : sql`null::tsquery`
      const maxFigures = options.maxFigures ?? 2000
      // Everything but the figures is read from the matching documents' summaries (one compact
      // row each: migration 202611240100, decision 0013), so every match counts, unsampled.
      const matching = (select: RawBuilder<unknown>) => sql`
        with q as (select ${query} as query),
        m as (
          select s.doc_id as id, s.published, s.crimes, s.money, s.statistics
          from ${matchingSummaries(search)}
        )
        ${select}`
      return withDbErrors('computing statistics', async () => {
        const [totals, months, money, figures] = await Promise.all([
          sql<{ n: number; undated: number }>`${matching(sql`
            select count(*)::int as n,
                   count(*) filter (where m.published is null or length(m.published) < 7)::int as undated
            from m`)}`.execute(db),
          sql<{ month: string; crime: string | null; n: number }>`${matching(sql`
            , dated as materialized (select left(m.published, 7) as month, m.crimes from m where length(m.published) >= 7)
            select month, null::text as crime, count(*)::int as n from dated group by 1
            union all
            select month, c, count(*)::int from dated cross join unnest(dated.crimes) c group by 1, 2
            order by 1, 2 nulls first`)}`.execute(db),
          sql<{
            currency: string
            amounts: number
            total: number
            kzt: number | null
            usd: number | null
            documents: number
          }>`${matching(sql`
            select c.key as currency, sum((c.value->>0)::int)::int as amounts,
                   sum((c.value->>1)::float8) as total,
                   sum((c.value->>2)::float8) as kzt,
                   sum((c.value->>3)::float8) as usd,
                   count(*)::int as documents
            from m cross join jsonb_each(m.money) c
            where m.money is not null
            group by 1 order by 2 desc, 1`)}`.execute(db),
          // The newest documents that report figures, then their figures through the
          // (doc_id, kind) index; "offset 0" keeps the lateral subquery apart from a hash join
          // over every fact of the record.
          sql<{
            label: string
            period: string | null
            value: number
            unit: string
            doc_id: string
            title: string | null
            published: string | null
          }>`${matching(sql`
            , reporting as (
              select m.id, m.published from m where m.statistics > 0
              order by m.published desc nulls last, m.id
              limit ${maxFigures}
            )
            select f.label, f.data->>'period' as period, (f.data->>'value')::float8 as value,
                   coalesce(f.data->>'unit', '') as unit, r.id as doc_id, d.title, r.published
            from reporting r
            join documents d on d.id = r.id
            cross join lateral (select * from facts f where f.doc_id = r.id and f.kind = 'statistic' offset 0) f
            where jsonb_typeof(f.data->'value') = 'number'
            order by r.published desc nulls last, r.id, f.ordinal
            limit ${maxFigures}`)}`.execute(db),
        ])
        const total = totals.rows[0]
        return {
          documents: Number(total?.n ?? 0),
          undated: Number(total?.undated ?? 0),
          months: months.rows.map((r) => ({ month: r.month, crime: r.crime, count: Number(r.n) })),
          money: money.rows.map((r) => ({
            currency: r.currency,
            amounts: Number(r.amounts),
            total: Number(r.total),
            totalKzt: r.kzt === null ? null : Number(r.kzt),
            totalUsd: r.usd === null ? null : Number(r.usd),
            documents: Number(r.documents),
          })),
          figures: figures.rows.map((r) => ({
            label: r.label,
            period: r.period,
            value: Number(r.value),
            unit: r.unit,
            docId: r.doc_id,
            title: r.title,
            published: r.published,
          })),
        }
      })
    },
  }
}
