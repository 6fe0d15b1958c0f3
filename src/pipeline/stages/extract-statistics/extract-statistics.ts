/**
 * Extracts statistics: aggregate figures (counts, rates, shares, scores and their changes) about
 * a population, period or place, from the document's content (furniture blanked).
 *
 * @module pipeline/stages/extract-statistics
 */
import type { MoneyDoc, StatisticsDoc } from '#core/document.ts'
import type { Statistic } from '#core/facts.ts'
import type { Span } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import { moneyMentionsOf } from '../extract-money/extract-money.ts'
import { findMoney } from '../extract-money/find-money.ts'
import { findStatistics, type MoneySpan } from './find-statistics.ts'

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
        money: moneyMentions(doc),
        skip,
        caseParties: doc.persons
          .filter((p) => p.role === 'suspect' || p.role === 'convict' || p.role === 'victim')
          .flatMap((p) => p.mentions),
      })
      const statistics: Statistic[] = []
      // Built field by field: a spread per hit cost more than the rest of this wrapper.
      for (const h of hits) {
        statistics.push({
          start: h.start,
          end: h.end,
          value: h.value,
          label: h.label,
          unit: h.unit,
          text: h.text,
          period: h.period,
          provenance: { stage: NAME, version: VERSION },
        })
      }
      return { ...doc, statistics }
    },
  }
}

/**
 * Every mention of an amount in the content. `doc.money` keeps one entry per distinct amount
 * (its first mention, often in the headline or lead), while a statistic is read from the
 * sentence that gives its period: so every mention, repeats included, is taken from the money
 * stage that produced this document, or found again with its finder where the document comes
 * from elsewhere. Falls back to `doc.money` if that finder fails.
 */
function moneyMentions(doc: MoneyDoc): readonly MoneySpan[] {
  // The money stage lists every amount this finder finds (once each): none listed, none to find.
  if (doc.money.length === 0) return []
  const found = moneyMentionsOf(doc)
  if (found) return found
  try {
    return findMoney(doc.content, { decimalComma: doc.lang !== 'en' }).map((h) => ({
      start: h.start,
      end: h.end,
      amount: h.amount,
      currency: h.currency,
    }))
  } catch {
    return [...doc.money]
  }
}
