/**
 * Finds the sentence around an offset, for stages that decide by sentence context.
 *
 * @module pipeline/stages/extract-crimes/sentence-index
 */
import type { Span } from '#core/span.ts'

/** Looks up sentences by offset in O(log n). */
export interface SentenceIndex {
  /** Index of the sentence containing `offset`, or of the nearest one before it; -1 if none. */
  indexAt(offset: number): number
  /** The sentence containing `offset`; a whole-text span when the document has no sentences. */
  at(offset: number): Span
  readonly sentences: readonly Span[]
}

/** Builds an index over sentences (sorted by start, as the segment stage gives them). */
export function createSentenceIndex(sentences: readonly Span[], textLength: number): SentenceIndex {
  return new SortedSentences(sentences.length > 0 ? sentences : [{ start: 0, end: textLength }])
}

// A class, not closures: built once per document, and the CLI runs through tsx, which names each
// closure at creation (`__name`).
class SortedSentences implements SentenceIndex {
  readonly sentences: readonly Span[]

  constructor(sentences: readonly Span[]) {
    this.sentences = sentences
  }

  indexAt(offset: number): number {
    const list = this.sentences
    let lo = 0
    let hi = list.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (list[mid]!.start <= offset) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  at(offset: number): Span {
    return this.sentences[Math.max(0, this.indexAt(offset))]!
  }
}
