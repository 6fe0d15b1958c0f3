/**
 * Extracts dates. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-dates
 */
import type { StatisticsDoc, DatesDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts dates from a document's content. */
export function extractDates(): Stage<StatisticsDoc, DatesDoc> {
  return {
    name: 'extract-dates',
    version: 0,
    run(doc) {
      return { ...doc, dates: [] }
    },
  }
}
