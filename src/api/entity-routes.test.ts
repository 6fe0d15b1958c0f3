import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Hono } from 'hono'
import { createApp } from '#api/app.ts'
import {
  EntityDetailResponse,
  EntityListResponse,
  EntityLogListResponse,
  EntityLogResponse,
  EntityTimelineResponse,
  ErrorBody,
} from '#api/contract.ts'
import type { RawDoc } from '#core/document.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import { toAnnotations } from '#pipeline/output/annotations.ts'
import type { DatabaseHandle } from '#storage/database.ts'
import { createDocumentRepository } from '#storage/document-repository.ts'
import { createEntityRepository } from '#storage/entity-repository.ts'
import { createSearchRepository } from '#storage/search-repository.ts'
import { openTestPglite } from '../../test/helpers/test-database.ts'
import { USER_HEADER } from './entity-routes.ts'

function raw(id: string, published: string, text: string): RawDoc {
  return { id, source: `${id}.txt`, url: null, format: 'text', raw: text, published }
}

// Invented reports of one fraud case in Russian and English, and an unrelated Kazakh article.
const DOCS: RawDoc[] = [
  raw(
    'ru-arrest',
    '2025-03-14',
    'В Алматы задержан подозреваемый в мошенничестве\n\nПолицейские Алматы 12 марта задержали Ерлана Сапарова, подозреваемого в мошенничестве на 23 млн тенге. Возбуждено уголовное дело по статье 190 УК РК.',
  ),
  raw(
    'en-sentence',
    '2025-09-02',
    'Almaty court sentences fraudster\n\nAn Almaty court on September 1 sentenced Yerlan Saparov to seven years in prison for fraud, police said.',
  ),
  raw(
    'kk-customs',
    '2025-05-20',
    'Шымкентте контрабанда анықталды\n\nШымкент қаласында кеден қызметкерлері Бауыржан Сейітов есімді жүргізушінің көлігінен контрабандалық темекі тапты.',
  ),
]

async function send(app: Hono, method: string, path: string, body?: unknown, user?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (user) headers[USER_HEADER] = user
  return app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

describe('entity routes', () => {
  let handle: DatabaseHandle
  let app: Hono
  before(async () => {
    handle = await openTestPglite()
    const documents = createDocumentRepository(handle.db)
    const entities = createEntityRepository(handle.db)
    // The real extractor, as `ingest` runs it.
    const pipeline = createDefaultPipeline()
    const stageVersions = Object.fromEntries(pipeline.stages.map((s) => [s.name, s.version]))
    for (const r of DOCS) {
      const { doc } = await pipeline.run(r, { docId: r.id })
      await documents.save(doc, {
        annotations: toAnnotations(doc, { stageVersions }),
        extractorVersion: pipeline.version,
      })
    }
    assert.equal(await entities.sync(), DOCS.length)
    app = createApp({
      documents,
      search: createSearchRepository(handle.db),
      entities,
      database: 'pglite',
      version: 'test',
    })
  })
  after(() => handle.close())

  async function saparov(): Promise<EntityListResponse['items'][number]> {
    const res = await send(app, 'GET', `/api/entities?q=${encodeURIComponent('Сапаров Ерлан')}`)
    assert.equal(res.status, 200)
    const list = EntityListResponse.parse(await res.json())
    const persons = list.items.filter((i) => i.kind === 'person')
    assert.equal(persons.length, 1, JSON.stringify(list.items))
    return persons[0]!
  }

  test('GET /api/entities?q finds one person across Russian and English reports', async () => {
    const e = await saparov()
    const res = await send(app, 'GET', `/api/entities/${e.id}`)
    const detail = EntityDetailResponse.parse(await res.json())
    assert.deepEqual(detail.documents.map((d) => d.docId).sort(), ['en-sentence', 'ru-arrest'])
    assert.ok(detail.roles.some((r) => r.role === 'suspect' || r.role === 'convict'))
  })

  test('GET /api/entities/:id/timeline lists his events oldest first with sources', async () => {
    const e = await saparov()
    const res = await send(app, 'GET', `/api/entities/${e.id}/timeline`)
    assert.equal(res.status, 200)
    const body = EntityTimelineResponse.parse(await res.json())
    assert.ok(body.events.length >= 2, JSON.stringify(body.events))
    const dates = body.events.map((ev) => ev.date ?? '')
    assert.deepEqual(dates, [...dates].sort())
    assert.equal(body.events[0]?.docId, 'ru-arrest')
    assert.equal(body.events.at(-1)?.docId, 'en-sentence')
    assert.equal(body.total, body.events.length)
    assert.equal(body.nextCursor, null)
  })

  test('the timeline comes in pages: one event at a time reads the same events in order', async () => {
    const e = await saparov()
    const whole = EntityTimelineResponse.parse(
      await (await send(app, 'GET', `/api/entities/${e.id}/timeline`)).json(),
    )
    const paged: unknown[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const query: string = cursor === '' ? '?limit=1' : `?limit=1&cursor=${cursor}`
      const page = EntityTimelineResponse.parse(
        await (await send(app, 'GET', `/api/entities/${e.id}/timeline${query}`)).json(),
      )
      assert.ok(page.events.length <= 1)
      assert.equal(page.total, whole.total)
      paged.push(...page.events)
      cursor = page.nextCursor
    }
    assert.deepEqual(paged, whole.events)
    assert.equal((await send(app, 'GET', `/api/entities/${e.id}/timeline?limit=501`)).status, 400)
    assert.equal((await send(app, 'GET', `/api/entities/${e.id}/timeline?cursor=x`)).status, 400)
  })

  test('merge needs who; with the header it is logged and can be undone once', async () => {
    const e = await saparov()
    const other = EntityListResponse.parse(
      await (
        await send(app, 'GET', `/api/entities?q=${encodeURIComponent('Бауыржан Сейітов')}`)
      ).json(),
    ).items[0]
    assert.ok(other)
    const anonymous = await send(app, 'POST', '/api/entities/merge', {
      into: e.id,
      from: [other.id],
    })
    assert.equal(anonymous.status, 400)
    assert.equal(ErrorBody.parse(await anonymous.json()).error.code, 'invalid_input')

    const merged = await send(
      app,
      'POST',
      '/api/entities/merge',
      { into: e.id, from: [other.id] },
      'aliya',
    )
    assert.equal(merged.status, 200)
    const { log } = EntityLogResponse.parse(await merged.json())
    assert.equal(log.by, 'aliya')
    assert.deepEqual(log.entityIds, [e.id, other.id])
    const after = EntityDetailResponse.parse(
      await (await send(app, 'GET', `/api/entities/${other.id}`)).json(),
    )
    assert.equal(after.id, e.id)
    assert.equal(after.redirectedFrom, other.id)

    const history = await send(app, 'GET', `/api/entity-log?entity=${other.id}`)
    const entries = EntityLogListResponse.parse(await history.json()).entries
    assert.deepEqual(
      entries.map((x) => [x.id, x.action, x.by]),
      [[log.id, 'merge', 'aliya']],
    )
    const undo = await send(app, 'POST', `/api/entity-log/${log.id}/undo`, undefined, 'aliya')
    assert.equal(undo.status, 200)
    const again = await send(app, 'POST', `/api/entity-log/${log.id}/undo`, { by: 'aliya' })
    assert.equal(again.status, 409)
    assert.equal(ErrorBody.parse(await again.json()).error.code, 'conflict')
    const restored = EntityDetailResponse.parse(
      await (await send(app, 'GET', `/api/entities/${other.id}`)).json(),
    )
    assert.equal(restored.id, other.id)
  })

  test('split of a mention that is not the entity’s is refused; bad ids are 400, unknown 404', async () => {
    const e = await saparov()
    const res = await send(app, 'POST', `/api/entities/${e.id}/split`, {
      mentions: ['999999'],
      by: 'x',
    })
    assert.equal(res.status, 400)
    assert.equal((await send(app, 'GET', '/api/entities/abc')).status, 400)
    const missing = await send(app, 'GET', '/api/entities/99999999')
    assert.equal(missing.status, 404)
    assert.equal(ErrorBody.parse(await missing.json()).error.code, 'not_found')
  })
})
