/**
 * Finds law-enforcement events (the 13 types of the gold README) with their arguments.
 *
 * 1. Triggers from `data/events/triggers.tsv` (en/ru/kk) are found in the content, plus laws
 *    named with their year ("the 2011 Law on…"). A sentence that names a crime (extract-crimes
 *    evidence) and reports a step about it ("wanted for human trafficking", "seized 5 kg of
 *    heroin"), or tells it as an allegation or an investigation's finding, also yields an
 *    `incident`: the crime itself.
 * 2. Dropped: triggers in aggregates ("70 cases opened in 2025", trends, hundreds of people),
 *    in what the law provides ("faces up to 8 years", "according to the Criminal Code"),
 *    negated, future or demanded steps, and denials.
 * 3. Candidates of one type merge when nothing tells them apart, so the same occurrence told
 *    twice is one event. Different dates, named subjects, unnamed subjects (initials, ages,
 *    nationalities), towns or regions, crimes (for incidents, charges and sentences), another
 *    article, or "another"/"другой" make a new one. A sentence without people speaks of those
 *    of the sentence before it.
 * 4. Dates: the sentence's own (`event-dates.ts`), from every mention of a date, the repeats the
 *    dates stage drops included (`date-recurrences.ts`). An event told without one takes the date
 *    that governs its paragraph (the nearest earlier dated sentence of the same paragraph), unless
 *    it tells a person's background, another time ("later", "currently") or a step that the
 *    crime's date cannot date. A crime found only through a step takes the date the article
 *    gives that crime, and a case opened within a month dates the crime it found.
 *
 * Sentence cues come from `event-context.ts`. Arguments come from
 * what earlier stages found in the sentence (persons, organisations, places, dates, money); the
 * stage works with empty lists too, with fewer distinctions.
 *
 * @module pipeline/stages/extract-events
 */
import type { CrimesDoc, ExtractedDoc } from '#core/document.ts'
import type { EventType, LawEvent, OrganizationKind, Penalty } from '#core/facts.ts'
import { EVENT_TYPES } from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import type { Span } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import { appliesTo, readLexiconFile } from '../extract-crimes/lexicon-file.ts'
import { createSentenceIndex, type SentenceIndex } from '../extract-crimes/sentence-index.ts'
import { scanWords, type WordMatch, type WordScan } from '../extract-crimes/word-lexicon.ts'
import { withRecurrences } from './date-recurrences.ts'
import {
  descriptorKeys,
  findItems,
  findPenalties,
  isAggregate,
  isDenial,
  isHypothetical,
  isModal,
  isNegated,
  marksNewOccurrence,
  unnamedSubject,
} from './event-context.ts'
import {
  carriedDate,
  clauseDate,
  eventDate,
  near,
  sameDate,
  sentenceSpan,
  weekdayDate,
} from './event-dates.ts'
import { lowerCasePattern, lowerCaseText } from './lower-case-patterns.ts'
import { createTriggerMatcher, type TriggerMatcher } from './trigger-matcher.ts'

const STAGE = 'extract-events'
const VERSION = 1
/** Bounds the work on hostile input: candidates beyond this are ignored. */
const MAX_CANDIDATES = 3000
const SUMMARY_CHARS = 200

interface TriggerEntry {
  /** `null` for a blocker. */
  readonly type: EventType | null
  readonly needsCrime: boolean
  /** Ignored in a sentence that reports a sentence (flag `weak`). */
  readonly weak: boolean
  /** Counts only in a sentence that names a law (flag `law`). */
  readonly needsLaw: boolean
  /** Counts only in a sentence with a foreign or international party (flag `foreign`). */
  readonly needsForeign: boolean
  /** A court's custody order: the same arrest as a detention told before it (flag `remand`). */
  readonly remand: boolean
  /** A conviction told as background (flag `prior`). */
  readonly prior: boolean
}

const TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES)
const LINES = readLexiconFile('events/triggers.tsv').filter(
  (l) => l.value === '-' || TYPE_SET.has(l.value),
)
const MATCHERS = new Map<Lang, TriggerMatcher<TriggerEntry>>()
function matcherFor(lang: Lang): TriggerMatcher<TriggerEntry> {
  let m = MATCHERS.get(lang)
  if (!m) {
    m = createTriggerMatcher(
      LINES.filter((l) => appliesTo(l.lang, lang)).map((l) => ({
        phrase: l.phrase,
        value: {
          type: l.value === '-' ? null : (l.value as EventType),
          needsCrime: l.flags.has('crime'),
          weak: l.flags.has('weak'),
          needsLaw: l.flags.has('law'),
          needsForeign: l.flags.has('foreign'),
          remand: l.flags.has('remand'),
          prior: l.flags.has('prior'),
        },
      })),
    )
    MATCHERS.set(lang, m)
  }
  return m
}

// Words that make a crime named in a sentence an alleged act even without an enforcement step.
const ALLEGATION = /suspect|suspicion|alleged|подозрева|подозрени|предположительно|күдік/iu
// Findings of an investigation: "it was established that", "по данным следствия".
const FINDING =
  /according to (?:the )?investigat|investigators (?:said|say|found|established|allege)|it was established|was found to have|по данным (?:следствия|правоохранительн|полиции|ведомства)|установлено, что|следствие установило|тергеу деректері|тергеу барысында анықталды/iu
// Types that are steps taken about a crime: a sentence with one and a crime also gives an incident.
const STEP_TYPES: ReadonlySet<EventType> = new Set([
  'arrest',
  'wanted',
  'extradition',
  'charge',
  'case_opened',
  'sentence',
  'flight',
  'seizure',
])
// Types that aggregates cannot produce; legislation and cooperation are not counted occurrences.
const COUNTABLE: ReadonlySet<EventType> = new Set(
  EVENT_TYPES.filter((t) => t !== 'legislation' && t !== 'cooperation'),
)
// Roles of the people events are about (officials, lawyers and journalists only speak of them).
const SUBJECT_ROLES: ReadonlySet<string> = new Set(['convict', 'suspect', 'victim'])
// Types whose steps about one trial are told over several neighbouring sentences, one defendant
// a sentence: named subjects do not split them there.
const TRIAL_TYPES: ReadonlySet<EventType> = new Set(['sentence', 'charge'])
// Steps that happen on a day: a span in their sentence is the crime's.
const POINT_STEPS: ReadonlySet<EventType> = new Set([
  'arrest',
  'charge',
  'case_opened',
  'sentence',
  'seizure',
  'extradition',
  'release',
])
// Types that take the date of the sentence before when their own gives none.
const CARRIES_DATE: ReadonlySet<EventType> = new Set(
  EVENT_TYPES.filter((t) => t !== 'legislation' && t !== 'cooperation'),
)
// A sentence opening that goes on with the story of the sentence before; group 1: "the next day".
const BACK_REFERENCE =
  /^[\s"“«]*(?:(the next day|the following day|next day|на следующий день|на другой день|наутро|келесі күні|ертесіне|ертеңіне)|(?:later|then|afterwards|subsequently|позже|позднее|затем|впоследствии|кейін|кейінірек|содан кейін|he|she|they|his|her|their|him|the (?:suspect|suspects|man|woman|defendant|accused|detainee|driver|official|convict)|он|она|они|его|её|ее|их|ему|ей|им|подозреваем\p{L}*|задержанн\p{L}*|обвиняем\p{L}*|фигурант\p{L}*|мужчин\p{L}*|женщин\p{L}*|ол|оның|оны|оған|олар|олардың|күдікті\p{L}*|айыпталушы\p{L}*)(?!\p{L}))/iu
// "detained at the scene", "задержан на месте", "оқиға орнында ұсталды": at the moment of the
// crime or of the find.
const AT_SCENE =
  /\b(?:at the scene|on the spot|red-handed)\b|(?<!\p{L})(?:на месте(?: преступления| происшествия)?|с поличным|оқиға орнында|қылмыс үстінде)(?!\p{L})/iu
// "He was charged the next day", "на следующий день", "келесі күні" anywhere in the sentence.
const NEXT_DAY =
  /the next day|the following day|на следующий день|на другой день|келесі күні|ертесіне|ертеңіне/iu
const ISO_DAY = /^\d{4}-\d\d-\d\d$/
/** The day after an ISO date (`YYYY-MM-DD`); coarser dates stay as they are. */
function nextDay(iso: string): string {
  if (!ISO_DAY.test(iso)) return iso
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}
// Words that tell the crime itself as an investigation or the police found it.
const CRIME_TOLD =
  /according to (?:the )?(?:investigat|police|prosecut)|investigators (?:said|say|found|established|allege)|it was established|по данным|по информации|по версии (?:следствия|обвинения)|установлено, что|следствие установило|мәліметінше|деректеріне қарағанда|деректері бойынша|тергеу барысында анықталды/iu
// Steps taken as a crime comes to light.
const DISCOVERY_STEPS: ReadonlySet<EventType> = new Set(['case_opened', 'arrest', 'seizure'])
/**
 * Tells whether a UTF-16 unit is white space as `\s` reads it (with or without `u`): the
 * test runs per character, where a pattern call costs more than the character.
 */
function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c >= 0xa0 &&
        (c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff)
}
// "X got 5 years, Y was fined": a bare comma before another defendant.
const BARE_COMMA = /,\s/u
// "wanted on charges of": a charge trigger that names the charges.
const CHARGES_WORD = /charges?\b/iu
/** The empty set candidates share (never mutated: clusters copy what they keep). */
const NONE: ReadonlySet<string> = new Set()
// Literals every CRIME_TOLD match holds, in lower case.
const CRIME_TOLD_HINT =
  /according to|investigators|it was established|по данным|по информации|по версии|установлено, что|следствие установило|мәліметінше|деректеріне қарағанда|деректері бойынша|тергеу барысында анықталды/
/** Sentences back within which a paragraph's date governs the sentences without one. */
const PARAGRAPH_REACH = 6
// "Ryskaliyev, the former governor of the region, fled …": a person's background, told apart
// from the story of the paragraph.
const BACKGROUND_OPENING =
  /^[\s"“«]*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2},\s+(?:the|a|an|former|ex-|бывш\p{L}*|экс-|бұрынғы)\s/u
// "was later found and arrested", "is currently on trial": another time than the paragraph's.
const OTHER_TIME =
  /\b(?:later|subsequently|afterwards)\b|(?<!\p{L})(?:позже|позднее|впоследствии|кейін|кейінірек)(?!\p{L})/iu
// "He is currently on trial": now, not the date of the sentence before.
const PRESENT_TIME =
  /\b(?:currently|now|today|at present)\b|(?<!\p{L})(?:сейчас|теперь|сегодня|в настоящее время|қазір|бүгін)(?!\p{L})/iu
// Literals every OTHER_TIME / PRESENT_TIME match holds, in lower case: plain scans first.
const OTHER_TIME_HINT = /later|subsequently|afterwards|позже|позднее|впоследствии|кейін/
const PRESENT_TIME_HINT =
  /currently|now|today|at present|сейчас|теперь|сегодня|в настоящее время|қазір|бүгін/
// "Prosecutors also signed a deal": the same kind of step as before, at the same time.
const ALSO = /\b(?:also|likewise|similarly)\b|(?<!\p{L})(?:также|тоже|сондай-ақ)(?!\p{L})/iu
/** Sentences apart within which a trial's defendants stay one event. */
const TRIAL_SPAN = 3
const LAW_WORD =
  /\blaws?\b|\bact\b|constitution|criminal code|amendment|закон|кодекс|конституци|поправк|заң|кодекс|конституция/iu
// "the 2011 Law on Religious Activity", "the 1995 constitution": a law dated by its year.
const YEAR_LAW =
  /(?<![\d.,])((?:19|20)\d\d)(?:'s)?\s+(?:[\p{L}-]+\s+){0,3}?(?:law|constitution|criminal code)\b/giu
// Literals every YEAR_LAW match holds: most documents have none, and skip the scan.
const YEAR_LAW_HINT = /law|constitution|criminal code/iu
const CAMPAIGN =
  /(?:борьб\p{L}*|противодейств\p{L}*|fight(?:ing)?|combat(?:ing)?|counter(?:ing)?|against|қарсы)\s+(?:с\s+|against\s+)?$/iu
// Categories that do not make a described act: membership of a group, and offences ("other")
// such as negligence or visa violations.
const NOT_AN_ACT: ReadonlySet<string> = new Set(['organized_crime', 'other'])
const COURT =
  /\bjudge\b|\bcourt\b|(?<!\p{L})суд(?!\p{L})|(?<!\p{L})суд[аеуо]м?(?!\p{L})|(?<!\p{L})сот(?:ы|қа|та)?(?!\p{L})/iu
const PRE_TRIAL = /сотқа дейінгі/giu
// Literals every COURT match contains (and PRE_TRIAL too).
const COURT_HINT = /judge|court|суд|сот/iu
const AGENCY_KINDS: ReadonlySet<OrganizationKind> = new Set([
  'law_enforcement',
  'prosecutor',
  'court',
  'security_service',
  'international',
  'government',
  'legislature',
])
const INTRODUCES = /^\s*(?:A|An)\s+\p{L}/u
/** Sentences apart beyond which undated laws and agreements are different ones. */
const POLICY_SPAN = 4
const TREATY =
  /treaty|treaties|agreement|convention|legal bas[ie]s|договор|соглашени|конвенци|правов\p{L}* основ|келісім/iu
// A clause break before another defendant: ", and", ", while", ";", ", а", ", ал", ", ә".
const CLAUSE_BREAK = /,\s+(?:and|while|whereas|but|а|но|ал|бірақ)\s|;\s/iu
const ACCOMPLICE =
  /accomplice|co-defendant|partner|another|other|second|сообщни|подельни|соучастни|друг(?:ой|ая|ому)|втор(?:ой|ая|ому)|сыбайлас|серігі|екінші|басқа/iu
// Words that name a foreign or international party to a joint operation.
const FOREIGN =
  /foreign|international|interpol|europol|overseas|abroad|зарубежн|иностран|международн|интерпол|шетел|халықаралық|шет мемлекет/iu
const NATIONALITY_STEMS =
  /(?<!\p{L})(?:ukrain|украин|russia|росси|ресей|kyrgyz|кыргыз|киргиз|қырғыз|uzbek|узбек|өзбек|tajik|таджик|тәжік|turkmen|туркмен|түрікмен|chin|китай|қытай|kazakh|казах|қазақ|turk|турец|түрік|belarus|белорус|беларус|america|united states|сша|german|герман|armenia|армян|армени|georgia|грузи|azerbaij|азербайдж|afghan|афган|ауған|iran|иран|pakistan|пакистан|india|индии|индийск|kore|коре|mongol|монгол|poland|polish|польш|польск)/giu
const STEM_COUNTRY: readonly (readonly [RegExp, string])[] = [
  [/^(?:ukrain|украин)/, 'UA'],
  [/^(?:russia|росси|ресей)/, 'RU'],
  [/^(?:kyrgyz|кыргыз|киргиз|қырғыз)/, 'KG'],
  [/^(?:uzbek|узбек|өзбек)/, 'UZ'],
  [/^(?:tajik|таджик|тәжік)/, 'TJ'],
  [/^(?:turkmen|туркмен|түрікмен)/, 'TM'],
  [/^(?:chin|китай|қытай)/, 'CN'],
  [/^(?:kazakh|казах|қазақ)/, 'KZ'],
  [/^(?:turk|турец|түрік)/, 'TR'],
  [/^(?:belarus|белорус|беларус)/, 'BY'],
  [/^(?:america|united states|сша)/, 'US'],
  [/^(?:german|герман)/, 'DE'],
  [/^(?:armenia|армян|армени)/, 'AM'],
  [/^(?:georgia|грузи)/, 'GE'],
  [/^(?:azerbaij|азербайдж)/, 'AZ'],
  [/^(?:afghan|афган|ауған)/, 'AF'],
  [/^(?:iran|иран)/, 'IR'],
  [/^(?:pakistan|пакистан)/, 'PK'],
  [/^(?:india|индии|индийск)/, 'IN'],
  [/^(?:kore|коре)/, 'KR'],
  [/^(?:mongol|монгол)/, 'MN'],
  [/^(?:poland|polish|польш|польск)/, 'PL'],
]
const PLEA =
  /pleads? guilty|pleaded guilty|admitted (?:his |her |their )?guilt|признал\p{L}* (?:свою )?вину|вину признал|кінәсін (?:толық )?мойында/iu
const VICTIM_ESCAPE = /from forced labou?r|from captivity|from slavery|из плена|из рабства/iu
// "since 2014", "с 2014 года": a state that began then (flight, wanted).
const SINCE =
  /\bsince\s+(?:\p{L}+\s+)?\d{4}|(?<!\p{L})с\s+(?:\d{1,2}\s+\p{L}+\s+)?\d{4}\s+год|\d{4}\s+жыл\p{L}*\s+бастап/iu
// Literals every SINCE match holds.
const SINCE_HINT = /since|год|бастап/iu
// The patterns above in lower case, without `i`, for sentences that fold (`SentenceInfo.test`):
// V8 runs them several times faster so.
const ALLEGATION_LOW = lowerCasePattern(ALLEGATION)
const FINDING_LOW = lowerCasePattern(FINDING)
const AT_SCENE_LOW = lowerCasePattern(AT_SCENE)
// Literals every AT_SCENE match holds, in lower case.
const AT_SCENE_HINT = /scene|spot|red-handed|на месте|с поличным|оқиға орнында|қылмыс үстінде/
const NEXT_DAY_LOW = lowerCasePattern(NEXT_DAY)
const OTHER_TIME_LOW = lowerCasePattern(OTHER_TIME)
const PRESENT_TIME_LOW = lowerCasePattern(PRESENT_TIME)
const ALSO_LOW = lowerCasePattern(ALSO)
const LAW_WORD_LOW = lowerCasePattern(LAW_WORD)
const COURT_LOW = lowerCasePattern(COURT)
const PRE_TRIAL_LOW = lowerCasePattern(PRE_TRIAL)
const TREATY_LOW = lowerCasePattern(TREATY)
const FOREIGN_LOW = lowerCasePattern(FOREIGN)
const PLEA_LOW = lowerCasePattern(PLEA)
interface Candidate {
  readonly type: EventType
  readonly start: number
  readonly end: number
  readonly triggerText: string
  readonly sentence: Span
  readonly sentenceIndex: number
  readonly article: number
  /** Set once the candidate is made; a paragraph's date may fill it before clustering. */
  date: string | null
  /** The date opens a state ("hid in Kazakhstan since 2014"): an earlier start is no conflict. */
  readonly openDate: boolean
  readonly named: ReadonlySet<string>
  readonly descriptors: ReadonlySet<string>
  readonly towns: ReadonlySet<string>
  /** Crime categories of the sentence (incident, charge and sentence events tell cases apart by them). */
  readonly crimes: ReadonlySet<string>
  readonly fresh: boolean
  /** A second defendant's penalty in the same sentence ("X got 5 years, and Y was fined"). */
  readonly other: boolean
  /** Kinds of penalty its sentence states (for sentences): prison, life, fine. */
  readonly penalties: ReadonlySet<string>
  /** The sentence goes on with the story before ("He", "The next day"). */
  readonly continues: boolean
  /** A court remand, dated later than the detention it continues. */
  readonly remand: boolean
  /** A crime found through a step taken about it (not dated by the step). */
  readonly derived: boolean
  /** The date is its paragraph's, not its sentence's: it tells occurrences apart, but does not
   * date an occurrence told before. */
  inherited: boolean
}

interface Cluster {
  first: Candidate
  date: string | null
  named: Set<string>
  descriptors: Set<string>
  towns: Set<string>
  crimes: Set<string>
  members: Candidate[]
  lastSentence: number
}

/** Extracts law-enforcement events with their arguments. */
export function extractEvents(): Stage<CrimesDoc, ExtractedDoc> {
  return {
    name: STAGE,
    version: VERSION,
    run(doc) {
      return { ...doc, events: findEvents(doc) }
    },
  }
}

/**
 * What a stage decides about one sentence. The tests are run once, and only when a trigger asks
 * (hostile input can put thousands of triggers in one sentence; most sentences have none).
 */
class SentenceInfo {
  readonly types: ReadonlySet<EventType>
  // Each test runs at most once, on first use (`undefined`: not run yet). Fields, not closures:
  // every sentence with a trigger gets one of these.
  #lower: string | undefined
  #aggregate: boolean | undefined
  #hypothetical: boolean | undefined
  #fresh: boolean | undefined
  #denial: boolean | undefined
  #court: boolean | undefined
  #treaty: boolean | undefined
  #victimEscape: boolean | undefined
  #plea: boolean | undefined
  #headline: boolean | undefined

  readonly text: string
  /** The sentence's trigger matches (blockers left out). */
  readonly #matches: readonly WordMatch<TriggerEntry>[]
  #triggers: readonly SentenceTrigger[] | undefined

  /**
   * `lower()` compares as the `/iu` patterns do (see `lower-case-patterns.ts`): they may run in
   * lower case, without `i`, over it.
   */
  readonly folds: boolean

  constructor(
    text: string,
    matches: readonly WordMatch<TriggerEntry>[],
    lower?: string,
    folds = false,
  ) {
    this.text = text
    this.#lower = lower
    this.folds = folds && lower !== undefined
    this.#matches = matches
    const types = new Set<EventType>()
    for (const m of matches) types.add(m.value.type!)
    this.types = types
  }
  /**
   * The sentence's triggers as spans with types, made on first use: hostile input puts
   * hundreds of thousands of triggers in a sentence, which few of them are ever asked about.
   */
  triggers(): readonly SentenceTrigger[] {
    if (this.#triggers === undefined) {
      const out: SentenceTrigger[] = []
      for (const m of this.#matches) out.push({ start: m.start, end: m.end, type: m.value.type! })
      this.#triggers = out
    }
    return this.#triggers
  }
  /** The text in lower case, for literal hints. */
  lower(): string {
    this.#lower ??= this.text.toLowerCase()
    return this.#lower
  }
  /** `exact.test(text)`, run as `lowered` (the same pattern in lower case) where it folds. */
  test(exact: RegExp, lowered: RegExp): boolean {
    return this.folds ? lowered.test(this.lower()) : exact.test(this.text)
  }
  aggregate(): boolean {
    this.#aggregate ??= isAggregate(this.text, this.lower())
    return this.#aggregate
  }
  hypothetical(): boolean {
    this.#hypothetical ??= isHypothetical(this.text, this.lower())
    return this.#hypothetical
  }
  fresh(): boolean {
    this.#fresh ??= marksNewOccurrence(this.text, this.lower())
    return this.#fresh
  }
  denial(): boolean {
    this.#denial ??= isDenial(this.text)
    return this.#denial
  }
  court(): boolean {
    // "сотқа дейінгі тергеу" is the pre-trial investigation, not a court.
    // Without any court word there is no "сотқа дейінгі" to drop either.
    this.#court ??=
      COURT_HINT.test(this.text) &&
      (this.folds
        ? COURT_LOW.test(this.lower().replace(PRE_TRIAL_LOW, ''))
        : COURT.test(this.text.replace(PRE_TRIAL, '')))
    return this.#court
  }
  treaty(): boolean {
    this.#treaty ??= this.test(TREATY, TREATY_LOW)
    return this.#treaty
  }
  victimEscape(): boolean {
    this.#victimEscape ??= VICTIM_ESCAPE.test(this.text)
    return this.#victimEscape
  }
  plea(): boolean {
    this.#plea ??= this.test(PLEA, PLEA_LOW)
    return this.#plea
  }
  headline(): boolean {
    this.#headline ??= isHeadline(this.text)
    return this.#headline
  }
}

/** Bucketed per-sentence views of the earlier stages' mentions. */
interface SentenceFacts {
  readonly persons: Map<number, { name: string; start: number }[]>
  readonly orgs: Map<number, { name: string; kind: OrganizationKind; country: string | null }[]>
  readonly places: Map<
    number,
    { name: string; kind: string; keys: string[]; country: string | null }[]
  >
  readonly dates: Map<number, { iso: string; start: number; end: number; text: string }[]>
  readonly money: Map<number, string[]>
  /** Crime categories named in each sentence. */
  readonly crimes: Map<number, Set<string>>
}

function bucket<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Tells whether a mention lies inside one of the spans. */
function insideOrg(spans: readonly Span[], m: Span): boolean {
  for (const o of spans) if (o.start <= m.start && m.end <= o.end) return true
  return false
}

// Each kind of mention is bucketed by a function of its own: small functions that the engine
// compiles quickly, and recompiles alone when a document brings objects of another shape.
function collectFacts(doc: CrimesDoc, index: SentenceIndex): SentenceFacts {
  const facts: SentenceFacts = {
    persons: new Map(),
    orgs: new Map(),
    places: new Map(),
    dates: new Map(),
    money: new Map(),
    crimes: new Map(),
  }
  bucketPersons(doc, index, facts.persons)
  bucketOrganizations(doc, index, facts.orgs)
  bucketPlaces(doc, index, facts.places)
  bucketDates(doc, index, facts.dates)
  for (const m of doc.money ?? []) bucket(facts.money, index.indexAt(m.start), m.text)
  bucketCrimes(doc, index, facts.crimes)
  return facts
}

function bucketPersons(
  doc: CrimesDoc,
  index: SentenceIndex,
  persons: SentenceFacts['persons'],
): void {
  for (const p of doc.persons ?? []) {
    if (!SUBJECT_ROLES.has(p.role)) continue
    for (const m of p.mentions)
      bucket(persons, index.indexAt(m.start), { name: p.name, start: m.start })
  }
}

function bucketOrganizations(
  doc: CrimesDoc,
  index: SentenceIndex,
  orgs: SentenceFacts['orgs'],
): void {
  for (const o of doc.organizations ?? []) {
    for (const m of o.mentions)
      bucket(orgs, index.indexAt(m.start), {
        name: o.name,
        kind: o.kind,
        country: o.country,
      })
  }
}

function bucketPlaces(doc: CrimesDoc, index: SentenceIndex, places: SentenceFacts['places']): void {
  if ((doc.locations ?? []).length === 0) return
  // A plain loop: `flatMap` over every organisation was the costliest line of this function.
  const orgSpans: Span[] = []
  for (const o of doc.organizations ?? []) for (const m of o.mentions) orgSpans.push(m)
  for (const l of doc.locations ?? []) {
    // A place is known by its name, its gazetteer id and its parent's: "Karasay district" and
    // "Almaty region" then count as the same area.
    // Regions are compared with regions and towns with towns ("Turkestan region" and "Shymkent"
    // can be one story; "Karasay district" and "Kerbulak district" cannot).
    const level = l.kind === 'region' ? 'r:' : 't:'
    const keys: string[] = []
    if (typeof l.name === 'string') keys.push(level + l.name)
    if (typeof l.placeId === 'string') keys.push(level + l.placeId)
    for (const m of l.mentions) {
      // A place inside an organisation's name ("Tashkent regional DIA") is not where it happened.
      if (insideOrg(orgSpans, m)) continue
      bucket(places, index.indexAt(m.start), {
        name: l.name,
        kind: l.kind,
        keys,
        country: l.country,
      })
    }
  }
}

function bucketDates(doc: CrimesDoc, index: SentenceIndex, dates: SentenceFacts['dates']): void {
  // Every mention of a date, not only the first the dates stage keeps: sorted by start. Each is
  // copied to one shape (the stage's mentions carry more fields than the repeats found here),
  // so that the code reading them sees objects of one kind.
  for (const d of withRecurrences(doc.content, doc.dates ?? []))
    bucket(dates, index.indexAt(d.start), { iso: d.iso, start: d.start, end: d.end, text: d.text })
}

function bucketCrimes(doc: CrimesDoc, index: SentenceIndex, crimes: SentenceFacts['crimes']): void {
  for (const c of doc.crimes ?? []) {
    for (const e of c.evidence) {
      // "the fight against corruption" names a campaign, not a crime that took place.
      if (CAMPAIGN.test(doc.content.slice(Math.max(0, e.start - 30), e.start))) continue
      const si = index.indexAt(e.start)
      const set = crimes.get(si) ?? new Set<string>()
      set.add(c.category)
      crimes.set(si, set)
    }
  }
}

/** Finds the events of a document. Exported for tests. */
export function findEvents(doc: CrimesDoc): LawEvent[] {
  return new EventFinder(doc).find()
}

/** A trigger kept in a sentence: its span and type. */
interface SentenceTrigger {
  readonly start: number
  readonly end: number
  readonly type: EventType
}

/** Who a sentence is about: named suspects, convicts and victims, and descriptors of others. */
interface Who {
  readonly named: Set<string>
  readonly descriptors: Set<string>
}

/** A date the article gives a crime, for crimes found only through a step. */
interface CrimeDate {
  readonly date: string
  readonly crimes: ReadonlySet<string> | undefined
  readonly told: boolean
}

/**
 * The state of finding one document's events. A class with methods, not closures in one
 * function: the stage runs through tsx, which names every closure at its creation (`__name`, a
 * property definition each), and a document made some thirty of them; methods are made once.
 * The per-sentence caches are arrays indexed by sentence number.
 */
class EventFinder {
  readonly doc: CrimesDoc
  readonly content: string
  readonly index: SentenceIndex
  readonly facts: SentenceFacts
  readonly words: WordScan
  readonly matches: readonly WordMatch<TriggerEntry>[]
  /** The content in lower case, once, for the sentences' literal hints. */
  readonly lowered: string
  /**
   * A sentence's lower case is cut from `lowered` where that gives the same string: lowering
   * kept every offset, and no capital sigma lowers one way or another by what follows it.
   */
  readonly lowerSlices: boolean
  /** Sentences may run `/iu` patterns lower-cased (see `SentenceInfo.folds`). */
  readonly folds: boolean
  /** The trigger matches of each sentence (blockers left out). */
  readonly triggersIn = new Map<number, WordMatch<TriggerEntry>[]>()
  readonly remandAt = new Set<number>()
  readonly candidates: Candidate[] = []
  readonly accepted: { type: EventType; m: WordMatch<TriggerEntry>; si: number }[] = []
  readonly acceptedIn = new Map<number, SentenceTrigger[]>()
  readonly stepSentences = new Map<number, WordMatch<TriggerEntry>>()
  readonly incidentSentences = new Set<number>()
  /** The category of the crime word at each evidence start. */
  readonly evidenceAt = new Map<number, string>()
  /** The first crime evidence of each sentence. */
  readonly firstEvidence = new Map<number, { start: number; end: number; text: string }>()
  // Per-sentence caches (`undefined`: not read yet).
  readonly infoCache: (SentenceInfo | undefined)[] = []
  readonly whoCache: (Who | undefined)[] = []
  readonly ownCache: (Who | undefined)[] = []
  readonly spans: (string | null | undefined)[] = []
  readonly carried: (string | null | undefined)[] = []
  readonly partsCache: (SentenceParts | undefined)[] = []
  readonly standsApart: (boolean | undefined)[] = []
  /** Whether a sentence tells an arrest "at the scene", read once per sentence. */
  readonly atScene: (boolean | undefined)[] = []
  readonly continuations: (boolean | undefined)[] = []
  // Per-text caches: events of one sentence share its penalties, summary and unnamed subject.
  readonly penaltyCache = new Map<string, readonly Penalty[]>()
  readonly unnamedCache = new Map<string, string | null>()
  readonly summaryCache = new Map<string, string>()

  constructor(doc: CrimesDoc) {
    this.doc = doc
    const content = doc.content
    this.content = content
    this.index = createSentenceIndex(doc.sentences, content.length)
    this.facts = collectFacts(doc, this.index)
    this.words = scanWords(content)
    this.matches = matcherFor(doc.lang).match(content, this.words)
    // Lower-cased once: the sentences' literal hints read it, and so do their `/iu` patterns
    // (lower-cased, see `SentenceInfo.test`) where it folds.
    const folded = lowerCaseText(content)
    this.lowered = folded ?? content.toLowerCase()
    this.lowerSlices =
      folded !== null || (this.lowered.length === content.length && !content.includes('Σ'))
    this.folds = folded !== null
    for (const m of this.matches) {
      if (m.value.type !== null) bucket(this.triggersIn, this.index.indexAt(m.start), m)
      if (m.value.remand) this.remandAt.add(m.start)
    }
    // The crime an incident, charge or sentence is about: the category of the crime word the
    // trigger itself is ("tortured" is assault), else every category the sentence names.
    for (const c of doc.crimes ?? []) {
      for (const e of c.evidence) {
        this.evidenceAt.set(e.start, c.category)
        const si = this.index.indexAt(e.start)
        const known = this.firstEvidence.get(si)
        if (!known || e.start < known.start) this.firstEvidence.set(si, e)
      }
    }
  }

  find(): LawEvent[] {
    // The phases below are methods of their own: one function as long as the whole stage
    // took the engine a second of compiling (twice, after a deoptimisation) while the stage
    // ran; phases compile one by one, each alone and quickly.
    this.acceptTriggers()
    this.addYearLaws()
    this.addIncidents()
    const clusters = this.cluster()
    this.carryDates(clusters)
    this.dateFoundCrimes(clusters)
    const events: LawEvent[] = []
    for (const k of clusters) events.push(toEvent(k, this))
    return events
  }

  articleOf(offset: number): number {
    const articles = this.doc.articles
    for (let i = articles.length - 1; i >= 0; i--) if (articles[i]!.start <= offset) return i
    return 0
  }

  /** Everything decided once per sentence (hostile input can put thousands of triggers in one). */
  sentenceInfo(si: number): SentenceInfo {
    let info = this.infoCache[si]
    if (!info) {
      const s = this.index.sentences[si]!
      info = new SentenceInfo(
        this.content.slice(s.start, s.end),
        this.triggersIn.get(si) ?? [],
        this.lowerSlices ? this.lowered.slice(s.start, s.end) : undefined,
        this.folds,
      )
      this.infoCache[si] = info
    }
    return info
  }

  foreignParty(si: number): boolean {
    const info = this.sentenceInfo(si)
    const text = info.text
    if (info.test(FOREIGN, FOREIGN_LOW)) return true
    const countries = new Set<string>()
    for (const o of this.facts.orgs.get(si) ?? []) {
      if (o.kind === 'international') return true
      if (o.country) countries.add(o.country)
    }
    for (const p of this.facts.places.get(si) ?? []) if (p.country) countries.add(p.country)
    // "Ukrainian cyber police … with law enforcement from Kazakhstan": nationality words too.
    for (const m of text.matchAll(NATIONALITY_STEMS)) {
      const stem = m[0].toLowerCase()
      const code = STEM_COUNTRY.find(([re]) => re.test(stem))?.[1]
      if (code) countries.add(code)
      if (countries.size >= 2) return true
    }
    return countries.size >= 2
  }

  ownWho(si: number): Who {
    let own = this.ownCache[si]
    if (!own) {
      const named = new Set<string>()
      for (const p of this.facts.persons.get(si) ?? []) named.add(p.name)
      own = { named, descriptors: descriptorKeys(this.sentenceInfo(si).text, this.doc.lang) }
      this.ownCache[si] = own
    }
    return own
  }

  /**
   * Who a sentence is about: its named suspects, convicts and victims and its unnamed people's
   * initials, ages and nationalities; a sentence with neither ("He was detained on July 25")
   * speaks of the people of the sentence before it (up to two back, in the same article).
   */
  whoIn(si: number): Who {
    let who = this.whoCache[si]
    if (who) return who
    who = this.ownWho(si)
    // "A soldier who was serving there…" introduces someone new: nobody to look back for.
    if (
      who.named.size === 0 &&
      who.descriptors.size === 0 &&
      INTRODUCES.test(this.sentenceInfo(si).text)
    ) {
      who = { named: who.named, descriptors: new Set([`intro:${si}`]) }
    }
    const article = this.articleOf(this.index.sentences[si]!.start)
    for (
      let back = si - 1;
      back >= Math.max(0, si - 2) && who.named.size === 0 && who.descriptors.size === 0;
      back--
    ) {
      if (this.articleOf(this.index.sentences[back]!.start) !== article) break
      // A headline starts a new story: it speaks of nobody before it.
      if (this.sentenceInfo(si).headline()) break
      const prev = this.ownWho(back)
      if (prev.named.size > 0 || prev.descriptors.size > 0) who = prev
    }
    this.whoCache[si] = who
    return who
  }

  crimeKey(type: EventType, m: { start: number; end: number }, si: number): ReadonlySet<string> {
    if (type !== 'incident' && !TRIAL_TYPES.has(type)) return NONE
    const own = new Set<string>()
    for (let i = m.start; i < m.end; i++) {
      const cat = this.evidenceAt.get(i)
      if (cat) own.add(cat)
    }
    // The sentence's set is shared, never mutated (clusters copy what they keep).
    return own.size > 0 ? own : (this.facts.crimes.get(si) ?? NONE)
  }

  /** Penalties a text states, read once per text (a sentence's kinds, its events' penalties). */
  penaltiesIn(text: string): readonly Penalty[] {
    let v = this.penaltyCache.get(text)
    if (v === undefined) {
      v = findPenalties(text)
      this.penaltyCache.set(text, v)
    }
    return v
  }

  /** A fresh list of a text's penalties for each event (callers may keep it). */
  penalties(text: string): Penalty[] {
    return [...this.penaltiesIn(text)]
  }

  unnamed(info: SentenceInfo): string | null {
    const text = info.text
    let v = this.unnamedCache.get(text)
    if (v === undefined) {
      v = unnamedSubject(text, this.doc.lang, this.doc.lang === 'en' ? undefined : info.lower())
      this.unnamedCache.set(text, v)
    }
    return v
  }

  summary(text: string): string {
    let v = this.summaryCache.get(text)
    if (v === undefined) {
      v = summarize(text)
      this.summaryCache.set(text, v)
    }
    return v
  }

  // The span and the carried date of a sentence's dates, read once per sentence: every
  // undated event of a paragraph looks back at the same dated sentences.
  spanIn(si: number): string | null {
    let v = this.spans[si]
    if (v === undefined) {
      v = sentenceSpan(this.content, this.facts.dates.get(si) ?? [])
      this.spans[si] = v
    }
    return v
  }

  carriedIn(si: number): string | null {
    let v = this.carried[si]
    if (v === undefined) {
      v = carriedDate(this.content, this.facts.dates.get(si) ?? [])
      this.carried[si] = v
    }
    return v
  }

  /** What `make` reads from a sentence, computed once per sentence rather than per trigger. */
  sentenceParts(si: number): SentenceParts {
    let parts = this.partsCache[si]
    if (!parts) {
      const towns = new Set<string>()
      const names = new Set<string>()
      for (const p of this.facts.places.get(si) ?? []) {
        if (p.kind === 'country') continue
        for (const key of p.keys) towns.add(key)
        names.add(p.name)
      }
      parts = new SentenceParts(this, this.sentenceInfo(si).text, towns, names.size)
      this.partsCache[si] = parts
    }
    return parts
  }

  make(
    type: EventType,
    m: { start: number; end: number; text: string },
    si: number,
    derived = false,
  ): Candidate {
    const { content, facts } = this
    const s = this.index.sentences[si]!
    const info = this.sentenceInfo(si)
    const own = this.sentenceParts(si)
    const who = this.whoIn(si)
    const article = this.articleOf(m.start)
    let date = derived
      ? null
      : (facts.dates.get(si) ?? []).length === 0
        ? own.weekday()
        : eventDate(
            content,
            near(facts.dates.get(si) ?? [], m.start),
            { start: m.start, end: m.end, type },
            this.acceptedIn.get(si) ?? info.triggers(),
          )
    // A span in a sentence about a step dates the crime ("charged with embezzling funds between
    // 2017 and 2019"): the step is a point in time.
    // A trial may span months ("on trial from March to May"): a charge loses the span only when
    // the crime is told between them.
    if (date?.includes('/') && POINT_STEPS.has(type)) {
      const crime = this.firstEvidence.get(si)
      const span = (facts.dates.get(si) ?? [])[0]
      const between =
        crime !== undefined &&
        span !== undefined &&
        crime.start >= Math.min(m.end, span.end) &&
        crime.end <= Math.max(m.start, span.start)
      if (type !== 'charge' || between) date = null
    }
    if (date === null && type === 'incident' && !derived) date = this.spanIn(si)
    return {
      type,
      start: m.start,
      end: m.end,
      triggerText: m.text,
      sentence: s,
      sentenceIndex: si,
      article,
      // A crime found through a step taken about it is not dated by that step.
      date,
      openDate: (type === 'flight' || type === 'wanted') && own.since(),
      named: who.named,
      descriptors: who.descriptors,
      // A sentence naming three or more towns summarises several occurrences: no distinction.
      towns: own.townCount >= 3 ? NONE : own.towns,
      crimes: this.crimeKey(type, m, si),
      fresh: info.fresh(),
      other: type === 'sentence' && !derived && this.otherDefendant(si, m.start),
      penalties: type === 'sentence' ? own.penaltyKinds() : NONE,
      continues: own.continues(),
      remand: this.remandAt.has(m.start),
      derived,
      inherited: false,
    }
  }

  /**
   * "The court sentenced X to five years, and his accomplice Y was fined": after a clause break
   * that follows an earlier sentence trigger, a name or an accomplice of its own is another
   * defendant's sentence.
   */
  otherDefendant(si: number, at: number): boolean {
    const content = this.content
    const earlier = (this.acceptedIn.get(si) ?? []).find(
      (t) => t.type === 'sentence' && t.end <= at,
    )
    if (!earlier) return false
    const between = content.slice(earlier.end, at)
    // "X got 5 years, Y was fined": a bare comma counts before a new name only.
    const join = CLAUSE_BREAK.exec(between) ?? BARE_COMMA.exec(between)
    if (!join) return false
    const strong = join[0].trim() !== ','
    const from = earlier.end + join.index
    const persons = this.facts.persons.get(si) ?? []
    const before = persons.filter((p) => p.start < from).map((p) => p.name)
    const after = persons.filter((p) => p.start > from && p.start < at)
    // Only a penalty of another kind ("five years" and "fined"): "sentenced X, and his colleague
    // Y, to 30 and 20 years respectively" is one joint sentence.
    const s = this.index.sentences[si]!
    const first = penaltyKinds(content.slice(s.start, from))
    const second = penaltyKinds(content.slice(from, s.end))
    if (first.size === 0 || second.size === 0 || [...second].every((x) => first.has(x)))
      return false
    return (
      after.some((p) => !before.includes(p.name)) ||
      (strong && ACCOMPLICE.test(content.slice(from, at)))
    )
  }

  acceptTriggers(): void {
    const { content, index, facts, words, accepted } = this
    for (const m of this.matches) {
      if (accepted.length >= MAX_CANDIDATES) break
      const { type, needsCrime } = m.value
      if (type === null) continue
      const si = index.indexAt(m.start)
      if (si < 0) continue
      const info = this.sentenceInfo(si)
      if (needsCrime && !facts.crimes.has(si)) continue
      if (m.value.needsLaw && !info.test(LAW_WORD, LAW_WORD_LOW)) continue
      // Cooperation is between agencies of different states or with an international body: a
      // joint operation of two Kazakh agencies is their arrest, not cooperation.
      if (m.value.needsForeign && !this.foreignParty(si)) continue
      if (isNegated(words, m.wordStart, m.wordEnd)) continue
      if (COUNTABLE.has(type) && info.aggregate()) continue
      if (type === 'sentence' && info.hypothetical()) continue
      if (info.denial()) continue
      if (
        (type === 'release' || type === 'sentence') &&
        isModal(content.slice(index.sentences[si]!.start, m.start))
      ) {
        continue
      }
      if (m.value.weak && info.types.has('sentence')) continue
      // "A previously convicted resident was detained for theft", "Its members, previously
      // convicted, …": a record is background, never an event of the story.
      if (m.value.prior) continue
      const cats = facts.crimes.get(si)
      // A confiscation ordered with a sentence is part of the penalty; "seized" a person is a kidnapping.
      if (
        type === 'seizure' &&
        (info.types.has('sentence') || info.court() || cats?.has('kidnapping'))
      )
        continue
      // "X, charged with fraud, pleaded guilty": the plea is the sentence, the charge is told back.
      if (type === 'charge' && info.plea()) continue
      // "wanted on charges of" is the wanted notice, not a charge.
      if (type === 'charge' && CHARGES_WORD.test(m.text) && info.types.has('wanted')) continue
      // Repatriation agreed in an agreement is the agreement.
      if (type === 'asset_recovery' && info.types.has('cooperation')) continue
      // A treaty that regulates extradition is not an extradition.
      if (type === 'extradition' && info.treaty()) continue
      // An escape from captivity or forced labour is the victim's, not a suspect's flight.
      if (type === 'flight' && info.victimEscape()) continue
      accepted.push({ type, m, si })
      bucket(this.acceptedIn, si, { start: m.start, end: m.end, type })
      // An old conviction does not tell its crime as an incident of the story.
      if (STEP_TYPES.has(type) && !m.value.prior && !this.stepSentences.has(si))
        this.stepSentences.set(si, m)
      if (type === 'incident') this.incidentSentences.add(si)
    }
    // Built once every trigger is decided: a date belongs to one of the triggers kept.
    for (const a of accepted) this.candidates.push(this.make(a.type, a.m, a.si))
  }

  /** Laws named with their year: one legislation event dated by it. */
  addYearLaws(): void {
    const { content, candidates } = this
    if (!YEAR_LAW_HINT.test(content)) return
    for (const m of content.matchAll(YEAR_LAW)) {
      if (candidates.length >= MAX_CANDIDATES) break
      const si = this.index.indexAt(m.index ?? 0)
      if (si < 0) continue
      const start = m.index ?? 0
      const c = this.make('legislation', { start, end: start + m[0].length, text: m[0] }, si, true)
      c.date = m[1] ?? null
      candidates.push(c)
    }
  }

  /**
   * "In August 2012, police launched a murder investigation after finding 11 bodies": a case
   * opened, an arrest or a seizure follows the crime it finds within days, so a month or a year
   * that dates the step dates the crime too (a day would not: the crime may be the day before).
   */
  discoveryMonth(step: WordMatch<TriggerEntry>, si: number): string | null {
    if (step.value.type === null || !DISCOVERY_STEPS.has(step.value.type)) return null
    const made = this.candidates.find((c) => c.start === step.start && c.type === step.value.type)
    const date = made?.date ?? null
    return date !== null && date.length <= 7 && !date.includes('/') && si === made?.sentenceIndex
      ? date
      : null
  }

  /** The crime itself, told in a sentence about a step taken against it or an allegation. */
  addIncidents(): void {
    const { content, facts, candidates } = this
    for (const si of facts.crimes.keys()) {
      if (si < 0 || this.incidentSentences.has(si) || candidates.length >= MAX_CANDIDATES) continue
      const info = this.sentenceInfo(si)
      if (info.aggregate()) continue
      const cats = [...(facts.crimes.get(si) ?? [])]
      const step = this.stepSentences.get(si)
      if (step) {
        // Membership of a criminal group alone is not an act the text describes.
        if (cats.some((c) => !NOT_AN_ACT.has(c))) {
          const c = this.make('incident', step, si, true)
          const date =
            clauseDate(content, facts.dates.get(si) ?? [], step, this.firstEvidence.get(si)) ??
            this.spanIn(si) ??
            this.discoveryMonth(step, si)
          if (date) c.date = date
          candidates.push(c)
        }
      } else if (info.test(ALLEGATION, ALLEGATION_LOW) || info.test(FINDING, FINDING_LOW)) {
        // "According to the investigation, in 2017–2018 the woman was part of a criminal group":
        // the sentence tells the act itself, with its date.
        if (!cats.some((c) => c !== 'other')) continue
        const at = this.firstEvidence.get(si)
        if (at) candidates.push(this.make('incident', at, si, false))
      }
    }
  }

  /**
   * Whether sentence `si` goes on with the paragraph of sentence `si - 1`: same article, no line
   * break between them, and not after a headline.
   */
  continuesParagraph(si: number): boolean {
    if (si < 1) return false
    let v = this.continuations[si]
    if (v === undefined) {
      v = this.readContinuation(si)
      this.continuations[si] = v
    }
    return v
  }

  /**
   * Whether sentence `si` follows sentence `si - 1` in the same article's story, across a
   * paragraph break: not after a headline.
   */
  sameArticleStory(si: number): boolean {
    if (si < 1) return false
    const prev = this.index.sentences[si - 1]!
    const cur = this.index.sentences[si]!
    return (
      this.articleOf(prev.start) === this.articleOf(cur.start) &&
      !this.sentenceInfo(si - 1).headline()
    )
  }

  /** `continuesParagraph`, read from the text (`si` >= 1). */
  readContinuation(si: number): boolean {
    const content = this.content
    const prev = this.index.sentences[si - 1]!
    const cur = this.index.sentences[si]!
    // The line break may close the sentence before or sit between the two.
    for (let i = cur.start - 1; i >= prev.start && isSpace(content.charCodeAt(i)); i--)
      if (content[i] === '\n') return false
    if (this.articleOf(prev.start) !== this.articleOf(cur.start)) return false
    return !this.sentenceInfo(si - 1).headline()
  }

  /**
   * Whether a sentence tells something a paragraph's date cannot date: a headline, a person's
   * background, another time. Read once per sentence, and only once a date is in reach (most
   * sentences have none: the tests would be wasted).
   */
  apart(si: number): boolean {
    let v = this.standsApart[si]
    if (v === undefined) {
      const info = this.sentenceInfo(si)
      const text = info.text
      const lower = info.lower()
      v =
        info.headline() ||
        BACKGROUND_OPENING.test(text) ||
        (OTHER_TIME_HINT.test(lower) && info.test(OTHER_TIME, OTHER_TIME_LOW)) ||
        (PRESENT_TIME_HINT.test(lower) && info.test(PRESENT_TIME, PRESENT_TIME_LOW))
      this.standsApart[si] = v
    }
    return v
  }

  /** A date found for a candidate, unless its sentence stands apart (see `paragraphDate`). */
  ownParagraphDate(si: number, policy: boolean, date: string): string | null {
    return this.apart(si) || (policy && !this.sentenceInfo(si).test(ALSO, ALSO_LOW)) ? null : date
  }

  /**
   * The date that governs a sentence without dates: that of the nearest earlier sentence of its
   * paragraph with a date of its own ("On 13 February police detained two activists. … All the
   * others were released."). Steps take only a date that no crime owns; laws and agreements
   * only when told as "also" the step of that sentence ("also signed a deal").
   */
  paragraphDate(c: Candidate): string | null {
    const { facts } = this
    const si = c.sentenceIndex
    if ((facts.dates.get(si) ?? []).length > 0) return null
    const policy = c.type === 'legislation' || c.type === 'cooperation'
    // "Ол оқиға орнында ұсталды", "was detained at the scene": the arrest is the crime's or the
    // find's moment, told in an earlier paragraph of the article as well.
    let atScene = false
    if (c.type === 'arrest') {
      const info = this.sentenceInfo(si)
      atScene = this.atScene[si] ??=
        AT_SCENE_HINT.test(info.lower()) && info.test(AT_SCENE, AT_SCENE_LOW)
    }
    // Every date found below is given up when the sentence stands apart.
    for (
      let g = si - 1, hops = 0;
      hops < PARAGRAPH_REACH &&
      (this.continuesParagraph(g + 1) || (atScene && this.sameArticleStory(g + 1)));
      g--, hops++
    ) {
      const dates = facts.dates.get(g) ?? []
      if (dates.length === 0) continue
      const types = (this.acceptedIn.get(g) ?? []).map((t) => t.type)
      if (c.derived) {
        // A crime found through a step is not dated by a step's day, only by a span that the
        // paragraph gives it ("a group that operated between 2017 and 2019").
        const span = this.spanIn(g)
        if (span) return this.ownParagraphDate(si, policy, span)
        continue
      }
      const carried = this.carriedIn(g)
      if (carried === null) continue
      if (policy) return types.includes(c.type) ? this.ownParagraphDate(si, policy, carried) : null
      if (this.ownParagraphDate(si, policy, carried) === null) return null
      if (this.sentenceInfo(si).test(NEXT_DAY, NEXT_DAY_LOW)) return nextDay(carried)
      if (c.type !== 'incident') {
        if (carried.includes('/')) return null
        // A wanted notice is older than the steps around it ("fled in 2012 … he was wanted").
        if (c.type === 'wanted' && !types.includes('wanted')) return null
        const told = this.sentenceInfo(g)
        const crimeDate =
          types.includes('incident') ||
          facts.crimes.has(g) ||
          told.test(ALLEGATION, ALLEGATION_LOW) ||
          told.test(FINDING, FINDING_LOW)
        if (crimeDate && !atScene && !types.some((t) => t !== 'incident')) return null
      }
      return carried
    }
    return null
  }

  // The paragraph's date is the occurrence's own: it tells apart two charges of one article
  // ("His trial from March to May 2024 …" and, under "On 13 February …", "… eventually charged").
  cluster(): Cluster[] {
    const candidates = this.candidates
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!
      if (c.date !== null) continue
      const date = this.paragraphDate(c)
      if (date !== null) {
        c.date = date
        c.inherited = true
      }
    }
    candidates.sort((a, b) => a.start - b.start)
    const clusters: Cluster[] = []
    for (const c of candidates) {
      let home: Cluster | undefined
      for (const k of clusters) {
        if (k.first.type === c.type && compatible(k, c)) {
          home = k
          break
        }
      }
      if (home) {
        home.members.push(c)
        home.lastSentence = Math.max(home.lastSentence, c.sentenceIndex)
        // Keep the most precise date: "2025-02-13" over "2025-02".
        if (
          !c.inherited &&
          (home.date === null ||
            (c.date !== null &&
              c.date.length > home.date.length &&
              !c.date.includes('/') &&
              !c.remand))
        ) {
          home.date = c.date ?? home.date
        }
        for (const n of c.named) home.named.add(n)
        for (const d of c.descriptors) home.descriptors.add(d)
        if (home.towns.size === 0) for (const t of c.towns) home.towns.add(t)
        if (home.crimes.size === 0) for (const t of c.crimes) home.crimes.add(t)
      } else {
        clusters.push({
          first: c,
          date: c.date,
          named: new Set(c.named),
          descriptors: new Set(c.descriptors),
          towns: new Set(c.towns),
          crimes: new Set(c.crimes),
          members: [c],
          lastSentence: c.sentenceIndex,
        })
      }
    }
    return clusters
  }

  carryDates(clusters: readonly Cluster[]): void {
    const { facts, index } = this
    // An event told without a date in a sentence without dates takes the date of the sentence
    // before it: "On 3 May police detained a man. He was charged with fraud." Done once clusters
    // are settled, so the carried date never splits or merges occurrences.
    for (const k of clusters) {
      if (k.date !== null || !CARRIES_DATE.has(k.first.type)) continue
      const si = k.first.sentenceIndex
      if (si < 1 || this.articleOf(index.sentences[si - 1]!.start) !== k.first.article) continue
      // Only a sentence that goes on with the story ("He", "The suspect", "The next day"), or a
      // crime told again where the sentence before names it with its date ("The group laundered
      // money in 2017-2019. Its leader was charged with money laundering.").
      const info = this.sentenceInfo(si)
      const m = BACK_REFERENCE.exec(info.text)
      const sameCrime =
        k.first.type === 'incident' &&
        [...k.crimes].some((c) => !NOT_AN_ACT.has(c) && facts.crimes.get(si - 1)?.has(c))
      // A sentence with dates of its own keeps them for its steps; only the crime, which those
      // dates do not date, may take the earlier one.
      const ownDates = (facts.dates.get(si) ?? []).length > 0
      if (ownDates ? !sameCrime : !m && !sameCrime) continue
      if (info.test(PRESENT_TIME, PRESENT_TIME_LOW)) continue
      // A crime found through a step ("He was charged with fraud") is older than the step's day.
      if (k.first.derived && !sameCrime) continue
      const carried = this.carriedIn(si - 1)
      // A step does not take the date of a crime told before it ("Between 2023 and 2025 he
      // embezzled funds. He was charged."): only a sentence that reports a step dates a step.
      if (k.first.type !== 'incident') {
        if (carried?.includes('/')) continue
        const prevTypes = (this.acceptedIn.get(si - 1) ?? []).map((t) => t.type)
        if (!prevTypes.some((t) => t !== 'incident')) continue
        // "… was detained on 24 September. His partner is on the wanted list.": a wanted notice
        // is older than the step told before it (as in `paragraphDate`).
        if (k.first.type === 'wanted' && !prevTypes.includes('wanted')) continue
      }
      const dayAfter = m?.[1] !== undefined || info.test(NEXT_DAY, NEXT_DAY_LOW)
      k.date = carried && dayAfter ? nextDay(carried) : carried
    }
  }

  /**
   * The date an article gives a crime (see `dateFoundCrimes`), or `undefined` when it gives
   * none or several.
   */
  crimeDateOf(article: number): CrimeDate | undefined {
    const { facts, index } = this
    let found: CrimeDate | undefined
    for (const [si, dates] of facts.dates) {
      if (this.articleOf(index.sentences[si]!.start) !== article || dates.length === 0) continue
      const info = this.sentenceInfo(si)
      const text = info.text
      if (info.headline()) continue
      const span = this.spanIn(si)
      const told = CRIME_TOLD_HINT.test(info.lower()) && CRIME_TOLD.test(text)
      // A count in the sentence makes it an aggregate, unless it is what the investigation found
      // over a span ("According to investigators, between March 2023 and July 2025 the club
      // took money from more than 4,000 people").
      if (info.aggregate() && !(told && span)) continue
      const steps = (this.acceptedIn.get(si) ?? []).some((t) => t.type !== 'incident')
      const crimes = facts.crimes.get(si)
      const date = span ?? (steps ? null : told || crimes ? this.carriedIn(si) : null)
      if (date === null) continue
      // An article that tells several crimes with dates tells several stories: none is the one.
      if (found && found.date !== date) {
        found = undefined
        break
      }
      found ??= { date, crimes, told }
    }
    return found
  }

  dateFoundCrimes(clusters: readonly Cluster[]): void {
    // A crime found only through a step ("Suspects in the robbery of an exchange office were
    // detained") is the one the article tells with its date elsewhere: in a sentence that
    // reports what the investigation found ("По данным полиции, 5 мая …", "Тергеу деректеріне
    // қарағанда, қараша айында …") or names that crime, without a step of its own, or in a span
    // that a step's sentence gives the crime ("accused of running a scheme in 2017-2019").
    const crimeDates = new Map<number, CrimeDate | undefined>()
    for (const k of clusters) {
      if (k.date !== null || k.first.type !== 'incident' || !k.members.every((m) => m.derived))
        continue
      const article = k.first.article
      let known: CrimeDate | undefined
      if (crimeDates.has(article)) known = crimeDates.get(article)
      else {
        known = this.crimeDateOf(article)
        crimeDates.set(article, known)
      }
      if (!known) continue
      if (known.crimes ? overlap(known.crimes, k.crimes) : known.told) k.date = known.date
    }
  }
}

/** Kinds of penalty a text states. */
function penaltyKinds(text: string): Set<string> {
  return new Set(findPenalties(text).map((p) => p.kind))
}

/**
 * Per-sentence inputs of a candidate, each read on first use. Towns are shared between
 * candidates, never mutated.
 */
class SentenceParts {
  readonly towns: ReadonlySet<string>
  /** Distinct place names (not countries) of the sentence. */
  readonly townCount: number
  readonly #finder: EventFinder
  readonly #text: string
  #weekday: string | null | undefined
  #since: boolean | undefined
  #continues: boolean | undefined
  #penaltyKinds: ReadonlySet<string> | undefined

  constructor(finder: EventFinder, text: string, towns: ReadonlySet<string>, townCount: number) {
    this.#finder = finder
    this.#text = text
    this.towns = towns
    this.townCount = townCount
  }
  weekday(): string | null {
    if (this.#weekday === undefined) {
      const doc = this.#finder.doc
      this.#weekday = weekdayDate(this.#text, doc.referenceDate ?? doc.published)
    }
    return this.#weekday
  }
  since(): boolean {
    this.#since ??= SINCE_HINT.test(this.#text) && SINCE.test(this.#text)
    return this.#since
  }
  continues(): boolean {
    this.#continues ??= BACK_REFERENCE.test(this.#text)
    return this.#continues
  }
  /** Kinds of penalty the sentence states; shared, never mutated. */
  penaltyKinds(): ReadonlySet<string> {
    this.#penaltyKinds ??= new Set(this.#finder.penaltiesIn(this.#text).map((p) => p.kind))
    return this.#penaltyKinds
  }
}

// What closes a sentence; a headline ends without it.
const CLOSING = new Set(['.', '!', '?', '…', ':', ';', '"', '»', '”', ')', ']'])

/**
 * Tells whether a sentence is a headline: a line without closing punctuation. Read from the
 * end: a pattern anchored at `$` would try every punctuation mark of the sentence.
 */
function isHeadline(sentence: string): boolean {
  let i = sentence.length - 1
  while (i >= 0 && isSpace(sentence.charCodeAt(i))) i--
  return i < 0 || !CLOSING.has(sentence[i]!)
}

/** Tells whether a candidate can be the same occurrence as a cluster of its type. */
function compatible(k: Cluster, c: Candidate): boolean {
  if (c.other && c.sentence.start === k.first.sentence.start) return false
  if (c.fresh && c.sentence.start !== k.first.sentence.start) return false
  if (k.date !== null && c.date !== null && !sameDate(k.date, c.date)) {
    // "Detained on May 3 … remanded in custody on May 5" is one arrest.
    const remandLater = c.remand && k.date < c.date && c.sentenceIndex - k.lastSentence <= 2
    if (!(c.openDate && k.date < c.date) && !remandLater) return false
  }
  // Laws and agreements told far apart are different ones unless their dates agree to the day:
  // "signed the ratification law on 5 June 2008" and "adopted in June 2008 a drug law".
  if (
    (c.type === 'legislation' || c.type === 'cooperation') &&
    c.sentenceIndex - k.lastSentence > POLICY_SPAN &&
    k.date !== c.date
  )
    return false
  const sharedNames = overlap(k.named, c.named)
  if (c.article !== k.first.article && !sharedNames) return false
  if (
    (c.type === 'legislation' || c.type === 'cooperation') &&
    (k.date === null || c.date === null || c.inherited)
  ) {
    if (c.sentenceIndex - k.lastSentence > POLICY_SPAN) return false
  }
  // Defendants of one trial share its sentence unless they got penalties of another kind
  // ("X got five years. Y was fined.").
  const otherPenalty =
    k.first.penalties.size > 0 &&
    c.penalties.size > 0 &&
    ![...c.penalties].some((x) => k.first.penalties.has(x))
  const sameTrial =
    TRIAL_TYPES.has(c.type) && c.sentenceIndex - k.lastSentence <= TRIAL_SPAN && !otherPenalty
  // "Y was fined" after "X got five years" is another defendant's ("He was also fined" is not).
  if (otherPenalty && c.sentenceIndex !== k.lastSentence && !c.continues) return false
  if (k.named.size > 0 && c.named.size > 0 && !sharedNames && !sameTrial) return false
  if (describesOthers(k.descriptors, c.descriptors)) return false
  if (conflicts(k.towns, c.towns, 'r:') || conflicts(k.towns, c.towns, 't:')) return false
  // Crimes of one sentence are one occurrence ("riots … protestors were shot and killed"),
  // unless what tells people or places apart says otherwise (above).
  if (
    k.crimes.size > 0 &&
    c.crimes.size > 0 &&
    !overlap(k.crimes, c.crimes) &&
    !(c.type === 'incident' && c.sentenceIndex === k.lastSentence)
  )
    return false
  return true
}

/**
 * Tells whether two sets of descriptors (`A.Sh.`, `age:35`, `nat:uzbek`) describe different
 * people: they share none, and for some kind (initials, age, nationality) both have values.
 * "A 42-year-old man" and "a citizen of Uzbekistan" may be the same person.
 */
function describesOthers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0 || overlap(a, b)) return false
  const kind = (x: string) =>
    x.startsWith('age:')
      ? 'age'
      : x.startsWith('nat:')
        ? 'nat'
        : x.startsWith('intro:')
          ? 'intro'
          : 'initials'
  const kinds = new Set([...a].map(kind))
  for (const x of b) if (kinds.has(kind(x))) return true
  return false
}

/** Tells whether two place sets both name places of one level (`r:` regions, `t:` towns) and share none. */
function conflicts(a: ReadonlySet<string>, b: ReadonlySet<string>, level: string): boolean {
  if (a.size === 0 || b.size === 0) return false
  let aHas = false
  for (const x of a) {
    if (!x.startsWith(level)) continue
    aHas = true
    if (b.has(x)) return false
  }
  if (!aHas) return false
  for (const x of b) if (x.startsWith(level)) return true
  return false
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of b) if (a.has(x)) return true
  return false
}

function toEvent(k: Cluster, f: EventFinder): LawEvent {
  const { facts, index } = f
  const c = k.first
  // Plain loops over the few sentences of a cluster: this runs for every event.
  const sentenceIdx: number[] = []
  for (const m of k.members) {
    const si = index.indexAt(m.sentence.start)
    if (!sentenceIdx.includes(si)) sentenceIdx.push(si)
  }
  const firstInfo = f.sentenceInfo(sentenceIdx[0]!)
  const firstText = firstInfo.text
  const subjectSet = new Set(k.named)
  const agencySet = new Set<string>()
  const amountSet = new Set<string>()
  for (const si of sentenceIdx) {
    for (const p of facts.persons.get(si) ?? []) subjectSet.add(p.name)
    for (const o of facts.orgs.get(si) ?? []) if (AGENCY_KINDS.has(o.kind)) agencySet.add(o.name)
    for (const a of facts.money.get(si) ?? []) amountSet.add(a)
  }
  const subjects = [...subjectSet]
  if (subjects.length === 0) {
    const unnamed = f.unnamed(firstInfo)
    if (unnamed && c.type !== 'legislation' && c.type !== 'cooperation') subjects.push(unnamed)
  }
  const agencies = [...agencySet]
  const placeSet = new Set<string>()
  for (const p of facts.places.get(sentenceIdx[0]!) ?? []) placeSet.add(p.name)
  const places = [...placeSet]
  // Only sentences and seizures read penalties and items from the text.
  const allText =
    c.type === 'sentence' || c.type === 'seizure'
      ? sentenceIdx.length === 1
        ? firstText
        : sentenceIdx.map((si) => f.sentenceInfo(si).text).join(' ')
      : ''
  return {
    start: c.sentence.start,
    end: c.sentence.end,
    type: c.type,
    date: k.date,
    location: places.length > 0 ? places.join('; ') : null,
    subjects,
    agency: agencies.length > 0 ? agencies.slice(0, 3).join('; ') : null,
    summary: f.summary(firstText),
    trigger: { start: c.start, end: c.end, text: c.triggerText },
    article: c.article,
    penalties: c.type === 'sentence' ? f.penalties(allText) : [],
    amounts: [...amountSet],
    items: c.type === 'seizure' ? findItems(allText) : [],
    provenance: { stage: STAGE, version: VERSION },
  }
}

// Whitespace that `\s+` → ' ' would change: any `\s` but a space, or two spaces.
const SQUEEZE = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/

const SPACES = /\s+/g

function summarize(sentence: string): string {
  // Most sentences have single spaces only: nothing to squeeze.
  const flat = (SQUEEZE.test(sentence) ? sentence.replace(SPACES, ' ') : sentence).trim()
  return flat.length <= SUMMARY_CHARS ? flat : `${flat.slice(0, SUMMARY_CHARS - 1).trimEnd()}…`
}
