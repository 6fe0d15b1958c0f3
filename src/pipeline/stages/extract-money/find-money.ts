/**
 * Finds monetary amounts in text: numbers with a currency word, symbol or code, scale words,
 * ranges and vague amounts. Pure and linear: one scan over the numbers, each looked at through a
 * bounded window; the patterns live in `money-patterns.ts`.
 *
 * @module pipeline/stages/extract-money/find-money
 */

import { isLetter, isNumber } from '../../text/char-class.ts'
import { firstChars, startTest } from './first-chars.ts'
import {
  AZERI_CUE,
  CURRENCY_PREFIX_RE,
  CURRENCY_WORDS,
  KYRGYZ_CUE,
  MAY_HAVE_WORD_AMOUNT,
  NUMBER_WORDS,
  SCALE_WORDS,
  scaleFactor,
  symbolCode,
  TURKMEN_CUE,
  UZBEK_CUE,
  VAGUE_PATTERNS,
  vagueCurrency,
  WORD_AMOUNT_PATTERNS,
} from './money-patterns.ts'
import { NUMBER_RE, parseNumber, scaleAmount } from './parse-number.ts'

/** One amount found in the text; offsets are UTF-16 into the searched string. */
export interface MoneyHit {
  readonly start: number
  readonly end: number
  /** `null` for a vague amount ("billions of dollars"). */
  readonly amount: number | null
  /** ISO 4217. */
  readonly currency: string
}

/** Options for {@link findMoney}. */
export interface FindMoneyOptions {
  /** Russian/Kazakh text: a lone comma is a decimal comma ("1,5 млн"). Default `false`. */
  readonly decimalComma?: boolean
}

// Sticky regexes run at a position of the whole text: no slicing, and the `\p{L}*` tails of the
// patterns stop at the end of the word. One capture group per table row tells which row matched.
// "500 000 (пятьсот тысяч) тенге": legal texts spell the number out before the currency.
const currencySource = (group: string) =>
  `(?:[ \\u00a0]{0,2}\\([^()\\d\\n]{2,80}\\))?[ \\u00a0]{0,3}(?:${CURRENCY_WORDS.map((c) => `${group}${c.re})`).join('|')})`
const scaleAttachedSource = (group: string) =>
  `(?:${SCALE_WORDS.map((w) => `${group}${w.re})`).join('|')})`
// "a $5-million bribe": a hyphen joins a full scale word, never an abbreviation ("5-m").
const scaleSpacedSource = (group: string) =>
  `(?:[ \\u00a0]{1,2}|-(?=[\\p{L}]{4}))(?:${SCALE_WORDS.map((w) => (w.attachedOnly ? `${group}(?!))` : `${group}${w.re})`)).join('|')})`
const CURRENCY_AT = new RegExp(currencySource('('), 'iuy')
const SCALE_ATTACHED = new RegExp(scaleAttachedSource('('), 'iuy')
const SCALE_SPACED = new RegExp(scaleSpacedSource('('), 'iuy')
/**
 * `[\p{L}$€£₸₽¥(-]`: a number followed by one of these can have a scale or currency after it;
 * others are skipped fast.
 */
function mayFollow(c: number): boolean {
  return (
    c >= 0 &&
    (isLetter(c) ||
      c === 0x24 ||
      c === 0x20ac ||
      c === 0xa3 ||
      c === 0x20b8 ||
      c === 0x20bd ||
      c === 0xa5 ||
      c === 0x28 ||
      c === 0x2d)
  )
}

// The characters a scale or currency word can start with: after a number followed by a word
// that starts otherwise ("5 injured", "12 жылғы"), neither table is tried.
const MAY_START_UNIT = startTest([...CURRENCY_WORDS, ...SCALE_WORDS].map((w) => firstChars(w.re)))
const MAY_START_SCALE = startTest(SCALE_WORDS.map((w) => firstChars(w.re)))
const MAY_START_CURRENCY = startTest(CURRENCY_WORDS.map((w) => firstChars(w.re)))

/** `[-–—tдпиaTДПИA]`: the start of a range connector ("-", "to", "до", "по", "и", "and"). */
const CONNECT_STARTS = new Set([...'-–—tдпиaTДПИA'].map((c) => c.charCodeAt(0)))

/**
 * The code unit of the first character after `at` that is not a space (looks at most three
 * characters ahead); `-1` if none.
 */
function nextNonSpace(text: string, at: number): number {
  for (let i = at; i < at + 4 && i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0xa0) return c
  }
  return -1
}
const CONNECTOR = /[ \u00a0]*(?:-|–|—|to|до|по|and|и)[ \u00a0]*(?=[$€£₸₽\d]|US\$|KZT|USD)/iuy
const RANGE_OPENER = /(?:from|between|от|между|с)[ \u00a0]+$/iu
const TERMINAL = /[ \u00a0]*(?:[.,;:!?)»"”]|—|–|\n|$)/uy
const RATE_SIGN_AFTER = /[ \u00a0]*=/uy
const RATE_SIGN_BEFORE = /=[ \u00a0]*$/u
// Every number of a text (one expression for all documents: nothing in the loop re-enters it).
const NUMBERS = new RegExp(NUMBER_RE.source, 'gu')
// A number right at a position (the high end of a range).
const NUMBER_AT = new RegExp(NUMBER_RE.source, 'uy')
const INHERIT_DISTANCE = 300

/** The reading of one number with what follows it. */
interface Reading {
  readonly start: number
  readonly numberEnd: number
  readonly end: number
  readonly value: number
  readonly factor: number | null
  readonly currency: string | null
  readonly unit: number
  /** The window after the scale word ended in a full stop and no currency followed. */
  readonly scaleDot: boolean
  /** The currency was written after the number ("5 million tenge"), not before it. */
  readonly suffixCurrency: boolean
}

/**
 * Finds every amount in `text`, in text order, repeats included (the stage de-duplicates).
 * Never throws.
 */
export function findMoney(text: string, options: FindMoneyOptions = {}): MoneyHit[] {
  const decimalComma = options.decimalComma ?? false
  // No closures made per call here and below: the CLI runs through tsx, which names each one
  // at creation (`__name`), a cost per document.
  const resolve = new CurrencyResolver(text)
  const hits: MoneyHit[] = []
  let consumed = 0
  let last: { currency: string; end: number } | null = null
  const re = NUMBERS
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index < consumed) continue
    const written = trimGroups(m[0])
    // "in 2019 500 million tenge": the groups after a year are a number of their own.
    if (written.length < m[0].length) re.lastIndex = m.index + written.length
    const r = readAt(text, m.index, written, decimalComma, resolve)
    if (!r) continue
    if (RATE_SIGN_BEFORE.test(text.slice(Math.max(0, r.start - 4), r.start))) continue
    RATE_SIGN_AFTER.lastIndex = r.end
    if (RATE_SIGN_AFTER.test(text)) continue
    const range = readRange(text, r, decimalComma, resolve, last)
    if (range) {
      hits.push(range.low, range.high)
      last = { currency: range.high.currency, end: range.high.end }
      consumed = range.high.end
      re.lastIndex = consumed
      continue
    }
    let currency = r.currency
    if (!currency) currency = inherited(text, r, last)
    if (!currency) continue
    const end = r.currency ? r.end : r.end - (r.scaleDot ? 1 : 0)
    hits.push({ start: r.start, end, amount: amountOf(r), currency })
    last = { currency, end }
    consumed = r.end
  }
  addWordAmounts(text, hits, resolve)
  addVague(text, hits)
  // Loops and a module-level comparator: no closures per call.
  const kept: MoneyHit[] = []
  for (const h of hits) if (!onTickerLine(text, h)) kept.push(h)
  return kept.sort(byStart)
}

const byStart = (a: MoneyHit, b: MoneyHit): number => a.start - b.start

/** The offset of the first space, no-break or narrow no-break space, or -1. */
function firstGroupSpace(written: string): number {
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i)
    if (c === 0x20 || c === 0xa0 || c === 0x202f) return i
  }
  return -1
}

/** "1 700 000" is one number, but in "2019 500" the groups belong to nothing. */
function trimGroups(written: string): string {
  const space = firstGroupSpace(written)
  if (space < 0) return written
  const head = written.slice(0, space)
  return /^\d{1,3}$/.test(head) ? written : head
}

function readAt(
  text: string,
  start: number,
  written: string,
  decimalComma: boolean,
  resolve: CurrencyResolver,
): Reading | null {
  const numberEnd = start + written.length
  // Character tests on code units (a surrogate half is no letter), -1 before the text.
  const prev = start > 0 ? text.charCodeAt(start - 1) : -1
  const prev2 = start > 1 ? text.charCodeAt(start - 2) : -1
  const maybePrefix = isLetterOrSymbol(prev) || (prev === 0x20 && isLetterOrSymbol(prev2))
  const prefix = maybePrefix
    ? CURRENCY_PREFIX_RE.exec(text.slice(Math.max(0, start - 7), start))
    : null
  if (!prefix && prev >= 0 && (isLetter(prev) || isNumber(prev) || prev === 0x5f)) return null
  if ((prev === 0x2e || prev === 0x2c) && prev2 >= 0x30 && prev2 <= 0x39) return null
  // "(" opens a spelled-out number before the currency, "-" a hyphenated scale word.
  const next = nextNonSpace(text, numberEnd)
  const follows = mayFollow(next) && (next === 0x28 || next === 0x2d || MAY_START_UNIT(next))
  let scale = follows ? readScale(text, numberEnd) : null
  // "1 млн 200 тыс. тенге", "2 миллиард 300 миллион теңге": a smaller part follows.
  const part = scale ? readSmallerPart(text, scale, decimalComma) : null
  if (part) scale = { end: part.end, factor: scale!.factor }
  const afterScale = scale ? scale.end : numberEnd
  if (isPercentAt(text, afterScale)) return null
  const suffix = follows ? readCurrency(text, afterScale, resolve) : null
  // A bare number matters only as the low end of a range ("from 5 to 10 million tenge").
  if (!prefix && !scale && !suffix && !CONNECT_STARTS.has(nextNonSpace(text, numberEnd)))
    return null
  const whole = parseNumber(written, { scaled: scale !== null, decimalComma })
  if (whole === null) return null
  const value = part ? whole + part.value : whole
  const prefixCode = prefix ? symbolCode(prefix[0]) : null
  return {
    start: prefix ? start - prefix[0].length : start,
    numberEnd,
    end: suffix ? suffix.end : afterScale,
    value,
    factor: scale?.factor ?? null,
    currency: prefixCode ?? suffix?.code ?? null,
    unit: suffix?.unit ?? 1,
    scaleDot: scale !== null && !suffix && text[afterScale - 1] === '.',
    suffixCurrency: suffix !== null,
  }
}

/** `[\p{L}$€£₸₽]` for one code unit (`-1`: none). */
function isLetterOrSymbol(c: number): boolean {
  return (
    c >= 0 &&
    (isLetter(c) || c === 0x24 || c === 0x20ac || c === 0xa3 || c === 0x20b8 || c === 0x20bd)
  )
}

/** `/^[ \u00a0]?%/` at `at`: "5 %", "5%". */
function isPercentAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at)
  if (c === 0x25) return true
  return (c === 0x20 || c === 0xa0) && text.charCodeAt(at + 1) === 0x25
}

const SMALLER_PART = /[ \u00a0]+(\d{1,3}(?:[.,]\d+)?)(?=[ \u00a0]?\p{L})/uy

/** The "200 тыс." of "1 млн 200 тыс.": its value in units of the larger scale, and its end. */
function readSmallerPart(
  text: string,
  larger: { end: number; factor: number },
  decimalComma: boolean,
): { end: number; value: number } | null {
  SMALLER_PART.lastIndex = larger.end
  const m = SMALLER_PART.exec(text)
  if (!m) return null
  const scale = readScale(text, larger.end + m[0].length)
  if (!scale || scale.factor >= larger.factor) return null
  const v = parseNumber(m[1]!, { scaled: true, decimalComma })
  return v === null ? null : { end: scale.end, value: (v * scale.factor) / larger.factor }
}

function readScale(text: string, at: number): { end: number; factor: number } | null {
  // Which of the two patterns can match here, by the characters they must start with: a table
  // read instead of running each of them.
  const c = text.charCodeAt(at)
  const attached = MAY_START_SCALE(c)
  let spaced = false
  if (c === 0x20 || c === 0xa0) {
    const d = text.charCodeAt(at + 1)
    spaced =
      d === 0x20 || d === 0xa0 ? MAY_START_SCALE(text.charCodeAt(at + 2)) : MAY_START_SCALE(d)
  } else if (c === 0x2d) spaced = MAY_START_SCALE(text.charCodeAt(at + 1))
  // Straight to the expressions with groups: a failed `exec` allocates no more than a failed
  // `test`, and a test before each match would run the expression twice.
  return (
    (attached && scaleAt(SCALE_ATTACHED, text, at)) ||
    (spaced && scaleAt(SCALE_SPACED, text, at)) ||
    null
  )
}

function scaleAt(re: RegExp, text: string, at: number): { end: number; factor: number } | null {
  re.lastIndex = at
  const m = re.exec(text)
  return m ? { end: at + m[0].length, factor: SCALE_WORDS[matchedRow(m)]!.factor } : null
}

function readCurrency(
  text: string,
  at: number,
  resolve: CurrencyResolver,
): { end: number; code: string; unit: number } | null {
  // A currency word starts at the first character after the spaces, unless "(" opens a number
  // spelled out before it.
  const first = nextNonSpace(text, at)
  if (first !== 0x28 && !MAY_START_CURRENCY(first)) return null
  // Straight to the expression with groups: a failed `exec` allocates no match either, and a
  // test before it ran the expression twice for every currency found (measured: faster).
  CURRENCY_AT.lastIndex = at
  const m = CURRENCY_AT.exec(text)
  if (!m) return null
  const row = matchedRow(m)
  const word = CURRENCY_WORDS[row]!
  const code =
    FIXED_CODES[row] ??
    resolve.resolve(word.code === 'CODE' || word.code === 'SYMBOL' ? m[row + 1]! : word.code, at)
  return { end: at + m[0].length, code, unit: word.unit ?? 1 }
}

/** The table row whose capture group took part in the match (one group per row). */
function matchedRow(m: RegExpExecArray): number {
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return g - 1
  return -2
}

// The code of each currency row that needs no reading of the text: its own code as
// `symbolCode` gives it. Written codes and symbols, and som/sum/manat, are resolved per match.
const FIXED_CODES: readonly (string | undefined)[] = CURRENCY_WORDS.map((w) =>
  ['CODE', 'SYMBOL', 'SOM', 'SUM', 'MANAT'].includes(w.code) ? undefined : symbolCode(w.code),
)

function amountOf(r: Reading, factor = r.factor): number {
  return scaleAmount(r.value * r.unit, factor ?? 1)
}

/** "from 5 to 10 million tenge", "10-15 миллионов", "$5-10 million", "от 20 до 10 тыс. долларов". */
function readRange(
  text: string,
  low: Reading,
  decimalComma: boolean,
  resolve: CurrencyResolver,
  last: { currency: string; end: number } | null,
): { low: MoneyHit; high: MoneyHit } | null {
  if (low.suffixCurrency || !CONNECT_STARTS.has(nextNonSpace(text, low.end))) return null
  CONNECTOR.lastIndex = low.end
  const c = CONNECTOR.exec(text)
  if (!c) return null
  const word = c[0].trim().toLowerCase()
  const opener = RANGE_OPENER.exec(text.slice(Math.max(0, low.start - 10), low.start))
  if ((word === 'and' || word === 'и') && !opener) return null
  const nextStart = c.index + c[0].length
  const numberMatch = NUMBER_AT
  const prefixLen =
    /^(?:US\$|\$|€|£|₸|₽|KZT|USD)?[ \u00a0]?/u.exec(text.slice(nextStart))?.[0].length ?? 0
  numberMatch.lastIndex = nextStart + prefixLen
  const nm = numberMatch.exec(text)
  if (!nm) return null
  const high = readAt(text, nm.index, trimGroups(nm[0]), decimalComma, resolve)
  if (!high) return null
  const currency = high.currency ?? low.currency ?? inherited(text, high, last)
  if (!currency) return null
  if (high.factor === null && low.factor === null && !high.currency && !low.currency) return null
  const factor = low.factor ?? (low.value <= high.value ? high.factor : null)
  const start = opener ? low.start - opener[0].length : low.start
  return {
    low: { start, end: high.end, amount: amountOf(low, factor), currency },
    high: { start: high.start, end: high.end, amount: amountOf(high), currency },
  }
}

/**
 * "…перевела еще 13 млн." after "4 млн тенге": a scaled amount with no currency takes the
 * currency of the amount just before it, if the sentence ends right after it.
 */
function inherited(
  text: string,
  r: Reading,
  last: { currency: string; end: number } | null,
): string | null {
  if (!last || r.factor === null || r.factor < 1e6 || text[r.numberEnd] === '-') return null
  if (r.start - last.end > INHERIT_DISTANCE) return null
  TERMINAL.lastIndex = r.end
  return r.scaleDot || TERMINAL.test(text) ? last.currency : null
}

const LINE_REACH = 200
const WORD = /\p{L}{4,}/u

/**
 * "USD 86.50", "$1 – 12844.21": an amount alone on its line with no word of prose around it is an
 * exchange-rate ticker that the segmenter left in (gold README: tickers are not money).
 */
function onTickerLine(text: string, h: MoneyHit): boolean {
  // Fast path: a word of four letters just before the amount on its line (the usual case, an
  // amount in prose) settles it; the full test below would find that word too.
  let run = 0
  for (let i = h.start - 1; i >= 0 && i >= h.start - LINE_REACH; i--) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || (c >= 0xd800 && c <= 0xdfff)) break
    run = isLetter(c) ? run + 1 : 0
    if (run >= 4) return false
  }
  const from = Math.max(0, h.start - LINE_REACH)
  const to = Math.min(text.length, h.end + LINE_REACH)
  const left = text.slice(from, h.start)
  const right = text.slice(h.end, to)
  const l = left.lastIndexOf('\n')
  const r = right.indexOf('\n')
  if (l < 0 && from > 0) return false
  if (r < 0 && to < text.length) return false
  const rest = left.slice(l + 1) + right.slice(0, r < 0 ? right.length : r)
  return !WORD.test(rest) && !WORD.test(text.slice(h.start, h.end).replace(/[A-Z]{3}/g, ''))
}

/** "a million dollars", "два миллиона долларов", "бір миллион теңге". */
function addWordAmounts(text: string, hits: MoneyHit[], resolve: CurrencyResolver): void {
  if (!MAY_HAVE_WORD_AMOUNT.test(text)) return
  const numeric = hits.slice()
  for (const { hint, re } of WORD_AMOUNT_PATTERNS) {
    if (!hint.test(text)) continue
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index
      const end = start + m[0].length
      if (overlapsAny(numeric, start, end)) continue
      const scale = m[2]!
      // Without a number word only the singular reads as one ("миллион долларов"); plurals are vague.
      if (!m[1] && !/^(?:миллион|миллиард|тысяч[ау])а?$/iu.test(scale)) continue
      const value = m[1] ? NUMBER_WORDS[m[1].toLowerCase().replace(/\s+/g, ' ')] : 1
      const currency = vagueCurrency(m[3]!)
      if (value === undefined || !currency) continue
      hits.push({
        start,
        end,
        amount: scaleAmount(value, scaleFactor(scale)),
        currency: resolve.resolve(currency, start),
      })
    }
  }
}

/** Whether a hit overlaps `[start, end)` (a loop, not `some`: no closure per match). */
function overlapsAny(hits: readonly MoneyHit[], start: number, end: number): boolean {
  for (const h of hits) if (h.start < end && start < h.end) return true
  return false
}

function addVague(text: string, hits: MoneyHit[]): void {
  if (!MAY_HAVE_WORD_AMOUNT.test(text)) return
  const numeric = hits.slice()
  for (const p of VAGUE_PATTERNS) {
    if (!p.hint.test(text)) continue
    const re = p.re
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index
      const end = start + m[0].length
      if (overlapsAny(numeric, start, end)) continue
      const currency = p.code === 'FROM_WORD' ? vagueCurrency(m[0]) : p.code
      if (currency) hits.push({ start, end, amount: null, currency })
    }
  }
}

/**
 * Resolves the ambiguous currency words per document: "som" is the Kyrgyz som unless the page is
 * about Uzbekistan; "сум/soum" is the Uzbek sum unless a Kyrgyz cue stands next to it; "manat" is
 * the Turkmen manat unless the page is about Azerbaijan and not Turkmenistan.
 */
class CurrencyResolver {
  private cues: { uz: number; kg: number; az: number; tm: number } | null = null
  private readonly text: string

  constructor(text: string) {
    this.text = text
  }

  /** The ISO code of a currency word, symbol or code written at `at`. */
  resolve(word: string, at: number): string {
    const text = this.text
    if (word === 'SOM') return this.counts().uz > this.counts().kg ? 'UZS' : 'KGS'
    if (word === 'SUM') {
      const near = text.slice(Math.max(0, at - 150), at + 60)
      return countMatches(near, KYRGYZ_CUE) > 0 && countMatches(near, UZBEK_CUE) === 0
        ? 'KGS'
        : 'UZS'
    }
    if (word === 'MANAT') return this.counts().az > 0 && this.counts().tm === 0 ? 'AZN' : 'TMT'
    return symbolCode(word)
  }

  private counts(): { uz: number; kg: number; az: number; tm: number } {
    this.cues ??= {
      uz: countMatches(this.text, UZBEK_CUE),
      kg: countMatches(this.text, KYRGYZ_CUE),
      az: countMatches(this.text, AZERI_CUE),
      tm: countMatches(this.text, TURKMEN_CUE),
    }
    return this.cues
  }
}

function countMatches(text: string, re: RegExp): number {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)
  let n = 0
  while (g.exec(text) !== null) n++
  return n
}
