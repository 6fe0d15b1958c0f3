/**
 * Learns each site's page furniture from the pages ingested (issue #5, point 4): counts, per
 * host, the pages each short line was seen on and how often inside the article, and answers the
 * lines that count as furniture (the rule is `isFurniture` of `pipeline/stages/clean/furniture`:
 * seen on 3 pages or more, inside the article on fewer than half).
 *
 * @module storage/document-repository-furniture
 */
import { type Kysely, sql } from 'kysely'
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
