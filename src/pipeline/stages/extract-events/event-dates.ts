/**
 * Which date a sentence gives an event: the date nearest its trigger, unless the date is the
 * report's (a dateline, "reported on"), belongs to another step of the sentence, or the trigger
 * sits in a relative clause or an aside; date ranges become intervals (`2020-03/2020-04`).
 *
 * @module pipeline/stages/extract-events/event-dates
 */
import type { EventType } from '#core/facts.ts'
import { monthNumber } from '../extract-dates/date-words.ts'

// Words next to a date that make it the date of the report, not of the event.
const REPORT_WORDS =
  /\b(?:reported|reports|said|says|told|announced|stated|published|press conference|interview)\b|сообщил|сообщает|сообщили|заявил|рассказал|отметил|передает|передаёт|хабарла|мәлімде|брифинг/iu
const RELATIVE =
  /,\s*(?:who|which|whom|который|которая|которое|которые|которого|которой|которых|кто)(?!\p{L})/iu
const THAT_CLAUSE = /\s(?:that|which|who)\s/iu
const RELATIVE_START =
  /^\s*(?:who|which|whom|который|которая|которое|которые|которого|которой|которых|кто)(?!\p{L})/iu
// Two triggers joined by "and"/"и"/"және" with no comma share their date: "fled and hid".
const SAME_CLAUSE_JOIN = /^[^,;]{0,100}$/u
const COORDINATION = /\s(?:and|or|while|when|и|или|при|және|әрі|кезде)\s/iu
const DATELINE_AFTER = /^\)?\s*(?:[—–]|\s-)\s*(?!\d)/u
const CAUSE_BEFORE = /(?:\bfor|\bof|(?<!\p{L})за|(?<!\p{L})в)\s+$/iu
const CAUSE_AFTER = /^\p{L}*\s+(?:үшін|бойынша)(?!\p{L})/iu
const INTERVAL_JOIN = /^\s*(?:to|until|till|through|and|-|–|—|по|до|и|-ге дейін|аралығында)\s*$/iu

// What follows a year that names a law ("2023 asset recovery law", "1995 constitution").
const YEAR_OF_LAW = /^(?:'s)?\s+(?:[\p{L}-]+\s+){0,3}?(?:law|constitution|criminal code)\b/iu
const REPORT_WORDS_ALL = new RegExp(REPORT_WORDS.source, 'giu')
// The end of a sentence: a report word beyond it is another sentence's.
const SENTENCE_END = /[.!?]\s|\n/gu
const SENTENCE_END_FIRST = /[.!?]\s|\n/u
/** Characters after a date in which a report word makes it the report's date. */
const REPORT_AFTER = 45
// "сообщила, что 15 апреля …", "said that on 5 May …": a date after "that" is the reported
// event's, not the report's.
const REPORTED_CLAUSE = /\bthat\b|(?<!\p{L})что(?!\p{L})|:/iu

// The report words around each date (offsets into the content), read once per date: every
// trigger of the sentence asks about the same dates. Keyed by the date object, with the
// content it was read in.
const REPORT_WORDS_NEAR = new WeakMap<object, { content: string; at: readonly number[] }>()

function reportWordsNear(content: string, d: { start: number; end: number }): readonly number[] {
  const known = REPORT_WORDS_NEAR.get(d)
  if (known !== undefined && known.content === content) return known.at
  // Only the date's own sentence: "…, the police said.\n\nOn 12 March officers searched" does
  // not make 12 March the report's date.
  const start = Math.max(0, d.start - 40)
  let from = start
  for (const m of content.slice(start, d.start).matchAll(SENTENCE_END))
    from = start + m.index + m[0].length
  // "20 апреля 2025 года пресс-служба полиции сообщила": the report word may follow the date's
  // subject; `datesReport` still gives the date to a trigger told between them.
  let to = Math.min(content.length, d.end + REPORT_AFTER)
  const after = SENTENCE_END_FIRST.exec(content.slice(d.end, to))
  if (after) to = d.end + after.index + 1
  const around = content.slice(from, to)
  const at: number[] = []
  if (REPORT_WORDS.test(around))
    for (const m of around.matchAll(REPORT_WORDS_ALL)) at.push(from + m.index)
  REPORT_WORDS_NEAR.set(d, { content, at })
  return at
}

/**
 * Tells whether a report word next to a date makes it the report's date, seen from a trigger
 * at `at`: "police said on Monday they detained" and "detained …, police said on Monday" date
 * the report; "police said the man was detained on 5 May" and "the extradition took place on
 * 10 September, the office reports" date the event (the trigger sits between the report word
 * and the date, or before a date that the report word follows).
 */
function datesReport(content: string, d: { start: number; end: number }, at: number): boolean {
  for (const r of reportWordsNear(content, d))
    if (
      r < d.start
        ? !(r < at && at < d.start) && !REPORTED_CLAUSE.test(content.slice(r, d.start))
        : at > r
    )
      return true
  return false
}

/** How far after a report word a date may start and still date the report ("reported on"). */
const REPORT_GAP = 24

/**
 * Tells whether a date is the report's, seen from no trigger: a report word follows it in its
 * sentence ("On 3 May, police said") or comes right before it ("reported on Sept. 14"), not
 * before a clause that it opens ("said the man ran the exchange from 2020 to 2022").
 */
function reportDate(content: string, d: { start: number; end: number }): boolean {
  for (const r of reportWordsNear(content, d))
    if (
      r > d.start ||
      (d.start - r <= REPORT_GAP && !REPORTED_CLAUSE.test(content.slice(r, d.start)))
    )
      return true
  return false
}

/**
 * Tells whether an offset lies less than 60 characters after the start of its line (as
 * `offset - (content.lastIndexOf('\n', offset) + 1) < 60`, reading back 60 characters at most).
 */
function nearLineStart(content: string, offset: number): boolean {
  if (offset < 60) return true
  for (let i = offset; i >= offset - 60; i--) if (content.charCodeAt(i) === 10) return true
  return false
}

/**
 * The date of an event told in a sentence: the date nearest the trigger, or an interval when
 * two dates are joined by "to"/"по"/"–". Dates of the report itself ("reported on Sept. 14")
 * do not date the event.
 */
export function eventDate(
  content: string,
  dates: readonly { iso: string; start: number; end: number; text: string }[],
  trigger: { start: number; end: number; type: EventType },
  others: readonly { start: number; end: number; type: EventType }[],
): string | null {
  const at = trigger.start
  const usable = dates.filter((d) => {
    if (datesReport(content, d, at)) return false
    // "the 2023 asset recovery law has aided the country in recovering": the year names the law.
    if (
      trigger.type !== 'legislation' &&
      d.iso.length === 4 &&
      YEAR_OF_LAW.test(content.slice(d.end, d.end + 50))
    )
      return false
    // A dateline ("ASTANA, 22 January 2025 — …") dates the report.
    if (nearLineStart(content, d.start) && DATELINE_AFTER.test(content.slice(d.end, d.end + 6)))
      return false
    // A trigger in a relative clause ("who still remains on the wanted list") is not dated by
    // the main clause's date.
    const between = d.start < at ? content.slice(d.end, at) : content.slice(trigger.end, d.start)
    if (between.includes(',') && RELATIVE.test(between)) return false
    // "convicted for her part in a group that operated between 2017 and 2019": the date is the
    // group's, told in a clause after the trigger.
    if (d.start > at && THAT_CLAUSE.test(between)) return false
    if (d.start > at) {
      const clause = content.slice(Math.max(0, at - 60), at)
      const lastComma = clause.lastIndexOf(',')
      if (
        lastComma >= 0 &&
        RELATIVE_START.test(clause.slice(lastComma + 1)) &&
        between.includes(',')
      )
        return false
    }
    // With several triggers, a date belongs to the nearest step (states such as "wanted" only
    // when there is no step), and to triggers in that step's clause ("fled and hid").
    // Triggers in an aside (", wanted for murder,") or told as earlier ("after being sentenced")
    // do not own the main clause's date.
    // A date that opens the sentence, before every step ("3 мая полицейские задержали мужчину,
    // находившегося в розыске, и изъяли героин"), dates each main step: not the wanted notice,
    // which is older, nor the crime.
    let firstStep = Number.POSITIVE_INFINITY
    for (const o of others) if (o.start < firstStep) firstStep = o.start
    if (d.end <= firstStep && others.some((o) => o.type !== 'wanted' && o.type !== 'incident')) {
      if (trigger.type === 'wanted') return false
      // "сот пара алғаны үшін соттады", "sentenced for taking bribes": the crime is older.
      if (
        trigger.type === 'incident' &&
        (CAUSE_BEFORE.test(content.slice(Math.max(0, trigger.start - 12), trigger.start)) ||
          CAUSE_AFTER.test(content.slice(trigger.end, trigger.end + 12)))
      )
        return false
      if (trigger.type !== 'incident' && !isAside(content, trigger, d)) return true
    }
    const close = near(others, d.start)
    const mains = close.filter((o) => !isAside(content, o, d))
    const pool = mains.length > 0 ? mains : close
    let owner: { start: number; end: number } | null = null
    for (const o of pool)
      if (!owner || Math.abs(d.start - o.start) < Math.abs(d.start - owner.start)) owner = o
    if (!owner || owner.start === at) return true
    // "объявлен в розыск и задержан в июне": the date is the arrest's; a wanted notice is older.
    if (trigger.type === 'wanted') return false
    const joint = content.slice(Math.min(owner.end, trigger.end), Math.max(owner.start, at))
    return SAME_CLAUSE_JOIN.test(joint) && COORDINATION.test(joint)
  })
  if (usable.length === 0) return null
  const sorted = [...usable].sort((a, b) => a.start - b.start)
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!
    const b = sorted[i + 1]!
    if (a.iso < b.iso && INTERVAL_JOIN.test(content.slice(a.end, b.start)))
      return `${a.iso}/${b.iso}`
  }
  let best = sorted[0]!
  for (const d of sorted) {
    if (Math.abs(d.start - at) < Math.abs(best.start - at)) best = d
  }
  return yearRange(content, best) ?? spanOf(best.text, best.iso)
}

/**
 * The date a sentence without dates inherits from the sentence before it: "On 3 May police
 * detained a man. He was charged with fraud." Its last date that is not the report's, or its
 * interval. `null` when it has none.
 */
export function carriedDate(
  content: string,
  dates: readonly { iso: string; start: number; end: number; text: string }[],
): string | null {
  const usable = dates.filter((d) => !reportDate(content, d))
  const last = usable[usable.length - 1]
  if (!last) return null
  const prev = usable[usable.length - 2]
  if (prev && prev.iso < last.iso && INTERVAL_JOIN.test(content.slice(prev.end, last.start)))
    return `${prev.iso}/${last.iso}`
  return yearRange(content, last) ?? spanOf(last.text, last.iso)
}

/**
 * The span a sentence gives ("between 2017 and 2019", "в 2017-2019 годах"), or `null`: in a
 * sentence about a step, a span dates the crime, never the step.
 */
export function sentenceSpan(
  content: string,
  dates: readonly { iso: string; start: number; end: number; text: string }[],
): string | null {
  for (let i = 0; i < dates.length; i++) {
    const a = dates[i]!
    const b = dates[i + 1]
    if (b && a.iso < b.iso && INTERVAL_JOIN.test(content.slice(a.end, b.start)))
      return `${a.iso}/${b.iso}`
    const own = yearRange(content, a) ?? spanOf(a.text, a.iso)
    if (own.includes('/')) return own
  }
  return null
}

// "2018-2020 жылдары" where only the first year was found as a date: the end year follows.
const YEAR_RANGE_END = /^\s?[-–—]\s?((?:19|20)\d\d)(?!\d)/u

// "қаңтар-наурыз аралығында", "January–March": a month where only the first was found as a date.
const MONTH_RANGE_END = /^\s?[-–—]\s?(\p{L}{3,12})(?!\p{L})/u

/**
 * The interval of a year mention followed by "-YYYY" in the text ("2018-2020"), or of a month
 * mention followed by "-month" ("2025 жылғы қаңтар-наурыз" → `2025-01/2025-03`), or `null`.
 */
function yearRange(content: string, d: { iso: string; end: number }): string | null {
  if (d.iso.length === 7) {
    const word = MONTH_RANGE_END.exec(content.slice(d.end, d.end + 16))?.[1]
    const month = word ? monthNumber(word) : null
    if (month === null) return null
    const end = `${d.iso.slice(0, 4)}-${String(month).padStart(2, '0')}`
    return end > d.iso ? `${d.iso}/${end}` : null
  }
  if (d.iso.length !== 4) return null
  const end = YEAR_RANGE_END.exec(content.slice(d.end, d.end + 8))?.[1]
  return end && end > d.iso ? `${d.iso}/${end}` : null
}

const ISO_DAY = /^\d{4}-\d\d-\d\d$/
// "в минувшую субботу", "өткен сенбіде", "on Saturday": a weekday of the week before the report.
const WEEKDAY =
  /(?<!\p{L})(?:(?:в|во)\s+(?:(?:минувш|прошл)\p{L}*\s+)?(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|(?:өткен\s+)?(дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)(?:де|да|\s+күні)|(?:on|last)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?!\p{L})/iu
// A piece of every day name WEEKDAY knows: a cheap test before its look-behinds run.
const WEEKDAY_HINT = /day|ник|сред|четверг|пятниц|суббот|воскрес|сенбі|жұма/iu
const WEEKDAYS: Readonly<Record<string, number>> = {
  воскресенье: 0,
  понедельник: 1,
  вторник: 2,
  среду: 3,
  четверг: 4,
  пятницу: 5,
  субботу: 6,
  жексенбі: 0,
  дүйсенбі: 1,
  сейсенбі: 2,
  сәрсенбі: 3,
  бейсенбі: 4,
  жұма: 5,
  сенбі: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
}

/**
 * The date of a weekday told without a date ("В минувшую субботу", "өткен сенбіде", "on
 * Saturday"): the latest such day before the reference date (`YYYY-MM-DD`). `null` when the
 * sentence names none or the reference is not a day.
 */
export function weekdayDate(sentence: string, reference: string | null): string | null {
  if (!reference || !ISO_DAY.test(reference)) return null
  const m = WEEKDAY_HINT.test(sentence) ? WEEKDAY.exec(sentence) : null
  if (!m) return null
  // "the press service reported on Monday" dates the report.
  if (REPORT_WORDS.test(sentence.slice(Math.max(0, m.index - 40), m.index + m[0].length + 25)))
    return null
  const day = WEEKDAYS[(m[1] ?? m[2] ?? m[3] ?? '').toLowerCase()]
  if (day === undefined) return null
  const ref = new Date(`${reference}T00:00:00Z`)
  const back = (ref.getUTCDay() - day + 7) % 7 || 7
  ref.setUTCDate(ref.getUTCDate() - back)
  return ref.toISOString().slice(0, 10)
}

/** How far (in characters) a date and a trigger may be apart and still belong together. */
const DATE_REACH = 300

/** The items of a list sorted by `start` that lie within {@link DATE_REACH} of `at` (binary search). */
export function near<T extends { start: number }>(list: readonly T[], at: number): readonly T[] {
  if (list.length <= 8) return list
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.start < at - DATE_REACH) lo = mid + 1
    else hi = mid
  }
  const out: T[] = []
  for (let i = lo; i < list.length && list[i]!.start <= at + DATE_REACH && out.length < 16; i++)
    out.push(list[i]!)
  return out
}

const EARLIER_STEP = /(?:after|before|после|до)\s+(?:being\s+|having\s+been\s+|того как\s+)?$/iu

/** Tells whether a trigger sits in an aside or an earlier step, so that a date is not its own. */
function isAside(content: string, t: { start: number }, date: { start: number }): boolean {
  const v = asideOf(content, t.start)
  return v === ASIDE_EARLIER || (v >= 0 && v >= date.start)
}

/** `asideOf`: the trigger is told as an earlier step. */
const ASIDE_EARLIER = -2
/** `asideOf`: no comma right before the trigger. */
const ASIDE_NONE = -1
// What `asideOf` read for the triggers of the last content: every date of a sentence asks
// about the same triggers.
let asideContent: string | null = null
const asideAt = new Map<number, number>()

/**
 * What the 40 characters before a trigger at `at` tell: `ASIDE_EARLIER` ("after being"), the
 * offset of a comma right before it (", wanted for murder,": an aside for a date before that
 * comma; ", was detained" after a date is the main verb), or `ASIDE_NONE`.
 */
function asideOf(content: string, at: number): number {
  if (asideContent !== content) {
    asideContent = content
    asideAt.clear()
  }
  let v = asideAt.get(at)
  if (v === undefined) {
    const from = Math.max(0, at - 40)
    const before = content.slice(from, at)
    const comma = before.lastIndexOf(',')
    v = EARLIER_STEP.test(before)
      ? ASIDE_EARLIER
      : comma >= 0 && before.slice(comma + 1).trim() === ''
        ? from + comma
        : ASIDE_NONE
    asideAt.set(at, v)
  }
  return v
}

const FOUR_DIGITS = /(?<!\d)(\d{4})(?!\d)/
const NON_LETTERS = /[^\p{L}]+/u
const RANGE_JOIN = /\s+(?:to|until|till|through|and|по|до|и)\s+|\s*[–—]\s*|(?<=\d)-(?=\d)/iu

/**
 * The interval a date mention spans, when the dates stage gave one mention for a range ("from
 * March to April 2020" → `2020-03/2020-04`, "2017–2019" → `2017/2019`); otherwise its ISO value.
 */
export function spanOf(text: string, iso: string): string {
  const parts = text.split(RANGE_JOIN)
  if (parts.length < 2 || iso.length > 7) return iso
  const last = parts[parts.length - 1]!
  const year = FOUR_DIGITS.exec(last)?.[1] ?? iso.slice(0, 4)
  if (iso.length === 4) return year !== iso ? `${iso}/${year}` : iso
  let month: number | null = null
  for (const word of last.split(NON_LETTERS)) {
    if (word) month ??= monthNumber(word)
  }
  if (month === null) return iso
  const end = `${year}-${String(month).padStart(2, '0')}`
  return end > iso ? `${iso}/${end}` : iso
}

/** Tells whether two dates can be one occurrence's: equal, or one a coarser form of the other. */
export function sameDate(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`)
}

/**
 * The date of a crime told in a clause after the step that found it: "convicted for her part in
 * a group that operated between 2017 and 2019" dates the crime 2017/2019. `null` otherwise.
 */
export function clauseDate(
  content: string,
  dates: readonly { iso: string; start: number; end: number; text: string }[],
  step: { end: number },
  crime: { start: number; end: number } | undefined,
): string | null {
  if (!crime) return null
  for (const d of dates) {
    if (d.start <= step.end || d.start <= crime.end) continue
    if (THAT_CLAUSE.test(content.slice(Math.max(step.end, crime.start), d.start))) {
      return spanOf(d.text, d.iso)
    }
  }
  return null
}
