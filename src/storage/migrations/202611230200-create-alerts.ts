/**
 * Creates alerting: watch subjects (an entity, a name or a saved search) and the alerts recorded
 * when a newly stored document matches one, with their webhook delivery state. One alert per
 * subject and document (unique), so a re-ingest records nothing new.
 * Design: docs/decisions/0009-alerts.md.
 *
 * @module storage/migrations/202611230200-create-alerts
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watch_subjects')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    // `entity`, `name` or `search`.
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the analyst asked for, as shown in lists ("Аблязов", "q=fraud&crime=fraud", the entity name).
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'bigint', (c) => c.references('entities.id'))
    .addColumn('name', 'text')
    // A saved search: the repository's search parameters (q, lang, source, dates, facts, places).
    .addColumn('search', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`alter table watch_subjects add constraint watch_subjects_kind_check check (
    (kind = 'entity' and entity_id is not null) or (kind = 'name' and name is not null)
    or (kind = 'search' and search is not null))`.execute(db)

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_id', 'bigint', (c) =>
      c.notNull().references('watch_subjects.id').onDelete('cascade'),
    )
    .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    // Why it matched: which name and keys, which entity, which search.
    .addColumn('reason', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Webhook delivery: attempts so far, each one logged ({at, status, error}), and when it
    // arrived (null: not yet).
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delivery_log', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('alerts_subject_doc_key', ['subject_id', 'doc_id'])
    .execute()
  await sql`create index alerts_pending_idx on alerts (next_attempt_at, id) where delivered_at is null`.execute(
    db,
  )
  await db.schema.createIndex('alerts_doc_idx').on('alerts').column('doc_id').execute()
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').execute()
  await db.schema.dropTable('watch_subjects').execute()
}
