/**
 * The date patterns: one rule per written form (full dates, months, years, ranges, relative
 * expressions) in en/ru/kk, each a global regex without nested quantifiers plus the function that
 * turns a match into an ISO value. Pattern tables are exempt from the file-size norm (STYLE §4.14);
 * the scanning lives in `find-dates.ts`. To add a form, add a row with a comment showing it.
 *
 * @module pipeline/stages/extract-dates/date-rules
 */
import { firstChars, startTest } from '../extract-money/first-chars.ts'
import { type Cue, isSpaceCode } from './date-cues.ts'
import {
  EN_MONTHS,
  expandStem,
  KK_MONTHS,
  monthAlternation,
  monthNumber,
  NUMBER_WORDS,
  RU_MONTHS,
  WEEKDAYS,
  weekdayNumber,
} from './date-words.ts'

/** A date found in the text. Offsets are UTF-16 into the searched string. */
export interface DateHit {
  readonly start: number
  readonly end: number
  readonly iso: string
  /** Resolved against the reference date. */
  readonly relative: boolean
  /** A year written on its own ("in 2019", "2024 жылы"): the kind statistics periods use. */
  readonly bareYear: boolean
}

/** A parsed reference date: year, and month and day when known. */
export interface RefDate {
  readonly y: number
  readonly m: number | null
  readonly d: number | null
}

/** Which letters a rule's words need; a rule runs only on texts that have them. */
export type Script = 'latin' | 'cyrillic' | 'kazakh'

/** One written form of an absolute date: its pattern and how a match becomes a date. */
export interface Rule {
  readonly script?: Script
  /** What every match contains: the rule runs only near it. */
  readonly cue: Cue
  /**
   * Every match starts where its cue starts and holds no other cue: the rule is tried at each
   * cue only, which finds the same matches as a scan of the windows.
   */
  readonly atCue?: boolean
  /**
   * Every match starts one of these many characters before its cue (nearest first), no match
   * can hold two cues and none can start where the windows begin: the rule is tried at those
   * places only, which finds the same matches as a scan of the windows.
   */
  readonly beforeCue?: readonly number[]
  readonly re: RegExp
  /** Returns the hit for a match, or `null` to skip it. */
  readonly make: (m: RegExpExecArray, ctx: RuleContext) => Omit<DateHit, 'start' | 'end'> | null
}

/** What a rule may look at besides its match. */
export interface RuleContext {
  readonly text: string
  /** The reference date for a relative expression at `pos`. */
  readonly refAt: (pos: number) => RefDate | null
}

const EN_FULL = EN_MONTHS.filter(
  ([w]) => w.length > 4 || w === 'May' || w === 'June' || w === 'July',
).map(([w]) => w)
const EN_ABBR = EN_MONTHS.filter(([w]) => !EN_FULL.includes(w)).map(([w]) => w)
/** Regex source: an English month, full or abbreviated (capitalised). */
export const EN_M = `(?:${monthAlternation(EN_FULL.map((w) => [w, 0] as const))}|(?:${monthAlternation(EN_ABBR.map((w) => [w, 0] as const))})\\.?)`
/** Regex source: a Russian month in the cases dates use. */
export const RU_M = `(?:${monthAlternation(RU_MONTHS)})`
const KK_M = `(?:${monthAlternation(KK_MONTHS)})\\p{L}*`
/** Regex source: a plausible year of the news (1950–2049). */
export const YEAR = '(?:19[5-9]\\d|20[0-4]\\d)'
/** Regex source: no letter or digit before. */
export const NB = '(?<![\\p{L}\\p{N}])'
/** Regex source: no letter or digit after. */
export const NA = '(?![\\p{L}\\p{N}])'
const DAY = '(?:0?[1-9]|[12]\\d|3[01])'
const ORD = '(?:st|nd|rd|th)?'
const RU_YEAR_WORD = '(?:\\s*(?:года|году|год|гг?\\.|г(?![\\p{L}])))?'
const KK_YEAR_WORD = '(?:\\s*-?\\s*(?:жылғы|жылы|жылдың|жылдан|жылға|жыл|ж\\.))?'

/** Every English month starts with one of these, capitalised (the rules are case-sensitive). */
const EN_MONTH_CUE: Cue = { exact: [...new Set(EN_MONTHS.map(([w]) => w.slice(0, 3)))] }
const RU_MONTH_CUE: Cue = { words: RU_MONTHS.flatMap(([stem]) => expandStem(stem)) }
const KK_MONTH_CUE: Cue = { words: KK_MONTHS.map(([w]) => w) }
const ANY_MONTH_CUE: Cue = { ...RU_MONTH_CUE, ...EN_MONTH_CUE }
/** Every rule reads a year as four digits with no digit either side. */
export const YEAR_CUE: Cue = { year: true }

/** Writes year, month and day as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export const iso = (y: number, m?: number | null, d?: number | null): string =>
  `${y}${m ? `-${pad(m)}` : ''}${m && d ? `-${pad(d)}` : ''}`
const pad = (n: number): string => PADDED[n] ?? String(n).padStart(2, '0')
// "00" … "31": months and days without a new string each time.
const PADDED = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'))
const num = (s: string | undefined): number | null => (s ? Number(s) : null)

function absolute(
  y: number,
  m: number | null,
  d: number | null,
): Omit<DateHit, 'start' | 'end'> | null {
  if (m !== null && (m < 1 || m > 12)) return null
  if (d !== null && (m === null || d < 1 || d > daysIn(y, m))) return null
  return { iso: iso(y, m, d), relative: false, bareYear: false }
}

/** A day and month without a year: the reference year, or the one before for a month well ahead. */
function yearless(
  ref: RefDate | null,
  m: number,
  d: number | null,
): Omit<DateHit, 'start' | 'end'> | null {
  if (!ref) return null
  const y = ref.m !== null && m > ref.m + 3 ? ref.y - 1 : ref.y
  const hit = absolute(y, m, d)
  return hit && { ...hit, relative: true }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Days in month `m` (1–12) of year `y`, as `Date.UTC` counts them (0–99 mean 1900–1999). */
function daysIn(y: number, m: number): number {
  const year = y >= 0 && y <= 99 ? 1900 + y : y
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!
}

// Module-level, like every regex here: V8 drops its cache of compiled patterns at each full
// garbage collection, so a `new RegExp` per call recompiles (a millisecond for `\p{L}` classes).
const ANY_YEAR = new RegExp(`${NB}(${YEAR})${NA}`, 'gu')

/** The year written last before `at` (for "February of the same year"). */
function previousYear(text: string, at: number): number | null {
  const window = text.slice(Math.max(0, at - 1500), at)
  const re = ANY_YEAR
  re.lastIndex = 0
  let last: number | null = null
  for (let m = re.exec(window); m !== null; m = re.exec(window)) last = Number(m[1])
  return last
}

/** "this/last/next year" lean on the reference date; "the same year" on a year in the text. */
function fromRef(word: string): boolean {
  return !/same|that/i.test(word)
}

function yearPhrase(word: string, ctx: RuleContext, at: number): number | null {
  const w = word.toLowerCase().replace(/\s+/g, ' ')
  const ref = ctx.refAt(at)
  if (w === 'this' || w === 'current') return ref?.y ?? null
  if (w === 'last' || w === 'previous') return ref ? ref.y - 1 : null
  if (w === 'next') return ref ? ref.y + 1 : null
  return previousYear(ctx.text, at)
}

/** "в ноябре прошлого года", "того же года в сентябре": a Russian month with a year phrase. */
function ruYearPhraseMonth(
  phrase: string,
  month: number,
  ctx: RuleContext,
  at: number,
): Omit<DateHit, 'start' | 'end'> | null {
  // "того же года" names the year written last before; the others lean on the reference date.
  if (/же/iu.test(phrase)) {
    const y = previousYear(ctx.text, at)
    return y === null ? null : absolute(y, month, null)
  }
  const ref = ctx.refAt(at)
  if (!ref) return null
  const y = /^(?:прошл|минувш)/iu.test(phrase) ? ref.y - 1 : ref.y
  return { ...absolute(y, month, null)!, relative: true }
}

/** Full dates, months and ranges, each with a comment showing the forms it reads. */
export const ABSOLUTE_RULES: readonly Rule[] = [
  {
    // 2025-01-11
    cue: YEAR_CUE,
    atCue: true,
    re: new RegExp(`(?<![\\d./-])(${YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?![\\d])`, 'gu'),
    make: (m) => absolute(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    // 26.12.2025
    cue: YEAR_CUE,
    // "d.m.", "dd.m." or "d.mm.", "dd.mm." before the year.
    beforeCue: [6, 5, 4],
    re: new RegExp(`(?<![\\d.,/])(${DAY})\\.(0?[1-9]|1[0-2])\\.(${YEAR})(?![\\d]|\\.\\d)`, 'gu'),
    make: (m) => absolute(Number(m[3]), Number(m[2]), Number(m[1])),
  },
  {
    // April 5, 2025 · Sept. 14 · November 1st in 2017 · May 26 of this year · March 3-5, 2025
    cue: EN_MONTH_CUE,
    atCue: true,
    script: 'latin',
    re: new RegExp(
      `\\b(${EN_M})\\s+(${DAY})${ORD}(?:\\s*[-–]\\s*${DAY}${ORD})?(?![\\d])(?:,?\\s+(?:in\\s+|of\\s+)?(${YEAR})${NA}|,?\\s+of\\s+(this|last|next|the\\s+same|that)\\s+year\\b)?`,
      'gu',
    ),
    make: (m, ctx) => {
      const month = monthNumber(m[1]!)!
      if (m[3]) return absolute(Number(m[3]), month, Number(m[2]))
      if (m[4]) {
        const y = yearPhrase(m[4], ctx, m.index)
        return y === null ? null : { ...absolute(y, month, Number(m[2]))!, relative: fromRef(m[4]) }
      }
      return yearless(ctx.refAt(m.index), month, Number(m[2]))
    },
  },
  {
    // 5 April 2025 · 16 January · 5th of April
    cue: EN_MONTH_CUE,
    script: 'latin',
    re: new RegExp(
      `${NB}(${DAY})${ORD}(?:\\s*(?:[-–]|to)\\s*${DAY}${ORD})?\\s+(?:of\\s+)?(${EN_M})(?![\\p{L}])(?:,?\\s+(${YEAR})${NA})?`,
      'gu',
    ),
    make: (m, ctx) => {
      const month = monthNumber(m[2]!)!
      return m[3]
        ? absolute(Number(m[3]), month, Number(m[1]))
        : yearless(ctx.refAt(m.index), month, Number(m[1]))
    },
  },
  {
    // March to May 2024 · between April and August 2019 (the start of the range)
    cue: EN_MONTH_CUE,
    script: 'latin',
    re: new RegExp(
      `\\b(?:[Bb]etween\\s+|[Ff]rom\\s+)?(${EN_M})\\s*(?:to|and|through|until|-|–)\\s*(${EN_M}),?\\s+(${YEAR})${NA}`,
      'gu',
    ),
    make: (m) => absolute(Number(m[3]), monthNumber(m[1]!), null),
  },
  {
    // March 2024 · December, 2006 · February of the same year · the summer of 2012 (year)
    cue: EN_MONTH_CUE,
    atCue: true,
    script: 'latin',
    re: new RegExp(
      `\\b(${EN_M}),?\\s+(?:of\\s+)?(?:(${YEAR})${NA}|(this|last|next|the\\s+same|that)\\s+year\\b)`,
      'gu',
    ),
    make: (m, ctx) => {
      const month = monthNumber(m[1]!)!
      if (m[2]) return absolute(Number(m[2]), month, null)
      const y = yearPhrase(m[3]!, ctx, m.index)
      return y === null ? null : { ...absolute(y, month, null)!, relative: fromRef(m[3]!) }
    },
  },
  {
    // in June · since early February · by mid-March (year-less month, needs a preposition)
    cue: EN_MONTH_CUE,
    script: 'latin',
    re: new RegExp(
      `\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id-?|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter|[Ll]ast|[Tt]his)\\s+(?:(?:early|late|mid-?)\\s*)?(${EN_M})(?:\\s*(?:to|until|through|and|-|–)\\s*${EN_M})?(?![\\p{L}\\d]|,?\\s*\\d)`,
      'gu',
    ),
    make: (m, ctx) => yearless(ctx.refAt(m.index), monthNumber(m[1]!)!, null),
  },
  {
    // 5 апреля 2025 года · 26 декабря · 5–7 марта 2024 г. · 5 сентября того же года
    cue: RU_MONTH_CUE,
    script: 'cyrillic',
    re: new RegExp(
      `${NB}(?:с\\s+)?(${DAY})(?:\\s*[-–]\\s*${DAY}|\\s+(?:по|до)\\s+${DAY})?\\s+(${RU_M})${NA}(?:\\s+(${YEAR})${RU_YEAR_WORD}|\\s+(прошлого|минувшего|этого|текущего|того\\s+же|этого\\s+же)\\s+года)?`,
      'giu',
    ),
    make: (m, ctx) => {
      const month = monthNumber(m[2]!)!
      if (m[4]) {
        const hit = ruYearPhraseMonth(m[4], month, ctx, m.index)
        const d = hit && absolute(Number(hit.iso.slice(0, 4)), month, Number(m[1]))
        return d && { ...d, relative: hit.relative }
      }
      return m[3]
        ? absolute(Number(m[3]), month, Number(m[1]))
        : yearless(ctx.refAt(m.index), month, Number(m[1]))
    },
  },
  {
    // the 10 of "10 и 12 апреля", "10 and 12 April 2024" (the 12 is read by the rules above)
    cue: ANY_MONTH_CUE,
    re: new RegExp(
      `${NB}(${DAY})(?=\\s+(?:и|and)\\s+${DAY}\\s+(${RU_M}|${EN_M})(?![\\p{L}])(?:\\s+(${YEAR})${NA})?)`,
      'gu',
    ),
    make: (m, ctx) => {
      const month = monthNumber(m[2]!)
      if (!month) return null
      return m[3]
        ? absolute(Number(m[3]), month, Number(m[1]))
        : yearless(ctx.refAt(m.index), month, Number(m[1]))
    },
  },
  {
    // в марте 2024 года · с марта по май 2024 года (start) · июль 2013 г.
    cue: RU_MONTH_CUE,
    script: 'cyrillic',
    re: new RegExp(
      `${NB}(?:(?:в|с|до|к|по|от|на)\\s+)?(?:(?:начале|конце|середине)\\s+)?(${RU_M})(?:\\s+(?:по|до|и)\\s+${RU_M})?\\s+(${YEAR})${NA}${RU_YEAR_WORD}`,
      'giu',
    ),
    make: (m) => absolute(Number(m[2]), monthNumber(m[1]!), null),
  },
  {
    // прошлого года в ноябре · того же года в сентябре (the year phrase before the month)
    cue: RU_MONTH_CUE,
    script: 'cyrillic',
    re: new RegExp(
      `${NB}(прошлого|минувшего|этого|текущего|нынешнего|того\\s+же|этого\\s+же)\\s+года\\s*,?\\s+(?:в|с|до|к|по|в\\s+начале|в\\s+конце|в\\s+середине)\\s+(${RU_M})${NA}(?!\\s+\\d)`,
      'giu',
    ),
    make: (m, ctx) => ruYearPhraseMonth(m[1]!, monthNumber(m[2]!)!, ctx, m.index),
  },
  {
    // в марте · в начале февраля · до июня (year-less, after a preposition)
    cue: RU_MONTH_CUE,
    script: 'cyrillic',
    re: new RegExp(
      `${NB}(?:в|с|до|к|по|с\\s+начала|в\\s+начале|в\\s+конце|в\\s+середине|в\\s+течение)\\s+(${RU_M})(?:\\s+(?:по|до|и)\\s+${RU_M})?${NA}(?!\\s+\\d)(?:\\s+(прошлого|минувшего|этого|текущего|нынешнего|того\\s+же|этого\\s+же)\\s+года)?`,
      'giu',
    ),
    make: (m, ctx) => {
      const month = monthNumber(m[1]!)!
      if (!m[2]) return yearless(ctx.refAt(m.index), month, null)
      return ruYearPhraseMonth(m[2], month, ctx, m.index)
    },
  },
  {
    // 2025 жылғы 26 желтоқсанда
    cue: KK_MONTH_CUE,
    script: 'kazakh',
    re: new RegExp(`${NB}(${YEAR})\\s*-?\\s*(?:жылғы|жылдың|ж\\.)\\s+(${DAY})\\s+(${KK_M})`, 'giu'),
    make: (m) => absolute(Number(m[1]), monthNumber(m[3]!), Number(m[2])),
  },
  {
    // 26 желтоқсан 2025 ж. · 26 желтоқсанда (year-less)
    cue: KK_MONTH_CUE,
    script: 'kazakh',
    re: new RegExp(`${NB}(${DAY})\\s+(${KK_M})(?:\\s+(${YEAR})${KK_YEAR_WORD})?`, 'giu'),
    make: (m, ctx) => {
      const month = monthNumber(m[2]!)!
      return m[3]
        ? absolute(Number(m[3]), month, Number(m[1]))
        : yearless(ctx.refAt(m.index), month, Number(m[1]))
    },
  },
  {
    // 2024 жылдың наурызында · 2024 жылғы наурыз айында
    cue: KK_MONTH_CUE,
    script: 'kazakh',
    re: new RegExp(`${NB}(${YEAR})\\s*-?\\s*(?:жылдың|жылғы|ж\\.)\\s+(${KK_M})`, 'giu'),
    make: (m) => absolute(Number(m[1]), monthNumber(m[2]!), null),
  },
  {
    // өткен жылдың қараша айында · былтыр қарашада · сол жылдың қыркүйегінде · осы жылғы наурызда
    cue: KK_MONTH_CUE,
    script: 'kazakh',
    re: new RegExp(
      `${NB}(өткен\\s+жыл(?:дың|ғы|ы)|былтыр(?:ғы)?|биыл(?:ғы)?|осы\\s+жыл(?:дың|ғы|ы)|ағымдағы\\s+жыл(?:дың|ғы|ы)|сол\\s+жыл(?:дың|ғы|ы)|дәл\\s+сол\\s+жыл(?:дың|ғы|ы))\\s+(?:(${DAY})\\s+)?(${KK_M})(?:\\s+ай\\p{L}*)?`,
      'giu',
    ),
    make: (m, ctx) => {
      const w = m[1]!.toLowerCase()
      const month = monthNumber(m[3]!)!
      const day = num(m[2])
      if (/сол/u.test(w)) {
        const y = previousYear(ctx.text, m.index)
        return y === null ? null : absolute(y, month, day)
      }
      const ref = ctx.refAt(m.index)
      if (!ref) return null
      const y = /^(?:өткен|былтыр)/u.test(w) ? ref.y - 1 : ref.y
      const hit = absolute(y, month, day)
      return hit && { ...hit, relative: true }
    },
  },
  {
    // наурызда, желтоқсанда (year-less, lower case: "Қазанда" is the city of Kazan)
    cue: KK_MONTH_CUE,
    atCue: true,
    script: 'kazakh',
    re: new RegExp(`${NB}(${monthAlternation(KK_MONTHS)})[кг]?(?:да|де|та|те)${NA}`, 'gu'),
    make: (m, ctx) => yearless(ctx.refAt(m.index), monthNumber(m[1]!)!, null),
  },
  {
    // наурыз айында (year-less)
    cue: KK_MONTH_CUE,
    atCue: true,
    script: 'kazakh',
    re: new RegExp(`${NB}(${KK_M})\\s+ай(?:ында|ы|ынан|ына)${NA}`, 'giu'),
    make: (m, ctx) => yearless(ctx.refAt(m.index), monthNumber(m[1]!)!, null),
  },
]

/** Nouns that make a four-digit number a quantity, not a year ("2000 people", "1500 тонн"). */
const QUANTITY_NOUN =
  'people|persons|residents|citizens|cases|crimes|offen[cs]es|units|tonn?es|tons|kg|kilograms?|grams?|km|kilometres?|kilometers?|meters?|metres?|hectares?|heads?|pieces?|doses?|pills?|tablets?|victims?|officers?|employees?|troops|soldiers|migrants|children|women|men|человек|чел\\.|случа\\p{L}*|преступлени\\p{L}*|дел|единиц\\p{L}*|тонн\\p{L}*|кг|км|метр\\p{L}*|гектар\\p{L}*|штук\\p{L}*|голов\\p{L}*|таблет\\p{L}*|доз\\p{L}*|жител\\p{L}*|граждан\\p{L}*|сотрудник\\p{L}*|адам\\p{L}*|қылмыс\\p{L}*|іс\\p{L}*|дана\\p{L}*|тонна\\p{L}*|рубл\\p{L}*|тенге|теңге\\p{L}*|доллар\\p{L}*|dollars|tenge|rubles|euros|%|percent|per\\s+cent|процент\\p{L}*|пайыз\\p{L}*|million|billion|thousand|млн|млрд|тыс|мың|миллион\\p{L}*|миллиард\\p{L}*'
const QUANTITY_AFTER = new RegExp(`^\\s*(?:${QUANTITY_NOUN})(?![\\p{L}])`, 'iu')
/** Whether a character can start a QUANTITY_NOUN (in any letter case the `iu` flags match). */
const MAY_START_QUANTITY = startTest([firstChars(QUANTITY_NOUN)])

/** A four-digit year on its own; `yearHit` applies the language's cue rules to it. */
export const YEAR_RULE = new RegExp(
  `${NB}(${YEAR})(?![\\p{N}]|[.,]\\d|s\\b|(?<=0)['’]s\\b|-х|-е\\b)`,
  'gu',
)
const RU_YEAR_CUE_AFTER =
  /^\s*(?:-?(?:года|году|год|годах|годов|гг?\.|г(?![\p{L}])|м|го|й)(?![\p{L}])|\s*[-–—]\s*(?:19|20)\d{2}\s*(?:годах|годов|гг\.|годы))/u
const RU_YEAR_CUE_BEFORE =
  /(?:^|[^\p{L}])(?:в|с|до|по|от|к|за|на|начале|конце|середине|году|весной|летом|осенью|зимой|декабре|январе|\d\s*[-–—]|и)\s*$/iu
const KK_YEAR_CUE_AFTER = /^\s*(?:[-–—]\s*(?:19|20)\d{2}\s*)?-?\s*(?:жыл\p{L}*|ж\.)/u

// Module-level: a regex literal inside a function is a new object at each call.
const SIGN_BEFORE = /[/$€£₸₽#№]\s?$|[Nn]o\.\s?$/u
const SHORT_RANGE_AFTER = /^[-–]\d{2}(?!\d)/
const GLUED_BEFORE = /\p{L}-$/u
const PART_OF_YEAR_BEFORE = /(?:mid|early|late)-$/iu
const KK_DECADE_AFTER = /^\s*-?\s*жылдар/u
const DIGIT_GROUP_AFTER = /^[\s-]\d/
const OPENING_BEFORE = /[(«"]\s*$/
const ISO_PREFIX = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/

/** The last character (or the one before a last space) of money, a number sign or "No.". */
const SIGN_BEFORE_YEAR = new Set([...'/$€£₸₽#№.'].map((c) => c.charCodeAt(0)))

/** Finds a bare year, with the language's cue rules. */
export function yearHit(
  text: string,
  m: RegExpExecArray,
  lang: string,
): Omit<DateHit, 'start' | 'end'> | null {
  const end = m.index + m[0].length
  const after = text.slice(end, end + 40)
  const before = text.slice(Math.max(0, m.index - 25), m.index)
  // The tests of `before` end in `$`, which the engine tries at each position: a look at the last
  // characters comes first.
  const last = before.charCodeAt(before.length - 1)
  const beforeLast = before.charCodeAt(before.length - 2)
  const signed =
    SIGN_BEFORE_YEAR.has(last) || (isSpaceCode(last) && SIGN_BEFORE_YEAR.has(beforeLast))
  if ((signed && SIGN_BEFORE.test(before)) || after.startsWith('/')) return null
  if (SHORT_RANGE_AFTER.test(after)) return null
  // "Мак-2025", "Nurly Zhol-2020": a year glued to a name; "mid-2021" is still a year.
  const glued = last === 0x2d && GLUED_BEFORE.test(before)
  if (glued && !PART_OF_YEAR_BEFORE.test(before)) return null
  // "1990 жылдары", "1990-жылдардағы": a decade in Kazakh.
  if (m[1]!.endsWith('0') && KK_DECADE_AFTER.test(after)) return null
  // "8 701 2019 55": a group inside a phone or account number.
  const grouped = (isSpaceCode(last) || last === 0x2d) && beforeLast >= 0x30 && beforeLast <= 0x39
  if (grouped && DIGIT_GROUP_AFTER.test(after)) return null
  if (lang !== 'en') {
    const cued =
      KK_YEAR_CUE_AFTER.test(after) ||
      RU_YEAR_CUE_AFTER.test(after) ||
      RU_YEAR_CUE_BEFORE.test(before) ||
      OPENING_BEFORE.test(before)
    if (!cued) return null
  }
  if (mayBeQuantityAfter(after) && QUANTITY_AFTER.test(after)) return null
  return { iso: m[1]!, relative: false, bareYear: true }
}

/**
 * Whether QUANTITY_AFTER can match: after its white space comes a character that one of its
 * nouns starts with ("2019 году", "in 2019," and "2019 the" rule it out without the regex).
 */
function mayBeQuantityAfter(after: string): boolean {
  let i = 0
  while (i < after.length && isSpaceCode(after.charCodeAt(i))) i++
  return i < after.length && MAY_START_QUANTITY(after.charCodeAt(i))
}

/** Relative expressions, resolved against a reference date (today, last month, two years ago). */
export const RELATIVE_RULES: readonly {
  script?: Script
  /** What every match contains: the rule runs only near it. */
  cue: Cue
  re: RegExp
  /** `text` is the whole searched text (`m.index` is an offset into it). */
  make: (
    m: RegExpExecArray,
    ref: RefDate,
    text: string,
  ) => { y: number; m?: number | null; d?: number | null } | null
}[] = [
  {
    cue: { words: ['today', 'сегодня', 'бүгін'] },
    re: /(?<![\p{L}])(today|сегодня|бүгін)(?![\p{L}])/giu,
    make: (m, r, text) => {
      // "Kazakhstan Today", "USA Today" are names: a capital is a date only at a sentence start.
      const capital = m[1]![0] !== m[1]![0]!.toLowerCase()
      if (
        capital &&
        !/(?:^|[.!?:\n])\s*[«"“]?$/u.test(text.slice(Math.max(0, m.index - 4), m.index))
      )
        return null
      return r.d ? { y: r.y, m: r.m, d: r.d } : null
    },
  },
  {
    cue: { words: ['yesterday', 'вчера', 'кеше'] },
    re: /(?<![\p{L}])(yesterday|вчера|кеше)(?![\p{L}])/giu,
    make: (_m, r) => shiftDays(r, -1),
  },
  {
    cue: { words: ['позавчера', 'yesterday'] },
    re: /(?<![\p{L}])(позавчера|the\s+day\s+before\s+yesterday)(?![\p{L}])/giu,
    make: (_m, r) => shiftDays(r, -2),
  },
  {
    cue: { words: WEEKDAYS.map(([w]) => w) },
    re: /(?<![\p{L}])(?:(?:on|last|this\s+past)\s+|во?\s+(?:минувш(?:ий|ую|ее)|прошл(?:ый|ую|ое)|эт(?:от|у|о))?\s*)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![\p{L}])/giu,
    make: (m, r) => lastWeekday(r, weekdayNumber(m[1]!)!),
  },
  {
    cue: { words: ['жұма', 'сенбі'] },
    // өткен сенбіде · жұмада · өткен дүйсенбі күні
    re: /(?<![\p{L}])(?:өткен\s+)?(дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)(?:\s+күні|да|де)(?![\p{L}])/giu,
    make: (m, r) => lastWeekday(r, weekdayNumber(m[1]!)!),
  },
  {
    cue: { words: ['year', 'этом', 'этого', 'текущ', 'нынешн', 'биыл', 'осы', 'ағымдағы'] },
    re: /(?<![\p{L}])(?:this\s+year|earlier\s+this\s+year|в\s+(?:этом|текущем|нынешнем)\s+году|(?:весной|летом|осенью|зимой|в\s+конце|в\s+середине|до\s+конца)\s+(?:этого|текущего|нынешнего)\s+года|(?:с\s+начала|в\s+начале)\s+(?:этого|текущего)\s+года|биыл\p{L}*|осы\s+жыл\p{L}*|ағымдағы\s+жыл\p{L}*)(?![\p{L}])/giu,
    make: (_m, r) => ({ y: r.y }),
  },
  {
    cue: { words: ['year', 'прошл', 'минувш', 'былтыр', 'өткен'] },
    re: /(?<![\p{L}])(?:last\s+year|в\s+(?:прошлом|минувшем)\s+году|(?:весной|летом|осенью|зимой|в\s+начале|в\s+конце|в\s+середине|до\s+конца)\s+(?:прошлого|минувшего)\s+года|былтыр\p{L}*|өткен\s+жыл\p{L}*)(?![\p{L}])/giu,
    make: (_m, r) => ({ y: r.y - 1 }),
  },
  {
    cue: {
      words: ['spring', 'summer', 'autumn', 'fall', 'winter'].concat([
        'прошл',
        'минувш',
        'прошедш',
        'былтыр',
        'өткен',
      ]),
    },
    // last autumn · прошлой осенью · прошлым летом · былтыр күзде: the season's year, as the gold
    // gives "осенью 2025 года" and "the summer of 2012" their year.
    re: /(?<![\p{L}])(?:(?:last|this\s+past)\s+(?:spring|summer|autumn|fall|winter)|прошл(?:ой|ым)\s+(?:весной|летом|осенью|зимой)|(?:минувшей|прошедшей)\s+(?:весной|осенью|зимой)|былтыр(?:ғы)?\s+(?:көктем|жаз|күз|қыс)\p{L}*|өткен\s+(?:көктем|жаз|күз|қыс)\p{L}*)(?![\p{L}])/giu,
    make: (_m, r) => ({ y: r.y - 1 }),
  },
  {
    cue: { words: ['month', 'месяце', 'өткен'] },
    re: /(?<![\p{L}])(?:last\s+month|в\s+(?:прошлом|минувшем)\s+месяце|өткен\s+ай\p{L}*)(?![\p{L}])/giu,
    make: (_m, r) => (r.m ? shiftMonths(r, -1) : null),
  },
  {
    cue: { words: ['next'] },
    // English only: "в следующем году", "келесі жылы" also mean "the following year" in a story.
    re: /(?<![\p{L}]|the\s)(?:next\s+year)(?![\p{L}])/giu,
    make: (_m, r) => ({ y: r.y + 1 }),
  },
  {
    cue: { words: ['next'] },
    re: /(?<![\p{L}]|the\s)(?:next\s+month)(?![\p{L}])/giu,
    make: (_m, r) => (r.m ? shiftMonths(r, 1) : null),
  },
  {
    cue: { words: ['month', 'месяце', 'осы'] },
    re: /(?<![\p{L}])(?:this\s+month|в\s+(?:этом|текущем)\s+месяце|осы\s+ай\p{L}*)(?![\p{L}])/giu,
    make: (_m, r) => (r.m ? { y: r.y, m: r.m } : null),
  },
  {
    cue: { words: ['week', 'неделе', 'аптада'] },
    re: /(?<![\p{L}])(?:last\s+week|на\s+(?:прошлой|минувшей)\s+неделе|өткен\s+аптада)(?![\p{L}])/giu,
    make: (_m, r) => {
      const d = shiftDays(r, -7)
      return d ? { y: d.y, m: d.m } : null
    },
  },
  {
    cue: { words: ['ago'] },
    re: /(?<![\p{L}])(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(years?|decades?|months?)\s+ago(?![\p{L}])/giu,
    script: 'latin',
    make: (m, r) => ago(r, m[1]!, m[2]!),
  },
  {
    cue: { words: ['назад'] },
    re: /(?<![\p{L}])(\d{1,2}|год|один|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s*(года|лет|год|месяц\p{L}*)?\s+назад(?![\p{L}])/giu,
    script: 'cyrillic',
    make: (m, r) => ago(r, m[1]!, m[2] ?? 'год'),
  },
  {
    cue: { words: ['бұрын'] },
    re: /(?<![\p{L}])(\d{1,2}|бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он)\s+(жыл|ай)\s+(?:бұрын|бұрынғы)(?![\p{L}])/giu,
    script: 'kazakh',
    make: (m, r) => ago(r, m[1]!, m[2]!),
  },
]

function ago(r: RefDate, count: string, unit: string): { y: number; m?: number | null } | null {
  const n = /^\d+$/.test(count) ? Number(count) : (NUMBER_WORDS[count.toLowerCase()] ?? null)
  if (n === null) return null
  const u = unit.toLowerCase()
  if (/^(?:decade)/.test(u)) return { y: r.y - 10 * n }
  if (/^(?:month|месяц|ай)/.test(u)) return r.m ? shiftMonths(r, -n) : null
  return { y: r.y - n }
}

function shiftDays(r: RefDate, days: number): { y: number; m: number; d: number } | null {
  if (!r.m || !r.d) return null
  const t = new Date(Date.UTC(r.y, r.m - 1, r.d + days))
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

function shiftMonths(r: RefDate, months: number): { y: number; m: number } {
  const k = r.y * 12 + (r.m ?? 1) - 1 + months
  return { y: Math.floor(k / 12), m: (k % 12) + 1 }
}

/** The most recent given weekday on or before the reference day (Monday = 1). */
function lastWeekday(r: RefDate, weekday: number): { y: number; m: number; d: number } | null {
  if (!r.m || !r.d) return null
  const refDow = ((new Date(Date.UTC(r.y, r.m - 1, r.d)).getUTCDay() + 6) % 7) + 1
  return shiftDays(r, -((refDow - weekday + 7) % 7))
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (longer strings are cut); `null` when not a date. */
export function parseRefDate(s: string | null | undefined): RefDate | null {
  const m = ISO_PREFIX.exec(s ?? '')
  if (!m) return null
  return { y: Number(m[1]), m: num(m[2]), d: num(m[3]) }
}
