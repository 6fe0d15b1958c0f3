/**
 * Builders for test documents: a minimal, valid {@link ExtractedDoc} with overridable fields.
 */
import type { ExtractedDoc } from '#core/document.ts'

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
