/**
 * Our transliteration tables, Cyrillic (Russian and Kazakh letters) to Latin, one per scheme, and
 * the Russian-style Latin to Cyrillic table used to bring English spellings back to Cyrillic.
 *
 * Sources (written from the published standards, not copied from any library):
 * - `kk2021`: the Kazakh Latin alphabet approved by the Government of Kazakhstan on 28 January 2021
 *   (Ә→Ä, Ғ→Ğ, Қ→Q, Ң→Ñ, Ө→Ö, Ұ→Ū, Ү→Ü, Һ/Х→H, І→I (lower ı), И/Й→İ (lower i), Ы→Y, Ш→Ş,
 *   Ч→Ç, Ж→J, У→U).
 * - `news`: the Russian-style romanisation of English-language news agencies (Reuters, AP, RFE/RL:
 *   Тоқаев→Tokayev, Жомарт→Zhomart, Е→Ye at the start of a word and after a vowel, -ий→-iy),
 *   with Kazakh letters folded to their Russian neighbours (Қ→K, Ғ→G, Ң→N, Ә→A, Ө→O, Ұ/Ү→U, І→I).
 * - `bgn`: BGN/PCGN 1947 for Russian and BGN/PCGN 1979 for the Kazakh letters (Ә→Ä, Ғ→Gh, Қ→Q,
 *   Ң→Ng, Ө→Ö, Ұ→Ū, Ү→Ü, І→Ī), Е→Ye as in `news`, Ё→Ë, Ъ→”, Ь→’.
 * - `icao`: ICAO Doc 9303 part 3 (machine-readable passports): Ж→ZH, Х→KH, Ц→TS, Щ→SHCH, Ю→IU,
 *   Я→IA, Й→I, Ъ→IE, Ь omitted; Kazakh letters folded as Kazakh passports print them.
 * Licence: MIT, as the project.
 *
 * @module core/names/translit-data
 */

/** A romanisation scheme for Cyrillic names. */
export type Scheme = 'kk2021' | 'news' | 'bgn' | 'icao'

/** Every scheme, in the order variants are listed. */
export const SCHEMES: readonly Scheme[] = ['news', 'kk2021', 'bgn', 'icao']

/** The 33 Russian letters, lowercase, in alphabet order. */
const RU = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'
/** The nine Kazakh letters that Russian lacks, lowercase. */
const KK = 'әғқңөұүһі'

/** Splits a space-separated list into exactly `n` entries ('-' stands for the empty string). */
function row(list: string, letters: string): Readonly<Record<string, string>> {
  const values = list.split(' ').map((v) => (v === '-' ? '' : v))
  const chars = [...letters]
  if (values.length !== chars.length) throw new Error(`translit table: ${list}`)
  const out: Record<string, string> = {}
  chars.forEach((c, i) => {
    out[c] = values[i] ?? ''
  })
  return out
}

// Russian letters: а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я
// Kazakh letters:  ә ғ қ ң ө ұ ү һ і
// `е` is written here as its value after a consonant; the "ye" rule is applied in code.

/** Lowercase Cyrillic letter → Latin, per scheme. */
export const CYRILLIC_TO_LATIN: Readonly<Record<Scheme, Readonly<Record<string, string>>>> = {
  kk2021: {
    ...row('a b v g d e io j z i i k l m n o p r s t u f h ts ç ş şş - y - e iu ia', RU),
    ...row('ä ğ q ñ ö ū ü h ı', KK),
  },
  news: {
    ...row('a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya', RU),
    ...row('a g k n o u u kh i', KK),
  },
  bgn: {
    ...row('a b v g d e ë zh z i y k l m n o p r s t u f kh ts ch sh shch ” y ’ e yu ya', RU),
    ...row('ä gh q ng ö ū ü h ī', KK),
  },
  icao: {
    ...row('a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y - e iu ia', RU),
    ...row('a g k n o u u h i', KK),
  },
}

/** Schemes that write Е as "ye" at the start of a word and after a vowel, Ъ or Ь. */
export const IOTATED_E: ReadonlySet<Scheme> = new Set<Scheme>(['news', 'bgn'])

/** Cyrillic vowels (Russian and Kazakh), lowercase: after these `е` is iotated in `news`/`bgn`. */
export const CYRILLIC_VOWELS = 'аеёиоуыэюяәөұүі'

/** Kazakh letters → the Russian letters Russian-language texts print instead (Тоқаев → Токаев). */
export const KAZAKH_TO_RUSSIAN: Readonly<Record<string, string>> = row('а г к н о у у х и', KK)

/**
 * Russian-style Latin → Cyrillic, longest spelling first. Matched left to right; the context rules
 * (ye, y between vowels, final -iy/-y) are applied in code.
 */
export const LATIN_TO_CYRILLIC: readonly (readonly [string, string])[] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['dzh', 'дж'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['tch', 'ч'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yu', 'ю'],
  ['iu', 'ю'],
  ['ju', 'ю'],
  ['ya', 'я'],
  ['ia', 'я'],
  ['ja', 'я'],
  ['yo', 'ё'],
  ['ye', 'е'],
  ['ph', 'ф'],
  ['gh', 'г'],
  ['ck', 'к'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'ц'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'ж'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['y', 'ы'],
  ['z', 'з'],
]

/** Latin letters with diacritics that are letters of their own in Kazakh/Uzbek/Turkish spelling. */
export const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ä: 'a',
  ə: 'a',
  ğ: 'gh',
  ñ: 'n',
  ö: 'o',
  ü: 'u',
  ū: 'u',
  ı: 'i',
  ī: 'i',
  ş: 'sh',
  ç: 'ch',
  ž: 'zh',
  š: 'sh',
  č: 'ch',
  ŭ: 'u',
  ë: 'yo',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  đ: 'd',
  ł: 'l',
}
