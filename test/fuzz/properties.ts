/**
 * The invariants every extracted document must keep, whatever its input: each span lies inside
 * `[0, text.length]` with `start <= end`, each mention's `text` is `text.slice(start, end)`
 * (`core/span.ts`: `Mention`), and `content` has the length of `text` (`core/document.ts`).
 * Used by the short fuzz tests and by `scripts/fuzz.ts`.
 */
import type { ExtractedDoc } from '#core/document.ts'
import type { Mention, Span } from '#core/span.ts'

/**
 * Options of {@link spanProblems}: `knownBugs` would also report known, unfixed span bugs; there
 * are none now (place mentions across furniture were fixed in extract-places version 2).
 */
export interface SpanCheckOptions {
  readonly knownBugs?: boolean
}

/** Returns every broken invariant of `doc` (empty when it is sound). */
export function spanProblems(doc: ExtractedDoc, _options: SpanCheckOptions = {}): string[] {
  const problems: string[] = []
  const n = doc.text.length
  const span = (where: string, s: Span | null | undefined): void => {
    if (!s) return
    const ok =
      Number.isInteger(s.start) &&
      Number.isInteger(s.end) &&
      s.start >= 0 &&
      s.start <= s.end &&
      s.end <= n
    if (!ok) problems.push(`${where}: span [${s.start}, ${s.end}) outside [0, ${n}]`)
  }
  const mention = (where: string, m: Mention): void => {
    span(where, m)
    const actual = doc.text.slice(m.start, m.end)
    if (m.text !== actual)
      problems.push(
        `${where}: mention text ${JSON.stringify(m.text)} != text.slice(${m.start}, ${m.end}) = ${JSON.stringify(actual)}`,
      )
  }

  if (doc.content.length !== n)
    problems.push(`content length ${doc.content.length} != text length ${n}`)
  for (const [i, s] of doc.boilerplate.entries()) span(`boilerplate[${i}]`, s)
  if (doc.articles.length === 0) problems.push('no article segment')
  for (const [i, a] of doc.articles.entries()) {
    span(`articles[${i}]`, a)
    span(`articles[${i}].titleSpan`, a.titleSpan)
  }
  for (const [i, s] of doc.sentences.entries()) span(`sentences[${i}]`, s)
  const groups = [
    ['locations', doc.locations],
    ['organizations', doc.organizations],
    ['persons', doc.persons],
  ] as const
  for (const [name, facts] of groups)
    for (const [i, f] of facts.entries())
      for (const [j, m] of f.mentions.entries()) mention(`${name}[${i}].mentions[${j}]`, m)
  for (const [i, m] of doc.money.entries()) mention(`money[${i}]`, m)
  for (const [i, s] of doc.statistics.entries()) span(`statistics[${i}]`, s)
  for (const [i, d] of doc.dates.entries()) mention(`dates[${i}]`, d)
  for (const [i, c] of doc.crimes.entries())
    for (const [j, m] of c.evidence.entries()) mention(`crimes[${i}].evidence[${j}]`, m)
  for (const [i, e] of doc.events.entries()) {
    span(`events[${i}]`, e)
    mention(`events[${i}].trigger`, e.trigger)
    if (e.article < 0 || e.article >= doc.articles.length)
      problems.push(`events[${i}].article ${e.article} is not an index into articles`)
  }
  return problems
}

/** Short, printable description of a string for failure messages. */
export function preview(s: string, max = 160): string {
  const head = JSON.stringify(s.slice(0, max))
  return s.length > max ? `${head}… (${s.length} chars)` : head
}
