/**
 * Extracts statistics. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-statistics
 */
import type { MoneyDoc, StatisticsDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts statistics from a document's content. */
export function extractStatistics(): Stage<MoneyDoc, StatisticsDoc> {
  return {
    name: 'extract-statistics',
    version: 0,
    run(doc) {
      return { ...doc, statistics: [] }
    },
  }
}
