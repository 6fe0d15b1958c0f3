/**
 * Reads who appears with whom: the people and organisations of the documents a search selects
 * (as resolved entities when resolution has run, else by name), and the events that tie a
 * subject to an agency — the data of the network graph (`GET /api/graph`).
 *
 * @module storage/graph-repository
 */
import { type Kysely, sql } from 'kysely'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'
import { buildTsQuery, type SearchParams, whereMatches } from './search-repository.ts'

/** What the graph selects: the search filters, without paging or sort. */
export type GraphParams = Omit<SearchParams, 'limit' | 'cursor' | 'sort' | 'facets'>

/** A person or organisation of one document. */
export interface GraphMention {
  readonly docId: string
  /** `e<entity id>` for a resolved entity, else `person:<name>` / `organization:<name>`. */
  readonly key: string
  readonly kind: 'person' | 'organization'
  readonly name: string
  /** The resolved entity's id, or `null`. */
  readonly entityId: string | null
}

/** An event of one document: its type, subjects and agency, as names. */
export interface GraphEvent {
  readonly docId: string
  readonly type: string
  readonly subjects: readonly string[]
  readonly agencies: readonly string[]
}

/** Reads graph material. */
export interface GraphRepository {
  /**
   * Mentions and events of the newest `maxDocs` matching documents; with `around`, only of the
   * documents that mention that node key.
   */
  read(
    params: GraphParams,
    options: { readonly maxDocs: number; readonly around?: string },
  ): Promise<{ mentions: GraphMention[]; events: GraphEvent[]; documents: number }>
}

/** Creates the graph repository over an open database. */
export function createGraphRepository(db: Kysely<Database>): GraphRepository {
  return {
    read(params, options) {
      const search: SearchParams = { ...params, limit: 1 }
      const query = search.q ? buildTsQuery(search.q, search.lang) : sql`null::tsquery`
      const key = sql`case when e.id is not null then 'e' || coalesce(e.merged_into, e.id)::text else f.kind || ':' || f.label end`
      const around = options.around
        ? sql`and exists (
            select 1 from facts f
            left join entity_mentions em on em.doc_id = f.doc_id and em.kind = f.kind and em.name = f.label
            left join entities e on e.id = em.entity_id
            where f.doc_id = d.id and f.kind in ('person', 'organization') and ${key} = ${options.around})`
        : sql``
      const docs = sql`
        with q as materialized (select ${query} as query),
        m as (
          select d.id from documents d, q
          where ${whereMatches(search)} ${around}
          order by d.published desc nulls last, d.id
          limit ${options.maxDocs}
        )`
      return withDbErrors('reading the graph', async () => {
        const [mentions, events] = await Promise.all([
          sql<{
            doc_id: string
            key: string
            kind: string
            name: string
            entity_id: string | null
          }>`
            ${docs}
            select f.doc_id, ${key} as key, f.kind, f.label as name,
                   coalesce(e.merged_into, e.id)::text as entity_id
            from m join facts f on f.doc_id = m.id and f.kind in ('person', 'organization')
            left join entity_mentions em on em.doc_id = f.doc_id and em.kind = f.kind and em.name = f.label
            left join entities e on e.id = em.entity_id`.execute(db),
          sql<{ doc_id: string; type: string; subjects: unknown; agency: string | null }>`
            ${docs}
            select f.doc_id, f.label as type, f.data->'subjects' as subjects, f.data->>'agency' as agency
            from m join facts f on f.doc_id = m.id and f.kind = 'event'`.execute(db),
        ])
        const docIds = new Set(mentions.rows.map((r) => r.doc_id))
        return {
          documents: docIds.size,
          mentions: mentions.rows.map((r) => ({
            docId: r.doc_id,
            key: r.key,
            kind: r.kind === 'organization' ? 'organization' : 'person',
            name: r.name,
            entityId: r.entity_id,
          })),
          events: events.rows.map((r) => ({
            docId: r.doc_id,
            type: r.type,
            subjects: Array.isArray(r.subjects)
              ? r.subjects.filter((s): s is string => typeof s === 'string')
              : [],
            agencies: (r.agency ?? '').split('; ').filter(Boolean),
          })),
        }
      })
    },
  }
}
