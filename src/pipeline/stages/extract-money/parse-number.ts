/**
 * Reads a written number ("1,5", "98,500", "$12.000", "1 700 000 000", "1.234.567,89").
 *
 * @module pipeline/stages/extract-money/parse-number
 */

/**
 * Digits with inner `.`/`,` groups, optionally followed by space-separated groups of three
 * ("1 700 000"). Linear: every repetition starts with a separator the previous one cannot eat.
 */
export const NUMBER_RE = /\d+(?:[.,]\d+)*(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:,\d+)?/gu

const GROUP_SPACES = /[ \u00a0\u202f]/g

/** How a number is written next to it: with a scale word after it, and in which language. */
export interface NumberContext {
  /** A scale word follows ("1.250 million"): a lone `.` is then a decimal point. */
  readonly scaled: boolean
  /** Russian and Kazakh write the decimal comma ("1,5 млн"); English writes "1,500" for thousands. */
  readonly decimalComma: boolean
}

/**
 * Parses a number as written in news text; `null` when it is not a plain number.
 * A single separator followed by exactly three digits is a thousands separator ("$12.000",
 * "393,000"), except before a scale word where it is a decimal point ("1.125 billion").
 */
export function parseNumber(written: string, context: NumberContext): number | null {
  // Digits alone (most numbers in text) need none of the separator reading below. Character
  // loops, not regex literals: a literal is a new object at each call.
  if (allDigits(written)) {
    const n = Number(written)
    return Number.isFinite(n) ? n : null
  }
  const s = hasGroupSpace(written) ? written.replace(GROUP_SPACES, '') : written
  if (!isDigitsAndSeparators(s)) return null
  const dots = count(s, '.')
  const commas = count(s, ',')
  let canonical: string
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal separator ("1,234.56", "1.234,56").
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ','
    const thousands = decimal === '.' ? ',' : '.'
    canonical = s.split(thousands).join('').replace(decimal, '.')
  } else if (dots + commas === 0) {
    canonical = s
  } else if (dots + commas > 1) {
    canonical = s.replace(/[.,]/g, '')
  } else {
    const sep = dots === 1 ? '.' : ','
    const after = s.length - s.indexOf(sep) - 1
    const decimalHere = context.scaled && (sep === '.' || context.decimalComma)
    canonical = after === 3 && !decimalHere ? s.replace(sep, '') : s.replace(sep, '.')
  }
  const n = Number(canonical)
  return Number.isFinite(n) ? n : null
}

/** Multiplies without binary noise: 1.1 × 1e9 is 1100000000, not 1100000000.0000002. */
export function scaleAmount(value: number, factor: number): number {
  const x = value * factor
  // An integer below 10^12 has at most 12 digits: rounding to 12 would give it back unchanged.
  if (Number.isInteger(x) && x < 1e12 && x > -1e12) return x
  return Number(x.toPrecision(12))
}

/** `/^\d+$/`. */
function allDigits(s: string): boolean {
  if (s.length === 0) return false
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false
  return true
}

/** `/[ \u00a0\u202f]/`. */
function hasGroupSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x20 || c === 0xa0 || c === 0x202f) return true
  }
  return false
}

/** `/^\d[\d.,]*$/`. */
function isDigitsAndSeparators(s: string): boolean {
  if (s.length === 0 || !isDigit(s.charCodeAt(0))) return false
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!isDigit(c) && c !== 0x2e && c !== 0x2c) return false
  }
  return true
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

function count(s: string, ch: string): number {
  let n = 0
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++
  return n
}
