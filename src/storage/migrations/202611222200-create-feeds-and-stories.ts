/**
 * Creates feeds and their items, the fetch record of every URL (status, time, validators), and
 * the story links and signatures of near-duplicate detection.
 *
 * @module storage/migrations/202611222200-create-feeds-and-stories
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feeds')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text')
    .addColumn('kind', 'text')
    .addColumn('interval_seconds', 'integer', (c) => c.notNull().defaultTo(1800))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_polled_at', 'timestamptz')
    .addColumn('next_poll_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('feed_items')
    .addColumn('feed_url', 'text', (c) => c.notNull().references('feeds.url').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('published', 'text')
    .addColumn('doc_id', 'text')
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('feed_items_pk', ['feed_url', 'url'])
    .execute()

  // One row per URL asked for: the latest fetch, kept also when it failed.
  await db.schema
    .createTable('fetches')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('final_url', 'text')
    .addColumn('doc_id', 'text')
    .addColumn('feed_url', 'text')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('content_type', 'text')
    .addColumn('encoding', 'text')
    .addColumn('invalid_bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute()
  await db.schema.createIndex('fetches_doc_idx').on('fetches').column('doc_id').execute()

  await db.schema
    .createTable('story_signatures')
    .addColumn('doc_id', 'text', (c) => c.primaryKey())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('match_of', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addColumn('exact_hash', 'text', (c) => c.notNull())
    .addColumn('shingles', 'integer', (c) => c.notNull())
    .addColumn('minhash', 'bytea', (c) => c.notNull())
    .addColumn('sentences', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('story_signatures_story_idx')
    .on('story_signatures')
    .column('story_id')
    .execute()
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('story_signatures').execute()
  await db.schema.dropTable('fetches').execute()
  await db.schema.dropTable('feed_items').execute()
  await db.schema.dropTable('feeds').execute()
}
