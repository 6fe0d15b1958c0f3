/**
 * Splits a document into page furniture, articles and sentences.
 *
 * @module pipeline/stages/segment
 */
import type { DetectedDoc, SegmentedDoc } from '#core/document.ts'
import type { Span } from '#core/span.ts'
import type { Stage } from '../../stage.ts'

/** Splits a document into furniture, articles and sentences. */
export function segment(): Stage<DetectedDoc, SegmentedDoc> {
  return {
    name: 'segment',
    version: 1,
    run(doc) {
      return {
        ...doc,
        boilerplate: [],
        content: doc.text,
        articles: [{ start: 0, end: doc.text.length, title: doc.title, titleSpan: null }],
        sentences: splitSentences(doc.text),
        referenceDate: doc.published,
      }
    },
  }
}

/** Splits text into sentences at `.!?` followed by space and a capital, and at blank lines. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = []
  let start = 0
  const re = /[.!?…]+["»”)]?\s+(?=[\p{Lu}\d"«“])|\n\s*\n/gu
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length
    if (end > start) out.push({ start, end })
    start = end
  }
  if (start < text.length) out.push({ start, end: text.length })
  return out
}
