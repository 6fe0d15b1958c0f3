/**
 * Extracts persons. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-persons
 */
import type { OrganizationsDoc, PersonsDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts persons from a document's content. */
export function extractPersons(): Stage<OrganizationsDoc, PersonsDoc> {
  return {
    name: 'extract-persons',
    version: 0,
    run(doc) {
      return { ...doc, persons: [] }
    },
  }
}
