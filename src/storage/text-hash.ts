/**
 * The key that folds exact re-ingests of one text under different ids or file names.
 *
 * @module storage/text-hash
 */
import { createHash } from 'node:crypto'
import type { RawDoc } from '#core/document.ts'

/**
 * Hashes a text after normalising it (NFKC, lower case, runs of whitespace to one space,
 * trimmed), so that re-saved copies differing only in spacing or case fold together.
 * Returns 64 lower-case hex digits (SHA-256).
 */
export function hashNormalizedText(text: string): string {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim()
  return createHash('sha256').update(normalized).digest('hex')
}

/**
 * Hashes a document as read (every field of the {@link RawDoc}), so that an unchanged input can
 * be recognised before it is processed. Returns 64 lower-case hex digits (SHA-256).
 */
export function hashRawDoc(doc: RawDoc): string {
  const fields = [doc.id, doc.source, doc.url, doc.format, doc.published, doc.raw]
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}
