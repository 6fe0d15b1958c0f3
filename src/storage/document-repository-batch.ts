/**
 * Stores a batch of extracted documents in one transaction (issue #5, point 10): the documents
 * with their annotations and facts, the furniture counts of their pages, and the resolution of
 * their entities commit together, or nothing does. A restart skips what a batch committed and
 * redoes the rest (decision 0007; decision 0012 for the batching).
 *
 * @module storage/document-repository-batch
 */
import type { Kysely } from 'kysely'
import type { ExtractedDoc } from '#core/document.ts'
import type { SaveInput, SaveResult } from './document-repository.ts'
import { saveDocumentsIn } from './document-repository.ts'
import { observePagesIn } from './document-repository-furniture.ts'
import { resolveStoredIn } from './entity-repository.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** One document of a batch. */
export interface BatchItem {
  readonly doc: ExtractedDoc
  readonly input: SaveInput
  /** The site whose furniture the page teaches (`null`: none, or not an HTML page). */
  readonly host: string | null
}

/** What a batch did. */
export interface BatchResult {
  /** One per item, in order. */
  readonly saved: readonly SaveResult[]
  /** Pages counted for the furniture of each host. */
  readonly furnitureCounted: ReadonlyMap<string, number>
}

/** Writes batches of extracted documents. */
export interface BatchWriter {
  /**
   * Saves the documents (as {@link DocumentRepository.save} one after the other would), counts
   * the stored pages' furniture lines and resolves the stored documents' entities, in one
   * transaction. Throws when any of it fails; then nothing of the batch is stored.
   */
  write(items: readonly BatchItem[]): Promise<BatchResult>
  /**
   * The ids among `inputs` stored from the same input (`rawHash`) by the same extractor, as
   * {@link DocumentRepository.isUnchanged} answers one at a time, in one query.
   */
  unchanged(
    inputs: readonly { readonly id: string; readonly rawHash: string }[],
    extractorVersion: string,
  ): Promise<Set<string>>
}

/** Creates the batch writer over an open database. */
export function createBatchWriter(db: Kysely<Database>): BatchWriter {
  return {
    unchanged: (inputs, extractorVersion) =>
      withDbErrors(`reading ${inputs.length} document(s)`, async () => {
        const out = new Set<string>()
        if (inputs.length === 0) return out
        const rows = await db
          .selectFrom('documents')
          .select(['id', 'raw_hash'])
          .where('id', 'in', [...new Set(inputs.map((i) => i.id))])
          .where('extractor_version', '=', extractorVersion)
          .execute()
        const stored = new Map(rows.map((r) => [r.id, r.raw_hash]))
        for (const i of inputs) if (stored.get(i.id) === i.rawHash) out.add(i.id)
        return out
      }),
    write: (items) =>
      withDbErrors(`saving a batch of ${items.length} document(s)`, () =>
        db.transaction().execute(async (trx) => {
          const saved = await saveDocumentsIn(trx, items)
          const stored = items.flatMap((item, i) => {
            const s = saved[i]!
            return s.stored && (s.result.status === 'added' || s.result.status === 'updated')
              ? [{ item, result: s.result, stored: s.stored }]
              : []
          })
          const furnitureCounted = await observePagesIn(
            trx,
            stored.flatMap(({ item }) =>
              item.host && item.doc.pageLines && item.doc.pageLines.length > 0
                ? [{ host: item.host, docId: item.doc.id, lines: item.doc.pageLines }]
                : [],
            ),
          )
          await resolveStoredIn(
            trx,
            stored.map(({ item, result, stored: s }) => ({
              docId: item.doc.id,
              text: s.text,
              textHash: s.textHash,
              extractorVersion: item.input.extractorVersion,
              facts: s.facts,
              isNew: result.status === 'added',
            })),
          )
          return { saved: saved.map((s) => s.result), furnitureCounted }
        }),
      ),
  }
}
