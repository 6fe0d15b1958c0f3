/**
 * Turns the filter parameters of a search-like query (search, map, export, the CLI) into the
 * repository's terms: fact filters by kind, and the places a `within` area stands for.
 *
 * @module api/search-filters
 */
import { FACET_KINDS, type FacetKind } from '#storage/search-repository.ts'
import { placesWithin } from './map-areas.ts'

/** The filter fields of `SearchQuery` this module reads. */
export type FilterFields = Partial<Record<FacetKind | 'within', string | undefined>>

/** The repository filters of a parsed query. */
export function searchFilters(query: FilterFields): {
  facts: { kind: FacetKind; label: string }[]
  placeIn?: string[]
} {
  const facts = FACET_KINDS.flatMap((kind) => {
    const label = query[kind]
    return label === undefined ? [] : [{ kind, label }]
  })
  return query.within ? { facts, placeIn: placesWithin(query.within) } : { facts }
}
