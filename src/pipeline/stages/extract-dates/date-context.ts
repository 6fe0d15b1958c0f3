/**
 * Context rules that drop a found date: page furniture left in the content (timestamps, "date"
 * header lines, copyright years), birth years, years inside titles, and years that only give the
 * period of a statistic or of a trend (gold README, "dates": Exclude). Each rule looks at a
 * bounded window around the hit, so the whole check is linear in the number of hits.
 *
 * @module pipeline/stages/extract-dates/date-context
 */
import { foldCode, isSpaceCode } from './date-cues.ts'
import type { DateHit } from './find-dates.ts'

const TIME_AFTER = /^,?\s{0,2}\d{1,2}:\d{2}/u
const TIME_BEFORE = /\d{1,2}:\d{2}\s{0,2}[,/|•-]?\s{0,2}$/u
const HEADER_LINE =
  /(?:^|\n|[|•])[ \t]*(?:date|дата|published|posted|опубликован[оа]?|обновлен[оа]?|обновлён|updated|last\s+updated|last\s+modified|жаңартылды|жарияланды|жарияланған\s+күні|күні)(?:\s+on)?[: \t]+$/iu
// "ASTANA, March 3 —", "АЛМАТЫ, 3 марта (Reuters) –", "Kazakhstan, Astana, September 9/ Trend":
// a dateline opens a line with one or two place names and closes with a dash or slash; it is page
// furniture like a header date (dev gold leaves its date out).
// "Карагандинская область, 9 февраля 2026 года. По данным…": the place may be a region ("Almaty
// region", "Түркістан облысы"), and the story may go on after a full stop.
const DATELINE_BEFORE =
  /(?:^|\n)[ \t]*(?:[\p{Lu}][\p{L}'’-]*(?:[ \t]+[\p{L}][\p{L}'’-]*){0,2}[ \t]*[,.][ \t]*){1,2}$/u
const DATELINE_AFTER =
  /^,?[ \t]*(?:\d{4}[ \t]*)?(?:\([^()\n]{1,30}\)[ \t]*)?(?:[—–/]|-{1,2}[ \t]|\.[ \t]*(?:[\p{Lu}][\p{L}-]*[ \t]*)?[—–-]|\.[ \t]+(?=[\p{Lu}]))/u
// A date alone on its line ("19 October 2023", "11 Қыркүйек 2023, 11:18") is a header date.
// … or after the site's name and a bar ("Central Asia Crime Digest | 12 November 2025").
const LINE_START_BEFORE = /(?:^|\n)[ \t]*(?:[\p{L}]{2,12},?[ \t]+|[^\n|•]{1,80}[|•][ \t]*)?$/u
const LINE_END_AFTER = /^[ \t]*(?:[,|/][ \t]*)?(?:\d{1,2}:\d{2}[^\n]{0,24})?(?:\n|$)/u
const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?$/iu
const BIRTH_BEFORE = /\bborn\b[^.;,\n]{0,30}$|родил\p{L}*\s+(?:в\s+)?$|туған\s+$/iu
const BIRTH_WORDS = literalTest(['born', 'родил', 'туған'])
const BIRTH_AFTER = /^\s*(?:года\s+рождения|г\.\s?р\.|г\.р\.|жылы\s+туған|ж\.\s?т\.)/iu
const TITLE_NOUN =
  'Report|Index|Survey|Strategy|Act|Programme|Program|Plan|Concept|Review|Census|Yearbook|Assessment|Convention|Olympics|Games|Expo|Vision|Agenda|Rating|Ranking'
const TITLE_AFTER = new RegExp(
  `^\\s+(?:index|ranking|rating|census)\\b|^\\s+(?:(?:[\\p{Lu}][\\p{L}'’-]*|in|on|of|and|for|the|&)\\s+){0,6}(?:${TITLE_NOUN})\\b|^(?:\\s*[-–]\\s*(?:19|20)\\d{2})?["”»]`,
  'u',
)
const TITLE_BEFORE =
  /(?:Act|Code|Law|Convention|Strategy|Programme|Program|Plan|Vision|Map|Report)\s+(?:of\s+)?$/u
const PERIOD_BEFORE =
  /(?:\b[QH][1-4]\s+|по\s+итогам\s+|итоги\s+|\b(?:months?|quarters?|half|weeks?)\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?|(?:месяц\p{L}*|квартал\p{L}*|полугоди\p{L}*|недел\p{L}*)\s+|(?:^|[^\p{L}])за\s+(?:период\s+)?(?:с\s+)?(?:\d{4}\s+по\s+)?|(?:\bthan|\bcompared\s+(?:to|with)|(?:^|[^\p{L}])чем|по\s+сравнению\s+с)\s+(?:(?:in|в)\s+)?(?:the\s+)?|\d[\d,.]*\s+in\s+|(?:^|[^\p{L}])ай\p{L}*\s+)$/iu
// PERIOD_BEFORE ends in white space after a word, and the engine has to try it at each position
// of the tail, which costs more than the other rules together. Its readings are listed here by
// their last word (for the small linking words, with the word before), so that the regex runs
// only where one of them can match.
const SPAN_WORDS = ['month', 'months', 'quarter', 'quarters', 'half', 'week', 'weeks']
const PERIOD_LAST_WORDS = [
  ...['q1', 'q2', 'q3', 'q4', 'h1', 'h2', 'h3', 'h4', ...SPAN_WORDS, 'than'],
  ...['итогам', 'итоги', 'за', 'период', 'чем'],
]
const PERIOD_STEMS = ['месяц', 'квартал', 'полугоди', 'недел', 'ай']
const COMPARED = ['than', 'to', 'with', 'чем', 'с']
/** Per linking word: whether the word before it (and a digit before that) can lead to a period. */
const PERIOD_LINKS: ReadonlyMap<string, (prev: string, number: boolean) => boolean> = new Map([
  ['year', (prev) => endsWithAny(prev, [...SPAN_WORDS, 'of', 'the'])],
  ['of', (prev) => endsWithAny(prev, SPAN_WORDS)],
  ['the', (prev) => endsWithAny(prev, [...SPAN_WORDS, 'of', 'in', 'в', ...COMPARED])],
  ['in', (prev, number) => number || endsWithAny(prev, COMPARED)],
  ['в', (prev) => endsWithAny(prev, COMPARED)],
  ['с', (prev) => endsWithAny(prev, ['за', 'период', 'сравнению'])],
  ['по', (_prev, number) => number],
  ['to', (prev) => prev.endsWith('compared')],
  ['with', (prev) => prev.endsWith('compared')],
])
const AGGREGATE_VERB =
  /\b(?:carried\s+out|conducted|seized|detained|arrested|confiscated|blocked|closed|shut\s+down|convicted|sentenced|extradited)\b|экстрадир\p{L}*|экстрадиц\p{L}*|осужден\p{L}*|сотталды|проведен\p{L}*|провел\p{L}*|изъя\p{L}*|задержа\p{L}*|пресечен\p{L}*|жүргізіл\p{L}*|ұсталды|тәркіле\p{L}*|жабылды/iu
// "2001-2010: 3,412 in 2001", "а в 2023 году — 16 701": a year that heads a value.
const SERIES_HEAD = /^(?:\s*[-–]\s*(?:19|20)\d{2})?(?:\s*:|(?:\s+(?:году|г\.|жылы))?\s+[—–])\s*\d/u
// "At the end of 2025, 33,900 people were serving sentences": a count right after the year.
const COUNT_AFTER =
  /^\s*(?:году|г\.|жылы)?,\s*\d[\d,. ]*\d\s+(?!(?:years?|months?|days?|weeks?|hours?|лет|год\p{L}*|месяц\p{L}*|дн\p{L}*|недел\p{L}*|час\p{L}*|жыл\p{L}*|ай\p{L}*|күн\p{L}*|тәулік\p{L}*|January|February|March|April|May|June|July|August|September|October|November|December|январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[йяею]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*)(?![\p{L}]))\p{L}/iu
// "2025 жылдың қорытындысы" (the results of 2025): the year of a summary.
const SUMMARY_AFTER = /^\s*-?\s*жыл(?:дың|ғы)\s+қорытынды/iu
const STAT_VERB =
  /\b(?:registered|recorded|uncovered|identified|detected|solved|located|reported|increased|decreased|rose|fell|declined|grew|handed\s+(?:out|down)|opened|initiated|convicted|committed|there\s+were)\b|совершен\p{L}*|произошл\p{L}*|зафиксирован\p{L}*|осужден\p{L}*|сотталды|жасалды|орын\s+алды|болды|зарегистрир\p{L}*|выявлен\p{L}*|раскрыт\p{L}*|возбужден\p{L}*|тіркел\p{L}*|анықта\p{L}*|тәркіле\p{L}*|изъят\p{L}*|өсті|азайды/iu
// "возбуждено одно дело", "handed out six sentences": a count written in words.
const COUNTED_WORDS =
  /(?:^|[^\p{L}])(?:одн[оаи]|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|one|two|three|four|five|six|seven|eight|nine|ten|бір|екі|үш|төрт|бес)\s+(?:уголовн\p{L}*\s+|criminal\s+)?(?:дел[оа]?|факт\p{L}*|преступлен\p{L}*|cases?|crimes?|sentences|verdicts|іс|қылмыс\p{L}*)(?![\p{L}])/iu
const QUANTITY =
  /\d{2,}|\d\s*(?:тыс|млн|мың|thousand|million)|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b/iu
const PERCENT =
  /\d\s?%|\btrends?\b|тенденци\p{L}*|\d\s+(?:percent|per\s+cent|процент\p{L}*|пайыз\p{L}*)|statistic|статисти\p{L}*|статистика|показател\p{L}*|көрсеткіш\p{L}*/iu
const COUNTED =
  /\d[\d,. ]*\s+(?:(?:тыс\.?|thousand|мың)\s+)?(?:crimes|cases|offen[cs]es|criminal\s+cases|преступлени\p{L}*|дел|уголовных\s+дел|фактов|қылмыс\p{L}*|іс)(?![\p{L}])/iu
// "87 murders", "1 204 кражи", "312 ұрлық": a count of two or more digits of offences of one kind.
const COUNTED_OFFENCES =
  /\d[\d,. ]*\d\s+(?:(?:тыс\.?|thousand|мың)\s+)?(?:murders|homicides|accidents|дтп|авари\p{L}*|thefts|robberies|burglaries|assaults|frauds|incidents|violations|offenders|убийств\p{L}*|краж\p{L}*|грабеж\p{L}*|разбо\p{L}*|мошенничеств\p{L}*|правонарушени\p{L}*|нарушени\p{L}*|случа\p{L}*|кісі\s+өлтіру|ұрлық\p{L}*|алаяқтық\p{L}*|тонау\p{L}*|дерек\p{L}*|факт\p{L}*|құқық\s+бұзушылық\p{L}*)(?![\p{L}])/iu
const NOT_QUANTITY =
  /(?:article|part|clause|стать\p{L}*|част\p{L}*|пункт\p{L}*|бап\p{L}*)\s+\d+|(?:19|20)\d{2}|\d+\s+(?:years?|months?|days?|лет|года?|месяц\p{L}*|дн\p{L}*|жыл\p{L}*|ай\p{L}*|тәулік\p{L}*)(?![\p{L}])/giu

// Words that every match of the regex after which each is named contains.
const HEADER_WORDS = literalTest([
  ...['date', 'дата', 'published', 'posted', 'опубликован', 'обновлен', 'обновлён', 'updated'],
  ...['modified', 'жаңартылды', 'жарияланды', 'күні'],
])
const COPYRIGHT_WORDS = literalTest(['©', '(c)', 'copyright'])
const PERCENT_WORDS = literalTest([
  ...[
    '%',
    'trend',
    'тенденци',
    'cent',
    'процент',
    'пайыз',
    'statistic',
    'статисти',
    'показател',
    'көрсеткіш',
  ],
])
const STAT_VERB_WORDS = literalTest([
  ...['registered', 'recorded', 'uncovered', 'identified', 'detected', 'solved', 'located'],
  ...['reported', 'increased', 'decreased', 'rose', 'fell', 'declined', 'grew', 'handed'],
  ...['opened', 'initiated', 'convicted', 'committed', 'there', 'совершен', 'произошл'],
  ...['зафиксирован', 'осужден', 'сотталды', 'жасалды', 'орын', 'болды', 'зарегистрир'],
  ...['выявлен', 'раскрыт', 'возбужден', 'тіркел', 'анықта', 'тәркіле', 'изъят', 'өсті'],
  'азайды',
])
const AGGREGATE_VERB_WORDS = literalTest([
  ...['carried', 'conducted', 'seized', 'detained', 'arrested', 'confiscated', 'blocked'],
  ...['closed', 'shut', 'convicted', 'sentenced', 'осужден', 'сотталды', 'проведен', 'провел'],
  ...['изъя', 'задержа', 'пресечен', 'жүргізіл', 'ұсталды', 'тәркіле', 'жабылды', 'extradited'],
  ...['экстрадир', 'экстрадиц'],
])

/**
 * A quick test that is true whenever an `iu` regex whose matches all contain one of `words`
 * matches: the words alone, without the `u` flag, which the engine searches several times
 * faster. The `i` flag alone matches every letter case that `iu` matches for Cyrillic and Kazakh
 * letters; for Latin ones `iu` also takes ſ as s and the Kelvin sign as k, added as classes.
 * `date-context.test.ts` checks this against the regex engine.
 */
export function literalTest(words: readonly string[]): RegExp {
  const source = words
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .map((w) => w.replace(/s/g, '[s\u017f]').replace(/k/g, '[k\u212a]'))
    .join('|')
  return new RegExp(source, 'i')
}

/** True when the hit is furniture, a birth year, part of a title, or a statistic's period. */
export function isExcludedByContext(text: string, hit: DateHit): boolean {
  const before = text.slice(Math.max(0, hit.start - 60), hit.start)
  const after = text.slice(hit.end, hit.end + 90)
  // TIME_BEFORE reads at most seven characters after the colon of the time.
  const timeBefore = before.lastIndexOf(':') >= before.length - 8 && TIME_BEFORE.test(before)
  if (TIME_AFTER.test(after) || timeBefore) return true
  if (HEADER_WORDS.test(before) && HEADER_LINE.test(before)) return true
  if (COPYRIGHT_WORDS.test(before) && COPYRIGHT.test(before)) return true
  // The anchored DATELINE_AFTER fails fast; DATELINE_BEFORE is tried at each position.
  if (DATELINE_AFTER.test(after) && DATELINE_BEFORE.test(before)) return true
  if (hit.iso.length >= 7 && LINE_END_AFTER.test(after) && LINE_START_BEFORE.test(before))
    return true
  // Years, and relative months or years ("last week", "в этом году"), can be a statistic's period.
  const periodLike = hit.bareYear || (hit.relative && hit.iso.length <= 7)
  if (!periodLike && !FOUR_DIGITS.test(hit.iso)) return false
  if ((BIRTH_WORDS.test(before) && BIRTH_BEFORE.test(before)) || BIRTH_AFTER.test(after))
    return true
  if (hit.bareYear && (TITLE_AFTER.test(after) || TITLE_BEFORE.test(before))) return true
  const tail = before.slice(-36)
  if (mayEndInPeriodWord(tail) && PERIOD_BEFORE.test(tail)) return true
  // The three anchored tests of `after` need one of a few characters after the white space: a
  // look at it first spares running them.
  const firstAt = skipSpace(after)
  const first = after.charCodeAt(firstAt)
  // "Registered Thefts in the Region: 2001-2010: 3,412 in 2001; …" heads a statistic series.
  if (SERIES_HEAD_FIRST.has(first) && SERIES_HEAD.test(after)) return true
  if (SUMMARY_FIRST.has(first) && SUMMARY_AFTER.test(after)) return true
  if (periodLike && mayCountAfter(after, firstAt, first) && COUNT_AFTER.test(after)) return true
  if (!periodLike) return false
  // "In 2003, 2,918 thefts were registered": the year is the statistic's period.
  const sentence = sentenceAround(text, hit)
  const rest = sentence.replace(NOT_QUANTITY, '')
  if (
    (PERCENT_WORDS.test(sentence) && PERCENT.test(sentence)) ||
    COUNTED.test(rest) ||
    COUNTED_OFFENCES.test(rest)
  )
    return true
  // A statistic's verb, or ("Last year police carried out 14 operations") an aggregate's verb
  // over a relative period, with a count. The verbs are tested first: they are rarer and cheaper.
  const verb =
    (STAT_VERB_WORDS.test(sentence) && STAT_VERB.test(sentence)) ||
    (hit.relative && AGGREGATE_VERB_WORDS.test(sentence) && AGGREGATE_VERB.test(sentence))
  return verb && (QUANTITY.test(rest) || COUNTED_WORDS.test(sentence))
}

/**
 * Whether `s` ends in white space after a word that a reading of PERIOD_BEFORE can end with: a
 * cheap test that is true whenever the regex matches.
 */
function mayEndInPeriodWord(s: string): boolean {
  const end = skipSpaceBack(s, s.length)
  if (end === s.length) return false
  const start = skipWordBack(s, end)
  const word = foldedSlice(s, start, end)
  if (endsWithAny(word, PERIOD_LAST_WORDS) || includesAny(word, PERIOD_STEMS)) return true
  const link = PERIOD_LINKS.get(word)
  if (!link) return false
  const prevEnd = skipSpaceBack(s, start)
  if (prevEnd === start) return false
  const number = prevEnd > 0 && NUMBER_CHAR.test(s[prevEnd - 1]!)
  return link(foldedSlice(s, skipWordBack(s, prevEnd), prevEnd), number)
}

// Loops, not `some`: no closure per call (the CLI runs through tsx, which names each one).
function endsWithAny(word: string, ends: readonly string[]): boolean {
  for (const e of ends) if (word.endsWith(e)) return true
  return false
}

function includesAny(word: string, parts: readonly string[]): boolean {
  for (const p of parts) if (word.includes(p)) return true
  return false
}

/** The position after the white space (`\s` of a `u` regex) that starts at 0. */
function skipSpace(s: string): number {
  let i = 0
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++
  return i
}

/**
 * The characters each anchored test of `after` can read first after its leading `\s*` (both
 * letter cases, whatever the flags): SERIES_HEAD a dash, a colon or "году"/"г."/"жылы" before a
 * dash; SUMMARY_AFTER a hyphen or "жыл…"; COUNT_AFTER a comma or "году"/"г."/"жылы".
 */
const codes = (chars: string): ReadonlySet<number> =>
  new Set([...chars].map((c) => c.charCodeAt(0)))
const SERIES_HEAD_FIRST = codes('-–—:гГжЖ')
const SUMMARY_FIRST = codes('-жЖ')
const COUNT_AFTER_FIRST = codes(',гГжЖ')

/**
 * Whether COUNT_AFTER can match, given the first character after the white space: a year word,
 * or a comma with a digit after its white space ("In 2019, 1,204 …"; "In 2019, police …" not).
 */
function mayCountAfter(after: string, at: number, first: number): boolean {
  if (first !== 0x2c) return COUNT_AFTER_FIRST.has(first)
  let i = at + 1
  while (i < after.length && isSpaceCode(after.charCodeAt(i))) i++
  const c = after.charCodeAt(i)
  return c >= 0x30 && c <= 0x39
}

/** The position before the white space (`\s` of a `u` regex) that ends at `end`. */
function skipSpaceBack(s: string, end: number): number {
  let i = end
  while (i > 0 && isSpaceCode(s.charCodeAt(i - 1))) i--
  return i
}

/** The start of the run of letters and digits that ends at `end`. */
function skipWordBack(s: string, end: number): number {
  let i = end
  while (i > 0 && isLetterOrDigit(s.charCodeAt(i - 1))) i--
  return i
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

function isLetterOrDigit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)
  return LETTER_OR_DIGIT.test(String.fromCharCode(c))
}

/** `s.slice(start, end)` with letter case folded as the `iu` regex flags fold it. */
function foldedSlice(s: string, start: number, end: number): string {
  let out = ''
  for (let i = start; i < end; i++) out += String.fromCharCode(foldCode(s.charCodeAt(i)))
  return out
}

/**
 * The sentence around a hit, at most 300 characters either side: one slice of the text, from
 * after the last ". " or line break before the hit to the first sentence end after it.
 */
function sentenceAround(text: string, hit: DateHit): string {
  const from = Math.max(0, hit.start - 300)
  const left = text.slice(from, hit.start)
  const right = text.slice(hit.end, hit.end + 300)
  const l = Math.max(left.lastIndexOf('. '), left.lastIndexOf('\n'))
  const rm = SENTENCE_END.exec(right)
  return text.slice(from + l + 1, hit.end + (rm ? rm.index : right.length))
}

const FOUR_DIGITS = /^\d{4}$/
const NUMBER_CHAR = /[\d,.]/
const SENTENCE_END = /[.!?](?:\s|$)|\n/
