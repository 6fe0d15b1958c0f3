/**
 * Name keys that survive script and spelling. A name is cut into tokens; each token gets
 * - `key`: a phonetic skeleton of its surface form, the same whatever the script or romanisation
 *   (Тоқаев, Токаев, Tokayev, Toqaev, Tokaev → `tokaev`; Жомарт, Zhomart, Jomart → `Jomart`);
 * - `stem`: the key of its folded form where morphology applies: Russian case and gender forms of
 *   surnames (Аблязова, Аблязову, Ablyazova → `ablazov`), Russian case forms of given names written
 *   in Cyrillic (Мухтара → `muHtar`), Kazakh case suffixes after a surname (Тоқаевтың);
 * - its kind: initial, patronymic (-ович/-овна/-evich/-uly/-kyzy, with the father's name as key),
 *   or name part, and whether it has a surname ending.
 *
 * Phonetic symbols: `S` ш/щ (sh, shch, ş), `J` ж (zh, j, dzh), `H` х/һ (kh, h, x-), `C` ч/ц (ch, ts,
 * ç, c); q→k, gh/ğ→g, w→v, y/i glides dropped before a vowel, runs of i/y one `i`, doubled letters
 * single, apostrophes and soft/hard signs dropped. Pure functions, no I/O.
 *
 * @module core/names/name-key
 */
import { GIVEN_NAME_ALIASES, GIVEN_NAMES, SURNAMES } from './name-lists-data.ts'
import { CYRILLIC_TO_LATIN, LATIN_SPECIAL } from './translit-data.ts'

/** One part of a parsed name. */
export interface NameToken {
  /** The token as written (trimmed, at most 40 characters). */
  readonly text: string
  /** `cyr` when the token has a Cyrillic letter, else `lat`. */
  readonly script: 'cyr' | 'lat'
  /** Phonetic key of the surface form. */
  readonly key: string
  /** The surface form in plain lowercase Latin (before the phonetic folds), for typo distance. */
  readonly plain: string
  /** Phonetic key of the folded (nominative, masculine) form, or `null` when it is `key`. */
  readonly stem: string | null
  /** A one-letter initial (`М.`, `Zh.`). */
  readonly initial: boolean
  /** A patronymic: `key`/`stem` are then the father's given name. */
  readonly patronymic: boolean
  /** Ends like a surname (-ov, -ev, -in, -sky, -enko, -uk, -uly, -kyzy, -dze). */
  readonly surnameShaped: boolean
  /** In the list of common given names (by stem or key). */
  readonly knownGiven: boolean
  /** In the list of common surnames (by stem or key). */
  readonly knownSurname: boolean
}

/** A name cut into tokens: `parts` in written order, patronymics apart. */
export interface ParsedName {
  readonly text: string
  readonly parts: readonly NameToken[]
  readonly patronymics: readonly NameToken[]
}

const MAX_TOKENS = 8
const MAX_TOKEN_LENGTH = 40

// Cyrillic → plain Latin for keys: the news table, with ё as e (Russian print drops the dots).
const KEY_TABLE: Record<string, string> = {
  ...CYRILLIC_TO_LATIN.news,
  ё: 'e',
  ъ: '',
  ь: '',
  ў: 'u',
  ҳ: 'h',
  ӣ: 'i',
  ҷ: 'j',
}

// Latin letters that look like Cyrillic ones: inside a Cyrillic word they are Cyrillic.
const HOMOGLYPHS: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  h: 'н',
  b: 'в',
  i: 'і',
}

const SEPARATE_PATRONYMIC = new Set([
  'уулу',
  'улы',
  'ұлы',
  'кызы',
  'қызы',
  'uulu',
  'uly',
  'ogly',
  'oglu',
  'kyzy',
  'qyzy',
  'kizi',
])

const HOMOGLYPHS_TO_LATIN: Record<string, string> = Object.fromEntries(
  Object.entries(HOMOGLYPHS).map(([latin, cyr]) => [cyr, latin]),
)

// Titles, ranks and roles that stand before or after a name in a mention ("President Tokayev",
// "бывшего министра Иванова"): never a name part, so dropped when a name part remains. Russian
// ones with their case endings. Not Азамат ("citizen" in Kazakh, and a common given name).
const TITLE_LATIN =
  /^(?:mr|mrs|ms|miss|dr|sir|president|premier|prime|minister|general|gen|colonel|col|major|maj|lieutenant|lt|captain|capt|judge|prosecutor|senator|deputy|mayor|akim|governor|chairman|former|ex|late|citizen|suspect|businessman|banker|oligarch|tycoon|kazakh|kazakhstani|kyrgyz|uzbek|tajik|russian|the)$/
const TITLE_CYRILLIC =
  /^(?:гр|экс|мырза|ханым|(?:президент|министр|генерал|полковник|подполковник|прокурор|депутат|аким|әкім|губернатор|бизнесмен|банкир|олигарх|гражданин|господин|премьер|судь|председател|гражданк|госпож|подозреваем|обвиняем|осужденн|осуждённ|бывш)(?:а|у|ом|ем|е|ы|ой|ого|ому|ым|ая|ий|ый|ые|и|я|ю|ей|ь|і|его|ему|им|их|ими|ие)?)$/

function isTitle(word: string): boolean {
  const w = word.toLowerCase()
  return TITLE_LATIN.test(w) || TITLE_CYRILLIC.test(w)
}

const VOWEL = /[aeiou]/

/** Folds Latin text to lowercase ASCII letters (Kazakh/Uzbek/Turkish letters spelled out). */
export function foldLatin(text: string): string {
  let out = ''
  for (const c of text.toLowerCase()) {
    const special = LATIN_SPECIAL[c]
    if (special !== undefined) out += special
    else out += c
  }
  return (
    out
      // Uzbek Latin: oʻ is ў (Russian у: Yoʻldosheva / Юлдашева), gʻ is ғ.
      .replace(/o['’‘ʻʼ`]/g, 'u')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z]/g, '')
  )
}

/** Romanises one lowercase Cyrillic token for keys (see `KEY_TABLE`). */
function cyrillicToKeyLatin(lower: string): string {
  let out = ''
  for (const c of lower) out += KEY_TABLE[c] ?? (/[a-z]/.test(c) ? c : '')
  return out
}

/**
 * The phonetic skeleton of a folded Latin string (lowercase a-z): see the module comment.
 * `phonetic('kassym')` → `kasim`, `phonetic('zhomart')` → `Jomart`.
 */
export function phonetic(latin: string): string {
  const s = latin
  let out = ''
  let i = 0
  while (i < s.length) {
    const c = s[i]!
    const n1 = s[i + 1] ?? ''
    const n2 = s[i + 2] ?? ''
    const n3 = s[i + 3] ?? ''
    if (c === 's' && n1 === 'h' && n2 === 'c' && n3 === 'h') {
      out += 'S'
      i += 4
    } else if (c === 's' && n1 === 'c' && n2 === 'h') {
      out += 'S'
      i += 3
    } else if (c === 'd' && n1 === 'z' && n2 === 'h') {
      out += 'J'
      i += 3
    } else if (c === 't' && n1 === 'c' && n2 === 'h') {
      out += 'C'
      i += 3
    } else if ((c === 's' || c === 'z' || c === 'k' || c === 'c') && n1 === 'h') {
      out += c === 's' ? 'S' : c === 'z' ? 'J' : c === 'k' ? 'H' : 'C'
      i += 2
    } else if (c === 'd' && n1 === 'j') {
      out += 'J'
      i += 2
    } else if (c === 't' && (n1 === 's' || n1 === 'z')) {
      out += 'C'
      i += 2
    } else if ((c === 'g' || c === 'p' || c === 't') && n1 === 'h') {
      out += c === 'p' ? 'f' : c
      i += 2
    } else if (c === 'c' && n1 === 'k') {
      out += 'k'
      i += 2
    } else {
      if (c === 'j') out += 'J'
      else if (c === 'h') out += 'H'
      else if (c === 'c') out += 'C'
      else if (c === 'q') out += 'k'
      else if (c === 'w') out += 'v'
      else if (c === 'x') out += i === 0 ? 'H' : 'ks'
      else out += c
      i++
    }
  }
  // Glides: a run of i/y is one i; dropped before a vowel (ya/ia/ye/yu/yo); y/i + o after a
  // consonant is the soft ё, written e in Russian print (Fyodor → fedor).
  let g = ''
  let j = 0
  while (j < out.length) {
    const c = out[j]!
    if (c !== 'i' && c !== 'y') {
      g += c
      j++
      continue
    }
    let k = j
    while (k < out.length && (out[k] === 'i' || out[k] === 'y')) k++
    const next = out[k] ?? ''
    if (VOWEL.test(next)) {
      const prev = g[g.length - 1] ?? ''
      if (next === 'o' && prev !== '' && !VOWEL.test(prev)) {
        g += 'e'
        k++
      }
    } else g += 'i'
    j = k
  }
  // Doubled letters once.
  let d = ''
  for (const c of g) if (d[d.length - 1] !== c) d += c
  return d
}

const SURNAME_SHAPE = /(?:ov|ev|in|ski|nko|uk|uli|kizi|dze|ovic|evic)$/

/** Folds Russian case and gender endings of a Cyrillic surname; `undefined` if none applies. */
function foldCyrillicSurname(w: string): string | undefined {
  let m =
    /^(.{2,}?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|е|ой|ою|ы|ых|ыми|тың|тің|ты|ті|қа|ке|та|те|тан|тен|пен|ның|нің|ға|ге|ны|ні|да|де|дан|ден|нан|нен|мен)$/.exec(
      w,
    )
  if (m) return m[1]
  m = /^(.{2,}?[сц]к)(?:ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими)$/.exec(w)
  if (m) return `${m[1]}ий`
  return undefined
}

/** Folds Russian case endings of a Cyrillic given name to a stem; `undefined` if none applies. */
function foldCyrillicGiven(w: string): string | undefined {
  // Kazakh genitive, dative and instrumental suffixes first (Мұхтардың, Мұхтарға, Мұхтармен);
  // the accusative, locative and ablative ones are left out, as names end in them (Сатыбалды,
  // Айда, Сұлтан).
  // Only in a word with a Kazakh letter: in Russian, Серике is the prepositional of Серик.
  const kk = /[әғқңөұүһі]/.test(w)
    ? /^([\u0400-\u04ff]{3,}?)(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|мен|бен|пен)$/.exec(w)
    : null
  if (kk) return kk[1]
  const m = /^(.{3,}?)(?:ием|ией|еем|ия|ии|ию|ий|ея|ею|ее|ей|ом|ем|ой|ою|а|я|у|ю|е|ы|и|ь)$/.exec(w)
  return m ? m[1] : undefined
}

/** Folds Latin feminine surname endings to the masculine: Ablyazova → ablyazov, -skaya → -sky. */
function foldLatinSurname(w: string): string | undefined {
  const m = /^(.{2,}?(?:ov|ev|yev|in|yn))a$/.exec(w)
  if (m) return m[1]
  const s = /^(.{2,}?sk)(?:aya|aia|aja|iy|ii|yi|y|i)$/.exec(w)
  if (s) return `${s[1]}i`
  return undefined
}

const PATRONYMIC_CYR = /^(.{2,}?)(?:ович|евич|ич|овна|евна|ична|инична)(?:а|у|ем|е|ы|ну|ной|не)?$/
const PATRONYMIC_KK_CYR = /^(.{2,}?)(?:ұлы|улы|қызы|кызы)$/
const PATRONYMIC_LAT = /^(.{2,}?)(?:ovich|evich|ovitch|evitch|ovna|evna|ichna)$/
const PATRONYMIC_KK_LAT = /^(.{2,}?)(?:uly|ūly|uli|ogly|oglu|qyzy|kyzy|kizi)$/

// Lists keyed by phonetic key, built once.
const KNOWN_GIVEN = new Set<string>()
const KNOWN_SURNAME = new Set<string>()
const ALIAS = new Map<string, number>()

function keyOfWord(word: string): string {
  const lower = word.toLowerCase()
  return phonetic(/[\u0400-\u04ff]/.test(lower) ? cyrillicToKeyLatin(lower) : foldLatin(lower))
}

for (const w of GIVEN_NAMES.split(/\s+/)) if (w) KNOWN_GIVEN.add(keyOfWord(w))
for (const w of SURNAMES.split(/\s+/)) if (w) KNOWN_SURNAME.add(keyOfWord(w))
GIVEN_NAME_ALIASES.forEach((row, i) => {
  for (const w of row) ALIAS.set(keyOfWord(w), i)
})

/** The alias group of a given-name key (English ↔ Russian forms), or `undefined`. */
export function aliasGroup(key: string): number | undefined {
  return ALIAS.get(key)
}

/** Tells whether two keys are distinct entries of the common-name lists. */
export function knownDistinct(a: string, b: string): boolean {
  return (
    a !== b &&
    ((KNOWN_GIVEN.has(a) && KNOWN_GIVEN.has(b)) || (KNOWN_SURNAME.has(a) && KNOWN_SURNAME.has(b)))
  )
}

/** Cyrillic word with stray Latin look-alike letters (a hostile or OCR'd `Аблязoв`) made Cyrillic. */
function fixHomoglyphs(lower: string): string {
  if (!/[\u0400-\u04ff]/.test(lower) || !/[a-z]/.test(lower)) return lower
  // The word is in the script most of its letters are in; look-alikes of the other follow it.
  let cyr = 0
  let lat = 0
  for (const c of lower) {
    if (/[\u0400-\u04ff]/.test(c)) cyr++
    else if (/[a-z]/.test(c)) lat++
  }
  let out = ''
  if (cyr >= lat) for (const c of lower) out += HOMOGLYPHS[c] ?? c
  else for (const c of lower) out += HOMOGLYPHS_TO_LATIN[c] ?? c
  return out
}

/** Parses one token (already split, non-empty). */
function parseToken(
  raw: string,
  dotted: boolean,
  position: number,
  count: number,
): NameToken | undefined {
  const text = raw.slice(0, MAX_TOKEN_LENGTH)
  const lower = fixHomoglyphs(text.normalize('NFC').toLowerCase())
  const cyr = /[\u0400-\u04ff]/.test(lower)
  const latin = cyr ? cyrillicToKeyLatin(lower) : foldLatin(lower)
  if (latin === '') return undefined
  const key = phonetic(latin)
  if (key === '') return undefined
  const letters = cyr ? lower.replace(/[^\u0400-\u04ff]/g, '') : latin
  const initial =
    [...letters].length === 1 ||
    (dotted && latin.length <= 2 && /^(?:zh|kh|sh|ch|ts|yu|ya|ye)$/.test(latin))
  if (initial)
    return {
      text,
      script: cyr ? 'cyr' : 'lat',
      key,
      plain: latin,
      stem: null,
      initial,
      patronymic: false,
      surnameShaped: false,
      knownGiven: false,
      knownSurname: false,
    }
  // Patronymics: Russian -ович/-овна anywhere but first; Kazakh -ұлы/-қызы only in a name of 3+
  // parts (in two parts, Ахметұлы is the surname).
  let father: string | undefined
  if (position > 0 || count > 2) {
    const m = cyr ? PATRONYMIC_CYR.exec(letters) : PATRONYMIC_LAT.exec(latin)
    if (m) father = m[1]
    else if (count > 2) {
      const k = cyr ? PATRONYMIC_KK_CYR.exec(letters) : PATRONYMIC_KK_LAT.exec(latin)
      if (k) father = k[1]
    }
  }
  if (father !== undefined) {
    const fkey = phonetic(cyr ? cyrillicToKeyLatin(father) : father)
    // Russian patronymics keep the father's -ov/-ev linking vowel out: Абишевич → abiS.
    return {
      text,
      script: cyr ? 'cyr' : 'lat',
      key: fkey,
      plain: latin,
      stem: null,
      initial: false,
      patronymic: true,
      surnameShaped: false,
      knownGiven: KNOWN_GIVEN.has(fkey),
      knownSurname: false,
    }
  }
  let folded: string | undefined
  // A -ұлы/-қызы surname (two-part name) is the father's name plus the suffix, and is often
  // written without it (Сатыбалдыұлы / Сатыбалды): the stem is the father's name.
  const kazakhSuffix = cyr ? PATRONYMIC_KK_CYR.exec(letters) : PATRONYMIC_KK_LAT.exec(latin)
  if (kazakhSuffix) folded = kazakhSuffix[1]
  else if (cyr)
    folded =
      foldCyrillicSurname(letters) ??
      (SURNAME_SHAPE.test(key) ? undefined : foldCyrillicGiven(letters))
  else folded = foldLatinSurname(latin)
  let stem: string | null = null
  if (folded !== undefined) {
    const s = phonetic(cyr ? cyrillicToKeyLatin(folded) : folded)
    if (s !== key && s.length >= 2) stem = s
  }
  const base = stem ?? key
  const surnameShaped = SURNAME_SHAPE.test(base) || SURNAME_SHAPE.test(key)
  return {
    text,
    script: cyr ? 'cyr' : 'lat',
    key,
    plain: latin,
    stem,
    initial: false,
    patronymic: false,
    surnameShaped,
    knownGiven: KNOWN_GIVEN.has(key) || (stem !== null && KNOWN_GIVEN.has(stem)),
    knownSurname: KNOWN_SURNAME.has(base) || KNOWN_SURNAME.has(key),
  }
}

// Names repeat their parts (a million names share a few thousand surnames): each token reading
// is computed once. The reading depends only on the word, the dot after it and whether it can be
// a patronymic, so the cache is invisible to callers; it is emptied when it grows large.
// Per word, the eight readings by (dot after it, first or not, more than two parts or not).
const TOKEN_CACHE = new Map<string, (NameToken | null | undefined)[]>()

function cachedToken(
  word: string,
  dotted: boolean,
  position: number,
  count: number,
): NameToken | undefined {
  const slot = (dotted ? 4 : 0) + (position > 0 ? 2 : 0) + (count > 2 ? 1 : 0)
  let readings = TOKEN_CACHE.get(word)
  const hit = readings?.[slot]
  if (hit !== undefined) return hit ?? undefined
  // Position and count matter only as "first or not" and "more than two parts or not".
  const t = parseToken(word, dotted, position > 0 ? 1 : 0, count > 2 ? 3 : 2)
  if (readings === undefined) {
    if (TOKEN_CACHE.size >= 300_000) TOKEN_CACHE.clear()
    readings = []
    TOKEN_CACHE.set(word, readings)
  }
  readings[slot] = t ?? null
  return t
}

/**
 * Cuts a name into tokens (on spaces, hyphens, dots, commas), drops titles, and keys each token.
 * At most 8 tokens of 40 characters are read: longer input is not a name, and the cap keeps
 * comparison time bounded.
 */
export function parseName(text: string): ParsedName {
  const raw: { word: string; dotted: boolean; title: boolean }[] = []
  const re = /[\p{L}\p{M}'’‘ʻʼ`]+(\.)?/gu
  // Hyphenated titles would otherwise be cut into one-letter "initials".
  const input = (text.length > 2000 ? text.slice(0, 2000) : text).replace(
    /(^|\s)г-(?:н|жа)\.?(?=\s)/giu,
    '$1',
  )
  for (const m of input.matchAll(re)) {
    // English possessive: Tokayev's → Tokayev.
    const word = m[0].replace(/\.$/, '').replace(/^([A-Za-z].*?)['’]s$/, '$1')
    raw.push({ word, dotted: m[1] !== undefined, title: isTitle(word) })
    if (raw.length >= MAX_TOKENS * 2) break
  }
  if (raw.some((r) => !r.title)) {
    for (let i = raw.length - 1; i >= 0; i--) if (raw[i]!.title) raw.splice(i, 1)
  }
  if (raw.length > MAX_TOKENS) raw.length = MAX_TOKENS
  // Kyrgyz and Kazakh write "son of / daughter of" as a word of its own (Нурбек Максат уулу):
  // it joins the father's name before it.
  for (let i = raw.length - 1; i > 0; i--) {
    const w = raw[i]!.word.toLowerCase()
    if (!SEPARATE_PATRONYMIC.has(w)) continue
    const prev = raw[i - 1]!
    const cyr = /[\u0400-\u04ff]/.test(prev.word)
    const female = /^(?:кызы|қызы|kyzy|qyzy|kizi)$/.test(w)
    prev.word += cyr ? (female ? 'қызы' : 'ұлы') : female ? 'kyzy' : 'uly'
    raw.splice(i, 1)
  }
  const parts: NameToken[] = []
  const patronymics: NameToken[] = []
  raw.forEach((r, i) => {
    const t = cachedToken(r.word, r.dotted, i, raw.length)
    if (!t) return
    if (t.patronymic) patronymics.push(t)
    else parts.push(t)
  })
  return { text, parts, patronymics }
}

/** The key a token is compared and indexed by: its stem when it has one. */
export function baseKey(t: NameToken): string {
  return t.stem ?? t.key
}

/**
 * Blocking keys of a name for an index: the base key of every non-initial part (the surname and
 * given names in any order). Two names that can match share at least one of them, or keys one
 * edit apart (see `name-index.ts`).
 */
export function blockingKeys(name: ParsedName): string[] {
  const keys = new Set<string>()
  for (const t of name.parts) if (!t.initial) keys.add(baseKey(t))
  return [...keys]
}
