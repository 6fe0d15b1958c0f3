/**
 * Finds dates in text: full dates, months, years, ranges and relative expressions in en/ru/kk,
 * normalised to `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. Relative and year-less dates are resolved
 * against a reference date and dropped without one (gold README, "dates"). Pure; the patterns are
 * in `date-rules.ts` and run only on short windows around their cue words (`date-cues.ts`).
 *
 * @module pipeline/stages/extract-dates/find-dates
 */
import {
  type Cue,
  type CueHits,
  CueScanner,
  CYRILLIC,
  KAZAKH,
  LATIN,
  scriptsIn,
  type Window,
} from './date-cues.ts'
import {
  ABSOLUTE_RULES,
  type DateHit,
  iso,
  NA,
  NB,
  parseRefDate,
  RELATIVE_RULES,
  type RefDate,
  type Rule,
  type RuleContext,
  type Script,
  YEAR,
  YEAR_CUE,
  YEAR_RULE,
  yearHit,
} from './date-rules.ts'

export type { DateHit, RefDate } from './date-rules.ts'
export { parseRefDate } from './date-rules.ts'

const CITATION = /\[Source:[^\]\n]{0,400}\]/gu
const CITED_YEAR = new RegExp(`${NB}(${YEAR})${NA}`, 'u')
const CITATION_REACH = 2500
const ANCHOR_REACH = 250

/**
 * Finds every date in `text`, in text order, without overlaps (the longest reading wins).
 * `lang` selects the cue rules for bare years; `ref` resolves relative and year-less dates. A
 * passage followed by an inline citation ("[Source: BBC, August 14, 2012]") takes the citation's
 * date as its reference (gold README); on an undated page, a year-less date right after a full
 * date ("reported on May 2, 2024 that … on March 10") takes that date's year. Never throws.
 *
 * Each rule runs only on short windows around its cue (a month name, a run of four digits, its
 * relative word), found for all rules in one pass (`date-cues.ts`), so plain prose costs that
 * one pass.
 */
export function findDates(text: string, lang: string, ref: RefDate | null): DateHit[] {
  const cues = SCANNER.scan(text)
  // Without a reference date, every date needs a year written in the text: its own, or one that
  // dates it (a citation, a full date before it, "the same year").
  if (!ref && !cues.has(YEAR_CUE_INDEX)) return []
  const scope = new CueScope(cues)
  const scripts = cues.scripts
  const citations = citationDates(text)
  // The regex work does not depend on the reference date: match once, read twice when the
  // anchors for year-less dates come from the text itself.
  const matches = matchAbsolute(text, scope, scripts)
  const anchors = ref
    ? []
    : makeAbsolute(matches, { text, refAt: noRef })
        .filter((h) => h.iso.length === 10)
        .sort((a, b) => a.start - b.start)
  const refs = new TextRefs(text, citations, ref, anchors)
  const found = makeAbsolute(matches, refs)
  // One array of matches for all the rules below: no callback or array made per rule.
  const ms: RegExpExecArray[] = []
  for (const rule of RELATIVE_RULES) {
    if (rule.script && !(scripts & SCRIPT_BIT[rule.script])) continue
    ms.length = 0
    for (const m of matchesIn(rule.re, scope.windows(rule.cue), ms)) {
      const at = refs.refAt(m.index)
      const r = at && rule.make(m, at, text)
      if (!r) continue
      const end = m.index + m[0].length
      found.push({ start: m.index, end, iso: iso(r.y, r.m, r.d), relative: true, bareYear: false })
    }
  }
  ms.length = 0
  for (const m of matchesAtCue(YEAR_RULE, text, scope.spans(YEAR_CUE)!, ms, AT_CUE)) {
    const hit = yearHit(text, m, lang)
    if (hit) found.push({ start: m.index, end: m.index + m[0].length, ...hit })
  }
  return withNextDays(
    text,
    scope.windows(NEXT_DAY_CUE),
    withYearOnMonth(text, dropOverlaps(found, text.length)),
  )
}

/**
 * The reference date at each position of a text: its citation's, else the page's, else (on an
 * undated page) that of the full date just before. A class, not a closure: the CLI runs through
 * tsx, which names each closure at creation (`__name`), a cost per document.
 */
class TextRefs implements RuleContext {
  readonly text: string
  readonly #citations: readonly Citation[]
  readonly #ref: RefDate | null
  readonly #anchors: readonly DateHit[]

  constructor(
    text: string,
    citations: readonly Citation[],
    ref: RefDate | null,
    anchors: readonly DateHit[],
  ) {
    this.text = text
    this.#citations = citations
    this.#ref = ref
    this.#anchors = anchors
  }

  refAt(pos: number): RefDate | null {
    const c = citationFor(this.text, this.#citations, pos)
    if (c) return c
    if (this.#ref) return this.#ref
    const anchors = this.#anchors
    const i = lastBefore(anchors, pos)
    const anchor = i >= 0 ? anchors[i] : undefined
    return anchor && pos - anchor.end <= ANCHOR_REACH ? parseRefDate(anchor.iso) : null
  }
}

// "2022 жылы қарашада", "в прошлом году в ноябре", "In 2022, in November": the year just before a
// year-less month or day is that date's year, and the pair is one date.
const YEAR_MONTH_GAP =
  /^[ \t]{0,2}(?:-?(?:жылы|жылғы|жылдың|году|г\.))?[ \t,]{0,3}(?:(?:in|on|в|во)[ \t]+)?$/iu

function withYearOnMonth(text: string, hits: DateHit[]): DateHit[] {
  let out: DateHit[] | null = null
  for (let i = 0; i + 1 < hits.length; i++) {
    const year = hits[i]!
    const day = hits[i + 1]!
    if (year.iso.length !== 4 || day.iso.length < 7 || !day.relative) continue
    if (day.start - year.end > 16 || !YEAR_MONTH_GAP.test(text.slice(year.end, day.start))) continue
    out ??= [...hits]
    const merged: DateHit = {
      start: year.start,
      end: day.end,
      iso: year.iso + day.iso.slice(4),
      relative: year.relative,
      bareYear: false,
    }
    out[i] = merged
    out[i + 1] = merged
  }
  return out ? [...new Set(out)] : hits
}

// "the next day", "на следующий день", "келесі күні": the day after the full date written last.
const NEXT_DAY =
  /(?<![\p{L}])(?:the\s+(?:next|following)\s+day|(?:на\s+)?(?:следующий|другой)\s+день|наутро|келесі\s+күн(?:і|де)|ертесі(?:нде)?|ертеңіне)(?![\p{L}])/giu
const NEXT_DAY_CUE: Cue = {
  words: ['next', 'following', 'следующ', 'другой', 'наутро', 'келесі', 'ертес', 'ертең'],
}
const NEXT_DAY_REACH = 400

function withNextDays(text: string, windows: readonly Window[], hits: DateHit[]): DateHit[] {
  const full = hits.filter((h) => h.iso.length === 10)
  if (full.length === 0) return hits
  const extra: DateHit[] = []
  for (const m of matchesIn(NEXT_DAY, windows, [])) {
    const i = lastBefore(full, m.index)
    const prev = i >= 0 ? full[i] : undefined
    if (!prev || m.index - prev.end > NEXT_DAY_REACH) continue
    // A paragraph break ends the story the date belongs to.
    if (text.slice(prev.end, m.index).includes('\n\n')) continue
    const t = new Date(`${prev.iso}T00:00:00Z`)
    t.setUTCDate(t.getUTCDate() + 1)
    const next = t.toISOString().slice(0, 10)
    extra.push({
      start: m.index,
      end: m.index + m[0].length,
      iso: next,
      relative: true,
      bareYear: false,
    })
  }
  return extra.length ? [...hits, ...extra].sort((a, b) => a.start - b.start) : hits
}

/** Every cue of every rule, found in one pass. */
const ALL_CUES: readonly Cue[] = [
  ...new Set([
    ...ABSOLUTE_RULES.map((r) => r.cue),
    ...RELATIVE_RULES.map((r) => r.cue),
    YEAR_CUE,
    NEXT_DAY_CUE,
  ]),
]
const CUE_INDEX = new Map(ALL_CUES.map((c, i) => [c, i]))
const SCANNER = new CueScanner(ALL_CUES)
const YEAR_CUE_INDEX = CUE_INDEX.get(YEAR_CUE)!

/** The bit of each script in `CueHits.scripts` and `scriptsIn`. */
const SCRIPT_BIT: Readonly<Record<Script, number>> = {
  latin: LATIN,
  cyrillic: CYRILLIC,
  kazakh: KAZAKH,
}

// A leading look-behind makes V8 try the pattern at every position; checking the character
// before a match by hand keeps the same meaning and lets the engine skip ahead to likely starts.
const LEADING_BOUNDARY = [
  { source: '(?<![\\p{L}\\p{N}])', test: /[\p{L}\p{N}]/u },
  { source: '(?<![\\p{L}])', test: /\p{L}/u },
]
const compiled = new Map<RegExp, { re: RegExp; before: RegExp | null }>()

function compile(re: RegExp): { re: RegExp; before: RegExp | null } {
  let c = compiled.get(re)
  if (!c) {
    const lead = LEADING_BOUNDARY.find((b) => re.source.startsWith(b.source))
    c = lead
      ? { re: new RegExp(re.source.slice(lead.source.length), re.flags), before: lead.test }
      : { re, before: null }
    compiled.set(re, c)
  }
  return c
}

/** Runs a global regex over each window and adds its matches to `out`, `m.index` absolute. */
function matchesIn(
  pattern: RegExp,
  windows: readonly Window[],
  out: RegExpExecArray[],
): RegExpExecArray[] {
  const { re, before } = compile(pattern)
  for (const seg of windows) {
    const sub = seg.text
    re.lastIndex = 0
    for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
      if (before && m.index > 0 && before.test(sub[m.index - 1]!)) {
        re.lastIndex = m.index + 1
        continue
      }
      if (m[0] === '') re.lastIndex++
      m.index += seg.start
      out.push(m)
    }
  }
  return out
}

const stickyCompiled = new Map<RegExp, { re: RegExp; before: RegExp | null }>()

const AT_CUE: readonly number[] = [0]

/**
 * Runs a regex whose matches start where its cue starts (a year), or a fixed few characters
 * before it (`distances`, farthest first: the leftmost match wins, as in a scan), once at each
 * cue instead of over the windows: the same matches, as the windows reach far past the few
 * characters the look-arounds read. `m.index` is absolute.
 */
function matchesAtCue(
  pattern: RegExp,
  text: string,
  spans: readonly number[],
  out: RegExpExecArray[],
  distances: readonly number[],
): RegExpExecArray[] {
  let c = stickyCompiled.get(pattern)
  if (!c) {
    const { re, before } = compile(pattern)
    c = { re: new RegExp(re.source, `${re.flags.replace('g', '')}y`), before }
    stickyCompiled.set(pattern, c)
  }
  const { re, before } = c
  let tried = -1
  for (let k = 0; k < spans.length; k += 2) {
    const at = spans[k]!
    // Cue words of one cue can start at one place ("март", "марта"): try each place once.
    if (at === tried) continue
    tried = at
    for (const d of distances) {
      const from = at - d
      if (from < 0 || (before && from > 0 && before.test(text[from - 1]!))) continue
      re.lastIndex = from
      const m = re.exec(text)
      if (m) {
        out.push(m)
        break
      }
    }
  }
  return out
}

/** Where the rules run: around the cues found in a text, or over a whole short text. */
interface Scope {
  windows(cue: Cue): readonly Window[]
  /** The `[start, end)` pairs of a cue, or `null` where the rules run on whole windows. */
  spans(cue: Cue): readonly number[] | null
}

// Classes, not closures: made once per document (see `TextRefs`).
class CueScope implements Scope {
  readonly #cues: CueHits

  constructor(cues: CueHits) {
    this.#cues = cues
  }

  windows(cue: Cue): readonly Window[] {
    return this.#cues.windows(CUE_INDEX.get(cue)!)
  }

  spans(cue: Cue): readonly number[] | null {
    return this.#cues.spans(CUE_INDEX.get(cue)!)
  }
}

class WholeScope implements Scope {
  readonly #whole: readonly Window[]

  constructor(text: string) {
    this.#whole = [{ start: 0, end: text.length, text }]
  }

  windows(): readonly Window[] {
    return this.#whole
  }

  spans(): null {
    return null
  }
}

/** The matches of the absolute rules, rule by rule, each in text order, with their rules. */
interface RuleMatches {
  readonly rules: Rule[]
  readonly ms: RegExpExecArray[]
}

function matchAbsolute(text: string, scope: Scope, scripts: number): RuleMatches {
  const rules: Rule[] = []
  const ms: RegExpExecArray[] = []
  for (const rule of ABSOLUTE_RULES) {
    if (rule.script && !(scripts & SCRIPT_BIT[rule.script])) continue
    const spans = rule.atCue || rule.beforeCue ? scope.spans(rule.cue) : null
    if (spans) matchesAtCue(rule.re, text, spans, ms, rule.beforeCue ?? AT_CUE)
    else matchesIn(rule.re, scope.windows(rule.cue), ms)
    while (rules.length < ms.length) rules.push(rule)
  }
  return { rules, ms }
}

function makeAbsolute({ rules, ms }: RuleMatches, ctx: RuleContext): DateHit[] {
  const found: DateHit[] = []
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k]!
    const hit = rules[k]!.make(m, ctx)
    if (hit) found.push({ start: m.index, end: m.index + m[0].length, ...hit })
  }
  return found
}

const noRef = (): RefDate | null => null

/** Index of the last item ending at or before `pos` (items sorted by start), or -1. */
function lastBefore(items: readonly { start: number; end: number }[], pos: number): number {
  let lo = 0
  let hi = items.length - 1
  let best = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (items[mid]!.end <= pos) {
      best = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return best
}

// "Anna Kovacs wrote in The Guardian: “…" quotes the source cited just before it.
const QUOTE_OPEN = /^\s*[“"«]/u
const QUOTE_INTRO =
  /([\p{Lu}][\p{L}'’-]+)\s+(?:wrote|writes|reported|said)\b[^\n:]{0,120}:\s*[“"«]/u

interface Citation {
  readonly start: number
  readonly end: number
  readonly ref: RefDate
  /** Where the run of quoted paragraphs after the citation ends (memoised). */
  quotedUntil?: number
}

/**
 * The citation a passage belongs to: the one just before it when the passage is a quote
 * introduced by "X wrote in Y:" or a quote that goes on after it, else the next one (the
 * "[Source: …]" that closes the passage).
 */
function citationFor(text: string, citations: readonly Citation[], pos: number): RefDate | null {
  const i = lastBefore(citations, pos)
  const prev = i >= 0 ? citations[i] : undefined
  const next = citations[i + 1]
  if (prev && pos - prev.end <= CITATION_REACH) {
    const intro = QUOTE_INTRO.exec(text.slice(prev.end, Math.min(pos, prev.end + 300)))
    if (intro && text.slice(prev.start, prev.end).includes(intro[1]!)) return prev.ref
    if (!intro && pos < quotedUntil(text, prev)) return prev.ref
  }
  return next && next.start > pos && next.start - pos <= CITATION_REACH ? next.ref : null
}

/** The end of the run of paragraphs that open with a quote mark right after a citation. */
function quotedUntil(text: string, c: Citation): number {
  if (c.quotedUntil !== undefined) return c.quotedUntil
  const limit = Math.min(text.length, c.end + CITATION_REACH)
  const region = text.slice(c.end, limit)
  let at = 0
  let open = false
  for (const para of region.split(/(\n[ \t]*\n)/)) {
    if (/^\n[ \t]*\n$/.test(para) || para.trim() === '') {
      at += para.length
      continue
    }
    if (!QUOTE_OPEN.test(para)) break
    open = true
    at += para.length
  }
  c.quotedUntil = open ? c.end + at : c.end
  return c.quotedUntil
}

/** Inline citations with a date, in text order. */
function citationDates(text: string): Citation[] {
  const out: Citation[] = []
  // A native substring search is much cheaper than running the regex over the whole text.
  if (!text.includes('[Source:')) return out
  // The module's own regexes, not copies: `new RegExp` recompiles after each full GC in V8.
  const re = CITATION
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const inner = m[0]
    const hits = makeAbsolute(matchAbsolute(inner, new WholeScope(inner), scriptsIn(inner)), {
      text: inner,
      refAt: noRef,
    })
    const years = CITED_YEAR.exec(inner)
    const best = hits.sort((a, b) => b.iso.length - a.iso.length)[0]?.iso ?? years?.[1]
    const ref = parseRefDate(best)
    if (ref) out.push({ start: m.index, end: m.index + inner.length, ref })
  }
  return out
}

/** Up to this many hits, overlaps are checked pair by pair: cheaper than a bitmap of the text. */
const FEW_HITS = 32

/**
 * Keeps the longest reading where readings overlap ("February of the same year" over "In
 * February"), then restores text order. With many hits, covered characters are marked in a
 * bitmap, so the cost is the total length of the hits.
 */
function dropOverlaps(hits: DateHit[], textLength: number): DateHit[] {
  if (hits.length <= FEW_HITS) {
    // Few hits: a stable insertion sort orders them as `sort` would, without its work arrays.
    insertionSort(hits, byLengthThenStart)
    const out: DateHit[] = []
    for (const h of hits) if (h.start >= h.end || !out.some((o) => overlaps(h, o))) out.push(h)
    return insertionSort(out, byStart)
  }
  const byLength = hits.sort(byLengthThenStart)
  const out: DateHit[] = []
  const covered = new Uint8Array(textLength + 1)
  for (const h of byLength) {
    let free = true
    for (let i = h.start; i < h.end && free; i++) free = covered[i] === 0
    if (!free) continue
    covered.fill(1, h.start, h.end)
    out.push(h)
  }
  return out.sort(byStart)
}

/** Whether two readings share a character (an empty one covers nothing, as in the bitmap). */
function overlaps(h: DateHit, o: DateHit): boolean {
  return o.start < o.end && o.start < h.end && h.start < o.end
}

const byLengthThenStart = (a: DateHit, b: DateHit): number =>
  b.end - b.start - (a.end - a.start) || a.start - b.start
const byStart = (a: DateHit, b: DateHit): number => a.start - b.start

/** Sorts a short array in place, stably (equal items keep their order, as with `sort`). */
function insertionSort<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!
    let j = i - 1
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!
      j--
    }
    items[j + 1] = item
  }
  return items
}
