/**
 * Generated spelling variants of a name: Cyrillic with Kazakh and with Russian letters, every
 * romanisation of `translit-data.ts` (and the common news spellings beside them: -ev for -yev, -y
 * for -iy, ss between vowels), gender forms of the surname, the Russian case forms of the whole
 * name, and surname-first order. Pure; the list is ordered (originals first) and free of repeats.
 *
 * @module core/names/variants
 */

import { SCHEMES } from './translit-data.ts'
import {
  hasCyrillic,
  isKazakhLatin,
  kazakhLatinToCyrillic,
  kazakhToRussianLetters,
  latinToCyrillic,
  transliterate,
} from './transliterate.ts'

type Gender = 'm' | 'f'

/** The five oblique Russian cases, in order: genitive, dative, accusative, instrumental, prepositional. */
type Forms = readonly [string, string, string, string, string]

const SURNAME_M = /^(.+(?:ов|ев|ёв|ин|ын))$/iu
const SURNAME_F = /^(.+(?:ов|ев|ёв|ин|ын))а$/iu
const SKY_M = /^(.+[сц]к)ий$/iu
const SKY_F = /^(.+[сц]к)ая$/iu
const PATRONYMIC = /(?:ович|евич|ич|овна|евна|ична|ұлы|улы|қызы|кызы)$/iu
const MALE_SOFT = new Set(['игорь', 'эмиль', 'марсель', 'рауль', 'шамиль', 'ильдар'])
const MALE_IN_A = new Set(['никита', 'илья', 'кузьма', 'фома', 'муса', 'иса', 'лука', 'данила'])

/** Gives `ending` the case of `word` (all capitals stay all capitals). */
function join(stem: string, ending: string, word: string): string {
  return word.length > 1 && word === word.toUpperCase()
    ? stem + ending.toUpperCase()
    : stem + ending
}

/** The kind of a Cyrillic word of a name. */
function surnameGender(word: string): Gender | undefined {
  if (SURNAME_F.test(word) || SKY_F.test(word)) return 'f'
  if (SURNAME_M.test(word) || SKY_M.test(word)) return 'm'
  return undefined
}

/** The other gender's form of a Cyrillic surname, or `undefined` when it has none. */
function otherGender(word: string): string | undefined {
  let m = SURNAME_F.exec(word)
  if (m) return m[1]
  m = SKY_F.exec(word)
  if (m) return join(m[1]!, 'ий', word)
  m = SURNAME_M.exec(word)
  if (m) return join(m[1]!, 'а', word)
  m = SKY_M.exec(word)
  if (m) return join(m[1]!, 'ая', word)
  return undefined
}

/** Oblique case forms of a Cyrillic surname of `gender`; `undefined` for indeclinable ones. */
function declineSurname(word: string, gender: Gender): Forms | undefined {
  const j = (stem: string, e: string) => join(stem, e, word)
  const masc = SURNAME_M.exec(word)?.[1] ?? SURNAME_F.exec(word)?.[1]
  if (masc !== undefined) {
    return gender === 'm'
      ? [j(masc, 'а'), j(masc, 'у'), j(masc, 'а'), j(masc, 'ым'), j(masc, 'е')]
      : [j(masc, 'ой'), j(masc, 'ой'), j(masc, 'у'), j(masc, 'ой'), j(masc, 'ой')]
  }
  const sky = SKY_M.exec(word)?.[1] ?? SKY_F.exec(word)?.[1]
  if (sky !== undefined) {
    return gender === 'm'
      ? [j(sky, 'ого'), j(sky, 'ому'), j(sky, 'ого'), j(sky, 'им'), j(sky, 'ом')]
      : [j(sky, 'ой'), j(sky, 'ой'), j(sky, 'ую'), j(sky, 'ой'), j(sky, 'ой')]
  }
  return undefined
}

/** Gender a Cyrillic given name suggests by its ending. */
function givenGender(word: string): Gender {
  const w = word.toLowerCase()
  if (MALE_IN_A.has(w)) return 'm'
  if (/[ая]$/.test(w)) return 'f'
  if (/ь$/.test(w)) return MALE_SOFT.has(w) ? 'm' : 'f'
  return 'm'
}

/** Oblique case forms of a Cyrillic given name (Russian declension); `undefined` if it has none. */
function declineGiven(word: string): Forms | undefined {
  const w = word.toLowerCase()
  const j = (cut: number, e: string) => join(word.slice(0, word.length - cut), e, word)
  const hush = /[гкхжшчщ]а$/.test(w)
  const sibilant = /[жшчщц]а$/.test(w)
  if (/ия$/.test(w)) return [j(1, 'и'), j(1, 'и'), j(1, 'ю'), j(1, 'ей'), j(1, 'и')]
  if (/ий$/.test(w)) return [j(1, 'я'), j(1, 'ю'), j(1, 'я'), j(1, 'ем'), j(1, 'и')]
  if (/[аеоуэ]й$/.test(w)) return [j(1, 'я'), j(1, 'ю'), j(1, 'я'), j(1, 'ем'), j(1, 'е')]
  if (/а$/.test(w))
    return [j(1, hush ? 'и' : 'ы'), j(1, 'е'), j(1, 'у'), j(1, sibilant ? 'ей' : 'ой'), j(1, 'е')]
  if (/я$/.test(w)) return [j(1, 'и'), j(1, 'е'), j(1, 'ю'), j(1, 'ей'), j(1, 'е')]
  if (/ь$/.test(w)) {
    return givenGender(w) === 'm'
      ? [j(1, 'я'), j(1, 'ю'), j(1, 'я'), j(1, 'ем'), j(1, 'е')]
      : [j(1, 'и'), j(1, 'и'), word, j(0, 'ю'), j(1, 'и')]
  }
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(w)) {
    const ins = /[жшчщц]$/.test(w) ? 'ем' : 'ом'
    return [j(0, 'а'), j(0, 'у'), j(0, 'а'), j(0, ins), j(0, 'е')]
  }
  return undefined
}

/** Declines one word of a name in the gender of the name; Kazakh and foreign words stay as written. */
function declineWord(word: string, gender: Gender): Forms {
  if (PATRONYMIC.test(word)) {
    const forms = /(?:ович|евич|ич)$/iu.test(word)
      ? declineGiven(word)
      : /на$/iu.test(word)
        ? declineGiven(word)
        : undefined
    return forms ?? [word, word, word, word, word]
  }
  if (surnameGender(word) !== undefined)
    return declineSurname(word, gender) ?? [word, word, word, word, word]
  // Hyphenated given names decline in their last part only (Қасым-Жомарта).
  const dash = word.lastIndexOf('-')
  if (dash > 0) {
    const tail = declineGiven(word.slice(dash + 1))
    const head = word.slice(0, dash + 1)
    if (tail) return tail.map((t) => head + t) as unknown as Forms
  }
  return declineGiven(word) ?? [word, word, word, word, word]
}

/** The news-agency spellings that sit beside the strict `news` scheme. */
function newsAlternatives(latin: string): string[] {
  const out = [
    latin.replace(/([aeiou])yev\b/gi, '$1ev').replace(/([aeiou])YEV\b/g, '$1EV'),
    latin.replace(/iy\b/g, 'y').replace(/IY\b/g, 'Y'),
    latin.replace(/([aeiouy])s([aeiouy])/g, '$1ss$2'),
  ]
  return out.filter((v) => v !== latin)
}

function genderOfName(words: readonly string[]): Gender {
  for (const w of words) {
    const g = surnameGender(w)
    if (g) return g
  }
  const first = words.find((w) => !PATRONYMIC.test(w))
  return first === undefined ? 'm' : givenGender(first)
}

/**
 * Lists spelling variants of a name (see the module comment): `generateVariants('Тоқаев')` →
 * `Тоқаев, Токаев, Tokayev, Toqaev, Tokaev, …, Тоқаева, Токаева, Токаева, Токаеву, …`. At most
 * `limit` (default 200) entries; the input comes first.
 */
export function generateVariants(name: string, limit = 200): string[] {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 200)
  const out = new Set<string>()
  if (clean === '') return []
  out.add(clean)
  const cyrillicBases: string[] = []
  if (hasCyrillic(clean)) cyrillicBases.push(clean, kazakhToRussianLetters(clean))
  else if (isKazakhLatin(clean)) {
    const kk = kazakhLatinToCyrillic(clean)
    cyrillicBases.push(kk, kazakhToRussianLetters(kk))
  } else cyrillicBases.push(latinToCyrillic(clean))
  const bases = [...new Set(cyrillicBases)]
  const words = (s: string) => s.split(' ')
  const gender = genderOfName(words(bases[0]!))

  const romanise = (cyr: string) => {
    for (const scheme of SCHEMES) {
      const latin = transliterate(cyr, scheme)
      out.add(latin)
      if (scheme === 'news') for (const alt of newsAlternatives(latin)) out.add(alt)
    }
  }
  for (const b of bases) out.add(b)
  for (const b of bases) romanise(b)

  // Surname-first order for names of two or more words (given names first in the input).
  for (const b of bases) {
    const ws = words(b)
    if (ws.length < 2) continue
    const flipped = [ws[ws.length - 1]!, ...ws.slice(0, -1)].join(' ')
    out.add(flipped)
    out.add(transliterate(flipped, 'news'))
  }

  // Gender forms of the surname(s), alone or in the name, with their romanisations.
  for (const b of bases) {
    const ws = words(b)
    const swapped = ws.map((w) => otherGender(w) ?? w)
    if (swapped.join(' ') === b) continue
    const surnames = swapped.filter((w, i) => w !== ws[i])
    const form = ws.length === 1 ? swapped.join(' ') : surnames.join(' ')
    out.add(form)
    romanise(form)
  }

  // Russian case forms: every word of the name in the same case and gender.
  const genders: Gender[] =
    words(bases[0]!).length === 1 && surnameGender(bases[0]!) ? ['m', 'f'] : [gender]
  for (const b of bases) {
    for (const g of genders) {
      const ws = words(b).map((w) => (g !== gender ? (otherGender(w) ?? w) : w))
      const declined = ws.map((w) => declineWord(w, g))
      for (let c = 0; c < 5; c++) out.add(declined.map((f) => f[c]!).join(' '))
    }
  }
  return [...out].filter((v) => v.trim() !== '').slice(0, limit)
}
