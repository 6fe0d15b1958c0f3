import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { listInputFiles, type ReadResult, readFiles } from './read-files.ts'

const KK = 'Астана қаласының полициясы есірткі сатқан күдіктіні ұстады.'
const RU = 'Суд Алматы приговорил бывшего акима к семи годам лишения свободы за хищение.'

function record(type: string, uri: string, block: Buffer): Buffer {
  const head =
    `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\n` +
    `WARC-Date: 2026-03-02T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:${Math.random()}>\r\n` +
    `Content-Type: application/http; msgtype=${type}\r\nContent-Length: ${block.length}\r\n\r\n`
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')])
}

function http(status: string, headers: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\n${headers}\r\n\r\n`, 'latin1'), body])
}

const html = (text: string) => `<html><body><article><p>${text}</p></article></body></html>`

function archive(): Buffer {
  const gz = gzipSync(Buffer.from(html(KK)))
  return Buffer.concat([
    record('warcinfo', '', Buffer.from('software: test\r\n')),
    record('request', 'https://kaz.example.kz/a', Buffer.from('GET /a HTTP/1.1\r\n\r\n')),
    record(
      'response',
      'https://kaz.example.kz/a',
      http('200 OK', 'Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip', gz),
    ),
    record(
      'response',
      'https://ru.example.kz/b',
      http(
        '200 OK',
        'Content-Type: text/html; charset=windows-1251\r\nTransfer-Encoding: chunked',
        Buffer.concat([
          Buffer.from(`${iconv.encode(html(RU), 'windows-1251').length.toString(16)}\r\n`),
          iconv.encode(html(RU), 'windows-1251'),
          Buffer.from('\r\n0\r\n\r\n'),
        ]),
      ),
    ),
    record(
      'response',
      'https://ru.example.kz/missing',
      http('404 Not Found', 'Content-Type: text/html', Buffer.from('nope')),
    ),
    record(
      'response',
      'https://ru.example.kz/logo.png',
      http('200 OK', 'Content-Type: image/png', Buffer.from([0x89, 0x50, 0, 0])),
    ),
  ])
}

let dir = ''
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tergeu-warc-'))
  const plain = archive()
  await writeFile(join(dir, 'crawl.warc'), plain)
  // Per-record gzip members, as crawlers write them.
  await writeFile(join(dir, 'crawl2.warc.gz'), gzipSync(plain))
  const gz = gzipSync(plain)
  await writeFile(join(dir, 'broken.warc.gz'), gz.subarray(0, Math.floor(gz.length / 2)))
  await writeFile(join(dir, 'notwarc.warc'), 'hello world\r\n\r\n')
})
after(() => rm(dir, { recursive: true, force: true }))

async function readAll(file: string): Promise<ReadResult[]> {
  const out: ReadResult[] = []
  for await (const r of readFiles([join(dir, file)])) out.push(r)
  return out
}

describe('WARC input', () => {
  test('folders list .warc and .warc.gz files', async () => {
    const files = (await listInputFiles([dir])).map((f) => f.slice(dir.length + 1))
    assert.deepEqual(files, ['broken.warc.gz', 'crawl.warc', 'crawl2.warc.gz', 'notwarc.warc'])
  })

  for (const file of ['crawl.warc', 'crawl2.warc.gz']) {
    test(`${file}: 2xx text responses become documents with URL; others one line each`, async () => {
      const results = await readAll(file)
      const docs = results.flatMap((r) => (r.ok ? [r.doc] : []))
      const failures = results.flatMap((r) => (r.ok ? [] : [r.reason]))

      assert.deepEqual(
        docs.map((d) => d.url),
        ['https://kaz.example.kz/a', 'https://ru.example.kz/b'],
      )
      assert.ok(docs[0]?.raw.includes(KK))
      assert.ok(docs[1]?.raw.includes(RU))
      assert.equal(docs[0]?.format, 'html')
      assert.deepEqual(failures, [
        'HTTP 404 response, skipped',
        'binary or unsupported content (image/png), skipped',
      ])
    })
  }

  test('a truncated .warc.gz is one clear error', async () => {
    const results = await readAll('broken.warc.gz')
    assert.equal(results.length, 1)
    assert.match(results[0]?.ok ? '' : results[0]!.reason, /truncated or corrupt gzip/)
  })

  test('a file that is not WARC is one clear error', async () => {
    const results = await readAll('notwarc.warc')
    assert.equal(results.length, 1)
    assert.match(results[0]?.ok ? '' : results[0]!.reason, /not a WARC record/)
  })

  test('a truncated record is reported, the records before it kept', async () => {
    const plain = archive()
    await writeFile(join(dir, 'cut.warc'), plain.subarray(0, plain.length - 40))
    const results = await readAll('cut.warc')
    assert.ok(results.filter((r) => r.ok).length >= 2)
    const last = results.at(-1)
    assert.match(last && !last.ok ? last.reason : '', /truncated WARC record/)
    await rm(join(dir, 'cut.warc'))
  })
})
