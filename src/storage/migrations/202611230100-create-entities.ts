/**
 * Creates the entity record: entities (persons and organisations resolved across documents),
 * their mentions (one per person/organisation fact, keyed by document, kind and name so that a
 * re-ingest keeps the entity an analyst gave it), the blocking keys candidates are found by, the
 * log of analysts' merges and splits, and a marker per resolved document version.
 * Design: docs/decisions/0008-entity-resolution.md.
 *
 * @module storage/migrations/202611230100-create-entities
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entities')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // A merged entity stays as a tombstone pointing at the survivor: old ids keep resolving.
    .addColumn('merged_into', 'bigint', (c) => c.references('entities.id'))
    .addColumn('mention_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('context', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index entities_listing_idx on entities (kind, mention_count desc, id) where merged_into is null`.execute(
    db,
  )

  await db.schema
    .createTable('entity_mentions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entities.id'))
    .addColumn('role', 'text')
    .addColumn('title', 'text')
    // Organisations: the lexicon id of a known body.
    .addColumn('ref_id', 'text')
    .addColumn('iin', 'text')
    .addColumn('context', 'jsonb', (c) => c.notNull())
    // Set when an analyst's merge or split placed the mention (for display; the resolver never
    // moves an existing mention either way).
    .addColumn('decided', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('entity_mentions_doc_kind_name_key', ['doc_id', 'kind', 'name'])
    .execute()
  await db.schema
    .createIndex('entity_mentions_entity_idx')
    .on('entity_mentions')
    .columns(['entity_id', 'name'])
    .execute()
  await sql`create index entity_mentions_iin_idx on entity_mentions (iin) where iin is not null`.execute(
    db,
  )

  // Candidate generation: `key = any($1)` over the primary key's btree, never a scan.
  await db.schema
    .createTable('entity_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'bigint', (c) =>
      c.notNull().references('entities.id').onDelete('cascade'),
    )
    // The fewest name parts among the entity's names posted under this key.
    .addColumn('min_parts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_keys_pk', ['key', 'entity_id'])
    .execute()
  await db.schema
    .createIndex('entity_keys_entity_idx')
    .on('entity_keys')
    .column('entity_id')
    .execute()

  await db.schema
    .createTable('entity_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('entity_ids', sql`bigint[]`, (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('undoes', 'bigint')
    .addColumn('undone_by', 'bigint')
    .execute()

  await db.schema
    .createTable('entity_resolved_docs')
    .addColumn('doc_id', 'text', (c) =>
      c.primaryKey().references('documents.id').onDelete('cascade'),
    )
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entity_resolved_docs').execute()
  await db.schema.dropTable('entity_log').execute()
  await db.schema.dropTable('entity_keys').execute()
  await db.schema.dropTable('entity_mentions').execute()
  await db.schema.dropTable('entities').execute()
}
