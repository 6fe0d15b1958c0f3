/**
 * Aggregates for the statistics view (`GET /api/stats`): the documents a search selects counted
 * by month and crime category, money totals by currency (with the KZT and USD conversions), and
 * the statistics the texts themselves report, with their sources.
 *
 * @module storage/stats-repository
 */
import { type Kysely, sql, type Transaction } from 'kysely'
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
      // row each: migration 202611240100, decision 0013), so every match counts, unsampled. One
      // statement: the matches are found once, not once per aggregate.
      return withDbErrors('computing statistics', async () => {
        const { rows } = await inMemory(db, (trx) =>
          sql<{
            n: number
            undated: number
            months: { month: string; crime: string | null; n: number }[]
            money: {
              currency: string
              amounts: number
              total: number
              kzt: number | null
              usd: number | null
              documents: number
            }[]
            figures: {
              label: string
              period: string | null
              value: number
              unit: string
              doc_id: string
              title: string | null
              published: string | null
            }[]
          }>`
          with q as materialized (select ${query} as query),
          m as materialized (
            select s.doc_id as id, s.published, s.crimes, s.money_currencies, s.money, s.statistics
            from ${matchingSummaries(search)}
          ),
          -- The newest documents that report figures; their figures are read through the
          -- (doc_id, kind) index ("offset 0" keeps the lateral subquery from turning into a
          -- hash join over every fact of the record).
          reporting as (
            select m.id, m.published from m where m.statistics > 0
            order by m.published desc nulls last, m.id
            limit ${maxFigures}
          )
          select
            t.n, t.undated,
            (select coalesce(json_agg(x order by x.month, x.crime nulls first), '[]') from (
              select left(m.published, 7) as month, null::text as crime, count(*)::int as n
              from m where length(m.published) >= 7 group by 1
              union all
              select left(m.published, 7), c, count(*)::int
              from m cross join unnest(m.crimes) c where length(m.published) >= 7 group by 1, 2
            ) x) as months,
            (select coalesce(json_agg(x order by x.amounts desc, x.currency), '[]') from (
              select c.currency, sum(m.money[c.i][1])::int as amounts, sum(m.money[c.i][2]) as total,
                     sum(m.money[c.i][3]) as kzt, sum(m.money[c.i][4]) as usd,
                     count(*)::int as documents
              from m cross join unnest(m.money_currencies) with ordinality as c(currency, i)
              group by 1
            ) x) as money,
            (select coalesce(json_agg(x order by x.published desc nulls last, x.doc_id, x.ordinal), '[]') from (
              select f.label, f.data->>'period' as period, (f.data->>'value')::float8 as value,
                     coalesce(f.data->>'unit', '') as unit, r.id as doc_id, d.title, r.published,
                     f.ordinal
              from reporting r
              join documents d on d.id = r.id
              cross join lateral (
                select * from facts f where f.doc_id = r.id and f.kind = 'statistic' offset 0
              ) f
              where jsonb_typeof(f.data->'value') = 'number'
              order by r.published desc nulls last, r.id, f.ordinal
              limit ${maxFigures}
            ) x) as figures
          from (
            select count(*)::int as n,
                   count(*) filter (where m.published is null or length(m.published) < 7)::int as undated
            from m
          ) t`.execute(trx),
        )
        const row = rows[0]
        return {
          documents: Number(row?.n ?? 0),
          undated: Number(row?.undated ?? 0),
          months: (row?.months ?? []).map((r) => ({
            month: r.month,
            crime: r.crime,
            count: Number(r.n),
          })),
          money: (row?.money ?? []).map((r) => ({
            currency: r.currency,
            amounts: Number(r.amounts),
            total: Number(r.total),
            totalKzt: r.kzt === null ? null : Number(r.kzt),
            totalUsd: r.usd === null ? null : Number(r.usd),
            documents: Number(r.documents),
          })),
          figures: (row?.figures ?? []).map((r) => ({
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

/**
 * Runs `read` in a transaction whose sort and materialisation memory (`work_mem`, 4 MB by
 * default) holds the matches of the whole record: 100,000 summaries spill about 30 MB to a
 * temporary file otherwise, which costs more than reading them.
 */
export function inMemory<T>(
  db: Kysely<Database>,
  read: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx)
    return read(trx)
  })
}
