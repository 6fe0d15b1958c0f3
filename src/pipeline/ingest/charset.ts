/**
 * Decodes fetched or archived bytes with the charset they declare: byte-order mark first, then
 * the HTTP `Content-Type` charset, then `<meta charset>` / `http-equiv` (or the XML
 * declaration), else content sniffing ({@link decodeBytes}). Invalid bytes are counted, never
 * fatal.
 *
 * @module pipeline/ingest/charset
 */
import iconv from 'iconv-lite'
import { decodeBytes } from './decode.ts'

/** Where the charset that was used came from. */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniffed'

/** Decoded text with how it was decoded, or why the bytes are not text. */
export type CharsetResult =
  | {
      readonly ok: true
      readonly text: string
      readonly encoding: string
      readonly charsetSource: CharsetSource
      /** Byte sequences the charset could not decode (each became U+FFFD). */
      readonly invalidBytes: number
    }
  | { readonly ok: false; readonly reason: string }

/** Reads the `charset` parameter of a Content-Type header value, or `null`. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)
  return m?.[1] ? m[1].toLowerCase() : null
}

/**
 * Finds a charset declared inside the first 4 KB of a document: `<meta charset=...>`,
 * `<meta http-equiv="Content-Type" content="...; charset=...">` or `<?xml encoding="..."?>`.
 */
export function charsetFromMarkup(bytes: Uint8Array): string | null {
  // Every charset label is ASCII, so a latin1 view of the head is enough to find it.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  const xml = /^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{1,40})["']/i.exec(head)
  if (xml?.[1]) return xml[1].toLowerCase()
  const meta = /<meta[^>]{0,300}?charset\s*=\s*["']?([\w.:-]{1,40})/i.exec(head)
  return meta?.[1] ? meta[1].toLowerCase() : null
}

/** Options of {@link decodeDeclared}. */
export interface DecodeDeclaredOptions {
  /** The HTTP Content-Type header (or a WARC record's), when there is one. */
  readonly contentType?: string | null
}

/** Decodes bytes honouring declared charsets. Never throws. */
export function decodeDeclared(
  bytes: Uint8Array,
  options: DecodeDeclaredOptions = {},
): CharsetResult {
  try {
    const bom = bomOf(bytes)
    if (bom) return decodeAs(bytes.subarray(bom.length), bom.encoding, 'bom')
    const declared = usable(charsetFromContentType(options.contentType))
    if (declared) return decodeAs(bytes, declared, 'header')
    const inMarkup = usable(charsetFromMarkup(bytes))
    if (inMarkup) return decodeAs(bytes, inMarkup, 'meta')
    const sniffed = decodeBytes(bytes)
    if (!sniffed.ok) return sniffed
    return { ...sniffed, charsetSource: 'sniffed', invalidBytes: 0 }
  } catch (error) {
    return { ok: false, reason: `cannot decode: ${(error as Error).message}` }
  }
}

function bomOf(bytes: Uint8Array): { length: number; encoding: string } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { length: 3, encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { length: 2, encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { length: 2, encoding: 'utf-16be' }
  return null
}

// Labels the web uses for charsets iconv-lite knows under another name.
const ALIASES: Readonly<Record<string, string>> = {
  'x-cp1251': 'windows-1251',
  'win-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'koi8-u': 'koi8-u',
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  'iso-8859-1': 'windows-1252', // WHATWG: latin1 labels decode as windows-1252
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
}

function usable(label: string | null): string | null {
  if (!label) return null
  const name = ALIASES[label] ?? label
  return iconv.encodingExists(name) ? name : null
}

function decodeAs(bytes: Uint8Array, encoding: string, source: CharsetSource): CharsetResult {
  const wide = encoding.startsWith('utf-16') || encoding.startsWith('utf16')
  // NUL and control bytes are legal in UTF-16; elsewhere they mean binary content.
  if (!wide && hasControlBytes(bytes))
    return { ok: false, reason: 'binary content (control bytes found), not text' }
  if (encoding === 'utf-8') {
    const text = new TextDecoder('utf-8').decode(bytes)
    return {
      ok: true,
      text,
      encoding,
      charsetSource: source,
      invalidBytes: countReplacement(text) - countLiteralReplacement(bytes),
    }
  }
  const text = iconv.decode(Buffer.from(bytes), encoding)
  return {
    ok: true,
    text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    encoding,
    charsetSource: source,
    invalidBytes: countReplacement(text),
  }
}

function hasControlBytes(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192)
  for (let i = 0; i < n; i++) if (bytes[i]! < 9) return true
  return false
}

function countReplacement(text: string): number {
  let n = 0
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++
  return n
}

// U+FFFD written on purpose (EF BF BD) is not an invalid byte.
function countLiteralReplacement(bytes: Uint8Array): number {
  let n = 0
  for (let i = 0; i + 2 < bytes.length; i++)
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++
  return n
}
