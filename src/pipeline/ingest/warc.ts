/**
 * Reads WARC/1.0 and WARC/1.1 archives (plain, or gzipped per record or as a whole): every
 * `response` record with an HTTP 2xx text response becomes a document that keeps its target URL
 * and capture date; other responses are reported, other record types skipped.
 *
 * @module pipeline/ingest/warc
 */
import { createHash } from 'node:crypto'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import type { RawDoc } from '#core/document.ts'
import { decodeDeclared } from './charset.ts'

/** A document read from a record, or why a record could not be. */
export type WarcResult =
  | {
      readonly ok: true
      readonly doc: RawDoc
      readonly status: number
      readonly capturedAt: string | null
    }
  | { readonly ok: false; readonly source: string; readonly reason: string }

const CRLF2 = Buffer.from('\r\n\r\n')

/** Unzips a `.warc.gz` file; a truncated or corrupt one is one clear error. */
export function gunzipWarc(
  bytes: Uint8Array,
): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  try {
    return { ok: true, bytes: gunzipSync(bytes) }
  } catch (error) {
    return { ok: false, reason: `truncated or corrupt gzip: ${(error as Error).message}` }
  }
}

/** Parses the records of an uncompressed WARC file. `file` names the source in reports. */
export function* readWarc(bytes: Buffer, file: string): Generator<WarcResult> {
  let pos = 0
  let n = 0
  while (pos < bytes.length) {
    // Records are separated by CRLF CRLF; tolerate stray blank lines.
    while (pos < bytes.length && (bytes[pos] === 0x0d || bytes[pos] === 0x0a)) pos++
    if (pos >= bytes.length) break
    n++
    const headEnd = bytes.indexOf(CRLF2, pos)
    const source = `${file}#${n}`
    if (headEnd < 0) {
      yield { ok: false, source, reason: 'truncated WARC record header' }
      return
    }
    const head = bytes.subarray(pos, headEnd).toString('latin1')
    const [version, ...lines] = head.split('\r\n')
    if (!/^WARC\/1\.[01]$/.test(version ?? '')) {
      yield {
        ok: false,
        source,
        reason: `not a WARC record (starts with "${(version ?? '').slice(0, 20)}")`,
      }
      return
    }
    const headers = parseHeaders(lines)
    const length = Number(headers.get('content-length'))
    if (!Number.isInteger(length) || length < 0) {
      yield { ok: false, source, reason: 'WARC record without a valid Content-Length' }
      return
    }
    const blockStart = headEnd + 4
    if (blockStart + length > bytes.length) {
      yield {
        ok: false,
        source,
        reason: 'truncated WARC record (block shorter than Content-Length)',
      }
      return
    }
    const block = bytes.subarray(blockStart, blockStart + length)
    pos = blockStart + length
    if (headers.get('warc-type') !== 'response') continue
    const uri = (headers.get('warc-target-uri') ?? '').replace(/^<|>$/g, '')
    yield fromResponse(block, uri, headers.get('warc-date') ?? null, uri || source)
  }
}

function parseHeaders(lines: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

function fromResponse(block: Buffer, uri: string, date: string | null, source: string): WarcResult {
  const headEnd = block.indexOf(CRLF2)
  if (headEnd < 0) return { ok: false, source, reason: 'response record without HTTP headers' }
  const [statusLine = '', ...lines] = block.subarray(0, headEnd).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1])
  if (!status)
    return { ok: false, source, reason: `not an HTTP response ("${statusLine.slice(0, 30)}")` }
  if (status < 200 || status >= 300)
    return { ok: false, source, reason: `HTTP ${status} response, skipped` }
  const headers = parseHeaders(lines)
  let body: Buffer = block.subarray(headEnd + 4)
  try {
    if ((headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked'))
      body = dechunk(body)
    const encoding = (headers.get('content-encoding') ?? '').toLowerCase()
    if (encoding === 'gzip' || encoding === 'x-gzip') body = gunzipSync(body)
    else if (encoding === 'deflate') body = inflateSync(body)
    else if (encoding === 'br') body = brotliDecompressSync(body)
  } catch (error) {
    return { ok: false, source, reason: `corrupt HTTP body: ${(error as Error).message}` }
  }
  const contentType = headers.get('content-type') ?? null
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (mediaType && !/^text\/|\+xml$|\/xml$|\/xhtml/.test(mediaType))
    return { ok: false, source, reason: `binary or unsupported content (${mediaType}), skipped` }
  const decoded = decodeDeclared(body, { contentType })
  if (!decoded.ok) return { ok: false, source, reason: decoded.reason }
  const id = `warc-${createHash('sha256')
    .update(`${uri}\n${date ?? ''}`)
    .digest('hex')
    .slice(0, 20)}`
  let host = source
  try {
    host = new URL(uri).host
  } catch {}
  return {
    ok: true,
    status,
    capturedAt: date,
    doc: {
      id,
      source: host,
      url: uri || null,
      format: mediaType === 'text/plain' ? 'text' : 'html',
      raw: decoded.text,
      published: null,
    },
  }
}

// HTTP/1.1 chunked transfer coding: hex size line, data, CRLF; a zero size ends it.
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = []
  let pos = 0
  for (;;) {
    const lineEnd = body.indexOf('\r\n', pos)
    if (lineEnd < 0) throw new Error('truncated chunked body')
    const size = Number.parseInt(body.subarray(pos, lineEnd).toString('latin1').split(';')[0]!, 16)
    if (!Number.isFinite(size)) throw new Error('bad chunk size')
    if (size === 0) break
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
    pos = lineEnd + 2 + size + 2
    if (pos > body.length) throw new Error('truncated chunked body')
  }
  return Buffer.concat(parts)
}
