/**
 * Finds person-name mentions in text: runs of capitalised words and initials, read with the
 * name-part lists (given names, surname endings, patronymics) and the context cues (titles,
 * honorifics, verbs of speech). Each mention carries its parts in the nominative, so that the
 * linker can join `Алпысом Нурлановым`, `Нурланов` and `Алпыс Нурланов` into one person.
 *
 * One pass over the tokens; every check is a map lookup or a short suffix test.
 *
 * @module pipeline/stages/extract-persons/recognise
 */
import { PERSON_ROLES } from '#core/facts.ts'
import type { Token } from '../../text/tokenize.ts'
import {
  type CueRole,
  HONORIFICS,
  NOT_PERSON_AFTER,
  NOT_PERSON_BEFORE,
  RELATION_CUES,
  SPEECH_CUES,
  STATUS_CUES,
  TITLE_CUES,
} from './cues-data.ts'
import {
  type GivenName,
  kazakhCaseStem,
  kazakhPatronymicBase,
  readGivenName,
  readSurname,
  type SurnameReading,
  stripPossessive,
  surnameNominative,
} from './morphology.ts'
import {
  foldName,
  type Gender,
  isNotName,
  isPatronymic,
  patronymicNominative,
} from './name-data.ts'
import { isSpace, SLOT_NAME_WORD, scratchBytes } from './scan.ts'

/** A surname as read in one mention. */
export interface SurnamePart {
  readonly surface: string
  readonly nominative: string
  /** Shared by all forms of the surname in a text. */
  readonly key: string
  readonly strong: boolean
}

/** One mention of a person's name. */
export interface NameMention {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly tokenStart: number
  readonly tokenEnd: number
  readonly given: (GivenName & { readonly surface: string }) | undefined
  readonly surname: SurnamePart | undefined
  /** Middle words (patronymics, second given names) in the nominative. */
  readonly middle: readonly string[]
  /** Initials as written (`А.Ж.`), or ''. */
  readonly initials: string
  /** The name in the nominative, words in text order. */
  readonly nominative: string
  readonly gender: Gender
  /** A title, honorific or descriptor stands right before the name. */
  readonly cue: CueRole | 'honorific' | undefined
  /** May stand as a person of its own; otherwise it only joins a person found elsewhere. */
  readonly standalone: boolean
  readonly sentenceInitial: boolean
}

/** The title/descriptor cue a word is, if any. */
export function titleCue(norm: string): CueRole | undefined {
  const bits = cueBits(norm) & TITLE_MASK
  return bits === 0 ? undefined : TITLE_ROLES[bits - 1]
}

/** Tells whether a word is a verb of speech (`said`, `сообщила`, `деді`). */
export function isSpeechCue(norm: string): boolean {
  return (cueBits(norm) & SPEECH_BIT) !== 0
}

/** The legal status a word shows, if any. */
export function statusCue(norm: string): 'convict' | 'suspect' | 'victim' | undefined {
  const bits = cueBits(norm) >>> STATUS_SHIFT
  return bits === 0 ? undefined : STATUSES[bits - 1]
}

const TITLE_EXACT = new Map<string, CueRole>()
const TITLE_PREFIX: [string, CueRole][] = []
for (const [w, r] of TITLE_CUES) {
  if (/^[a-z-]+$/.test(w)) TITLE_EXACT.set(w, r)
  else TITLE_PREFIX.push([w, r])
}
const SPEECH_ONE = SPEECH_CUES.filter((s) => !s.includes(' '))

// The three cue readings of a word packed in one number, so that the callers that ask a token
// all three questions (the status and speaker tests around every mention) look it up once:
// bits 0-3 the title role (index + 1), bit 4 speech, bits 5-6 the status (index + 1).
const TITLE_ROLES: readonly CueRole[] = PERSON_ROLES
const STATUSES = ['convict', 'suspect', 'victim'] as const
const TITLE_MASK = 0b1111
const SPEECH_BIT = 0b1_0000
const STATUS_SHIFT = 5

// A word matches a cue only if it starts with the cue's first letters (up to four): a bit per
// such beginning (hashed; a shared bit only costs a look-up) lets most words skip the cache.
// Cues are two letters or longer; one table per beginning length, 2, 3 and 4.
const CUE_START = [new Uint32Array(2048), new Uint32Array(2048), new Uint32Array(2048)] as const

function startKey(norm: string, len: number): number {
  let k = 0
  for (let i = 0; i < len; i++) k = (k * 251 + (norm.charCodeAt(i) & 0xff)) & 0xffff
  return k
}

function hasStart(table: Uint32Array, k: number): boolean {
  return (table[k >>> 5]! & (1 << (k & 31))) !== 0
}

for (const cue of [...TITLE_CUES.map(([w]) => w), ...SPEECH_ONE, ...STATUS_CUES.map(([w]) => w)]) {
  const len = Math.min(cue.length, 4)
  const k = startKey(cue, len)
  CUE_START[len - 2]![k >>> 5]! |= 1 << (k & 31)
}

/** Whether the word begins like some cue; `false` for most words. */
function mayBeCue(norm: string): boolean {
  const n = norm.length
  if (n < 2) return false
  const c0 = norm.charCodeAt(0) & 0xff
  const k2 = (c0 * 251 + (norm.charCodeAt(1) & 0xff)) & 0xffff
  if (hasStart(CUE_START[0], k2)) return true
  if (n < 3) return false
  const k3 = (k2 * 251 + (norm.charCodeAt(2) & 0xff)) & 0xffff
  if (hasStart(CUE_START[1], k3)) return true
  return n >= 4 && hasStart(CUE_START[2], (k3 * 251 + (norm.charCodeAt(3) & 0xff)) & 0xffff)
}

const CUE_CACHE = new Map<string, number>()

function cueBits(norm: string): number {
  if (!mayBeCue(norm)) return 0
  const hit = CUE_CACHE.get(norm)
  if (hit !== undefined) return hit
  const title = titleCueUncached(norm)
  const status = statusCueUncached(norm)
  const bits =
    (title === undefined ? 0 : TITLE_ROLES.indexOf(title) + 1) |
    (speechCueUncached(norm) ? SPEECH_BIT : 0) |
    ((status === undefined ? 0 : STATUSES.indexOf(status) + 1) << STATUS_SHIFT)
  if (CUE_CACHE.size > 50_000) CUE_CACHE.clear()
  CUE_CACHE.set(norm, bits)
  return bits
}

function titleCueUncached(norm: string): CueRole | undefined {
  const exact = TITLE_EXACT.get(norm)
  if (exact) return exact
  if (/^[a-z]/.test(norm)) return undefined
  for (const [p, r] of TITLE_PREFIX) if (norm.startsWith(p)) return r
  return undefined
}

function speechCueUncached(norm: string): boolean {
  for (const s of SPEECH_ONE) if (norm === s || (s.length > 4 && norm.startsWith(s))) return true
  return false
}

function statusCueUncached(norm: string): 'convict' | 'suspect' | 'victim' | undefined {
  for (const [p, r] of STATUS_CUES) if (norm.startsWith(p)) return r
  return undefined
}

const PARTICLES_INNER = new Set([
  'bin',
  'ibn',
  'al',
  'el',
  'van',
  'von',
  'de',
  'del',
  'da',
  'di',
  'der',
  'le',
  'la',
])
const PARTICLES_AFTER = new Set([
  'uulu',
  'kyzy',
  'ogly',
  'oglu',
  'уулу',
  'кызы',
  'оглы',
  'қызы',
  'ұлы',
  'ули',
])
/** A patronymic particle after a name, bare or with a Kazakh case ending (`қызының`). */
function isParticleAfter(norm: string): boolean {
  if (PARTICLES_AFTER.has(norm)) return true
  const base = kazakhPatronymicBase(norm)
  return base !== undefined && PARTICLES_AFTER.has(base)
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'maj',
  'rep',
  'sen',
  'gov',
  'messrs',
  'г',
  'гг',
  'ул',
  'им',
  'ст',
  'тов',
  'г-н',
  'г-жа',
  'проф',
  'ген',
  'полк',
])
const SENTENCE_END = new Set(['.', '!', '?', '…'])
const OPEN_QUOTES = new Set(['«', '“', '"', '„', "'"])
const CLOSE_QUOTES = new Set(['»', '”', '"', "'"])
const NOT_INITIALS = new Set([
  'US',
  'UK',
  'UN',
  'EU',
  'RK',
  'РК',
  'РФ',
  'КР',
  'США',
  'ЕС',
  'ООН',
  'NB',
  'PS',
])

const LETTER_WORD = /^\p{L}[\p{L}\p{M}'’ʼ-]*$/u
const UPPER_FIRST = /^\p{Lu}/u

function isLetterWord(t: Token): boolean {
  if (!t.isWord) return false
  // A word token holds letters, digits, marks and inner joiners: for Latin and Cyrillic the
  // regex comes down to "a letter first, no digit"; other scripts ask the regex.
  const w = t.text
  const c0 = w.charCodeAt(0)
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || (c0 >= 0x400 && c0 <= 0x481)))
    return LETTER_WORD.test(w)
  for (let k = 1; k < w.length; k++) {
    const c = w.charCodeAt(k)
    if (c < 0x80) {
      if (c >= 48 && c <= 57) return false
    } else if (c < 0x400 || c > 0x4ff) return LETTER_WORD.test(w)
  }
  return true
}

function isCapitalised(t: Token): boolean {
  // Cheap test first: most tokens start with a lower-case letter or a digit.
  const c = t.text.charCodeAt(0)
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x430 && c <= 0x44f)) return false
  return startsUpper(t.text) && isLetterWord(t)
}

function isAllCaps(w: string): boolean {
  return w.length > 1 && w === w.toUpperCase()
}

// Endings of Kazakh, Kyrgyz and Uzbek compound given names, on the folded form.
const GIVEN_SHAPE = /(?:bek|zhan|gul|bai|han|gali|nur|bol|tai|dos|bike|sulu|zhol|mirza|din|ali)$/
const NICKNAME_CUES = new Set(['кличке', 'прозвищу', 'прозвищем', 'nicknamed', 'nickname', 'лақап'])
const CITIZEN_CUE =
  /^(?:гражданин|гражданка|гражданина|гражданки|гражданину|уроженец|уроженка|citizen|national)$/
const RELATION_ONLY = new Set([
  'wife',
  'husband',
  'son',
  'daughter',
  'brother',
  'sister',
  'mother',
  'father',
  'named',
  'nicknamed',
  'жена',
  'супруга',
  'муж',
  'сын',
  'дочь',
  'брат',
  'сестра',
  'кличке',
  'прозвищу',
])
// Endings of ordinary words (Russian adjectives and abstract nouns, English verb/noun suffixes)
// that a capitalised word after a title may have but a name does not.
const NOT_NAME_SHAPE =
  /(?:ого|его|ому|ему|ой|ей|ий|ый|ая|ое|ые|ых|их|ым|им|ия|ии|ие|ию|ения|ение|ство|ства|ента|ции|ция|ура|уры|тель|теля|ed|ing|tion|sion|ment|ness|ity|ance|ence|ism|ist|ive|al|ic|ous|ful|ery|ory|ary|ship|s)$/u

/** Whether a capitalised word not in the name lists may be a name, given the cue before it. */
function unknownWordMayBeName(word: string, cue: CueRole | 'honorific', cueToken: Token): boolean {
  if (NOT_NAME_SHAPE.test(word.toLowerCase())) return false
  if (cue === 'honorific' || RELATION_ONLY.has(cueToken.norm)) return true
  // A title in lower case (`прокурор`, `judge`) before the word; Title Case headlines do not count.
  return cue !== 'other' && startsLower(cueToken.text)
}

/**
 * Tells whether a token lies on a Title Case line (English headlines, listing pages): a line of
 * three to fourteen longer words nearly all capitalised. Asked only where a name was found, so a
 * line is read when first asked about; asked in text order, the last line read is kept.
 */
function titleCaseLines(text: string, tokens: readonly Token[]): (i: number) => boolean {
  const lineBreakBefore = (k: number) => hasNewline(text, tokens[k - 1]!.end, tokens[k]!.start)
  let from = -1
  let to = -1
  let flag = false
  return (i) => {
    if (i >= from && i < to) return flag
    from = i
    while (from > 0 && !lineBreakBefore(from)) from--
    to = i + 1
    while (to < tokens.length && !lineBreakBefore(to)) to++
    let long = 0
    let caps = 0
    for (let k = from; k < to; k++) {
      const t = tokens[k]!
      if (t.isWord && t.text.length >= 4 && startsWithLetter(t.text)) {
        long++
        if (startsUpper(t.text)) caps++
      }
    }
    // Headlines are short and carry no verb of speech; a long official paragraph full of titles
    // ("Minister of Internal Affairs ... said the Spokesperson ...") is not one.
    flag = long >= 3 && long <= 14 && caps / long >= 0.8
    for (let k = from; flag && k < to; k++) if (isSpeechCue(tokens[k]!.norm)) flag = false
    return flag
  }
}

/** A gap that may sit inside a name: at most two spaces, no line break. */
function nameGap(text: string, from: number, to: number): boolean {
  if (to - from > 2) return false
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (c === 10 || !isSpace(c)) return false
  }
  return true
}

/** Whether `text[from, to)` holds a line break; gaps between tokens are mostly 0 or 1 long. */
export function hasNewline(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true
  return false
}

const LETTER_FIRST = /^\p{L}/u

/** `/^\p{L}/u`, with table answers for ASCII and basic Cyrillic. */
function startsWithLetter(w: string): boolean {
  const c = w.charCodeAt(0)
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  if (c >= 0x410 && c <= 0x44f) return true
  return LETTER_FIRST.test(w)
}

const LOWER_FIRST = /^\p{Ll}/u

/** `/^\p{Ll}/u`, with table answers for ASCII and basic Cyrillic. */
export function startsLower(w: string): boolean {
  const c = w.charCodeAt(0)
  if (c < 0x80) return c >= 97 && c <= 122
  if (c >= 0x430 && c <= 0x44f) return true
  if (c >= 0x410 && c <= 0x42f) return false
  return LOWER_FIRST.test(w)
}

/** `/^\p{Lu}/u`, with table answers for ASCII and basic Cyrillic. */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0)
  if (c < 0x80) return c >= 65 && c <= 90
  if (c >= 0x410 && c <= 0x42f) return true
  if (c >= 0x430 && c <= 0x44f) return false
  return UPPER_FIRST.test(w)
}

/**
 * The part of the name-word test that depends on the word alone: not a listed non-name, not
 * CamelCase, not an abbreviation. Words repeat, so each is judged once per language.
 */
function nameShaped(word: string, lang: string): boolean {
  let cache = NAME_SHAPE_CACHE.get(lang)
  if (cache === undefined) {
    cache = new Map()
    NAME_SHAPE_CACHE.set(lang, cache)
  }
  const hit = cache.get(word)
  if (hit !== undefined) return hit
  const found = nameShapedUncached(word, lang)
  if (cache.size > 50_000) cache.clear()
  cache.set(word, found)
  return found
}

const NAME_SHAPE_CACHE = new Map<string, Map<string, boolean>>()

function nameShapedUncached(word: string, lang: string): boolean {
  const w = stripPossessive(word)
  if (w.length < 2 || isNotName(w)) return false
  // Inflected forms of listed non-names (`Конаеве`, `Казахстана`).
  const asSurname = readSurname(w, lang)
  if (asSurname && asSurname.nominative !== w && isNotName(asSurname.nominative)) return false
  // CamelCase brands (`RedMedia`, `WhatsApp`).
  if (/\p{Ll}\p{Lu}/u.test(w)) return false
  if (isAllCaps(w)) {
    // Abbreviations (МВД, KNB) are not names; an all-caps surname (ОСПАНОВ) is.
    return (
      w.length >= 4 && (readSurname(w, lang) !== undefined || readGivenName(w, lang) !== undefined)
    )
  }
  return true
}

/** A given name with the form the text wrote (a literal: an object spread is slow here). */
function withSurface(g: GivenName, surface: string): GivenName & { readonly surface: string } {
  return { nominative: g.nominative, gender: g.gender, case: g.case, surface }
}

/** What the recogniser needs to know about the document. */
export interface RecogniseInput {
  readonly text: string
  readonly tokens: readonly Token[]
  readonly lang: string
  /** True for tokens inside a place or organisation found by other stages. */
  readonly blocked: (tokenIndex: number) => boolean
}

// Endings of patronymics and patronymic particles written as one word (`Нурланұлы`, `Asanovich`).
const PATRONYMIC_FOLDED = /(?:uli|ulu|kizi|ovich|evich|ovna|evna|ichna|ogli)$/

/** A word that is a second person's surname after `Surname Given`, not the first one's patronymic. */
function secondSurname(word: string, read: SurnameReading | undefined): boolean {
  return read?.strong === true && !isPatronymic(word) && !PATRONYMIC_FOLDED.test(foldName(word))
}

// A Russian surname form that is a woman's or an oblique case (`Асанова`, `Ивановой`,
// `Петровского`): `Нурланов Алпыс Серикбаев` may be one man with the patronymic cut short.
const NOT_MASCULINE_NOMINATIVE = /(?:[оеё]ва|[иы]на|ая|ой|ого|ому|[оеё]ву|[иы]ну|ым|ую)$/i

const ADJECTIVAL_OBLIQUE = /(?:ск|цк)(?:ого|ому|им|ом|ой|ую)$/i

/**
 * An oblique `-ский/-ская` surname (`адвоката Петровского`) read back to the nominative. Only
 * used after a title and before another name: `Алматинского` alone is a district, not a person.
 */
function adjectivalSurname(word: string): SurnameReading | undefined {
  const m = ADJECTIVAL_OBLIQUE.exec(word)
  if (!m || word.length < 7) return undefined
  const f = /(?:ой|ую)$/i.test(word)
  const nominative =
    word.slice(0, word.length - (f ? 2 : /(?:ого|ому)$/i.test(word) ? 3 : 2)) + (f ? 'ая' : 'ий')
  return { nominative, key: foldName(nominative), strong: false, gender: f ? 'f' : 'm' }
}

/** Finds name mentions. */
export function findNameMentions(input: RecogniseInput): NameMention[] {
  const { text, tokens, lang, blocked } = input
  const n = tokens.length
  const out: NameMention[] = []

  const isInitialAt = (i: number): boolean => {
    const t = tokens[i]
    const dot = tokens[i + 1]
    if (!t || !dot || dot.text !== '.' || dot.start !== t.end) return false
    return /^\p{Lu}$/u.test(t.text) || /^(?:Zh|Sh|Ch|Kh|Ts|Yu|Ya|Ye|Дж|Sch)$/.test(t.text)
  }

  const sentenceInitialAt = (i: number): boolean => {
    let k = i - 1
    while (k >= 0 && OPEN_QUOTES.has(tokens[k]!.text)) k--
    if (k < 0) return true
    const prev = tokens[k]!
    // A dot after an abbreviation or honorific (`Mr.`, `Gen.`, `г.`, `им.`) does not end a sentence.
    if (
      prev.text === '.' &&
      k > 0 &&
      ABBREVIATIONS.has(tokens[k - 1]!.norm) &&
      tokens[k - 1]!.end === prev.start
    ) {
      return false
    }
    if (
      SENTENCE_END.has(prev.text) ||
      prev.text === ':' ||
      prev.text === '—' ||
      prev.text === '-' ||
      prev.text === '•'
    )
      return true
    if (hasNewline(text, prev.end, tokens[k + 1]!.start)) return true
    return false
  }

  // A word that can be part of a name run.
  // Each token is judged once (runs and their starts ask about the same tokens).
  const titleCaseLineAt = titleCaseLines(text, tokens)
  // 0 not asked yet, 1 a name word, 2 not one.
  const nameWordMemo = scratchBytes(SLOT_NAME_WORD, n)
  const nameWordAt = (i: number): boolean => {
    const memo = nameWordMemo[i]!
    if (memo !== 0) return memo === 1
    const r = nameWordUncached(i)
    nameWordMemo[i] = r ? 1 : 2
    return r
  }
  const nameWordUncached = (i: number): boolean => {
    const t = tokens[i]!
    if (!isCapitalised(t)) return false
    // A given name the places stage took for a town (`Nursultan` Nazarbayev) is still a given
    // name when a surname follows it.
    if (blocked(i)) {
      const next = tokens[i + 1]
      const rescued =
        readGivenName(t.text, lang) !== undefined &&
        next !== undefined &&
        !blocked(i + 1) &&
        isCapitalised(next) &&
        readSurname(next.text, lang)?.strong === true
      // And a surname the places stage took for a town (Dinmukhamed `Kunayev`) after a given name.
      const prev = tokens[i - 1]
      const rescuedSurname =
        prev !== undefined &&
        !blocked(i - 1) &&
        prev.end + 1 >= t.start &&
        isCapitalised(prev) &&
        readGivenName(prev.text, lang) !== undefined &&
        readSurname(t.text, lang)?.strong === true
      if (!rescued && !rescuedSurname) return false
    }
    // A title opening a sentence (`Подозреваемый`, `Судья`) is not a name.
    if (sentenceInitialAt(i) && titleCue(t.norm) && !readGivenName(t.text, lang)) return false
    return nameShaped(t.text, lang)
  }

  let i = 0
  while (i < n) {
    const startsInitial = isInitialAt(i)
    if (!startsInitial && !nameWordAt(i)) {
      i++
      continue
    }
    // Collect the run: words, initials, inner particles.
    const words: number[] = []
    const initials: number[] = []
    let j = i
    let last = -1
    while (j < n && words.length < 4 && initials.length < 3) {
      const t = tokens[j]!
      if (last >= 0 && !nameGap(text, tokens[last]!.end, t.start)) break
      if (isInitialAt(j) && !NOT_INITIALS.has(t.text + (tokens[j + 2]?.text ?? ''))) {
        initials.push(j)
        last = j + 1
        j += 2
        continue
      }
      if (nameWordAt(j)) {
        words.push(j)
        last = j
        j++
        continue
      }
      if (words.length > 0 && PARTICLES_INNER.has(t.norm) && tokens[j + 1] && nameWordAt(j + 1)) {
        last = j
        j++
        continue
      }
      if (words.length > 0 && isParticleAfter(t.norm)) {
        last = j
        j++
        break
      }
      break
    }
    const end = Math.max(last, i)
    const next = j
    const m = interpret(i, end, words, initials)
    // In a Title Case headline every word is capitalised, so only a surname ending or initials
    // tell a name (`Aset Magauov`) from a phrase (`Arman Cinema Renovated`).
    if (m) {
      for (const x of m)
        if ((!titleCaseLineAt(i) || x.surname?.strong || x.initials) && !agencyByline(x))
          out.push(x)
    }
    i = Math.max(next, i + 1)
  }
  return out

  /**
   * A news agency's dateline byline, `Astana, May 4 / Agency, A. Reporter /`: the reporter is
   * page furniture, not a person in the story.
   */
  function agencyByline(m: NameMention): boolean {
    const comma = tokens[m.tokenStart - 1]
    const agency = tokens[m.tokenStart - 2]
    const slash = tokens[m.tokenStart - 3]
    return (
      tokens[m.tokenEnd]?.text === '/' &&
      comma?.text === ',' &&
      agency !== undefined &&
      isCapitalised(agency) &&
      slash?.text === '/' &&
      !hasNewline(text, slash.end, tokens[m.tokenEnd]!.start)
    )
  }

  function cueBefore(i: number): CueRole | 'honorific' | undefined {
    const prev = tokens[i - 1]
    if (!prev) return undefined
    if (prev.text === '.' && tokens[i - 2] && HONORIFICS.has(tokens[i - 2]!.norm))
      return 'honorific'
    if (HONORIFICS.has(prev.norm)) return 'honorific'
    if (!isLetterWord(prev)) return undefined
    const c = titleCue(prev.norm)
    if (c) return c
    if (RELATION_CUES.has(prev.norm)) return 'other'
    return undefined
  }

  function speechAround(from: number, to: number): boolean {
    for (let k = to; k < Math.min(n, to + 3); k++) {
      const t = tokens[k]!
      if (SENTENCE_END.has(t.text)) break
      if (isSpeechCue(t.norm) || statusCue(t.norm)) return true
    }
    // "X, 35, ..." / "X, head of ..."
    const after = tokens[to]
    if (after?.text === ',' && tokens[to + 1]) {
      const t1 = tokens[to + 1]!
      if (
        /^\d+$/.test(t1.text) ||
        titleCue(t1.norm) ||
        (['the', 'a', 'former', 'бывший', 'бывшая', 'экс'].includes(t1.norm) &&
          tokens[to + 2] &&
          titleCue(tokens[to + 2]!.norm))
      )
        return true
    }
    const p1 = tokens[from - 1]
    const p2 = tokens[from - 2]
    if (p1 && p2 && p2.norm === 'по' && p1.norm === 'словам') return true
    if (p1 && p2 && p2.norm === 'according' && p1.norm === 'to') return true
    // "said Aigul, a 45-year-old vendor", "— рассказала Айгуль".
    if (p1 && isSpeechCue(p1.norm)) {
      for (let k = to; k < Math.min(n, to + 6); k++)
        if (/year-old|летн/.test(tokens[k]!.norm)) return true
      if (
        tokens[to]?.text === ',' ||
        tokens[to] === undefined ||
        SENTENCE_END.has(tokens[to]!.text)
      )
        return true
    }
    return false
  }

  function blockedContext(i: number, end: number): boolean {
    const prev = tokens[i - 1]
    const prev2 = tokens[i - 2]
    if (prev && NOT_PERSON_BEFORE.has(prev.norm) && !staffOfBody(i, end)) return true
    if (prev?.text === '.' && prev2 && NOT_PERSON_BEFORE.has(prev2.norm)) return true
    const after = tokens[end + 1]
    if (after && NOT_PERSON_AFTER.has(after.norm)) return true
    // A quoted run is a brand, a company or a nickname, not a name mention.
    if (prev && OPEN_QUOTES.has(prev.text) && after && CLOSE_QUOTES.has(after.text)) return true
    return false
  }

  /**
   * `бухгалтер компании Айжан Ерланова`, `director of the fund Asel Nurlanova`: a title before
   * the body word makes the given name and surname after it a member of staff, not the body.
   */
  function staffOfBody(i: number, end: number): boolean {
    const head = tokens[i - 2]
    return (
      head !== undefined &&
      end > i &&
      titleCue(head.norm) !== undefined &&
      statusCue(head.norm) === undefined &&
      readGivenName(tokens[i]!.text, lang) !== undefined &&
      readSurname(tokens[end]!.text, lang) !== undefined
    )
  }

  function fictionalBefore(i: number): boolean {
    for (let k = i - 1; k >= Math.max(0, i - 12); k--) {
      const t = tokens[k]!
      if (SENTENCE_END.has(t.text)) return false
      if (
        t.norm.startsWith('fictional') ||
        t.norm.startsWith('вымышлен') ||
        t.norm === 'movies' ||
        t.norm === 'novel'
      )
        return true
    }
    return false
  }

  function interpretCitizen(words: number[]): NameMention[] {
    const w = words.map((k) => tokens[k]!.text)
    const a = tokens[words[0]!]!
    const b = tokens[words[words.length - 1]!]!
    const last = w[w.length - 1]!
    return [
      {
        start: a.start,
        end: b.end,
        text: text.slice(a.start, b.end),
        tokenStart: words[0]!,
        tokenEnd: words[words.length - 1]! + 1,
        given: undefined,
        surname: { surface: last, nominative: last, key: foldName(last), strong: false },
        middle: w.slice(0, -1),
        initials: '',
        nominative: w.join(' '),
        gender: 'u',
        cue: 'other',
        standalone: true,
        sentenceInitial: false,
      },
    ]
  }

  function interpret(
    i: number,
    end: number,
    words: number[],
    inits: number[],
  ): NameMention[] | undefined {
    if (words.length === 0) return undefined // initials only
    if (fictionalBefore(i)) return undefined
    // Kyrgyz and Kazakh patronymic particles close a name: `Makhabat Tazhibek kyzy`, `Адилет уулу`.
    const particle = tokens[end]
    if (
      particle &&
      isParticleAfter(particle.norm) &&
      end > words[words.length - 1]! &&
      words.length <= 3
    ) {
      const w0 = words.map((k) => stripPossessive(tokens[k]!.text))
      const g = readGivenName(w0[0]!, lang)
      const lastWord = w0[w0.length - 1]!
      // `Нұрлан қызының` is `Нұрлан қызы` in the genitive.
      const pword = kazakhPatronymicBase(particle.text) ?? particle.text
      const full = `${w0.join(' ')} ${pword}`
      const s0 = tokens[words[0]!]!.start
      return [
        {
          start: s0,
          end: particle.end,
          text: text.slice(s0, particle.end),
          tokenStart: words[0]!,
          tokenEnd: end + 1,
          given: g && w0.length > 1 ? withSurface(g, w0[0]!) : undefined,
          surname: {
            surface: `${lastWord} ${particle.text}`,
            nominative: `${lastWord} ${pword}`,
            key: foldName(lastWord + pword),
            strong: true,
          },
          middle: w0.length > 2 ? w0.slice(1, -1) : [],
          initials: '',
          nominative: full,
          gender: particle.norm.includes('к') || particle.norm.includes('k') ? 'f' : 'm',
          cue: cueBefore(i),
          standalone: true,
          sentenceInitial: sentenceInitialAt(i),
        },
      ]
    }
    // `гражданин Ганы Кофи Мэнсах Аддо`, `citizen of ...`: the first word is the country.
    if (
      words.length >= 3 &&
      CITIZEN_CUE.test(tokens[i - 1]?.norm ?? '') &&
      /(?:ии|ы|и|а|я|ia|a)$/.test(tokens[words[0]!]!.norm) &&
      !readSurname(tokens[words[1]!]!.text, lang)
    ) {
      return interpretCitizen(words.slice(1))
    }
    // A nickname in quotes (`по кличке «Шрам»`, `nicknamed "Mero"`) is how the text names a person.
    const q0 = tokens[i - 1]
    const q1 = tokens[i - 2]
    if (
      q0 &&
      OPEN_QUOTES.has(q0.text) &&
      q1 &&
      NICKNAME_CUES.has(q1.norm) &&
      words.length <= 2 &&
      CLOSE_QUOTES.has(tokens[end + 1]?.text ?? '')
    ) {
      const a = tokens[words[0]!]!
      const b = tokens[words[words.length - 1]!]!
      const nick = text.slice(a.start, b.end)
      return [
        {
          start: a.start,
          end: b.end,
          text: nick,
          tokenStart: words[0]!,
          tokenEnd: words[words.length - 1]! + 1,
          given: undefined,
          surname: { surface: nick, nominative: nick, key: foldName(nick), strong: false },
          middle: [],
          initials: '',
          nominative: nick,
          gender: 'u',
          cue: 'other',
          standalone: true,
          sentenceInitial: false,
        },
      ]
    }
    if (blockedContext(i, end)) return undefined
    const cue = cueBefore(i)
    // Most runs are one capitalised word that is no name part, with nothing before it that
    // could make it one (`Police`, `Kazakhstan`): every rule below needs one of those.
    if (words.length === 1 && inits.length === 0 && cue === undefined) {
      const only = stripPossessive(tokens[words[0]!]!.text)
      if (readGivenName(only, lang) === undefined && readSurname(only, lang) === undefined)
        return undefined
    }
    const initial = sentenceInitialAt(i)
    const w = words.map((k) => stripPossessive(tokens[k]!.text))
    const givens = w.map((x) => readGivenName(x, lang))
    const surnames = w.map((x) => readSurname(x, lang))
    const initialsText =
      inits.length > 0
        ? text.slice(tokens[inits[0]!]!.start, tokens[inits[inits.length - 1]!]!.end + 1)
        : ''
    const speaks = speechAround(i, end + 1)

    const make = (
      from: number,
      to: number,
      given: GivenName | undefined,
      givenSurface: string | undefined,
      surname: SurnamePart | undefined,
      middle: string[],
      nominative: string,
      standalone: boolean,
      withInitials: boolean,
    ): NameMention => {
      const a = withInitials && inits.length > 0 ? Math.min(from, inits[0]!) : from
      const b = withInitials && inits.length > 0 ? Math.max(to, inits[inits.length - 1]! + 1) : to
      const s = tokens[a]!.start
      const e = tokens[b]!.end
      const raw = text.slice(s, e)
      const clean = stripPossessive(raw)
      return {
        start: s,
        end: s + clean.length,
        text: clean,
        tokenStart: a,
        tokenEnd: b + 1,
        given: given && givenSurface ? withSurface(given, givenSurface) : undefined,
        surname,
        middle,
        initials: withInitials ? initialsText : '',
        nominative,
        gender: given?.gender ?? 'u',
        cue: from === i ? cue : undefined,
        standalone,
        sentenceInitial: from === i && initial,
      }
    }

    const surnamePart = (k: number, gender: Gender, c: GivenName['case']): SurnamePart => {
      const surface = w[k]!
      const read = surnames[k]
      let nom = surnameNominative(surface, gender, c)
      if (c === 'nom' && read && gender !== 'f' && read.nominative !== surface && lang !== 'en')
        nom = read.nominative
      // An indeclinable man's given name (`Оразалы`, `Мади`) before a declined surname: a man's
      // surname is never `-ова` or `-ову` in the nominative.
      const oblique = /(?:ов|ев|ёв|ин|ын)(а|у|ым|е)$/i.exec(surface)
      if (c === 'nom' && gender === 'm' && oblique?.[1] && lang !== 'en')
        nom = surface.slice(0, surface.length - oblique[1].length)
      // Kazakh women's given names do not decline in Russian text (`Айгуль Ивановой`): the surname shows the case.
      if (c === 'nom' && gender === 'f')
        nom = surnameNominative(surface, 'f', /у$/i.test(surface) ? 'acc' : 'gen')
      // Kazakh puts the case suffix on the last word only: after a given name, a surname that
      // is itself a given name (`Гүлнар Ерболаттың`, `Ержан Бауыржанға`) is stripped too.
      let key = read?.key
      if (lang === 'kk' && nom === surface) {
        const stem = kazakhCaseStem(surface)
        if (stem !== undefined) {
          nom = stem
          key = readSurname(stem, lang)?.key
        }
      }
      return {
        surface,
        nominative: nom,
        key: (key ?? foldName(nom)) || foldName(surface),
        strong: read?.strong ?? false,
      }
    }

    let g0 = givens[0]
    const nw = w.length
    // `Ивана Сергеевича`: a masculine oblique patronymic shows the given name is oblique too.
    if (g0 && g0.case === 'nom' && nw >= 2 && /(?:ович|евич)(?:а|у|ем|е)$/i.test(w[1]!)) {
      g0 = readGivenName(w[0]!, lang, true) ?? g0
    }
    // Title Case headlines run a name into the next words (`Yerlan Sadykov Sentenced To`):
    // after a given name and a surname-shaped word, an unknown word ends the name.
    if (g0 && w.length >= 3) {
      let cut = w.length
      for (let k = 2; k < w.length; k++) {
        if (surnames[k - 1]?.strong && !givens[k] && !surnames[k] && !isPatronymic(w[k]!)) {
          cut = k
          break
        }
      }
      if (cut < w.length) {
        return interpret(
          i,
          words[cut - 1]!,
          words.slice(0, cut),
          inits.filter((x) => x < words[cut - 1]!),
        )
      }
    }
    // Given name first: `Алпыс Нурланов`, `Kassym-Jomart Tokayev`, `John F. Miller`, `Olga K.`.
    if (g0 && nw >= 2) {
      const last = nw - 1
      const sp = surnamePart(last, g0.gender, g0.case)
      const middle = w.slice(1, last).map((x, k) => {
        const gm = givens[k + 1]
        if (gm) return gm.nominative
        return isPatronymic(x) ? patronymicNominative(x) : x
      })
      const parts = [g0.nominative, ...middle, sp.nominative]
      if (inits.length > 0 && inits[0]! > words[0]! && inits[0]! < words[last]!)
        parts.splice(1, 0, initialsText)
      return [
        make(
          words[0]!,
          words[last]!,
          g0,
          w[0]!,
          sp,
          middle,
          parts.join(' '),
          true,
          inits.length > 0 && inits[0]! > words[0]!,
        ),
      ]
    }
    // Two people side by side: `Адвокат Асанова Марат Жолдошев`, `адвоката Ивановой Марат
    // Жолдошев` — a surname, then a given name and a second surname (not a patronymic, not
    // `-ұлы`/`-қызы`) is the first person's surname and a new name.
    const s0 = surnames[0] ?? (cue ? adjectivalSurname(w[0]!) : undefined)
    if (
      nw === 3 &&
      s0 &&
      givens[1] &&
      !givens[0] &&
      NOT_MASCULINE_NOMINATIVE.test(w[0]!) &&
      secondSurname(w[2]!, surnames[2])
    ) {
      const first = make(
        words[0]!,
        words[0]!,
        undefined,
        undefined,
        { surface: w[0]!, nominative: s0.nominative, key: s0.key, strong: s0.strong },
        [],
        s0.nominative,
        s0.strong || cue !== undefined,
        false,
      )
      const rest = interpret(
        words[1]!,
        end,
        words.slice(1),
        inits.filter((x) => x > words[1]!),
      )
      return [first, ...(rest ?? [])]
    }
    // Surname first: `Нурланов Алпыс`, `Серикбаев Алпыс Нурланович`.
    if (nw >= 2 && surnames[0] && givens[1]) {
      const g1 = givens[1]
      const sp = surnamePart(0, g1.gender, g1.case)
      const rest = w
        .slice(1)
        .map((x, k) => (k === 0 ? g1.nominative : isPatronymic(x) ? patronymicNominative(x) : x))
      return [
        make(
          words[0]!,
          words[nw - 1]!,
          g1,
          w[1]!,
          sp,
          rest.slice(1),
          [sp.nominative, ...rest].join(' '),
          true,
          false,
        ),
      ]
    }
    // A name later in the run (`Almaty Nurlan Ivanov` after a place the other stages missed,
    // `Подозреваемый Нурланов Алпыс` after a capitalised title).
    for (let k = 1; k < nw - 1; k++) {
      if (
        (givens[k] && (surnames[k + 1] || isPatronymic(w[k + 1]!) || cue || givens[k + 1])) ||
        (surnames[k] && givens[k + 1])
      )
        return interpret(
          words[k]!,
          end,
          words.slice(k),
          inits.filter((x) => x > words[k]!),
        )
    }
    // Initials inside a run of unknown words (`акима Аксу М. Оспанов`, the town missed by the
    // places stage): the name is the initials and the word after them.
    if (!g0 && inits.length > 0 && nw >= 2) {
      const lastInit = inits[inits.length - 1]!
      const wi = words.find((x) => x > lastInit)
      if (wi !== undefined)
        return interpret(
          inits[0]!,
          wi,
          [wi],
          inits.filter((x) => x < wi),
        )
    }
    // Unknown given name before a strong surname: `Temirbek Zhusupaliev`. At a sentence start the
    // first word must look like a Turkic given name (`-бек`, `-жан`, `-гүл`), not an adverb.
    if (
      nw >= 2 &&
      nw <= 3 &&
      (surnames[nw - 1]?.strong || (surnames[nw - 1] && GIVEN_SHAPE.test(foldName(w[0]!)))) &&
      (!initial || GIVEN_SHAPE.test(foldName(w[0]!)))
    ) {
      const sp = surnamePart(nw - 1, 'u', 'nom')
      return [
        make(
          words[0]!,
          words[nw - 1]!,
          undefined,
          undefined,
          sp,
          w.slice(0, nw - 1),
          w.join(' '),
          true,
          false,
        ),
      ]
    }
    // Anything after a title cue (`Judge Smith`), or after "citizen of <place>" (`гражданин
    // Ганы Кофи Мэнсах Аддо`, the place found by the places stage).
    const citizenOf =
      (CITIZEN_CUE.test(tokens[i - 1]?.norm ?? '') && nw <= 3) ||
      (i >= 2 && blocked(i - 1) && CITIZEN_CUE.test(tokens[i - 2]!.norm))
    // A lower-case descriptor (`researcher Mihra Rittmann`) counts as well; Title Case does not.
    const lowerCue =
      cue !== undefined && cue !== 'honorific' && startsLower(tokens[i - 1]?.text ?? '')
    const lastShape =
      !/\p{Script=Cyrillic}/u.test(w[nw - 1]!) && NOT_NAME_SHAPE.test(w[nw - 1]!.toLowerCase())
    // An apposition with a title after the run: `Hugh Williamson, Europe director at ...`,
    // `Adil Nurmakov, a lawyer for ...`.
    const a1 = tokens[end + 1]
    const a2 = tokens[end + 2]
    const a3 = tokens[end + 3]
    const apposition =
      a1?.text === ',' &&
      a2 !== undefined &&
      ((titleCue(a2.norm) !== undefined && startsLower(a2.text)) ||
        (['the', 'a', 'an', 'former', 'бывший', 'бывшая'].includes(a2.norm) &&
          a3 !== undefined &&
          titleCue(a3.norm) !== undefined))
    if (
      nw >= 2 &&
      nw <= 3 &&
      ((((cue && cue !== 'other') || citizenOf || (lowerCue && !lastShape)) && !initial) ||
        (apposition && !lastShape))
    ) {
      const sp = surnamePart(nw - 1, 'u', 'nom')
      return [
        make(
          words[0]!,
          words[nw - 1]!,
          undefined,
          undefined,
          sp,
          w.slice(0, nw - 1),
          w.join(' '),
          true,
          false,
        ),
      ]
    }
    if (nw >= 2) {
      // Not a name run as a whole: keep a strong surname that ends the run (`Впоследствии
      // Сапаров`); one followed by other capitalised words names a thing (`Nazarbayev
      // Intellectual Schools`, `Назарбаев Университета`).
      const found: NameMention[] = []
      for (let k = nw - 1; k < nw; k++) {
        const s = surnames[k]
        if (s?.strong && !(k === 0 && initial)) {
          found.push(
            make(
              words[k]!,
              words[k]!,
              undefined,
              undefined,
              { surface: w[k]!, nominative: s.nominative, key: s.key, strong: true },
              [],
              s.nominative,
              true,
              false,
            ),
          )
        }
      }
      return found
    }
    // One word.
    const s = surnames[0]
    const word = w[0]!
    if (inits.length > 0) {
      const latin = !/\p{Script=Cyrillic}/u.test(word)
      // `Ksenia P.`: a given name and an initial after it.
      if (g0 && !s && inits[0]! > words[0]!) {
        return [
          make(
            words[0]!,
            words[0]!,
            g0,
            word,
            undefined,
            [],
            `${g0.nominative} ${initialsText}`,
            true,
            true,
          ),
        ]
      }
      if (s || !latin || cue) {
        const sp: SurnamePart = s
          ? { surface: word, nominative: s.nominative, key: s.key, strong: s.strong }
          : { surface: word, nominative: word, key: foldName(word), strong: false }
        const before = inits[0]! < words[0]!
        const nom = before
          ? `${initialsText}${text[tokens[words[0]!]!.start - 1] === ' ' ? ' ' : ''}${sp.nominative}`
          : `${sp.nominative} ${initialsText}`
        return [make(words[0]!, words[0]!, undefined, undefined, sp, [], nom, true, true)]
      }
      return undefined
    }
    if (s && (!g0 || s.strong)) {
      const cued = cue !== undefined
      const standalone =
        (s.strong && !initial) || (cued && !initial) || ((s.strong || cued) && speaks)
      return [
        make(
          words[0]!,
          words[0]!,
          undefined,
          undefined,
          { surface: word, nominative: s.nominative, key: s.key, strong: s.strong },
          [],
          s.nominative,
          standalone,
          false,
        ),
      ]
    }
    if (g0) {
      const standalone = !initial && (cue !== undefined || speaks)
      return [make(words[0]!, words[0]!, g0, word, undefined, [], g0.nominative, standalone, false)]
    }
    // Not in Kazakh: case suffixes make a capitalised word after a title too often a place (`Түркиядан`).
    if (
      cue &&
      lang !== 'kk' &&
      !initial &&
      word.length >= 3 &&
      !isAllCaps(word) &&
      unknownWordMayBeName(word, cue, tokens[i - 1]!)
    ) {
      return [
        make(
          words[0]!,
          words[0]!,
          undefined,
          undefined,
          { surface: word, nominative: word, key: foldName(word), strong: false },
          [],
          word,
          true,
          false,
        ),
      ]
    }
    return undefined
  }
}
