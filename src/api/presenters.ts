/**
 * Turns repository results into the JSON shapes of `contract.ts`.
 *
 * @module api/presenters
 */
import { isLang, type Lang } from '#core/lang.ts'
import type { StoredDocument } from '#storage/document-repository.ts'
import type {
  FacetCount,
  SearchFacets as SearchFacetsRecord,
  SearchPage,
} from '#storage/search-repository.ts'
import {
  ANNOTATION_TYPES,
  type AnnotationDto,
  type AnnotationType,
  type DocumentResponse,
  type ParagraphLanguageDto,
  type SearchFacets,
  type SearchResponse,
} from './contract.ts'
import { placeDisplayName } from './place-names.ts'

/** Presents a stored document for `GET /api/documents/:id`. */
export function presentDocument(doc: StoredDocument): DocumentResponse {
  const annotations: AnnotationDto[] = []
  const paragraphs: ParagraphLanguageDto[] = []
  for (const a of doc.annotations) {
    if (a.type === 'language') {
      if (isLang(a.label)) {
        const confidence = a.attributes['confidence']
        paragraphs.push({
          start: a.start,
          end: a.end,
          lang: a.label,
          confidence: typeof confidence === 'number' ? confidence : 0,
        })
      }
      continue
    }
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
    ...(paragraphs.length > 0 ? { paragraphs } : {}),
  }
}

/** Presents a page of search hits for `GET /api/search`. */
export function presentSearchPage(page: SearchPage, ui: Lang = 'en'): SearchResponse {
  return {
    items: page.items.map((hit) => ({
      ...hit,
      snippet: {
        text: hit.snippet.text,
        highlights: hit.snippet.highlights.map((h) => ({ start: h.start, end: h.end })),
      },
    })),
    total: page.total,
    totalIsLowerBound: page.totalIsLowerBound,
    totalIsEstimate: page.totalIsEstimate,
    nextCursor: page.nextCursor,
    ...(page.facets ? { facets: presentFacets(page.facets, ui) } : {}),
  }
}

function presentFacets(f: SearchFacetsRecord, ui: Lang): SearchFacets {
  const list = (counts: readonly FacetCount[]) => counts.map((c) => ({ ...c }))
  return {
    lang: list(f.lang),
    source: list(f.source),
    crime: list(f.crime),
    event: list(f.event),
    // Places are counted by gazetteer id; the label names them in the reader's language.
    location: f.location.map((c) => {
      const label = placeDisplayName(c.value, ui)
      return label ? { ...c, label } : { ...c }
    }),
    person: list(f.person),
    organization: list(f.organization),
    sampled: f.sampled,
  }
}

function isAnnotationType(type: string): type is AnnotationType {
  return (ANNOTATION_TYPES as readonly string[]).includes(type)
}
