/**
 * Queues the documents whose persons need keying for screening, so that `screen()` no longer
 * looks for them by comparing every document with `person_name_keyed_docs` (3.8–4.9 s per screen
 * at 1,000,000 documents, docs/performance.md). A statement-level trigger on `facts` puts the
 * document of every inserted or updated person fact into `person_name_dirty_docs`, in the
 * writer's transaction: the queue row and the facts become visible together, whoever writes
 * (the document repository, a reprocess, bulk SQL), so a document committed late is never
 * missed, whatever its timestamps. Each queue row carries a number from a sequence, renewed when
 * the document is queued again: the screening repository deletes a row only when its number is
 * still the one it keyed, so a document re-extracted while it was being keyed stays queued.
 * Deleted facts need no queue row: their keys go with them (`person_name_keys.fact_id` cascades).
 *
 * The documents not keyed yet when this runs (the old check, once) are queued here; the tables
 * themselves are left as they are. Design: docs/decisions/0016-screening-keying-queue.md.
 *
 * @module storage/migrations/202611250200-queue-person-name-keying
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table person_name_dirty_docs (
      doc_id text primary key,
      seq bigserial not null
    )`.execute(db)
  // The screening repository takes the oldest first, and asks for the newest before a screen.
  await sql`create index person_name_dirty_docs_seq_idx on person_name_dirty_docs (seq)`.execute(db)

  // No foreign key to documents: a document deleted after it was queued leaves a row that the
  // next sync drops (its keys went with its facts).
  await sql`
    create function person_name_keys_enqueue() returns trigger
    language plpgsql as $fn$
    begin
      insert into person_name_dirty_docs (doc_id)
      select distinct doc_id from changed where kind = 'person' order by doc_id
      on conflict (doc_id) do update set seq = excluded.seq;
      return null;
    end
    $fn$`.execute(db)
  // Statement-level: one insert per statement (a batch of 300 documents' facts is one statement).
  for (const event of ['insert', 'update']) {
    await sql`
      create trigger ${sql.id(`facts_${event}_person_name_keys`)}
      after ${sql.raw(event)} on facts
      referencing new table as changed
      for each statement execute function person_name_keys_enqueue()`.execute(db)
  }

  await sql`
    insert into person_name_dirty_docs (doc_id)
    select d.id from documents d
    where not exists (
      select 1 from person_name_keyed_docs k
      where k.doc_id = d.id and k.text_hash = d.text_hash
        and k.extractor_version = d.extractor_version)
    order by d.id`.execute(db)
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const event of ['insert', 'update'])
    await sql`drop trigger if exists ${sql.id(`facts_${event}_person_name_keys`)} on facts`.execute(
      db,
    )
  await sql`drop function if exists person_name_keys_enqueue()`.execute(db)
  await sql`drop table if exists person_name_dirty_docs`.execute(db)
}
