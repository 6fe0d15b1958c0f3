/**
 * Decides which crime categories a document reports (happened, alleged, charged, or the subject
 * of the laws and statistics it discusses), from the lexicon in `data/crimes/lexicon.tsv`.
 *
 * Lexicon matches are filtered by context:
 * - names of police units ("управление по противодействию киберпреступности") name a unit, not
 *   a crime the text reports;
 * - a taking of money or goods ("хищение", "stolen") is embezzlement when public or official
 *   funds are in the sentence, part of the fraud or embezzlement when the document reports one
 *   (it stays evidence of that crime), and theft otherwise;
 * - acts flagged `nofraud` in a sentence about fraud, and ransom demands in a document about a
 *   kidnapping, are parts of that crime;
 * - `cyber_fraud` always brings `fraud` (the gold convention); fraud in a sentence that names a
 *   phone or internet channel ("звонили по телефону", "online") is `cyber_fraud` as well;
 * - a crime named as a suspect's prior record ("ранее судимый за вымогательство") counts: the gold
 *   lists it (the crime happened), so no filter drops it;
 * - an anti-corruption agency's name (flag `weak`) counts only when no other crime is named;
 * - abuse of office flagged `noassault` in a sentence about violence is part of that violence.
 *
 * @module pipeline/stages/extract-crimes
 */
import type { CrimesDoc, DatesDoc } from '#core/document.ts'
import { CRIME_CATEGORIES, type CrimeCategory, type CrimeFact } from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import type { Mention } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import { appliesTo, readLexiconFile } from './lexicon-file.ts'
import { createSentenceIndex, type SentenceIndex } from './sentence-index.ts'
import {
  createWordLexicon,
  scanWords,
  type WordLexicon,
  type WordMatch,
  type WordScan,
} from './word-lexicon.ts'

const STAGE = 'extract-crimes'
const VERSION = 1
/** Evidence kept per category (extract-events reads it to find the sentences that name a crime). */
const MAX_EVIDENCE = 200

interface CrimeEntry {
  /** Empty for a blocker entry (a name whose words must not count). */
  readonly categories: readonly CrimeCategory[]
  readonly flags: ReadonlySet<string>
  /** A category is `fraud` or `cyber_fraud` (read per match: worked out once per entry). */
  readonly fraud: boolean
  /** A category is `assault` or `homicide`. */
  readonly violent: boolean
}

const CATEGORY_SET: ReadonlySet<string> = new Set(CRIME_CATEGORIES)
const LINES = readLexiconFile('crimes/lexicon.tsv').flatMap((l) => {
  const categories = l.value === '-' ? [] : l.value.split('+')
  if (!categories.every((c) => CATEGORY_SET.has(c))) return []
  return [{ ...l, categories: categories as CrimeCategory[] }]
})

// One matcher per document language, built once.
const MATCHERS = new Map<Lang, WordLexicon<CrimeEntry>>()
function matcherFor(lang: Lang): WordLexicon<CrimeEntry> {
  let m = MATCHERS.get(lang)
  if (!m) {
    m = createWordLexicon(
      LINES.filter((l) => appliesTo(l.lang, lang)).map((l) => ({
        phrase: l.phrase,
        value: {
          categories: l.categories,
          flags: l.flags,
          fraud: l.categories.some((c) => c === 'fraud' || c === 'cyber_fraud'),
          violent: l.categories.some((c) => c === 'assault' || c === 'homicide'),
        },
        ...(l.flags.has('case') ? { caseSensitive: true } : {}),
      })),
    )
    MATCHERS.set(lang, m)
  }
  return m
}

/** Context words: `channel`, a phone or internet channel (data/crimes/context.tsv). */
type ContextRole = 'channel'
const CONTEXT_LINES = readLexiconFile('crimes/context.tsv').filter((l) => l.value === 'channel')
const CONTEXT_MATCHERS = new Map<Lang, WordLexicon<ContextRole>>()
function contextMatcherFor(lang: Lang): WordLexicon<ContextRole> {
  let m = CONTEXT_MATCHERS.get(lang)
  if (!m) {
    m = createWordLexicon(
      CONTEXT_LINES.filter((l) => appliesTo(l.lang, lang)).map((l) => ({
        phrase: l.phrase,
        value: l.value as ContextRole,
      })),
    )
    CONTEXT_MATCHERS.set(lang, m)
  }
  return m
}

// Words that mark public or official money: a taking of it is embezzlement.
const PUBLIC_FUNDS =
  /бюджет|государствен|казн|чиновник|должностн|budget|state funds|public funds|treasury|state money|мемлекеттік/iu
// Words before a crime noun that make it part of a unit's name (ru): "управление по
// противодействию наркопреступности", "департамент по борьбе с организованной преступностью".
const UNIT_NOUN =
  /^(управлени|департамент|отдел|комитет|служб|агентств|подразделени|центр|главк|бюро)/u
const UNIT_FIGHT = /^(противодействи|борьб)/u

/** Extracts the crime categories a document reports, with evidence spans. */
export function extractCrimes(): Stage<DatesDoc, CrimesDoc> {
  return {
    name: STAGE,
    version: VERSION,
    run(doc) {
      return { ...doc, crimes: findCrimes(doc.content, doc.lang, doc.sentences) }
    },
  }
}

/** Finds crime categories in `content` (furniture already blanked). Exported for tests. */
export function findCrimes(
  content: string,
  lang: Lang,
  sentences: readonly { start: number; end: number }[] = [],
): CrimeFact[] {
  const words = scanWords(content)
  const index = createSentenceIndex(sentences, content.length)
  const matches = matcherFor(lang).match(content, words)
  // Helpers are module functions, not closures: the CLI runs through tsx, which names each
  // closure at creation (`__name`), a cost per document.
  // Sentences that name a phone or internet channel. Only a fraud match asks, so the context
  // words are looked up on the first question: most documents report no fraud.
  let channelSentences: Set<number> | null = null

  // Sentences (by start offset) that report fraud: takings inside them are part of the fraud.
  const fraudSentences = new Set<number>()
  for (const m of matches) {
    if (m.value.fraud) {
      fraudSentences.add(index.at(m.start).start)
    }
  }

  // Sentences that report violence: an abuse of power in them is that violence.
  const violentSentences = new Set<number>()
  for (const m of matches) {
    if (m.value.violent) {
      violentSentences.add(index.at(m.start).start)
    }
  }

  const strong = new Map<CrimeCategory, Mention[]>()
  const generic: WordMatch<CrimeEntry>[] = []
  const kidnapWaiting: WordMatch<CrimeEntry>[] = []
  const weak: WordMatch<CrimeEntry>[] = []

  for (const m of matches) {
    if (m.value.categories.length === 0 || isUnitName(words, m)) continue
    const { categories, flags } = m.value
    const sentence = index.at(m.start).start
    if (flags.has('nofraud') && fraudSentences.has(sentence)) continue
    if (flags.has('noassault') && violentSentences.has(sentence)) continue
    if (flags.has('generic')) {
      generic.push(m)
      continue
    }
    if (flags.has('weak')) {
      weak.push(m)
      continue
    }
    if (flags.has('nokidnap')) {
      kidnapWaiting.push(m)
      continue
    }
    for (const category of categories) add(strong, category, m)
    if (categories.includes('cyber_fraud')) add(strong, 'fraud', m)
    else if (categories.includes('fraud') && !flags.has('nochannel')) {
      channelSentences ??= findChannelSentences(content, lang, words, index)
      if (channelSentences.has(sentence)) add(strong, 'cyber_fraud', m)
    }
  }

  for (const m of kidnapWaiting) {
    if (!strong.has('kidnapping')) for (const c of m.value.categories) add(strong, c, m)
  }

  // A taking of money or goods: embezzlement of public funds, part of a reported fraud or
  // embezzlement, or else theft.
  // A taking absorbed by a fraud or an embezzlement stays evidence of it (events tell crimes
  // apart by their words), without adding a category.
  for (const m of generic) {
    if (PUBLIC_FUNDS.test(sentenceOf(content, index, m))) add(strong, 'embezzlement', m)
    else if (fraudSentences.has(index.at(m.start).start)) add(strong, 'fraud', m)
    else if (strong.has('embezzlement')) add(strong, 'embezzlement', m)
    else if (strong.has('fraud')) add(strong, 'fraud', m)
    else for (const c of m.value.categories) add(strong, c, m)
  }

  // An anti-corruption agency's name shows the field only when nothing else names the crime: an
  // embezzlement it investigates stays embezzlement.
  if (strong.size === 0) for (const m of weak) for (const c of m.value.categories) add(strong, c, m)

  const provenance = { stage: STAGE, version: VERSION }
  // A loop, not `filter`/`map`: no closures per document.
  const out: CrimeFact[] = []
  for (const category of CRIME_CATEGORIES) {
    const evidence = strong.get(category)
    if (evidence) out.push({ category, evidence, provenance })
  }
  return out
}

/** Adds evidence for a category (up to MAX_EVIDENCE mentions). */
function add(strong: Map<CrimeCategory, Mention[]>, category: CrimeCategory, m: Mention): void {
  const list = strong.get(category) ?? []
  if (list.length < MAX_EVIDENCE) list.push({ start: m.start, end: m.end, text: m.text })
  strong.set(category, list)
}

/** Starts of the sentences that name a phone or internet channel. */
function findChannelSentences(
  content: string,
  lang: Lang,
  words: WordScan,
  index: SentenceIndex,
): Set<number> {
  const found = new Set<number>()
  for (const c of contextMatcherFor(lang).match(content, words)) {
    if (c.value === 'channel') found.add(index.at(c.start).start)
  }
  return found
}

/** The sentence around a match, cut to a window so that text without sentence ends stays linear. */
function sentenceOf(content: string, index: SentenceIndex, m: WordMatch<CrimeEntry>): string {
  const s = index.at(m.start)
  return content.slice(Math.max(s.start, m.start - 300), Math.min(s.end, m.end + 300))
}

/** Tells whether a match sits in a unit's name: "<unit> по противодействию/борьбе с <match>". */
function isUnitName(words: WordScan, m: WordMatch<CrimeEntry>): boolean {
  let fight = -1
  for (let i = m.wordStart - 1; i >= Math.max(0, m.wordStart - 4); i--) {
    const norm = words.norms[i]!
    // "п…", "б…": a look at the first letter before the regex.
    const first = norm.charCodeAt(0)
    if ((first === 0x43f || first === 0x431) && UNIT_FIGHT.test(norm)) {
      fight = i
      break
    }
  }
  if (fight < 0) return false
  for (let i = fight - 1; i >= Math.max(0, fight - 6); i--) {
    if (UNIT_NOUN.test(words.norms[i]!)) return true
  }
  return false
}
