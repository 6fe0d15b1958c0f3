import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Person } from '#core/facts.ts'
import { buildExtractedDoc } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import { createDocumentRepository, type StoredAnnotation } from './document-repository.ts'

const TEXT_RU =
  'В Алматы задержан Ерлан Сапаров, подозреваемый в мошенничестве на 23 млн тенге, сообщает полиция.'
const VERSION = 'clean@1,extract-persons@3'

const person: Person = {
  name: 'Ерлан Сапаров',
  variants: [],
  role: 'suspect',
  title: null,
  mentions: [{ start: 18, end: 31, text: 'Ерлан Сапаров' }],
  provenance: { stage: 'extract-persons', version: 3 },
}

const annotations: StoredAnnotation[] = [
  {
    start: 18,
    end: 31,
    type: 'person',
    label: 'Ерлан Сапаров',
    attributes: { role: 'suspect' },
    stage: 'extract-persons',
    stageVersion: 3,
  },
  {
    start: 2,
    end: 8,
    type: 'location',
    label: 'Алматы',
    attributes: { placeId: 'KZ-ALA' },
    stage: 'extract-places',
    stageVersion: 2,
  },
]

for (const backend of await testBackends()) {
  describe(`document repository (${backend.name})`, () => {
    let handle: DatabaseHandle
    before(async () => {
      handle = await backend.open()
    })
    after(async () => {
      await handle.close()
    })

    test('stores a document and reads it back with sorted annotations and provenance', async () => {
      const documents = createDocumentRepository(handle.db)
      const doc = buildExtractedDoc({ id: 'ru-1', text: TEXT_RU, lang: 'ru', persons: [person] })

      const saved = await documents.save(doc, { annotations, extractorVersion: VERSION })
      const found = await documents.findById('ru-1')

      assert.deepEqual(saved, { status: 'added', id: 'ru-1', duplicateOf: null })
      assert.equal(found?.text, TEXT_RU)
      assert.equal(found?.lang, 'ru')
      assert.equal(found?.extractorVersion, VERSION)
      assert.deepEqual(found?.annotations, [annotations[1], annotations[0]])
      const facts = await handle.db
        .selectFrom('facts')
        .selectAll()
        .where('doc_id', '=', 'ru-1')
        .execute()
      assert.deepEqual(
        facts.map((f) => [
          f.kind,
          f.label,
          f.start_offset,
          f.end_offset,
          f.stage,
          f.stage_version,
          f.extractor_version,
        ]),
        [['person', 'Ерлан Сапаров', 18, 31, 'extract-persons', 3, VERSION]],
      )
    })

    test('re-saving the same document changes nothing', async () => {
      const documents = createDocumentRepository(handle.db)
      const doc = buildExtractedDoc({ id: 'ru-1', text: TEXT_RU, lang: 'ru', persons: [person] })

      const again = await documents.save(doc, { annotations, extractorVersion: VERSION })

      assert.equal(again.status, 'unchanged')
      assert.equal((await documents.findById('ru-1'))?.annotations.length, 2)
      const n = await handle.db
        .selectFrom('facts')
        .select('id')
        .where('doc_id', '=', 'ru-1')
        .execute()
      assert.equal(n.length, 1)
    })

    test('folds the same text under another id (spacing and case aside) as a duplicate', async () => {
      const documents = createDocumentRepository(handle.db)
      const copy = buildExtractedDoc({
        id: 'ru-1-copy',
        text: `  ${TEXT_RU.toUpperCase().replace(' ', '\n ')} `,
        lang: 'ru',
      })

      const result = await documents.save(copy, { annotations: [], extractorVersion: VERSION })

      assert.deepEqual(result, { status: 'duplicate', id: 'ru-1-copy', duplicateOf: 'ru-1' })
      assert.equal(await documents.findById('ru-1-copy'), undefined)
    })

    test('updates a document whose text changed and replaces its annotations', async () => {
      const documents = createDocumentRepository(handle.db)
      const text = `${TEXT_RU} Дело передано в суд.`
      const doc = buildExtractedDoc({ id: 'ru-1', text, lang: 'ru' })

      const result = await documents.save(doc, {
        annotations: [annotations[0]!],
        extractorVersion: VERSION,
      })

      assert.equal(result.status, 'updated')
      const found = await documents.findByIdOrThrow('ru-1')
      assert.equal(found.text, text)
      assert.deepEqual(found.annotations, [annotations[0]])
    })

    test('stores thousands of annotations in batches', async () => {
      const documents = createDocumentRepository(handle.db)
      const text = 'Полиция задержала подозреваемого. '.repeat(400)
      const many = Array.from({ length: 2500 }, (_, i) => ({
        start: i,
        end: i + 7,
        type: 'event',
        label: 'arrest',
        attributes: { n: i },
        stage: 'extract-events',
        stageVersion: 1,
      }))

      await documents.save(buildExtractedDoc({ id: 'big', text, lang: 'ru' }), {
        annotations: many,
        extractorVersion: VERSION,
      })

      assert.equal((await documents.findByIdOrThrow('big')).annotations.length, 2500)
    })

    test('stores text with NUL and broken surrogates, keeping every offset', async () => {
      const documents = createDocumentRepository(handle.db)
      const text = 'Bad\u0000bytes \uD800 here: Astana police.'
      const span = {
        start: 28,
        end: 34,
        type: 'location',
        label: 'Astana\u0000',
        attributes: { x: '\uDC00' },
        stage: 's',
        stageVersion: 1,
      }

      await documents.save(buildExtractedDoc({ id: 'odd', text }), {
        annotations: [span],
        extractorVersion: VERSION,
      })

      const found = await documents.findByIdOrThrow('odd')
      assert.equal(found.text.length, text.length)
      assert.equal(found.text.slice(18, 24), 'Astana')
      assert.equal(found.annotations[0]?.label, 'Astana\uFFFD')
    })

    test('recognises an input stored before by the same extractor', async () => {
      const documents = createDocumentRepository(handle.db)
      const doc = buildExtractedDoc({ id: 'raw-1', text: 'Police in Taraz detained a courier.' })

      await documents.save(doc, { annotations: [], extractorVersion: VERSION, rawHash: 'h1' })

      assert.equal(await documents.isUnchanged('raw-1', 'h1', VERSION), true)
      assert.equal(await documents.isUnchanged('raw-1', 'h2', VERSION), false)
      assert.equal(await documents.isUnchanged('raw-1', 'h1', 'clean@9'), false)
    })

    test('reports a missing document as not_found', async () => {
      const documents = createDocumentRepository(handle.db)

      await assert.rejects(documents.findByIdOrThrow('nope'), { code: 'not_found' })
      assert.equal(await documents.findById('nope'), undefined)
    })
  })
}
