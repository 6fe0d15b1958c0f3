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

/** A search request. */
export interface SearchParams {
  /** Web-search syntax: words, "quoted phrases", `or`, `-excluded`. */
  readonly q: string
  /** Only documents in this language (and only its stemming). */
  readonly lang?: Lang | undefined
  /** Hits per page (1..100). */
  readonly limit: number
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined
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

/** A page of hits. */
export interface SearchPage {
  readonly items: readonly SearchHitRecord[]
  /** Every match, over all pages. */
  readonly total: number
  /** Pass as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null
}

/** Searches documents. */
export interface SearchRepository {
  /** Runs a search; throws `invalid_input` for a cursor it did not issue. */
  search(params: SearchParams): Promise<SearchPage>
}

const TS_CONFIGS: Readonly<Record<Lang, string>> = { en: 'english', ru: 'russian', kk: 'simple' }

// Private-use characters mark matches in ts_headline's output; they never occur in news text,
// and are stripped to compute highlight offsets.
const START_MARK = '\uE000'
const STOP_MARK = '\uE001'
const HEADLINE_OPTIONS = `StartSel=${START_MARK}, StopSel=${STOP_MARK}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`
// ts_headline re-parses the text it is given; long documents are cut to keep a page fast.
const HEADLINE_MAX_CHARS = 100_000

/** Builds the tsquery for `q`: one language's stemming, or all three OR-ed when none is given. */
export function buildTsQuery(q: string, lang: Lang | undefined): RawBuilder<unknown> {
  if (lang) return sql`websearch_to_tsquery(${sql.lit(TS_CONFIGS[lang])}::regconfig, ${q})`
  // A document's vector is stemmed in its own language; OR-ing the three parses lets one query
  // match Russian, English and Kazakh documents and still use the GIN index.
  return sql`(websearch_to_tsquery('russian'::regconfig, ${q}) || websearch_to_tsquery('english'::regconfig, ${q}) || websearch_to_tsquery('simple'::regconfig, ${q}))`
}

/** A row of {@link buildSearchSql}. */
interface SearchRow {
  id: string
  title: string | null
  lang: string
  source: string
  published: string | null
  rank: number
  total: number
  headline: string
}

/**
 * Builds the search statement (its SQL is pinned by `search-repository.sql`). The page is ranked
 * first; snippets are made for the page's rows only, since ts_headline re-parses each text.
 */
export function buildSearchSql(
  q: string,
  lang: Lang | undefined,
  page: { readonly limit: number; readonly offset: number },
): RawBuilder<SearchRow> {
  const query = buildTsQuery(q, lang)
  const langFilter = lang ? sql`and d.lang = ${lang}` : sql``
  return sql<SearchRow>`
    with q as (select ${query} as query),
    page as (
      select d.id, d.title, d.lang, d.source, d.published, d.text,
             ts_rank_cd(d.search_vector, q.query)::float8 as rank,
             count(*) over ()::int as total
      from documents d, q
      where d.search_vector @@ q.query ${langFilter}
      order by rank desc, d.id
      limit ${page.limit} offset ${page.offset}
    )
    select page.id, page.title, page.lang, page.source, page.published, page.rank, page.total,
           ts_headline(
             (case page.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(page.text, ${sql.lit(HEADLINE_MAX_CHARS)}), q.query, ${HEADLINE_OPTIONS}
           ) as headline
    from page, q
    order by page.rank desc, page.id`
}

/** Creates the search repository over an open database. */
export function createSearchRepository(db: Kysely<Database>): SearchRepository {
  return {
    async search(params) {
      const offset = decodeCursor(params.cursor)
      const limit = Math.min(Math.max(Math.trunc(params.limit), 1), 100)
      const query = buildTsQuery(params.q, params.lang)
      return withDbErrors('searching', async () => {
        const result = await buildSearchSql(params.q, params.lang, { limit, offset }).execute(db)
        const rows = result.rows
        const total =
          rows[0]?.total ?? (offset > 0 ? await countMatches(db, query, params.lang) : 0)
        const items = rows.map((r) => ({
          id: r.id,
          title: r.title,
          lang: isLang(r.lang) ? r.lang : 'en',
          source: r.source,
          published: r.published,
          rank: Number(r.rank),
          snippet: parseHeadline(r.headline),
        }))
        const next = offset + rows.length
        return {
          items,
          total,
          nextCursor: rows.length === limit && next < total ? encodeCursor(next) : null,
        }
      })
    },
  }
}

async function countMatches(
  db: Kysely<Database>,
  query: RawBuilder<unknown>,
  lang: Lang | undefined,
) {
  const langFilter = lang ? sql`and lang = ${lang}` : sql``
  const r = await sql<{
    n: number
  }>`select count(*)::int as n from documents where search_vector @@ ${query} ${langFilter}`.execute(
    db,
  )
  return r.rows[0]?.n ?? 0
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

// Cursors are opaque to clients: base64url of the next offset, so a client cannot depend on it.
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url')
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const o = (value as { o?: unknown } | null)?.o
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && o <= 1_000_000) return o
  } catch {
    // Falls through to the error below.
  }
  throw new InvalidInputError('the cursor is not one this server issued', { details: { cursor } })
}
