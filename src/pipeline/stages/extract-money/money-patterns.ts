/**
 * Currency, scale and vague-amount patterns for English, Russian and Kazakh news.
 *
 * Sources: ISO 4217 for the codes; the word forms are the ordinary spellings of each currency in
 * en/ru/kk reporting (Kazakh case endings are matched as `\p{L}*` after the stem: теңгеге,
 * теңгенің, долларға). Licence: MIT, as the project. To extend, add a row to the table that fits;
 * longer alternatives must come before their prefixes (`сомони` before `сом`).
 *
 * Every pattern is applied to a short window (at most ~80 characters) next to a number, so the
 * `\p{L}*` tails stay bounded; none has nested quantifiers.
 *
 * @module pipeline/stages/extract-money/money-patterns
 */
import { ANY_CARDINAL } from '../../text/number-words.ts'

/** A currency written after the number (or after its scale word). */
export interface CurrencyWord {
  /** Regex source matched at the start of the window, case-insensitive. */
  readonly re: string
  /** ISO 4217 code; `SOM` and `SUM` are resolved per document (KGS/UZS), `MANAT` too (TMT/AZN). */
  readonly code: string
  /** Multiplier for sub-units (cents). */
  readonly unit?: number
}

// Letters may not follow a currency word that has no `\p{L}*` tail ("som" must not match "some").
const B = '(?![\\p{L}\\p{N}])'

/** Currency words, symbols and codes after a number. Order matters: first match wins. */
export const CURRENCY_WORDS: readonly CurrencyWord[] = [
  { re: `(?:U\\.S\\.|US|American|USA)\\s?dollars?${B}`, code: 'USD' },
  { re: `американск\\p{L}*\\s+доллар\\p{L}*`, code: 'USD' },
  { re: `АҚШ\\s+доллар\\p{L}*`, code: 'USD' },
  { re: `Hong\\s+Kong\\s+dollars?${B}`, code: 'HKD' },
  { re: `Canadian\\s+dollars?${B}`, code: 'CAD' },
  { re: `Australian\\s+dollars?${B}`, code: 'AUD' },
  { re: `Singapore\\s+dollars?${B}`, code: 'SGD' },
  { re: `dollars?${B}`, code: 'USD' },
  { re: `доллар\\p{L}*|долл\\.`, code: 'USD' },
  { re: `(?:US\\s?)?cents?${B}`, code: 'USD', unit: 0.01 },
  { re: `цент(?:ов|а)?${B}`, code: 'USD', unit: 0.01 },
  { re: `(?:Kazakh(?:stani)?\\s)?tenge${B}`, code: 'KZT' },
  { re: `те[нң]ге\\p{L}*|тг\\.|тг${B}`, code: 'KZT' },
  { re: `(?:Russian\\s)?r(?:o)?ubles?${B}`, code: 'RUB' },
  { re: `(?:российск\\p{L}*\\s)?рубл\\p{L}*|руб\\.|руб${B}`, code: 'RUB' },
  { re: `euros?${B}|евро${B}`, code: 'EUR' },
  { re: `(?:Tajik\\s)?somonis?${B}|сомони${B}`, code: 'TJS' },
  { re: `(?:Kyrgyz\\s)?soms?${B}|сом(?:ов|а|ы|ом|ах|ға|нан|ды|ның)?${B}`, code: 'SOM' },
  {
    re: `(?:Uzbek\\s+sums?|(?:Uzbek\\s)?soums?|(?:Uzbek\\s)?so['ʻ’‘]ms?)${B}|сум(?:ов|а|ы|ах)?${B}|сўм\\p{L}*`,
    code: 'SUM',
  },
  { re: `(?:Turkmen\\s)?manats?${B}|манат\\p{L}*`, code: 'MANAT' },
  { re: `(?:Chinese\\s)?yuan${B}|renminbi${B}|юан\\p{L}*`, code: 'CNY' },
  {
    re: `(?:British\\s)?pounds?\\s+sterling${B}|British\\s+pounds?${B}|фунт\\p{L}*\\s+стерлинг\\p{L}*`,
    code: 'GBP',
  },
  { re: `(?:Swiss\\s)?francs?${B}|швейцарск\\p{L}*\\s+франк\\p{L}*`, code: 'CHF' },
  { re: `hryvnias?${B}|гривен${B}|гривн\\p{L}*`, code: 'UAH' },
  { re: `(?:Japanese\\s)?yen${B}|иен${B}|йен${B}`, code: 'JPY' },
  { re: `rupees?${B}|рупи\\p{L}*`, code: 'INR' },
  { re: `(?:Georgian\\s)?lari${B}|лари${B}`, code: 'GEL' },
  { re: `(?:Armenian\\s)?drams?${B}|драм(?:ов|а)?${B}`, code: 'AMD' },
  { re: `zloty(?:s)?${B}|злот\\p{L}*`, code: 'PLN' },
  { re: `(?:UAE\\s)?dirhams?${B}|дирхам\\p{L}*`, code: 'AED' },
  { re: `(?:Turkish\\s)?liras?${B}|турецк\\p{L}*\\s+лир\\p{L}*`, code: 'TRY' },
  { re: `(?:KZT|USD|EUR|RUB|KGS|UZS|TJS|TMT|CNY|GBP|CHF|UAH|AED|TRY|AZN|RMB)${B}`, code: 'CODE' },
  { re: '\\$|₸|₽|€|£', code: 'SYMBOL' },
]

/** Symbols and codes written before the number (`$5`, `US$ 5`, `KZT420mln`, `€380,000`). */
export const CURRENCY_PREFIX_RE =
  /(?:(?<![\p{L}])(?:US|U\.S\.|C|A)?\$|₸|₽|€|£|(?<![\p{L}])(?:KZT|USD|EUR|RUB|KGS|UZS|TJS|TMT|CNY|GBP|CHF|AED|RMB))\s?$/u

/** Maps a symbol or an upper-case code to ISO 4217. */
export function symbolCode(s: string): string {
  const t = s.replace(/\s/g, '').toUpperCase()
  if (t === 'C$') return 'CAD'
  if (t === 'A$') return 'AUD'
  if (t.endsWith('$')) return 'USD'
  if (t === '₸') return 'KZT'
  if (t === '₽') return 'RUB'
  if (t === '€') return 'EUR'
  if (t === '£') return 'GBP'
  if (t === 'RMB') return 'CNY'
  return t
}

/** A scale word after the number: thousand, million, billion, trillion. */
export interface ScaleWord {
  readonly re: string
  readonly factor: number
  /** Only when written right after the digits, without a space (`5m`, `$1.2bn`, `420mln`). */
  readonly attachedOnly?: boolean
}

/** Scale words in en/ru/kk; abbreviations with an optional full stop. */
export const SCALE_WORDS: readonly ScaleWord[] = [
  { re: `trillions?${B}|trln\\.?|трлн\\.?|триллион\\p{L}*`, factor: 1e12 },
  { re: `tn${B}`, factor: 1e12, attachedOnly: true },
  { re: `billions?${B}|bln\\.?${B}|млрд\\.?|миллиард\\p{L}*`, factor: 1e9 },
  { re: `bn${B}|b${B}`, factor: 1e9, attachedOnly: true },
  { re: `millions?${B}|mln\\.?${B}|млн\\.?|миллион\\p{L}*`, factor: 1e6 },
  { re: `mn${B}|m${B}`, factor: 1e6, attachedOnly: true },
  { re: `thousands?${B}|тыс(?:яч\\p{L}*|\\.)?|мың\\p{L}*`, factor: 1e3 },
  { re: `k${B}`, factor: 1e3, attachedOnly: true },
]

/** A vague amount: no number, only an order of magnitude ("billions of dollars"). */
export interface VaguePattern {
  /** A cheap literal test: the pattern runs only on texts where this matches. */
  readonly hint: RegExp
  readonly re: RegExp
  /** ISO code, or `FROM_WORD` to read it from the currency word in the match. */
  readonly code: string
}

const EN_CUR =
  '(?:(?:U\\.S\\.|US|American)\\s)?(?:dollars|tenge|r(?:o)?ubles|euros|soms|soums|manats|yuan)'
const RU_CUR = '(?:тенге|рубл\\p{L}*|доллар\\p{L}*|евро|сом(?:ов|ы)?|сум(?:ов|ы)?|юан\\p{L}*)'

/** Vague amounts, global regexes over the content (each linear: words separated by `\s+`). */
export const VAGUE_PATTERNS: readonly VaguePattern[] = [
  {
    hint: /(?:illions|housands)\s+of\s/i,
    re: new RegExp(
      `\\b(?:(?:hundreds|tens|dozens)\\s+of\\s+)?(?:thousands|millions|billions|trillions)\\s+of\\s+${EN_CUR}\\b`,
      'giu',
    ),
    code: 'FROM_WORD',
  },
  {
    hint: /(?:several|few|many)\s+(?:thousand|million|billion)\s/i,
    re: new RegExp(
      `\\b(?:several|a\\s+few|many)\\s+(?:thousand|million|billion)\\s+${EN_CUR}\\b`,
      'giu',
    ),
    code: 'FROM_WORD',
  },
  {
    hint: /multi-?(?:million|billion)/i,
    re: /\bmulti-?(?:million|billion)(?:-|\s)dollars?\b/gi,
    code: 'USD',
  },
  {
    hint: /(?:ысяч|иллион|иллиард)(?:и|ы|ов)?\s+(?:тенге|рубл|доллар|евро|сом|сум|юан)/i,
    re: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:(?:сотни|сотен|десятки|десятков|нескольк\\p{L}*)\\s+)?(?:тысячи|тысяч|миллионы|миллионов|миллиарды|миллиардов)\\s+${RU_CUR}(?![\\p{L}])`,
      'giu',
    ),
    code: 'FROM_WORD',
  },
  {
    hint: /(?:даған|таған|иллион|иллиард)\s+те[нң]ге/i,
    re: /(?<![\p{L}\p{N}])(?:(?:жүздеген|ондаған)\s+)?(?:мыңдаған|миллиондаған|миллиардтаған|миллион|миллиард)\s+те[нң]ге\p{L}*/giu,
    code: 'KZT',
  },
]

/**
 * A scale word stem that every hint of VAGUE_PATTERNS and WORD_AMOUNT_PATTERNS contains (same
 * `i` flag): one scan of a text without any of them skips all eight hints. Extend it with the
 * patterns.
 */
export const MAY_HAVE_WORD_AMOUNT = /illi|housand|илли|ысяч|даған|таған|мың/i

/** Reads the currency of a vague amount from its words. */
export function vagueCurrency(text: string): string | null {
  const t = text.toLowerCase()
  if (/dollar|доллар/u.test(t)) return 'USD'
  if (/tenge|тенге|теңге/u.test(t)) return 'KZT'
  if (/rouble|ruble|рубл/u.test(t)) return 'RUB'
  if (/euro|евро/u.test(t)) return 'EUR'
  if (/soums|сум/u.test(t)) return 'UZS'
  if (/soms|сом/u.test(t)) return 'KGS'
  if (/manat/u.test(t)) return 'TMT'
  if (/yuan|юан/u.test(t)) return 'CNY'
  return null
}

/** Words that tell a text is about Uzbekistan (for som/sum). */
export const UZBEK_CUE = /uzbek|узбек|өзбек|ўзбек|tashkent|ташкент|ташкен/giu
/** Words that tell a text is about Kyrgyzstan (for som/soum). */
export const KYRGYZ_CUE = /kyrgyz|кыргыз|киргиз|қырғыз|bishkek|бишкек|\bKGS\b/giu
/** Words that tell a text is about Azerbaijan (for manat). */
export const AZERI_CUE = /azerbaijan|азербайджан|әзірбайжан|\bAZN\b/giu
/** Words that tell a text is about Turkmenistan (for manat). */
export const TURKMEN_CUE = /turkmen|туркмен|түрікмен|ashgabat|ашхабад/giu

/** Number words before a scale word ("a million dollars", "два миллиона долларов", "бір миллион теңге"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  ...ANY_CARDINAL,
  a: 1,
  'half a': 0.5,
  одного: 1,
  одну: 1,
  четырёх: 4,
  полтора: 1.5,
  полутора: 1.5,
}

/** The factor of a written scale word (thousand, миллиона, мың…). */
export function scaleFactor(word: string): number {
  const w = word.toLowerCase()
  if (/^(?:thousand|тысяч|мың)/u.test(w)) return 1e3
  if (/^(?:million|миллион)/u.test(w)) return 1e6
  if (/^(?:billion|миллиард)/u.test(w)) return 1e9
  return 1e12
}

/**
 * Amounts written with number words. Groups: 1 number word (optional in Russian for the
 * singular "миллион долларов"), 2 scale word, 3 currency word.
 */
export const WORD_AMOUNT_PATTERNS: readonly { readonly hint: RegExp; readonly re: RegExp }[] = [
  {
    hint: /(?:\ba|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thousand|million|billion|trillion)\s/i,
    re: new RegExp(
      `\\b(a|one|two|three|four|five|six|seven|eight|nine|ten|half\\s+a)\\s+(thousand|million|billion|trillion)\\s+(${EN_CUR.replace('dollars', 'dollars?').replace('tenge', 'tenge|euros?')})\\b`,
      'gi',
    ),
  },
  {
    hint: /(?:тысяч|миллион|миллиард)\S{0,2}\s+(?:тенге|рубл|доллар|евро|сом|сум|юан)/i,
    re: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:(один|одного|одну|два|двух|две|три|тр[её]х|четыре|четыр[её]х|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|полтора|полутора)\\s+)?(тысяч[аиу]?|миллион(?:а|ов)?|миллиард(?:а|ов)?)\\s+(${RU_CUR})(?![\\p{L}])`,
      'giu',
    ),
  },
  {
    hint: /(?:бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он)\s+(?:мың|миллион|миллиард)\s/i,
    re: /(?<![\p{L}\p{N}])(бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он)\s+(мың|миллион|миллиард)\s+(те[нң]ге\p{L}*|доллар\p{L}*|АҚШ\s+доллар\p{L}*|рубль\p{L}*|еуро|евро)/giu,
  },
]
