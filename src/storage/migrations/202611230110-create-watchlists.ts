/**
 * Creates loaded watchlists (FollowTheMoney / OpenSanctions JSON lines, simple CSV): one row per
 * list, one per entry, and the entries' name keys under a btree for cross-referencing them with
 * the entity record. Design: docs/decisions/0008-entity-resolution.md.
 *
 * @module storage/migrations/202611230110-create-watchlists
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watchlists')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createTable('watchlist_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('watchlist', 'text', (c) =>
      c.notNull().references('watchlists.name').onDelete('cascade'),
    )
    .addColumn('ext_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('schema', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull())
    .addColumn('birth_dates', 'jsonb', (c) => c.notNull())
    .addColumn('countries', 'jsonb', (c) => c.notNull())
    .addColumn('identifiers', sql`text[]`, (c) => c.notNull())
    .addColumn('topics', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('watchlist_entries_ext_key', ['watchlist', 'ext_id'])
    .execute()
  await sql`create index watchlist_entries_identifiers_idx on watchlist_entries using gin (identifiers)`.execute(
    db,
  )
  await db.schema
    .createTable('watchlist_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'bigint', (c) =>
      c.notNull().references('watchlist_entries.id').onDelete('cascade'),
    )
    .addColumn('min_parts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('watchlist_keys_pk', ['key', 'entry_id'])
    .execute()
  await db.schema
    .createIndex('watchlist_keys_entry_idx')
    .on('watchlist_keys')
    .column('entry_id')
    .execute()
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watchlist_keys').execute()
  await db.schema.dropTable('watchlist_entries').execute()
  await db.schema.dropTable('watchlists').execute()
}
