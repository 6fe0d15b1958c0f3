/**
 * Replaces the key index of `person_name_keys` with one that carries `fact_id` and `part_count`
 * (`include`), so that the screening candidates query (a name's keys → the facts they meet)
 * reads the index alone instead of fetching every key row from the table. A common key (a given
 * name's skeleton) meets thousands of rows at 1,000,000 documents; fetching them was most of a
 * screen. Measured with `npm run bench:scale -- --only screen` on 1,000,000 documents
 * (55 million keys, PostgreSQL, load about 2.5): p50 23.9 → 7.2 ms, p95 69.2 → 15.4 ms.
 *
 * The cost is space: the plain key index shares one entry among equal keys (B-tree
 * deduplication), this one cannot — 390 MB became 2.4 GB at 55 million keys, built in 77 s
 * there. A plain CREATE INDEX (migrations run in a transaction) blocks writes to the table while
 * it builds; operators who cannot wait can first run `create index concurrently if not exists
 * person_name_keys_key_cover_idx on person_name_keys (key) include (fact_id, part_count)`; this
 * migration then finds it and only drops the old index. Decision 0016.
 *
 * @module storage/migrations/202611250310-cover-person-name-keys-key
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index if not exists person_name_keys_key_cover_idx
    on person_name_keys (key) include (fact_id, part_count)`.execute(db)
  await sql`drop index if exists person_name_keys_key_idx`.execute(db)
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists person_name_keys_key_idx on person_name_keys (key)`.execute(
    db,
  )
  await sql`drop index if exists person_name_keys_key_cover_idx`.execute(db)
}
