/**
 * Character spans into a document's text.
 *
 * @module core/span
 */

/** A half-open range `[start, end)` of UTF-16 offsets into `doc.text`. */
export interface Span {
  readonly start: number
  readonly end: number
}

/** A span together with the exact text it covers (`text === doc.text.slice(start, end)`). */
export interface Mention extends Span {
  readonly text: string
}

/** Tells whether two spans share at least one character. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end
}

/** Tells whether `outer` contains `inner` entirely. */
export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end
}
