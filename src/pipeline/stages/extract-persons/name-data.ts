/**
 * The name-part lists of `data/names/` (given names, surname endings, words that are never names),
 * loaded once at module level, and the spelling fold that lets one list serve Cyrillic and Latin
 * text alike.
 *
 * @module pipeline/stages/extract-persons/name-data
 */
import { readFileSync } from 'node:fs'

/** `m` male, `f` female, `u` either or unknown. */
export type Gender = 'm' | 'f' | 'u'

const CYR: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  ў: 'u',
  ҳ: 'h',
  ӣ: 'i',
  ҷ: 'zh',
}

// The spellings that English-language news uses for the same sounds; order matters (ye before y).
const LATIN_FOLD: readonly [RegExp, string][] = [
  [/yu/g, 'iu'],
  [/ya/g, 'ia'],
  [/yo/g, 'io'],
  [/ye/g, 'e'],
  [/iy\b/g, 'i'],
  [/yi/g, 'i'],
  [/y/g, 'i'],
  [/q/g, 'k'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/w/g, 'v'],
  [/x/g, 'ks'],
  [/dzh/g, 'zh'],
  [/dj/g, 'zh'],
  [/j/g, 'zh'],
  [/ts/g, 'c'],
  [/(.)\1/g, '$1'],
]

/**
 * Folds a word to a script-neutral key: lower case, no diacritics, Cyrillic (Russian, Kazakh,
 * Uzbek, Tajik letters) transliterated, common Latin spelling variants merged. `Нұрлан`,
 * `Nurlan`; `Ержан`, `Yerzhan`; `Бишимбаев`, `Bishimbayev` fold alike.
 */
export function foldName(word: string): string {
  const hit = FOLD_CACHE.get(word)
  if (hit !== undefined) return hit
  const folded = foldUncached(word)
  // Bounded: a long hostile text cannot grow the cache without limit.
  if (FOLD_CACHE.size > 50_000) FOLD_CACHE.clear()
  FOLD_CACHE.set(word, folded)
  return folded
}

const FOLD_CACHE = new Map<string, string>()

function foldUncached(word: string): string {
  let t = word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')
  let out = ''
  for (const c of t) out += CYR[c] ?? c
  t = out.replace(/[^\p{L}\p{N}]+/gu, '')
  for (const [re, to] of LATIN_FOLD) t = t.replace(re, to)
  return t
}

function readData(name: string): string {
  return readFileSync(new URL(`../../../../data/names/${name}`, import.meta.url), 'utf8')
}

/** Parses a name list: words separated by white space, `@m`/`@f`/`@u` gender switches, `#` comments. */
export function parseNameList(text: string): { name: string; gender: Gender }[] {
  const out: { name: string; gender: Gender }[] = []
  let gender: Gender = 'u'
  for (const line of text.split('\n')) {
    const l = line.trim()
    if (l === '' || l.startsWith('#')) continue
    for (const w of l.split(/\s+/)) {
      if (w === '@m' || w === '@f' || w === '@u') gender = w.slice(1) as Gender
      else out.push({ name: w, gender })
    }
  }
  return out
}

const FIRST_NAME_FILES = [
  'first-names-kazakh.txt',
  'first-names-russian.txt',
  'first-names-central-asian.txt',
  'first-names-western.txt',
]

/** Folded given name -> gender (`u` when the lists disagree). */
const FIRST_NAMES: ReadonlyMap<string, Gender> = (() => {
  const m = new Map<string, Gender>()
  for (const f of FIRST_NAME_FILES) {
    for (const { name, gender } of parseNameList(readData(f))) {
      const k = foldName(name)
      if (k.length < 2) continue
      const prev = m.get(k)
      m.set(k, prev === undefined || prev === gender ? gender : 'u')
    }
  }
  return m
})()

const NOT_NAMES_HYPHENATED = new Set<string>()
const NOT_NAMES_CYRILLIC = new Set<string>()
const CYRILLIC = /\p{Script=Cyrillic}/u

function lowerYo(w: string): string {
  return w.toLowerCase().replace(/ё/g, 'е')
}

/** Folded words that are never part of a person's name. */
const NOT_NAMES: ReadonlySet<string> = (() => {
  const s = new Set<string>()
  for (const line of readData('not-names.txt').split('\n')) {
    if (line.startsWith('#')) continue
    for (const w of line.split(/\s+/)) {
      // Hyphenated entries (`Nur-Sultan`) match only with the hyphen: folded, `Nur-Sultan`
      // would swallow the given name `Nursultan`.
      if (w.includes('-')) NOT_NAMES_HYPHENATED.add(w.toLowerCase())
      // Cyrillic entries match exactly (lower case, ё as е): folded, `июля` would swallow the
      // given name `Юлия` and `марта` the name `Marta`.
      else if (CYRILLIC.test(w)) NOT_NAMES_CYRILLIC.add(lowerYo(w))
      else if (w) s.add(foldName(w))
    }
  }
  return s
})()

/** A surname ending from `surname-endings.tsv`. */
export interface SurnameEnding {
  readonly ending: string
  readonly strong: boolean
  readonly gender: Gender
}

/** Endings, longest first. */
const ENDINGS: readonly SurnameEnding[] = readData('surname-endings.tsv')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => {
    const [ending = '', strength, gender] = l.split('\t').map((c) => c.trim())
    return { ending, strong: strength === 'strong', gender: (gender ?? 'u') as Gender }
  })
  .filter((e) => e.ending !== '')
  .sort((a, b) => b.ending.length - a.ending.length)

/** The gender of a given name, or `undefined` when the word is not a known given name. */
export function firstNameGender(word: string): Gender | undefined {
  const k = foldName(word)
  const g = FIRST_NAMES.get(k)
  if (g !== undefined) return g
  // Hyphenated given names (Қасым-Жомарт, Jan-Willem): every part a given name.
  if (word.includes('-')) {
    const parts = word.split('-')
    if (parts.length > 1 && parts.every((p) => FIRST_NAMES.has(foldName(p)))) {
      return FIRST_NAMES.get(foldName(parts[0] ?? '')) ?? 'u'
    }
  }
  return undefined
}

/** Tells whether a word is listed as never being (part of) a name. */
export function isNotName(word: string): boolean {
  if (word.includes('-')) return NOT_NAMES_HYPHENATED.has(word.toLowerCase())
  if (CYRILLIC.test(word)) return NOT_NAMES_CYRILLIC.has(lowerYo(word))
  return NOT_NAMES.has(foldName(word))
}

/** The surname ending of a word (nominative form expected), or `undefined`. */
export function surnameEnding(word: string): SurnameEnding | undefined {
  const k = foldName(word)
  for (const e of ENDINGS) {
    // Leave at least three letters of stem: `Лев`, `Ева`, `Ұлы` are not surnames.
    if (k.endsWith(e.ending) && k.length - e.ending.length >= 3) return e
  }
  return undefined
}

/** Tells whether a word is a patronymic (`Иванович`, `Сергеевна`, `Ivanovich`). */
export function isPatronymic(word: string): boolean {
  return (
    /(?:ovich|evich|ovna|evna|ichna|inichna)$/.test(foldName(word)) ||
    /(?:ович|евич|ич)(?:а|у|ем|е)?$|(?:овн|евн|ичн)(?:а|ы|е|у|ой)$/i.test(word)
  )
}

/** A Russian patronymic back in the nominative: `Ивановича` -> `Иванович`, `Сергеевной` -> `Сергеевна`. */
export function patronymicNominative(word: string): string {
  const m = /^(.*(?:ович|евич|ич))(?:а|у|ем|е)$/i.exec(word)
  if (m?.[1]) return m[1]
  const f = /^(.*(?:овн|евн|ичн))(?:ы|е|у|ой)$/i.exec(word)
  if (f?.[1]) return f[1] + (word === word.toUpperCase() ? 'А' : 'а')
  return word
}

/** Number of given names loaded (for tests and the README's claim). */
export function firstNameCount(): number {
  return FIRST_NAMES.size
}
