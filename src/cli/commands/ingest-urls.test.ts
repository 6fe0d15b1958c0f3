import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import { main } from '../main.ts'
import { parseUrlList } from './ingest.ts'

const ARTICLE =
  '<html><body><article><h1>Экстрадирован из ОАЭ</h1><p>Генеральная прокуратура сообщила об экстрадиции из ОАЭ гражданина Казахстана, обвиняемого в хищении 2,3 млрд тенге.</p></article></body></html>'

let dir = ''
let base = ''
const server = createServer((req, res) => {
  if (req.url === '/news/9') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(ARTICLE)
  } else if (req.url === '/to-private') {
    res.writeHead(302, { location: 'http://192.168.1.1/admin' })
    res.end()
  } else {
    res.writeHead(404)
    res.end()
  }
})

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tergeu-urls-'))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(async () => {
  server.closeAllConnections()
  server.close()
  await rm(dir, { recursive: true, force: true })
})

async function run(args: string[]) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  const code = await main(args, { stdout, stderr, env: {}, cwd: dir })
  return { code, out, err }
}

describe('ingest --urls', () => {
  test('parses a URL list with comments and blank lines', () => {
    const { urls, bad } = parseUrlList(
      '# press releases\nhttps://a.example/1\n\n  https://b.example/2  # reprint\nftp://c.example/x\nnot a url\n',
    )
    assert.deepEqual(urls, ['https://a.example/1', 'https://b.example/2'])
    assert.deepEqual(bad, ['ftp://c.example/x', 'not a url'])
  })

  test('stores fetched pages, one line per failed URL, and a second run adds nothing', async () => {
    await writeFile(
      join(dir, 'list.txt'),
      `# test\n${base}/news/9\n${base}/to-private\n${base}/gone\n`,
    )
    const args = [
      'ingest',
      '--urls',
      'list.txt',
      '--json',
      '--allow-address',
      '127.0.0.1/32',
      '--host-delay',
      '0',
      '--data-dir',
      join(dir, 'db'),
    ]

    const first = await run(args)
    const second = await run(args)

    assert.equal(first.code, 3, first.err)
    const report = JSON.parse(first.out)
    assert.equal(report.added, 1)
    assert.deepEqual(
      report.failed.map((f: { id: string; reason: string }) => [f.id.slice(base.length), f.reason]),
      [
        ['/to-private', 'address 192.168.1.1 is private, refused'],
        ['/gone', 'HTTP 404'],
      ],
    )
    assert.match(first.err, /ingested 3 URL\(s\)/)
    assert.equal(JSON.parse(second.out).added, 0)
  })
})
