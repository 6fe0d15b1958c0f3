/**
 * Full-text search over stored documents, with ranked hits and highlighted snippets.
 *
 * @module storage/search-repository
 */

import { type Kysely, type RawBuilder, sql } from 'kysely'
import { InvalidInputError } from '#core/errors.ts'
import { isLang, type Lang } from '#core/lang.ts'
import type { Span } from '#core/span.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** Fact kinds a search can be filtered and faceted by. */
export const FACET_KINDS = ['crime', 'event', 'location', 'person', 'organization'] as const
export type FacetKind = (typeof FACET_KINDS)[number]

/** How hits are ordered. `relevance` needs a query; without one, hits are newest first. */
export type SearchSort = 'relevance' | 'newest' | 'oldest'

/** A search request. */
export interface SearchParams {
  /** Web-search syntax: words, "quoted phrases", `or`, `-excluded`; empty to browse by filters. */
  readonly q: string
  /** Only documents in this language (and only its stemming). */
  readonly lang?: Lang | undefined
  /** Only documents from this source (exact). */
  readonly source?: string | undefined
  /** Only documents published on or after / on or before this date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). */
  readonly from?: string | undefined
  readonly to?: string | undefined
  /**
   * Only documents that have every one of these facts: kind and normalised label, exact; for
   * places the gazetteer id (`KZ-ALA`) when the place has one, as facets report them.
   */
  readonly facts?: readonly { readonly kind: FacetKind; readonly label: string }[] | undefined
  /** Only documents naming one of these gazetteer places (an area and the places within it). */
  readonly placeIn?: readonly string[] | undefined
  /** Default: `relevance` with a query, `newest` without. */
  readonly sort?: SearchSort | undefined
  /** Hits per page (1..100). */
  readonly limit: number
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined
  /**
   * Also count the matching documents by language, source and fact (top values per kind);
   * `only`: the counts and the total without the page of hits (no ranking, no snippets).
   */
  readonly facets?: boolean | 'only' | undefined
  /** The reader's language: persons and organisations are named in its script where known. */
  readonly ui?: Lang | undefined
}

/** One hit: the document's header, its rank and a snippet with highlighted matches. */
export interface SearchHitRecord {
  readonly id: string
  readonly title: string | null
  readonly lang: Lang
  readonly source: string
  readonly published: string | null
  readonly rank: number
  /** `highlights` are offsets into `snippet.text` (UTF-16, half-open). */
  readonly snippet: { readonly text: string; readonly highlights: readonly Span[] }
}

/** A value of a facet and how many matching documents have it. */
export interface FacetCount {
  /** What to filter by: for a person or organisation resolved to an entity, `entity:<id>`. */
  readonly value: string
  readonly count: number
  /** Display name of an entity value: its most used name in the script of `ui`. */
  readonly label?: string
}

/** Counts of the matching documents by language, source and fact. */
export interface SearchFacets {
  readonly lang: readonly FacetCount[]
  readonly source: readonly FacetCount[]
  readonly crime: readonly FacetCount[]
  readonly event: readonly FacetCount[]
  readonly location: readonly FacetCount[]
  readonly person: readonly FacetCount[]
  readonly organization: readonly FacetCount[]
  /**
   * True when more documents matched than {@link FACET_SAMPLE} and the counts cover only that
   * many of them (whichever the database reads first, not the best-ranked): proportions hold,
   * and a broad query stays fast.
   */
  readonly sampled: boolean
}

/** A page of hits. */
export interface SearchPage {
  readonly items: readonly SearchHitRecord[]
  /**
   * Every match, over all pages — counted up to {@link COUNT_CAP}: past it `total` is the cap
   * and {@link totalIsLowerBound} is true ("5,000+").
   */
  readonly total: number
  /** True when more than `total` documents match (the count stopped at the cap). */
  readonly totalIsLowerBound: boolean
  /**
   * True when `total` is an estimate ("about 310,000"): a query whose words are in a large share
   * of the record is not counted (decision 0017); the total is the share of matches among the
   * newest documents it read, applied to the documents its filters keep.
   */
  readonly totalIsEstimate: boolean
  /** Pass as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null
  /** Present when `facets` was asked for. */
  readonly facets?: SearchFacets
}

/**
 * Bounds of a search's work (decision 0015); the defaults are the product's, tests make them
 * small to reach the broad-query path with a few documents.
 */
export interface SearchLimits {
  /** Matches counted at most (one more is read to tell "more than"). */
  readonly countCap: number
  /** A query with at most this many matches ranks them all; more is a broad query. */
  readonly rankAll: number
  /** Newest documents in the first relevance window of a broad query. */
  readonly windowStart: number
  /** Matches a window should hold; it grows fourfold until it does. */
  readonly windowTarget: number
  /**
   * A query whose words the planner expects in at least this share of the documents is read
   * newest first without the text index, each document checked (decision 0017).
   */
  readonly scanShare: number
  /** Documents such a read checks at most for one window before the text index is used after all. */
  readonly scanMax: number
  /** Matches the facets of such a query are counted over (the newest ones). */
  readonly scanFacetTarget: number
  /** Documents a record holds at least before any query is read so (a small one is quick either way). */
  readonly scanMinDocs: number
  /** Documents the first slice of a several-word query reads to tell its share (see `ScanPlan.probe`). */
  readonly scanProbe: number
}

/**
 * Matches counted at most: past this a total is shown as "5,000+". As many as the facets count
 * ({@link FACET_SAMPLE}): the facets of a capped total cover the matches it counted.
 */
export const COUNT_CAP = 5_000
export const DEFAULT_SEARCH_LIMITS: SearchLimits = {
  countCap: COUNT_CAP,
  rankAll: 1_000,
  windowStart: 2_000,
  windowTarget: 100,
  scanShare: 0.04,
  scanMax: 20_000,
  scanFacetTarget: 500,
  scanMinDocs: 50_000,
  scanProbe: 500,
}

/** Searches documents. */
export interface SearchRepository {
  /** Runs a search; throws `invalid_input` for a cursor it did not issue. */
  search(params: SearchParams): Promise<SearchPage>
  /**
   * Counts the matching documents per area: `areaOf` maps gazetteer place ids to the area they
   * are counted in (a city to its region, a region to itself); a document counts once per area.
   */
  countByArea(
    params: Omit<SearchParams, 'limit' | 'cursor' | 'sort' | 'facets'>,
    areaOf: Readonly<Record<string, string>>,
  ): Promise<FacetCount[]>
}

const TS_CONFIGS: Readonly<Record<Lang, string>> = { en: 'english', ru: 'russian', kk: 'simple' }

// Private-use characters mark matches in ts_headline's output; they never occur in news text,
// and are stripped to compute highlight offsets.
const START_MARK = '\uE000'
const STOP_MARK = '\uE001'
const HEADLINE_OPTIONS = `StartSel=${START_MARK}, StopSel=${STOP_MARK}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`
// ts_headline re-parses the text it is given; long documents are cut to keep a page fast.
const HEADLINE_MAX_CHARS = 100_000
/** Without a query the snippet is the start of the text. */
const LEAD_CHARS = 240
/** Facets count at most this many matching documents (see {@link SearchFacets.sampled}). */
export const FACET_SAMPLE = 5_000
/** Values listed per facet. */
const FACET_TOP = 12

/**
 * Builds the tsquery for `q`: one language's stemming, or all three OR-ed when none is given.
 * Statements put it in `with q as materialized (select … as query)`: the planner then cannot see
 * how common the words are and reads matches through the GIN index. Seeing a word in a third of
 * the record, it would scan `documents` and detoast every search vector instead (3.7 s instead
 * of about 1 s to count "police" at 100,000 documents on PGlite).
 */
export function buildTsQuery(q: string, lang: Lang | undefined): RawBuilder<unknown> {
  if (lang) return sql`websearch_to_tsquery(${sql.lit(TS_CONFIGS[lang])}::regconfig, ${q})`
  // A document's vector is stemmed in its own language; OR-ing the three parses lets one query
  // match Russian, English and Kazakh documents and still use the GIN index.
  return sql`(websearch_to_tsquery('russian'::regconfig, ${q}) || websearch_to_tsquery('english'::regconfig, ${q}) || websearch_to_tsquery('simple'::regconfig, ${q}))`
}

/** A row of {@link buildSearchSql}. */
interface SearchRow {
  /** With a {@link Counting}: the capped count (the one row without a hit has a null id). */
  matched?: number
  id: string
  title: string | null
  lang: string
  source: string
  published: string | null
  rank: number
  /** In a window's ranked part: how many matches the window holds. */
  total: number | null
  headline: string
}

/**
 * Which part of a broad query's matches a statement pages through (decision 0015): the matches
 * published on or after `cutoff`, ranked; or the rest (older or undated), newest first.
 */
export interface RankWindow {
  readonly cutoff: string
  readonly part: 'ranked' | 'rest'
}

/**
 * The conditions every matching document meets (alias `d` is `documents`, `q` a one-row relation
 * whose `query` column is {@link buildTsQuery}'s result). Exports use the same filters.
 */
export function whereMatches(params: SearchParams): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = []
  if (params.q) conditions.push(sql`d.search_vector @@ q.query`)
  if (params.lang) conditions.push(sql`d.lang = ${params.lang}`)
  if (params.source) conditions.push(sql`d.source = ${params.source}`)
  // Dates are stored at the precision the source gave (YYYY, YYYY-MM, YYYY-MM-DD or a
  // timestamp); comparing their first 10 characters as text orders them correctly.
  if (params.from) {
    conditions.push(sql`left(d.published, 10) >= ${params.from}`)
    // Implied (a text is never less than its start, in any collation), and it lets the
    // published-date index narrow the matches of a word with the GIN index.
    conditions.push(sql`d.published >= ${params.from}`)
  }
  if (params.to) conditions.push(sql`left(d.published, 10) <= ${params.to}`)
  for (const f of params.facts ?? []) {
    conditions.push(
      isEntityValue(f)
        ? sql`exists (select 1 from search_summaries s where s.doc_id = d.id and ${summaryFilter(f)})`
        : sql`exists (select 1 from facts f where f.doc_id = d.id and f.kind = ${f.kind} and ${factKey(f.kind)} = ${f.label})`,
    )
  }
  if (params.placeIn) {
    conditions.push(
      sql`exists (select 1 from facts f where f.doc_id = d.id and f.kind = 'location' and f.data->>'placeId' = any(${[...params.placeIn]}::text[]))`,
    )
  }
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`
}

/**
 * The matching documents' summaries (migration 202611240100, decision 0013) as a relation `s`;
 * with a query also `d` (documents) and `q`, as {@link whereMatches} has them. The relation and
 * its conditions, to put after `from`.
 */
export function matchingSummaries(params: SearchParams): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = []
  if (params.q) conditions.push(sql`d.search_vector @@ q.query`)
  if (params.lang) conditions.push(sql`s.lang = ${params.lang}`)
  if (params.source) conditions.push(sql`s.source = ${params.source}`)
  if (params.from) conditions.push(sql`left(s.published, 10) >= ${params.from}`)
  if (params.to) conditions.push(sql`left(s.published, 10) <= ${params.to}`)
  for (const f of params.facts ?? []) {
    conditions.push(
      (f.kind === 'person' || f.kind === 'organization') && !isEntityValue(f)
        ? // A name is matched as the facts have it (a resolved mention's summary holds its entity).
          sql`exists (select 1 from facts f where f.doc_id = s.doc_id and f.kind = ${f.kind} and f.label = ${f.label})`
        : summaryFilter(f),
    )
  }
  if (params.placeIn) conditions.push(sql`s.place_ids && ${[...params.placeIn]}::text[]`)
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`
  return params.q
    ? sql`search_summaries s join documents d on d.id = s.doc_id cross join q where ${where}`
    : sql`search_summaries s where ${where}`
}

/**
 * The documents matching a query (`params.q` not empty) as `d`, with `q`, and its conditions:
 * to put after `from`, ending in a `where` clause that more conditions can extend. Fact
 * filters are read from the summaries (one narrow row per match) rather than from `facts`
 * (a lookup among about twenty rows per match): 0.7 s instead of 2.5 s for `police` in one
 * place at 100,000 documents on PostgreSQL under load.
 */
function queryMatches(params: SearchParams): RawBuilder<unknown> {
  return params.facts?.length || params.placeIn
    ? matchingSummaries(params)
    : sql`documents d, q where ${whereMatches(params)}`
}

/** A person or organisation filter that names a resolved entity (`entity:42`). */
const ENTITY_VALUE = /^entity:[1-9][0-9]{0,17}$/

function isEntityValue(f: { readonly kind: FacetKind; readonly label: string }): boolean {
  return (f.kind === 'person' || f.kind === 'organization') && ENTITY_VALUE.test(f.label)
}

/** A fact filter over the summary `s`. */
function summaryFilter(f: {
  readonly kind: FacetKind
  readonly label: string
}): RawBuilder<unknown> {
  const value = sql`array[${f.label}]::text[]`
  switch (f.kind) {
    case 'crime':
      return sql`s.crimes @> ${value}`
    case 'event':
      return sql`s.events @> ${value}`
    case 'location':
      return sql`(s.place_ids @> ${value} or s.place_names @> ${value})`
    case 'person':
      return sql`s.persons @> ${value}`
    case 'organization':
      return sql`s.organizations @> ${value}`
  }
}

/**
 * The value a fact is filtered and counted by: a place's gazetteer id when it has one, so that
 * "Алматы", "Almaty" and "Алматыда" are one facet value; otherwise the normalised label.
 */
function factKey(kind: FacetKind): RawBuilder<unknown> {
  return kind === 'location' ? sql`coalesce(f.data->>'placeId', f.label)` : sql`f.label`
}

function orderBy(params: SearchParams): RawBuilder<unknown> {
  const sort = effectiveSort(params)
  if (sort === 'relevance') return sql`rank desc, id`
  if (sort === 'oldest') return sql`published asc nulls last, id`
  // Browsing: the same order as `published desc nulls last, id` (a day is the start of its
  // date), in the terms of the summaries' published-date index (migration 202611260100), which
  // is read instead of sorting every summary the filters keep.
  if (!params.q) return sql`left(published, 10) desc nulls last, published desc nulls last, id`
  return sql`published desc nulls last, id`
}

/** {@link orderBy} over the columns of relation `alias`. */
function orderOf(params: SearchParams, alias: string): RawBuilder<unknown> {
  const t = sql.ref(alias)
  const sort = effectiveSort(params)
  if (sort === 'relevance') return sql`${t}.rank desc, ${t}.id`
  if (sort === 'oldest') return sql`${t}.published asc nulls last, ${t}.id`
  return sql`${t}.published desc nulls last, ${t}.id`
}

function effectiveSort(params: SearchParams): SearchSort {
  if (params.sort === 'relevance' && !params.q) return 'newest'
  return params.sort ?? (params.q ? 'relevance' : 'newest')
}

/** A hit's snippet (`d` a document, `q` the query): its matches highlighted, or its start. */
function headlineOf(params: SearchParams): RawBuilder<unknown> {
  return params.q
    ? sql`ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, ${sql.lit(HEADLINE_MAX_CHARS)}), q.query, ${HEADLINE_OPTIONS}
           )`
    : sql`left(d.text, ${sql.lit(LEAD_CHARS)})`
}

/**
 * Builds the search statement (its SQL is pinned by `search-repository.sql`). The page is ranked
 * first; snippets are made for the page's rows only, since ts_headline re-parses each text.
 */
export function buildSearchSql(
  params: SearchParams,
  page: { readonly limit: number; readonly offset: number },
  window?: RankWindow,
  counting?: Counting,
): RawBuilder<SearchRow> {
  const query = params.q ? buildTsQuery(params.q, params.lang) : sql`null::tsquery`
  const rankOf = sql`ts_rank_cd(d.search_vector, q.query)::float8`
  const rank = params.q && window?.part !== 'rest' ? rankOf : sql`0::float8`
  const headline = headlineOf(params)
  // The page is chosen over narrow rows (id, date, rank); texts are read for its rows only.
  // The total is counted apart, up to a cap (countMatches): `count(*) over ()` counted every
  // match. Without a query there is nothing to rank: the page comes from the compact summaries.
  let matches: RawBuilder<unknown>
  let order = orderBy(params)
  let outerOrder = orderOf(params, 'page')
  let outerRank = sql`page.rank`
  if (params.q && window) {
    // A broad query (decision 0015): the window's matches are ranked (the published index and
    // the GIN index together read only them), then the older ones follow, newest first.
    const inWindow =
      window.part === 'ranked'
        ? sql`d.published >= ${window.cutoff}`
        : sql`(d.published < ${window.cutoff} or d.published is null)`
    matches = sql`select d.id, d.published, ${rank} as rank, ${
      window.part === 'ranked' ? sql`count(*) over ()::int` : sql`null::int`
    } as total
      from ${queryMatches(params)} and ${inWindow}`
    if (window.part === 'rest') {
      order = sql`published desc nulls last, id`
      outerOrder = orderOf({ ...params, sort: 'newest' }, 'page')
      outerRank = rankOf
    }
  } else {
    matches = params.q
      ? sql`select d.id, d.published, ${rank} as rank, null::int as total
      from ${queryMatches(params)}`
      : sql`select s.doc_id as id, s.published, ${rank} as rank, null::int as total
      from ${matchingSummaries(params)}`
  }
  if (counting) {
    // The capped count in the same statement (one round trip for a selective query): one row
    // with the count and no hit when nothing is on the page. The matches are found once: under
    // the cap (and under `rankAll`) the page is ranked and ordered from the counted rows; past
    // `rankAll` a one-time filter leaves the page empty (the caller ranks a window, readPage);
    // past the cap without `rankAll` (newest first, later pages) it is read from all matches.
    const cap = counting.cap
    const under = Math.min(cap, counting.rankAll ?? cap)
    const counted = params.q
      ? sql`select d.id, d.published from ${queryMatches(params)} limit ${cap + 1}`
      : sql`select s.doc_id as id, s.published from ${matchingSummaries(params)} limit ${cap + 1}`
    const fromCounted = params.q
      ? sql`select d.id, d.published, ${rank} as rank, null::int as total
       from m join documents d on d.id = m.id, q where (select n from counted) <= ${under}`
      : sql`select m.id, m.published, 0::float8 as rank, null::int as total
       from m where (select n from counted) <= ${under}`
    const paged = sql`order by ${order} limit ${page.limit} offset ${page.offset}`
    const pageRows =
      counting.rankAll == null
        ? sql`(${fromCounted} ${paged})
      union all
      (${matches} and (select n from counted) > ${cap} ${paged})`
        : sql`${fromCounted} ${paged}`
    return sql<SearchRow>`
    with q as materialized (select ${query} as query),
    m as materialized (${counted}),
    counted as materialized (select count(*)::int as n from m),
    page as (
      ${pageRows}
    )
    select counted.n as matched, x.* from counted left join (
      select d.id, d.title, d.lang, d.source, d.published, ${outerRank} as rank, page.total,
             ${headline} as headline
      from page join documents d on d.id = page.id, q
    ) x on true
    order by ${orderOf(params, 'x')}`
  }
  return sql<SearchRow>`
    with q as materialized (select ${query} as query),
    page as (
      ${matches}
      order by ${order}
      limit ${page.limit} offset ${page.offset}
    )
    select d.id, d.title, d.lang, d.source, d.published, ${outerRank} as rank, page.total,
           ${headline} as headline
    from page join documents d on d.id = page.id, q
    order by ${outerOrder}`
}

/**
 * The capped count a page statement also makes ({@link buildSearchSql}): at most `cap` + 1
 * matches; with `rankAll`, the page is left empty when more than that many match.
 */
export interface Counting {
  readonly cap: number
  readonly rankAll: number | null
}

/** A row of {@link buildFacetSql}. */
interface FacetRow {
  kind: string
  value: string
  n: number
}

/**
 * Builds the facet statement: the summaries of the matching documents (at most
 * {@link FACET_SAMPLE} + 1, to tell a sample), then the top values of language, source and each
 * fact kind among them. A summary holds each value once per document, so counts are documents.
 */
export function buildFacetSql(
  params: SearchParams,
  sample?: RawBuilder<unknown>,
): RawBuilder<FacetRow> {
  const query = params.q ? buildTsQuery(params.q, params.lang) : sql`null::tsquery`
  const values = (kind: FacetKind, array: RawBuilder<unknown>) =>
    sql`select ${sql.lit(kind)}, v, count(*)::int from m cross join unnest(${array}) v group by v`
  return sql<FacetRow>`
    with q as materialized (select ${query} as query),
    m as materialized (
      ${
        sample ??
        sql`select s.lang, s.source, s.crimes, s.events, s.place_ids, s.place_names, s.persons,
             s.organizations
      from ${matchingSummaries(params)}
      limit ${sql.lit(FACET_SAMPLE + 1)}`
      }
    ),
    counted as (
      select '#matched' as kind, '' as value, count(*)::int as n from m
      union all
      select 'lang', m.lang, count(*)::int from m group by m.lang
      union all
      select 'source', m.source, count(*)::int from m group by m.source
      union all
      ${values('crime', sql`m.crimes`)}
      union all
      ${values('event', sql`m.events`)}
      union all
      ${values('location', sql`m.place_ids || m.place_names`)}
      union all
      ${values('person', sql`m.persons`)}
      union all
      ${values('organization', sql`m.organizations`)}
    ),
    ranked as (
      select kind, value, n, row_number() over (partition by kind order by n desc, value) as r
      from counted
    )
    select kind, value, n from ranked where r <= ${sql.lit(FACET_TOP)} order by kind, r`
}

/** Creates the search repository over an open database. */
export function createSearchRepository(
  db: Kysely<Database>,
  limits: SearchLimits = DEFAULT_SEARCH_LIMITS,
): SearchRepository {
  // The record's size changes slowly: it is read once a minute, not before every search.
  let size: { readonly n: number; readonly at: number } | null = null
  const recordSize = async (): Promise<number> => {
    const now = Date.now()
    if (!size || now - size.at > RECORD_SIZE_TTL_MS) size = { n: await readRecordSize(db), at: now }
    return size.n
  }
  return {
    async search(params) {
      const cursor = decodeCursor(params.cursor)
      const offset = cursor.offset
      const limit = Math.min(Math.max(Math.trunc(params.limit), 1), 100)
      return withDbErrors('searching', async () => {
        // Whether the words are common enough to read without the text index (decision 0017)
        // is decided on the first page; a later page's cursor says how its first was read.
        const plan = params.cursor ? null : await planScan(db, params, limits, recordSize)
        const facetsOf = () =>
          plan ? readScanFacets(db, params, plan, limits) : readFacets(db, params)
        if (params.facets === 'only') {
          // The counts alone: no ranking, no snippets. The total is counted apart only when
          // the sample did not hold every match.
          const facets = await facetsOf()
          // A sample that did not hold every match has counted past a cap no larger than it.
          const count: MatchCount =
            facets.estimate !== null
              ? { total: facets.estimate, totalIsLowerBound: false, totalIsEstimate: true }
              : !facets.facets.sampled
                ? { total: facets.matched, totalIsLowerBound: false, totalIsEstimate: false }
                : limits.countCap <= FACET_SAMPLE
                  ? { total: limits.countCap, totalIsLowerBound: true, totalIsEstimate: false }
                  : await countMatches(db, params, limits.countCap)
          return { items: [], ...count, nextCursor: null, facets: facets.facets }
        }
        const browseEstimate =
          !params.q && !params.cursor && effectiveSort(params) === 'newest'
            ? await estimateBrowse(db, params, limits, recordSize)
            : null
        const [page, facets] = await Promise.all([
          readPage(db, params, limit, cursor, limits, plan, browseEstimate),
          params.facets ? facetsOf() : Promise.resolve(undefined),
        ])
        const { rows, count, cutoff } = page
        const items = rows.map((r) => ({
          id: r.id,
          title: r.title,
          lang: isLang(r.lang) ? r.lang : 'en',
          source: r.source,
          published: r.published,
          rank: Number(r.rank),
          snippet: params.q ? parseHeadline(r.headline) : leadSnippet(r.headline),
        }))
        const next = offset + rows.length
        const more =
          rows.length === limit &&
          (count.totalIsLowerBound || count.totalIsEstimate || next < count.total)
        return {
          items,
          ...count,
          nextCursor: more ? encodeCursor(next, cutoff, page.scanned ? count.total : null) : null,
          ...(facets ? { facets: facets.facets } : {}),
        }
      })
    },
    countByArea(params, areaOf) {
      return withDbErrors('counting by area', async () => {
        const { rows } = await buildAreaCountSql({ ...params, limit: 1 }, areaOf).execute(db)
        return rows.map((r) => ({ value: r.value, count: Number(r.n) }))
      })
    },
  }
}

/**
 * A page read: its rows, the count, the window's cutoff, and whether it was read without the
 * text index (decision 0017; the cursor keeps the way).
 */
interface PageRead {
  readonly rows: SearchRow[]
  readonly count: MatchCount
  readonly cutoff: string | null
  readonly scanned?: boolean
}

/** A capped count of the matches. */
interface MatchCount {
  readonly total: number
  readonly totalIsLowerBound: boolean
  readonly totalIsEstimate: boolean
}

/**
 * Reads a page of hits. A query ranked by relevance that matches more than `rankAll` documents
 * is ranked over a window of the newest documents (decision 0015): the cutoff date is chosen on
 * the first page and carried by the cursor, so that every page orders the same set the same
 * way — the window's matches by rank, then the older matches newest first.
 */
async function readPage(
  db: Kysely<Database>,
  params: SearchParams,
  limit: number,
  cursor: {
    readonly offset: number
    readonly cutoff: string | null
    readonly estimate: number | null
  },
  limits: SearchLimits,
  plan: ScanPlan | null,
  browseEstimate: number | null = null,
): Promise<PageRead> {
  if (!params.q && (cursor.estimate !== null || browseEstimate !== null)) {
    // Browsing a large set newest first: the page is read through the summaries' date index,
    // the total is the planner's (see estimateBrowse).
    const estimate = cursor.estimate ?? browseEstimate ?? 0
    const { rows } = await buildSearchSql(params, { limit, offset: cursor.offset }).execute(db)
    return {
      rows,
      count: {
        total: Math.max(estimate, cursor.offset + rows.length),
        totalIsLowerBound: false,
        totalIsEstimate: true,
      },
      cutoff: null,
      scanned: true,
    }
  }
  if (params.q && (cursor.estimate !== null || plan)) {
    const scanned = await readScan(
      db,
      params,
      limit,
      { offset: cursor.offset, cutoff: cursor.cutoff, estimate: cursor.estimate ?? 0 },
      plan,
      limits,
    )
    if (scanned) return scanned
  }
  const offset = cursor.offset
  const relevance = params.q !== '' && effectiveSort(params) === 'relevance'
  // A later page keeps the way its first page was ordered (the cursor says which).
  const first = !params.cursor
  if (cursor.cutoff === null) {
    // The count and, unless it is broad, the page: one statement.
    const { rows: counted } = await buildSearchSql(params, { limit, offset }, undefined, {
      cap: limits.countCap,
      rankAll: relevance && first ? limits.rankAll : null,
    }).execute(db)
    const n = Number(counted[0]?.matched ?? 0)
    const count =
      n > limits.countCap
        ? { total: limits.countCap, totalIsLowerBound: true, totalIsEstimate: false }
        : { total: n, totalIsLowerBound: false, totalIsEstimate: false }
    const broad = relevance && first && n > limits.rankAll
    if (!broad) return { rows: counted.filter((r) => r.id !== null), count, cutoff: null }
    return readWindow(db, params, limit, cursor, limits, count)
  }
  return readWindow(
    db,
    params,
    limit,
    cursor,
    limits,
    await countMatches(db, params, limits.countCap),
  )
}

/** The page of a broad query ranked over its window (see {@link readPage}). */
async function readWindow(
  db: Kysely<Database>,
  params: SearchParams,
  limit: number,
  cursor: { readonly offset: number; readonly cutoff: string | null },
  limits: SearchLimits,
  count: MatchCount,
): Promise<{ rows: SearchRow[]; count: MatchCount; cutoff: string | null }> {
  const offset = cursor.offset
  let cutoff = cursor.cutoff
  let rows: SearchRow[] = []
  if (cutoff !== null) {
    rows = (await buildSearchSql(params, { limit, offset }, { cutoff, part: 'ranked' }).execute(db))
      .rows
  } else {
    // The first page: the window grows fourfold until it holds `windowTarget` matches (the
    // ranked statement counts them); one that would take every dated document ranks them all.
    // The window counts back from the `to` date when there is one (through the published-day
    // index), and one that reaches back past `from` holds every match already.
    const upTo = params.to ? sql`and left(published, 10) <= ${params.to}` : sql``
    for (let size = limits.windowStart; ; size *= 4) {
      const { rows: at } = await sql<{ published: string }>`
        select left(published, 10) as published from documents
        where published is not null ${upTo}
        order by left(published, 10) desc limit 1 offset ${size - 1}`.execute(db)
      cutoff = at[0]?.published ?? null
      if (cutoff === null) {
        const all = await buildSearchSql(params, { limit, offset }).execute(db)
        return { rows: all.rows, count, cutoff: null }
      }
      rows = (
        await buildSearchSql(params, { limit, offset }, { cutoff, part: 'ranked' }).execute(db)
      ).rows
      if ((rows[0]?.total ?? 0) >= limits.windowTarget) break
      if (params.from && cutoff <= params.from) break
    }
  }
  if (rows.length === limit) return { rows, count, cutoff }
  // The window ends on this page: the older matches follow it.
  const inWindow = rows[0]?.total ?? (await countWindow(db, params, cutoff))
  const rest = await buildSearchSql(
    params,
    { limit: limit - rows.length, offset: Math.max(0, offset - inWindow) },
    { cutoff, part: 'rest' },
  ).execute(db)
  return { rows: [...rows, ...rest.rows], count, cutoff }
}

/** How many matches were published on or after `cutoff` (a window holds few). */
async function countWindow(
  db: Kysely<Database>,
  params: SearchParams,
  cutoff: string,
): Promise<number> {
  const query = buildTsQuery(params.q, params.lang)
  const r = await sql<{ n: number }>`
    with q as materialized (select ${query} as query)
    select count(*)::int as n
    from ${queryMatches(params)} and d.published >= ${cutoff}`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}

/**
 * How a query whose words are common is read (decision 0017): the planner's share of the
 * documents holding its words, and how many documents its filters keep.
 */
interface ScanPlan {
  /** Share of all documents the words are expected in (0..1). */
  readonly share: number
  /**
   * The planner's share is doubtful: below `scanShare` for several words (it multiplies their
   * shares as if they were unrelated, and words of one story come together far more often), or
   * a phrase (estimated as its words together, and rarer). The first slice (`scanProbe`
   * documents) tells; a share under `scanShare` there goes back to the text index.
   */
  readonly probe: boolean
  /** Documents the filters keep (all documents without filters), as the planner expects. */
  readonly filtered: number
}

/** How long the record's size (the planner's, {@link readRecordSize}) is taken as known. */
const RECORD_SIZE_TTL_MS = 60_000

/**
 * The documents of the record as the planner counts them (`reltuples`, kept by `analyze` and
 * vacuum); 0 when the table was never analysed.
 */
async function readRecordSize(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select greatest(reltuples, 0)::float8 as n from pg_class where oid = to_regclass('documents')`.execute(
    db,
  )
  return Number(rows[0]?.n ?? 0)
}

/** The planner's estimate of the rows a statement returns (`explain`, nothing is run). */
async function estimateRows(db: Kysely<Database>, statement: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${statement}`.execute(
    db,
  )
  const raw = rows[0]?.['QUERY PLAN']
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
    | { Plan?: { 'Plan Rows'?: number } }[]
    | undefined
  return Number(plan?.[0]?.Plan?.['Plan Rows'] ?? 0)
}

/**
 * Decides whether a query is read newest first without the text index (decision 0017). The text
 * index lists every document holding a word before anything else happens: 313,000 for `police`
 * at 1,000,000 documents, about 60 ms, and a count or a filter then reads their rows. When the
 * planner's statistics (`analyze`) put the words in at least `scanShare` of the documents, the
 * newest documents that pass the filters are read in date order and each is checked, which
 * finds a window's worth of matches in a few hundred rows. Without statistics (a database never
 * analysed) or for rarer words the text index is used, as before.
 */
async function planScan(
  db: Kysely<Database>,
  params: SearchParams,
  limits: SearchLimits,
  recordSize: () => Promise<number>,
): Promise<ScanPlan | null> {
  if (!params.q || effectiveSort(params) === 'oldest') return null
  const all = await recordSize()
  if (all < Math.max(limits.scanMinDocs, 1)) return null
  // The query is inlined (not `q as materialized`) so that the planner reads its words'
  // frequencies from the statistics of the search vectors.
  const withWords = await estimateRows(
    db,
    sql`select 1 from documents d where d.search_vector @@ ${buildTsQuery(params.q, params.lang)}`,
  )
  let share = Math.min(1, withWords / all)
  // A phrase is estimated as its words together, and it is rarer: it is probed too.
  const probe = share < limits.scanShare || params.q.includes('"')
  if (share < limits.scanShare) {
    const words = params.q.split(/\s+/).filter((w) => w && w.toLowerCase() !== 'or').length
    if (words < 2 || share < limits.scanShare / 128) return null
    share = limits.scanShare
  }
  const filtered = await estimateFiltered(db, params, all)
  // Too few documents pass the filters to find a window of matches among the newest: the text
  // index narrows faster.
  if ((limits.windowTarget / share) * (all / Math.max(filtered, 1)) > limits.scanMax * 20)
    return null
  return { share, filtered: Math.max(filtered, 1), probe }
}

/**
 * The estimated total of browsing without words (decision 0017), when the planner expects more
 * than four times the count cap to pass the filters (its estimates of a source, a date range or a
 * fact in the summaries are close: 53,601 for 49,963 of a place at 1,000,000 documents); `null`:
 * counted as before. Counting 5,001 of them read that many summaries (60–110 ms at 1,000,000).
 */
async function estimateBrowse(
  db: Kysely<Database>,
  params: SearchParams,
  limits: SearchLimits,
  recordSize: () => Promise<number>,
): Promise<number | null> {
  const all = await recordSize()
  if (all < Math.max(limits.scanMinDocs, 1)) return null
  const filtered = await estimateFiltered(db, params, all)
  return filtered > limits.countCap * 4 ? roundEstimate(filtered) : null
}

/** The documents the filters keep, as the planner expects (`all` without filters). */
async function estimateFiltered(
  db: Kysely<Database>,
  params: SearchParams,
  all: number,
): Promise<number> {
  return hasFilters(params)
    ? estimateRows(db, sql`select 1 from ${matchingSummaries({ ...params, q: '' })}`)
    : all
}

function hasFilters(params: SearchParams): boolean {
  return Boolean(
    params.lang ||
      params.source ||
      params.from ||
      params.to ||
      params.facts?.length ||
      params.placeIn?.length,
  )
}

/** A total that is an estimate, to two significant digits (310,000; 4,700; 86). */
function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n)
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1)
  return Math.round(n / unit) * unit
}

/** A row of {@link buildScanSql}. */
interface ScanRow extends SearchRow {
  /** Documents in the window that pass the filters. */
  docs: number
  /** Matches among them. */
  matches: number
}

/**
 * A window of a query read without the text index (decision 0017): the documents passing the
 * filters published on or after the cutoff — the `size`-th newest of them, or the cutoff a
 * cursor carries — each checked against the query; the matches ranked. `ts_match_vq` is the
 * function behind `@@`: called by name it cannot be answered from the text index.
 */
export function buildScanSql(
  params: SearchParams,
  page: { readonly limit: number; readonly offset: number },
  cutoff: string,
): RawBuilder<ScanRow> {
  const filtered = matchingSummaries({ ...params, q: '' })
  return sql<ScanRow>`
    with q as materialized (select ${buildTsQuery(params.q, params.lang)} as query),
    w as materialized (select s.doc_id from ${filtered} and ${inScanWindow(cutoff)}),
    m as materialized (
      select d.id, ts_rank_cd(d.search_vector, q.query)::float8 as rank
      from documents d cross join q
      where d.id = any(array(select w.doc_id from w)) and ts_match_vq(d.search_vector, q.query)
    ),
    page as (select m.id, m.rank from m order by m.rank desc, m.id limit ${page.limit} offset ${page.offset})
    select (select count(*) from w)::int as docs, (select count(*) from m)::int as matches, x.*
    from (select 1) one left join (
      select d.id, d.title, d.lang, d.source, d.published, page.rank, null::int as total,
             ${headlineOf(params)} as headline
      from page join documents d on d.id = page.id, q
    ) x on true
    order by x.rank desc, x.id`
}

/** A row of {@link buildScanSliceSql}: a match (or none, `id` null) and the slice's documents. */
interface SliceRow {
  docs: number
  id: string | null
  rank: number | null
}

/**
 * A slice of a window read without the text index: the documents passing the filters
 * published from the day `cutoff` on and before the day `before` (a previous slice's cutoff),
 * each checked against the query; the matches with their ranks, and how many documents the
 * slice held.
 */
export function buildScanSliceSql(
  params: SearchParams,
  cutoff: string,
  before: string | null,
): RawBuilder<SliceRow> {
  // The last slice (an empty cutoff) holds the undated documents too.
  const upper =
    before === null
      ? sql`true`
      : cutoff === ''
        ? sql`(left(s.published, 10) < ${before} or s.published is null)`
        : sql`left(s.published, 10) < ${before}`
  return sql<SliceRow>`
    with q as materialized (select ${buildTsQuery(params.q, params.lang)} as query),
    w as materialized (
      select s.doc_id from ${matchingSummaries({ ...params, q: '' })} and ${inScanWindow(cutoff)} and ${upper}
    )
    select (select count(*) from w)::int as docs, m.id, m.rank
    from (select 1) one left join (
      select d.id, ts_rank_cd(d.search_vector, q.query)::float8 as rank
      from documents d cross join q
      where d.id = any(array(select w.doc_id from w)) and ts_match_vq(d.search_vector, q.query)
    ) m on true`
}

/**
 * The page of a window whose matches and ranks were read in slices: ordered as
 * {@link buildScanSql} orders them, by the database, so that later pages (which read the
 * window whole) continue it exactly.
 */
export function buildRankedPageSql(
  params: SearchParams,
  page: { readonly limit: number; readonly offset: number },
  matches: readonly { readonly id: string; readonly rank: number }[],
): RawBuilder<SearchRow> {
  return sql<SearchRow>`
    with q as materialized (select ${buildTsQuery(params.q, params.lang)} as query),
    page as (
      select m.id, m.rank
      from unnest(${matches.map((m) => m.id)}::text[], ${matches.map((m) => m.rank)}::float8[]) as m(id, rank)
      order by m.rank desc, m.id limit ${page.limit} offset ${page.offset}
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank, null::int as total,
           ${headlineOf(params)} as headline
    from page join documents d on d.id = page.id, q
    order by page.rank desc, page.id`
}

/**
 * The cutoff of a window of `size` documents passing the filters: the date of the `size`-th
 * newest, read through the published-date index of the summaries; `''` (every dated document)
 * when fewer pass. A statement of its own, so that the window's statement is planned knowing
 * the date.
 */
async function scanCutoff(
  db: Kysely<Database>,
  params: SearchParams,
  size: number,
  before: string | null = null,
): Promise<string> {
  // Past a previous cutoff only the documents before its day are read (`size` counts on from it).
  const upper = before === null ? sql`` : sql`and left(s.published, 10) < ${before}`
  const { rows } = await sql<{ day: string }>`
    select left(s.published, 10) as day
    from ${matchingSummaries({ ...params, q: '' })} and s.published is not null ${upper}
    order by ${NEWEST_SUMMARIES} offset ${Math.max(size, 1) - 1} limit 1`.execute(db)
  return rows[0]?.day ?? ''
}

/**
 * The summaries `s` in a window from `cutoff` on; a window with an empty cutoff holds every
 * document passing the filters, undated ones too, and its count is exact.
 */
function inScanWindow(cutoff: string): RawBuilder<unknown> {
  return cutoff === '' ? sql`true` : sql`left(s.published, 10) >= ${cutoff}`
}

/**
 * Whether the document of summary `s` matches the query `q`, checked on its vector: a scalar
 * subquery, which PostgreSQL runs per row through the primary key (as a join it could hash
 * every document instead).
 */
const matchesQuery = sql`(
  select ts_match_vq(d.search_vector, q.query) from documents d, q where d.id = s.doc_id
)`

/**
 * Summaries newest first, in the order of their published-date index (migration
 * 202611260100): by day, then by the date as the source gave it, then by document.
 */
const NEWEST_SUMMARIES = sql`left(s.published, 10) desc nulls last, s.published desc nulls last, s.doc_id`

/**
 * The matches of a query read without the text index that lie before a window's cutoff (or
 * every match, without one), newest first: the documents passing the filters are read through
 * the published-date index of the summaries and each is checked, until the page is full.
 */
export function buildScanRestSql(
  params: SearchParams,
  page: { readonly limit: number; readonly offset: number },
  cutoff: string | null,
): RawBuilder<SearchRow> {
  const filtered = matchingSummaries({ ...params, q: '' })
  const upTo = page.limit + page.offset
  const dated =
    cutoff === null ? sql`s.published is not null` : sql`left(s.published, 10) < ${cutoff}`
  const branch = (where: RawBuilder<unknown>, order: RawBuilder<unknown>) => sql`(
      select s.doc_id as id, left(s.published, 10) as day, s.published
      from ${filtered} and ${where} and ${matchesQuery}
      order by ${order} limit ${upTo}
    )`
  return sql<SearchRow>`
    with q as materialized (select ${buildTsQuery(params.q, params.lang)} as query),
    page as (
      select * from (
        ${branch(dated, NEWEST_SUMMARIES)}
        union all
        ${branch(sql`s.published is null`, sql`s.doc_id`)}
      ) r
      order by r.day desc nulls last, r.published desc nulls last, r.id
      limit ${page.limit} offset ${page.offset}
    )
    select d.id, d.title, d.lang, d.source, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank,
           null::int as total, ${headlineOf(params)} as headline
    from page join documents d on d.id = page.id, q
    order by page.day desc nulls last, page.published desc nulls last, page.id`
}

/**
 * The facets of a query read without the text index: the summaries of its matches among the
 * newest `size` documents passing the filters (a sample unless that is all of them).
 */
export function buildScanFacetSql(params: SearchParams, cutoff: string): RawBuilder<FacetRow> {
  return buildFacetSql(
    params,
    sql`select s.lang, s.source, s.crimes, s.events, s.place_ids, s.place_names, s.persons,
             s.organizations
      from ${matchingSummaries({ ...params, q: '' })} and ${inScanWindow(cutoff)} and ${matchesQuery}`,
  )
}

/**
 * Reads a page of a query read without the text index (decision 0017). By relevance, the first
 * page sizes its window from the planner's share (about `windowTarget` matches) and grows it
 * fourfold while it holds fewer; the cursor carries the cutoff and the estimated total. Newest
 * first, the matches are read in date order. `null`: the words were rarer among the newest
 * documents than the planner said — the caller uses the text index.
 */
async function readScan(
  db: Kysely<Database>,
  params: SearchParams,
  limit: number,
  cursor: { readonly offset: number; readonly cutoff: string | null; readonly estimate: number },
  plan: ScanPlan | null,
  limits: SearchLimits,
): Promise<PageRead | null> {
  const offset = cursor.offset
  const estimated = (total: number) => ({
    total,
    totalIsLowerBound: false,
    totalIsEstimate: true,
  })
  if (effectiveSort(params) !== 'relevance') {
    const { rows } = await buildScanRestSql(params, { limit, offset }, null).execute(db)
    const total = plan ? roundEstimate(plan.share * plan.filtered) : cursor.estimate
    return {
      rows,
      count: estimated(Math.max(total, offset + rows.length)),
      cutoff: null,
      scanned: true,
    }
  }
  let rows: SearchRow[]
  let inWindow: number
  let cutoff = cursor.cutoff ?? ''
  let total = cursor.estimate
  if (plan) {
    // The window is read in slices, newest first, each from the previous one's cutoff back,
    // sized from the share of matches seen so far; the matches found are ranked at the end.
    const found: { id: string; rank: number }[] = []
    let docs = 0
    let before: string | null = null
    // The first slice reads at most `scanProbe` documents: what it finds corrects the planner.
    let size = plan.probe
      ? limits.scanProbe
      : Math.min(
          limits.scanProbe,
          Math.max(limits.windowTarget, Math.ceil((limits.windowTarget * 1.25) / plan.share)),
        )
    for (;;) {
      // The slice holds the documents from the next `size - docs` on (whole days).
      cutoff = await scanCutoff(db, params, size - docs, before)
      const slice = (await buildScanSliceSql(params, cutoff, before).execute(db)).rows
      docs += Number(slice[0]?.docs ?? 0)
      for (const r of slice) if (r.id !== null) found.push({ id: r.id, rank: Number(r.rank) })
      before = cutoff
      if (found.length >= limits.windowTarget || cutoff === '') break
      if (docs >= limits.scanMax) return null
      // The words are far rarer among these documents than the planner said (a phrase is rarer
      // than its words together, a filter may keep other stories): the text index is faster.
      if (found.length < docs * limits.scanShare * (plan.probe ? 1 : 0.25) && docs >= 500)
        return null
      const need = (limits.windowTarget * 1.25 * Math.max(docs, 1)) / Math.max(found.length, 0.5)
      size = Math.min(limits.scanMax, Math.max(docs * 2, Math.min(docs * 8, Math.ceil(need))))
    }
    inWindow = found.length
    total = Math.max(inWindow, roundEstimate((inWindow / Math.max(docs, 1)) * plan.filtered))
    rows = (await buildRankedPageSql(params, { limit, offset }, found).execute(db)).rows
  } else {
    const ranked = (await buildScanSql(params, { limit, offset }, cutoff).execute(db)).rows
    inWindow = ranked[0]?.matches ?? 0
    rows = ranked
  }
  const hits = rows.filter((r) => r.id !== null)
  // A window that holds every document passing the filters has counted its matches.
  if (cutoff === '')
    return {
      rows: hits,
      count: { total: inWindow, totalIsLowerBound: false, totalIsEstimate: false },
      cutoff,
      scanned: true,
    }
  const count = estimated(Math.max(total, offset + hits.length))
  if (hits.length === limit) return { rows: hits, count, cutoff, scanned: true }
  // The window ends on this page: the older (and undated) matches follow it, newest first.
  const rest = await buildScanRestSql(
    params,
    { limit: limit - hits.length, offset: Math.max(0, offset - inWindow) },
    cutoff,
  ).execute(db)
  return { rows: [...hits, ...rest.rows], count, cutoff, scanned: true }
}

/** Builds the per-area count statement of {@link SearchRepository.countByArea}. */
export function buildAreaCountSql(
  params: SearchParams,
  areaOf: Readonly<Record<string, string>>,
): RawBuilder<FacetRow> {
  const query = params.q ? buildTsQuery(params.q, params.lang) : sql`null::tsquery`
  // Every match counts (no sample): the places of a summary are distinct, so a document counts
  // once per area unless two of its places lie in the same area — "distinct" removes those.
  return sql<FacetRow>`
    with q as materialized (select ${query} as query),
    area as (select key as place, value as area from jsonb_each_text(${JSON.stringify(areaOf)}::jsonb)),
    m as (select s.doc_id, s.place_ids from ${matchingSummaries(params)}),
    hit as (
      select distinct m.doc_id, area.area
      from m cross join unnest(m.place_ids) p(place) join area on area.place = p.place
    )
    select 'area' as kind, area as value, count(*)::int as n from hit group by area order by n desc, area`
}

/**
 * The facets of a search, and how many matches they were counted over; `estimate` is the
 * estimated total of a query read without the text index (null when counted).
 */
interface FacetResult {
  readonly facets: SearchFacets
  readonly matched: number
  readonly estimate: number | null
}

/**
 * The facets of a query read without the text index (decision 0017): counted over its matches
 * among the newest documents that pass the filters, about `scanFacetTarget` of them (always a
 * sample); their share of those documents estimates the total.
 */
async function readScanFacets(
  db: Kysely<Database>,
  params: SearchParams,
  plan: ScanPlan,
  limits: SearchLimits,
): Promise<FacetResult> {
  // At most a quarter of a ranking window's limit: the facets are a sample either way.
  const size = Math.min(
    Math.ceil(limits.scanMax / 4),
    Math.max(limits.windowTarget, Math.ceil((limits.scanFacetTarget * 1.25) / plan.share)),
  )
  const cutoff = await scanCutoff(db, params, size)
  const result = await readFacets(db, params, buildScanFacetSql(params, cutoff))
  // A window with an empty cutoff holds every match: its counts are exact.
  if (cutoff === '') return { ...result, facets: { ...result.facets, sampled: false } }
  return {
    facets: { ...result.facets, sampled: true },
    matched: result.matched,
    estimate: Math.max(result.matched, roundEstimate((result.matched / size) * plan.filtered)),
  }
}

/** The facets of a search, and how many matches they were counted over. */
async function readFacets(
  db: Kysely<Database>,
  params: SearchParams,
  statement: RawBuilder<FacetRow> = buildFacetSql(params),
): Promise<FacetResult> {
  const { rows } = await statement.execute(db)
  const by = (kind: string): FacetCount[] =>
    rows.filter((r) => r.kind === kind).map((r) => ({ value: r.value, count: Number(r.n) }))
  const matched = Number(rows.find((r) => r.kind === '#matched')?.n ?? 0)
  const [person, organization] = await nameEntities(
    db,
    [by('person'), by('organization')],
    params.ui,
  )
  return {
    facets: {
      lang: by('lang'),
      source: by('source'),
      crime: by('crime'),
      event: by('event'),
      location: by('location'),
      person: person ?? [],
      organization: organization ?? [],
      sampled: matched > FACET_SAMPLE,
    },
    matched: Math.min(matched, FACET_SAMPLE),
    estimate: null,
  }
}

/** Mentions read per entity to choose its display name. */
const NAME_SAMPLE = 2_000

/**
 * Labels the entity values of person and organisation facets: the entity's most used name in
 * the script of `ui` (Cyrillic for ru and kk, Latin for en) among up to {@link NAME_SAMPLE} of
 * its mentions, else its canonical name.
 */
async function nameEntities(
  db: Kysely<Database>,
  lists: readonly FacetCount[][],
  ui: Lang | undefined,
): Promise<FacetCount[][]> {
  const ids = lists.flat().flatMap((c) => (ENTITY_VALUE.test(c.value) ? [c.value.slice(7)] : []))
  if (ids.length === 0) return [...lists]
  const { rows } = await sql<{ id: string; canonical: string; name: string | null; n: number }>`
    select e.id::text as id, e.name as canonical, m.name, m.n
    from entities e
    left join lateral (
      select name, count(*)::int as n
      from (select em.name from entity_mentions em where em.entity_id = e.id limit ${sql.lit(NAME_SAMPLE)}) x
      group by name
    ) m on true
    where e.id = any(${ids}::bigint[])`.execute(db)
  const script = ui === 'en' ? /[A-Za-z]/ : /[\u0400-\u04FF]/
  const names = new Map<string, { canonical: string; used: { name: string; n: number }[] }>()
  for (const r of rows) {
    const entry = names.get(r.id) ?? { canonical: r.canonical, used: [] }
    if (r.name !== null) entry.used.push({ name: r.name, n: Number(r.n) })
    names.set(r.id, entry)
  }
  const best = new Map<string, string>()
  for (const [id, { canonical, used }] of names) {
    const inScript = used
      .filter((u) => script.test(u.name))
      .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : 1))
    best.set(id, inScript[0]?.name ?? canonical)
  }
  return lists.map((list) =>
    list.map((c) => {
      const name = ENTITY_VALUE.test(c.value) ? best.get(c.value.slice(7)) : undefined
      return name ? { ...c, label: name } : c
    }),
  )
}

/**
 * Counts the matches up to `cap`: one more is read to tell "more than" (a broad word matches a
 * third of the record; counting them all read every matching row).
 */
async function countMatches(
  db: Kysely<Database>,
  params: SearchParams,
  cap: number,
): Promise<MatchCount> {
  const query = params.q ? buildTsQuery(params.q, params.lang) : sql`null::tsquery`
  const r = await sql<{ n: number }>`
    with q as materialized (select ${query} as query)
    select count(*)::int as n from (
      select 1 from ${params.q ? queryMatches(params) : matchingSummaries(params)}
      limit ${cap + 1}
    ) m`.execute(db)
  const n = Number(r.rows[0]?.n ?? 0)
  return n > cap
    ? { total: cap, totalIsLowerBound: true, totalIsEstimate: false }
    : { total: n, totalIsLowerBound: false, totalIsEstimate: false }
}

/** The start of a text as a snippet, cut at a word, with no highlights. */
function leadSnippet(lead: string): { text: string; highlights: Span[] } {
  const flat = lead.replace(/\s+/g, ' ').trim()
  if (flat.length < LEAD_CHARS - 20) return { text: flat, highlights: [] }
  const space = flat.lastIndexOf(' ')
  return { text: `${space > LEAD_CHARS / 2 ? flat.slice(0, space) : flat} …`, highlights: [] }
}

/** Removes ts_headline's match markers and returns the plain snippet with highlight offsets. */
export function parseHeadline(marked: string): { text: string; highlights: Span[] } {
  let text = ''
  const highlights: Span[] = []
  let open = -1
  for (const ch of marked) {
    if (ch === START_MARK) open = text.length
    else if (ch === STOP_MARK) {
      if (open >= 0 && text.length > open) highlights.push({ start: open, end: text.length })
      open = -1
    } else text += ch
  }
  return { text, highlights }
}

// Cursors are opaque to clients: base64url of the next offset and, for a broad query ranked
// over a window, the window's cutoff date, so a client cannot depend on them.
function encodeCursor(offset: number, cutoff: string | null, estimate: number | null): string {
  return Buffer.from(
    JSON.stringify({
      o: offset,
      ...(cutoff === null ? {} : { c: cutoff }),
      ...(estimate === null ? {} : { e: estimate }),
    }),
  ).toString('base64url')
}

function decodeCursor(cursor: string | undefined): {
  offset: number
  cutoff: string | null
  estimate: number | null
} {
  if (!cursor) return { offset: 0, cutoff: null, estimate: null }
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const o = (value as { o?: unknown } | null)?.o
    const c = (value as { c?: unknown } | null)?.c
    const e = (value as { e?: unknown } | null)?.e
    // A window read without the text index (an estimated total `e`) may cover every dated
    // document: its cutoff is then empty.
    const estimate = typeof e === 'number' && Number.isInteger(e) && e >= 0 ? e : null
    const cutoff =
      typeof c === 'string' && (c.length > 0 || estimate !== null) && c.length <= 40 ? c : null
    if (
      typeof o === 'number' &&
      Number.isInteger(o) &&
      o >= 0 &&
      o <= 1_000_000 &&
      (c === undefined || cutoff !== null) &&
      (e === undefined || estimate !== null)
    )
      return { offset: o, cutoff, estimate }
  } catch {
    // Falls through to the error below.
  }
  throw new InvalidInputError('the cursor is not one this server issued', { details: { cursor } })
}
