/**
 * The audit log: one row per write through the API (who, when, what, on which target, with
 * what outcome), per sign-in and per failed sign-in. Rows are only ever added; admins read them
 * through `GET /api/audit`. Design: docs/decisions/0014-authentication.md.
 *
 * @module storage/audit-repository
 */
import { type Kysely, sql } from 'kysely'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** One audited action. */
export interface AuditEntry {
  readonly id: string
  /** ISO timestamp. */
  readonly at: string
  /** A username, `local` (the loopback user of the zero-setup default) or `anonymous`. */
  readonly actor: string
  readonly userId: string | null
  readonly tokenId: string | null
  /** `POST /api/entities/merge`, `login`, `login.failed`… */
  readonly action: string
  /** What the action was done to: the path's ids, or the created object's id. */
  readonly target: string | null
  /** The HTTP status the action was answered with. */
  readonly status: number
  readonly ip: string | null
  readonly details: Readonly<Record<string, unknown>> | null
}

/** What {@link AuditRepository.record} stores (`id` and `at` are the database's). */
export type AuditInput = Omit<AuditEntry, 'id' | 'at'>

/** Filters and paging of {@link AuditRepository.list}, newest first. */
export interface AuditQuery {
  readonly limit: number
  /** Only entries older than this id (the previous page's last id). */
  readonly before?: string | undefined
  readonly actor?: string | undefined
  /** Entries whose action starts with this text (`POST /api/entities`, `token.`). */
  readonly action?: string | undefined
}

/** Writes and reads the audit log. */
export interface AuditRepository {
  record(entry: AuditInput): Promise<void>
  list(query: AuditQuery): Promise<AuditEntry[]>
}

interface AuditRow {
  id: string
  at: Date | string
  actor: string
  user_id: string | null
  token_id: string | null
  action: string
  target: string | null
  status: number
  ip: string | null
  details: Record<string, unknown> | null
}

// Stored fields are cut to these lengths: the log must not become a place to park megabytes.
const MAX_FIELD = 500

/** Builds the repository over an open database. */
export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  return {
    record: (entry) =>
      withDbErrors('writing the audit log', async () => {
        // jsonb holds neither U+0000 nor a lone surrogate (found by fuzzing): they are replaced
        // in every string, keys included, not answered with a 500.
        const details = entry.details
          ? JSON.stringify(wellFormed(entry.details)).slice(0, 4000)
          : null
        await sql`insert into audit_log (actor, user_id, token_id, action, target, status, ip, details)
          values (${cut(entry.actor)}, ${entry.userId}::bigint, ${entry.tokenId}::bigint,
                  ${cut(entry.action)}, ${entry.target === null ? null : cut(entry.target)},
                  ${entry.status}, ${entry.ip === null ? null : cut(entry.ip)},
                  ${details !== null && isJson(details) ? details : null}::jsonb)`.execute(db)
      }),

    list: (query) =>
      withDbErrors('reading the audit log', async () => {
        const conditions = [sql`true`]
        if (query.before !== undefined) {
          if (!/^\d{1,18}$/.test(query.before)) return []
          conditions.push(sql`id < ${query.before}::bigint`)
        }
        if (query.actor !== undefined) conditions.push(sql`actor = ${query.actor}`)
        if (query.action !== undefined) conditions.push(sql`starts_with(action, ${query.action})`)
        const r = await sql<AuditRow>`
          select id::text as id, at, actor, user_id::text as user_id, token_id::text as token_id,
                 action, target, status, ip, details
          from audit_log where ${sql.join(conditions, sql` and `)}
          order by id desc limit ${query.limit}`.execute(db)
        return r.rows.map((row) => ({
          id: row.id,
          at: new Date(row.at).toISOString(),
          actor: row.actor,
          userId: row.user_id,
          tokenId: row.token_id,
          action: row.action,
          target: row.target,
          status: row.status,
          ip: row.ip,
          details: row.details,
        }))
      }),
  }
}

function cut(text: string): string {
  const clean = cleanText(text)
  return clean.length > MAX_FIELD ? clean.slice(0, MAX_FIELD) : clean
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text PostgreSQL stores as is: no U+0000, lone surrogates as U+FFFD. */
function cleanText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD')
}

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(wellFormed)
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), wellFormed(v)]))
}

// A JSON text cut to length may no longer parse; such details are dropped, not half-stored.
function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
