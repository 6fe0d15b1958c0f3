/**
 * Refreshes a document's search summary once per transaction instead of once per statement
 * (decision 0015): the statement triggers of migration 202611240100 now only note the touched
 * documents in `search_summaries_pending`, and a deferred constraint trigger on that table
 * refreshes them all at commit. A batch of stored documents (its documents, facts and entity
 * mentions written by separate statements) refreshed each summary about three times; now once.
 * A single write outside a transaction is its own transaction: its summary is current when the
 * statement returns, as before. Inside a transaction the summaries of what it wrote are current
 * from its commit (no reader queries them before it).
 *
 * @module storage/migrations/202611250100-search-summaries-once-per-transaction
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // No key: a row is only ever seen by the transaction that wrote it (it is deleted at its
  // commit), so concurrent writers never wait on each other's rows. The index serves the
  // "already noted" check of the statement triggers.
  await sql`create table search_summaries_pending (doc_id text not null)`.execute(db)
  await sql`create index search_summaries_pending_doc_idx on search_summaries_pending (doc_id)`.execute(
    db,
  )

  // The statement triggers note each document once per transaction: one deferred event each.
  await sql`
    create or replace function search_summaries_of_documents() returns trigger
    language plpgsql as $fn$
    begin
      insert into search_summaries_pending (doc_id)
      select distinct c.id from changed c
      where not exists (select 1 from search_summaries_pending p where p.doc_id = c.id);
      return null;
    end
    $fn$`.execute(db)
  await sql`
    create or replace function search_summaries_of_children() returns trigger
    language plpgsql as $fn$
    begin
      insert into search_summaries_pending (doc_id)
      select distinct c.doc_id from changed c
      where not exists (select 1 from search_summaries_pending p where p.doc_id = c.doc_id);
      return null;
    end
    $fn$`.execute(db)

  // At commit: the first event refreshes every noted document and clears the list; the
  // others find it empty.
  await sql`
    create function search_summaries_flush() returns trigger
    language plpgsql as $fn$
    declare
      ids text[];
    begin
      with gone as (delete from search_summaries_pending returning doc_id)
      select array_agg(distinct doc_id) into ids from gone;
      if ids is not null then
        perform search_summaries_refresh(ids);
      end if;
      return null;
    end
    $fn$`.execute(db)
  await sql`
    create constraint trigger search_summaries_pending_flush
    after insert on search_summaries_pending
    deferrable initially deferred
    for each row execute function search_summaries_flush()`.execute(db)
}

/** Reverts the migration: the statement triggers refresh at once again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists search_summaries_pending_flush on search_summaries_pending`.execute(
    db,
  )
  await sql`drop function if exists search_summaries_flush()`.execute(db)
  await sql`
    create or replace function search_summaries_of_documents() returns trigger
    language plpgsql as $fn$
    begin
      perform search_summaries_refresh(array(select distinct id from changed));
      return null;
    end
    $fn$`.execute(db)
  await sql`
    create or replace function search_summaries_of_children() returns trigger
    language plpgsql as $fn$
    begin
      perform search_summaries_refresh(array(select distinct doc_id from changed));
      return null;
    end
    $fn$`.execute(db)
  await sql`drop table if exists search_summaries_pending`.execute(db)
}
