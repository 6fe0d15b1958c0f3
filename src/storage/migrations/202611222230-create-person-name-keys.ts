/**
 * Creates the screening index over stored persons: one row per blocking key of a person fact
 * (the phonetic key of every name part, its folded stem, and their one-deletion neighbours), and
 * a marker per document saying which version of the document was keyed.
 *
 * @module storage/migrations/202611222230-create-person-name-keys
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_name_keys')
    .addColumn('fact_id', 'bigint', (c) => c.notNull().references('facts.id').onDelete('cascade'))
    .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('part_count', 'integer', (c) => c.notNull())
    .execute()
  // Lookups are `key = any(...)`; the btree answers them without touching other rows.
  await db.schema
    .createIndex('person_name_keys_key_idx')
    .on('person_name_keys')
    .column('key')
    .execute()
  await db.schema
    .createIndex('person_name_keys_doc_idx')
    .on('person_name_keys')
    .column('doc_id')
    .execute()
  // Which version of a document its keys were computed from: a re-extracted document (new text
  // hash or extractor) is keyed again.
  await db.schema
    .createTable('person_name_keyed_docs')
    .addColumn('doc_id', 'text', (c) =>
      c.primaryKey().references('documents.id').onDelete('cascade'),
    )
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('keyed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('person_name_keyed_docs').execute()
  await db.schema.dropTable('person_name_keys').execute()
}
