/**
 * The work queue on the database (docs/decisions/0010-work-queue.md): jobs are claimed with
 * `FOR UPDATE SKIP LOCKED` under a lease. A worker that dies leaves its lease to expire and the
 * job is claimed again; a job that fails `max_attempts` times ends `failed` with its last error.
 *
 * @module storage/job-repository
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.ts'

/** What a job does: fetch a URL, extract a document, resolve a stored document's entities. */
export type JobKind = 'fetch' | 'extract' | 'resolve'

/** Where a job is in its life. */
export type JobState = 'queued' | 'running' | 'done' | 'failed'

/** A job to add to the queue. */
export interface NewJob {
  readonly kind: JobKind
  readonly payload: Readonly<Record<string, unknown>>
  /** While a job with the same kind and key is queued or running, this one is not added. */
  readonly dedupeKey?: string
  readonly batch?: string
  /** Default 3. */
  readonly maxAttempts?: number
}

/** A job a worker holds. */
export interface ClaimedJob {
  readonly id: string
  readonly kind: JobKind
  readonly payload: Record<string, unknown>
  /** This claim's attempt (1 the first time). */
  readonly attempt: number
  readonly maxAttempts: number
  readonly batch: string | null
}

/** Counts of jobs by kind and state. */
export interface JobCounts {
  readonly byKind: readonly {
    readonly kind: JobKind
    readonly state: JobState
    readonly count: number
  }[]
  readonly total: Readonly<Record<JobState, number>>
}

/** Progress of one batch. */
export interface BatchProgress {
  readonly batch: string
  readonly total: number
  readonly queued: number
  readonly running: number
  readonly done: number
  readonly failed: number
}

/** A job that ended failed, with its error. */
export interface FailedJob {
  readonly id: string
  readonly kind: JobKind
  readonly payload: Record<string, unknown>
  readonly attempts: number
  readonly error: string | null
  readonly finishedAt: string | null
}

/** The queue. Every method is one statement or one short transaction. */
export interface JobRepository {
  /** Adds jobs; returns how many were added (duplicates of queued or running ones are not). */
  enqueue(jobs: readonly NewJob[]): Promise<number>
  /**
   * Enqueues an `extract` job (payload `{ docId }`) for every stored document that a stage
   * older than asked produced: `stages` maps a stage name to the first version that is current.
   */
  enqueueReextraction(stages: ReadonlyMap<string, number>, batch: string): Promise<number>
  /** Counts the stored documents {@link enqueueReextraction} would pick. */
  countOutdated(stages: ReadonlyMap<string, number>): Promise<number>
  /**
   * Claims up to `limit` runnable jobs for `worker` for `leaseMs`: queued ones whose time has
   * come, and running ones whose lease expired (their worker died). A job whose lease expired on
   * its last attempt ends failed instead.
   */
  claim(
    worker: string,
    options: {
      readonly limit: number
      readonly leaseMs: number
      readonly kinds?: readonly JobKind[]
    },
  ): Promise<ClaimedJob[]>
  /** Extends the lease of a job this worker still holds; `false` when it holds it no longer. */
  extendLease(id: string, worker: string, leaseMs: number): Promise<boolean>
  /** Marks a held job done. */
  complete(id: string, worker: string): Promise<void>
  /**
   * Records a failed attempt: the job is queued again after `retryInMs` (growing with the
   * attempt), or ends failed with `error` kept when it has had its attempts.
   */
  fail(id: string, worker: string, error: string, retryInMs?: number): Promise<'retry' | 'failed'>
  counts(): Promise<JobCounts>
  batchProgress(batch: string): Promise<BatchProgress>
  /** Batches with queued or running jobs, oldest first (at most 20). */
  activeBatches(): Promise<BatchProgress[]>
  /** The most recently failed jobs. */
  failed(limit: number): Promise<FailedJob[]>
  /** Queues failed jobs again (attempts reset); returns how many. */
  retryFailed(): Promise<number>
}

/** Creates the job repository over an open database. */
export function createJobRepository(db: Kysely<Database>): JobRepository {
  return {
    async enqueue(jobs) {
      let added = 0
      for (let i = 0; i < jobs.length; i += 500) {
        const slice = jobs.slice(i, i + 500)
        const result = await sql<{ id: string }>`
          insert into jobs (kind, payload, dedupe_key, batch, max_attempts)
          select kind, payload, dedupe_key, batch, max_attempts
          from jsonb_to_recordset(${JSON.stringify(
            slice.map((j) => ({
              kind: j.kind,
              payload: j.payload,
              dedupe_key: j.dedupeKey ?? null,
              batch: j.batch ?? null,
              max_attempts: j.maxAttempts ?? 3,
            })),
          )}::jsonb) as t(kind text, payload jsonb, dedupe_key text, batch text, max_attempts int)
          on conflict (kind, dedupe_key) where state in ('queued', 'running') do nothing
          returning id`.execute(db)
        added += result.rows.length
      }
      return added
    },

    async enqueueReextraction(stages, batch) {
      const result = await sql`
        insert into jobs (kind, payload, dedupe_key, batch)
        select 'extract', jsonb_build_object('docId', id), 'doc:' || id, ${batch}
        from documents where ${outdated(stages)}
        order by id
        on conflict (kind, dedupe_key) where state in ('queued', 'running') do nothing`.execute(db)
      return Number(result.numAffectedRows ?? 0n)
    },

    async countOutdated(stages) {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from documents where ${outdated(stages)}`.execute(db)
      return Number(rows[0]?.n ?? 0)
    },

    async claim(worker, { limit, leaseMs, kinds }) {
      const kindFilter = kinds && kinds.length > 0 ? sql`and kind in (${sql.join(kinds)})` : sql``
      // Expired on the last attempt: the worker died on it every time; give up on it.
      await sql`
        update jobs set state = 'failed', finished_at = now(), lease_until = null,
          last_error = coalesce(last_error || '; ', '') || 'lease expired (worker stopped) on attempt ' || attempts
        where state = 'running' and lease_until < now() and attempts >= max_attempts`.execute(db)
      const { rows } = await sql<{
        id: string
        kind: JobKind
        payload: Record<string, unknown> | string
        attempts: number
        max_attempts: number
        batch: string | null
      }>`
        update jobs set state = 'running', attempts = attempts + 1, worker = ${worker},
          lease_until = now() + ${leaseMs} * interval '1 millisecond'
        where id in (
          select id from jobs
          where ((state = 'queued' and run_at <= now()) or (state = 'running' and lease_until < now()))
            ${kindFilter}
          order by id
          limit ${limit}
          for update skip locked
        )
        returning id, kind, payload, attempts, max_attempts, batch`.execute(db)
      return rows
        .map((r) => ({
          id: String(r.id),
          kind: r.kind,
          payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
          attempt: r.attempts,
          maxAttempts: r.max_attempts,
          batch: r.batch,
        }))
        .sort((a, b) => Number(a.id) - Number(b.id))
    },

    async extendLease(id, worker, leaseMs) {
      const result = await sql`
        update jobs set lease_until = now() + ${leaseMs} * interval '1 millisecond'
        where id = ${id} and worker = ${worker} and state = 'running'`.execute(db)
      return Number(result.numAffectedRows ?? 0n) > 0
    },

    async complete(id, worker) {
      await sql`
        update jobs set state = 'done', finished_at = now(), lease_until = null
        where id = ${id} and worker = ${worker} and state = 'running'`.execute(db)
    },

    async fail(id, worker, error, retryInMs) {
      const { rows } = await sql<{ state: JobState }>`
        update jobs set
          last_error = ${error},
          lease_until = null,
          state = case when attempts >= max_attempts then 'failed' else 'queued' end,
          finished_at = case when attempts >= max_attempts then now() else null end,
          run_at = now() + coalesce(${retryInMs ?? null}::int, 1000 * power(4, attempts - 1)::int)
            * interval '1 millisecond'
        where id = ${id} and worker = ${worker} and state = 'running'
        returning state`.execute(db)
      return rows[0]?.state === 'failed' ? 'failed' : 'retry'
    },

    async counts() {
      const { rows } = await sql<{ kind: JobKind; state: JobState; n: string }>`
        select kind, state, count(*) as n from jobs group by kind, state order by kind, state`.execute(
        db,
      )
      const total: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 }
      for (const r of rows) total[r.state] += Number(r.n)
      return {
        byKind: rows.map((r) => ({ kind: r.kind, state: r.state, count: Number(r.n) })),
        total,
      }
    },

    async batchProgress(batch) {
      const { rows } = await sql<{ state: JobState; n: string }>`
        select state, count(*) as n from jobs where batch = ${batch} group by state`.execute(db)
      return progressOf(batch, rows)
    },

    async activeBatches() {
      const { rows } = await sql<{ batch: string; state: JobState; n: string }>`
        select batch, state, count(*) as n from jobs
        where batch in (
          select batch from jobs where batch is not null and state in ('queued', 'running')
          group by batch order by min(id) limit 20)
        group by batch, state`.execute(db)
      const batches = [...new Set(rows.map((r) => r.batch))]
      return batches.map((b) =>
        progressOf(
          b,
          rows.filter((r) => r.batch === b),
        ),
      )
    },

    async failed(limit) {
      const { rows } = await sql<{
        id: string
        kind: JobKind
        payload: Record<string, unknown> | string
        attempts: number
        last_error: string | null
        finished_at: Date | string | null
      }>`
        select id, kind, payload, attempts, last_error, finished_at from jobs
        where state = 'failed' order by finished_at desc nulls last, id desc limit ${limit}`.execute(
        db,
      )
      return rows.map((r) => ({
        id: String(r.id),
        kind: r.kind,
        payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
        attempts: r.attempts,
        error: r.last_error,
        finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
      }))
    },

    async retryFailed() {
      const result = await sql`
        update jobs set state = 'queued', attempts = 0, run_at = now(), finished_at = null
        where state = 'failed'
          and not exists (
            select 1 from jobs j2 where j2.kind = jobs.kind and j2.dedupe_key = jobs.dedupe_key
              and j2.state in ('queued', 'running'))`.execute(db)
      return Number(result.numAffectedRows ?? 0n)
    },
  }
}

// A stored document is outdated when its extractor version names a stage at a version older
// than asked, or does not name the stage at all (stored before the stage existed).
function outdated(stages: ReadonlyMap<string, number>) {
  const conditions = [...stages].map(([stage, version]) => {
    const pattern = `(?:^|,)${stage.replace(/[^a-z0-9-]/g, '')}@(\\d+)`
    return sql`coalesce(substring(extractor_version from ${pattern})::int, 0) < ${version}`
  })
  return conditions.length === 0 ? sql`false` : sql`(${sql.join(conditions, sql` or `)})`
}

function progressOf(batch: string, rows: readonly { state: JobState; n: string }[]): BatchProgress {
  const by = (s: JobState) => Number(rows.find((r) => r.state === s)?.n ?? 0)
  const p = { queued: by('queued'), running: by('running'), done: by('done'), failed: by('failed') }
  return { batch, total: p.queued + p.running + p.done + p.failed, ...p }
}
