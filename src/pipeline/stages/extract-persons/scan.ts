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

/**
 * The `norm` of an upper-case letter whose lower case is itself a `norm` character (`ё` folded
 * to `е`): basic Latin and Cyrillic and the Kazakh letters; 0 for any other character.
 */
function lowerFirst(c: number): number {
  if (c >= 65 && c <= 90) return c + 32
  if (c >= 0x410 && c <= 0x42f) return c + 0x20
  if (c === 0x401) return 0x435 // Ё -> е
  if (c === 0x406) return 0x456 // І
  // Ғ Қ Ң Ү Ұ Һ Ә Ө: the lower case follows the upper.
  if (
    c === 0x492 ||
    c === 0x49a ||
    c === 0x4a2 ||
    c === 0x4ae ||
    c === 0x4b0 ||
    c === 0x4ba ||
    c === 0x4d8 ||
    c === 0x4e8
  )
    return c + 1
  return 0
}

// Latin, Cyrillic and what lies between, answered from a table built with the functions above:
// the inner loop of the tokenizer runs on every character of every document.
const CLASS_LIMIT = 0x530
const WORD = 1
const OWN = 2
const CHAR_CLASS = (() => {
  const table = new Uint8Array(CLASS_LIMIT)
  for (let c = 0; c < CLASS_LIMIT; c++) {
    const ch = String.fromCharCode(c)
    table[c] = (isWordChar(c, ch, 0) ? WORD : 0) | (isOwnNorm(c) ? OWN : 0)
  }
  return table
})()

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
      // Whether every character after the first is its own `norm`.
      let own = true
      i += width(c)
      for (;;) {
        while (i < n) {
          const d = text.charCodeAt(i)
          if (d < CLASS_LIMIT) {
            const k = CHAR_CLASS[d]!
            if ((k & WORD) === 0) break
            if ((k & OWN) === 0) own = false
            i++
            continue
          }
          if (!isWordChar(d, text, i)) break
          own = false // no character past the table is its own norm
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
      if (own && isOwnNorm(c)) {
        out.push({ text: t, start, end: i, norm: t, isWord: true })
        continue
      }
      // A capitalised word: only its first letter changes. `toLowerCase` on Cyrillic goes
      // through the slow general case mapping, and one word in five or so is capitalised.
      const lower = own ? lowerFirst(c) : 0
      if (lower !== 0) {
        const norm = String.fromCharCode(lower) + text.slice(start + 1, i)
        out.push({ text: t, start, end: i, norm, isWord: true })
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
    // Punctuation and symbols have no case, but for the circled capitals (Ⓐ) and, to be safe,
    // characters beyond the BMP.
    const cased = (c >= 0x24b6 && c <= 0x24cf) || width(c) === 2
    out.push({ text: t, start, end: i, norm: cased ? t.toLowerCase() : t, isWord: false })
  }
  return out
}

const SCRATCH: Uint8Array[] = []
// Texts longer than this get arrays of their own, so that one huge document pins no memory.
const SCRATCH_MAX = 1 << 16

/**
 * A zeroed byte array of at least `n` bytes (per-token flags), reused from call to call:
 * allocating typed arrays for every document of a few hundred tokens cost more than the scans
 * that fill them. `slot` names one array; a caller keeps its slot to itself while it runs.
 */
export function scratchBytes(slot: number, n: number): Uint8Array {
  if (n > SCRATCH_MAX) return new Uint8Array(n)
  let buf = SCRATCH[slot]
  if (buf === undefined || buf.length < n) {
    buf = new Uint8Array(Math.max(n, 1024))
    SCRATCH[slot] = buf
    return buf
  }
  return buf.fill(0, 0, n)
}

/** The scratch slots of the stage, one per array in use at the same time. */
export const SLOT_BLOCKED = 0
export const SLOT_TAKEN = 1
export const SLOT_NAME_WORD = 2
