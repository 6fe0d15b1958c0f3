/**
 * Decodes file bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, and Windows-1251 or
 * KOI8-R when the bytes are not valid UTF-8. Binary content is refused.
 *
 * @module pipeline/ingest/decode
 */
import iconv from 'iconv-lite'

/** Decoded text, or why the bytes are not text. */
export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly reason: string }

/** Decodes bytes to text. Never throws. */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      ok: true,
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le'),
      encoding: 'utf-16le',
    }
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      ok: true,
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be'),
      encoding: 'utf-16be',
    }
  }
  const sample = bytes.subarray(0, 8192)
  let controls = 0
  for (const b of sample) if (b === 0 || (b < 9 && b !== 0)) controls++
  if (controls > 0) return { ok: false, reason: 'binary file (control bytes found), not text' }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return {
      ok: true,
      text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
      encoding: 'utf-8',
    }
  } catch {
    const encoding = guessSingleByteCyrillic(bytes)
    return { ok: true, text: iconv.decode(Buffer.from(bytes), encoding), encoding }
  }
}

// In KOI8-R lower-case Cyrillic sits at 0xC0-0xDF and upper-case at 0xE0-0xFF; in Windows-1251
// it is the other way round. Running text is mostly lower case, so the busier half tells.
function guessSingleByteCyrillic(bytes: Uint8Array): 'windows-1251' | 'koi8-r' {
  let low = 0
  let high = 0
  for (const b of bytes.subarray(0, 65536)) {
    if (b >= 0xc0 && b <= 0xdf) low++
    else if (b >= 0xe0) high++
  }
  return low > high ? 'koi8-r' : 'windows-1251'
}
