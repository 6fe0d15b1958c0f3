/**
 * Learns each site's page furniture from the pages ingested (issue #5, point 4): counts, per
 * host, the pages each short line was seen on and how often inside the article, and answers the
 * lines that count as furniture (the rule is `isFurniture` of `pipeline/stages/clean/furniture`:
 * seen on 3 pages or more, inside the article on fewer than half).
 *
 * @module storage/document-repository-furniture
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import type { PageLine } from '#core/document.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** Pages a line must be seen on; inside-article share below one half (see the module doc). */
const MIN_PAGES = 3

/** Reads and writes what was learned about sites' furniture. */
export interface FurnitureRepository {
  /** The furniture lines (keys) of a host. */
  linesOf(host: string): Promise<Set<string>>
  /**
   * Counts one page of a host. A page already counted (same host and document id) counts
   * nothing: re-ingesting is idempotent. Resolves to whether it was counted.
   */
  observe(host: string, docId: string, lines: readonly PageLine[]): Promise<boolean>
}

/** Creates the furniture repository over an open database. */
export function createFurnitureRepository(db: Kysely<Database>): FurnitureRepository {
  return {
    linesOf: (host) =>
      withDbErrors(`reading the furniture of ${host}`, async () => {
        const rows = await sql<{ line_key: string }>`
          select line_key from site_lines
          where host = ${host} and pages >= ${MIN_PAGES} and in_article * 2 < pages`.execute(db)
        return new Set(rows.rows.map((r) => r.line_key))
      }),
    observe: (host, docId, lines) =>
      withDbErrors(`learning the furniture of ${host}`, async () => {
        // One row per key: ON CONFLICT may not touch a row twice in one statement.
        const distinct = new Map<string, boolean>()
        for (const l of lines) distinct.set(l.key, (distinct.get(l.key) ?? false) || l.inArticle)
        const rows = JSON.stringify([...distinct].map(([k, a]) => ({ k, a: a ? 1 : 0 })))
        const result = await sql<{ counted: boolean }>`
          with page as (
            insert into site_pages (host, doc_id) values (${host}, ${docId})
            on conflict do nothing returning 1),
          lines as (
            insert into site_lines (host, line_key, pages, in_article)
            select ${host}, r.k, 1, r.a
            from jsonb_to_recordset(${rows}::jsonb) as r(k text, a int)
            where exists (select 1 from page)
            on conflict (host, line_key) do update
              set pages = site_lines.pages + 1,
                  in_article = site_lines.in_article + excluded.in_article
            returning 1)
          select exists (select 1 from page) as counted, (select count(*) from lines) as n`.execute(
          db,
        )
        return result.rows[0]?.counted === true
      }),
  }
}

/** One page of {@link observePagesIn}. */
export interface ObservedPage {
  readonly host: string
  readonly docId: string
  readonly lines: readonly PageLine[]
}

/**
 * Counts many pages in one statement of the caller's transaction, as {@link
 * FurnitureRepository.observe} one after the other would: a page counted before, or twice in
 * the list, counts once. Resolves to how many pages were counted per host.
 */
export async function observePagesIn(
  db: Kysely<Database> | Transaction<Database>,
  pages: readonly ObservedPage[],
): Promise<Map<string, number>> {
  const counted = new Map<string, number>()
  const seen = new Set<string>()
  const pageRows: { h: string; d: string }[] = []
  const lineRows: { h: string; d: string; k: string; a: number }[] = []
  for (const p of pages) {
    if (p.lines.length === 0) continue
    const id = `${p.host}\u0001${p.docId}`
    if (seen.has(id)) continue
    seen.add(id)
    pageRows.push({ h: p.host, d: p.docId })
    // One row per key and page: ON CONFLICT may not touch a row twice in one statement.
    const distinct = new Map<string, boolean>()
    for (const l of p.lines) distinct.set(l.key, (distinct.get(l.key) ?? false) || l.inArticle)
    for (const [k, a] of distinct) lineRows.push({ h: p.host, d: p.docId, k, a: a ? 1 : 0 })
  }
  if (pageRows.length === 0) return counted
  const result = await sql<{ host: string }>`
    with page as (
      insert into site_pages (host, doc_id)
      select r.h, r.d from jsonb_to_recordset(${JSON.stringify(pageRows)}::jsonb) as r(h text, d text)
      on conflict do nothing returning host, doc_id),
    lines as (
      insert into site_lines (host, line_key, pages, in_article)
      select r.h, r.k, count(*), sum(r.a)
      from jsonb_to_recordset(${JSON.stringify(lineRows)}::jsonb) as r(h text, d text, k text, a int)
      join page on page.host = r.h and page.doc_id = r.d
      group by r.h, r.k
      on conflict (host, line_key) do update
        set pages = site_lines.pages + excluded.pages,
            in_article = site_lines.in_article + excluded.in_article
      returning 1)
    select host from page, (select count(*) from lines) as n`.execute(db)
  for (const r of result.rows) counted.set(r.host, (counted.get(r.host) ?? 0) + 1)
  return counted
}
