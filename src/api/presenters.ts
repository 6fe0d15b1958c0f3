/**
 * Turns repository results into the JSON shapes of `contract.ts`.
 *
 * @module api/presenters
 */
import type { StoredDocument } from '#storage/document-repository.ts'
import type { SearchPage } from '#storage/search-repository.ts'
import {
  ANNOTATION_TYPES,
  type AnnotationDto,
  type AnnotationType,
  type DocumentResponse,
  type SearchResponse,
} from './contract.ts'

/** Presents a stored document for `GET /api/documents/:id`. */
export function presentDocument(doc: StoredDocument): DocumentResponse {
  const annotations: AnnotationDto[] = []
  for (const a of doc.annotations) {
    // A type written by a newer extractor than this server knows is left out, not mislabelled.
    if (!isAnnotationType(a.type)) continue
    annotations.push({
      start: a.start,
      end: a.end,
      type: a.type,
      label: a.label,
      attributes: { ...a.attributes },
      stage: a.stage,
      stageVersion: a.stageVersion,
    })
  }
  return {
    id: doc.id,
    source: doc.source,
    url: doc.url,
    title: doc.title,
    lang: doc.lang,
    published: doc.published,
    text: doc.text,
    extractorVersion: doc.extractorVersion,
    annotations,
  }
}

/** Presents a page of search hits for `GET /api/search`. */
export function presentSearchPage(page: SearchPage): SearchResponse {
  return {
    items: page.items.map((hit) => ({
      ...hit,
      snippet: {
        text: hit.snippet.text,
        highlights: hit.snippet.highlights.map((h) => ({ start: h.start, end: h.end })),
      },
    })),
    total: page.total,
    nextCursor: page.nextCursor,
  }
}

function isAnnotationType(type: string): type is AnnotationType {
  return (ANNOTATION_TYPES as readonly string[]).includes(type)
}
