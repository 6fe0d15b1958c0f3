/**
 * Indexes the day a document was published, `left(published, 10)`: the search filters compare
 * it with their `from` and `to` dates (dates are stored at the precision the source gave), and
 * without an index the `to` bound could only filter rows already read. A broad word within a
 * quarter (`задержан` from 2024-01-01 to 2024-03-31, 1,000,000 documents on PostgreSQL) read the
 * matches of the word published after `from` — a third of the record — to keep a few thousand;
 * with the index the text index and the date index are intersected first. The ranking window of
 * a broad query (decision 0015) picks its cutoff through this index too, among the documents up
 * to `to`.
 *
 * @module storage/migrations/202611250400-index-documents-published-day
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index if not exists documents_published_day_idx on documents (left(published, 10))`.execute(
    db,
  )
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists documents_published_day_idx`.execute(db)
}
