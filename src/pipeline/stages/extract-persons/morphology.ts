/**
 * Name morphology without a dictionary: rules on name endings that take Russian inflected names
 * back to the nominative, strip Kazakh case suffixes (with vowel harmony) and English
 * possessives. Rules only ever propose forms; the caller accepts one when the result is a known
 * given name or has a surname ending, so a rule that misfires on an ordinary word finds nothing.
 *
 * @module pipeline/stages/extract-persons/morphology
 */
import { firstNameGender, foldName as fold, type Gender, surnameEnding } from './name-data.ts'

/** A grammatical case, as far as a name's ending tells it; `nom` for the dictionary form. */
export type NameCase = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'pre'

/** A given name in the nominative, with what its surface form told. */
export interface GivenName {
  readonly nominative: string
  readonly gender: Gender
  readonly case: NameCase
}

// Russian given-name endings, longest first: [surface ending, nominative ending, case].
const RU_GIVEN_RULES: readonly [string, string, NameCase][] = [
  ['ией', 'ия', 'ins'],
  ['ии', 'ия', 'gen'],
  ['ию', 'ия', 'acc'],
  ['ом', '', 'ins'],
  ['ем', 'й', 'ins'],
  ['ем', 'ь', 'ins'],
  ['ой', 'а', 'ins'],
  ['ей', 'я', 'ins'],
  ['ью', 'ь', 'ins'],
  ['а', '', 'gen'],
  ['я', 'й', 'gen'],
  ['я', 'ь', 'gen'],
  ['у', '', 'dat'],
  ['у', 'а', 'acc'],
  ['ю', 'й', 'dat'],
  ['ю', 'ь', 'dat'],
  ['ю', 'я', 'acc'],
  ['е', '', 'pre'],
  ['е', 'а', 'dat'],
  ['е', 'я', 'dat'],
  ['ы', 'а', 'gen'],
  ['и', 'а', 'gen'],
  ['и', 'я', 'gen'],
  ['и', 'ь', 'gen'],
]

/** Copies the case of the last letter of `like` onto `ending` (so `ИВАНОВА` gives `ИВАНОВ`+). */
function withCase(ending: string, like: string): string {
  return like === like.toUpperCase() && like !== like.toLowerCase() ? ending.toUpperCase() : ending
}

/** Reads a word as a given name, in any case form (Russian inflection, Kazakh suffixes). */
export function readGivenName(
  word: string,
  lang: string,
  inflectedOnly = false,
): GivenName | undefined {
  const cache = cacheFor(inflectedOnly ? GIVEN_INFLECTED_CACHE : GIVEN_CACHE, lang)
  const hit = cache.get(word)
  if (hit !== undefined) return hit ?? undefined
  const found = readGivenNameUncached(word, lang, inflectedOnly)
  if (cache.size > 50_000) cache.clear()
  cache.set(word, found ?? null)
  return found
}

// Words repeat within and across documents: each is read once. One map per language (and
// reading), so that a lookup needs no key string built per call.
const GIVEN_CACHE = new Map<string, Map<string, GivenName | null>>()
const GIVEN_INFLECTED_CACHE = new Map<string, Map<string, GivenName | null>>()
const SURNAME_CACHE = new Map<string, Map<string, SurnameReading | null>>()

function cacheFor<V>(caches: Map<string, Map<string, V>>, lang: string): Map<string, V> {
  let cache = caches.get(lang)
  if (cache === undefined) {
    cache = new Map()
    caches.set(lang, cache)
  }
  return cache
}

function readGivenNameUncached(
  word: string,
  lang: string,
  inflectedOnly: boolean,
): GivenName | undefined {
  const clean = stripPossessive(word)
  const g = inflectedOnly ? undefined : firstNameGender(clean)
  if (g !== undefined) return { nominative: clean, gender: g, case: 'nom' }
  if (!/\p{Script=Cyrillic}/u.test(clean)) return undefined
  const lower = clean.toLowerCase()
  for (const [end, nom, c] of RU_GIVEN_RULES) {
    if (!lower.endsWith(end) || lower.length - end.length < 2) continue
    const cand = clean.slice(0, clean.length - end.length) + withCase(nom, clean)
    const cg = firstNameGender(cand)
    if (cg !== undefined) return { nominative: cand, gender: cg, case: c }
  }
  if (lang === 'kk') {
    for (const stem of kazakhStems(clean)) {
      const kg = firstNameGender(stem)
      if (kg !== undefined) return { nominative: stem, gender: kg, case: 'gen' }
    }
  }
  return undefined
}

/**
 * Takes a Russian-declined surname back to the nominative, given the gender and case its given
 * name showed: `Беркутову` (m, dat) -> `Беркутов`, `Ляпиной` (f, gen) -> `Ляпина`, `Гросса`
 * (m, gen) -> `Зонис`. Surnames with Kazakh endings (`-ұлы`) and women's surnames that do not
 * end in `-ова/-ева/-ина/-ская` do not decline and come back unchanged.
 */
export function surnameNominative(surname: string, gender: Gender, c: NameCase): string {
  if (c === 'nom' || !/\p{Script=Cyrillic}/u.test(surname)) return surname
  const low = surname.toLowerCase()
  const cut = (n: number, add = '') => surname.slice(0, surname.length - n) + withCase(add, surname)
  if (/(улы|ұлы|қызы|кызы|уулу|оглы|заде|зода)$/.test(low)) return surname
  if (gender === 'f') {
    if (/(ск|цк)ой$/.test(low)) return cut(2, 'ая')
    if (/(ов|ев|ёв|ин|ын)ой$/.test(low)) return cut(2, 'а')
    if (c === 'acc' && /(ск|цк)ую$/.test(low)) return cut(2, 'ая')
    if (c === 'acc' && /(ов|ев|ёв|ин|ын)у$/.test(low)) return cut(1, 'а')
    return surname
  }
  switch (c) {
    case 'gen':
    case 'acc':
      if (/(ск|цк)ого$/.test(low)) return cut(3, 'ий')
      if (/[ая]$/.test(low) && low.length > 4) return cut(1)
      return surname
    case 'dat':
      if (/(ск|цк)ому$/.test(low)) return cut(3, 'ий')
      if (/[ую]$/.test(low) && low.length > 4) return cut(1)
      return surname
    case 'ins':
      if (/(ск|цк)им$/.test(low)) return cut(2, 'ий')
      if (/(ов|ев|ёв|ин|ын)ым$/.test(low)) return cut(2)
      if (/[оеё]м$/.test(low) && low.length > 5) return cut(2)
      return surname
    case 'pre':
      if (/(ск|цк)ом$/.test(low)) return cut(2, 'ий')
      if (/е$/.test(low) && low.length > 4) return cut(1)
      return surname
    default:
      return surname
  }
}

/**
 * Reads a lone Russian surname as a surname: its nominative guess and a linking key that
 * inflected and feminine forms share (`Жумагалиева`, `Жумагалиеву`, `Жумагалиевым` -> `zhumagaliev`).
 * Returns `undefined` when no form of the word has a surname ending.
 */
export function readSurname(word: string, lang: string): SurnameReading | undefined {
  const cache = cacheFor(SURNAME_CACHE, lang)
  const hit = cache.get(word)
  if (hit !== undefined) return hit ?? undefined
  const found = readSurnameUncached(word, lang)
  if (cache.size > 50_000) cache.clear()
  cache.set(word, found ?? null)
  return found
}

/** A word read as a surname. */
export interface SurnameReading {
  readonly nominative: string
  readonly key: string
  readonly strong: boolean
  readonly gender: Gender
}

function readSurnameUncached(word: string, lang: string): SurnameReading | undefined {
  const clean = stripPossessive(word)
  if (lang === 'kk') {
    const pat = kazakhPatronymicBase(clean)
    const pe = pat === undefined ? undefined : surnameEnding(pat)
    if (pat !== undefined && pe)
      return { nominative: pat, key: surnameKey(pat), strong: true, gender: pe.gender }
    // `Жұмабаевтың` would pass as an `-ин` surname; the Kazakh case suffix comes off first.
    for (const stem of kazakhStems(clean)) {
      const e = surnameEnding(stem)
      if (e?.strong)
        return { nominative: stem, key: surnameKey(stem), strong: true, gender: e.gender }
    }
  }
  const direct = surnameEnding(clean)
  if (direct)
    return {
      nominative: clean,
      key: surnameKey(clean),
      strong: direct.strong,
      gender: direct.gender,
    }
  const low = clean.toLowerCase()
  if (/\p{Script=Cyrillic}/u.test(clean)) {
    // Masculine oblique forms of -ов/-ев/-ин surnames, and feminine -ой/-у.
    const m = /(ов|ев|ёв|ин|ын)(а|у|ым|е)$/.exec(low)
    if (m?.[2]) {
      const nom = clean.slice(0, clean.length - m[2].length)
      const e = surnameEnding(nom)
      if (e) return { nominative: nom, key: surnameKey(nom), strong: e.strong, gender: 'm' }
    }
    const f = /(ов|ев|ёв|ин|ын)ой$/.exec(low)
    if (f) {
      const nom = clean.slice(0, clean.length - 2) + withCase('а', clean)
      const e = surnameEnding(nom)
      if (e) return { nominative: nom, key: surnameKey(nom), strong: e.strong, gender: 'f' }
    }
    if (lang === 'kk') {
      for (const stem of kazakhStems(clean)) {
        const e = surnameEnding(stem)
        if (e)
          return { nominative: stem, key: surnameKey(stem), strong: e.strong, gender: e.gender }
      }
    }
  }
  return undefined
}

// Case endings on the possessive `ұлы/қызы` (`ұлының`, `қызына`, `ұлын`, `қызымен`).
const KK_PATRONYMIC_CASE = /^(.*(?:ұлы|қызы|улы|кызы))(?:ның|на|н|нан|мен|нда)$/i

/**
 * A Kazakh patronymic (glued `Нұрланұлының` or the particle `қызына`) back in the nominative:
 * `Нұрланұлы`, `қызы`; `undefined` when the word is no inflected patronymic.
 */
export function kazakhPatronymicBase(word: string): string | undefined {
  return KK_PATRONYMIC_CASE.exec(word)?.[1]
}

/**
 * A key shared by every form of one surname in a text: folded, case endings and the feminine
 * `-a` removed (`Ivanova`, `Иванову`, `Ivanov` -> `ivanov`).
 */
export function surnameKey(word: string): string {
  let w = stripPossessive(word).toLowerCase().replace(/ё/g, 'е')
  const m = /^(.*(?:ов|ев|ин|ын))(?:а|у|ым|е|ой|ою)$/.exec(w)
  if (m?.[1]) w = m[1]
  else if (/(ская|ского|скому|ским|ском|ской|скую)$/.test(w))
    w = w.replace(/(ая|ого|ому|им|ом|ой|ую)$/, 'ий')
  let k = fold(w)
  k = k.replace(/(ov|ev|in)a$/, '$1')
  return k
}

/** Strips an English possessive (`Ablyazov's`, `Tokayev’s`) or a Latin-script Kazakh suffix after an apostrophe. */
export function stripPossessive(word: string): string {
  // Most words have no apostrophe at all; the regex is run only on those that do.
  if (!word.includes("'") && !word.includes('’') && !word.includes('ʼ')) return word
  return word.replace(/['’ʼ](?:s|[a-zа-яәғқңөұүһі]{1,4})$/iu, '')
}

const BACK = /[аоұы]/
// `е` is left neutral: Russian-origin stems (`Тоқаев`) take back suffixes (`Тоқаевқа`).
const FRONT = /[әөүі]/
// Kazakh case suffixes, longest first (genitive, ablative, locative, dative, accusative, instrumental).
const KK_SUFFIXES = [
  'ның',
  'нің',
  'дың',
  'дің',
  'тың',
  'тің',
  'нан',
  'нен',
  'дан',
  'ден',
  'тан',
  'тен',
  'нда',
  'нде',
  'мен',
  'бен',
  'пен',
  'ға',
  'ге',
  'қа',
  'ке',
  'да',
  'де',
  'та',
  'те',
  'ны',
  'ні',
  'ды',
  'ді',
  'ты',
  'ті',
  'на',
  'не',
]

/**
 * Candidate stems of a Kazakh word with a case suffix removed, respecting vowel harmony (a
 * suffix with a back vowel needs a stem whose last vowel is back): `Нұрлановтың` -> `Нұрланов`,
 * `Тоқаевқа` -> `Тоқаев`, `Ерланға` -> `Ерлан`.
 */
export function kazakhStems(word: string): string[] {
  const low = word.toLowerCase()
  const out: string[] = []
  for (const s of KK_SUFFIXES) {
    if (!low.endsWith(s) || low.length - s.length < 3) continue
    const stem = low.slice(0, low.length - s.length)
    const vowels = stem.match(/[аоұыәөүіеиуюяэё]/g)
    const last = vowels?.[vowels.length - 1] ?? ''
    if (!harmonyAllows(s, stem, last)) continue
    // After `-ов/-ев` Kazakh writes `-тың/-ты/-тан`, never `-ның/-на`: `Ахметовна` is a patronymic.
    if (s[0] === 'н' && stem.endsWith('в')) continue
    out.push(word.slice(0, word.length - s.length))
  }
  return out
}

// The instrumental has front forms only (`Асанмен`, `Тоқаевпен`).
const HARMONY_NEUTRAL = new Set(['мен', 'бен', 'пен'])
// Russian-origin surname stems take either series in Kazakh news (`Тоқаевқа`, `Мырзахметовке`).
const RUSSIAN_STEM = /(?:ов|ев|ёв|ин|ын)$/

function harmonyAllows(suffix: string, stem: string, lastVowel: string): boolean {
  if (HARMONY_NEUTRAL.has(suffix)) return true
  // Not the possessive-only `-на/-нда`: `Ахметовна` is a patronymic, not `Ахметов` + suffix.
  if (RUSSIAN_STEM.test(stem) && suffix[0] !== 'н') return true
  const suffixBack = BACK.test(suffix)
  // `и`, `у`, `ю`, `я`, `э`, `ё` (Russian-origin stems) go either way.
  if (suffixBack && FRONT.test(lastVowel)) return false
  if (!suffixBack && BACK.test(lastVowel)) return false
  return true
}

// Kazakh suffix consonants agree with the stem's last sound: `-тың` after voiceless (`Әзірбектің`),
// `-ның` after vowels and nasals (`Ерланның`), `-дың` after sonorants (`Сейітқалидың`, where `и`
// is the glide `ій`). Classes of the last letter: V vowel, S sonorant, N nasal, Z voiced
// sibilant, K voiceless (with б/в/г/д, which Kazakh devoices before a suffix).
const SOUND_CLASS: Readonly<Record<string, string>> = (() => {
  const m: Record<string, string> = {}
  for (const c of 'аәеоөұүыіэяё') m[c] = 'V'
  for (const c of 'иую') m[c] = 'VS'
  for (const c of 'лрй') m[c] = 'S'
  for (const c of 'мнң') m[c] = 'N'
  for (const c of 'зж') m[c] = 'Z'
  for (const c of 'кқпстфхцчшщбвгдғ') m[c] = 'K'
  return m
})()

// Suffix -> the sound classes it may follow. Longest first; possessive-only forms (`-на`,
// `-нда`) are left out: after a bare name they would cut the name's own last syllable.
const KK_CASE_RULES: readonly [string, string][] = [
  ['ның', 'VN'],
  ['нің', 'VN'],
  ['дың', 'SZ'],
  ['дің', 'SZ'],
  ['тың', 'K'],
  ['тің', 'K'],
  ['нан', 'N'],
  ['нен', 'N'],
  ['дан', 'VSZ'],
  ['ден', 'VSZ'],
  ['тан', 'K'],
  ['тен', 'K'],
  ['мен', 'VSN'],
  ['бен', 'NZ'],
  ['пен', 'K'],
  ['ға', 'VSNZ'],
  ['ге', 'VSNZ'],
  ['қа', 'K'],
  ['ке', 'K'],
  ['да', 'VSNZ'],
  ['де', 'VSNZ'],
  ['та', 'K'],
  ['те', 'K'],
  ['ны', 'V'],
  ['ні', 'V'],
  ['ды', 'SNZ'],
  ['ді', 'SNZ'],
  ['ты', 'K'],
  ['ті', 'K'],
]

/**
 * The bare form of a Kazakh name word with a case suffix (`Ерболаттың` -> `Ерболат`,
 * `Сейітқалиды` -> `Сейітқали`, `Бауыржанға` -> `Бауыржан`), checked for vowel harmony and for
 * the consonant agreement of the suffix; `undefined` when no suffix fits or the stem would be
 * shorter than four letters. A stem that is a known given name or has a surname ending wins.
 * For a word already known to be a name part (the word after a given name).
 */
export function kazakhCaseStem(word: string): string | undefined {
  const hit = KK_STEM_CACHE.get(word)
  if (hit !== undefined) return hit || undefined
  const found = kazakhCaseStemUncached(word)
  if (KK_STEM_CACHE.size > 50_000) KK_STEM_CACHE.clear()
  KK_STEM_CACHE.set(word, found ?? '')
  return found
}

const KK_STEM_CACHE = new Map<string, string>()

// Name endings that look like a case suffix: `Сатыбалды`, `Амангелді`, `Құдайберді` end in
// `-ды/-ді` of their own.
const OWN_SUFFIX_LIKE = /(?:бер|гел|кел|бал|тал|қал|сал|кал)д[ыі]$/

function kazakhCaseStemUncached(word: string): string | undefined {
  const low = word.toLowerCase()
  if (OWN_SUFFIX_LIKE.test(low) || firstNameGender(word) !== undefined) return undefined
  let first: string | undefined
  for (const [s, classes] of KK_CASE_RULES) {
    if (!low.endsWith(s) || low.length - s.length < 4) continue
    const stem = low.slice(0, low.length - s.length)
    const cls = SOUND_CLASS[stem[stem.length - 1] ?? ''] ?? ''
    if (![...cls].some((c) => classes.includes(c))) continue
    const vowels = stem.match(/[аоұыәөүіеиуюяэё]/g)
    if (!vowels || !harmonyAllows(s, stem, vowels[vowels.length - 1] ?? '')) continue
    const cand = word.slice(0, word.length - s.length)
    if (firstNameGender(cand) !== undefined || surnameEnding(cand)) return cand
    first ??= cand
  }
  return first
}
