/**
 * Reads matching documents with all their facts for exports (`GET /api/export`): the same
 * filters as search, in pages by document id (keyset), so an export of the whole record streams
 * in constant memory. Person and organisation facts carry the id of the entity they were
 * resolved to, when resolution has run.
 *
 * @module storage/export-repository
 */
import { type Kysely, sql } from 'kysely'
import { isLang, type Lang } from '#core/lang.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'
import { buildTsQuery, type SearchParams, whereMatches } from './search-repository.ts'

/** One fact of an exported document: its kind, the stored fact JSON and its resolved entity. */
export interface ExportFact {
  readonly kind: string
  readonly label: string
  readonly data: Readonly<Record<string, unknown>>
  /** The entity a person or organisation fact was resolved to (after merges), or `null`. */
  readonly entityId: string | null
}

/** One exported document. */
export interface ExportDocument {
  readonly id: string
  readonly title: string | null
  readonly lang: Lang
  readonly source: string
  readonly url: string | null
  readonly published: string | null
  readonly facts: readonly ExportFact[]
}

/** What an export selects: the search filters, without paging or sort. */
export type ExportParams = Omit<SearchParams, 'limit' | 'cursor' | 'sort' | 'facets'>

/** Reads documents for export. */
export interface ExportRepository {
  /** Every matching document, in id order, `batch` at a time; stops after `max` documents. */
  documents(
    params: ExportParams,
    options?: { readonly batch?: number; readonly max?: number },
  ): AsyncIterable<ExportDocument>
}

interface DocRow {
  id: string
  title: string | null
  lang: string
  source: string
  url: string | null
  published: string | null
}

interface FactRow {
  doc_id: string
  kind: string
  label: string
  data: Record<string, unknown> | string
  entity_id: string | null
}

/** Creates the export repository over an open database. */
export function createExportRepository(db: Kysely<Database>): ExportRepository {
  let entityTables: Promise<boolean> | null = null
  const hasEntities = () => {
    entityTables ??= sql<{ ok: boolean }>`select to_regclass('entity_mentions') is not null as ok`
      .execute(db)
      .then((r) => r.rows[0]?.ok === true)
    return entityTables
  }

  return {
    async *documents(params, options = {}) {
      const batch = Math.min(Math.max(options.batch ?? 200, 1), 1000)
      const max = options.max ?? Number.POSITIVE_INFINITY
      const search: SearchParams = { ...params, limit: batch }
      const query = search.q ? buildTsQuery(search.q, search.lang) : sql`null::tsquery`
      const withEntities = await hasEntities()
      let after = ''
      let sent = 0
      while (sent < max) {
        const take = Math.min(batch, max - sent)
        const docs = await withDbErrors('exporting', async () => {
          const r = await sql<DocRow>`
            with q as (select ${query} as query)
            select d.id, d.title, d.lang, d.source, d.url, d.published
            from documents d, q
            where ${whereMatches(search)} and d.id > ${after}
            order by d.id
            limit ${take}`.execute(db)
          return r.rows
        })
        if (docs.length === 0) return
        const ids = docs.map((d) => d.id)
        const facts = await withDbErrors('exporting', async () => {
          const entity = withEntities
            ? sql`(select coalesce(e.merged_into, e.id)::text from entity_mentions em join entities e on e.id = em.entity_id
                   where em.doc_id = f.doc_id and em.kind = f.kind and em.name = f.label limit 1)`
            : sql`null::text`
          const r = await sql<FactRow>`
            select f.doc_id, f.kind, f.label, f.data, ${entity} as entity_id
            from facts f
            where f.doc_id = any(${ids}::text[])
            order by f.doc_id, f.kind, f.ordinal`.execute(db)
          return r.rows
        })
        const byDoc = new Map<string, ExportFact[]>()
        for (const f of facts) {
          const list = byDoc.get(f.doc_id) ?? []
          list.push({
            kind: f.kind,
            label: f.label,
            data: typeof f.data === 'string' ? JSON.parse(f.data) : f.data,
            entityId: f.entity_id,
          })
          byDoc.set(f.doc_id, list)
        }
        for (const d of docs) {
          yield {
            id: d.id,
            title: d.title,
            lang: isLang(d.lang) ? d.lang : 'en',
            source: d.source,
            url: d.url,
            published: d.published,
            facts: byDoc.get(d.id) ?? [],
          }
        }
        sent += docs.length
        after = docs[docs.length - 1]!.id
        if (docs.length < take) return
      }
    },
  }
}
