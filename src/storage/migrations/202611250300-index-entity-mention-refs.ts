/**
 * Indexes the organisation lexicon ids of each entity's mentions, `(entity_id, ref_id)` where
 * `ref_id` is set (organisation mentions only). Resolution reads a candidate organisation's
 * distinct ids by a skip scan over it, one probe per distinct id, instead of walking every
 * mention of the entity: a police body named on every page has thousands (decision 0012).
 *
 * A plain CREATE INDEX (migrations run in a transaction): on a large record it blocks writes to
 * the table while it builds. Operators who cannot wait can create it first with `create index
 * concurrently if not exists entity_mentions_entity_ref_idx on entity_mentions (entity_id,
 * ref_id) where ref_id is not null`; this migration then finds it.
 *
 * @module storage/migrations/202611250300-index-entity-mention-refs
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists entity_mentions_entity_ref_idx on entity_mentions (entity_id, ref_id) where ref_id is not null`.execute(
    db,
  )
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists entity_mentions_entity_ref_idx`.execute(db)
}
