/**
 * Extracts crimes. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-crimes
 */
import type { DatesDoc, CrimesDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts crimes from a document's content. */
export function extractCrimes(): Stage<DatesDoc, CrimesDoc> {
  return {
    name: 'extract-crimes',
    version: 0,
    run(doc) {
      return { ...doc, crimes: [] }
    },
  }
}
