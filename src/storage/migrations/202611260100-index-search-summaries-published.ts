/**
 * Indexes the summaries newest first (decision 0017): a query whose words are in a large share
 * of the record is read without the text index, through the documents that pass its filters in
 * date order, each checked against the query, until a window holds enough matches. The index
 * orders by the day (`left(published, 10)`, which the `from` and `to` filters compare), then by
 * the date as the source gave it, then by document, so that the read stops after the window
 * instead of sorting every document the filters keep; browsing newest first follows it too.
 *
 * @module storage/migrations/202611260100-index-search-summaries-published
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index if not exists search_summaries_published_idx on search_summaries
      (left(published, 10) desc nulls last, published desc nulls last, doc_id)`.execute(db)
  // The planner estimates a window's rows from the statistics of the indexed day.
  await sql`analyze search_summaries`.execute(db)
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists search_summaries_published_idx`.execute(db)
}
