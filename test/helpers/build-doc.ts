/**
 * Builders for test documents: a minimal, valid {@link ExtractedDoc} with overridable fields.
 */
import type { Kysely } from 'kysely'
import type { ExtractedDoc } from '#core/document.ts'
import { createDocumentRepository } from '#storage/document-repository.ts'
import type { Database } from '#storage/schema.ts'

/** Builds an extracted document with no facts; pass fields to override. */
export function buildExtractedDoc(
  overrides: Partial<ExtractedDoc> & { readonly text: string },
): ExtractedDoc {
  const text = overrides.text
  return {
    id: 'doc-1',
    source: 'test.txt',
    url: null,
    format: 'text',
    raw: text,
    published: '2025-04-05',
    title: null,
    lang: 'en',
    langConfidence: 1,
    boilerplate: [],
    content: text,
    articles: [{ start: 0, end: text.length, title: null, titleSpan: null }],
    sentences: [{ start: 0, end: text.length }],
    referenceDate: '2025-04-05',
    locations: [],
    organizations: [],
    persons: [],
    money: [],
    statistics: [],
    dates: [],
    crimes: [],
    events: [],
    ...overrides,
  }
}

/** Stores documents built by {@link buildExtractedDoc}, one at a time, with no annotations. */
export async function saveBuiltDocs(
  db: Kysely<Database>,
  docs: readonly (Partial<ExtractedDoc> & { readonly text: string })[],
): Promise<void> {
  const repo = createDocumentRepository(db)
  for (const doc of docs)
    await repo.save(buildExtractedDoc(doc), { annotations: [], extractorVersion: 'test@1' })
}
