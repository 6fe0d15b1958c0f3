/**
 * Watch subjects and alerts: an analyst watches an entity, a name (any spelling or script) or a
 * saved search; each newly stored document is checked against every subject and a match records
 * one alert per subject and document (a unique key: re-ingesting records nothing new), with why
 * it matched. Webhook delivery state (attempts, a log per attempt, `delivered_at`) is kept per
 * alert; the delivery itself is `api/alert-delivery.ts`.
 * Design: docs/decisions/0009-alerts.md.
 *
 * @module storage/alert-repository
 */
import { type Kysely, sql } from 'kysely'
import { InvalidInputError, NotFoundError } from '#core/errors.ts'
import { compareParsed, DEFAULT_THRESHOLD } from '#core/names/compare.ts'
import { type ParsedName, parseName } from '#core/names/name-key.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'
import { buildTsQuery, type SearchParams, whereMatches } from './search-repository.ts'

/** The filters of a saved search: {@link SearchParams} without paging and ordering. */
export type SavedSearch = Pick<
  SearchParams,
  'q' | 'lang' | 'source' | 'from' | 'to' | 'facts' | 'placeIn'
>

/** What to watch. `label` is how lists show it (default: the name, the query, the entity name). */
export type WatchSubjectInput =
  | { readonly kind: 'entity'; readonly entityId: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'search'; readonly search: SavedSearch; readonly label: string }

/** A stored watch subject. */
export interface WatchSubject {
  readonly id: string
  readonly kind: 'entity' | 'name' | 'search'
  readonly label: string
  readonly entityId: string | null
  readonly name: string | null
  readonly search: SavedSearch | null
  readonly createdAt: string
  /** Alerts recorded for it so far. */
  readonly alerts: number
}

/** Why a document matched a subject. */
export interface AlertReason {
  readonly kind: 'entity' | 'name' | 'search'
  /** The name in the document that matched (entity mention or person). */
  readonly matchedName?: string
  /** Name subjects: the comparison score (0..1) and which keys or transliteration explained it. */
  readonly score?: number
  readonly keys?: readonly string[]
  /** The entity the matched mention belongs to, when resolved. */
  readonly entityId?: string
  /** The person's role in the document (`suspect`, `official`…), when known. */
  readonly role?: string
  /** Search subjects: the saved query. */
  readonly query?: string
}

/** One attempt to deliver an alert. */
export interface DeliveryAttempt {
  readonly at: string
  /** HTTP status of the answer, or null when none came (refused, timeout, connection error). */
  readonly status: number | null
  readonly error: string | null
}

/** A recorded alert with its subject, document and delivery state. */
export interface AlertRecord {
  readonly id: string
  readonly subject: { readonly id: string; readonly kind: string; readonly label: string }
  readonly document: {
    readonly id: string
    readonly title: string | null
    readonly url: string | null
    readonly source: string
    readonly lang: string
    readonly published: string | null
  }
  readonly reason: AlertReason
  readonly createdAt: string
  readonly attempts: number
  readonly deliveryLog: readonly DeliveryAttempt[]
  readonly deliveredAt: string | null
}

/** A page of alerts, newest first. */
export interface AlertPage {
  readonly alerts: readonly AlertRecord[]
  /** Pass back as `cursor` for the next page; null on the last. */
  readonly nextCursor: string | null
}

/** Watch subjects, alert matching and the delivery record. */
export interface AlertRepository {
  /** Adds a subject. Throws `not_found` for an unknown entity, `invalid_input` for an empty name. */
  watch(input: WatchSubjectInput): Promise<WatchSubject>
  /** Subjects oldest first: every one, or a page of `limit` after the subject id `after`. */
  subjects(page?: {
    readonly limit: number
    readonly after?: string | undefined
  }): Promise<WatchSubject[]>
  /** Removes a subject and its alerts; false when there was none. */
  unwatch(id: string): Promise<boolean>
  /**
   * Checks stored documents against every subject and records the alerts not recorded before;
   * returns the new ones. Call after a document is stored and its entities resolved.
   */
  checkDocuments(docIds: readonly string[]): Promise<AlertRecord[]>
  /** Alerts, newest first, `limit` per page (optionally of one subject). */
  list(options: {
    readonly limit: number
    readonly cursor?: string | undefined
    readonly subjectId?: string | undefined
  }): Promise<AlertPage>
  /** Undelivered alerts due for an attempt (`next_attempt_at` reached), fewer than `maxAttempts` tried. */
  due(options: { readonly limit: number; readonly maxAttempts: number }): Promise<AlertRecord[]>
  /** Records one delivery attempt: delivered, or when to try again (null: give up). */
  recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    outcome: { readonly delivered: boolean; readonly retryAt: Date | null },
  ): Promise<void>
}

// A type alias, not an interface: `withTables` wants an index-signature-compatible record.
type AlertTables = {
  watch_subjects: {
    id: string
    kind: string
    label: string
    entity_id: string | null
    name: string | null
    search: unknown
    created_at: string
  }
  alerts: {
    id: string
    subject_id: string
    doc_id: string
    reason: unknown
    created_at: string
    attempts: number
    delivery_log: unknown
    next_attempt_at: string
    delivered_at: string | null
  }
  entities: { id: string; name: string; merged_into: string | null }
  entity_mentions: {
    id: string
    doc_id: string
    kind: string
    name: string
    entity_id: string
    role: string | null
  }
}

const MAX_NAME_LENGTH = 300
// Merges chain tombstones; a longer chain than this is a cycle, not history.
const MAX_MERGE_HOPS = 50

interface SubjectRow {
  id: string
  kind: string
  label: string
  entity_id: string | null
  name: string | null
  search: unknown
  created_at: unknown
  alerts?: number
}

interface AlertRow {
  id: string
  subject_id: string
  subject_kind: string
  subject_label: string
  doc_id: string
  title: string | null
  url: string | null
  source: string
  lang: string
  published: string | null
  reason: unknown
  created_at: unknown
  attempts: number
  delivery_log: unknown
  delivered_at: unknown
}

/** Creates the alert repository over an open database. */
export function createAlertRepository(database: Kysely<Database>): AlertRepository {
  const db = database.withTables<AlertTables>()

  const alertColumns = sql`a.id::text as id, a.subject_id::text as subject_id,
    s.kind as subject_kind, s.label as subject_label, a.doc_id, d.title, d.url, d.source, d.lang,
    d.published, a.reason, a.created_at, a.attempts, a.delivery_log, a.delivered_at`

  async function subjectById(id: string): Promise<WatchSubject> {
    const rows = await sql<SubjectRow>`
      select s.id::text as id, s.kind, s.label, s.entity_id::text as entity_id, s.name, s.search,
             s.created_at, (select count(*)::int from alerts a where a.subject_id = s.id) as alerts
      from watch_subjects s where s.id = ${id}::bigint`.execute(db)
    const row = rows.rows[0]
    if (!row) throw new NotFoundError(`no watch subject ${id}`)
    return presentSubject(row)
  }

  // The live entity an id stands for: merged entities point at their survivor.
  async function survivorOf(entityId: string): Promise<string | null> {
    let id = entityId
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const row = await db
        .selectFrom('entities')
        .select([sql<string | null>`merged_into::text`.as('merged_into')])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row) return null
      if (row.merged_into === null) return id
      id = row.merged_into
    }
    return null
  }

  async function matchEntities(
    subjects: readonly SubjectRow[],
    docIds: readonly string[],
  ): Promise<Candidate[]> {
    const out: Candidate[] = []
    for (const s of subjects) {
      const live = s.entity_id === null ? null : await survivorOf(s.entity_id)
      if (live === null) continue
      const rows = await sql<{ doc_id: string; name: string; role: string | null }>`
        select distinct on (doc_id) doc_id, name, role from entity_mentions
        where entity_id = ${live}::bigint and doc_id = any(${[...docIds]}::text[])
        order by doc_id, length(name) desc, name`.execute(db)
      for (const r of rows.rows) {
        out.push({
          subjectId: s.id,
          docId: r.doc_id,
          reason: {
            kind: 'entity',
            matchedName: r.name,
            entityId: live,
            ...(r.role ? { role: r.role } : {}),
          },
        })
      }
    }
    return out
  }

  async function matchNames(
    subjects: readonly SubjectRow[],
    docIds: readonly string[],
  ): Promise<Candidate[]> {
    // Every person of the documents, with the entity its mention was resolved to (if any).
    const persons = await sql<{
      doc_id: string
      label: string
      role: string | null
      entity_id: string | null
    }>`
      select f.doc_id, f.label, f.data->>'role' as role, m.entity_id::text as entity_id
      from facts f
      left join entity_mentions m on m.doc_id = f.doc_id and m.kind = 'person' and m.name = f.label
      where f.kind = 'person' and f.doc_id = any(${[...docIds]}::text[])`.execute(db)
    if (persons.rows.length === 0) return []
    const parsed = new Map<string, ParsedName>()
    const parse = (name: string) => {
      let p = parsed.get(name)
      if (!p) {
        p = parseName(name)
        parsed.set(name, p)
      }
      return p
    }
    const out: Candidate[] = []
    for (const s of subjects) {
      if (s.name === null) continue
      const query = parse(s.name)
      // The best-scoring person per document.
      const best = new Map<string, Candidate & { score: number }>()
      for (const p of persons.rows) {
        const cmp = compareParsed(query, parse(p.label))
        if (cmp.score < DEFAULT_THRESHOLD) continue
        const seen = best.get(p.doc_id)
        if (seen && seen.score >= cmp.score) continue
        best.set(p.doc_id, {
          subjectId: s.id,
          docId: p.doc_id,
          score: cmp.score,
          reason: {
            kind: 'name',
            matchedName: p.label,
            score: cmp.score,
            keys: [...cmp.reasons],
            ...(p.entity_id ? { entityId: p.entity_id } : {}),
            ...(p.role ? { role: p.role } : {}),
          },
        })
      }
      for (const c of best.values())
        out.push({ subjectId: c.subjectId, docId: c.docId, reason: c.reason })
    }
    return out
  }

  async function matchSearches(
    subjects: readonly SubjectRow[],
    docIds: readonly string[],
  ): Promise<Candidate[]> {
    const out: Candidate[] = []
    for (const s of subjects) {
      const search = s.search as SavedSearch
      const params: SearchParams = { ...search, limit: 1 }
      const query = search.q ? buildTsQuery(search.q, search.lang) : sql`null::tsquery`
      const rows = await sql<{ id: string }>`
        with q as (select ${query} as query)
        select d.id from documents d, q
        where d.id = any(${[...docIds]}::text[]) and ${whereMatches(params)}`.execute(db)
      for (const r of rows.rows)
        out.push({ subjectId: s.id, docId: r.id, reason: { kind: 'search', query: s.label } })
    }
    return out
  }

  // Values in column order: kind, label, entity_id, name, search.
  async function insertSubject(values: ReturnType<typeof sql>): Promise<{ id: string }> {
    const r = await sql<{ id: string }>`
      insert into watch_subjects (kind, label, entity_id, name, search) values (${values})
      returning id::text as id`.execute(db)
    return r.rows[0]!
  }

  async function alertsWhere(
    condition: ReturnType<typeof sql>,
    limit: number,
    order: 'newest' | 'oldest' = 'newest',
  ) {
    const rows = await sql<AlertRow>`
      select ${alertColumns}
      from alerts a join watch_subjects s on s.id = a.subject_id join documents d on d.id = a.doc_id
      where ${condition}
      order by ${order === 'newest' ? sql`a.id desc` : sql`a.id`}
      limit ${limit}`.execute(db)
    return rows.rows.map(presentAlert)
  }

  return {
    watch(input) {
      return withDbErrors('adding a watch subject', async () => {
        let row: { id: string }
        if (input.kind === 'entity') {
          if (!/^\d{1,18}$/.test(input.entityId))
            throw new NotFoundError(`no entity ${input.entityId}`)
          const live = await survivorOf(input.entityId)
          if (live === null) throw new NotFoundError(`no entity ${input.entityId}`)
          const entity = await db
            .selectFrom('entities')
            .select('name')
            .where('id', '=', live)
            .executeTakeFirstOrThrow()
          row = await insertSubject(sql`'entity', ${entity.name}, ${live}::bigint, null, null`)
        } else if (input.kind === 'name') {
          const name = input.name.trim().replace(/\s+/g, ' ')
          if (name === '' || name.length > MAX_NAME_LENGTH)
            throw new InvalidInputError(`a watched name must have 1..${MAX_NAME_LENGTH} characters`)
          if (parseName(name).parts.every((p) => p.initial))
            throw new InvalidInputError(`"${name}" has no name part to match on`)
          row = await insertSubject(sql`'name', ${name}, null, ${name}, null`)
        } else {
          const search = compactSearch(input.search)
          if (!search.q && !search.facts?.length && !search.placeIn && !search.source)
            throw new InvalidInputError(
              'a saved search needs a query, a fact filter, a place or a source: it would match every document',
            )
          row = await insertSubject(
            sql`'search', ${input.label}, null, null, ${JSON.stringify(search)}::jsonb`,
          )
        }
        return subjectById(row.id)
      })
    },

    subjects(page) {
      return withDbErrors('listing watch subjects', async () => {
        const after = page?.after !== undefined && /^\d{1,18}$/.test(page.after) ? page.after : '0'
        const limit = page === undefined ? sql`` : sql`limit ${page.limit}`
        const rows = await sql<SubjectRow>`
          select s.id::text as id, s.kind, s.label, s.entity_id::text as entity_id, s.name,
                 s.search, s.created_at,
                 (select count(*)::int from alerts a where a.subject_id = s.id) as alerts
          from watch_subjects s where s.id > ${after}::bigint order by s.id ${limit}`.execute(db)
        return rows.rows.map(presentSubject)
      })
    },

    unwatch(id) {
      return withDbErrors('removing a watch subject', async () => {
        if (!/^\d{1,18}$/.test(id)) return false
        const r = await db.deleteFrom('watch_subjects').where('id', '=', id).executeTakeFirst()
        return Number(r.numDeletedRows) > 0
      })
    },

    checkDocuments(docIds) {
      return withDbErrors('checking documents against watch subjects', async () => {
        if (docIds.length === 0) return []
        const subjects = (
          await sql<SubjectRow>`
            select id::text as id, kind, label, entity_id::text as entity_id, name, search,
                   created_at
            from watch_subjects order by id`.execute(db)
        ).rows
        if (subjects.length === 0) return []
        const of = (kind: string) => subjects.filter((s) => s.kind === kind)
        const candidates = [
          ...(await matchEntities(of('entity'), docIds)),
          ...(await matchNames(of('name'), docIds)),
          ...(await matchSearches(of('search'), docIds)),
        ]
        if (candidates.length === 0) return []
        // The unique key keeps one alert per subject and document, whoever checks first.
        const inserted = await sql<{ id: string }>`
          insert into alerts (subject_id, doc_id, reason)
          select r.s::bigint, r.d, r.why
          from jsonb_to_recordset(${JSON.stringify(
            candidates.map((c) => ({ s: c.subjectId, d: c.docId, why: c.reason })),
          )}::jsonb) as r(s text, d text, why jsonb)
          on conflict (subject_id, doc_id) do nothing
          returning id::text as id`.execute(db)
        if (inserted.rows.length === 0) return []
        return alertsWhere(
          sql`a.id = any(${inserted.rows.map((r) => r.id)}::bigint[])`,
          inserted.rows.length,
        )
      })
    },

    list({ limit, cursor, subjectId }) {
      return withDbErrors('listing alerts', async () => {
        const conditions = [sql`true`]
        if (cursor !== undefined) {
          if (!/^\d{1,18}$/.test(cursor)) throw new InvalidInputError('invalid cursor')
          conditions.push(sql`a.id < ${cursor}::bigint`)
        }
        if (subjectId !== undefined) {
          if (!/^\d{1,18}$/.test(subjectId)) return { alerts: [], nextCursor: null }
          conditions.push(sql`a.subject_id = ${subjectId}::bigint`)
        }
        const alerts = await alertsWhere(sql.join(conditions, sql` and `), limit + 1)
        const page = alerts.slice(0, limit)
        return {
          alerts: page,
          nextCursor: alerts.length > limit ? (page[page.length - 1]?.id ?? null) : null,
        }
      })
    },

    due({ limit, maxAttempts }) {
      return withDbErrors('reading alerts due for delivery', () =>
        alertsWhere(
          sql`a.delivered_at is null and a.next_attempt_at <= now() and a.attempts < ${maxAttempts}`,
          limit,
          'oldest',
        ),
      )
    },

    recordAttempt(id, attempt, outcome) {
      return withDbErrors('recording a delivery attempt', async () => {
        await sql`
          update alerts set
            attempts = attempts + 1,
            delivery_log = delivery_log || ${JSON.stringify([attempt])}::jsonb,
            delivered_at = ${outcome.delivered ? attempt.at : null}::timestamptz,
            next_attempt_at = ${
              outcome.delivered
                ? sql`next_attempt_at`
                : outcome.retryAt === null
                  ? sql`'infinity'::timestamptz`
                  : sql`${outcome.retryAt.toISOString()}::timestamptz`
            }
          where id = ${id}::bigint`.execute(db)
      })
    },
  }
}

interface Candidate {
  readonly subjectId: string
  readonly docId: string
  readonly reason: AlertReason
}

// Drops unset fields so that the stored JSON holds only what the analyst asked for.
function compactSearch(search: SavedSearch): SavedSearch {
  return Object.fromEntries(
    Object.entries(search).filter(([, v]) => v !== undefined && v !== '' && v !== null),
  ) as unknown as SavedSearch
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

function presentSubject(row: SubjectRow): WatchSubject {
  return {
    id: row.id,
    kind: row.kind as WatchSubject['kind'],
    label: row.label,
    entityId: row.entity_id,
    name: row.name,
    search: row.search === null ? null : json<SavedSearch>(row.search),
    createdAt: iso(row.created_at),
    alerts: Number(row.alerts ?? 0),
  }
}

function presentAlert(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    subject: { id: row.subject_id, kind: row.subject_kind, label: row.subject_label },
    document: {
      id: row.doc_id,
      title: row.title,
      url: row.url,
      source: row.source,
      lang: row.lang,
      published: row.published,
    },
    reason: json<AlertReason>(row.reason),
    createdAt: iso(row.created_at),
    attempts: Number(row.attempts),
    deliveryLog: json<DeliveryAttempt[]>(row.delivery_log),
    deliveredAt: row.delivered_at === null ? null : iso(row.delivered_at),
  }
}
