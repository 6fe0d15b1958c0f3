import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import type { Database } from './schema.ts'

// Migration 202611250100 (decision 0015): a document's summary is refreshed once per
// transaction, at its commit, however many statements wrote it; a write outside a transaction
// is refreshed when its statement returns.

async function insertDocument(db: Kysely<Database>, id: string, published = '2025-03-01') {
  await sql`
    insert into documents (id, source, lang, published, format, text, text_hash, extractor_version)
    values (${id}, 'test.txt', 'en', ${published}, 'text', ${`Police report ${id}.`}, ${`hash-${id}`}, 'test@1')`.execute(
    db,
  )
}

async function insertFact(db: Kysely<Database>, docId: string, kind: string, label: string) {
  await sql`
    insert into facts (doc_id, kind, ordinal, label, data, stage, stage_version, extractor_version)
    values (${docId}, ${kind}, 0, ${label}, '{}'::jsonb, 'test', 1, 'test@1')`.execute(db)
}

for (const backend of await testBackends()) {
  describe(`search summaries, once per transaction (${backend.name})`, () => {
    let handle: DatabaseHandle

    before(async () => {
      handle = await backend.open()
      // Counts every row written to search_summaries (an unchanged summary is not rewritten,
      // so each counted row is one refresh that changed something).
      await sql`create table summary_writes (doc_id text not null)`.execute(handle.db)
      await sql`
        create function count_summary_write() returns trigger language plpgsql as $fn$
        begin
          insert into summary_writes values (new.doc_id);
          return null;
        end $fn$`.execute(handle.db)
      await sql`
        create trigger count_summary_writes after insert or update on search_summaries
        for each row execute function count_summary_write()`.execute(handle.db)
    })
    after(async () => {
      await handle.close()
    })

    async function writes(id: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from summary_writes where doc_id = ${id}`.execute(handle.db)
      return Number(rows[0]?.n ?? 0)
    }

    async function crimes(id: string): Promise<string[] | undefined> {
      const { rows } = await sql<{ crimes: string[] }>`
        select crimes from search_summaries where doc_id = ${id}`.execute(handle.db)
      return rows[0]?.crimes
    }

    test('a transaction writing a document and its facts in three statements refreshes its summary once', async () => {
      await handle.db.transaction().execute(async (trx) => {
        await insertDocument(trx, 'batch-1')
        await insertFact(trx, 'batch-1', 'crime', 'fraud')
        await insertFact(trx, 'batch-1', 'crime', 'theft')
        await insertDocument(trx, 'batch-2')
        await insertFact(trx, 'batch-2', 'crime', 'smuggling')
      })

      assert.deepEqual(await crimes('batch-1'), ['fraud', 'theft'])
      assert.deepEqual(await crimes('batch-2'), ['smuggling'])
      assert.deepEqual([await writes('batch-1'), await writes('batch-2')], [1, 1])
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from search_summaries_pending`.execute(handle.db)
      assert.equal(Number(rows[0]?.n), 0, 'the pending list is empty after the commit')
    })

    test('single writes outside a transaction are summarised when each statement returns', async () => {
      await insertDocument(handle.db, 'single-1')
      assert.deepEqual(await crimes('single-1'), [])
      await insertFact(handle.db, 'single-1', 'crime', 'robbery')
      assert.deepEqual(await crimes('single-1'), ['robbery'])
      await sql`update facts set label = 'murder' where doc_id = 'single-1'`.execute(handle.db)
      assert.deepEqual(await crimes('single-1'), ['murder'])
      await sql`delete from facts where doc_id = 'single-1'`.execute(handle.db)
      assert.deepEqual(await crimes('single-1'), [])
      await sql`update documents set published = '2026-01-02' where id = 'single-1'`.execute(
        handle.db,
      )
      const { rows } = await sql<{ published: string }>`
        select published from search_summaries where doc_id = 'single-1'`.execute(handle.db)
      assert.equal(rows[0]?.published, '2026-01-02')
    })

    test('a rolled-back transaction leaves the summaries as they were', async () => {
      await insertDocument(handle.db, 'rollback-1')
      await insertFact(handle.db, 'rollback-1', 'crime', 'fraud')
      await assert.rejects(
        handle.db.transaction().execute(async (trx) => {
          await insertFact(trx, 'rollback-1', 'crime', 'theft')
          throw new Error('abort')
        }),
        /abort/,
      )
      assert.deepEqual(await crimes('rollback-1'), ['fraud'])
      // The next write refreshes from the rows as they are.
      await insertFact(handle.db, 'rollback-1', 'crime', 'arson')
      assert.deepEqual(await crimes('rollback-1'), ['arson', 'fraud'])
    })

    test('a document deleted in the transaction that noted it leaves no summary and no error', async () => {
      await handle.db.transaction().execute(async (trx) => {
        await insertDocument(trx, 'gone-1')
        await insertFact(trx, 'gone-1', 'crime', 'fraud')
        await sql`delete from documents where id = 'gone-1'`.execute(trx)
      })
      assert.equal(await crimes('gone-1'), undefined)
    })
  })
}
