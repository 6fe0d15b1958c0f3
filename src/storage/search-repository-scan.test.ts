import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { saveBuiltDocs } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import {
  createSearchRepository,
  DEFAULT_SEARCH_LIMITS,
  type SearchHitRecord,
  type SearchPage,
  type SearchParams,
  type SearchRepository,
} from './search-repository.ts'

// Decision 0017 with small limits: on a record of at least 10 analysed documents, words the
// planner expects in a fifth of them are read newest first without the text index; a window
// should hold 3 matches.
const LIMITS = {
  ...DEFAULT_SEARCH_LIMITS,
  windowStart: 8,
  windowTarget: 3,
  scanShare: 0.2,
  scanMax: 64,
  scanFacetTarget: 6,
  scanMinDocs: 10,
}

const day = (n: number) =>
  `2025-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`

interface Spec {
  readonly id: string
  readonly lang: 'en' | 'ru'
  readonly title: string
  readonly text: string
  readonly published: string | null
  readonly source: string
}

// 40 English police reports, one a day, 5 of them undated, from two sources; every fourth is
// about a smuggling arrest. `new-best` is the newest and the best match of "police smuggling";
// `old-best` is as good but old. 10 Russian court reports never mention the police, and an
// article about the weather matches nothing.
const CORPUS: Spec[] = [
  ...Array.from(
    { length: 40 },
    (_, i): Spec => ({
      id: `report-${String(i).padStart(2, '0')}`,
      lang: 'en',
      title: `Report ${i}`,
      text:
        i % 4 === 0
          ? `The police detained a man in case ${i}. Customs found smuggling of goods at the border.`
          : `The police registered an incident number ${i} in the city centre.`,
      published: i >= 35 ? null : day(10 + i),
      source: i % 2 === 0 ? 'police-press.example.test' : 'daily.example.test',
    }),
  ),
  ...Array.from(
    { length: 10 },
    (_, i): Spec => ({
      id: `court-${i}`,
      lang: 'ru',
      title: `Приговор ${i}`,
      text: `Суд приговорил обвиняемого по делу номер ${i} к пяти годам лишения свободы.`,
      published: day(20 + i),
      source: 'court.example.test',
    }),
  ),
  {
    id: 'old-best',
    lang: 'en',
    title: 'Police smuggling police smuggling',
    text: 'Police smuggling. Police smuggling. Police smuggling ring broken by police.',
    published: '2024-01-01',
    source: 'daily.example.test',
  },
  {
    id: 'new-best',
    lang: 'en',
    title: 'Police break a smuggling ring',
    text: 'Police and smuggling: police seized smuggling goods; police say smuggling grew.',
    published: '2025-12-31',
    source: 'daily.example.test',
  },
  {
    id: 'weather',
    lang: 'en',
    title: 'Weather',
    text: 'Rain is expected in Almaty tomorrow.',
    published: '2025-12-30',
    source: 'daily.example.test',
  },
]

for (const backend of await testBackends()) {
  describe(`common words read without the text index (${backend.name})`, () => {
    let handle: DatabaseHandle
    let scan: SearchRepository
    let exact: SearchRepository

    before(async () => {
      handle = await backend.open()
      await saveBuiltDocs(handle.db, CORPUS)
      // The planner's statistics tell how common a word is.
      await sql`analyze documents`.execute(handle.db)
      await sql`analyze search_summaries`.execute(handle.db)
      scan = createSearchRepository(handle.db, LIMITS)
      exact = createSearchRepository(handle.db, { ...LIMITS, scanMinDocs: 1_000_000 })
    })
    after(async () => {
      await handle.close()
    })

    async function allPages(
      repo: SearchRepository,
      params: SearchParams,
    ): Promise<{ first: SearchPage; hits: SearchHitRecord[] }> {
      const first = await repo.search(params)
      const hits = [...first.items]
      let cursor = first.nextCursor
      for (let n = 0; cursor; n++) {
        assert.ok(n < 100, 'the cursor never ends')
        const page = await repo.search({ ...params, cursor })
        hits.push(...page.items)
        cursor = page.nextCursor
      }
      return { first, hits }
    }

    const ids = (hits: readonly SearchHitRecord[]) => hits.map((h) => h.id)
    const sorted = (hits: readonly SearchHitRecord[]) => ids(hits).sort()

    test('a common word gets an estimated total and its best recent match first', async () => {
      const page = await scan.search({ q: 'police smuggling', limit: 4 })
      assert.equal(page.totalIsEstimate, true)
      assert.equal(page.totalIsLowerBound, false)
      assert.equal(page.items[0]?.id, 'new-best')
      // 12 match (every fourth report, old-best and new-best): an estimate of the same order.
      assert.ok(page.total >= 4 && page.total <= 40, `estimate ${page.total}`)
      const counted = await exact.search({ q: 'police smuggling', limit: 4 })
      assert.deepEqual([counted.total, counted.totalIsEstimate], [12, false])
    })

    test('every match is listed exactly once over the pages, at several page sizes', async () => {
      for (const q of ['police', 'police smuggling', 'police -smuggling']) {
        const { hits: expected } = await allPages(exact, { q, limit: 100 })
        for (const limit of [1, 3, 7, 50]) {
          const { hits } = await allPages(scan, { q, limit })
          assert.equal(new Set(ids(hits)).size, hits.length, `${q}/${limit}: a hit repeats`)
          assert.deepEqual(sorted(hits), sorted(expected), `${q}/${limit}`)
        }
      }
    })

    test('a window that grows over every document counts its matches exactly, undated ones too', async () => {
      const wide = createSearchRepository(handle.db, {
        ...LIMITS,
        windowTarget: 100,
        scanMax: 1000,
      })
      const page = await wide.search({ q: 'police', limit: 100 })
      assert.deepEqual([page.total, page.totalIsEstimate, page.nextCursor], [42, false, null])
      assert.equal(new Set(ids(page.items)).size, 42)
      assert.equal(page.items.filter((h) => h.published === null).length, 5)
    })

    test('after the ranked window the older and undated matches follow, newest first', async () => {
      const { first, hits } = await allPages(scan, { q: 'police', limit: 5 })
      assert.equal(first.totalIsEstimate, true)
      const tail = hits.slice(-8)
      const dates = tail.map((h) => h.published ?? '')
      const dated = dates.filter((d) => d !== '')
      assert.deepEqual(dated, [...dated].sort().reverse())
      // Undated reports come last.
      assert.equal(hits.at(-1)?.published, null)
      assert.equal(hits.length, 42)
    })

    test('newest first lists the matches in the same order as the counted read', async () => {
      const { hits: expected } = await allPages(exact, { q: 'police', sort: 'newest', limit: 100 })
      const { first, hits } = await allPages(scan, { q: 'police', sort: 'newest', limit: 6 })
      assert.equal(first.totalIsEstimate, true)
      assert.deepEqual(ids(hits), ids(expected))
    })

    test('filters keep the same matches as the counted read', async () => {
      const cases: SearchParams[] = [
        { q: 'police', source: 'police-press.example.test', limit: 4 },
        { q: 'police', from: day(20), to: day(30), limit: 4 },
        { q: 'police', lang: 'en', from: '2025-02', limit: 4 },
        { q: 'police smuggling', to: day(25), limit: 2 },
      ]
      for (const params of cases) {
        const { hits: expected } = await allPages(exact, { ...params, limit: 100 })
        const { hits } = await allPages(scan, params)
        assert.deepEqual(sorted(hits), sorted(expected), JSON.stringify(params))
        assert.ok(hits.length > 0, JSON.stringify(params))
      }
    })

    test('facets of a common word are counted over its newest matches and say so', async () => {
      const page = await scan.search({ q: 'police', limit: 1, facets: true })
      assert.equal(page.facets?.sampled, true)
      const en = page.facets?.lang.find((c) => c.value === 'en')?.count ?? 0
      assert.ok(en >= 1 && en <= 42, `en ${en}`)
      assert.equal(
        page.facets?.lang.some((c) => c.value === 'ru'),
        false,
      )
      const only = await scan.search({ q: 'police', limit: 1, facets: 'only' })
      assert.equal(only.totalIsEstimate, true)
      assert.deepEqual(only.items, [])
    })

    test('rare words, and words the statistics do not know as common, are counted exactly', async () => {
      const rare = await scan.search({ q: 'приговорил', limit: 20 })
      assert.deepEqual([rare.total, rare.totalIsEstimate], [10, false])
      const none = await scan.search({ q: 'xylophone', limit: 20 })
      assert.deepEqual([none.total, none.totalIsEstimate, none.items], [0, false, []])
      // A common word whose filters leave no match among the newest documents: the window
      // reaches its limit with nothing, and the text index answers exactly.
      const court = await scan.search({ q: 'police', source: 'court.example.test', limit: 20 })
      assert.deepEqual([court.total, court.totalIsEstimate], [0, false])
      // The same when the window stops at its limit before it has read every such document.
      const small = createSearchRepository(handle.db, { ...LIMITS, scanMax: 8 })
      const ru = await small.search({ q: 'police', lang: 'ru', limit: 20 })
      assert.deepEqual([ru.total, ru.totalIsEstimate, ru.items], [0, false, []])
      const en = await small.search({ q: 'police', lang: 'en', limit: 20 })
      assert.equal(en.totalIsEstimate, true)
    })

    test('browsing a large set is estimated and lists the documents as the counted read does', async () => {
      // 53 documents, more than four times a count cap of 5.
      const browse = createSearchRepository(handle.db, { ...LIMITS, countCap: 5 })
      const counted = createSearchRepository(handle.db, {
        ...LIMITS,
        countCap: 5,
        scanMinDocs: 1_000_000,
      })
      const { first, hits } = await allPages(browse, { q: '', limit: 7 })
      assert.equal(first.totalIsEstimate, true)
      assert.ok(first.total >= 40 && first.total <= 60, `estimate ${first.total}`)
      const { first: exactFirst, hits: expected } = await allPages(counted, { q: '', limit: 7 })
      assert.equal(exactFirst.totalIsEstimate, false)
      assert.deepEqual(ids(hits), ids(expected))
      // A narrow filter is counted.
      const court = await browse.search({ q: '', source: 'court.example.test', limit: 20 })
      assert.deepEqual(
        [court.total, court.totalIsLowerBound, court.totalIsEstimate],
        [5, true, false],
      )
    })

    test('a cursor carrying a forged estimate or cutoff is refused', async () => {
      const forged = Buffer.from(JSON.stringify({ o: 5, c: '', e: -3 })).toString('base64url')
      await assert.rejects(scan.search({ q: 'police', limit: 5, cursor: forged }), {
        code: 'invalid_input',
      })
    })
  })
}
