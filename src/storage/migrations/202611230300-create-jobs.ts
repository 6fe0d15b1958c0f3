/**
 * Creates the work queue: one row per job (fetch a URL, extract a document, resolve its
 * entities), claimed by workers with `FOR UPDATE SKIP LOCKED` under a lease. Design:
 * docs/decisions/0010-work-queue.md.
 *
 * @module storage/migrations/202611230300-create-jobs
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('fetch', 'extract', 'resolve')`),
    )
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    // One queued or running job per key: enqueueing the same work twice adds nothing.
    .addColumn('dedupe_key', 'text')
    // A run of related jobs (one `reprocess`, one `ingest --queue`), for progress.
    .addColumn('batch', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`state in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('worker', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute()
  // What a claim reads: the oldest runnable job, and expired leases.
  await sql`create index jobs_queued_idx on jobs (run_at, id) where state = 'queued'`.execute(db)
  await sql`create index jobs_running_idx on jobs (lease_until) where state = 'running'`.execute(db)
  await sql`create unique index jobs_dedupe_idx on jobs (kind, dedupe_key) where state in ('queued', 'running')`.execute(
    db,
  )
  await sql`create index jobs_batch_idx on jobs (batch, state) where batch is not null`.execute(db)
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').execute()
}
