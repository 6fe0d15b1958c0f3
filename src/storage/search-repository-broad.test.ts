import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { saveBuiltDocs } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import {
  createSearchRepository,
  DEFAULT_SEARCH_LIMITS,
  type SearchHitRecord,
  type SearchParams,
  type SearchRepository,
} from './search-repository.ts'

// Decision 0015 with small limits: more than 10 matches is "broad"; its first relevance window
// is the 8 newest documents, grown fourfold until it holds 3 matches.
const LIMITS = {
  ...DEFAULT_SEARCH_LIMITS,
  countCap: 10,
  rankAll: 10,
  windowStart: 8,
  windowTarget: 3,
}

interface Spec {
  readonly id: string
  readonly title: string
  readonly text: string
  readonly published: string | null
}

const day = (n: number) =>
  `2025-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`

// 30 police reports, one a day (the newest last), 6 of them undated; every third is about a
// smuggling arrest. The best match for "police smuggling" among the newest is `new-best`
// (newest, both words in its title and repeated); `old-best` matches as well but is old.
const CORPUS: Spec[] = [
  ...Array.from({ length: 30 }, (_, i) => ({
    id: `report-${String(i).padStart(2, '0')}`,
    title: `Report ${i}`,
    text:
      i % 3 === 0
        ? `The police detained a man in case ${i}. Customs found smuggling of goods.`
        : `The police registered an incident number ${i} in the city.`,
    published: i >= 24 ? null : day(10 + i),
  })),
  {
    id: 'old-best',
    title: 'Police smuggling police smuggling',
    text: 'Police smuggling. Police smuggling. Police smuggling ring broken by police.',
    published: '2024-01-01',
  },
  {
    id: 'new-best',
    title: 'Police break a smuggling ring',
    text: 'Police and smuggling: police seized smuggling goods; police say smuggling grew.',
    published: '2025-12-31',
  },
  {
    id: 'unrelated',
    title: 'Weather',
    text: 'Rain is expected in Almaty tomorrow.',
    published: '2025-12-30',
  },
]

for (const backend of await testBackends()) {
  describe(`broad queries: capped count, ranked window (${backend.name})`, () => {
    let handle: DatabaseHandle
    let search: SearchRepository
    let exact: SearchRepository

    before(async () => {
      handle = await backend.open()
      await saveBuiltDocs(
        handle.db,
        CORPUS.map((spec) => ({ ...spec, source: 'test.txt' })),
      )
      search = createSearchRepository(handle.db, LIMITS)
      exact = createSearchRepository(handle.db)
    })
    after(async () => {
      await handle.close()
    })

    async function allPages(params: SearchParams): Promise<SearchHitRecord[][]> {
      const pages: SearchHitRecord[][] = []
      let cursor: string | undefined
      do {
        const page = await search.search({ ...params, cursor })
        pages.push([...page.items])
        cursor = page.nextCursor ?? undefined
        assert.ok(pages.length < 50, 'the cursor never ends')
      } while (cursor)
      return pages
    }

    test('the count stops at the cap and says so; under it the count is exact', async () => {
      const broad = await search.search({ q: 'police', limit: 5 })
      assert.deepEqual([broad.total, broad.totalIsLowerBound], [10, true])
      assert.ok(broad.nextCursor)

      const selective = await search.search({ q: 'smuggling', limit: 5 })
      // 10 reports (every third of 30), old-best and new-best: 12 > 10.
      assert.equal(selective.totalIsLowerBound, true)
      const name = await search.search({ q: 'customs detained', lang: 'en', limit: 50 })
      assert.deepEqual([name.total, name.totalIsLowerBound, name.nextCursor], [10, false, null])

      const all = await exact.search({ q: 'police', limit: 5 })
      assert.deepEqual([all.total, all.totalIsLowerBound], [32, false])
    })

    test('a broad query is ranked over the newest matches: the best recent match comes first', async () => {
      const page = await search.search({ q: 'police smuggling', limit: 5 })
      assert.equal(page.items[0]?.id, 'new-best')
      const ranks = page.items.map((h) => h.rank)
      assert.deepEqual(
        ranks,
        [...ranks].sort((a, b) => b - a),
      )
      // Ranking every match (the default limits on this small record) puts the old one first:
      // a broad query ranks only its window, so the old document is not on the first page.
      const full = await exact.search({ q: 'police smuggling', limit: 5 })
      assert.equal(full.items[0]?.id, 'old-best')
      assert.ok(!page.items.some((h) => h.id === 'old-best'))
    })

    test('the pages of a broad query hold every match once: window by rank, then the rest newest first', async () => {
      for (const limit of [1, 3, 7, 40]) {
        const pages = await allPages({ q: 'police', limit })
        const ids = pages.flat().map((h) => h.id)
        assert.equal(new Set(ids).size, ids.length, `duplicates with limit ${limit}`)
        const expected = CORPUS.filter((s) => /police/i.test(s.title + s.text))
          .map((s) => s.id)
          .sort()
        assert.deepEqual([...ids].sort(), expected, `skipped matches with limit ${limit}`)
        for (const page of pages.slice(0, -1)) assert.equal(page.length, limit)
      }
      const hits = (await allPages({ q: 'police', limit: 5 })).flat()
      // The window: the 8 newest documents (down to report-18's date), 7 of them matching.
      const cutoff = day(10 + 18)
      const published = new Map(CORPUS.map((s) => [s.id, s.published]))
      const window = hits.slice(0, 7)
      assert.deepEqual(
        window.map((h) => h.id).sort(),
        CORPUS.filter((s) => s.published !== null && s.published >= cutoff && s.id !== 'unrelated')
          .map((s) => s.id)
          .sort(),
      )
      const ranks = window.map((h) => h.rank)
      assert.deepEqual(
        ranks,
        [...ranks].sort((a, b) => b - a),
      )
      // Past the window, the older matches newest first, the undated last.
      const dates = hits.slice(7).map((h) => published.get(h.id) ?? '')
      assert.deepEqual(dates, [...dates].sort().reverse())
      assert.equal(hits.at(-1)?.published, null)
    })

    test('a cursor carries its window: the same cursor gives the same page, and pages do not overlap', async () => {
      const first = await search.search({ q: 'police', limit: 4 })
      assert.ok(first.nextCursor)
      const second = await search.search({ q: 'police', limit: 4, cursor: first.nextCursor })
      const again = await search.search({ q: 'police', limit: 4, cursor: first.nextCursor })
      assert.deepEqual(
        second.items.map((h) => h.id),
        again.items.map((h) => h.id),
      )
      const overlap = second.items.filter((h) => first.items.some((f) => f.id === h.id))
      assert.deepEqual(overlap, [])
    })

    test('a query counted exactly but with more matches than are ranked in full is ranked over its window', async () => {
      const counted = createSearchRepository(handle.db, { ...LIMITS, countCap: 100 })
      const page = await counted.search({ q: 'police smuggling', limit: 5 })
      assert.deepEqual([page.total, page.totalIsLowerBound], [12, false])
      assert.equal(page.items[0]?.id, 'new-best')
      assert.ok(!page.items.some((h) => h.id === 'old-best'))
      const ids: string[] = page.items.map((h) => h.id)
      let cursor = page.nextCursor
      while (cursor) {
        const next = await counted.search({ q: 'police smuggling', limit: 5, cursor })
        ids.push(...next.items.map((h) => h.id))
        cursor = next.nextCursor
      }
      assert.equal(ids.length, 12)
      assert.equal(new Set(ids).size, 12)
    })

    test('a date range narrows a word query as before', async () => {
      const from = day(10 + 18)
      const to = day(10 + 21)
      const page = await exact.search({ q: 'police', from, to, limit: 20 })
      const expected = CORPUS.filter(
        (s) => s.published !== null && s.published >= from && s.published <= to,
      ).map((s) => s.id)
      assert.deepEqual(page.items.map((h) => h.id).sort(), expected.sort())
      assert.equal(page.total, 4)
      const year = await exact.search({ q: 'police', from: '2025', to: '2025-12', limit: 50 })
      assert.equal(year.total, 24)
    })

    test('a broad query with a date range ranks the newest matches up to its end date, and pages hold every match in range once', async () => {
      // 16 reports dated up to `to` match "police" (more than rankAll): broad. The window counts
      // back from `to`, not from the newest document of the record (new-best, outside the range).
      const to = day(10 + 15)
      const inRange = CORPUS.filter(
        (s) => s.published !== null && s.published <= to && /police/i.test(s.title + s.text),
      )
      assert.ok(inRange.length > LIMITS.rankAll)
      const published = new Map(CORPUS.map((s) => [s.id, s.published]))
      for (const limit of [3, 40]) {
        const ids = (await allPages({ q: 'police', to, limit })).flat().map((h) => h.id)
        assert.deepEqual([...ids].sort(), inRange.map((s) => s.id).sort(), `limit ${limit}`)
      }
      const page = await search.search({ q: 'police', to, limit: 3 })
      // The window: the 8 newest documents up to `to` (report-08 to report-15).
      for (const h of page.items) assert.ok((published.get(h.id) ?? '') >= day(10 + 8), h.id)
      // The same from a `from` date inside the window's first size: everything in range ranked.
      const narrow = await search.search({ q: 'police', from: day(10 + 12), to, limit: 10 })
      assert.deepEqual(narrow.items.map((h) => h.id).sort(), [
        'report-12',
        'report-13',
        'report-14',
        'report-15',
      ])
    })

    test('a forged cursor window is refused', async () => {
      const forged = Buffer.from(JSON.stringify({ o: 4, c: 42 })).toString('base64url')
      await assert.rejects(search.search({ q: 'police', limit: 4, cursor: forged }), {
        code: 'invalid_input',
      })
    })

    test('facets of a broad query give a capped total', async () => {
      const only = await search.search({ q: 'police', facets: 'only', limit: 1 })
      // The facet sample (5,000) holds every match here: the count is the sample's, exact.
      assert.deepEqual([only.total, only.totalIsLowerBound], [32, false])
      const browse = await search.search({ q: '', limit: 5 })
      assert.deepEqual([browse.total, browse.totalIsLowerBound], [10, true])
    })
  })
}
