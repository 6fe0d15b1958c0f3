/**
 * Reads documents from files and folders: `.txt`, `.md`, `.html`/`.htm`, `.json` (one
 * `{id, source, text|html, published}` document), `.jsonl` (many) and WARC archives (`.warc`,
 * `.warc.gz`: every HTTP 2xx `response` record).
 *
 * @module pipeline/ingest/read-files
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { RawDoc } from '#core/document.ts'
import { decodeBytes } from './decode.ts'
import { gunzipWarc, readWarc } from './warc.ts'

/** A document read, or a one-line reason why a file could not be. */
export type ReadResult =
  | { readonly ok: true; readonly doc: RawDoc }
  | { readonly ok: false; readonly source: string; readonly reason: string }

/** Options of {@link readFiles}. */
export interface ReadFilesOptions {
  /** Files larger than this are refused (default: 20 MB). */
  readonly maxBytes?: number
  /** WARC archives larger than this are refused (default: 500 MB; read whole into memory). */
  readonly maxWarcBytes?: number
}

const EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm', '.json', '.jsonl', '.warc'])

/** Whether a file is a WARC archive (`.warc`, `.warc.gz`). */
function isWarc(file: string): boolean {
  return /\.warc(?:\.gz)?$/i.test(file)
}

/** Lists the readable files under the given paths (folders recursively), sorted. */
export async function listInputFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const p of paths) {
    const s = await stat(p)
    if (s.isDirectory()) {
      const entries = await readdir(p, { recursive: true, withFileTypes: true })
      for (const e of entries) {
        if (e.isFile() && (EXTENSIONS.has(extname(e.name).toLowerCase()) || isWarc(e.name))) {
          out.push(join(e.parentPath, e.name))
        }
      }
    } else out.push(p)
  }
  return out.sort()
}

/** Reads every document in `files`; a bad file yields one failed result and the rest go on. */
export async function* readFiles(
  files: readonly string[],
  options: ReadFilesOptions = {},
): AsyncGenerator<ReadResult> {
  for (const file of files) {
    const maxBytes = isWarc(file)
      ? (options.maxWarcBytes ?? 500_000_000)
      : (options.maxBytes ?? 20_000_000)
    try {
      const s = await stat(file)
      if (s.size > maxBytes) {
        yield {
          ok: false,
          source: file,
          reason: `file is ${s.size} bytes, over the ${maxBytes} limit`,
        }
        continue
      }
      if (isWarc(file)) {
        yield* readWarcFile(file, await readFile(file))
        continue
      }
      const decoded = decodeBytes(await readFile(file))
      if (!decoded.ok) {
        yield { ok: false, source: file, reason: decoded.reason }
        continue
      }
      yield* parseDocuments(file, decoded.text)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      yield { ok: false, source: file, reason }
    }
  }
}

function* readWarcFile(file: string, bytes: Buffer): Generator<ReadResult> {
  let plain = bytes
  if (/\.gz$/i.test(file)) {
    const unzipped = gunzipWarc(bytes)
    if (!unzipped.ok) {
      yield { ok: false, source: file, reason: unzipped.reason }
      return
    }
    plain = unzipped.bytes
  }
  for (const r of readWarc(plain, file)) {
    yield r.ok ? { ok: true, doc: r.doc } : { ok: false, source: r.source, reason: r.reason }
  }
}

function* parseDocuments(file: string, text: string): Generator<ReadResult> {
  const ext = extname(file).toLowerCase()
  const stem = basename(file, extname(file))
  if (ext === '.json') {
    yield fromJson(file, text, stem)
    return
  }
  if (ext === '.jsonl') {
    const lines = text.split('\n')
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim()
      if (line) yield fromJson(`${file}:${i + 1}`, line, `${stem}-${i + 1}`)
    }
    return
  }
  const format = ext === '.html' || ext === '.htm' ? 'html' : looksLikeHtml(text) ? 'html' : 'text'
  yield {
    ok: true,
    doc: { id: stem, source: basename(file), url: null, format, raw: text, published: null },
  }
}

function fromJson(source: string, text: string, fallbackId: string): ReadResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, source, reason: `invalid JSON: ${(error as Error).message}` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, source, reason: 'a JSON document must be an object' }
  }
  const o = value as Record<string, unknown>
  const html = typeof o['html'] === 'string' ? o['html'] : null
  const body = typeof o['text'] === 'string' ? o['text'] : html
  if (body === null) return { ok: false, source, reason: 'a JSON document needs "text" or "html"' }
  const published = typeof o['published'] === 'string' ? o['published'] : null
  return {
    ok: true,
    doc: {
      id: typeof o['id'] === 'string' || typeof o['id'] === 'number' ? String(o['id']) : fallbackId,
      source: typeof o['source'] === 'string' ? o['source'] : source,
      url: typeof o['url'] === 'string' ? o['url'] : null,
      format: html !== null && typeof o['text'] !== 'string' ? 'html' : 'text',
      raw: body,
      published,
    },
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>])/i.test(text.slice(0, 1000))
}
