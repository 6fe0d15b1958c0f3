/**
 * Extracts money. TODO(#3, #4): the real recogniser replaces this empty one.
 *
 * @module pipeline/stages/extract-money
 */
import type { PersonsDoc, MoneyDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Extracts money from a document's content. */
export function extractMoney(): Stage<PersonsDoc, MoneyDoc> {
  return {
    name: 'extract-money',
    version: 0,
    run(doc) {
      return { ...doc, money: [] }
    },
  }
}
