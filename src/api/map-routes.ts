/**
 * `GET /api/map`: the boundaries of Kazakhstan's regions (or of Central Asia's countries) with how
 * many of the documents a search selects name a place in each — the data of the UI's
 * choropleth. Boundaries come from `data/geo` (Natural Earth, public domain), read once.
 *
 * @module api/map-routes
 */
import type { Hono } from 'hono'
import type { Lang } from '#core/lang.ts'
import { loadGazetteer } from '#pipeline/stages/extract-places/gazetteer.ts'
import type { SearchRepository } from '#storage/search-repository.ts'
import { MapQuery, type MapResponse } from './contract.ts'
import { parseOrThrow } from './http-errors.ts'
import { type AreaFeature, loadAreas } from './map-areas.ts'
import { placeDisplayName } from './place-names.ts'
import { searchFilters } from './search-filters.ts'

/** Adds `GET /api/map` to `app`. */
export function mountMapRoutes(app: Hono, search: SearchRepository): void {
  app.get('/api/map', async (c) => {
    const query = parseOrThrow(MapQuery, c.req.query(), 'query')
    const filters = searchFilters(query)
    const { features, areaOf } = loadAreas(query.area)
    const counts = await search.countByArea({ ...query, ...filters }, areaOf)
    const countOf = new Map(counts.map((c) => [c.value, c.count]))
    const body: MapResponse = {
      type: 'FeatureCollection',
      area: query.area,
      features: features.map((f) => ({
        type: 'Feature',
        id: f.id,
        geometry: f.geometry as MapResponse['features'][number]['geometry'],
        properties: {
          id: f.id,
          name: areaName(f, query.ui),
          count: countOf.get(f.id) ?? 0,
          // Current areas only (with an ISO 3166-2 code): historical regions the gazetteer knows
          // are counted too, but naming them here would read as if they still existed.
          includes: f.properties.includes
            .filter((id) => loadGazetteer().places.get(id)?.iso3166_2)
            .map((id) => placeDisplayName(id, query.ui))
            .filter((n): n is string => n !== null),
        },
      })),
    }
    return c.json(body)
  })
}

function areaName(f: AreaFeature, lang: Lang): string {
  return placeDisplayName(f.id, lang) ?? f.id
}
