/**
 * A tokenizer for the persons stage: the same tokens as `text/tokenize.ts` (runs of letters,
 * digits and marks with inner hyphens or apostrophes, or one other non-space character; same
 * offsets), written as a character loop because this stage scans every token of every document.
 * `norm` is lower case with `ё` folded to `е` and typographic apostrophes to `'`.
 *
 * @module pipeline/stages/extract-persons/scan
 */
import type { Token } from '../../text/tokenize.ts'

const OTHER_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

/** Letters, digits and combining marks; table lookups for Latin and Cyrillic, a regex beyond. */
function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  if (c >= 0x400 && c <= 0x52f) return c < 0x482 || c > 0x489 || (c >= 0x483 && c <= 0x489)
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7
  if (c >= 0x300 && c <= 0x36f) return true
  if (c < 0xc0 || (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f)) {
    // Punctuation, symbols and spaces in these blocks; a few letters (ª º µ) are rare enough.
    return c === 0xaa ||
      c === 0xb5 ||
      c === 0xba ||
      (c >= 0xb2 && c <= 0xb3) ||
      c === 0xb9 ||
      (c >= 0xbc && c <= 0xbe)
      ? OTHER_WORD_CHAR.test(text[i]!)
      : false
  }
  const cp = text.codePointAt(i)!
  return OTHER_WORD_CHAR.test(String.fromCodePoint(cp))
}

/** The characters `\\s` matches (the gaps between tokens). */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

function isJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019 || c === 0x2bc
}

function width(c: number): number {
  return c >= 0xd800 && c <= 0xdbff ? 2 : 1
}

/**
 * Characters that `toLowerCase` and the `ё`/apostrophe folds leave as they are: ASCII lower case
 * and digits, the hyphen and `'`, basic Cyrillic lower case but `ё`, and the Kazakh letters. A
 * word made only of them is its own `norm`, which spares a string per token.
 */
function isOwnNorm(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 39
  if (c >= 0x430 && c <= 0x45f) return c !== 0x451
  return (
    c === 0x4d9 ||
    c === 0x493 ||
    c === 0x49b ||
    c === 0x4a3 ||
    c === 0x4e9 ||
    c === 0x4b1 ||
    c === 0x4af ||
    c === 0x4bb
  )
}

/** Splits text into tokens. */
export function scanTokens(text: string): Token[] {
  const out: Token[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) {
      i++
      continue
    }
    const start = i
    if (isWordChar(c, text, i)) {
      let own = isOwnNorm(c)
      i += width(c)
      for (;;) {
        while (i < n) {
          const d = text.charCodeAt(i)
          if (!isWordChar(d, text, i)) break
          if (own && !isOwnNorm(d)) own = false
          i += width(d)
        }
        // An inner hyphen or apostrophe joins two runs (`Қасым-Жомарт`, `O'Brien`).
        if (
          i + 1 < n &&
          isJoiner(text.charCodeAt(i)) &&
          isWordChar(text.charCodeAt(i + 1), text, i + 1)
        ) {
          if (own && !isOwnNorm(text.charCodeAt(i))) own = false
          i += 1
          continue
        }
        break
      }
      const t = text.slice(start, i)
      if (own) {
        out.push({ text: t, start, end: i, norm: t, isWord: true })
        continue
      }
      let norm = t.toLowerCase()
      if (norm.includes('ё')) norm = norm.replace(/ё/g, 'е')
      if (norm.includes('’') || norm.includes('ʼ')) norm = norm.replace(/[’ʼ]/g, "'")
      out.push({ text: t, start, end: i, norm, isWord: true })
      continue
    }
    i += width(c)
    const t = text.slice(start, i)
    // ASCII punctuation and symbols have no case.
    out.push({ text: t, start, end: i, norm: c < 0x80 ? t : t.toLowerCase(), isWord: false })
  }
  return out
}
