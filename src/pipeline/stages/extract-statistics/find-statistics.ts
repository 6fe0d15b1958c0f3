/**
 * Recognises aggregate figures in document content, sentence by sentence: a number followed by
 * a counted noun ("1,429 criminal cases", "789 фактов", "240 есірткі қылмысы"), percentages and
 * changes ("fell by 15.2%"), inline series ("4,165 in 1990; 4,984 in 1991"), elliptical list
 * items ("158 for abuse of office"), comparisons ("from 116,101 to 98,454 cases") and aggregate
 * money sums ("damage exceeded 1.1 bn tenge"). Each figure gets a period from the sentence
 * (explicit year, span, or a relative period resolved against the reference date), or from the
 * previous figure's sentence when the text goes on about the same period.
 *
 * @module pipeline/stages/extract-statistics/find-statistics
 */
import type { Lang } from '#core/lang.ts'
import type { Span } from '#core/span.ts'
import {
  AGGREGATE_CUE_HINT_RE,
  type AGGREGATE_CUE_RE,
  COUNT_NOUNS,
  type CountNoun,
  DECREASE_RE,
  DURATION_RE,
  LEGAL_NUMBER_RE,
  LEGAL_SUFFIX_RE,
  MODIFIER_RE,
  MONTH_RE,
  NUMBER_WORDS,
  ONE_IN,
  ONE_IN_RE,
  PERCENT_RE,
  SCALES,
  SINGLE_CASE_RE,
} from './statistics-data.ts'

/** A money amount the money stage found (only what this module reads). */
export interface MoneySpan extends Span {
  readonly amount: number | null
  readonly currency: string
}

/** One recognised figure. */
export interface StatHit extends Span {
  readonly value: number
  readonly period: string | null
  readonly label: string
  readonly unit: string
  readonly text: string
}

/** Inputs of {@link findStatistics}. */
export interface FindStatisticsInput {
  readonly content: string
  readonly sentences: readonly Span[]
  readonly lang: Lang
  /** `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `null`. */
  readonly referenceDate: string | null
  readonly money?: readonly MoneySpan[]
  /** Spans to skip (headlines: their figures are restated in the body). */
  readonly skip?: readonly Span[]
  /**
   * Mentions of the suspects, convicts and victims of the story: a sentence about one of them
   * tells a single case ("Ivanov deceived 87 people"), not a statistic.
   */
  readonly caseParties?: readonly Span[]
}

// The first alternative reads "10, 914 in 1997", a typo of a thousands separator seen in series.
const NUM_RE =
  /(?<![\p{L}\p{N}.,]|\p{L}-)(\d{1,3}, \d{3}(?=\s+in\s+(?:19|20)\d{2}\b)|\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d+(?:[.,]\d+)*)/gu
const NOUN_WORD_RE = /[\p{L}][\p{L}\p{M}'’-]*/gu
const STOP_NOUN_SEARCH = /[.,;:()!?\n"«»“”]|\d/u
const MONEY_CUE_RE =
  /damage|loss|total|reclaim|return|recover|compensat|confiscat|seiz|launder|block|frozen|froze|average|salary|estimate|ущерб|урон|возвращ|вернул|вернуть|возмещ|конфиск|отмыв|изъят|заблок|в среднем|всего|общ|залал|шығын|қайтар|тәркіл|export/iu
const APPROX_RE =
  /(?:about|around|approximately|nearly|almost|roughly|some|около|порядка|примерно|почти|приблизительно|шамамен|жуық|шамасында)\s*$/iu
const MORE_RE =
  /(?:more than|over|above|exceeding|in excess of|более|свыше|больше|более чем|астам|артық)\s*$/iu
const UPTO_RE = /(?:up to|до)\s*$/iu
// "выросла до 68,5%", "снизилось на 12% — до 311": the level a change reached.
const CHANGED_TO_RE =
  /(?:вырос|выросл|снизил|сократил|увеличил|уменьшил|возрос|упал|достиг)\p{L}*\s+до\s*$|[—–]\s*до\s*$/iu
const FROM_TO_BEFORE_RE =
  /(?:from|(?<!\p{L})с|(?<!\p{L})со|(?<!\p{L})от)\s+\d[\d,.\s\u00a0]*(?:\p{L}+\s+)?(?:to|до)\s*$/iu
const LEAST_RE = /(?:at least|не менее|кем дегенде)\s*$/iu
// Every match of ONE_IN_RE contains it (same flags).
const ONE_IN_HINT_RE = /one in |кажд|әрбір/iu
const KK_MORE_AFTER = /^-?(?:дан|ден|тан|тен|нан|нен)\s+(?:астам|артық)/iu

interface Period {
  readonly period: string | null
  /** True when the sentence itself states a period (carry it to the next sentences). */
  readonly stated: boolean
  /** True when the period is an explicit year of the sentence (it applies clause by clause). */
  readonly fromYear?: boolean
  /** A reporting period (relative, or "6 months of 2022") that later sentences go on about. */
  readonly reporting?: boolean
  /** Where an open period ("since 2023") stands in the sentence. */
  readonly open?: number
  /** The period is a month ("in January 2022"): as often the date of one event. */
  readonly month?: boolean
  /** The period is "last year" itself: a "last year" next to a figure shifts nothing. */
  readonly lastYear?: boolean
}

// Read by position only (matchesAtWordStart), so the branches can be regrouped.
const AGGREGATE_CUE_HINT_G = new RegExp(
  /[()[\]]/u.test(AGGREGATE_CUE_HINT_RE.source)
    ? AGGREGATE_CUE_HINT_RE.source
    : byFirstLetter(AGGREGATE_CUE_HINT_RE.source.split('|')),
  'giu',
)

/**
 * An alternation of plain words (no groups or classes) regrouped by first letter:
 * "registered|recorded|in total" → "r(?:egistered|ecorded)|i(?:n total)". It matches at the
 * same positions (which branch matches may differ; callers read positions only), and the
 * engine picks the few branches of one letter instead of trying all of them at every position.
 * For flags with `i`: letters are grouped by their lower case.
 */
export function byFirstLetter(words: readonly string[]): string {
  const groups = new Map<string, string[]>()
  for (const w of words) {
    const first = w.charAt(0).toLowerCase()
    const group = groups.get(first) ?? []
    group.push(w.slice(1))
    groups.set(first, group)
  }
  return [...groups].map(([first, rests]) => `${first}(?:${rests.join('|')})`).join('|')
}

/**
 * The top-level alternatives of a regex source (split outside groups and classes), to scan
 * them in groups that the engine runs faster.
 */
function topAlternatives(src: string): string[] | null {
  const out: string[] = []
  let depth = 0
  let current = ''
  let escaped = false
  let inClass = false
  for (const ch of src) {
    current += ch
    if (escaped) escaped = false
    else if (ch === '\\') escaped = true
    else if (inClass) inClass = ch !== ']'
    else if (ch === '[') inClass = true
    else if (ch === '(') depth++
    else if (ch === ')') {
      if (--depth < 0) return null
    } else if (ch === '|' && depth === 0) {
      out.push(current.slice(0, -1))
      current = ''
    }
  }
  out.push(current)
  return out
}

// A big alternation with an assertion ahead of most branches (\b, (?<!\p{L})) is tried branch
// by branch at every position: the stage's hot spot. splitTester runs such a regex as three
// scans: branches led by \b, led by (?<!\p{L}), and the rest; the first two scan without their
// leading assertion and check it only where a branch matches. Same answer as `re.test`.
const WORD_LED = '\\b'
const LETTER_LED = '(?<!\\p{L})'
// A word-led branch must go on with a letter ("\\bthe", "\\b(?:one|a single)"): \b before a
// word character means no word character before it. Other branches keep their assertion.
const isWordLed = (a: string) => /^\\b(?:[a-z]|\(\?:[a-z]+(?:\|[a-z]+(?: [a-z]+)*)*\))/iu.test(a)
const isLetterLed = (a: string) => a.startsWith(LETTER_LED)
/** An alternation of `branches`, or `null` when there are none (no scan to run). */
const alternation = (branches: readonly string[], flags: string) =>
  branches.length > 0 ? new RegExp(branches.join('|'), flags) : null
/** `/\w/iu` on one code unit: \w as \b sees it under /iu (which adds ſ and the Kelvin sign). */
function isWordCharIu(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 0x17f ||
    c === 0x212a
  )
}

/** The top-level branches of a regex source, an outer (?:...) unwrapped. */
function branchesOf(src: string): string[] {
  const top = topAlternatives(src)
  // Unwraps an outer (?:...); anything unexpected keeps the whole regex as one group.
  return (
    (top !== null && top.length > 1
      ? top
      : src.startsWith('(?:') && src.endsWith(')')
        ? topAlternatives(src.slice(3, -1))
        : null) ?? [src]
  )
}

// Back-references and named groups change meaning (or fail) once branches of several regexes
// are joined into one.
const GROUP_REFERENCE = /\\[1-9k]|\(\?<[\p{L}_$]/u

/**
 * A tester with the answer of `res.some((re) => re.test(s))` (flags `iu`, no `g`/`y`/`m`),
 * faster; see above. The branches of all the regexes share the three scans, so testing several
 * regexes costs about as much as testing one.
 */
export function splitTester(...res: readonly RegExp[]): (s: string) => boolean {
  if (
    res.some((re) => re.flags !== 'iu') ||
    (res.length > 1 && res.some((re) => GROUP_REFERENCE.test(re.source)))
  )
    return (s) => res.some((re) => re.test(s))
  const branches = res.flatMap((re) => branchesOf(re.source))
  const wordLed = alternation(
    branches.filter(isWordLed).map((a) => a.slice(WORD_LED.length)),
    'giu',
  )
  const letterLed = alternation(
    branches.filter(isLetterLed).map((a) => a.slice(LETTER_LED.length)),
    'giu',
  )
  const other = alternation(
    branches.filter((a) => !isWordLed(a) && !isLetterLed(a)),
    'iu',
  )
  return (s) => {
    if (other?.test(s)) return true
    if (wordLed) {
      wordLed.lastIndex = 0
      for (let m = wordLed.exec(s); m !== null; m = wordLed.exec(s)) {
        if (m.index === 0 || !isWordCharIu(s.charCodeAt(m.index - 1))) return true
        // Every position up to the end of this word follows a word character: go past it.
        let next = m.index + 1
        while (next < s.length && isWordCharIu(s.charCodeAt(next - 1))) next++
        wordLed.lastIndex = next
      }
    }
    return letterLed !== null && matchesAtWordStart(letterLed, s)
  }
}

/**
 * {@link AGGREGATE_CUE_RE}.test, the same answer in one fast pass: every alternative of it is a
 * hint alternative behind the same `(?<!\p{L})`, so it matches iff the hint matches at some
 * position not preceded by a letter.
 */
function aggregateCue(s: string): boolean {
  return matchesAtWordStart(AGGREGATE_CUE_HINT_G, s)
}

/** Finds aggregate figures. Linear in the text length; never throws on odd text. */
export function findStatistics(input: FindStatisticsInput): StatHit[] {
  const first = scan(input, false)
  // A page that is mostly figures (a statistics release) counts people and things without
  // repeating the cue words in every sentence.
  if (first.length >= 6 && first.length >= input.sentences.length) return scan(input, true)
  return first
}

const isAsciiDigit = (code: number) => code >= 48 && code <= 57
/** `/^:\d/u.test(text)` without a regex. */
const startsColonDigit = (text: string) =>
  text.charCodeAt(0) === 58 && isAsciiDigit(text.charCodeAt(1))
/** `/\d:$/u.test(text)` without a regex. */
const endsDigitColon = (text: string) =>
  text.charCodeAt(text.length - 1) === 58 && isAsciiDigit(text.charCodeAt(text.length - 2))

function scan(input: FindStatisticsInput, dense: boolean): StatHit[] {
  return new Scanner(input, dense).run()
}

/** The last counted noun of a sentence, for list items that leave it out. */
interface LastNoun {
  readonly noun: CountNoun
  readonly end: number
}

const NO_PERIOD: Period = { period: null, stated: false }

/**
 * One pass over a document's sentences. What carries from sentence to sentence, and the
 * sentence at hand, are fields; each step is a method of its own. (One function of 350 lines
 * took TurboFan two seconds of CPU to compile, twice after a deopt, and tsx named every helper
 * made inside it, once per sentence.)
 */
class Scanner {
  readonly content: string
  readonly lang: Lang
  readonly dense: boolean
  readonly refYear: number | null
  readonly refMonth: string | null
  readonly money: readonly MoneySpan[]
  readonly parties: readonly Span[]
  readonly skip: readonly Span[] | undefined
  readonly sentences: readonly Span[]
  readonly out: StatHit[] = []
  readonly seen = new Set<string>()
  // The period of the previous figures goes on when it is a reporting period ("in 9 months of
  // this year", "over the last three years") or the sentence points back ("in these cases").
  // Within one paragraph any stated period goes on.
  carried: string | null = null
  carriedAge = 99
  carriable = false
  // The year a summing-up lead names ("итоги 2025 года", "2025 жылдың қорытындысы").
  summaryYear: string | null = null
  // Paragraph breaks are checked only in the gap since the previous sentence (linear time).
  lastEnd = 0
  samePara = false
  // An operation or one suspect's deeds, told over several sentences of a paragraph, stay a
  // single case until the paragraph ends or a sentence states its own period.
  singleContext = false
  // The sentence at hand.
  start = 0
  end = 0
  s = ''
  forPeriod = ''
  hasYear = false
  cues: readonly YearCue[] = []
  base: Period = NO_PERIOD
  aboutParty = false
  sentenceMoney: readonly MoneySpan[] = []
  hits: StatHit[] = []
  candidates: readonly Candidate[] = []
  lastNoun: LastNoun | null = null
  /** The last counted noun of the previous sentence with figures. */
  prevNoun: CountNoun | null = null
  skipUntil = -1
  // Computed on first use, at most once per sentence: most numbers are rejected before these
  // cues matter.
  anaphoraMemo: boolean | undefined
  aggregateMemo: boolean | undefined
  singleMemo: boolean | undefined
  /** `false` once PRONOUN_SUBJECT_RE is known not to match the sentence. */
  pronounMemo: false | undefined
  haulMemo: boolean | undefined
  /** The first comparison base of the sentence ("compared with 2024"), if any. */
  compareBase: YearCue | null = null
  /** Set by periodAt: the period is a year stated right after the figure ("47.8% in 2023"). */
  explicitYear = false
  /** Per number, see {@link Scanner.comparison}. */
  comparisonMemo: boolean | undefined
  /** Per sentence, see {@link Scanner.clauseYear}: `null` when it names no two relative years. */
  relativeYears: readonly { index: number; year: string }[] | null | undefined

  constructor(input: FindStatisticsInput, dense: boolean) {
    this.content = input.content
    this.lang = input.lang
    this.dense = dense
    this.refYear = input.referenceDate ? Number(input.referenceDate.slice(0, 4)) : null
    this.refMonth =
      input.referenceDate && input.referenceDate.length >= 7
        ? input.referenceDate.slice(0, 7)
        : null
    // Sorted by start, to find a sentence's spans by binary search.
    this.money = [...(input.money ?? [])].sort((a, b) => a.start - b.start)
    this.parties = [...(input.caseParties ?? [])].sort((a, b) => a.start - b.start)
    this.skip = input.skip
    this.sentences = input.sentences
  }

  run(): StatHit[] {
    for (const sentence of this.sentences) {
      // Per-number work looks at its sentence: a run-on "sentence" (a table dump, hostile
      // input) is read in windows so that the work stays linear in the text length.
      if (sentence.end - sentence.start <= MAX_SENTENCE) this.visit(sentence)
      else for (const w of sentenceWindows(this.content, sentence)) this.visit(w)
    }
    // A figure restated without its period ("Damage exceeded 1.1 bn" in a lead) is the same
    // figure.
    const out = this.out
    const dated = new Set(out.filter((h) => h.period !== null).map((h) => `${h.value}|${h.unit}`))
    return out
      .filter((h) => h.period !== null || !dated.has(`${h.value}|${h.unit}`))
      .sort((a, b) => a.start - b.start)
  }

  visit(sentence: Span): void {
    if (this.skip) {
      for (const k of this.skip) {
        if (k.start <= sentence.start && sentence.end <= k.end) {
          this.readHeadline(sentence)
          return
        }
      }
    }
    const s = this.content.slice(sentence.start, sentence.end)
    // Most sentences state no figure: skip them cheaply (they still age the carried period).
    const hasDigit = /\d/u.test(s)
    // Tested once per sentence; numberCandidates reads it again.
    const hasWords = matchesAtWordStart(NUMBER_WORD_HINTS[this.lang], s)
    if (!hasDigit && !hasWords) {
      this.carriedAge++
      return
    }
    this.readSentence(sentence, s, hasWords)
  }

  /**
   * A headline's figures are restated in the body, so none is read from it; but a headline that
   * sums up one year ("Police sum up the results of 2024", "Итоги 2024 года", "2024 жылдың
   * қорытындысы") frames the release: its year is the period of the body's figures that state
   * none, as a lead's would be.
   */
  readHeadline(sentence: Span): void {
    const s = this.content.slice(sentence.start, sentence.end)
    if (!HAS_YEAR_RE.test(s) || !LEAD_RE.test(s)) return
    const cues = yearCues(s, OPEN_RE.exec(s))
    // One year only: "2024 vs 2023" in a headline frames nothing.
    if (cues.length !== 1 || !/^\d{4}$/u.test(cues[0]!.year)) return
    const year = cues[0]!.year
    if (SUMMARY_RE.test(s)) this.summaryYear = year
    this.carried = year
    this.carriedAge = 0
    this.carriable = true
  }

  /**
   * "Last year the figure was 3,200, and in the first nine months of this year police registered
   * 2,150": a sentence of relative periods only that names both last year and this year dates each
   * figure by the nearest of them before it. `null` for any other sentence or figure.
   */
  clauseYear(rel: number): string | null {
    const { base, refYear } = this
    if (refYear === null || !base.stated || base.fromYear || this.hasYear) return null
    if (this.relativeYears === undefined)
      this.relativeYears = relativeYears(this.forPeriod, refYear)
    let year: string | null = null
    for (const r of this.relativeYears ?? []) if (r.index < rel) year = r.year
    return year
  }

  /** Whether a case party is mentioned inside the sentence (binary search, not a scan). */
  hasPartyIn(sentence: Span): boolean {
    const parties = this.parties
    for (let i = firstStartingAt(parties, sentence.start); i < parties.length; i++) {
      const p = parties[i]!
      // A mention that starts after the sentence's end cannot end inside it.
      if (p.start > sentence.end) break
      if (p.end <= sentence.end) return true
    }
    return false
  }

  /** The amounts inside the sentence, in text order. */
  moneyIn(sentence: Span): MoneySpan[] {
    const money = this.money
    const out: MoneySpan[] = []
    for (let i = firstStartingAt(money, sentence.start); i < money.length; i++) {
      const m = money[i]!
      if (m.start > sentence.end) break
      if (m.end <= sentence.end) out.push(m)
    }
    return out
  }

  /** ANAPHORA_RE on the sentence, tested at most once per sentence. */
  anaphora(): boolean {
    this.anaphoraMemo ??= anaphoraTest(this.s)
    return this.anaphoraMemo
  }

  carrying(): boolean {
    return this.carriedAge <= 2 && (this.carriable || this.samePara || this.anaphora())
  }

  isAggregate(): boolean {
    this.aggregateMemo ??=
      (this.base.stated && !this.base.month) || this.carrying() || aggregateCue(this.forPeriod)
    return this.aggregateMemo
  }

  /** ARREST_RE and SEIZE_RE both in the sentence, tested at most once per sentence. */
  oneHaul(): boolean {
    this.haulMemo ??= ARREST_RE.test(this.s) && SEIZE_RE.test(this.s) && !TOTAL_RE.test(this.s)
    return this.haulMemo
  }

  /**
   * The answer of a tester that includes PRONOUN_SUBJECT_RE (read by isSingle and again after
   * the figures): when it is false, so is that regex on the sentence, not tested again.
   */
  ruledOutPronoun(found: boolean): boolean {
    if (!found) this.pronounMemo = false
    return found
  }

  isSingle(): boolean {
    this.singleMemo ??=
      this.singleContext ||
      this.aboutParty ||
      // SINGLE_CASE_RE, ONE_RAID_RE and ONE_ACTOR_RE in one tester (one set of scans), with
      // PRONOUN_SUBJECT_RE unless it was tested already.
      (this.pronounMemo === undefined
        ? this.ruledOutPronoun(singleOrPronoun(this.s))
        : singleCase(this.s) || this.pronounMemo)
    return this.singleMemo
  }

  periodAt(pos: number, after = '', compared = false): string | null {
    const { s, base, cues, forPeriod, refYear } = this
    const rel = pos - this.start
    const series = nearestYear(s, rel)
    this.explicitYear = series !== undefined
    if (series !== undefined) return series
    // A relative year named in the figure's own clause dates it, as a stated year would.
    const clause = this.clauseYear(rel)
    this.explicitYear = clause !== null
    if (clause !== null) return clause
    // "up one point since 2023": a change from that year to the current one.
    const since = SINCE_AFTER_RE.exec(after)?.[1]
    if (since) {
      const current =
        (this.carrying() ? this.carried : null) ?? (refYear === null ? null : String(refYear))
      return current && /^\d{4}$/u.test(current) && current > since ? `${since}/${current}` : null
    }
    if (base.stated && base.period?.includes('/')) return base.period
    // "compared with 51 in the same period of 2024": a comparison figure takes the year after it.
    const y = compared
      ? (cueYearAfterInClause(forPeriod, cues, rel) ?? cueYearBefore(cues, rel, forPeriod))
      : (cueYearBefore(cues, rel, forPeriod) ?? cueYearAfterInClause(forPeriod, cues, rel))
    if (y !== undefined) return y
    // Years stated elsewhere in the sentence belong to another clause.
    if (base.fromYear) return this.carrying() ? this.carried : null
    // An open period ("since 2023") in another clause (after ";") does not apply here.
    if (base.open && !sameClause(s, rel, base.open)) return this.carrying() ? this.carried : null
    if (base.stated) return base.period
    return this.carrying() ? this.carried : null
  }

  readSentence(sentence: Span, s: string, hasWords: boolean): void {
    this.start = sentence.start
    this.end = sentence.end
    this.s = s
    // Dates such as "October 14 of this year" anchor an event, not a period of figures.
    const forPeriod = DATE_PHRASE_HINT_RE.test(s)
      ? s.replace(DATE_PHRASE_RE, (m) => ' '.repeat(m.length))
      : s
    this.forPeriod = forPeriod
    // OPEN_RE and PUBLICATION_RE name a year too: without one they are not run.
    this.hasYear = HAS_YEAR_RE.test(forPeriod)
    const open = this.hasYear ? OPEN_RE.exec(forPeriod) : null
    const bases: YearCue[] = []
    this.cues = this.hasYear ? yearCues(forPeriod, open, bases) : []
    this.compareBase = bases[0] ?? null
    this.anaphoraMemo = undefined
    this.relativeYears = undefined
    const paragraphBreak = /\n[ \t]*\n/u.test(this.content.slice(this.lastEnd, sentence.start))
    this.lastEnd = sentence.end
    if (paragraphBreak) this.samePara = false
    this.base = sentencePeriod(
      forPeriod,
      this.cues,
      this.refYear,
      this.refMonth,
      this.hasYear,
      open,
      this.summaryYear,
      // carrying() without its anaphora test: that regex is left to the sentences that need it.
      this.carriedAge <= 2 && (this.carriable || this.samePara) ? this.carried : null,
    )
    this.aggregateMemo = undefined
    this.singleMemo = undefined
    this.pronounMemo = undefined
    this.haulMemo = undefined
    if (paragraphBreak || this.base.stated) this.singleContext = false
    this.aboutParty = this.hasPartyIn(sentence)
    this.sentenceMoney = this.moneyIn(sentence)
    this.hits = []
    this.readMoney()
    // Numbers written with digits, and number words.
    // A sentence with more numbers than any prose sentence has is a table or hostile input:
    // its first numbers are read, the rest left, so that the work per character stays bounded.
    const candidates = numberCandidates(s, this.lang, hasWords)
    this.candidates =
      candidates.length > MAX_NUMBERS_PER_SENTENCE
        ? candidates.slice(0, MAX_NUMBERS_PER_SENTENCE)
        : candidates
    this.lastNoun = null
    this.skipUntil = -1
    for (const c of this.candidates) this.readNumber(c)
    this.readOneIn()
    this.finishSentence()
  }

  /**
   * Aggregate money sums. A sum is a statistic when it aggregates over a period or a population
   * ("damage this year exceeded 552 million"), not when it is the damage of one case.
   */
  readMoney(): void {
    const { s, base, sentenceMoney } = this
    if (
      sentenceMoney.length > 0 &&
      // The cue first, isSingle last: it runs several regexes over the whole sentence.
      MONEY_CUE_RE.test(s) &&
      // "The total damage is estimated at 7.8 bn": an estimate with no period is one case's.
      (base.stated || this.carrying() || (!ESTIMATE_RE.test(s) && MONEY_TOTAL_RE.test(s))) &&
      !this.isSingle()
    ) {
      for (const m of sentenceMoney) {
        if (m.amount === null || m.amount <= 0) continue
        const before = s.slice(Math.max(0, m.start - this.start - 40), m.start - this.start)
        this.hits.push({
          start: m.start,
          end: m.end,
          value: m.amount,
          label: `${clauseLabel(s, m.start - this.start)}${qualifier(before)}`,
          unit: m.currency,
          text: this.content.slice(m.start, m.end),
          period: this.periodAt(m.start),
        })
      }
    }
  }

  /** isComparison(before) of the number at hand, computed at most once. */
  comparison(before: string): boolean {
    this.comparisonMemo ??= isComparison(before)
    return this.comparisonMemo
  }

  /** The candidate number that starts at `pos` of the sentence, if any. */
  candidateAt(pos: number): Candidate | undefined {
    for (const c of this.candidates) if (c.start === pos) return c
    return undefined
  }

  /** Reads one number of the sentence: a figure, or nothing. */
  readNumber(c: Candidate): void {
    const { s, base, hits, lang, dense } = this
    if (c.start < this.skipUntil) return
    // Years are the most frequent numbers: a year not followed by a lower-case word or "%"
    // is a date or a period, and is dropped before any other test.
    if (c.isYear && !/^\s*(?:%|\p{Ll})/u.test(s.slice(c.end, c.end + 3))) return
    const absStart = this.start + c.start
    const absEnd = this.start + c.end
    for (const m of this.sentenceMoney) if (m.start < absEnd && absStart < m.end) return
    const before = s.slice(Math.max(0, c.start - 32), c.start)
    let after = s.slice(c.end, Math.min(s.length, c.end + 120))
    // The tests below only reject. The ones anchored at the start of `after` run first: a
    // regex anchored at the end of `before` is tried at every position of it.
    // A time ("10:30"), a duration or age ("5 years"), an article number ("190-бабы"), a day
    // date ("14 March", "March 14").
    if (startsColonDigit(after) || endsDigitColon(before)) return
    if (DURATION_RE.test(after) || LEGAL_SUFFIX_RE.test(after)) return
    if (monthAfter(after) || monthWordBefore(before)) return
    // "100 мың тұрғынға шаққанда 95 қылмыс": the denominator of a Kazakh rate.
    if (KK_PER_RE.test(after)) return
    // "citizen A.K., 40, wanted for ..." is an age; "per 100,000 people" a denominator.
    if (!c.word && /^\s*,/u.test(after) && /[\p{L}.],\s*$/u.test(before)) return
    // "a chat with 957 members", "группа из 8 человек": the size of one body.
    if (SIZE_AFTER_RE.test(after) && SIZE_BEFORE_RE.test(before)) return
    // "95 на 100 тысяч населения": the denominator of a rate is not a figure of its own.
    if (POPULATION_AFTER_RE.test(after) && /(?<!\p{L})на\s*$/iu.test(before)) return
    // The last letter before the number rules out most of the regexes below at once.
    const last = lastNonSpace(before)
    if (LEGAL_NUMBER_RE.test(before)) return
    if (AGED_LAST_RE.test(last) && /\baged?\s*$|возрасте\s*$/iu.test(before)) return
    if (PER_LAST_RE.test(last) && /(?<!\p{L})(?:per|на каждые)\s*$/iu.test(before)) return
    let value = c.value
    let scaleLen = 0
    for (const sc of SCALES) {
      const m = sc.re.exec(after)
      if (m) {
        value *= sc.factor
        scaleLen = m[0].length
        break
      }
    }
    after = after.slice(scaleLen)
    const pct = PERCENT_RE.exec(after)
    if (c.isYear && !pct && scaleLen === 0) {
      // A bare year is a period, unless a counted noun follows at once ("2000 complaints").
      if (!/^\s+\p{Ll}/u.test(after) || !nounAt(after, 1)) return
    }
    if (/(?<!\p{L})(?:other|остальн\p{L}*|қалған)\s*$/iu.test(before)) {
      const n = nounAt(after, 4)
      if (n) this.lastNoun = { noun: n, end: c.end }
      return
    }
    if (pct) {
      if (this.isSingle()) return
      const signed = isDecrease(before, after.slice(pct[0].length)) ? -value : value
      hits.push({
        start: absStart,
        end: absEnd + scaleLen + pct[0].length,
        value: round(signed),
        label: `${clauseLabel(s, c.start)}${qualifierOf(before, after)}`,
        unit: 'percent',
        text: s.slice(c.start, c.end + scaleLen + pct[0].length),
        period: base.lastYear
          ? this.periodAt(absStart, after.slice(pct[0].length))
          : previousIfEarlier(
              this.periodAt(absStart, after.slice(pct[0].length)),
              after.slice(pct[0].length),
              before,
              this.explicitYear,
            ),
      })
      return
    }
    // "from X to Y cases" / "X to Y individuals".
    const toNext = /^\s*(?:to|до|по|–|—|-)\s*/u.exec(after)
    const ofNext = /^\s*(?:of|из)\s+(?:its|the|their|them|all)?\s*/iu.exec(after)
    let nounText = after
    let rangeNote = ''
    let partOf = false
    // Computed where needed (a few regexes anchored at the end of `before`).
    this.comparisonMemo = undefined
    if (toNext) {
      const next = this.candidateAt(c.end + scaleLen + toNext[0].length)
      if (next) {
        nounText = s.slice(next.end, Math.min(s.length, next.end + 120))
        if (DURATION_RE.test(nounText)) return
        if (!this.comparison(before)) {
          rangeNote = ` (${c.text} to ${next.text})`
          this.skipUntil = next.end
        }
      }
    } else if (ofNext) {
      // "seven of its 28 recommendations": a part of a stated whole.
      const next = this.candidateAt(c.end + scaleLen + ofNext[0].length)
      if (next) {
        nounText = s.slice(next.end, Math.min(s.length, next.end + 120))
        partOf = true
      }
    }
    // Series: "4,165 in 1990; 4,984 in 1991".
    const seriesYear = /^\s*in\s+((?:19|20)\d{2})\b/u.exec(after)?.[1]
    let noun = nounAt(nounText, lang === 'en' ? 6 : 4, lang !== 'ru')
    // A rate: "68 crimes per 100,000 people", "95 на 100 тыс. населения".
    const rate = RATE_AFTER_RE.exec(after)
    if (rate && !noun)
      noun = { stem: '', unit: `per ${rate[1]!.trim()} population`, strength: 'strong' }
    if (!noun && seriesYear) noun = headerNoun(s.slice(0, c.start))
    const lastNoun = this.lastNoun
    if (!noun && lastNoun && c.start - lastNoun.end < 120 && isListItem(before, after))
      noun = lastNoun.noun
    if (!noun && SCORED_RE.test(before)) noun = POINTS
    // The rest looks for a noun stated elsewhere: only for a number without one.
    let predicate = false
    if (!noun) {
      // "The total prison population in 1996 was 76,000."
      predicate = isPredicate(before, after)
      // "cases falling from 31,128 to 25,990": the noun stands before the comparison.
      // "... in Almaty city (1,446), Karaganda (1,279)": a breakdown of the sentence's noun.
      // Kazakh "231-ден 198-ге дейін": from 231 to 198.
      if (
        this.comparison(before) ||
        isParenthesised(before, after) ||
        AGAINST_NEXT_RE.test(after) ||
        predicate ||
        isKkFromTo(before, after)
      )
        noun = headerNoun(s.slice(0, c.start), lang === 'kk')
    }
    // "..., а в прошлом году — 377": the same measure a year before; "оның 870-і": a part of
    // the figure before, in Kazakh.
    if (!noun && lastNoun && hits.length > 0 && (earlierBefore(before) || KK_PART_RE.test(after))) {
      noun = lastNoun.noun
    }
    // "27,415 fraud cases, of which 19,602 were online": a part of the figure before.
    if (!noun && lastNoun && hits.length > 0 && PART_OF_BEFORE_RE.test(before)) {
      noun = lastNoun.noun
    }
    // "Годом ранее их было 15 933": the counted noun of the sentence before.
    if (
      !noun &&
      this.prevNoun &&
      hits.length === 0 &&
      (THEY_NUMBERED_RE.test(before) ||
        (PERIOD_DASH_BEFORE_RE.test(before) && /^\s*(?:[.;]|$)/u.test(after)) ||
        // "Bribery accounted for 96 of them.": a part of the figures of the sentence before.
        PART_OF_PREVIOUS_AFTER_RE.test(after))
    ) {
      noun = this.prevNoun
    }
    // "..., а в 2023 году — 16 701": the same measure in another year.
    if (!noun && lastNoun && hits.length > 0 && YEAR_DASH_BEFORE_RE.test(before)) {
      noun = lastNoun.noun
    }
    // "уровень преступности на 100 тыс. населения составил 512": a rate.
    if (!noun && predicate && RATE_IN_SENTENCE_RE.test(s)) {
      noun = { stem: '', unit: 'per 100,000 population', strength: 'strong' }
    }
    if (!noun) return
    this.lastNoun = { noun, end: c.end }
    // In a list that already gave figures ("447 HIV cases, ... and 1,400 other diagnoses") the
    // weak nouns are part of the same count.
    const inList = hits.length > 0 && /(?:,|;|\band|\bи|және|а также|as well as)\s*$/iu.test(before)
    if (noun.strength === 'weak' && !seriesYear && !dense && !inList && !this.isAggregate()) return
    // Weights are counted per seizure; only a period makes them an aggregate.
    // A month ("в сентябре 2025 года изъято 120 кг") dates one seizure as often as a period.
    if (
      (noun.unit === 'kg' || noun.unit === 'tons') &&
      !(base.stated && !base.month) &&
      !this.carrying()
    )
      return
    if (this.isSingle()) return
    // "detained 3 suspects and seized 2 kg": the few people and things of one arrest.
    if (noun.strength === 'weak' && noun.unit !== 'tons' && value < 10 && !dense && this.oneHaul())
      return
    if (c.word && !partOf && !dense && !this.isAggregate()) return
    // "one case" is a statistic only where the sentence itself states its period.
    if (
      c.word &&
      c.value === 1 &&
      !base.stated &&
      !(this.carrying() && qualifierOf(before, after)) &&
      !this.comparison(before) &&
      !SINCE_AFTER_RE.test(nounText)
    )
      return
    const own = seriesYear ?? this.periodAt(absStart, nounText, this.comparison(before))
    const explicit = seriesYear !== undefined || this.explicitYear
    const period = base.lastYear ? own : previousIfEarlier(own, after, before, explicit)
    hits.push({
      start: absStart,
      end: absEnd + scaleLen,
      // "down two points": a change of a score is signed.
      value: round(noun.unit === 'points' && POINTS_DOWN_RE.test(before) ? -value : value),
      label: `${nounPhrase(nounText)}${qualifierOf(before, after)}${rangeNote}`,
      unit: noun.unit,
      text: s.slice(c.start, c.end + scaleLen),
      period: this.baseInBrackets(c.start, before)
        ? this.compareBase!.year
        : !explicit && isChangeStart(s, before, after)
          ? // "declined to 204, from 230 a year earlier": the phrase dates the start already.
            period !== own
            ? period
            : yearBefore(own)
          : period,
    })
  }

  /** The sentence's own year is earlier than the release period that is being carried. */
  looksBack(): boolean {
    const { carried } = this
    const period = this.base.period
    return (
      this.carriable &&
      carried !== null &&
      period !== null &&
      period.length === 4 &&
      carried.length === 4 &&
      period < carried &&
      this.carrying()
    )
  }

  /**
   * "14,6 пайызға аз (717 қылмыс)" after "2024 жылмен салыстырғанда": a figure in brackets after
   * a comparison base is the base year's figure.
   */
  baseInBrackets(pos: number, before: string): boolean {
    const b = this.compareBase
    return b !== null && b.index < pos && /\(\s*$/u.test(before)
  }

  /** "one in four": a share. */
  readOneIn(): void {
    const s = this.s
    // The literal first: a leading \\b makes the regex try every position.
    const onePer = ONE_IN_HINT_RE.test(s) ? ONE_IN_RE.exec(s) : null
    if (onePer && !this.isSingle()) {
      const d = ONE_IN[onePer[1]!.toLowerCase()] ?? 0
      if (d > 0) {
        this.hits.push({
          start: this.start + onePer.index,
          end: this.start + onePer.index + onePer[0].length,
          value: round(100 / d),
          label: `${clauseLabel(s, onePer.index)} (${onePer[0]})`,
          unit: 'percent',
          text: onePer[0],
          period: this.periodAt(this.start + onePer.index),
        })
      }
    }
  }

  /** Keeps the sentence's new figures and updates what carries to the next sentences. */
  finishSentence(): void {
    const { s, base, cues, forPeriod, hits, out, seen } = this
    // No figure kept before this sentence: its year, stated ahead of its figures, leads the page.
    const firstFigures = out.length === 0
    // (Already a single case: nothing to test.)
    if (
      !this.singleContext &&
      (this.aboutParty ||
        // OPERATION_RE and PRONOUN_SUBJECT_RE in one tester, unless the latter was tested.
        (this.pronounMemo === undefined
          ? this.ruledOutPronoun(operationOrPronoun(s))
          : OPERATION_RE.test(s) || this.pronounMemo))
    ) {
      this.singleContext = true
    }
    if (hits.length > 0 && this.lastNoun) this.prevNoun = this.lastNoun.noun
    for (const h of hits) {
      // A count restated elsewhere is one figure whatever its noun; a percentage is one only
      // when it measures the same thing (two different shares can both be 25%).
      const key =
        h.unit === 'percent'
          ? `${h.value}|${h.period ?? ''}|%|${h.label}`
          : `${h.value}|${h.period ?? ''}|${/^[A-Z]{3}$/u.test(h.unit) ? h.unit : '#'}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(h)
    }
    // A year stated in a later clause ("..., although in 1995 the rate slowed to 16%") is that
    // clause's period; only a period stated ahead of the figures frames what follows.
    const firstHit = hits.reduce(
      (m, h) => Math.min(m, h.start - this.start),
      Number.POSITIVE_INFINITY,
    )
    const framing =
      !base.fromYear ||
      base.reporting === true ||
      (cues[0]?.index ?? 0) < firstHit ||
      cueYearAfterInClause(forPeriod, cues, firstHit) !== undefined
    const publication = hits.length === 0 && this.hasYear ? PUBLICATION_RE.exec(forPeriod) : null
    if (hits.length === 0 && publication) {
      // "A 2024 index compiled by ..." frames the scores in the next sentences.
      this.carried = publication[1] ?? null
      this.carriedAge = 0
      this.carriable = true
    } else if (
      hits.length === 0 &&
      base.stated &&
      base.period !== null &&
      !base.lastYear &&
      (cues[0] === undefined || cues[0].index < 40 || SUMMARY_RE.test(forPeriod)) &&
      LEAD_RE.test(forPeriod) &&
      !this.isSingle()
    ) {
      // A lead that frames the release ("В 2025 году в области зарегистрировано снижение
      // преступности", "2025 жылдың қорытындысы бойынша") gives its period to the figures of
      // the next sentences, even across paragraph breaks.
      if (SUMMARY_RE.test(forPeriod) && /^\d{4}$/u.test(base.period)) this.summaryYear = base.period
      this.carried = base.period
      this.carriedAge = 0
      this.carriable = true
    } else if (hits.length > 0 && base.stated && this.looksBack()) {
      // "2023 жылы бұл көрсеткіш 2,7 тонна болған" in a release of 2025: a look back at an
      // earlier year; the release's period goes on.
      this.carriedAge = 0
    } else if (hits.length > 0 && base.stated && !framing) {
      this.carriedAge = 99
    } else if (hits.length > 0 && base.stated) {
      // A sentence that restates the release's period ("годом ранее" against it) keeps it going.
      const sameRelease = this.carriable && base.period === this.carried && this.carrying()
      // "fell from 96 in 2023 to 71 in 2024": the later year is the one the text goes on about.
      this.carried =
        (base.fromYear && cues.length >= 2 ? changeToYear(forPeriod) : null) ?? base.period
      this.carriedAge = 0
      // A year that opens a sentence of registered figures ("В 2025 году в области
      // зарегистрировано ...", "In 2024, police recorded ...") frames the release: its period
      // goes on across paragraph breaks, as one-sentence paragraphs are the rule there.
      this.carriable =
        base.reporting === true ||
        sameRelease ||
        (cues[0] !== undefined &&
          (cues[0].index < 40 || (firstFigures && cues[0].index < firstHit)) &&
          !base.month &&
          (LEAD_RE.test(forPeriod) || aggregateCue(forPeriod)) &&
          !this.isSingle())
      this.samePara = true
    } else if (hits.length > 0 && this.carrying()) {
      this.carriedAge = 0
      this.samePara = true
    } else {
      this.carriedAge++
    }
  }
}

interface Candidate {
  readonly start: number
  readonly end: number
  readonly value: number
  readonly text: string
  readonly isYear: boolean
  readonly word: boolean
}

/** `/^(?:19|20)\d{2}$/u.test(text)` without a regex. */
function isYearText(text: string): boolean {
  if (text.length !== 4) return false
  const a = text.charCodeAt(0)
  const b = text.charCodeAt(1)
  return (
    ((a === 49 && b === 57) || (a === 50 && b === 48)) &&
    isAsciiDigit(text.charCodeAt(2)) &&
    isAsciiDigit(text.charCodeAt(3))
  )
}

/**
 * The number words of each language as maps: a plain object also answers "constructor" (a
 * word of English text) with a function, which was then read as a number.
 */
const WORD_VALUES: Readonly<Record<Lang, ReadonlyMap<string, number>>> = {
  en: new Map(Object.entries(NUMBER_WORDS.en)),
  ru: new Map(Object.entries(NUMBER_WORDS.ru)),
  kk: new Map(Object.entries(NUMBER_WORDS.kk)),
}

/** Words of a sentence, for number words (numberCandidates only: it resets lastIndex). */
const WORD_SCAN_RE = new RegExp(NOUN_WORD_RE.source, 'gu')

// `(?<!\p{L})a\s+(?:hundred|thousand)`, read by matchesAtWordStart: a leading look-behind
// would be tried at every position of the sentence.
const A_HUNDRED_G = /a\s+(?:hundred|thousand)/giu

function numberCandidates(s: string, lang: Lang, hasWords: boolean): Candidate[] {
  const out: Candidate[] = []
  NUM_RE.lastIndex = 0
  for (let m = NUM_RE.exec(s); m !== null; m = NUM_RE.exec(s)) {
    const text = m[1]!
    const value = parseWritten(text, lang)
    if (value === null) continue
    out.push({
      start: m.index,
      end: m.index + text.length,
      value,
      text,
      isYear: isYearText(text),
      word: false,
    })
  }
  const words = WORD_VALUES[lang]
  // The matches of a global regex come in text order: no sort needed.
  if (!hasWords && !(lang === 'en' && matchesAtWordStart(A_HUNDRED_G, s))) return out
  const re = WORD_SCAN_RE
  re.lastIndex = 0
  let skipTo = 0
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m.index < skipTo) continue
    const lower = m[0].toLowerCase()
    if (lower === 'a' && lang === 'en') {
      // "a hundred and thirty", "a thousand"
      const ca = /^a\s+((?:hundred|thousand)(?:\s+(?:and\s+)?[a-z]+(?:-[a-z]+)?)*)/iu.exec(
        s.slice(m.index, m.index + 80),
      )
      const inner = ca ? COMPOUND_RE.exec(`one ${ca[1]}`) : null
      if (ca && inner) {
        const end = m.index + 2 + inner[0].length - 4
        out.push({
          start: m.index,
          end,
          value: compoundValue(inner[0]),
          text: s.slice(m.index, end),
          isYear: false,
          word: true,
        })
        skipTo = end
      }
      continue
    }
    const v = words.get(lower)
    if (v === undefined) continue
    // "six hundred", "one hundred and twenty thousand"
    const compound = lang === 'en' ? COMPOUND_RE.exec(s.slice(m.index, m.index + 80)) : null
    if (compound && /\s(?:hundred|thousand|million)/iu.test(compound[0])) {
      const value = compoundValue(compound[0])
      const end = m.index + compound[0].length
      out.push({ start: m.index, end, value, text: compound[0], isYear: false, word: true })
      skipTo = end
      continue
    }
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value: v,
      text: m[0],
      isYear: false,
      word: true,
    })
  }
  return out.sort((a, b) => a.start - b.start)
}

/** Any number word of a language (a quick test before the word-by-word scan). */
const NUMBER_WORD_RES: Readonly<Record<Lang, RegExp>> = {
  en: wordAlternation(Object.keys(NUMBER_WORDS.en), ['hundred', 'thousand']),
  ru: wordAlternation(Object.keys(NUMBER_WORDS.ru), []),
  kk: wordAlternation(Object.keys(NUMBER_WORDS.kk), []),
}

/**
 * {@link NUMBER_WORD_RES} without the leading look-behind, global: scanned by
 * {@link matchesAtWordStart}, which checks the look-behind only where a word matches (a leading
 * look-behind is otherwise tried at every position of the sentence).
 */
const NUMBER_WORD_HINTS: Readonly<Record<Lang, RegExp>> = {
  en: dropLeadingLookBehind(NUMBER_WORD_RES.en),
  ru: dropLeadingLookBehind(NUMBER_WORD_RES.ru),
  kk: dropLeadingLookBehind(NUMBER_WORD_RES.kk),
}

function dropLeadingLookBehind(re: RegExp): RegExp {
  return new RegExp(re.source.replace(/^\(\?<!\\p\{L\}\)/u, ''), `g${re.flags}`)
}

const LETTER_END_RE = /\p{L}$/u

/** `(?<!\p{L})(?:HINT)`.test(s), given the global HINT: one scan, the look-behind checked per match. */
function matchesAtWordStart(hint: RegExp, s: string): boolean {
  hint.lastIndex = 0
  for (let m = hint.exec(s); m !== null; m = hint.exec(s)) {
    if (!letterBefore(s, m.index)) return true
    // A match inside a word is refused, and so would be any other before the word's end: the
    // next try starts at the first position not preceded by a letter.
    let next = m.index + 1
    while (next < s.length && letterBefore(s, next)) next++
    hint.lastIndex = next
  }
  return false
}

/**
 * Whether a letter ends just before `at`: `/\p{L}$/u` on the two code units before it. ASCII
 * and the Cyrillic block, nearly every character here, are answered without slicing or a regex
 * (in U+0400–U+04FF only U+0482–U+0489, a sign and combining marks, are not letters).
 */
function letterBefore(s: string, at: number): boolean {
  if (at <= 0) return false
  const c = s.charCodeAt(at - 1)
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  if (c >= 0x400 && c <= 0x4ff) return c < 0x482 || c > 0x489
  return LETTER_END_RE.test(s.slice(Math.max(0, at - 2), at))
}

function wordAlternation(words: readonly string[], extra: readonly string[]): RegExp {
  const all = [...words, ...extra].sort((a, b) => b.length - a.length)
  return new RegExp(`(?<!\\p{L})(?:${byFirstLetter(all)})(?!\\p{L})`, 'iu')
}

const EN_SMALL =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety'
const COMPOUND_RE = new RegExp(
  `^(?:${EN_SMALL})(?:-(?:${EN_SMALL}))?(?:\\s+(?:and\\s+)?(?:${EN_SMALL}|hundred|thousand|million)(?:-(?:${EN_SMALL}))?)*`,
  'iu',
)

function compoundValue(text: string): number {
  let total = 0
  let current = 0
  for (const raw of text.toLowerCase().split(/[\s-]+/u)) {
    if (raw === 'and') continue
    if (raw === 'hundred') current = (current || 1) * 100
    else if (raw === 'thousand') {
      total += (current || 1) * 1000
      current = 0
    } else if (raw === 'million') {
      total += (current || 1) * 1e6
      current = 0
    } else current += NUMBER_WORDS.en[raw] ?? 0
  }
  return total + current
}

/** Whether `text` from `from` to `to` is one or more ASCII digits. */
function allAsciiDigits(text: string, from: number, to: number): boolean {
  if (to <= from) return false
  for (let i = from; i < to; i++) if (!isAsciiDigit(text.charCodeAt(i))) return false
  return true
}

/** Parses digits as written in news ("1,499", "1 200", "10,5", "15.2"); `null` when odd. */
export function parseWritten(text: string, lang: Lang): number | null {
  // Read with character tests, not regexes: this runs for every number of the text. The rules,
  // in order, on the text without spaces: /^\d{1,3}(?:,\d{3})+$/ (thousands commas),
  // /^\d{1,3}(?:\.\d{3}){2,}$/ (thousands dots), /^\d+,\d+$/ (a decimal comma, or a thousands
  // comma in English), /^\d+(?:\.\d+)?$/.
  if (allAsciiDigits(text, 0, text.length)) return Number(text)
  const t = text.includes(' ') || text.includes('\u00a0') ? text.replace(/[ \u00a0]/gu, '') : text
  if (isGrouped(t, 44, 1)) return Number(t.replace(/,/gu, ''))
  if (isGrouped(t, 46, 2)) return Number(t.replace(/\./gu, ''))
  const comma = t.indexOf(',')
  if (comma > 0 && allAsciiDigits(t, 0, comma) && allAsciiDigits(t, comma + 1, t.length))
    return lang === 'en' ? Number(t.replace(',', '')) : Number(t.replace(',', '.'))
  const dot = t.indexOf('.')
  if (dot < 0) return allAsciiDigits(t, 0, t.length) ? Number(t) : null
  return dot > 0 && allAsciiDigits(t, 0, dot) && allAsciiDigits(t, dot + 1, t.length)
    ? Number(t)
    : null
}

/** `/^\d{1,3}(?:SEP\d{3}){minGroups,}$/u.test(t)`, SEP the character with code `sep`. */
function isGrouped(t: string, sep: number, minGroups: number): boolean {
  let lead = 0
  while (lead < t.length && isAsciiDigit(t.charCodeAt(lead))) lead++
  if (lead < 1 || lead > 3) return false
  let groups = 0
  let i = lead
  for (; i + 4 <= t.length; i += 4) {
    if (t.charCodeAt(i) !== sep || !allAsciiDigits(t, i + 1, i + 4)) return false
    groups++
  }
  return i === t.length && groups >= minGroups
}

const DECREASE_BY_RE = new RegExp(
  `(?:${DECREASE_RE.source})\\p{L}*\\s+(?:by|на)\\s+(?:about|around|nearly|almost|почти|около)?\\s*$`,
  'iu',
)
const DECREASE_OF_RE =
  /(?:decrease|decline|fall|drop|reduction|снижени\p{L}*|сокращени\p{L}*|уменьшени\p{L}*|төмендеу\p{L}*)\s+(?:of|на|by|was|amounted to|составил[оа]?|составляет)\s+(?:about|around|nearly|около|почти)?\s*$|(?:\bdown|минус)\s+(?:by\s+)?$/iu
const DECREASE_AFTER_RE =
  /^-?(?:ға|ге|қа|ке)?\s*(?:fall|decrease|decline|drop|reduction|lower|less|fewer|снижени|сокращени|уменьшени|меньше|ниже|кем|аз|төмен|қысқар)/iu

/**
 * A change is signed negative when the text says it is a decrease of that size ("fell by 15.2%",
 * "a 4.1% decrease", "down two points", "на 10% меньше"). A level ("fell to 60%") and a bare
 * "declined 68 percent" keep their sign, as the gold annotations do.
 */
function isDecrease(before: string, after: string): boolean {
  const b = before.slice(-40)
  return DECREASE_BY_RE.test(b) || DECREASE_OF_RE.test(b) || DECREASE_AFTER_RE.test(after)
}

const MAX_SENTENCE = 1500
const MAX_NUMBERS_PER_SENTENCE = 60

/** The windows of a sentence longer than MAX_SENTENCE, cut at spaces where possible. */
function sentenceWindows(content: string, s: Span): Span[] {
  const out: Span[] = []
  let start = s.start
  while (start < s.end) {
    let end = Math.min(s.end, start + MAX_SENTENCE)
    if (end < s.end) {
      const space = content.lastIndexOf(' ', end)
      if (space > start + MAX_SENTENCE / 2) end = space
    }
    out.push({ start, end })
    start = end
  }
  return out
}

/** The index of the first span of `spans` (sorted by start) that starts at or after `pos`. */
function firstStartingAt(spans: readonly Span[], pos: number): number {
  let lo = 0
  let hi = spans.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (spans[mid]!.start < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

const LETTER_RE = /^\p{L}$/u
// MONTH_RE without its `^`, sticky: run where the spaces after a number end.
const MONTH_AT = new RegExp(MONTH_RE.source.replace(/^\^/u, ''), `${MONTH_RE.flags}y`)

/** `MONTH_RE.test(after.trimStart())` without the trimmed copy. */
function monthAfter(after: string): boolean {
  let i = 0
  while (i < after.length && isJsSpace(after.charCodeAt(i))) i++
  MONTH_AT.lastIndex = i
  return MONTH_AT.test(after)
}

/** `/^\p{L}$/u.test(s.slice(from, to))`; one code unit of ASCII or Cyrillic needs no regex. */
function isLetterSlice(s: string, from: number, to: number): boolean {
  if (to - from === 1) {
    const c = s.charCodeAt(from)
    if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    if (c >= 0x400 && c <= 0x4ff) return c < 0x482 || c > 0x489
  }
  return LETTER_RE.test(s.slice(from, to))
}

/**
 * Whether `before` ends with a month word: `/(?:^|\s)\p{L}{3,}\.?\s*$/u` holds and its last
 * word matches MONTH_RE. Read backwards from the end (the regexes, anchored at `$`, were tried
 * at every position).
 */
function monthWordBefore(before: string): boolean {
  let end = before.length
  while (end > 0 && isJsSpace(before.charCodeAt(end - 1))) end--
  if (end > 0 && before.charAt(end - 1) === '.') end--
  let start = end
  let letters = 0
  while (start > 0) {
    const low = before.charCodeAt(start - 1)
    const pair =
      start >= 2 &&
      low >= 0xdc00 &&
      low <= 0xdfff &&
      before.charCodeAt(start - 2) >= 0xd800 &&
      before.charCodeAt(start - 2) <= 0xdbff
    const width = pair ? 2 : 1
    if (!isLetterSlice(before, start - width, start)) break
    start -= width
    letters++
  }
  if (letters < 3 || (start > 0 && !isJsSpace(before.charCodeAt(start - 1)))) return false
  return MONTH_RE.test(before.slice(start, end))
}

/** The counted noun among the first `maxWords` words of `after`, if any. */
const NOUN_SCAN_RE = new RegExp(NOUN_WORD_RE.source, 'gu')

function nounAt(after: string, maxWords: number, headFinal = true): CountNoun | null {
  const stop = after.search(STOP_NOUN_SEARCH)
  const window = stop >= 0 ? after.slice(0, stop) : after
  let n = 0
  const re = NOUN_SCAN_RE
  re.lastIndex = 0
  let found: CountNoun | null = null
  for (let m = re.exec(window); m !== null && n < maxWords; m = re.exec(window)) {
    n++
    // A word starts with a letter (NOUN_WORD_RE): no leading hyphen to strip.
    const w = m[0].toLowerCase()
    if (MODIFIER_RE.test(w)) continue
    // "интернет-сайтов": the head is the last part of a hyphenated compound.
    const hyphen = w.lastIndexOf('-')
    const noun = matchNoun(w) ?? (hyphen < 0 ? null : matchNoun(w.slice(hyphen + 1)))
    if (noun) {
      // Head-final compounds ("crime groups", "drug laboratories"): a counted noun right after
      // another one is the head.
      found = noun
      if (!headFinal) return found
      continue
    }
    if (found) return found
  }
  return found
}

// Counted nouns indexed by their first letter, so that a word is compared with few stems.
const NOUNS_BY_INITIAL = new Map<string, CountNoun[]>()
for (const n of COUNT_NOUNS) {
  const list = NOUNS_BY_INITIAL.get(n.stem.charAt(0)) ?? []
  list.push(n)
  NOUNS_BY_INITIAL.set(n.stem.charAt(0), list)
}

function matchNoun(word: string): CountNoun | null {
  let best: CountNoun | null = null
  for (const n of NOUNS_BY_INITIAL.get(word.charAt(0)) ?? []) {
    if (word.startsWith(n.stem) && (best === null || n.stem.length > best.stem.length)) best = n
  }
  // Short stems must not swallow unrelated words ("ton" in "tone", "call" in "called").
  if (best && best.stem.length <= 4 && word.length > best.stem.length + 4) return null
  return best
}

/** The counted noun of a series header ("Drug Related Crimes in Kazakhstan: 1990-2006:"). */
function headerNoun(whole: string, last = false): CountNoun | null {
  const head = whole.length > 300 ? whole.slice(-300) : whole
  // A full stop ends a sentence only before a space: "8.3%" is a decimal point.
  const lastStop = Math.max(head.lastIndexOf(';'), head.lastIndexOf('. '))
  const words =
    head
      .slice(lastStop + 1)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []
  // Kazakh puts the head noun last ("Адам өлтіру фактілері"): take the last counted noun there.
  let found: CountNoun | null = null
  for (const w of words) {
    const n = matchNoun(w)
    if (n && !MODIFIER_RE.test(w)) {
      if (!last) return n
      found = n
    }
  }
  return found
}

function isListItem(before: string, after: string): boolean {
  return (
    /^\s*(?:for|in|at|from|on|по|в|на|за|из|–|—)\s/iu.test(after) ||
    /^-?(?:ден|дан|тен|тан|нан|нен)\b/iu.test(after) ||
    /(?:,|\band|\bи|және|–|—|another|with|including|в том числе|из них|оның ішінде)\s*$/iu.test(
      before,
    )
  )
}

/**
 * The last character of `text` that is not a space (one code unit), or ''. A regex of the form
 * `(?:words)\s*$` can match only where it is the last letter of one of its words: the *_LAST_RE
 * classes below list those letters, under the same flags (so with the same case folding).
 */
function lastNonSpace(text: string): string {
  let i = text.length
  while (i > 0 && isJsSpace(text.charCodeAt(i - 1))) i--
  return i > 0 ? text.charAt(i - 1) : ''
}

/** Last letters of isComparison's words: from, с, от, against, with, to, против, до. */
const COMPARISON_LAST_RE = /^[mthoстов]$/iu
/** Last letters of "aged", "age", "возрасте". */
const AGED_LAST_RE = /^[deе]$/iu
/** Last letters of "per", "на каждые". */
const PER_LAST_RE = /^[rе]$/iu

/** "from 5 to", "compared with", "против", "со" before a number: it is compared, not counted. */
function isComparison(before: string): boolean {
  // Every branch below ends in one of these letters before the trailing spaces.
  if (!COMPARISON_LAST_RE.test(lastNonSpace(before))) return false
  return (
    /(?:from|с|со|от|against|compared with|compared to|против|по сравнению с|в сравнении с)\s*$/iu.test(
      before,
    ) ||
    /(?:percent|%|процент\p{L}*|пайыз\p{L}*)\s+(?:to|до)\s*$/iu.test(before) ||
    // "from 230 cases to 204", "со 112 случаев до 97": the counted noun may stand in between.
    /(?:from|с|со|от)\s+(?:[\d,.\s\u00a0]+(?:\p{L}+\s+)?|\p{L}+\s+)(?:to|до)\s*$/iu.test(before)
  )
}

/** "was 76,000.", "составил 512", "19 400-ге жетті": a number stated as a level. */
function isPredicate(before: string, after: string): boolean {
  return (
    (/^\s*(?:[.;,(]|$|(?:from|с|от|against|против)\s+\d)/u.test(after) &&
      (PREDICATE_RE.test(before) || CHANGE_TO_RE.test(before))) ||
    KK_LEVEL_AFTER_RE.test(after) ||
    KK_WAS_AFTER_RE.test(after)
  )
}

// "rose by 6.2%, to 12,334", "снизилось на 12%, до 1 008": the level a change reached.
const CHANGE_TO_RE =
  /(?:fell|rose|dropped|decreased|increased|declined|grew|climbed|снизил\p{L}*|сократил\p{L}*|уменьшил\p{L}*|вырос\p{L}*|увеличил\p{L}*)\s+(?:by|на)\s+(?:[^.;]|\.\d){1,30}[,—–-]\s*(?:to|до)\s*$/iu
// A verb of change in the sentence: its "from A to B" compares two periods.
const CHANGE_VERB_RE =
  /(?:fell|rose|dropped|decreased|increased|declined|grew|climbed|went (?:up|down)|снизил|сократил|уменьшил|вырос|увеличил|возрос|упал|төмендеді|төмендеп|азайды|азайып|өсті|өсіп|артты|артып|кеміді|қысқарды|қысқарып|ұлғайды|ұлғайып|көбейді|көбейіп)/iu

/**
 * The figure a change started from: "fell to 702 from 781", "снизилось на 12% — с 1 146 до
 * 1 008", "231-ден 198-ге дейін азайды". It is of the period before the sentence's.
 */
function isChangeStart(s: string, before: string, after: string): boolean {
  // "from", "с" and "от" end in one of these letters: most numbers are ruled out without a regex.
  const fromEnd = 'mMсСтТоО'.includes(lastNonSpace(before))
  const shape =
    (fromEnd &&
      // "from 230 cases to 204 cases", "со 112 случаев до 97": a noun may follow the first.
      ((/^\s*(?:\p{L}+\s+)?(?:to|до)\s+\d/iu.test(after) &&
        /(?:from|(?<!\p{L})с|(?<!\p{L})со|(?<!\p{L})от)\s*$/iu.test(before)) ||
        /(?:to|до)\s+\d[\d\s\u00a0.,]*\s+(?:\p{L}+\s+)?(?:from|с|со|от)\s*$/iu.test(before))) ||
    /^-?(?:ден|дан|тен|тан|нен|нан)\s+\d[\d\s]*-?(?:ге|ға|ке|қа)\s+дейін/u.test(after)
  return shape && CHANGE_VERB_RE.test(s)
}

// A change between two stated years: "from 96 in 2023 to 71 in 2024", "со 142 в 2023 году до
// 118 в 2024 году", "2023 жылғы 96-дан 2024 жылы 71-ге дейін". The group is the later year.
const CHANGE_TO_YEAR_RE =
  /(?:from|(?<!\p{L})с|(?<!\p{L})со|(?<!\p{L})от)\s+\d[\d\s\u00a0.,]{0,20}(?:\p{L}+\s+){0,2}(?:in|в)\s+(?:19|20)\d{2}(?:\s*(?:году|г\.))?,?\s+(?:to|до)\s+\d[\d\s\u00a0.,]{0,20}(?:\p{L}+\s+){0,2}(?:in|в)\s+((?:19|20)\d{2})(?!\d)|(?:19|20)\d{2}\s*жылғы\s+\d[\d\s]{0,12}-?(?:ден|дан|тен|тан|нен|нан)\s+((?:19|20)\d{2})\s*жылы/iu

/** The later year of a change between two stated years, or `null`. */
function changeToYear(s: string): string | null {
  const m = CHANGE_TO_YEAR_RE.exec(s)
  return m ? (m[1] ?? m[2] ?? null) : null
}

/** The year before a `YYYY` period; other periods as they are. */
function yearBefore(period: string | null): string | null {
  return period !== null && /^\d{4}$/u.test(period) ? String(Number(period) - 1) : period
}

// "190 против 245", "190 against 245": the first of two figures compared.
const AGAINST_NEXT_RE = /^\s*(?:против|against|versus|vs\.?)\s+\d/iu
const isParenthesised = (before: string, after: string) =>
  /\(\s*$/u.test(before) && /^\s*\)/u.test(after)

const isKkFromTo = (before: string, after: string) =>
  KK_FROM_TO_RE.test(after) || /\d-?(?:ден|дан|тен|тан|нен|нан)\s+$/u.test(before)

/** The qualifier of a number from the words around it ("more than", "about", "-дан астам"). */
function qualifierOf(before: string, after: string): string {
  return qualifier(before) || (KK_MORE_AFTER.test(after) ? ' (more than)' : '')
}

function qualifier(before: string): string {
  if (moreBefore(before)) return ' (more than)'
  if (approxBefore(before)) return ' (about)'
  if (leastBefore(before)) return ' (at least)'
  // "с 31 до 24", "from 230 cases to 204": the end of a change, not a bound.
  if (uptoBefore(before) && !FROM_TO_BEFORE_RE.test(before) && !CHANGED_TO_RE.test(before))
    return ' (up to)'
  return ''
}

// `(?:word|word …)\s*$` with plain words (letters and spaces): a match is one of the words
// right before the trailing white space, so only that tail needs trying.
const PLAIN_WORDS_AT_END = /^\(\?:([\p{L} ]+(?:\|[\p{L} ]+)*)\)\\s\*\$$/u

/**
 * `re.test(s)` for a regex `(?:words)\s*$` (see PLAIN_WORDS_AT_END; anything else is tested
 * as it is), tried on the tail of `s` only: the engine would try every position of `s`.
 * Case folding under `iu` keeps the length of these words, so a match is no longer than the
 * longest of them; no word ends in white space, so it ends where the trailing white space starts.
 */
export function tailTester(re: RegExp): (s: string) => boolean {
  const words = PLAIN_WORDS_AT_END.exec(re.source)?.[1]?.split('|')
  if (!words || words.some((w) => w.endsWith(' ')) || /[gmy]/u.test(re.flags))
    return (s) => re.test(s)
  const longest = Math.max(...words.map((w) => w.length))
  return (s) => {
    let end = s.length
    while (end > 0 && isJsSpace(s.charCodeAt(end - 1))) end--
    return re.test(end > longest ? s.slice(end - longest) : s)
  }
}
const moreBefore = tailTester(MORE_RE)
const approxBefore = tailTester(APPROX_RE)
const leastBefore = tailTester(LEAST_RE)
const uptoBefore = tailTester(UPTO_RE)

/** The words after a number, to the end of the clause (at most 8). */
function nounPhrase(after: string): string {
  const stop = after.search(/[.;:()!?\n,]/u)
  return joinWords(after, 0, stop >= 0 ? stop : after.length, 8, Number.POSITIVE_INFINITY)
}

/** The clause around a position, trimmed to 100 characters. */
function clauseLabel(s: string, pos: number): string {
  const left = Math.max(s.lastIndexOf(',', pos - 1), s.lastIndexOf(';', pos - 1), -1) + 1
  const rightComma = s.indexOf(',', pos)
  const right = rightComma < 0 ? s.length : rightComma
  return joinWords(s, left, right, Number.POSITIVE_INFINITY, 100)
}

/**
 * The words (runs of non-space) of `s` from `from` to `to`, at most `maxWords` of them, joined
 * by single spaces and cut to `maxChars`: what `.trim().split(/\s+/u)` and
 * `.replace(/\s+/gu, ' ').trim()` give, without a regex call per word.
 */
function joinWords(
  s: string,
  from: number,
  to: number,
  maxWords: number,
  maxChars: number,
): string {
  let out = ''
  let words = 0
  let i = from
  while (i < to && words < maxWords && out.length < maxChars) {
    while (i < to && isJsSpace(s.charCodeAt(i))) i++
    if (i >= to) break
    let j = i
    while (j < to && !isJsSpace(s.charCodeAt(j))) j++
    out = words === 0 ? s.slice(i, j) : `${out} ${s.slice(i, j)}`
    words++
    i = j
  }
  return out.length > maxChars ? out.slice(0, maxChars) : out
}

/** `/\s/u` (WhiteSpace and LineTerminator, the set `trim` removes) on one UTF-16 code unit. */
function isJsSpace(c: number): boolean {
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

const REPORTING_RE =
  /(?:(?<!\d)\d+|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\s+of|(?:first|second)\s+half\s+of|from january to|с января по|январ\p{L}*\s*[-–]\s*\p{L}+|қаңтар\s*[-–]\s*\p{L}+|айлар|\bH[12]\s|\bH[12]\s|quarter|за\s+\d+\s+месяц|полугоди|квартал|тоқсан|айында|айдың/iu
// Its \b-led branch made the engine try every branch at every position: split, 4x faster.
const reportingTest = splitTester(REPORTING_RE)
const KK_PART_RE = /^-(?:і|ы|сы|сі|ін|ын|нің|ның)(?!\p{L})/u
const RATE_IN_SENTENCE_RE =
  /(?:на|per)\s+(?:каждые\s+)?(?:100|10)[\s\u00a0,.]*(?:000|тыс\p{L}*\.?|thousand)|(?:100|10)\s+мың\s+(?:тұрғын|адам)/iu
const KK_PER_RE = /^\s*(?:мың\s+)?(?:тұрғын|адам|халық)\p{L}*\s+шаққанда/iu
const SIZE_BEFORE_RE = /(?:\bwith|(?<!\p{L})с|(?<!\p{L})из|consisting of)\s*$/iu
const SIZE_AFTER_RE =
  /^\s*(?:участник|член|подписчик|человек|members?|participants?|subscribers?|followers?|people\b|мүше)/iu
// Words of a statistics lead: a summing-up or a registering verb.
const LEAD_RE =
  /по итогам|итоги|results|қорытынды|зарегистр|регистрир|recorded|registered|тіркел|статистик|statistic|криминоген|crime situation|преступност|crime rate|қылмыс(?:тық)? ахуал/iu
// A summing-up lead: the release reports a whole past year.
const SUMMARY_RE = /по итогам|итоги|results|қорытынды/iu
const ANAPHORA_RE =
  /\bthese (?:cases|crimes|figures)\b|\bof them\b|\bof these\b|по этим делам|из них|в том числе|олардың|оның ішінде/iu
const anaphoraTest = splitTester(ANAPHORA_RE)
const MONTHS_SRC =
  'january|february|march|april|may|june|july|august|september|october|november|december|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр'
const Y = '((?:19|20)\\d{2})'
const SPAN_RES: readonly RegExp[] = [
  new RegExp(
    `(?:from|between|с|от)\\s+${Y}\\s*(?:года?\\s*)?(?:to|and|по|до|till|until)\\s+${Y}`,
    'iu',
  ),
  new RegExp(`${Y}\\s*[-–—]\\s*${Y}\\s*(?:годах|годы|гг|жылдар|жж)`, 'iu'),
  new RegExp(
    `(?:in|during|over|for|в|за)\\s+(?:the\\s+)?(?:years?\\s+)?${Y}\\s*[-–—]\\s*${Y}`,
    'iu',
  ),
]
// An open period ("since 1999", "since the beginning of 2023", "2023 жылдан бері") gives no period.
const OPEN_RE =
  /(?:since|с|начиная с)\s+(?:the\s+)?(?:(?:beginning|start)\s+of\s+|начала\s+)?(?:19|20)\d{2}|(?:19|20)\d{2}\s*(?:жылдан|ж\.)?\s*бері/iu
const POPULATION_AFTER_RE =
  /^\s*(?:тыс\p{L}*\.?|thousand|000)?\s*(?:населения|жителей|человек|people|population|inhabitants|residents|тұрғын)/iu
const RATE_AFTER_RE =
  /^\s*(?:per|на)\s+(?:каждые\s+)?([\d\s,.]+\s*(?:тыс\p{L}*\.?|thousand)?)\s*(?:населения|жителей|человек|people|population|inhabitants|residents|тұрғын)/iu
// "19 400-ге жетті" (reached 19,400), "9 850 фактіні құрады" is handled by its noun.
const KK_LEVEL_AFTER_RE = /^-?(?:ге|ға|ке|қа)\s+(?:жетті|жеткен|дейін)/u
// "қылмыстар 1 204 болды", "залал 45 миллион теңгені құрады": the level of the noun before.
const KK_WAS_AFTER_RE = /^\s*(?:болды|болған|құрады|құраған)(?!\p{L})/u
const KK_FROM_TO_RE = /^-?(?:ден|дан|тен|тан|нен|нан)\s+\d[\d\s]*-?(?:ге|ға|ке|қа)\s+дейін/u
const PREDICATE_RE =
  /(?:\bwas|\bwere|\bis|\bare|totall?ed|numbered|reached|amounted to|stood at|(?:fell|rose|dropped|decreased|increased|declined|grew|climbed) to|(?:снизил|сократил|уменьшил|вырос|выросл|увеличил)\p{L}* до|составил[аио]?|составляет|достиг\p{L}*|зарегистрирован[оа]?|выявлен[оа]?|возбужден[оа]?|registered|recorded)\s*(?:about|around|approximately|over|more than|nearly|около|более|свыше)?\s*$/iu
const ESTIMATE_RE = /(?:is|are|was|were|been) estimated at|оценива\p{L}* в(?!\p{L})|бағалан\p{L}*/iu
const MONEY_TOTAL_RE =
  /total|общ(?:ий|ая|ее|ей|ую)|всего|жалпы|барлығы|annual|each year|average|в среднем|ежегодно|reclaim|returned|recovered|вернул|возвращен|қайтарыл/iu
const DATE_PHRASE_RE = new RegExp(
  `(?:${MONTHS_SRC})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:of\\s+)?(?:this|last)\\s+year|\\d{1,2}\\s+(?:${MONTHS_SRC})\\p{L}*\\s+(?:этого|текущего|прошлого)\\s+года|(?:in|в)\\s+(?:${MONTHS_SRC})\\p{L}*\\s+(?:this|last|этого|текущего|прошлого)\\s+(?:year|года)`,
  'giu',
)
const THIS_YEAR_RE =
  /this year|since january(?! (?:\d|last))|с (?:1 )?января(?! \d| прошлого)|қаңтардан бері|current year|за этот год|в текущем году|since the (?:start|beginning) of the year|(?:first|past|last)\s+\w+\s+months|in\s+\w+\s+months|(?<!\d)\d+\s+months|в этом году|текущего года|текущем году|с начала (?:этого )?года|за \d+ месяц|за (?:девять|шесть|три|восемь|десять|одиннадцать) месяц|ағымдағы жыл|биыл|жыл басынан|осы жыл|(?<!\d)\d+\s+айда/iu
const NUMBER_JUST_BEFORE_RE = /\d[\d\s,.%]*(?:\p{L}+\s+){0,2}[\s—–-]*$/u
const YEAR_EARLIER_RE =
  /a year earlier|a year ago|the year before|годом ранее|годом раньше|год назад|бір жыл бұрын/iu
const COMPARED_BEFORE_RE =
  /(?:than|compared (?:with|to)|from|чем|сравнению с|сравнении с|относительно|против|салыстырғанда)\s+(?:\p{L}+\s+){0,2}$/iu
const LAST_YEAR_RE = /(?:last|past|previous) year|в прошлом году|за прошлый год|өткен жыл|былтыр/iu
// Kazakh compares with a suffix on "last year": "былтырғыдан 9 пайызға көп" (9% more than last
// year), "өткен жылмен салыстырғанда", "өткен жылдың осы кезеңімен" (the same period of last year),
// "былтырғы көрсеткіштен" (than last year's figure).
const LAST_YEAR_COMPARED_AFTER_RE =
  /^(?:ғыдан|ғымен|дан|нан|мен\s+салыстыр|ға\s+қарағанда|(?:ғы|дың)\s+(?:осы\s+|сәйкес\s+)?(?:кезең|көрсеткіш|деңгей)\p{L}*)/u
// Cheap test before LAST_YEAR_RE on a slice: every branch has one of these.
const LAST_YEAR_HINT_RE = /year|прошл|өткен|былтыр/iu
const LAST_YEAR_G = new RegExp(LAST_YEAR_RE.source, 'giu')
const THIS_YEAR_G = new RegExp(THIS_YEAR_RE.source, 'giu')

/**
 * Where a sentence names last year and where this year (in text order), when it names both and
 * "last year" is not the base of a comparison; otherwise `null`.
 */
function relativeYears(s: string, refYear: number): { index: number; year: string }[] | null {
  if (!LAST_YEAR_HINT_RE.test(s)) return null
  const out: { index: number; year: string }[] = []
  LAST_YEAR_G.lastIndex = 0
  for (let m = LAST_YEAR_G.exec(s); m !== null; m = LAST_YEAR_G.exec(s)) {
    const compared =
      COMPARED_BEFORE_RE.test(s.slice(Math.max(0, m.index - 40), m.index)) ||
      LAST_YEAR_COMPARED_AFTER_RE.test(s.slice(m.index + m[0].length, m.index + m[0].length + 50))
    if (compared) return null
    out.push({ index: m.index, year: String(refYear - 1) })
  }
  if (out.length === 0) return null
  let current = false
  THIS_YEAR_G.lastIndex = 0
  for (let m = THIS_YEAR_G.exec(s); m !== null; m = THIS_YEAR_G.exec(s)) {
    out.push({ index: m.index, year: String(refYear) })
    current = true
  }
  return current ? out.sort((a, b) => a.index - b.index) : null
}
const LAST_N_YEARS_RE =
  /(?:over|in|during) the (?:last|past) (two|three|four|five|\d+) years|за последние (два|три|четыре|пять|\d+) год|соңғы (екі|үш|төрт|бес|\d+) жыл/iu
const LAST_WEEK_RE = /(?:last|past) week|на прошлой неделе|за неделю|өткен апта|апта ішінде/iu
/** Whether any of SPAN_RES matches, in one set of scans. */
const anySpan = splitTester(...SPAN_RES)
/** Whether any of the relative-period regexes that sentencePeriod reads last matches. */
const anyRelativePeriod = splitTester(
  LAST_N_YEARS_RE,
  LAST_WEEK_RE,
  THIS_YEAR_RE,
  LAST_YEAR_RE,
  YEAR_EARLIER_RE,
)
const SMALL: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  два: 2,
  двумя: 2,
  двух: 2,
  три: 3,
  тремя: 3,
  трёх: 3,
  трех: 3,
  четыре: 4,
  пять: 5,
  екі: 2,
  үш: 3,
  төрт: 4,
  бес: 5,
}

/** A year cue of a sentence: where it stands and the year it names. */
interface YearCue {
  readonly index: number
  readonly year: string
  /** Opens a bracket ("41 (в 2024 году — 52)"): it dates the bracket only. */
  readonly bracketed?: boolean
}

const CUE_BEFORE_YEAR_RE =
  /(?:\b(?:H[12]|Q[1-4]|9M)|(?<!born\s)\bin|\bduring|\bfor|\bof|\bby|end of|(?<!\p{L})в|(?<!\p{L})за|(?<!\p{L})на)\s+(?:the\s+)?(?:year\s+)?$/iu
// "2024 жылдың осы кезеңімен салыстырғанда": compared with the same period of 2024.
const KK_COMPARED_RE =
  /^\s*жыл(?:мен\s+салыстыр|ға\s+қарағанда|дың\s+(?:осы\s+|сәйкес\s+)?(?:\p{L}+\s+)?кезең\p{L}*\s+(?:салыстыр|қарағанда))/u
// "compared with the first half of 2024", "по сравнению с аналогичным периодом 2024 года": the
// base of a comparison named by a part of its year (no figure in between: "compared with 51 in
// the same period of 2024" dates the 51). The hint is tested on the 30 characters before the
// year first.
const PERIOD_BASE_HINT_RE = /period|half|quarter|month|период|полугод|квартал|месяц/iu
const PERIOD_BASE_RE =
  /(?:\bthan|compared (?:with|to)|(?<!\p{L})чем|сравнению с|сравнении с|относительно|против|as against)\s+(?:(?:in|the|same|corresponding|period|first|second|half|quarter|nine|six|three|months?|of|аналогичн\p{L}*|соответствующ\p{L}*|период\p{L}*|перв\p{L}*|втор\p{L}*|полугоди\p{L}*|квартал\p{L}*|месяц\p{L}*|за|в)\s+)+$/iu
const CUE_AFTER_YEAR_RE = /^\s*(?:жыл|ж\.|году|года|год(?!\p{L})|г\.)/iu
// CUE_BEFORE_YEAR_RE and COMPARISON_BASE_RE are anchored at the end: a cue word (at most 6 and
// 13 characters) and then only spaces and the words of the tail ("the", "year"; "in", "в", ...).
// The letters those tail words are made of (case-insensitively):
const CUE_BEFORE_YEAR_TAIL = new Set([...'theyarTHEYAR'])
const COMPARISON_BASE_TAIL = new Set([...'inthe yarofвINTHEYAROFВ'.replace(' ', '')])
const DATE_PHRASE_HINT_RE = /this|last|этого|текущего|прошлого/iu
const PERIOD_HINT_RE =
  /year|month|week|since|annum|год|месяц|недел|начала|жыл|ай(?:да|ында|лар)|апта|биыл|былтыр|бері|басынан/iu
const HAS_YEAR_RE = /(?:19|20)\d{2}/u
const MONTH_BEFORE_RE = new RegExp(`(?:${MONTHS_SRC})\\p{L}*\\s+$`, 'iu')
const COMPARISON_BASE_RE =
  /(?:\bthan|compared (?:with|to)|(?<!\p{L})чем|сравнению с|сравнении с|относительно|против|as against)\s+(?:(?:in|в|the|year|of)\s+)*$/iu
const COMPARISON_BASE_G = new RegExp(COMPARISON_BASE_RE.source, 'giu')
const CUE_BEFORE_YEAR_G = new RegExp(CUE_BEFORE_YEAR_RE.source, 'giu')

/**
 * `re.exec(s)` for a regex anchored at the end whose match is a head of at most `maxHead`
 * characters followed by a tail of spaces and `tailLetters` only. Such a match starts at most
 * `maxHead` characters before the run of those characters that ends the string, so the search
 * starts there (`re` is the same regex with the `g` flag; look-behinds still see the text before).
 */
function execNearEnd(
  re: RegExp,
  s: string,
  tailLetters: ReadonlySet<string>,
  maxHead: number,
): RegExpExecArray | null {
  let i = s.length
  while (i > 0 && (isJsSpace(s.charCodeAt(i - 1)) || tailLetters.has(s.charAt(i - 1)))) i--
  re.lastIndex = Math.max(0, i - maxHead)
  return re.exec(s)
}
const MONTH_RANGE_BEFORE_RE = new RegExp(
  `(?:${MONTHS_SRC})\\p{L}*\\s*(?:[-–—]|to|and|по|и|до)\\s*(?:${MONTHS_SRC})\\p{L}*\\s+(?:of\\s+)?$`,
  'iu',
)
const MONTH_PERIOD_RE = new RegExp(
  `(?<!\\p{L})(?:in|during|for|в|за)\\s+(${MONTHS_SRC}|мае|мая)\\p{L}*\\s+(?:of\\s+)?$`,
  'iu',
)
const MONTH_STEMS = [
  ['january', 'январ'],
  ['february', 'феврал'],
  ['march', 'март'],
  ['april', 'апрел'],
  ['may', 'ма'],
  ['june', 'июн'],
  ['july', 'июл'],
  ['august', 'август'],
  ['september', 'сентябр'],
  ['october', 'октябр'],
  ['november', 'ноябр'],
  ['december', 'декабр'],
] as const

/** The two-digit number of a month name or stem, or `null`. */
function monthNumber(word: string): string | null {
  const w = word.toLowerCase()
  const i = MONTH_STEMS.findIndex(([en, ru]) => w.startsWith(en) || w.startsWith(ru))
  return i < 0 ? null : String(i + 1).padStart(2, '0')
}

/**
 * The year cues of a sentence ("in 2023", "в 2025 году", "2024 жылы"), computed once per
 * sentence. Years of open periods ("since 2023") and of month dates ("в феврале 2025 года") are
 * left out.
 */
function yearCues(s: string, open: RegExpExecArray | null, bases?: YearCue[]): YearCue[] {
  const out: YearCue[] = []
  // Years are rare: find them first, then look at the few characters around each one (much
  // cheaper than a cue regex tried at every position of the sentence).
  const years = /(?<!\d)(?:19|20)\d{2}(?!\d)/gu
  for (let m = years.exec(s); m !== null; m = years.exec(s)) {
    const year = m[0]
    if (open?.[0].includes(year)) continue
    // "8% fewer than in 2023", "по сравнению с 2024 годом": the base of a comparison is not
    // the period of the sentence's figures.
    const before = s.slice(Math.max(0, m.index - 30), m.index)
    if (
      execNearEnd(COMPARISON_BASE_G, before, COMPARISON_BASE_TAIL, 13) !== null ||
      (PERIOD_BASE_HINT_RE.test(before) &&
        PERIOD_BASE_RE.test(s.slice(Math.max(0, m.index - 70), m.index)))
    ) {
      bases?.push({ index: m.index, year })
      continue
    }
    const after = s.slice(m.index + 4, m.index + 14)
    // Kazakh "2024 жылмен салыстырғанда", "2024 жылға қарағанда": compared with 2024.
    if (
      /^\s*жыл(?:мен|ға|дың)(?!\p{L})/u.test(after) &&
      KK_COMPARED_RE.test(s.slice(m.index + 4, m.index + 60))
    ) {
      bases?.push({ index: m.index, year })
      continue
    }
    const cue = execNearEnd(CUE_BEFORE_YEAR_G, before, CUE_BEFORE_YEAR_TAIL, 6)
    if (cue && !/^\s*[-–—]\s*\d/u.test(after)) {
      const at = m.index - (before.length - cue.index)
      out.push({ index: at, year, bracketed: s.charCodeAt(lastNonSpaceAt(s, at)) === 40 })
      continue
    }
    // "в октябре 2025 года", "in March 2025": a month is the period of the figures (a day
    // date such as "5 октября 2025 года" is not; a month range "январь–сентябрь" is the year).
    if (MONTH_RANGE_BEFORE_RE.test(before)) {
      out.push({ index: m.index, year })
      continue
    }
    const month = MONTH_PERIOD_RE.exec(before)
    if (month) {
      const mm = monthNumber(month[1] ?? '')
      if (mm) out.push({ index: m.index - (before.length - month.index), year: `${year}-${mm}` })
      continue
    }
    if (CUE_AFTER_YEAR_RE.test(after) && !MONTH_BEFORE_RE.test(before.slice(-15))) {
      out.push({ index: m.index, year })
    }
  }
  return out
}

/** The index of the last non-space character before `at`, or -1. */
function lastNonSpaceAt(s: string, at: number): number {
  let i = at - 1
  while (i >= 0 && isJsSpace(s.charCodeAt(i))) i--
  return i
}

/** The period a sentence states for its figures (relative ones resolved against the reference). */
function sentencePeriod(
  s: string,
  cues: readonly YearCue[],
  refYear: number | null,
  refMonth: string | null,
  hasYear: boolean,
  openMatch: RegExpExecArray | null,
  summaryYear: string | null = null,
  carriedYear: string | null = null,
): Period {
  // Most sentences name no period at all: one cheap test spares the dozen period patterns.
  if (!hasYear && !PERIOD_HINT_RE.test(s)) return { period: null, stated: false }
  // One scan tells whether any span pattern matches; most sentences have none.
  for (const re of hasYear && anySpan(s) ? SPAN_RES : []) {
    const m = re.exec(s)
    if (m) return { period: `${m[1]}/${m[2]}`, stated: true, reporting: true }
  }
  // "2006 has shown a modest 7 percent increase"
  const lead = /^\s*((?:19|20)\d{2})\s+(?:has|have|saw|showed|witnessed|was|were)\b/u.exec(s)
  if (lead) return { period: lead[1]!, stated: true, fromYear: false }
  const open = openPeriod(s, openMatch)
  const first = cues[0]?.bracketed ? cues.find((c) => !c.bracketed) : cues[0]
  // "41.3% last year against 47.8% in 2023": on a dated page a "last year" ahead of the first
  // year cue is the period of the figures before that cue (the year is a comparison's).
  if (first && refYear !== null && LAST_YEAR_HINT_RE.test(s.slice(0, first.index))) {
    const lastAhead = LAST_YEAR_RE.exec(s.slice(0, first.index))
    if (
      lastAhead &&
      !COMPARED_BEFORE_RE.test(s.slice(Math.max(0, lastAhead.index - 40), lastAhead.index))
    ) {
      return { period: String(refYear - 1), stated: true, reporting: true, lastYear: true }
    }
  }
  if (first) {
    return {
      period: first.year,
      stated: true,
      fromYear: true,
      reporting: reportingTest(s),
      month: first.year.length > 4,
    }
  }
  if (open) {
    // "Since the beginning of 2025" on a 2025 page is the year to date; an earlier start is open.
    const y = /(?:19|20)\d{2}/u.exec(open[0])?.[0]
    const toDate =
      y !== undefined &&
      refYear !== null &&
      Number(y) === refYear &&
      /beginning|start|начала|басынан/iu.test(open[0])
    return toDate
      ? { period: y, stated: true, reporting: true }
      : { period: null, stated: true, open: open.index }
  }
  // The rest reads relative periods: one scan rules them all out for most sentences.
  if (!anyRelativePeriod(s)) return { period: null, stated: false }
  const lastN = LAST_N_YEARS_RE.exec(s)
  if (lastN) {
    const w = (lastN[1] ?? lastN[2] ?? lastN[3] ?? '').toLowerCase()
    const n = SMALL[w] ?? Number(w)
    const period = refYear && n > 0 ? `${refYear - n + 1}/${refYear}` : null
    return { period, stated: true, reporting: true }
  }
  if (LAST_WEEK_RE.test(s)) return { period: refMonth, stated: true, reporting: true }
  if (THIS_YEAR_RE.test(s)) {
    return { period: refYear ? String(refYear) : null, stated: true, reporting: true }
  }
  const last = LAST_YEAR_RE.exec(s)
  if (
    last &&
    (COMPARED_BEFORE_RE.test(s.slice(Math.max(0, last.index - 40), last.index)) ||
      LAST_YEAR_COMPARED_AFTER_RE.test(
        s.slice(last.index + last[0].length, last.index + last[0].length + 50),
      ))
  ) {
    // "больше, чем в прошлом году", "up on last year": the figures are of the current year.
    return { period: refYear ? String(refYear) : null, stated: true, reporting: true }
  }
  const windowStart = last ? Math.max(0, last.index - 25) : 0
  const near = last ? NUMBER_JUST_BEFORE_RE.exec(s.slice(windowStart, last.index)) : null
  if (last && near && /\d/u.test(s.slice(0, windowStart + near.index))) {
    // "500 краж против 620 в прошлом году": "last year" dates only the comparison figure next
    // to it; the first figure is of the current year.
    return { period: refYear ? String(refYear) : null, stated: true, reporting: true }
  }
  if (last) {
    // An undated page that sums up a year ("2025 жылдың қорытындысы", "итоги 2025 года") is
    // published the year after: its "last year" is that year.
    return {
      period: refYear ? String(refYear - 1) : summaryYear,
      stated: true,
      reporting: true,
      lastYear: true,
    }
  }
  // "500 краж против 620 годом ранее": the year before the current one, which is the period
  // the figures carry from the lead when there is one (a release of last year's results).
  if (YEAR_EARLIER_RE.test(s)) {
    return { period: carriedYear ?? (refYear ? String(refYear) : null), stated: true }
  }
  return { period: null, stated: false }
}

const PART_OF_BEFORE_RE =
  /(?:of which|of whom|of them|of these|из них|из которых|оның ішінде|олардың ішінде)\s*$/iu
// A pronoun for the counted things of the sentence before: "их было", "they numbered".
const THEY_NUMBERED_RE =
  /(?<!\p{L})(?:их|they|олар)\s+(?:было|стало|насчитывалось|were|numbered|болған|болды)\s*$|\b(?:the|this|that) (?:figure|number|total) (?:was|stood at|reached|amounted to)\s*$|(?<!\p{L})(?:этот |данный )?показатель (?:составлял|составил|был)\p{L}*\s*$|(?<!\p{L})бұл көрсеткіш\s*$/iu
// "В текущем году — 95.", "Биыл – 95.", "Last year — 3,200": a period, a dash and the figure of
// the measure of the sentence before.
const PART_OF_PREVIOUS_AFTER_RE = /^\s*(?:of them|of these|из них)(?!\p{L})/iu
const PERIOD_DASH_BEFORE_RE = /(?:году|года|year|жылы|биыл|былтыр)\s*[—–-]\s*$/iu
// "а в 2023 году — 16 701", "2023 жылы – 640": a year and a dash before the figure.
const YEAR_DASH_BEFORE_RE = /(?:19|20)\d{2}\s*(?:году|г\.|жылы)?\s*[—–:-]\s*$/u
// One named actor's deeds: "the man defrauded 14 people", "мошенник обманул 14 человек",
// "алаяқ 14 адамды алдаған". (Plural subjects, "мошенники обманули", are not one actor.)
const ONE_ACTOR_RE =
  /\b(?:a|the) (?:man|woman|fraudster|swindler|thief|driver|resident|businessman|official) (?:[a-z]+ )?(?:defrauded|deceived|cheated|scammed|robbed|stole|sold|attacked|killed|injured|embezzled)\b|(?<!\p{L})(?:мошенник|мужчина|женщина|житель|жительница|злоумышленник|аферист|вор|водитель|чиновник)\s+(?:\p{L}+\s+)?(?:обманул|похитил|украл|продал|убил|ранил|ограбил|присвоил|вымогал)а?(?!\p{L})|(?<!\p{L})(?:алаяқ|ер адам|әйел|ұры|тұрғын)\s+(?:[\p{L}\d]+\s+){0,4}(?:алдаған|алдады|ұрлаған|ұрлады|сатқан|сатты)(?!\p{L})/iu
// An arrest and a seizure told in one sentence, without a word of summing up: one operation.
const ARREST_RE =
  /\b(?:detained|arrested|apprehended)\b|(?<!\p{L})(?:задержал\p{L}*|задержан\p{L}*|арестовал\p{L}*|ұстал\p{L}*|ұстап|ұстады)/iu
const SEIZE_RE =
  /\b(?:seized|confiscated|found)\b|(?<!\p{L})(?:изъял\p{L}*|изъят\p{L}*|обнаружил\p{L}*|обнаружен\p{L}*|тәркіле\p{L}*|табылды)/iu
const TOTAL_RE =
  /\b(?:in total|a total|total of|altogether)\b|всего|в общей сложности|барлығы|жалпы/iu
// One person as the subject ("он проник в 12 квартир", "he deceived 14 people"), unless the
// person only reports ("he said").
const PRONOUN_SUBJECT_RE =
  /(?:(?<!\p{L})(?:he|she|он|она)\s+(?!(?:has|had|also|further|then|was|is|также|ещё|еще)?\s*(?:said|says|noted|note|added|told|stressed|explained|recalled|underlined|emphasi[sz]ed|reported|stated|cited|mentioned|highlighted|pointed|spoke|сказал|отметил|добавил|сообщил|подчеркнул|пояснил|напомнил|заявил|рассказал|привел|привёл|уточнил))\p{L}|^\s*Ол\s+(?!деді|айтты|атап|мәлімдеді|хабарлады)\p{L})/iu
// A police operation or raid: the counts that follow are its own.
const OPERATION_RE =
  /(?:в ходе|во время) (?:операции|спецоперации|рейда|обысков|обыска|мероприяти)|during (?:the|a|an) (?:operation|raid|search|special operation)|as part of the operation|операция барысында|рейд барысында|тінту кезінде/iu
// One raid or search: what it finds is one case's ("during a raid", "в ходе обыска").
const ONE_RAID_RE =
  /(?:в ходе|во время) (?:рейда|обысков|обыска)|\b(?:during|in) (?:the|a|an) (?:raid|search|special operation)\b|\bin an operation\b|рейд барысында|тінту кезінде/iu
/** `SINGLE_CASE_RE.test(s) || ONE_RAID_RE.test(s) || ONE_ACTOR_RE.test(s)`, faster. */
const singleCase = splitTester(SINGLE_CASE_RE, ONE_RAID_RE, ONE_ACTOR_RE)
const singleOrPronoun = splitTester(SINGLE_CASE_RE, ONE_RAID_RE, ONE_ACTOR_RE, PRONOUN_SUBJECT_RE)
const operationOrPronoun = splitTester(OPERATION_RE, PRONOUN_SUBJECT_RE)
const SINCE_AFTER_RE =
  /^\s*(?:points?|percent|per cent|%|балл\p{L}*|пункт\p{L}*|процент\p{L}*)?\s*(?:since|compared (?:with|to)|по сравнению с|в сравнении с|относительно)\s+((?:19|20)\d{2})(?!\d)/iu
const POINTS_DOWN_RE =
  /(?:down|fell|dropped|lost|снизил\p{L}*|потерял\p{L}*|упал\p{L}*|төмендеп)\s+(?:by\s+)?$/iu
const SCORED_RE = /(?:scored|score of|набрал[аои]?|получил[аои]? оценку|ұпай жинады)\s*$/iu
const POINTS: CountNoun = { stem: '', unit: 'points', strength: 'strong' }
const PUBLICATION_RE =
  /(?<!\p{L})((?:19|20)\d{2})\s+(?:\p{L}+\s+){0,2}?(?:index|report|ranking|rating|survey|индекс\p{L}*|рейтинг\p{L}*|доклад\p{L}*)/iu

/**
 * The open period of a sentence ("since 2023"), unless it is the base of a change ("up one
 * point since 2023"), which the change itself takes as its period.
 */
function openPeriod(s: string, open: RegExpExecArray | null): RegExpExecArray | null {
  if (!open) return null
  const before = s.slice(Math.max(0, open.index - 20), open.index)
  return /(?:points?|percent|per cent|%|балл\p{L}*|пункт\p{L}*|процент\p{L}*)\s*$/iu.test(before)
    ? null
    : open
}

/** Tells whether position `pos` and position `other` are in the same clause (no ";" between). */
function sameClause(s: string, pos: number, other: number): boolean {
  const [a, b] = pos < other ? [pos, other] : [other, pos]
  return !s.slice(a, b).includes(';')
}

// "The year before" relative to the figures' own period (the framing year, or the reference
// year where the sentence's period is "this year"). No digit in between: the phrase belongs to
// the nearest figure ("1 105 ... против 1 204 годом ранее" dates only 1 204).
const EARLIER_SRC =
  'a year earlier|a year ago|the year before|the previous year|last year|in the same period of (?:the previous|last) year|годом ранее|годом раньше|год назад|в прошлом году|прошлого года|предыдущего года|за прошлый год|бір жыл бұрын|өткен жылы|өткен жылғы|өткен жылдың|былтыр'
// "больше, чем в прошлом году" compares: the figure itself is of the current period.
const EARLIER_RE = new RegExp(
  `^(?:(?!(?<!\\p{L})(?:(?:than|чем|more|less|fewer|from|up|down|on|аз|көп)(?!\\p{L})|compared|сравн|салыстыр|қарағанда|больше|меньше|рост|сниж|выше|ниже))[^.;,(\\d]){0,30}?(?:${EARLIER_SRC})`,
  'iu',
)
// Before the figure, within its clause: "тогда как в прошлом году — 377", "ал өткен жылы 1 320".
// At most two words between, none a conjunction that starts a new predicate ("прошлого года
// и составило 10 315"), and the phrase not the base of a comparison ("по сравнению с ...").
// The look-ahead repeats the phrase ahead of the look-behind: the same matches, but the costly
// look-behind is tried only where a phrase starts, not at every position.
const EARLIER_BEFORE_RE = new RegExp(
  `(?=${EARLIER_SRC})(?<!(?:сравн\\p{L}*|compared|than|чем)\\s+(?:\\p{L}+\\s+){0,3})(?:${EARLIER_SRC})(?:\\s+(?!(?:и|and|және|но|but|а)\\s)[^\\s.;,\\d]+){0,2}[\\s—–:-]*$`,
  'iu',
)

// "63% two years earlier", "двумя годами ранее", "екі жыл бұрын": no digit or clause break
// between the figure and the phrase.
const YEARS_EARLIER_HINT_RE = /years|годами|года назад|лет назад|жыл бұрын/iu
const YEARS_EARLIER_RE =
  /^[^.;,(\d]{0,30}?(?<!\p{L})(?:(two|three|four|five|\d+) years (?:earlier|ago|before)|(двумя|тремя|двух|трёх|трех|два|три|четыре|пять|\d+) (?:годами ранее|года назад|лет назад)|(екі|үш|төрт|бес|\d+) жыл бұрын)/iu
// Both need an EARLIER_SRC phrase (same flags): a cheap test first.
const EARLIER_HINT_RE = new RegExp(EARLIER_SRC, 'iu')
const earlierAfter = (after: string) => EARLIER_HINT_RE.test(after) && EARLIER_RE.test(after)
const earlierBefore = (before: string) =>
  EARLIER_HINT_RE.test(before) && EARLIER_BEFORE_RE.test(before)

/** "against 47,010 a year earlier": the figure of the year before the sentence's year. */
function previousIfEarlier(
  period: string | null,
  after: string,
  before = '',
  explicit = false,
): string | null {
  // "... last year against 47.8% in 2023": a year stated at the figure is its own.
  if (explicit || period === null || !/^\d{4}$/u.test(period)) return period
  // "compared with 63% two years earlier": that many years before.
  const years = YEARS_EARLIER_HINT_RE.test(after) ? YEARS_EARLIER_RE.exec(after) : null
  if (years) {
    const w = (years[1] ?? years[2] ?? years[3] ?? '').toLowerCase()
    const n = SMALL[w] ?? Number(w)
    if (n > 0) return String(Number(period) - n)
  }
  if (!earlierAfter(after) && !earlierBefore(before)) return period
  return String(Number(period) - 1)
}

/** The year of the closest year cue before `pos` ("by 1992 that figure had risen to 58%"). */
function cueYearBefore(cues: readonly YearCue[], pos: number, s = ''): string | undefined {
  let best: string | undefined
  for (const c of cues) {
    if (c.index >= pos) break
    // "41 (в 2024 году — 52), ... — 187": a year inside closed brackets dates only what is in
    // them.
    if (inClosedBrackets(s, c.index, pos)) continue
    best = c.year
  }
  return best
}

/** Whether position `at` is inside brackets that close before `pos`. */
function inClosedBrackets(s: string, at: number, pos: number): boolean {
  const close = s.indexOf(')', at)
  if (close < 0 || close >= pos) return false
  const open = s.lastIndexOf('(', at)
  return open >= 0 && s.lastIndexOf(')', at) < open
}

/** The first year cue after `pos` in the same clause ("1,429 cases ... in 6 months of 2022"). */
function cueYearAfterInClause(
  s: string,
  cues: readonly YearCue[],
  pos: number,
): string | undefined {
  const next = cues.find((c) => c.index >= pos)
  if (!next) return undefined
  // A parenthesis holds a comparison: "1 105 мошенничеств (в 2024 году – 1 204)".
  const between = s.slice(pos, next.index)
  if (/[;:(]|,\s|\s(?:although|but|while|а|но|однако)\s/iu.test(between)) return undefined
  // "1 105 краж против 1 204 в 2024 году": the year belongs to the figure nearer to it.
  // ("cases against 415 civil servants in 2023" is no comparison: a noun follows the figure.)
  // "41.3% last year against 47.8% in 2023": a "last year" in between dates the figure itself.
  if (
    /(?:compared (?:with|to)|than|чем|versus|vs\.?)\s+\d/iu.test(between) ||
    /(?:against|против)\s+\d[\d\s.,\u00a0]*(?:%|per ?cent|процент\p{L}*|пайыз\p{L}*)?\s*(?:in|в|за|during)?\s*$/iu.test(
      between,
    ) ||
    (LAST_YEAR_HINT_RE.test(between) && LAST_YEAR_RE.test(between))
  ) {
    return undefined
  }
  return next.year
}

/** A year stated right after the number ("20,000 in 2005"), which beats the sentence's period. */
function nearestYear(s: string, pos: number): string | undefined {
  const after = s.slice(pos, pos + 40)
  // The regex needs a lower-case "in" (no `i` flag): Russian and Kazakh text rarely has one.
  if (!after.includes('in')) return undefined
  const m = /^[\d.,\s\u00a0]*(?:\p{L}+\s+){0,3}in\s+((?:19|20)\d{2})\b(?!\s*[-–—]\s*\d)/u.exec(
    after,
  )
  return m?.[1]
}
