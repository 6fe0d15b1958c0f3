/**
 * Indexes `person_name_keys.fact_id`. The column references `facts(id) on delete cascade`, so
 * every deleted fact (a re-extracted or deleted document deletes all of its facts) looked for its
 * key rows by scanning the whole table: about 25 key rows per stored person, so 55 million rows
 * at 1,000,000 documents, once per deleted fact. With the index each lookup is a few pages
 * (found by `npm run bench:scale`: deleting 150 documents from a 6,000-document record took
 * minutes; docs/performance.md).
 *
 * A plain CREATE INDEX (migrations run in a transaction): on a large record it blocks writes to
 * the table while it builds — minutes at 55 million rows. Operators who cannot wait can create it
 * first with `create index concurrently if not exists person_name_keys_fact_idx on
 * person_name_keys (fact_id)`; this migration then finds it.
 *
 * @module storage/migrations/202611240300-index-person-name-keys-fact
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists person_name_keys_fact_idx on person_name_keys (fact_id)`.execute(
    db,
  )
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists person_name_keys_fact_idx`.execute(db)
}
