/**
 * Adds `documents.raw_hash`: the hash of the input as read, so that re-ingesting an unchanged
 * file skips the extractor entirely.
 *
 * @module storage/migrations/202611222130-add-raw-hash
 */
import type { Kysely } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('raw_hash', 'text').execute()
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').dropColumn('raw_hash').execute()
}
