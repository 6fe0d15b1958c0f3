/**
 * Sentence splitting for en/ru/kk news prose, aware of abbreviations ("г.", "ст.", "т.е.",
 * "Mr.", "U.S."), initials ("А.Ж. Серикбаев") and decimals.
 *
 * @module pipeline/stages/segment/sentences
 */
import type { Span } from '#core/span.ts'
import { isLetter, isLower, isNumber, isWhitespace } from '../../text/char-class.ts'

// Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS = new Set([
  // en
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'maj',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'nos',
  'art',
  'para',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'approx',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s',
  'u.k',
  'u.n',
  'fig',
  'vol',
  'pp',
  'p',
  'mln',
  'bln',
  'bn',
  'mn',
  // ru
  'г',
  'гг',
  'ст',
  'ч',
  'п',
  'пп',
  'т',
  'т.е',
  'т.д',
  'т.п',
  'т.к',
  'др',
  'пр',
  'им',
  'ул',
  'пр-т',
  'д',
  'кв',
  'обл',
  'р-н',
  'р-на',
  'тыс',
  'млн',
  'млрд',
  'руб',
  'коп',
  'тг',
  'долл',
  'см',
  'напр',
  'рис',
  'тел',
  'гр',
  'кг',
  'стр',
  'мкр',
  'с',
  'пос',
  'а',
  'б',
  'в',
  'ген',
  'полк',
  'подп',
  'зам',
  'нач',
  'пред',
  'проф',
  'акад',
  'доц',
  'гос',
  'мин',
  // kk
  'ж',
  'жж',
  'бап',
  'млн',
  'млрд',
  'мың',
  'көш',
  'обл',
  'ауд',
  'қ',
  'т.б',
  'т.с.с',
])

// The lookbehind starts a punctuation run only at its first mark: without it a long run with no
// space after ("......") is searched again from each of its marks, quadratic in the run.
const BREAK = /(?<![.!?…])[.!?…]+["»”’)]*\s+|\n[ \t]*\n\s*|\n(?=[ \t]*[\p{Lu}«"“•–—-])/gu

/** Splits text into sentence spans (trimmed, non-empty). Linear time. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = []
  let start = 0
  BREAK.lastIndex = 0
  for (let m = BREAK.exec(text); m !== null; m = BREAK.exec(text)) {
    const end = m.index + m[0].length
    if (!m[0].startsWith('\n') && !isBoundary(text, m.index, end)) continue
    pushTrimmed(text, start, end, out)
    start = end
  }
  pushTrimmed(text, start, text.length, out)
  return out
}

// Character tests read one UTF-16 unit, as the regular expressions on `charAt` did before: a
// surrogate half is no letter.
function isBoundary(text: string, dot: number, after: number): boolean {
  if (after >= text.length) return true
  const next = text.charCodeAt(after)
  // "?" and "!" end a sentence unless a lower-case word follows (quoted speech mid-sentence).
  if (text.charCodeAt(dot) !== 0x2e) return !isLower(next)
  if (isLower(next) || next === 0x2c || next === 0x3b || next === 0x3a) return false
  // The word before the dot.
  let i = dot
  while (i > 0 && isWordBeforeDot(text.charCodeAt(i - 1))) i--
  const word = text.slice(i, dot)
  if (word === '') return true
  const lower = word.toLowerCase().replace(/^[.-]+/u, '')
  if (ABBREVIATIONS.has(lower)) {
    // "в 2024 г. В Астане ..." — the year abbreviation often does end a sentence; keep it
    // joined only when a digit or a lower-case word follows.
    return false
  }
  // Initials: "А.Ж. Серикбаев", "D. Mukhtarov", "U.S."
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word)) return false
  return true
}

/** `[\p{L}\p{N}.-]` */
function isWordBeforeDot(c: number): boolean {
  return c === 0x2e || c === 0x2d || isLetter(c) || isNumber(c)
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start
  let e = end
  while (s < e && isWhitespace(text.charCodeAt(s))) s++
  while (e > s && isWhitespace(text.charCodeAt(e - 1))) e--
  if (e > s) out.push({ start: s, end: e })
}
