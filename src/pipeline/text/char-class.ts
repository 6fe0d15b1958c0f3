/**
 * Unicode character classes looked up by code point, for hot loops that would otherwise test
 * one-character strings against `/\p{L}/u` and friends. Each answer is the one the regular
 * expression gives (the table is filled from the very same expressions), so a loop over char
 * codes behaves exactly like the regex-based code it replaces.
 *
 * @module pipeline/text/char-class
 */

const LETTER = 1
const UPPER = 2
const LOWER = 4
const NUMBER = 8
const MARK = 16
const SPACE = 32

// Latin, Cyrillic, general punctuation and the other scripts of our sources sit below U+3000;
// the table covers them (12 KB, a few milliseconds to fill once). Code points above are rare in
// en/ru/kk news and are answered by the expressions themselves.
const TABLE_SIZE = 0x3000
const TESTS: readonly [RegExp, number][] = [
  [/^\p{L}$/u, LETTER],
  [/^\p{Lu}$/u, UPPER],
  [/^\p{Ll}$/u, LOWER],
  [/^\p{N}$/u, NUMBER],
  [/^\p{M}$/u, MARK],
  [/^\s$/u, SPACE],
]

function classify(s: string): number {
  let bits = 0
  for (const [re, bit] of TESTS) if (re.test(s)) bits |= bit
  return bits
}

const TABLE = new Uint8Array(TABLE_SIZE)
for (let c = 0; c < TABLE_SIZE; c++) TABLE[c] = classify(String.fromCharCode(c))

const far = new Map<number, number>()

/**
 * The class bits of a code point (a lone surrogate has none, as with the `u` flag, and `-1`, the
 * end of a string, has none either). Code points
 * above the table are classified once and remembered.
 */
function bitsOf(cp: number): number {
  if (cp < TABLE_SIZE) return cp < 0 ? 0 : TABLE[cp]!
  if (cp >= 0xd800 && cp <= 0xdfff) return 0
  let bits = far.get(cp)
  if (bits === undefined) {
    bits = classify(String.fromCodePoint(cp))
    far.set(cp, bits)
  }
  return bits
}

/** `/\p{L}/u` for one code point. */
export function isLetter(cp: number): boolean {
  return (bitsOf(cp) & LETTER) !== 0
}

/** `/\p{Lu}/u` for one code point. */
export function isUpper(cp: number): boolean {
  return (bitsOf(cp) & UPPER) !== 0
}

/** `/\p{Ll}/u` for one code point. */
export function isLower(cp: number): boolean {
  return (bitsOf(cp) & LOWER) !== 0
}

/** `/\p{N}/u` for one code point. */
export function isNumber(cp: number): boolean {
  return (bitsOf(cp) & NUMBER) !== 0
}

/** `/[\p{L}\p{N}\p{M}]/u` for one code point: a character that belongs to a word. */
export function isWordChar(cp: number): boolean {
  return (bitsOf(cp) & (LETTER | NUMBER | MARK)) !== 0
}

/** `/\s/u` for one code point (the set that `String.prototype.trim` removes). */
export function isWhitespace(cp: number): boolean {
  return (bitsOf(cp) & SPACE) !== 0
}

/**
 * The code point at `i` of `s`, as `String.prototype.codePointAt` gives it (a lone surrogate is
 * returned as itself); `-1` past the end.
 */
export function codePointAt(s: string, i: number): number {
  if (i >= s.length) return -1
  const c = s.charCodeAt(i)
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return c
  const d = s.charCodeAt(i + 1)
  return d >= 0xdc00 && d <= 0xdfff ? (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000 : c
}
