import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import { main } from '../main.ts'
import { parseDuration } from './feeds.ts'

const ARTICLE =
  '<html><body><article><h1>Aktobe police detain fraud suspect</h1><p>Police in Aktobe have detained a 41-year-old man suspected of defrauding pensioners of 12 million tenge by posing as a bank security officer.</p></article></body></html>'

let dir = ''
let base = ''
const server = createServer((req, res) => {
  if (req.url === '/rss') {
    res.writeHead(200, { 'content-type': 'application/rss+xml' })
    res.end(
      `<rss version="2.0"><channel><title>Aktobe police</title><item><title>Fraud suspect detained</title><link>${base}/a/1</link><pubDate>Tue, 03 Mar 2026 10:00:00 +0500</pubDate></item></channel></rss>`,
    )
  } else if (req.url === '/a/1') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(ARTICLE)
  } else {
    res.writeHead(404)
    res.end()
  }
})

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tergeu-feeds-'))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(async () => {
  server.closeAllConnections()
  server.close()
  await rm(dir, { recursive: true, force: true })
})

async function run(args: string[], db = 'db') {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  const code = await main([...args, '--data-dir', join(dir, db)], {
    stdout,
    stderr,
    env: {},
    cwd: dir,
  })
  return { code, out, err }
}

describe('feeds and watch commands', () => {
  test('durations', () => {
    assert.equal(parseDuration('90s'), 90)
    assert.equal(parseDuration('15m'), 900)
    assert.equal(parseDuration('2h'), 7200)
    assert.equal(parseDuration('1d'), 86_400)
    assert.equal(parseDuration('soon'), null)
  })

  test('feeds add refuses a non-http URL and a too short interval', async () => {
    assert.equal((await run(['feeds', 'add', 'file:///etc/passwd'])).code, 2)
    assert.equal((await run(['feeds', 'add', `${base}/rss`, '--every', '5s'])).code, 2)
  })

  test('add, list, watch --once: the feed item is fetched and stored once', async () => {
    const added = await run(['feeds', 'add', `${base}/rss`, '--every', '15m'])
    const first = await run([
      'watch',
      '--once',
      '--json',
      '--allow-address',
      '127.0.0.1/32',
      '--host-delay',
      '0',
    ])
    const listed = await run(['feeds', 'list', '--json'])

    assert.equal(added.code, 0, added.err)
    assert.match(added.err, /added feed .*\/rss, polled every 900s/)
    assert.equal(first.code, 0, first.err)
    assert.equal(JSON.parse(first.out).ingest.added, 1)
    const [feed] = JSON.parse(listed.out)
    assert.equal(feed.title, 'Aktobe police')
    assert.equal(feed.kind, 'rss')
    assert.equal(feed.lastStatus, 200)
  })

  test('watch without the loopback allowance refuses the local feed, in one line', async () => {
    await run(['feeds', 'add', `${base}/rss`], 'db2')
    const r = await run(['watch', '--once', '--host-delay', '0'], 'db2')

    assert.equal(r.code, 3)
    assert.match(r.err, /failed .*\/rss \(feed\): address 127\.0\.0\.1 is loopback, refused/)
  })
})
