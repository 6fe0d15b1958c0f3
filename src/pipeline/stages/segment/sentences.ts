/**
 * Sentence splitting for en/ru/kk news prose, aware of abbreviations ("г.", "ст.", "т.е.",
 * "Mr.", "U.S."), initials ("А.Ж. Серикбаев") and decimals.
 *
 * @module pipeline/stages/segment/sentences
 */
import type { Span } from '#core/span.ts'

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

const BREAK = /[.!?…]+["»”’)]*\s+|\n[ \t]*\n\s*|\n(?=[ \t]*[\p{Lu}«"“•–—-])/gu

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

function isBoundary(text: string, dot: number, after: number): boolean {
  const punct = text.charAt(dot)
  const next = text.charAt(after)
  if (next === '') return true
  // "?" and "!" end a sentence unless a lower-case word follows (quoted speech mid-sentence).
  if (punct !== '.') return !/\p{Ll}/u.test(next)
  if (/\p{Ll}/u.test(next) || /[,;:]/u.test(next)) return false
  // The word before the dot.
  let i = dot
  while (i > 0 && /[\p{L}\p{N}.-]/u.test(text.charAt(i - 1))) i--
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

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start
  let e = end
  while (s < e && /\s/u.test(text.charAt(s))) s++
  while (e > s && /\s/u.test(text.charAt(e - 1))) e--
  if (e > s) out.push({ start: s, end: e })
}
