import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { createFetcher, type FetcherOptions, parseRetryAfter } from './fetch-page.ts'

const RU = 'Полиция Алматы задержала подозреваемого в мошенничестве на 12 млн тенге.'
const ARTICLE = `<html><head><title>Задержание</title></head><body><p>${RU}</p></body></html>`

type Handler = (req: IncomingMessage, res: ServerResponse) => void
const routes = new Map<string, Handler>()
const hits = new Map<string, number[]>()
let base = ''
let port = 0
const server = createServer((req, res) => {
  const path = req.url ?? '/'
  hits.set(path, [...(hits.get(path) ?? []), Date.now()])
  const handler = routes.get(path)
  if (handler) handler(req, res)
  else {
    res.writeHead(404)
    res.end()
  }
})

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
  routes.set('/robots.txt', (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('User-agent: *\nDisallow: /private/\nAllow: /private/press\n')
  })
  routes.set('/news/1', (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' })
    res.end(ARTICLE)
  })
})
after(() => {
  server.closeAllConnections()
  server.close()
})

// Loopback is allowed only for 127.0.0.1 itself, so every other private address stays refused.
function fetcher(extra: FetcherOptions = {}) {
  return createFetcher({
    perHostDelayMs: 0,
    backoffMs: 10,
    timeoutMs: 2000,
    addresses: { allow: ['127.0.0.1/32'] },
    ...extra,
  })
}

describe('createFetcher', () => {
  test('fetches a page and remembers URL, status, time and validators', async () => {
    const r = await fetcher().fetch({ url: `${base}/news/1` })

    assert.ok(r.ok, r.ok ? '' : r.reason)
    assert.equal(r.status, 200)
    assert.equal(r.etag, '"v1"')
    assert.equal(r.url, `${base}/news/1`)
    assert.match(r.text, /задержала подозреваемого/)
    assert.ok(!Number.isNaN(Date.parse(r.fetchedAt)))
  })

  test('the default guard refuses loopback, by literal and after DNS', async () => {
    const f = createFetcher({ perHostDelayMs: 0 })
    const literal = await f.fetch({ url: `${base}/news/1` })
    const named = await f.fetch({ url: `http://localhost:${port}/news/1` })

    assert.equal(literal.ok, false)
    assert.match(literal.ok ? '' : literal.reason, /127\.0\.0\.1 is loopback/)
    assert.equal(named.ok, false)
    assert.match(named.ok ? '' : named.reason, /localhost resolves to address .* loopback/)
  })

  test('a host name resolving to the metadata address is refused before connecting', async () => {
    const f = fetcher({ lookup: async () => [{ address: '169.254.169.254', family: 4 }] })

    const r = await f.fetch({ url: 'http://metadata.example/latest/meta-data/' })

    assert.match(r.ok ? '' : r.reason, /169\.254\.169\.254 is link-local/)
  })

  const privateTargets: [string, RegExp][] = [
    ['http://10.1.2.3/', /private/],
    ['http://192.168.0.1/', /private/],
    ['http://172.20.0.5/', /private/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://[::1]/', /loopback/],
    ['http://[fd00::1]/', /unique local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[::ffff:127.0.0.2]/', /loopback/],
    ['http://[::ffff:a9fe:a9fe]/', /link-local/],
  ]
  for (const [target, reason] of privateTargets) {
    test(`a redirect to ${target} is refused`, async () => {
      const path = `/go-${encodeURIComponent(target)}`
      routes.set(path, (_q, res) => {
        res.writeHead(302, { location: target })
        res.end()
      })

      const r = await fetcher().fetch({ url: base + path })

      assert.equal(r.ok, false)
      assert.match(r.ok ? '' : r.reason, reason)
    })
  }

  test('only http and https are fetched, also after a redirect', async () => {
    routes.set('/to-file', (_q, res) => {
      res.writeHead(301, { location: 'file:///etc/passwd' })
      res.end()
    })

    const direct = await fetcher().fetch({ url: 'ftp://example.com/x' })
    const redirected = await fetcher().fetch({ url: `${base}/to-file` })

    assert.match(direct.ok ? '' : direct.reason, /scheme ftp: refused/)
    assert.match(redirected.ok ? '' : redirected.reason, /scheme file: refused/)
  })

  test('follows redirects and reports the final URL', async () => {
    routes.set('/old', (_q, res) => {
      res.writeHead(301, { location: '/news/1' })
      res.end()
    })

    const r = await fetcher().fetch({ url: `${base}/old` })

    assert.ok(r.ok)
    assert.equal(r.url, `${base}/news/1`)
    assert.deepEqual(r.redirects, [`${base}/old`])
  })

  test('stops a redirect loop', async () => {
    routes.set('/loop', (_q, res) => {
      res.writeHead(302, { location: '/loop' })
      res.end()
    })

    const r = await fetcher().fetch({ url: `${base}/loop` })

    assert.match(r.ok ? '' : r.reason, /more than 5 redirects/)
  })

  test('honours robots.txt: longest match wins, Allow wins ties', async () => {
    routes.set('/private/x', (_q, res) => res.end('secret'))
    routes.set('/private/press', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(ARTICLE)
    })
    const f = fetcher()

    const blocked = await f.fetch({ url: `${base}/private/x` })
    const allowed = await f.fetch({ url: `${base}/private/press` })

    assert.match(blocked.ok ? '' : blocked.reason, /disallowed by .*robots\.txt/)
    assert.equal(hits.get('/private/x'), undefined)
    assert.ok(allowed.ok)
  })

  test('follows a redirected robots.txt', async () => {
    const other = createServer((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(301, { location: `${base}/robots-real.txt` })
      } else res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(req.url === '/robots.txt' ? '' : 'page')
    })
    routes.set('/robots-real.txt', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('User-agent: tergeu\nDisallow: /blocked\n')
    })
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
    try {
      const f = fetcher()
      const blocked = await f.fetch({ url: `${otherBase}/blocked` })
      const open = await f.fetch({ url: `${otherBase}/fine` })

      assert.match(blocked.ok ? '' : blocked.reason, /disallowed by/)
      assert.ok(open.ok)
    } finally {
      other.closeAllConnections()
      other.close()
    }
  })

  test('retries a 503 with backoff, honouring Retry-After, then succeeds', async () => {
    let calls = 0
    routes.set('/flaky', (_q, res) => {
      calls++
      if (calls < 3) {
        res.writeHead(calls === 1 ? 503 : 429, { 'retry-after': '0' })
        res.end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(ARTICLE)
    })

    const r = await fetcher().fetch({ url: `${base}/flaky` })

    assert.ok(r.ok)
    assert.equal(calls, 3)
  })

  test('gives up after the retries with the last status', async () => {
    routes.set('/down', (_q, res) => {
      res.writeHead(500)
      res.end()
    })

    const r = await fetcher({ retries: 2 }).fetch({ url: `${base}/down` })

    assert.equal(r.ok, false)
    assert.equal(r.ok ? 0 : r.status, 500)
    assert.equal(hits.get('/down')?.length, 3)
  })

  test('conditional GET: a 304 says not modified', async () => {
    routes.set('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"v7"') {
        res.writeHead(304)
        res.end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/html', etag: '"v7"' })
      res.end(ARTICLE)
    })
    const f = fetcher()

    const first = await f.fetch({ url: `${base}/cond` })
    const second = await f.fetch({ url: `${base}/cond`, etag: first.ok ? first.etag : null })

    assert.ok(first.ok && !first.notModified)
    assert.ok(second.ok && second.notModified)
    assert.equal(second.status, 304)
  })

  test('refuses a body over the size limit, declared or streamed (also gzip bombs)', async () => {
    routes.set('/huge', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000000' })
      res.write('x'.repeat(1000))
      // never ends: the fetcher must not wait for 100 MB
    })
    routes.set('/stream', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      for (let i = 0; i < 30; i++) res.write('y'.repeat(10_000))
      res.end()
    })
    routes.set('/bomb', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
      res.end(gzipSync(Buffer.alloc(5_000_000, 0x61)))
    })
    const f = fetcher({ maxBytes: 100_000 })

    for (const path of ['/huge', '/stream', '/bomb']) {
      const r = await f.fetch({ url: base + path })
      assert.match(r.ok ? '' : r.reason, /over the 100000 byte limit/, path)
    }
  })

  test('times out a server that never answers', async () => {
    routes.set('/hang', () => {})

    const r = await fetcher({ timeoutMs: 200, retries: 0 }).fetch({ url: `${base}/hang` })

    assert.match(r.ok ? '' : r.reason, /timed out after 200 ms/)
  })

  test('refuses binary content by type and by bytes', async () => {
    routes.set('/img', (_q, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))
    })
    routes.set('/fake-html', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))
    })

    const a = await fetcher().fetch({ url: `${base}/img` })
    const b = await fetcher().fetch({ url: `${base}/fake-html` })

    assert.match(a.ok ? '' : a.reason, /binary or unsupported content \(image\/png\)/)
    assert.match(b.ok ? '' : b.reason, /binary/)
  })

  test('decodes the charset from the header, the meta tag, or by sniffing', async () => {
    const cp1251 = iconv.encode(ARTICLE, 'windows-1251')
    const koi = iconv.encode(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>${RU}</body></html>`,
      'koi8-r',
    )
    routes.set('/header-1251', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' })
      res.end(cp1251)
    })
    routes.set('/meta-koi8', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(koi)
    })
    routes.set('/sniff', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(cp1251)
    })
    const f = fetcher()

    const cases: [string, string][] = [
      ['/header-1251', 'header'],
      ['/meta-koi8', 'meta'],
      ['/sniff', 'sniffed'],
    ]
    for (const [path, source] of cases) {
      const r = await f.fetch({ url: base + path })
      assert.ok(r.ok, path)
      assert.ok(r.text.includes(RU), path)
      assert.equal(r.charsetSource, source, path)
    }
  })

  test('counts invalid bytes in a declared UTF-8 page instead of failing', async () => {
    routes.set('/broken-utf8', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(Buffer.concat([Buffer.from(ARTICLE), Buffer.from([0xff, 0xfe, 0x80])]))
    })

    const r = await fetcher().fetch({ url: `${base}/broken-utf8` })

    assert.ok(r.ok)
    assert.equal(r.invalidBytes, 3)
  })

  test('an unknown host and a refused port are one clear line each', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const deadPort = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))

    const f = fetcher({ retries: 0 })
    const dns = await f.fetch({ url: 'http://no-such-host.invalid/' })
    const refused = await f.fetch({ url: `http://127.0.0.1:${deadPort}/` })

    assert.match(dns.ok ? '' : dns.reason, /not found|DNS/)
    assert.match(refused.ok ? '' : refused.reason, /connection refused/)
  })

  test('a TLS failure is reported as a TLS error', async () => {
    // https:// to a plain-HTTP port: the handshake fails.
    const r = await fetcher({ retries: 0, robots: false }).fetch({
      url: `https://127.0.0.1:${port}/`,
    })

    assert.match(r.ok ? '' : r.reason, /TLS error/)
  })

  test('keeps the delay between requests to one host', async () => {
    routes.set('/paced', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('ok')
    })
    const f = fetcher({ perHostDelayMs: 150, perHostConcurrency: 1 })

    await Promise.all([1, 2, 3].map(() => f.fetch({ url: `${base}/paced` })))

    const times = hits.get('/paced') ?? []
    assert.equal(times.length, 3)
    // Measured at the server, so connection set-up jitters each arrival a little.
    assert.ok(times[2]! - times[0]! >= 250, `${times[2]! - times[0]!} ms for three requests`)
  })
})

describe('parseRetryAfter', () => {
  test('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-01T10:00:00Z')
    assert.equal(parseRetryAfter('120', now), 120_000)
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now), 30_000)
    assert.equal(parseRetryAfter('soon', now), null)
  })
})
