/**
 * Transliteration of names between Cyrillic (Russian and Kazakh) and Latin, by the schemes of
 * `translit-data.ts`. Pure string functions; letters outside the tables pass through unchanged.
 *
 * @module core/names/transliterate
 */
import {
  CYRILLIC_TO_LATIN,
  CYRILLIC_VOWELS,
  IOTATED_E,
  KAZAKH_TO_RUSSIAN,
  LATIN_TO_CYRILLIC,
  type Scheme,
} from './translit-data.ts'

const CYRILLIC = /[\u0400-\u04ff]/
const LATIN = /[A-Za-z\u00c0-\u024f]/

/** Tells whether `text` has at least one Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text)
}

/** Tells whether `text` has at least one Latin letter. */
export function hasLatin(text: string): boolean {
  return LATIN.test(text)
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase()
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && c.toLowerCase() !== c.toUpperCase()
}

/** Gives `out` the case of the source letter: `Ж`→`Zh`, or `ZH` inside an all-capitals word. */
function withCase(out: string, source: string, next: string | undefined, scheme: Scheme): string {
  if (!isUpper(source) || out === '') return out
  if (scheme === 'kk2021' && out === 'i') return source === 'И' || source === 'Й' ? 'İ' : 'I'
  if (out === 'ı') return 'I'
  const wordUpper = next !== undefined && isLetter(next) && isUpper(next)
  if (out.length === 1 || wordUpper) return out.toUpperCase()
  return out[0]!.toUpperCase() + out.slice(1)
}

/**
 * Romanises Cyrillic `text` by `scheme` (see `translit-data.ts`); Latin and other characters are
 * kept. Keeps capitalisation: `Қасым-Жомарт Тоқаев` → `Qasym-Jomart Toqaev` (kk2021),
 * `Kasym-Zhomart Tokayev` (news).
 */
export function transliterate(text: string, scheme: Scheme): string {
  const table = CYRILLIC_TO_LATIN[scheme]
  const chars = [...text]
  let out = ''
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    const lower = c.toLowerCase()
    let value = table[lower]
    if (value === undefined) {
      out += c
      continue
    }
    const prev = chars[i - 1]?.toLowerCase()
    const next = chars[i + 1]
    if (lower === 'е' && IOTATED_E.has(scheme)) {
      if (
        prev === undefined ||
        !isLetter(prev) ||
        CYRILLIC_VOWELS.includes(prev) ||
        prev === 'ь' ||
        prev === 'ъ'
      )
        value = 'ye'
    }
    // -ый at the end of a word: one "y" in the English-news style (Dostoyevsky, not -yy).
    if (scheme === 'news' && lower === 'й' && prev === 'ы' && !isLetter(next)) value = ''
    out += withCase(value, c, next, scheme)
  }
  return out
}

/** Replaces the Kazakh-only letters by the Russian letters Russian texts print (`Тоқаев` → `Токаев`). */
export function kazakhToRussianLetters(text: string): string {
  let out = ''
  for (const c of text) {
    const lower = c.toLowerCase()
    const value = KAZAKH_TO_RUSSIAN[lower]
    out += value === undefined ? c : isUpper(c) ? value.toUpperCase() : value
  }
  return out
}

const LATIN_VOWELS = 'aeiouy'

/**
 * Writes a Russian-style Latin spelling back in Russian Cyrillic (`Tokayev` → `Токаев`,
 * `Zhomart` → `Жомарт`, `Dmitriy` → `Дмитрий`). A best guess: Latin does not tell е from э.
 */
export function latinToCyrillic(text: string): string {
  let out = ''
  const lower = text.toLowerCase()
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (!/[a-z]/.test(lower[i]!)) {
      out += c
      i++
      continue
    }
    const prevLatin = i > 0 ? lower[i - 1]! : ''
    const atStart = !/[a-z]/.test(prevLatin)
    const rest = lower.slice(i, i + 5)
    const endOfWord = (k: number) => !/[a-z]/.test(lower[i + k] ?? ' ')
    let value: string | undefined
    let used = 1
    // y/i as a glide: -iy/-yi/-y at the end of a word, and y after a vowel are й.
    if ((rest.startsWith('iy') || rest.startsWith('ii') || rest.startsWith('yi')) && endOfWord(2)) {
      value = 'ий'
      used = 2
    } else if (rest.startsWith('y') && endOfWord(1) && !atStart) {
      value = LATIN_VOWELS.includes(prevLatin) ? 'й' : 'ий'
    } else if (
      rest.startsWith('y') &&
      LATIN_VOWELS.includes(prevLatin) &&
      !'aeiou'.includes(lower[i + 1] ?? '')
    ) {
      value = 'й'
    } else if (rest.startsWith('ss') && LATIN_VOWELS.includes(prevLatin)) {
      // English news doubles s between vowels to keep it unvoiced (Kassym, Massimov): one с.
      value = 'с'
      used = 2
    } else if (rest.startsWith('e') && atStart) {
      value = 'е'
    } else {
      for (const [latin, cyr] of LATIN_TO_CYRILLIC) {
        if (rest.startsWith(latin)) {
          value = cyr
          used = latin.length
          break
        }
      }
    }
    if (value === undefined) {
      out += c
      i++
      continue
    }
    const upper = isUpper(c)
    const wordUpper = upper && isUpper(text[i + 1] ?? '')
    out += upper
      ? wordUpper
        ? value.toUpperCase()
        : value[0]!.toUpperCase() + value.slice(1)
      : value
    i += used
  }
  return out
}

// Kazakh 2021 Latin → Kazakh Cyrillic, digraphs first.
const KK_LATIN_DIGRAPHS: readonly (readonly [string, string])[] = [
  ['şş', 'щ'],
  ['ia', 'я'],
  ['iu', 'ю'],
  ['io', 'ё'],
  ['ts', 'ц'],
]
const KK_LATIN: Readonly<Record<string, string>> = {
  a: 'а',
  ä: 'ә',
  b: 'б',
  v: 'в',
  g: 'г',
  ğ: 'ғ',
  d: 'д',
  e: 'е',
  j: 'ж',
  z: 'з',
  i: 'и',
  k: 'к',
  q: 'қ',
  l: 'л',
  m: 'м',
  n: 'н',
  ñ: 'ң',
  o: 'о',
  ö: 'ө',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  ū: 'ұ',
  ü: 'ү',
  f: 'ф',
  h: 'х',
  ç: 'ч',
  ş: 'ш',
  y: 'ы',
  ı: 'і',
}

/** Tells whether Latin text uses letters of the Kazakh 2021 alphabet (ä ğ q ñ ö ū ü ı ş ç). */
export function isKazakhLatin(text: string): boolean {
  return /[äğñöūüışçİq]/i.test(text)
}

/** Writes Kazakh 2021 Latin back in Kazakh Cyrillic (`Äbılov` → `Әбілов`, `Toqaev` → `Тоқаев`). */
export function kazakhLatinToCyrillic(text: string): string {
  let out = ''
  let i = 0
  // Lowercased one unit at a time so that offsets stay aligned; I is І and İ is И (2021 rules).
  let lower = ''
  for (const c of text)
    lower += c === 'İ' ? 'i' : c === 'I' ? 'ı' : c.toLowerCase().slice(0, c.length)
  while (i < text.length) {
    const c = text[i]!
    const l = lower[i] ?? c
    let value: string | undefined
    let used = 1
    for (const [latin, cyr] of KK_LATIN_DIGRAPHS) {
      if (lower.startsWith(latin, i)) {
        value = cyr
        used = latin.length
        break
      }
    }
    value ??= KK_LATIN[l]
    if (value === undefined) {
      out += c
      i++
      continue
    }
    out += isUpper(c) ? value[0]!.toUpperCase() + value.slice(1) : value
    i += used
  }
  return out
}
