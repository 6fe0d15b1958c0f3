import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Hono } from 'hono'
import { createApp } from '#api/app.ts'
import { ErrorBody, ScreenResponse } from '#api/contract.ts'
import type { RawDoc } from '#core/document.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import { toAnnotations } from '#pipeline/output/annotations.ts'
import type { DatabaseHandle } from '#storage/database.ts'
import { createDocumentRepository } from '#storage/document-repository.ts'
import { createScreeningRepository } from '#storage/screening-repository.ts'
import { createSearchRepository } from '#storage/search-repository.ts'
import { openTestPglite } from '../../test/helpers/test-database.ts'

function raw(id: string, published: string, text: string): RawDoc {
  return { id, source: `${id}.txt`, url: null, format: 'text', raw: text, published }
}

/** Press-release style documents in ru, en and kk: a suspect, a spokeswoman, a president. */
const SCREEN_DOCS: RawDoc[] = [
  raw(
    'ru-fraud',
    '2025-03-14',
    'В Алматы задержан подозреваемый в мошенничестве\n\nПолицейские Алматы задержали Ерлана Сапарова, подозреваемого в мошенничестве на 23 млн тенге. Об этом сообщила официальный представитель ДП Алматы Салтанат Азирбек. Возбуждено уголовное дело по статье 190 УК РК.',
  ),
  raw(
    'en-court',
    '2025-09-02',
    'Almaty court sentences fraudster\n\nAn Almaty court sentenced Yerlan Saparov to seven years in prison for fraud, police spokeswoman Saltanat Azirbek said on Tuesday.',
  ),
  raw(
    'kk-president',
    '2025-05-20',
    'Тоқаев сыбайлас жемқорлықпен күресті күшейтуді тапсырды\n\nҚазақстан Республикасының Президенті Қасым-Жомарт Тоқаев Бас прокурор Берік Асыловты қабылдады. Мемлекет басшысы сыбайлас жемқорлықпен күресті күшейтуді тапсырды.',
  ),
]

async function post(app: Hono, body: unknown): Promise<Response> {
  return app.request('/api/screen', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

describe('POST /api/screen', () => {
  let handle: DatabaseHandle
  let app: Hono
  before(async () => {
    handle = await openTestPglite()
    const documents = createDocumentRepository(handle.db)
    // The real extractor, as `ingest` runs it: roles and titles come from the text.
    const pipeline = createDefaultPipeline()
    const stageVersions = Object.fromEntries(pipeline.stages.map((s) => [s.name, s.version]))
    for (const raw of SCREEN_DOCS) {
      const { doc } = await pipeline.run(raw, { docId: raw.id })
      await documents.save(doc, {
        annotations: toAnnotations(doc, { stageVersions }),
        extractorVersion: pipeline.version,
      })
    }
    app = createApp({
      documents,
      search: createSearchRepository(handle.db),
      screening: createScreeningRepository(handle.db),
      database: 'pglite',
      version: 'test',
    })
  })
  after(async () => {
    await handle.close()
  })

  test('finds a person across scripts, suspect flagged first, with crimes and articles', async () => {
    const res = await post(app, { names: ['Сапаров Ерлан'] })

    assert.equal(res.status, 200)
    const body = ScreenResponse.parse(await res.json())
    const [result] = body.results
    assert.equal(result?.query, 'Сапаров Ерлан')
    assert.deepEqual(
      result?.matches.map((m) => [m.name, m.flagged]),
      [
        ['Ерлан Сапаров', true],
        ['Yerlan Saparov', true],
      ],
    )
    const latin = result!.matches[1]!
    assert.deepEqual(latin.crimeCategories, ['fraud'])
    assert.deepEqual(
      latin.articles.map((a) => [a.docId, a.published, a.role]),
      [['en-court', '2025-09-02', 'convict']],
    )
    assert.ok(latin.reasons.some((r) => r.startsWith('match')))
  })

  test('a quoted police spokeswoman is reported with her role, not flagged', async () => {
    const res = await post(app, { names: ['Saltanat Azirbek'] })

    const body = ScreenResponse.parse(await res.json())
    const matches = body.results[0]!.matches
    assert.ok(matches.length >= 2)
    assert.ok(matches.every((m) => !m.flagged))
    const en = matches.find((m) => m.name === 'Saltanat Azirbek')!
    assert.deepEqual(en.roles, [{ role: 'official', documents: 1 }])
    assert.deepEqual(en.titles, ['police spokeswoman'])
  })

  test('Tokayev in Latin and Russian Cyrillic finds the Kazakh Тоқаев', async () => {
    const res = await post(app, { names: ['Tokayev', 'Токаев', 'Нурлан Ахметов'] })

    const body = ScreenResponse.parse(await res.json())
    assert.deepEqual(
      body.results.map((r) => [r.query, r.matches.map((m) => m.name)]),
      [
        ['Tokayev', ['Қасым-Жомарт Тоқаев']],
        ['Токаев', ['Қасым-Жомарт Тоқаев']],
        ['Нурлан Ахметов', []],
      ],
    )
  })

  test('a body without names, or not JSON, is a 400 with one clear message', async () => {
    for (const body of [{ names: [] }, { name: 'x' }, 'not json']) {
      const res = await post(app, body)

      assert.equal(res.status, 400)
      const error = ErrorBody.parse(await res.json())
      assert.equal(error.error.code, 'invalid_input')
    }
  })
})
