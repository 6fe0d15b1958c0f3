/**
 * Drops the trigram index on annotation labels. It was made for fuzzy name lookups across
 * documents, but name matching went to its own keys (`person_name_keys`, decisions 0004 and
 * 0016) and entities; no statement reads annotations except by document. Every stored page
 * paid for it: each label's trigrams went into a GIN index (issue #5, ingest speed).
 *
 * @module storage/migrations/202611260200-drop-annotation-label-trigram-index
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists annotations_label_trgm_idx`.execute(db)
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists annotations_label_trgm_idx on annotations using gin (label public.gin_trgm_ops)`.execute(
    db,
  )
}
