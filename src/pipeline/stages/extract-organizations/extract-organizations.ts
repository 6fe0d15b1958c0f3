/**
 * Extracts organizations. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-organizations
 */
import type { PlacesDoc, OrganizationsDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts organizations from a document's content. */
export function extractOrganizations(): Stage<PlacesDoc, OrganizationsDoc> {
  return {
    name: 'extract-organizations',
    version: 0,
    run(doc) {
      return { ...doc, organizations: [] }
    },
  }
}
