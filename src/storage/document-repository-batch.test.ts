import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import type { ExtractedDoc } from '#core/document.ts'
import type { Organization, Person } from '#core/facts.ts'
import { buildExtractedDoc } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import { createDocumentRepository } from './document-repository.ts'
import { createBatchWriter } from './document-repository-batch.ts'
import { createEntityRepository } from './entity-repository.ts'

const VERSION = 'clean@1,extract-persons@3'

// Invented reports: one person, named in full, in each.
function report(id: string, name: string, text: string): ExtractedDoc {
  const start = text.indexOf(name)
  const person: Person = {
    name,
    variants: [],
    role: 'suspect',
    title: null,
    mentions: [{ start, end: start + name.length, text: name }],
    provenance: { stage: 'extract-persons', version: 3 },
  }
  return buildExtractedDoc({
    id,
    text,
    lang: 'en',
    persons: [person],
    url: `https://example.test/${id}`,
  })
}

const A = report(
  'b-1',
  'Daulet Ospanov',
  'Police in Taraz detained Daulet Ospanov over a forged land deed.',
)
const B = report(
  'b-2',
  'Daulet Ospanov',
  'Daulet Ospanov was released on bail by a Taraz court on Monday.',
)
const C = report(
  'b-3',
  'Saule Nurlanova',
  'Saule Nurlanova, an accountant, is accused of embezzling funds.',
)
const item = (doc: ExtractedDoc, rawHash = `raw-${doc.id}`) => ({
  doc,
  input: { annotations: [], extractorVersion: VERSION, rawHash },
  host: 'example.test',
})

for (const backend of await testBackends()) {
  describe(`batch writer (${backend.name})`, () => {
    let one: DatabaseHandle
    let many: DatabaseHandle
    before(async () => {
      one = await backend.open()
      many = await backend.open()
    })
    after(async () => {
      await one.close()
      await many.close()
    })

    test('a batch stores what saving and resolving one document at a time stores', async () => {
      // The same id twice (a newer text), a reprint under another id, and a new document.
      const B2 = report(
        'b-2',
        'Daulet Ospanov',
        'Daulet Ospanov was released on bail by the Taraz city court.',
      )
      const reprint = { ...A, id: 'b-4' }
      const sequence = [item(A), item(B), item(reprint), item(B2, 'raw-b-2-v2'), item(C)]

      const documents = createDocumentRepository(one.db)
      const entities = createEntityRepository(one.db)
      const expected = []
      for (const { doc, input } of sequence) {
        const saved = await documents.save(doc, input)
        expected.push(saved)
        if (saved.status === 'added' || saved.status === 'updated')
          await entities.resolveDocument(saved.id)
      }
      const result = await createBatchWriter(many.db).write(sequence)

      assert.deepEqual(result.saved, expected)
      assert.deepEqual(
        expected.map((s) => s.status),
        ['added', 'added', 'duplicate', 'updated', 'added'],
      )
      assert.deepEqual(await dump(many), await dump(one))
    })

    test('a batch of new documents places their mentions as one document at a time does', async () => {
      // People named in full and by surname, namesakes, a person the batch itself created met
      // again, an IIN (read back mid-batch), and bodies with and without a lexicon id.
      const people = (
        id: string,
        text: string,
        names: string[],
        orgs: [string, string | null][],
      ) => {
        const persons: Person[] = names.map((name) => {
          const start = text.indexOf(name)
          return {
            name,
            variants: [],
            role: 'suspect',
            title: null,
            mentions: [{ start, end: start + name.length, text: name }],
            provenance: { stage: 'extract-persons', version: 3 },
          }
        })
        const organizations: Organization[] = orgs.map(([name, orgId]) => {
          const start = text.indexOf(name)
          return {
            name,
            variants: [],
            kind: 'law_enforcement',
            country: 'KZ',
            orgId,
            mentions: [{ start, end: start + name.length, text: name }],
            provenance: { stage: 'extract-organizations', version: 1 },
          }
        })
        return buildExtractedDoc({ id, text, lang: 'en', persons, organizations })
      }
      const docs = [
        people(
          'p-1',
          'Almaty police detained Erlan Saparov and Marat Akhmetov over a fraud.',
          ['Erlan Saparov', 'Marat Akhmetov'],
          [['Almaty police', 'kz-almaty-police']],
        ),
        people(
          'p-2',
          'Saparov was released; the Almaty police said Marat Akhmetov stays in custody.',
          ['Saparov', 'Marat Akhmetov'],
          [['Almaty police', 'kz-almaty-police']],
        ),
        people(
          'p-3',
          'Detained: Erlan Saparov (IIN 850612300152) and Dana Saparova, his sister.',
          ['Erlan Saparov', 'Dana Saparova'],
          [],
        ),
        people(
          'p-4',
          'Askar Saparov, no relation, was fined by the Shymkent city police.',
          ['Askar Saparov'],
          [['Shymkent city police', null]],
        ),
        people(
          'p-5',
          'Yerlan Saparov and Dana Saparova appeared in court with Askar Saparov.',
          ['Yerlan Saparov', 'Dana Saparova', 'Askar Saparov'],
          [['Shymkent city police', null]],
        ),
      ]
      const sequence = docs.map((d) => item(d))
      const documents = createDocumentRepository(one.db)
      const entities = createEntityRepository(one.db)
      for (const { doc, input } of sequence) {
        const saved = await documents.save(doc, input)
        if (saved.status === 'added') await entities.resolveDocument(saved.id)
      }
      await createBatchWriter(many.db).write(sequence)
      const got = await dump(many)
      assert.deepEqual(got, await dump(one))
      assert.ok(got.entities.length >= 5)
    })

    test('unchanged answers the inputs stored from the same input by the same extractor', async () => {
      const writer = createBatchWriter(many.db)
      const same = await writer.unchanged(
        [
          { id: 'b-1', rawHash: 'raw-b-1' },
          { id: 'b-2', rawHash: 'raw-b-2' },
          { id: 'b-2', rawHash: 'raw-b-2-v2' },
          { id: 'b-9', rawHash: 'raw-b-9' },
        ],
        VERSION,
      )
      assert.deepEqual([...same].sort(), ['b-1', 'b-2'])
      assert.equal((await writer.unchanged([{ id: 'b-1', rawHash: 'raw-b-1' }], 'other@1')).size, 0)
    })

    test('a batch that fails stores nothing of it', async () => {
      const writer = createBatchWriter(many.db)
      const before = await dump(many)
      const bad = { ...item(report('b-5', 'Aidos Bekov', 'Aidos Bekov was fined in Shymkent.')) }
      const broken = { ...bad, doc: { ...bad.doc, lang: 'xx' as ExtractedDoc['lang'] } }
      await assert.rejects(
        writer.write([item(report('b-6', 'Aidos Bekov', 'Aidos Bekov appealed.')), broken]),
      )
      assert.deepEqual(await dump(many), before)
    })
  })
}

async function dump(handle: DatabaseHandle) {
  const q = async (text: string) => (await sql.raw(text).execute(handle.db)).rows
  return {
    documents: await q(
      'select id, text_hash, raw_hash, extractor_version from documents order by id',
    ),
    facts: await q(
      'select doc_id, kind, ordinal, label, data::text from facts order by doc_id, kind, ordinal',
    ),
    entities: await q(
      'select id::text, kind, name, mention_count, context::text from entities order by id',
    ),
    mentions: await q(
      'select doc_id, kind, name, entity_id::text, role, context::text from entity_mentions order by doc_id, kind, name',
    ),
    keys: await q(
      'select key, entity_id::text, min_parts from entity_keys order by key, entity_id',
    ),
    resolved: await q('select doc_id, text_hash from entity_resolved_docs order by doc_id'),
  }
}
