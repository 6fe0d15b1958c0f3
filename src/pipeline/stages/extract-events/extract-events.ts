/**
 * Extracts events. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-events
 */
import type { CrimesDoc, ExtractedDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts events from a document's content. */
export function extractEvents(): Stage<CrimesDoc, ExtractedDoc> {
  return {
    name: 'extract-events',
    version: 0,
    run(doc) {
      return { ...doc, events: [] }
    },
  }
}
