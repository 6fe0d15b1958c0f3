/**
 * Sentence-level cues for event extraction: aggregates (statistics, not events), hypothetical
 * penalties, negation, a new occurrence ("another", "другой"), the unnamed people a sentence
 * describes, and the penalties and seized quantities it states. All patterns are linear-time.
 *
 * @module pipeline/stages/extract-events/event-context
 */
import type { Penalty } from '#core/facts.ts'
import { ANY_CARDINAL } from '../../text/number-words.ts'
import type { WordScan } from '../extract-crimes/word-lexicon.ts'
import { foldsByLowerCase, lowerCasePattern } from './lower-case-patterns.ts'

// A period that makes a count an aggregate: "since the beginning of the year", "за 9 месяцев".
const AGGREGATE_PERIOD =
  /since the (?:beginning|start) of|in the current year|this year alone|so far this year|over the (?:past|last) (?:\w+ )?(?:years|months|weeks)|in (?:the first )?(?:\w+ )?months of|in \w+ months|during the year|last year|past year|several cases|a number of cases|несколько (?:\p{L}+ )?дел(?!\p{L})|ряд (?:\p{L}+ )?дел(?!\p{L})|в текущем году|с начала (?:года|\d{4}|текущего)|за (?:последние|прошедшие|минувшие|\d+|девять|шесть|три|десять|одиннадцать) (?:\S+ )?(?:месяц|лет|год|недел)|за (?:прошлый|минувший|истекший) год|в прошлом году|жыл басынан|ағымдағы жыл|өткен жылы|биылғы жыл|(?<!\p{L})биыл(?!\p{L})|былтыр|соңғы \p{L}+ жыл|in total|всего за|в общей сложности|барлығы|total of|a total|overall/u
// A count of cases or crimes: "70 cases", "1,429 criminal cases", "возбуждено 70 дел", "120-дан астам қылмыстық іс".
const CASE_COUNT =
  /(?<![\d.,])\d[\d.,]{0,12}(?:\s\d{3}){0,3}(?:-(?:ден|дан|тен|тан|нен|нан))?\s+(?:астам\s+|более\s+|over\s+|more than\s+)?(?:criminal\s+|уголовных\s+|қылмыстық\s+|[\p{L}-]+\s+)?(?:cases|crimes|offences|offenses|sentences|facts|дел(?!\p{L})|уголовных|преступлени|фактов|правонарушени|іс(?!\p{L})|ісі|қылмыс|факті|каналов|channels|арна)/u
// Hundreds of people in one sentence are a statistic, not one operation.
const BIG_PEOPLE_COUNT =
  /(?<![\d.,])(?:[2-9]\d{2}|\d{1,3}(?:[ ,.]\d{3}){1,3}|\d{4,9})(?![\d])(?:-\p{L}+)?\s+(?:\p{L}+\s+){0,2}(?:persons|people|individuals|citizens|fugitives|officials|residents|victims|members|groups|групп|топ(?:тар\p{L}*|тың|ы)?(?!\p{L})|человек|граждан|лиц|жител|потерпевш|участник|представител|адам|азамат|өкіл|мүше|тұрғын)/u
const HAS_DIGIT = /\d/
// Every BIG_PEOPLE_COUNT number has three digits in a row.
const THREE_DIGITS = /\d\d\d/
// Counts in words and trends: "по девяти делам", "decreased by 14%".
const COUNT_WORDS_TREND =
  /по \p{L}+ делам|\d\s?%|\bpercent\b|процент|пайыз|decreased|increased|declined|fell by|rose by|has grown|have grown|several incidents|a number of incidents|несколько случаев|ряд случаев|выросло|снизилось|увеличилось|сократилось|артты|азайды|снизил\p{L}* на|вырос\p{L}* на|увеличил\p{L}* на|crime rate|уровень преступности/u
// A passage that describes what the law provides, not something that happened.
const LAW_CONTEXT =
  /according to the (?:criminal )?code|in accordance with the law|under the law,|согласно (?:уголовному )?кодексу|в соответствии с (?:законом|кодексом|уголовным)|кодекске сәйкес|заңға сәйкес/u
// A penalty the law provides, not one a court gave.
const HYPOTHETICAL =
  /maximum sentence|minimum sentence|maximum penalty|carries a (?:sentence|penalty)|максимальн\p{L}* наказани|максимальн\p{L}* срок|could face|may face|faces? up to|facing up to|punishable|if (?:proven|found|convicted)|грозит|грозят|может быть|могут быть|предусмотрен|предусматрива|қарастырылған|жазасы(?!\p{L})|penalty of up to|up to \d+ years/iu
// A future or hypothetical step: "he will be released", "could be sentenced".
const MODAL =
  /\b(?:will|would|could|may|might|to)\s+be\s*$|(?<!\p{L})(?:будет|будут|может быть)\s*$/iu
// A step someone asks for: "demanding a life sentence", "требуя пожизненного".
const DEMAND =
  /(?:demand\p{L}*|calling for|call for|требу\p{L}*|талап\p{L}*)\s+(?:a\s+|an\s+|the\s+)?(?:\p{L}+\s+)?$/iu
// A sentence that denies: "There are no fugitives in Jordan".
const DENIAL = /^[\s"“«'‘]*(?:there (?:are|is|were|was) no|no one|нет(?!\p{L})|никто(?!\p{L}))/iu
const NEGATION = new Set(['not', 'never', 'no', 'не', 'ни', 'нет', 'без', 'емес', 'жоқ'])
const POST_NEGATION = new Set(['емес', 'жоқ'])
const NEW_OCCURRENCE =
  /\b(?:another|second|separate|other)\s+(?:\p{L}+\s+)?(?:defendants?|suspects?|members?|persons?|people|man|men|woman|women|citizens?|officials?|officers?|inspectors?|groups?|cases?|incidents?|operations?|foreigners?|nationals?)\b|ещ[её] одн|(?<!\p{L})друг(?:ой|ая|ого|ие|их|ому)(?!\p{L})|(?<!\p{L})втор(?:ой|ая|ую|ого)(?!\p{L})|тағы бір|екінші/iu
const EARLIER_START = /^\s*(?:earlier|previously|ранее|прежде|бұған дейін|бұрын)(?!\p{L})/iu
// NEW_OCCURRENCE and HYPOTHETICAL in lower case, for a lowered text that folds (see
// `lower-case-patterns.ts`): on the benchmark's sentences V8 ran NEW_OCCURRENCE so 28x faster.
const NEW_OCCURRENCE_LOW = lowerCasePattern(NEW_OCCURRENCE)
const HYPOTHETICAL_LOW = lowerCasePattern(HYPOTHETICAL)

/** `exact.test(text)`, run as its lower-case form over `lowered` where that gives the same answer. */
function testFolded(exact: RegExp, lowerCase: RegExp, text: string, lowered: string): boolean {
  return lowered.length === text.length && foldsByLowerCase(text)
    ? lowerCase.test(lowered)
    : exact.test(text)
}
// Initials that stand for an unnamed person: "A.Sh.", "M.U.", "Ш.Н.".
const INITIALS = /(?<![\p{L}.])\p{Lu}\p{Ll}?\.\s?\p{Lu}\p{Ll}?\.(?!\p{L})/gu
const AGE = /(?<![\d.])(\d{1,2})(?:-year-old|\s+year-old|-летн\p{L}*|\s+жастағы|\s+жаста)/gu
const AGE_AFTER_INITIALS = /\p{Lu}\p{Ll}?\.\s?\p{Lu}\p{Ll}?\.,\s(\d{1,2})\b/gu
// Nationality of an unnamed person: "Afghan man", "citizen of Uzbekistan", "гражданин России".
const NATIONALITY_EN =
  /\b(Kazakh|Kazakhstani|Kyrgyz|Uzbek|Tajik|Turkmen|Russian|Chinese|Afghan|Ukrainian|Turkish|Georgian|Azerbaijani|Armenian|Belarusian|Iranian|Pakistani|Indian|Nigerian|foreign|Latvian|Lithuanian|Bulgarian|Italian|German|Polish)\s+(?:\p{L}+\s+)?(?:man|men|woman|women|citizens?|nationals?|residents?|drivers?)\b|\bforeigners?\b|\bcitizens? of (?:the Republic of )?([A-Z]\p{L}+)/gu
const NATIONALITY_RU =
  /граждан\p{L}*\s+(?:Республики\s+)?(\p{Lu}\p{L}+)|(иностран)\p{L}*|(узбекист|кыргыз|киргиз|таджик|туркмен|российск|китайск|афганск|украинск|казахстанск)\p{L}*\s+граждан/gu
const NATIONALITY_KK = /(\p{Lu}\p{L}+)\s+азамат|(шетел)\p{L}*/gu
// Literals every match of a pattern contains ("woman" holds "man", "women" "men").
const NATIONALITY_HINT: ReadonlyMap<RegExp, RegExp> = new Map([
  [NATIONALITY_EN, /man|men|citizen|national|resident|driver|foreigner/],
  [NATIONALITY_RU, /граждан|иностран/],
  [NATIONALITY_KK, /азамат|шетел/],
])
// The second initial of INITIALS ("A.Sh."): a literal dot opens it, which V8 scans for fast.
const INITIALS_HINT = /\.\s?\p{Lu}\p{Ll}?\./u

/**
 * `INITIALS_HINT.test(sentence)`, run only where the sentence has two dots at least two apart,
 * which every match holds: most sentences have one dot, at their end.
 */
function mayHoldInitials(sentence: string): boolean {
  const dot = sentence.indexOf('.')
  return dot >= 0 && sentence.indexOf('.', dot + 2) >= 0 && INITIALS_HINT.test(sentence)
}
const AGE_HINT = /year-old|летн|жаста/u
// Unnamed subjects: "a 42-year-old citizen of Uzbekistan", "30-летний мужчина", "Түркістан облысының тұрғыны".
const UNNAMED_EN =
  /\b(?:\d{1,2}-year-old\s+)?(?:[A-Z][a-z]+\s+)?(?:citizens?|nationals?|man|woman|men|women|residents?|suspects?|officials?|officers?|drivers?|founders?|members?|owners?|employees?|doctors?|judges?|foreigners?|defendants?|offenders?)\b(?:\s+of\s+(?:the\s+)?[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)?/u
const UNNAMED_RU =
  /(?:\d{1,2}-летн\p{L}*\s+)?(?:граждан\p{L}*|жител\p{L}*|мужчин\p{L}*|женщин\p{L}*|иностран\p{L}*|чиновник\p{L}*|подозреваем\p{L}*|сотрудник\p{L}*|руководител\p{L}*|аким\p{L}*|заместител\p{L}*|участник\p{L}*|член\p{L}*|бухгалтер\p{L}*|врач\p{L}*|подрядчик\p{L}*|украинк\p{L}*|девушк\p{L}*)(?:\s+\p{L}+)?/iu
const UNNAMED_KK =
  /(?:\d{1,2}\s+жастағы\s+)?(?:\p{L}+\s+)?(?:тұрғын\p{L}*|азамат\p{L}*|күдікті\p{L}*|ер адам\p{L}*|әйел\p{L}*|шенеунік\p{L}*|мүше\p{L}*)/iu

const UNNAMED_EN_NOUN =
  /citizen|national|man|men|woman|women|resident|suspect|official|officer|driver|founder|member|owner|employee|doctor|judge|foreigner|defendant|offender/u
const UNNAMED_RU_NOUN =
  /граждан|жител|мужчин|женщин|иностран|чиновник|подозреваем|сотрудник|руководител|аким|заместител|участник|член|бухгалтер|врач|подрядчик|украинк|девушк/iu
const UNNAMED_KK_NOUN = /тұрғын|азамат|күдікті|ер адам|әйел|шенеунік|мүше/iu

// Literal hints: every match of the pattern named holds one of these (in lower case). A plain
// alternation of literals, without flags, look-arounds or \p classes, is several times faster
// than the pattern itself, and most sentences fail it; the pattern runs only where it passes.
const AGGREGATE_PERIOD_HINT =
  /since the |current year|this year|over the |months|during the year|last year|past year|several cases|number of cases|несколько |ряд |текущем|с начала|за |прошлом|жыл басынан|ағымдағы жыл|өткен жылы|биыл|былтыр|соңғы |total|всего за|сложности|барлығы|overall/
const CASE_COUNT_HINT =
  /cases|crimes|offen|sentences|facts|дел|уголовных|преступлени|фактов|правонарушени|іс|қылмыс|факті|каналов|channels|арна/
const COUNT_WORDS_TREND_HINT =
  /делам|%|percent|процент|пайыз|decreased|increased|declined|fell by|rose by|grown|incidents|случаев|вырос|снизил|увеличил|сократилось|артты|азайды|crime rate|уровень преступности/
const BIG_PEOPLE_COUNT_HINT =
  /persons|people|individuals|citizens|fugitives|officials|residents|victims|members|groups|групп|топ|человек|граждан|лиц|жител|потерпевш|участник|представител|адам|азамат|өкіл|мүше|тұрғын/
const LAW_CONTEXT_HINT =
  /according to the |in accordance with the law|under the law,|согласно |в соответствии с|сәйкес/
// Every literal of the five aggregate hints in one alternation: most sentences hold none, and
// one scan then rules out all five patterns (each hint is a plain alternation of literals, so
// the union matches wherever one of them does).
const ANY_AGGREGATE_HINT = new RegExp(
  [
    AGGREGATE_PERIOD_HINT,
    CASE_COUNT_HINT,
    COUNT_WORDS_TREND_HINT,
    BIG_PEOPLE_COUNT_HINT,
    LAW_CONTEXT_HINT,
  ]
    .map((re) => re.source)
    .join('|'),
)
const MODAL_HINT = /be|будет|будут|может быть/
const DEMAND_HINT = /demand|call|требу|талап/
const HYPOTHETICAL_HINT =
  /maximum|minimum|максимальн|face|facing|punishable|if |гроз|быть|предусм|қарастырылған|жазасы|penalty|up to |carries a /
const NEW_OCCURRENCE_LOWER_HINT = /other|second|separate|ещ|друг|втор|тағы|екінші/

// The tests below take the sentence in lower case (`lowered`, which callers that run several
// tests on one sentence pass once): `toLowerCase` folds the letters the hints hold (Latin,
// Cyrillic, Kazakh) as the patterns' `i` flag does.

// A pattern that opens (in each alternative) with `(?<![\d.,])` and a digit can only match where
// a run of digits starts. Tried there alone, sticky and without the look-behind, it gives the
// same answers without V8 trying every position of the sentence.
const NOT_NUMBER_START = '(?<![\\d.,])'
function atNumbers(pattern: RegExp, flags: string): RegExp {
  return new RegExp(pattern.source.split(NOT_NUMBER_START).join(''), flags)
}
const CASE_COUNT_AT = atNumbers(CASE_COUNT, 'uy')
const BIG_PEOPLE_COUNT_AT = atNumbers(BIG_PEOPLE_COUNT, 'uy')

/** The offsets where a run of digits starts (not after a digit, a dot or a comma). */
function numberStarts(text: string): number[] {
  const out: number[] = []
  // The character before is carried, not read again: the engine compiled the loop that read
  // it again to run several times slower per character on a megabyte of digits.
  let p = -1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57 && !((p >= 48 && p <= 57) || p === 46 || p === 44)) out.push(i)
    p = c
  }
  return out
}

/** Tells whether a sticky number pattern matches at one of `starts`. */
function matchesAt(text: string, sticky: RegExp, starts: readonly number[]): boolean {
  for (const at of starts) {
    sticky.lastIndex = at
    if (sticky.test(text)) return true
  }
  return false
}

const UNNAMED_RU_NOUN_LOWER = new RegExp(UNNAMED_RU_NOUN.source, 'u')
const UNNAMED_RU_LOWER = new RegExp(UNNAMED_RU.source, 'u')
const UNNAMED_KK_LOWER = new RegExp(UNNAMED_KK.source, 'u')
const UNNAMED_KK_NOUN_LOWER = new RegExp(UNNAMED_KK_NOUN.source, 'u')

/** Tells whether a sentence reports an aggregate (a statistic) rather than one occurrence. */
export function isAggregate(sentence: string, lowered = sentence.toLowerCase()): boolean {
  // Patterns are written in lower case and run without the `i` flag, which is much faster on
  // long alternations; the count patterns need a digit, which most sentences lack.
  const text = lowered
  if (!ANY_AGGREGATE_HINT.test(text)) return false
  const digits = HAS_DIGIT.test(text)
  if (AGGREGATE_PERIOD_HINT.test(text) && AGGREGATE_PERIOD.test(text)) return true
  if (digits) {
    // Where numbers start is read only once a hint says a count can match.
    let starts: number[] | undefined
    if (CASE_COUNT_HINT.test(text)) {
      starts = numberStarts(text)
      if (matchesAt(text, CASE_COUNT_AT, starts)) return true
    }
    if (THREE_DIGITS.test(text) && BIG_PEOPLE_COUNT_HINT.test(text)) {
      starts ??= numberStarts(text)
      if (matchesAt(text, BIG_PEOPLE_COUNT_AT, starts)) return true
    }
  }
  return (
    (COUNT_WORDS_TREND_HINT.test(text) && COUNT_WORDS_TREND.test(text)) ||
    (LAW_CONTEXT_HINT.test(text) && LAW_CONTEXT.test(text))
  )
}

/** Tells whether a sentence states a penalty the law provides or a suspect could face. */
export function isHypothetical(sentence: string, lowered = sentence.toLowerCase()): boolean {
  return (
    HYPOTHETICAL_HINT.test(lowered) && testFolded(HYPOTHETICAL, HYPOTHETICAL_LOW, sentence, lowered)
  )
}

/**
 * Tells whether the text of a sentence before a trigger introduces a new occurrence: "another",
 * "второй", "тағы бір" before it, or a sentence that opens with "Earlier"/"Ранее".
 */
export function marksNewOccurrence(
  beforeTrigger: string,
  lowered = beforeTrigger.toLowerCase(),
): boolean {
  return (
    (NEW_OCCURRENCE_LOWER_HINT.test(lowered) &&
      testFolded(NEW_OCCURRENCE, NEW_OCCURRENCE_LOW, beforeTrigger, lowered)) ||
    EARLIER_START.test(beforeTrigger)
  )
}

/** Tells whether a word near the trigger (words `wordStart`..`wordEnd`) negates it. */
export function isNegated(words: WordScan, wordStart: number, wordEnd = wordStart + 1): boolean {
  for (let i = wordStart - 1; i >= Math.max(0, wordStart - 3); i--) {
    if (words.breakBefore[i + 1]) break
    const norm = words.norms[i]!
    if (NEGATION.has(norm) || norm.endsWith("n't")) return true
  }
  // Kazakh negates after the verb: "пара алғаны үшін ғана емес".
  for (let i = wordEnd; i < Math.min(words.norms.length, wordEnd + 3); i++) {
    if (words.breakBefore[i]) break
    if (POST_NEGATION.has(words.norms[i]!)) return true
  }
  return false
}

/** Tells whether the text before a trigger makes it future or hypothetical ("will be released"). */
export function isModal(beforeTrigger: string): boolean {
  const tail = beforeTrigger.slice(-40)
  const lowered = tail.toLowerCase()
  return (
    (MODAL_HINT.test(lowered) && MODAL.test(tail)) ||
    (DEMAND_HINT.test(lowered) && DEMAND.test(tail))
  )
}

/** Tells whether a sentence denies what it names ("There are no fugitives in Jordan"). */
export function isDenial(sentence: string): boolean {
  return DENIAL.test(sentence)
}

/**
 * Every match of a global pattern, as `text.matchAll(re)` gives them, without the copy of the
 * pattern that `matchAll` makes on each call. The patterns given never match the empty string.
 */
function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m)
    // Not reached with the patterns given; keeps a pattern that could match nothing finite.
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

/** Keys that tell unnamed people apart: initials ("A.Sh.") and ages ("35"). */
export function descriptorKeys(sentence: string, lang: 'en' | 'ru' | 'kk' = 'en'): Set<string> {
  const keys = new Set<string>()
  // Each pattern runs only when a literal every match contains is there: the patterns open
  // with look-behinds and classes that make V8 try every position of the sentence.
  const initials = mayHoldInitials(sentence)
  if (initials)
    for (const m of allMatches(INITIALS, sentence)) keys.add(m[0].replace(ANY_SPACE, ''))
  if (HAS_DIGIT.test(sentence)) {
    if (AGE_HINT.test(sentence)) for (const m of allMatches(AGE, sentence)) keys.add(`age:${m[1]}`)
    if (initials && sentence.includes('.,'))
      for (const m of allMatches(AGE_AFTER_INITIALS, sentence)) keys.add(`age:${m[1]}`)
  }
  const nationality =
    lang === 'en'
      ? NATIONALITY_PATTERNS_EN
      : lang === 'ru'
        ? NATIONALITY_PATTERNS_RU
        : NATIONALITY_PATTERNS_KK
  for (const re of nationality) {
    if (!NATIONALITY_HINT.get(re)!.test(sentence)) continue
    for (const m of allMatches(re, sentence)) {
      const nat = (m[1] ?? m[2] ?? m[3] ?? m[0]).toLowerCase()
      keys.add(`nat:${nationalityKey(nat)}`)
    }
  }
  return keys
}

const NATIONALITY_PATTERNS_EN: readonly RegExp[] = [NATIONALITY_EN]
const NATIONALITY_PATTERNS_RU: readonly RegExp[] = [NATIONALITY_RU]
const NATIONALITY_PATTERNS_KK: readonly RegExp[] = [NATIONALITY_KK, NATIONALITY_RU]
const FOREIGNER = /^foreigners?$/
const FOREIGN_STEM = /^иностран$|^шетел$/
const NATIONALITY_STEMS: readonly (readonly [RegExp, string])[] = [
  [/^(?:uzbek|узбек)/, 'uzbek'],
  [/^(?:kazakh|казах|қазақ)/, 'kazakh'],
  [/^(?:kyrgyz|кыргыз|киргиз|қырғыз)/, 'kyrgyz'],
  [/^(?:tajik|таджик|тәжік)/, 'tajik'],
  [/^(?:turkmen|туркмен|түрікмен)/, 'turkmen'],
  [/^(?:russia|росси|ресей)/, 'russian'],
  [/^(?:chin|кита|қытай)/, 'chinese'],
  [/^(?:afghan|афган|ауған)/, 'afghan'],
  [/^(?:ukrain|украин)/, 'ukrainian'],
]
const ANY_SPACE = /\s/g
const SPACES = /\s+/g

// Folds a nationality word or country to one key: "Uzbek", "Uzbekistan", "узбекистан" → "uzbek".
function nationalityKey(word: string): string {
  const w = word.replace(FOREIGNER, 'foreign').replace(FOREIGN_STEM, 'foreign')
  for (const [re, key] of NATIONALITY_STEMS) if (re.test(w)) return key
  return w
}

/**
 * A short "(unnamed) …" description of the person a sentence is about, or `null`. `lowered`:
 * the sentence in lower case, where the caller has it.
 */
export function unnamedSubject(
  sentence: string,
  lang: 'en' | 'ru' | 'kk',
  lowered?: string,
): string | null {
  const initials = mayHoldInitials(sentence) ? sentence.match(INITIALS)?.[0] : undefined
  if (initials) return `(unnamed) ${initials.replace(ANY_SPACE, '')}`
  // Find the noun with a plain alternation first, then read the full description around it:
  // the full pattern's optional prefixes make it slow to run over a whole sentence.
  // The Russian and Kazakh nouns are sought in the lowered sentence without the `i` flag (much
  // faster), where lowering keeps every offset.
  let found: string | null
  if (lang === 'en') {
    const hint = UNNAMED_EN_NOUN.exec(sentence)
    found = hint
      ? (UNNAMED_EN.exec(sentence.slice(Math.max(0, hint.index - 40)))?.[0] ?? null)
      : null
  } else {
    lowered ??= sentence.toLowerCase()
    if (lowered.length === sentence.length) {
      const hint = (lang === 'ru' ? UNNAMED_RU_NOUN_LOWER : UNNAMED_KK_NOUN_LOWER).exec(lowered)
      if (!hint) return null
      const from = Math.max(0, hint.index - 40)
      const m = (lang === 'ru' ? UNNAMED_RU_LOWER : UNNAMED_KK_LOWER).exec(lowered.slice(from))
      // The words as written: lowering kept every offset.
      found = m ? sentence.slice(from + m.index, from + m.index + m[0].length) : null
    } else {
      const hint = (lang === 'ru' ? UNNAMED_RU_NOUN : UNNAMED_KK_NOUN).exec(sentence)
      const re = lang === 'ru' ? UNNAMED_RU : UNNAMED_KK
      found = hint ? (re.exec(sentence.slice(Math.max(0, hint.index - 40)))?.[0] ?? null) : null
    }
  }
  if (found === null) return null
  const text = found.replace(SPACES, ' ').trim()
  return text.length > 1 ? `(unnamed) ${text}` : null
}

const NUMBER_WORDS = ANY_CARDINAL
const PRISON =
  /(?<![\d.,])(\d{1,3}(?:[.,]\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|один|два|двух|три|трех|трёх|четыре|пять|шесть|семь|восемь|девять|десять)[\s-]+(?:and a half\s+)?(?:years?|лет|года|год|жыл\p{L}*)/giu
const LIFE = /life imprisonment|life sentence|for life|пожизненн\p{L}*|өмір бойына/iu
const FINE = /\bfined?\b|штраф\p{L}*|айыппұл\p{L}*/iu
// Literals every PRISON / FINE match holds: plain scans before the patterns with look-arounds.
const PRISON_HINT = /year|лет|год|жыл/iu
const FINE_HINT = /fine|штраф|айыппұл/iu

/** Penalties a sentence states (prison terms in years, life, fines). */
export function findPenalties(sentence: string): Penalty[] {
  const out: Penalty[] = []
  if (PRISON_HINT.test(sentence))
    for (const m of allMatches(PRISON, sentence)) {
      const raw = m[1]!.toLowerCase()
      const value = NUMBER_WORDS[raw] ?? Number.parseFloat(raw.replace(',', '.'))
      if (Number.isFinite(value) && value > 0 && value <= 50) {
        out.push({ kind: 'prison', value, currency: null, text: m[0] })
      }
      if (out.length >= 5) break
    }
  const life = LIFE.exec(sentence)
  if (life) out.push({ kind: 'life', value: null, currency: null, text: life[0] })
  const fine = FINE_HINT.test(sentence) ? FINE.exec(sentence) : null
  if (fine) out.push({ kind: 'fine', value: null, currency: null, text: fine[0] })
  return out
}

const QUANTITY =
  /(?<![\d.,])\d{1,6}(?:[.,]\d{1,3})?\s?(?:kg|kilograms?|tons?|tonnes?|grams?|g|кг|килограмм\p{L}*|тонн\p{L}*|грамм\p{L}*|гр|келі|тонна\p{L}*)(?![\p{L}\p{N}_])(?:\s+(?:of\s+)?[\p{L}-]+)?|(?<![\d.,])\d{1,6}\s+(?:SIM boxes|SIM cards|packages|units|pieces|единиц\p{L}*|штук\p{L}*|сим-карт\p{L}*)/giu

const QUANTITY_AT = atNumbers(QUANTITY, 'iuy')

/**
 * Seized items and quantities a sentence states, verbatim. A unit ends where no letter follows
 * (`\b` would know Latin letters only, and missed "5 кг героина").
 */
export function findItems(sentence: string): string[] {
  const out: string[] = []
  // Every quantity opens with a digit.
  if (!HAS_DIGIT.test(sentence)) return out
  // As `sentence.matchAll(QUANTITY)`: the leftmost match from where the last one ended.
  let from = 0
  for (const at of numberStarts(sentence)) {
    if (at < from) continue
    QUANTITY_AT.lastIndex = at
    const m = QUANTITY_AT.exec(sentence)
    if (!m) continue
    out.push(m[0])
    if (out.length >= 8) break
    from = at + m[0].length
  }
  return out
}
