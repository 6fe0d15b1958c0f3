/**
 * Creates the tables that learn each site's page furniture (issue #5, point 4): the pages of a
 * host counted so far (each once, so re-ingesting a page counts nothing), and per host and
 * normalised line the number of pages it was seen on and how many of those had it inside the
 * article.
 *
 * @module storage/migrations/202611230000-create-site-furniture
 */
import type { Kysely } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('site_pages')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_pages_pkey', ['host', 'doc_id'])
    .execute()
  await db.schema
    .createTable('site_lines')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('in_article', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_lines_pkey', ['host', 'line_key'])
    .execute()
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('site_lines').execute()
  await db.schema.dropTable('site_pages').execute()
}
