/**
 * Splits text into runs for rendering highlights: search-snippet highlights and the document
 * reader's annotations. Pure: no DOM, so it is tested under Node.
 *
 * @module web/lib/highlight
 */
import type { AnnotationDto, AnnotationType } from '#api/contract.ts'
import { formatLabel } from './format.ts'

/** A piece of a snippet, highlighted or not. */
export interface SnippetRun {
  readonly text: string
  readonly highlighted: boolean
}

/**
 * Cuts `text` at the given ranges (offsets into `text`). Ranges may overlap, be out of order
 * or reach past the end; they are clamped and merged. Never throws.
 */
export function splitSnippet(
  text: string,
  highlights: readonly { readonly start: number; readonly end: number }[],
): SnippetRun[] {
  const ranges = highlights
    .map((h) => ({ start: clamp(h.start, text.length), end: clamp(h.end, text.length) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start)
  const runs: SnippetRun[] = []
  let at = 0
  for (const r of ranges) {
    const start = Math.max(r.start, at)
    if (r.end <= start) continue
    const last = runs.at(-1)
    if (start > at) runs.push({ text: text.slice(at, start), highlighted: false })
    else if (last?.highlighted) {
      // Touching or overlapping ranges read as one highlight.
      runs[runs.length - 1] = { text: last.text + text.slice(start, r.end), highlighted: true }
      at = r.end
      continue
    }
    runs.push({ text: text.slice(start, r.end), highlighted: true })
    at = r.end
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), highlighted: false })
  return runs
}

/** A piece of a document with the annotations that cover it. */
export interface AnnotatedRun {
  readonly start: number
  readonly end: number
  readonly text: string
  /**
   * The most specific (shortest) covering fact annotation, which decides the colour; `null`
   * when only an event, boilerplate or nothing covers the run.
   */
  readonly primary: AnnotationType | null
  /**
   * The type of the longest covering fact annotation when it differs from `primary` (a place
   * inside an organisation's name): drawn as the underline, so the outer span reads as one.
   */
  readonly outer: AnnotationType | null
  /** True when an `event` annotation covers the run (drawn as an underline). */
  readonly inEvent: boolean
  /** True when the run is page furniture (drawn greyed). */
  readonly boilerplate: boolean
  /** Every covering annotation, shortest first: the tooltip lists them all. */
  readonly covering: readonly AnnotationDto[]
}

/**
 * Cuts a document's text into runs at every annotation boundary. Annotations may nest and
 * overlap (an event spans a sentence, a person sits inside it); each run lists all of them.
 * Offsets are UTF-16 indices into `text`, as everywhere in Tergeu. Never throws.
 */
export function splitAnnotated(
  text: string,
  annotations: readonly AnnotationDto[],
): AnnotatedRun[] {
  const valid = annotations
    .map((a) => ({ ...a, start: clamp(a.start, text.length), end: clamp(a.end, text.length) }))
    .filter((a) => a.end > a.start)
  const cuts = new Set<number>([0, text.length])
  for (const a of valid) {
    cuts.add(a.start)
    cuts.add(a.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  // Sweep with the annotations sorted by start, so each run looks only at the open ones.
  const byStart = [...valid].sort((a, b) => a.start - b.start)
  let next = 0
  let open: AnnotationDto[] = []
  const runs: AnnotatedRun[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    open = open.filter((a) => a.end > start)
    while (next < byStart.length && byStart[next]!.start <= start) {
      const a = byStart[next++]!
      if (a.end > start) open.push(a)
    }
    const covering = [...open].sort((a, b) => a.end - a.start - (b.end - b.start))
    const facts = covering.filter((a) => a.type !== 'event' && a.type !== 'boilerplate')
    const fact = facts[0]
    const longest = facts.at(-1)
    runs.push({
      start,
      end,
      text: text.slice(start, end),
      primary: fact ? fact.type : null,
      outer: longest && fact && longest.type !== fact.type ? longest.type : null,
      inEvent: covering.some((a) => a.type === 'event'),
      boilerplate: covering.some((a) => a.type === 'boilerplate'),
      covering,
    })
  }
  return runs
}

/** The tooltip for a run: one line per covering annotation, e.g. `person: Асқар Бекұлы`. */
export function describeRun(run: AnnotatedRun): string {
  return run.covering
    .map((a) => {
      const more = detailOf(a)
      return `${a.type}: ${formatLabel(a.type, a.label)}${more ? ` — ${more}` : ''}`
    })
    .join('\n')
}

/**
 * What an annotation's attributes add to its label: a person's role and title, an amount in
 * tenge and dollars with the rate's date and source, a place's gazetteer id.
 */
export function detailOf(a: AnnotationDto): string {
  const at = a.attributes
  if (a.type === 'person') {
    return [at['role'], at['title']].filter((v) => typeof v === 'string' && v).join(', ')
  }
  if (a.type === 'location' && typeof at['placeId'] === 'string') return at['placeId']
  if (a.type === 'money') {
    const c = at['conversion'] as
      | { kzt?: number | null; usd?: number | null; rateDate?: string; rateSource?: string }
      | null
      | undefined
    if (!c) return ''
    const parts: string[] = []
    if (typeof c.kzt === 'number' && at['currency'] !== 'KZT') parts.push(`≈ ${group(c.kzt)} KZT`)
    if (typeof c.usd === 'number' && at['currency'] !== 'USD') parts.push(`≈ ${group(c.usd)} USD`)
    if (parts.length === 0) return ''
    return `${parts.join(', ')} (${[c.rateDate, c.rateSource].filter(Boolean).join(', ')})`
  }
  return ''
}

function group(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(?:\d{3})+$)/g, ',')
}

function clamp(n: number, max: number): number {
  if (!Number.isFinite(n)) return 0
  return Math.min(Math.max(Math.trunc(n), 0), max)
}

/** One distinct fact of a type, with where it first occurs. */
export interface FactSummary {
  readonly type: AnnotationType
  readonly label: string
  /** How many spans carry this label. */
  readonly count: number
  /** Offset of the first span, to scroll to it. */
  readonly firstStart: number
}

/**
 * Groups annotations into distinct facts per type (same type and label = one fact), in
 * `types` order and, within a type, by first occurrence. Boilerplate is left out.
 */
export function summariseFacts(
  annotations: readonly AnnotationDto[],
  types: readonly AnnotationType[],
): FactSummary[] {
  const byKey = new Map<
    string,
    { type: AnnotationType; label: string; count: number; firstStart: number }
  >()
  for (const a of annotations) {
    if (a.type === 'boilerplate') continue
    const key = `${a.type}\u0000${a.label}`
    const seen = byKey.get(key)
    if (seen) {
      seen.count++
      seen.firstStart = Math.min(seen.firstStart, a.start)
    } else byKey.set(key, { type: a.type, label: a.label, count: 1, firstStart: a.start })
  }
  const rank = new Map(types.map((t, i) => [t, i]))
  return [...byKey.values()]
    .filter((f) => rank.has(f.type))
    .sort((a, b) => rank.get(a.type)! - rank.get(b.type)! || a.firstStart - b.firstStart)
}
