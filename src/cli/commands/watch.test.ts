import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { loadConfig } from '#config/config.ts'
import { createFetcher } from '#pipeline/ingest/fetch-page.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createFeedRepository, type FeedRepository } from '#storage/feed-repository.ts'
import { createStoryRepository, type StoryRepository } from '#storage/story-repository.ts'
import { openTestPglite } from '../../../test/helpers/test-database.ts'
import { docIdForUrl, formatPollSummary, ingestUrls, pollFeeds } from './watch.ts'

const BODY = [
  'Сотрудники департамента полиции Карагандинской области задержали 34-летнего жителя Темиртау, подозреваемого в серии мошенничеств.',
  'По данным следствия, мужчина представлялся сотрудником службы безопасности банка и убеждал пенсионеров перевести сбережения на «безопасный счёт».',
  'Установлено, что с октября прошлого года он обманул не менее 17 человек, общий ущерб превысил 48 миллионов тенге.',
  'При обыске у подозреваемого изъяты девять мобильных телефонов, 40 SIM-карт и записи с данными потерпевших.',
  'Начато досудебное расследование по части 4 статьи 190 Уголовного кодекса, подозреваемый водворён в ИВС.',
  'Проверяется его причастность к аналогичным преступлениям в Павлодарской и Акмолинской областях.',
]
const page = (furniture: string, body: readonly string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Задержан мошенник</title></head><body><nav>${furniture}</nav><article><h1>В Темиртау задержан телефонный мошенник</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article><footer>© 2026 ${furniture}</footer></body></html>`

let base = ''
let feedXml = ''
const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>()
const server = createServer((req, res) => {
  const handler = routes.get(req.url ?? '/')
  if (handler) handler(req, res)
  else {
    res.writeHead(404)
    res.end()
  }
})

function rss(items: readonly string[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>ДП Карагандинской области</title>${items
    .map(
      (path, i) =>
        `<item><title>Новость ${i}</title><link>${base}${path}</link><pubDate>Mon, 02 Mar 2026 0${i}:00:00 +0500</pubDate></item>`,
    )
    .join('')}</channel></rss>`
}

let database: Awaited<ReturnType<typeof openTestPglite>>
let runtime: Runtime
let feeds: FeedRepository
let stories: StoryRepository
const fetcher = () =>
  createFetcher({
    perHostDelayMs: 0,
    backoffMs: 5,
    retries: 1,
    addresses: { allow: ['127.0.0.1/32'] },
  })

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  routes.set('/news/1', (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"a1"' })
    res.end(page('Главная Новости Происшествия', BODY))
  })
  // The same press release reprinted by another site, lightly edited.
  routes.set('/reprint/77', (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      page('Басты бет Жаңалықтар Reprints Daily', [
        ...BODY.slice(0, 5),
        'Об этом сообщает пресс-служба ДП.',
      ]),
    )
  })
  routes.set('/moved', (_q, res) => {
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
    res.end()
  })
  routes.set('/feed.xml', (req, res) => {
    if (req.headers['if-none-match'] === '"f1"') {
      res.writeHead(304)
      res.end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f1"' })
    res.end(feedXml)
  })
  feedXml = rss(['/news/1', '/reprint/77', '/moved'])
  database = await openTestPglite()
  runtime = await bootstrap(loadConfig({}), { cwd: process.cwd(), database })
  feeds = createFeedRepository(runtime.database.db)
  stories = createStoryRepository(runtime.database.db)
})

after(async () => {
  await runtime?.close()
  server.closeAllConnections()
  server.close()
})

describe('watch', () => {
  test('a poll ingests new items, links the reprint, and reports the refused redirect', async () => {
    await feeds.add(`${base}/feed.xml`, 600)

    const report = await pollFeeds(runtime, { fetcher: fetcher(), feeds, stories })

    assert.deepEqual(
      report.feeds.map((f) => [f.status, f.items, f.newItems]),
      [['ok', 3, 3]],
    )
    assert.equal(report.ingest.added, 2)
    assert.equal(report.ingest.nearDuplicates.length, 1)
    const [near] = report.ingest.nearDuplicates
    assert.equal(near?.storyId, await stories.storyOf(docIdForUrl(`${base}/news/1`)))
    assert.deepEqual(
      report.ingest.failed.map((f) => f.id),
      [`${base}/moved`],
    )
    assert.match(report.ingest.failed[0]?.reason ?? '', /169\.254\.169\.254 is link-local/)
    const fetchRecord = await feeds.findFetch(`${base}/news/1`)
    assert.equal(fetchRecord?.httpStatus, 200)
    assert.equal(fetchRecord?.etag, '"a1"')
    const stored = await runtime.documents.findById(docIdForUrl(`${base}/news/1`))
    assert.equal(stored?.url, `${base}/news/1`)
    assert.equal(stored?.published, '2026-03-02')
  })

  test('a poll before the interval does nothing; after it, a 304 adds nothing', async () => {
    const early = await pollFeeds(runtime, { fetcher: fetcher(), feeds, stories })
    const later = await pollFeeds(runtime, {
      fetcher: fetcher(),
      feeds,
      stories,
      now: new Date(Date.now() + 3_600_000),
    })

    assert.equal(early.feeds.length, 0)
    assert.deepEqual(
      later.feeds.map((f) => f.status),
      ['not-modified'],
    )
    assert.equal(await runtime.documents.count(), 2)
  })

  test('a changed feed yields only its new items; the failed one is retried', async () => {
    routes.set('/news/2', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(
        'В Шымкенте полицейские изъяли более трёх килограммов гашиша у 27-летнего местного жителя. Возбуждено уголовное дело.',
      )
    })
    routes.set('/feed.xml', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f2"' })
      res.end(rss(['/news/1', '/reprint/77', '/moved', '/news/2']))
    })

    const report = await pollFeeds(runtime, {
      fetcher: fetcher(),
      feeds,
      stories,
      now: new Date(Date.now() + 7_200_000),
    })

    assert.deepEqual(
      report.feeds.map((f) => f.newItems),
      [2],
    )
    assert.equal(report.ingest.added, 1)
    assert.equal(report.ingest.failed.length, 1)
  })

  test('ingesting the same URLs again is a conditional GET and adds nothing', async () => {
    const report = await ingestUrls(runtime, [`${base}/news/1`], {
      fetcher: fetcher(),
      feeds,
      stories,
    })

    assert.equal(report.added, 0)
    assert.equal(report.unchanged + report.notModified, 1)
    assert.equal(await runtime.documents.count(), 3)
  })

  test('a big feed is worked through newest first, a limited number of items a poll', async () => {
    const cities = ['Актау', 'Атырау', 'Уральске', 'Кокшетау', 'Талдыкоргане']
    const items = cities.map(
      (city, i) =>
        `<item><title>${city}</title><link>${base}/many/${i}</link><pubDate>Wed, 0${i + 1} Apr 2026 09:00:00 +0500</pubDate></item>`,
    )
    for (const [i, city] of cities.entries())
      routes.set(`/many/${i}`, (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
        res.end(
          `В ${city} сотрудники полиции задержали ${20 + i} подозреваемых в краже скота. Ущерб составил ${i + 3} миллиона тенге.`,
        )
      })
    routes.set('/big.xml', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.end(`<rss version="2.0"><channel>${items.join('')}</channel></rss>`)
    })
    await feeds.add(`${base}/big.xml`, 600)
    const now = new Date(Date.now() + 10_800_000)

    const report = await pollFeeds(runtime, {
      fetcher: fetcher(),
      feeds,
      stories,
      now,
      maxItemsPerPoll: 2,
    })
    const newest = await feeds.findFetch(`${base}/many/4`)
    const oldest = await feeds.findFetch(`${base}/many/0`)

    assert.equal(report.feeds.find((f) => f.url.endsWith('/big.xml'))?.newItems, 2)
    assert.equal(newest?.httpStatus, 200)
    assert.equal(oldest, undefined)
  })
})

test('the poll summary counts feeds by status and failures by reason, most frequent first', () => {
  const failed = [
    { id: 'http://10.0.0.5/a', stage: 'fetch', reason: 'refused: 10.0.0.5 is a private address' },
    { id: 'http://10.0.0.6/b', stage: 'fetch', reason: 'refused: 10.0.0.6 is a private address' },
    { id: 'https://gone.example.test/c', stage: 'fetch', reason: 'HTTP 404' },
    {
      id: 'https://feeds.example.test/rss',
      stage: 'feed',
      reason: 'not a feed: no <rss>, <feed> or <urlset>',
    },
  ]
  const summary = formatPollSummary({
    feeds: [
      { url: 'https://a.example.test/rss', status: 'ok', items: 12, newItems: 4, error: null },
      {
        url: 'https://b.example.test/rss',
        status: 'not-modified',
        items: 0,
        newItems: 0,
        error: null,
      },
      {
        url: 'https://feeds.example.test/rss',
        status: 'failed',
        items: 0,
        newItems: 0,
        error: 'x',
      },
    ],
    ingest: {
      added: 1,
      updated: 0,
      unchanged: 0,
      notModified: 0,
      duplicates: [],
      nearDuplicates: [],
      failed,
    },
  })

  const lines = summary.trimEnd().split('\n')
  assert.match(
    lines[0]!,
    /^polled 3 feed\(s\) \(1 read, 1 not modified, 1 failed\): 1 added, .* 4 failed$/,
  )
  assert.deepEqual(lines.slice(1, 4), [
    '  failed 2× fetch: refused: ADDRESS is a private address',
    '  failed 1× feed: not a feed: no <rss>, <feed> or <urlset>',
    '  failed 1× fetch: HTTP 404',
  ])
  assert.equal(lines.length, 4 + failed.length)
})
