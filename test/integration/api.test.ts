import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createApp } from '#api/app.ts'
import {
  DocumentResponse,
  ErrorBody,
  GraphResponse,
  HealthResponse,
  MapResponse,
  SearchResponse,
  StatsResponse,
  StoryResponse,
} from '#api/contract.ts'
import { loadConfig } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import type { DocumentRepository } from '#storage/document-repository.ts'
import type { SearchRepository } from '#storage/search-repository.ts'
import { createStoryRepository } from '#storage/story-repository.ts'
import { testBackends } from '../helpers/test-database.ts'

function raw(id: string, text: string, published = '2025-03-14'): RawDoc {
  return { id, source: `${id}.txt`, url: null, format: 'text', raw: text, published }
}

const DOCS: RawDoc[] = [
  raw(
    'ru-almaty-fraud',
    'В Алматы задержан подозреваемый в мошенничестве\n\nСотрудники полиции Алматы задержали 34-летнего мужчину, подозреваемого в мошенничестве. По данным ДП города, он похитил у граждан 23 млн тенге под предлогом продажи автомобилей. Возбуждено уголовное дело по статье 190 УК РК.',
  ),
  raw(
    'en-astana-bribery',
    'Official detained in Astana on bribery charges\n\nThe Anti-Corruption Agency detained a deputy akim of Astana on suspicion of taking a bribe of $50,000, the agency said on Friday. A pre-trial investigation has been opened.',
  ),
  raw(
    'kk-shymkent-drugs',
    'Шымкентте есірткі сатқан күдікті ұсталды\n\nШымкент қаласының полициясы есірткі сатумен айналысқан күдіктіні ұстады. Оның үйінен 2 келі марихуана тәркіленді. Қылмыстық іс қозғалды.',
  ),
  raw(
    'en-almaty-fraud-2',
    'Almaty police detain fraud suspects\n\nPolice in Almaty detained two men suspected of fraud after residents reported losing savings to a fake investment scheme.',
  ),
]

for (const backend of await testBackends()) {
  describe(`HTTP API over ${backend.name}`, () => {
    let runtime: Runtime
    before(async () => {
      const database = await backend.open()
      runtime = await bootstrap(loadConfig({}), { cwd: process.cwd(), database })
      const report = await runtime.ingest(DOCS)
      assert.deepEqual(report.failed, [])
    })
    after(async () => {
      await runtime.close()
    })

    test('GET /api/health reports the back-end and the number of documents', async () => {
      const res = await runtime.createHttpApp().request('/api/health')

      assert.equal(res.status, 200)
      const body = HealthResponse.parse(await res.json())
      assert.deepEqual(
        { ...body, version: 'x' },
        { status: 'ok', database: backend.name, documents: 4, version: 'x' },
      )
    })

    test('re-ingesting the same documents adds nothing', async () => {
      const report = await runtime.ingest(DOCS)

      assert.deepEqual([report.added, report.unchanged, report.failed.length], [0, 4, 0])
      assert.equal(await runtime.documents.count(), 4)
    })

    test('GET /api/search finds a Russian inflected form and highlights it in the snippet', async () => {
      const res = await runtime
        .createHttpApp()
        .request(`/api/search?q=${encodeURIComponent('мошенничество')}`)

      const body = SearchResponse.parse(await res.json())
      assert.deepEqual(
        body.items.map((h) => h.id),
        ['ru-almaty-fraud'],
      )
      const hit = body.items[0]!
      const marked = hit.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end))
      assert.ok(marked.length > 0)
      assert.ok(
        marked.every((w) => w.toLowerCase().startsWith('мошенничеств')),
        marked.join(','),
      )
    })

    test('GET /api/search matches English stems and filters by language', async () => {
      const app = runtime.createHttpApp()

      const all = SearchResponse.parse(await (await app.request('/api/search?q=detained')).json())
      const ru = SearchResponse.parse(
        await (await app.request('/api/search?q=detained&lang=ru')).json(),
      )

      assert.deepEqual(all.items.map((h) => h.id).sort(), [
        'en-almaty-fraud-2',
        'en-astana-bribery',
      ])
      assert.equal(ru.total, 0)
    })

    test('GET /api/search finds Kazakh words', async () => {
      const res = await runtime
        .createHttpApp()
        .request(`/api/search?q=${encodeURIComponent('есірткі')}&lang=kk`)

      const body = SearchResponse.parse(await res.json())
      assert.deepEqual(
        body.items.map((h) => h.id),
        ['kk-shymkent-drugs'],
      )
    })

    test('GET /api/search pages with a cursor without repeating hits', async () => {
      const app = runtime.createHttpApp()

      const first = SearchResponse.parse(
        await (await app.request('/api/search?q=detained&limit=1')).json(),
      )
      const res = await app.request(`/api/search?q=detained&limit=1&cursor=${first.nextCursor}`)
      const secondBody = await res.json()
      assert.equal(res.status, 200, JSON.stringify(secondBody))
      const second = SearchResponse.parse(secondBody)

      assert.equal(first.total, 2)
      assert.equal(first.items.length, 1)
      assert.ok(first.nextCursor)
      assert.equal(second.items.length, 1)
      assert.notEqual(second.items[0]?.id, first.items[0]?.id)
      assert.equal(second.nextCursor, null)
    })

    test('GET /api/search counts matches by crime, place and language, and filters by them', async () => {
      const app = runtime.createHttpApp()

      const all = SearchResponse.parse(
        await (await app.request('/api/search?q=fraud%20OR%20мошенничество&facets=true')).json(),
      )
      const crime = all.facets?.crime.find((f) => f.value === 'fraud')
      const almaty = all.facets?.location.find((f) => f.value === 'KZ-ALA')
      assert.equal(crime?.count, 2, JSON.stringify(all.facets))
      assert.equal(almaty?.count, 2, JSON.stringify(all.facets))
      assert.deepEqual(all.facets?.lang.map((f) => `${f.value}:${f.count}`).sort(), [
        'en:1',
        'ru:1',
      ])
      assert.equal(all.facets?.sampled, false)
      assert.equal(almaty?.label, 'Almaty')
      const inKazakh = SearchResponse.parse(
        await (await app.request('/api/search?q=fraud%20OR%20мошенничество&facets=1&ui=ru')).json(),
      )
      assert.equal(inKazakh.facets?.location.find((f) => f.value === 'KZ-ALA')?.label, 'Алматы')

      const ruOnly = SearchResponse.parse(
        await (await app.request('/api/search?q=fraud%20OR%20мошенничество&lang=ru')).json(),
      )
      assert.deepEqual(
        ruOnly.items.map((h) => h.id),
        ['ru-almaty-fraud'],
      )
    })

    test('GET /api/search without a query lists documents that pass the filters, newest first', async () => {
      const app = runtime.createHttpApp()

      const fraud = SearchResponse.parse(
        await (await app.request('/api/search?crime=fraud&location=KZ-ALA')).json(),
      )
      assert.deepEqual(fraud.items.map((h) => h.id).sort(), [
        'en-almaty-fraud-2',
        'ru-almaty-fraud',
      ])
      assert.ok(
        fraud.items.every((h) => h.snippet.text.length > 20 && h.snippet.highlights.length === 0),
        'each hit shows the start of its text',
      )

      const drugs = SearchResponse.parse(
        await (await app.request('/api/search?crime=drug_trafficking')).json(),
      )
      assert.deepEqual(
        drugs.items.map((h) => h.id),
        ['kk-shymkent-drugs'],
      )
      const none = SearchResponse.parse(await (await app.request('/api/search?to=2024')).json())
      assert.equal(none.total, 0, 'nothing was published before 2025')
      const everything = SearchResponse.parse(await (await app.request('/api/search?q=')).json())
      assert.equal(everything.total, 4)
    })

    test('GET /api/export writes the selected documents as JSON lines, CSV, FtM and GeoJSON', async () => {
      const app = runtime.createHttpApp()

      const jsonl = await app.request('/api/export?format=jsonl&crime=fraud')
      assert.equal(jsonl.status, 200)
      assert.match(
        jsonl.headers.get('content-disposition') ?? '',
        /attachment; filename="tergeu-\d{8}\.jsonl"/,
      )
      const docs = (await jsonl.text())
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l))
      assert.deepEqual(docs.map((d) => d.id).sort(), ['en-almaty-fraud-2', 'ru-almaty-fraud'])
      assert.ok(
        docs.every((d) => d.crimes.some((c: { category: string }) => c.category === 'fraud')),
      )

      const csv = await (await app.request('/api/export?format=csv&lang=ru')).text()
      const rows = csv.trimEnd().split('\r\n')
      assert.match(rows[0] ?? '', /^document_id,published,language,/)
      assert.ok(rows.slice(1).every((r) => r.startsWith('ru-almaty-fraud,')))
      assert.ok(
        rows.some((r) => r.includes(',money,23000000 KZT,')),
        'the amount is a row',
      )

      const ftm = (await (await app.request('/api/export?format=ftm&q=есірткі')).text())
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l))
      assert.equal(ftm.filter((e) => e.schema === 'Article').length, 1)

      const geo = (await (await app.request('/api/export?format=geojson&ui=ru')).json()) as {
        features: { id: string; properties: { documents: number; name: string } }[]
      }
      const almaty = geo.features.find((f) => f.id === 'KZ-ALA')
      assert.equal(almaty?.properties.documents, 2)
      assert.equal(almaty?.properties.name, 'Алматы')

      const bad = await app.request('/api/export?format=xlsx')
      assert.equal(bad.status, 400)
    })

    test('GET /api/map counts matching documents per region, Shymkent inside Turkistan', async () => {
      const app = runtime.createHttpApp()

      const body = MapResponse.parse(await (await app.request('/api/map?ui=en')).json())
      const count = (id: string) => body.features.find((f) => f.id === id)?.properties.count
      assert.equal(count('KZ-ALA'), 2)
      assert.equal(count('KZ-TUR'), 1, 'the Shymkent document is drawn in Turkistan region')
      assert.ok(
        body.features.find((f) => f.id === 'KZ-TUR')?.properties.includes.includes('Shymkent'),
      )
      assert.equal(count('KZ-PAV'), 0)

      const fraud = MapResponse.parse(await (await app.request('/api/map?crime=fraud')).json())
      assert.equal(fraud.features.find((f) => f.id === 'KZ-TUR')?.properties.count, 0)
      const asia = MapResponse.parse(await (await app.request('/api/map?area=asia')).json())
      assert.equal(asia.features.find((f) => f.id === 'KZ')?.properties.count, 4)
    })

    test('GET /api/stats counts documents by month and crime and totals money by currency', async () => {
      const app = runtime.createHttpApp()

      const all = StatsResponse.parse(await (await app.request('/api/stats')).json())
      assert.equal(all.documents, 4)
      assert.deepEqual(
        all.months.map((m) => [m.month, m.count, m.crimes['fraud']]),
        [['2025-03', 4, 2]],
      )
      assert.equal(all.crimes[0], 'fraud', 'the most frequent category first')
      const kzt = all.money.find((m) => m.currency === 'KZT')
      assert.equal(kzt?.total, 23_000_000)
      assert.equal(all.money.find((m) => m.currency === 'USD')?.total, 50_000)

      const ru = StatsResponse.parse(await (await app.request('/api/stats?lang=ru')).json())
      assert.equal(ru.documents, 1)
      assert.deepEqual(
        ru.money.map((m) => m.currency),
        ['KZT'],
      )
    })

    test('GET /api/graph links the bodies named together and expands a node', async () => {
      const app = runtime.createHttpApp()

      const graph = GraphResponse.parse(await (await app.request('/api/graph')).json())
      assert.equal(graph.documents, 4)
      const ids = new Set(graph.nodes.map((n) => n.id))
      assert.ok(graph.nodes.some((n) => n.kind === 'organization'))
      assert.ok(graph.edges.every((e) => ids.has(e.source) && ids.has(e.target)))
      const edge = graph.edges[0]
      assert.ok(edge, 'two bodies of one article are tied')

      const around = GraphResponse.parse(
        await (await app.request(`/api/graph?around=${encodeURIComponent(edge.source)}`)).json(),
      )
      assert.ok(around.documents >= 1 && around.documents < graph.documents)
      assert.ok(
        around.nodes.some((n) => n.id === edge.target),
        'its neighbour comes along',
      )
    })

    test('GET /api/documents/:id/story lists the other documents of the story', async () => {
      const app = runtime.createHttpApp()
      const stories = createStoryRepository(runtime.database.db)
      const signature = { exactHash: 'h', minhash: new Uint32Array(4), shingles: 1, sentences: [] }
      await stories.save(
        'en-almaty-fraud-2',
        { storyId: 's1', matchOf: null, kind: 'new', similarity: 1, merged: [] },
        signature,
      )
      await stories.save(
        'ru-almaty-fraud',
        { storyId: 's1', matchOf: 'en-almaty-fraud-2', kind: 'near', similarity: 0.82, merged: [] },
        signature,
      )

      const story = StoryResponse.parse(
        await (await app.request('/api/documents/ru-almaty-fraud/story')).json(),
      )
      assert.deepEqual(
        story.items.map((d) => [d.id, d.kind]),
        [['en-almaty-fraud-2', 'new']],
      )
      const alone = StoryResponse.parse(
        await (await app.request('/api/documents/kk-shymkent-drugs/story')).json(),
      )
      assert.deepEqual(alone.items, [])
      assert.equal((await app.request('/api/documents/nope/story')).status, 404)
    })

    test('GET /api/search rejects a bad limit or cursor with invalid_input', async () => {
      const app = runtime.createHttpApp()

      for (const url of [
        '/api/search?q=x&limit=1000',
        '/api/search?q=x&from=2025-13',
        '/api/search?q=x&sort=random',
        '/api/search?q=x&cursor=zzz',
      ]) {
        const res = await app.request(url)
        assert.equal(res.status, 400, url)
        assert.equal(ErrorBody.parse(await res.json()).error.code, 'invalid_input')
      }
    })

    test('GET /api/documents/:id returns the text, annotations and extractor version', async () => {
      const res = await runtime.createHttpApp().request('/api/documents/ru-almaty-fraud')

      assert.equal(res.status, 200)
      const doc = DocumentResponse.parse(await res.json())
      assert.equal(doc.extractorVersion, runtime.pipeline.version)
      assert.ok(doc.text.includes('23 млн тенге'))
      for (const a of doc.annotations) assert.ok(a.end <= doc.text.length && a.start <= a.end)
      assert.ok(doc.annotations.some((a) => a.type === 'location'))
    })

    test('GET /api/documents/:id answers 404 not_found for an unknown id', async () => {
      const res = await runtime.createHttpApp().request('/api/documents/no-such-doc')

      assert.equal(res.status, 404)
      assert.equal(ErrorBody.parse(await res.json()).error.code, 'not_found')
    })
  })
}

describe('HTTP API errors and headers', () => {
  const failing = (): never => {
    throw new Error('secret connection string postgres://u:p@host')
  }
  const documents: DocumentRepository = {
    save: failing,
    findById: failing,
    findByIdOrThrow: failing,
    count: failing,
    isUnchanged: failing,
  }
  const search: SearchRepository = { search: failing, countByArea: failing }

  test('an unexpected error is logged once and answered as internal without details', async () => {
    const logged: unknown[] = []
    const app = createApp({
      documents,
      search,
      database: 'pglite',
      version: '0',
      logError: (e) => logged.push(e),
    })

    const res = await app.request('/api/health')

    assert.equal(res.status, 500)
    assert.deepEqual(await res.json(), { error: { code: 'internal', message: 'internal error' } })
    assert.equal(logged.length, 1)
  })

  test('every response carries a strict CSP, nosniff and frame-ancestors none', async () => {
    const app = createApp({
      documents,
      search,
      database: 'pglite',
      version: '0',
      logError: () => {},
    })

    const res = await app.request('/api/nowhere')

    assert.equal(res.status, 404)
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /frame-ancestors 'none'/)
    assert.doesNotMatch(csp, /unsafe-inline/)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
  })
})
