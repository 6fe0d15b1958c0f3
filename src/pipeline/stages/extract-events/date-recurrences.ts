/**
 * Later mentions of the dates a document already gives. The dates stage keeps one mention per
 * distinct value (gold README, "dates"), so a date told again ("In 2021 … In 2021, they …",
 * "since early February … signed in February") is invisible to the sentences that repeat it.
 * Events need every mention: this finds the repeats of each date's text, or of its core (the
 * month or year without "in"/"since early"/"в").
 *
 * @module pipeline/stages/extract-events/date-recurrences
 */
import { monthNumber } from '../extract-dates/date-words.ts'

/** A date mention as events read it. */
export interface DateSpan {
  readonly iso: string
  readonly start: number
  readonly end: number
  readonly text: string
}

// Words that open a date mention without being the date: "in", "since early", "в", "с".
const LEAD =
  /^(?:(?:in|on|since|from|by|during|early|late|mid|the|of|at|в|во|с|со|на|к|начале|конце|середине)\s+)+/iu
const DIGITS_ONLY = /^\d+$/u
// A month word or a year only: the cores worth searching for.
const YEAR_CORE = /^(?:19|20)\d\d$/u
const WORD_CHAR = /[\p{L}\p{N}]/u
const SPACE = /\s/u
// What may not touch a repeat: a number before or after ("13 February", "February 13"), a
// range dash ("2017–2019"), or a letter-joined suffix that the core lacks.
const NUMBER_AFTER = /^[\s,.]{0,2}\d/u
const NUMBER_BEFORE = /\d[\s,.]{0,2}$/u
const DASH_AFTER = /^\s?[-–—]\s?\d/u
const DASH_BEFORE = /\d\s?[-–—]\s?$/u
const WORD_BEFORE = /([\p{L}]+)[\s,.]*$/u
/** Bounds the work on hostile input (a megabyte of one year repeated). */
const MAX_MENTIONS = 5000

/**
 * The dates of a document plus their later mentions, sorted by start. A repeat counts only
 * where the value cannot be part of a longer date: no number next to a month, no month word
 * before a year, no range dash.
 */
export function withRecurrences(content: string, dates: readonly DateSpan[]): DateSpan[] {
  const out: DateSpan[] = [...dates]
  // Repeats never overlap each other (see the checks below), only the dates given.
  const given = [...dates].sort((a, b) => a.start - b.start)
  for (const d of dates) {
    for (const needle of needles(d.text)) {
      const yearOnly = YEAR_CORE.test(needle)
      let from = 0
      for (let at = content.indexOf(needle, from); at >= 0; at = content.indexOf(needle, from)) {
        from = at + needle.length
        const end = at + needle.length
        if (out.length >= MAX_MENTIONS) return out.sort((a, b) => a.start - b.start)
        if (inside(given, at) || inside(given, end - 1)) continue
        if (at > 0 && WORD_CHAR.test(content[at - 1]!)) continue
        if (end < content.length && WORD_CHAR.test(content[end]!)) continue
        const before = content.slice(Math.max(0, at - 16), at)
        const after = content.slice(end, end + 8)
        if (DASH_AFTER.test(after) || DASH_BEFORE.test(before)) continue
        if (yearOnly) {
          const word = WORD_BEFORE.exec(before)?.[1]
          if (word && monthNumber(word) !== null) continue
        } else if (NUMBER_AFTER.test(after) || NUMBER_BEFORE.test(before)) continue
        out.push({ iso: d.iso, start: at, end, text: content.slice(at, end) })
      }
    }
  }
  return out.sort((a, b) => a.start - b.start)
}

/** Tells whether an offset lies inside one of the dates given (sorted by start). */
function inside(given: readonly DateSpan[], at: number): boolean {
  let lo = 0
  let hi = given.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const g = given[mid]!
    if (at < g.start) hi = mid - 1
    else if (at >= g.end) lo = mid + 1
    else return true
  }
  return false
}

/** The texts to look for: the mention itself, and its core when that is one month or year word. */
function needles(text: string): string[] {
  const core = text.replace(LEAD, '')
  const list = [text]
  if (core !== text && core.length >= 3 && !SPACE.test(core)) {
    if (YEAR_CORE.test(core) || (!DIGITS_ONLY.test(core) && monthNumber(core) !== null))
      list.push(core)
  }
  return list
}
