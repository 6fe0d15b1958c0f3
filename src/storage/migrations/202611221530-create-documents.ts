/**
 * Creates documents, annotations and facts, with full-text search per language.
 *
 * @module storage/migrations/202611221530-create-documents
 */
import { type Kysely, sql } from 'kysely'

// The text-search configuration follows the document's language. Kazakh has no Snowball stemmer
// in PostgreSQL, so it uses `simple` (lower-casing only). A CASE over constant regconfigs keeps
// the expression immutable, which a generated column requires.
const TS_CONFIG = sql`(case lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end)`

// to_tsvector refuses inputs whose vector would pass 1 MB; positions stop at 16383 anyway.
const MAX_INDEXED_CHARS = 300_000

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Extensions live in `public` so that per-test schemas (dropped with CASCADE) never own them.
  await sql`create extension if not exists pg_trgm with schema public`.execute(db)
  await sql`create extension if not exists unaccent with schema public`.execute(db)

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('title', 'text')
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('en', 'ru', 'kk')`))
    .addColumn('published', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull().unique())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('search_vector', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector(${TS_CONFIG}, coalesce(title, '')), 'A') || setweight(to_tsvector(${TS_CONFIG}, left(text, ${sql.lit(MAX_INDEXED_CHARS)})), 'B')`,
        )
        .stored(),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index documents_search_vector_idx on documents using gin (search_vector)`.execute(
    db,
  )
  await db.schema
    .createIndex('documents_published_idx')
    .on('documents')
    .column('published')
    .execute()

  await db.schema
    .createTable('annotations')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('attributes', 'jsonb', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_version', 'integer', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'annotations_span_check',
      sql`0 <= start_offset and start_offset <= end_offset`,
    )
    .execute()
  await db.schema
    .createIndex('annotations_doc_idx')
    .on('annotations')
    .columns(['doc_id', 'start_offset'])
    .execute()
  // Trigram index on labels: fuzzy lookups of names across documents (entity resolution, screening).
  await sql`create index annotations_label_trgm_idx on annotations using gin (label public.gin_trgm_ops)`.execute(
    db,
  )

  await db.schema
    .createTable('facts')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('start_offset', 'integer')
    .addColumn('end_offset', 'integer')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_version', 'integer', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('facts_doc_idx').on('facts').columns(['doc_id', 'kind']).execute()
  await db.schema
    .createIndex('facts_kind_label_idx')
    .on('facts')
    .columns(['kind', 'label'])
    .execute()
}

/** Reverts the migration (the extensions stay: other schemas may use them). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('facts').execute()
  await db.schema.dropTable('annotations').execute()
  await db.schema.dropTable('documents').execute()
}
