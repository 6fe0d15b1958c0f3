/**
 * Extracts locations. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-places
 */
import type { SegmentedDoc, PlacesDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts locations from a document's content. */
export function extractPlaces(): Stage<SegmentedDoc, PlacesDoc> {
  return {
    name: 'extract-places',
    version: 0,
    run(doc) {
      return { ...doc, locations: [] }
    },
  }
}
