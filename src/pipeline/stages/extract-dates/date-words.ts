/**
 * Month, weekday and number words for dates in English, Russian and Kazakh.
 *
 * Sources: the standard Gregorian month and weekday names of each language (Kazakh: қаңтар …
 * желтоқсан, as used by Kazinform and the official press). Russian forms are written as stem plus
 * the case endings that occur in dates (января, январе, январь); Kazakh endings are agglutinative
 * and are matched as any letters after the stem (қаңтарда, қаңтардың). Licence: MIT, as the project.
 * To extend, add the form to the table; keep regex pieces free of nested quantifiers.
 *
 * @module pipeline/stages/extract-dates/date-words
 */
import { ANY_CARDINAL } from '../../text/number-words.ts'

/** English month names and abbreviations (capitalised, so "may" and "march" as words stay out). */
export const EN_MONTHS: readonly (readonly [string, number])[] = [
  ['January', 1],
  ['February', 2],
  ['March', 3],
  ['April', 4],
  ['May', 5],
  ['June', 6],
  ['July', 7],
  ['August', 8],
  ['September', 9],
  ['October', 10],
  ['November', 11],
  ['December', 12],
  ['Jan', 1],
  ['Feb', 2],
  ['Mar', 3],
  ['Apr', 4],
  ['Jun', 6],
  ['Jul', 7],
  ['Aug', 8],
  ['Sept', 9],
  ['Sep', 9],
  ['Oct', 10],
  ['Nov', 11],
  ['Dec', 12],
]

/** Russian month stems with the endings used in dates (nominative, genitive, prepositional). */
export const RU_MONTHS: readonly (readonly [string, number])[] = [
  ['январ[ьяею]', 1],
  ['феврал[ьяею]', 2],
  ['март[аеу]?', 3],
  ['апрел[ьяею]', 4],
  ['ма[йяею]', 5],
  ['июн[ьяею]', 6],
  ['июл[ьяею]', 7],
  ['август[аеу]?', 8],
  ['сентябр[ьяею]', 9],
  ['октябр[ьяею]', 10],
  ['ноябр[ьяею]', 11],
  ['декабр[ьяею]', 12],
]

/** Kazakh month names; any case ending may follow (`\p{L}*`). */
export const KK_MONTHS: readonly (readonly [string, number])[] = [
  ['қаңтар', 1],
  ['ақпан', 2],
  ['наурыз', 3],
  ['сәуір', 4],
  ['мамыр', 5],
  ['маусым', 6],
  ['шілде', 7],
  ['тамыз', 8],
  // қыркүйек → қыркүйегінде: the final к voices before a vowel, so the stem stops before it.
  ['қыркүйе', 9],
  ['қазан', 10],
  ['қараша', 11],
  ['желтоқсан', 12],
]

/** Weekdays, Monday = 1 … Sunday = 7, with the accusative Russian forms used after "в". */
export const WEEKDAYS: readonly (readonly [string, number])[] = [
  ['monday', 1],
  ['tuesday', 2],
  ['wednesday', 3],
  ['thursday', 4],
  ['friday', 5],
  ['saturday', 6],
  ['sunday', 7],
  ['понедельник', 1],
  ['вторник', 2],
  ['среду', 3],
  ['четверг', 4],
  ['пятницу', 5],
  ['субботу', 6],
  ['воскресенье', 7],
  ['дүйсенбі', 1],
  ['сейсенбі', 2],
  ['сәрсенбі', 3],
  ['бейсенбі', 4],
  ['жұма', 5],
  ['сенбі', 6],
  ['жексенбі', 7],
]

/** Small number words for "two years ago", "три года назад", "екі жыл бұрын". */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  ...ANY_CARDINAL,
  a: 1,
  an: 1,
  год: 1,
}

/** Regex alternation of month forms (longest first), for use inside a larger pattern. */
export function monthAlternation(table: readonly (readonly [string, number])[]): string {
  return [...table]
    .map(([w]) => w)
    .sort((a, b) => b.length - a.length)
    .join('|')
}

// English names and every Russian form the stems allow ("январ[ьяею]" → январь, января, …),
// lower-cased: one lookup instead of a regex per stem for each date found.
const WHOLE_MONTH_FORMS: ReadonlyMap<string, number> = new Map([
  ...EN_MONTHS.map(([name, n]) => [name.toLowerCase(), n] as const),
  ...RU_MONTHS.flatMap(([stem, n]) => expandStem(stem).map((form) => [form, n] as const)),
])

/** The forms a stem such as "январ[ьяею]" or "март[аеу]?" spells out. */
export function expandStem(stem: string): string[] {
  const m = /^([^[]*)\[([^\]]*)\](\??)$/u.exec(stem)
  if (!m) return [stem]
  const endings = [...m[2]!].map((e) => m[1]! + e)
  return m[3] ? [m[1]!, ...endings] : endings
}

/** The month number of a written month form, or `null`. */
export function monthNumber(written: string): number | null {
  const lower = written.toLowerCase()
  const w = lower.endsWith('.') ? lower.slice(0, -1) : lower
  const whole = WHOLE_MONTH_FORMS.get(w)
  if (whole !== undefined) return whole
  for (const [name, n] of KK_MONTHS) if (w.startsWith(name)) return n
  return null
}

/** The weekday number (Monday = 1) of a written weekday, or `null`. */
export function weekdayNumber(written: string): number | null {
  const w = written.toLowerCase()
  for (const [name, n] of WEEKDAYS) if (w === name || w.startsWith(name)) return n
  return null
}
