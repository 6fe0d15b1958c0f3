/**
 * Extracts statistics: aggregate figures (counts, rates, shares, scores and their changes) about
 * a population, period or place, from the document's content (furniture blanked).
 *
 * @module pipeline/stages/extract-statistics
 */
import type { MoneyDoc, StatisticsDoc } from '#core/document.ts'
import type { Span } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import { findStatistics } from './find-statistics.ts'

const NAME = 'extract-statistics'
const VERSION = 1

/** Extracts statistics from a document's content. Never throws on odd text. */
export function extractStatistics(): Stage<MoneyDoc, StatisticsDoc> {
  return {
    name: NAME,
    version: VERSION,
    run(doc) {
      // Headlines restate figures of the body, usually without their period.
      const skip: Span[] = []
      for (const a of doc.articles) if (a.titleSpan) skip.push(a.titleSpan)
      const hits = findStatistics({
        content: doc.content,
        sentences: doc.sentences,
        lang: doc.lang,
        referenceDate: doc.referenceDate,
        money: doc.money,
        skip,
      })
      return {
        ...doc,
        statistics: hits.map((h) => ({ ...h, provenance: { stage: NAME, version: VERSION } })),
      }
    },
  }
}
