/**
 * `GET /api/map`: the boundaries of Kazakhstan's regions (or of Central Asia's countries) with how
 * many of the documents a search selects name a place in each — the data of the UI's
 * choropleth. Boundaries come from `data/geo` (Natural Earth, public domain), read once.
 *
 * @module api/map-routes
 */
import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import type { Lang } from '#core/lang.ts'
import { loadGazetteer } from '#pipeline/stages/extract-places/gazetteer.ts'
import { FACET_KINDS, type SearchRepository } from '#storage/search-repository.ts'
import { MapQuery, type MapResponse } from './contract.ts'
import { parseOrThrow } from './http-errors.ts'
import { placeDisplayName } from './place-names.ts'

/** A boundary file's feature. */
interface AreaFeature {
  readonly type: 'Feature'
  readonly id: string
  readonly properties: { readonly id: string; readonly includes: readonly string[] }
  readonly geometry: { readonly type: 'Polygon' | 'MultiPolygon'; readonly coordinates: unknown }
}

interface AreaSet {
  readonly features: readonly AreaFeature[]
  /** Gazetteer place id → the id of the feature it is counted in. */
  readonly areaOf: Readonly<Record<string, string>>
}

const FILES = { kz: 'kz-regions.geojson', asia: 'central-asia.geojson' } as const
const cache = new Map<keyof typeof FILES, AreaSet>()

/** Loads a boundary set and works out which feature each gazetteer place is counted in. */
export function loadAreas(area: keyof typeof FILES): AreaSet {
  const cached = cache.get(area)
  if (cached) return cached
  const url = new URL(`../../data/geo/${FILES[area]}`, import.meta.url)
  const { features } = JSON.parse(readFileSync(url, 'utf8')) as { features: AreaFeature[] }
  const direct = new Map<string, string>()
  for (const f of features) {
    direct.set(f.id, f.id)
    for (const inner of f.properties.includes) direct.set(inner, f.id)
  }
  const areaOf: Record<string, string> = {}
  const { places } = loadGazetteer()
  for (const place of places.values()) {
    if (area === 'asia') {
      if (direct.has(place.country)) areaOf[place.id] = place.country
      continue
    }
    // Walk up (district → region, city → region) until a drawn area or an included one.
    let at: string | null = place.id
    for (let hops = 0; at && hops < 6; hops++) {
      const hit = direct.get(at)
      if (hit) {
        areaOf[place.id] = hit
        break
      }
      at = places.get(at)?.parentId ?? null
    }
  }
  const set = { features, areaOf }
  cache.set(area, set)
  return set
}

/** Adds `GET /api/map` to `app`. */
export function mountMapRoutes(app: Hono, search: SearchRepository): void {
  app.get('/api/map', async (c) => {
    const query = parseOrThrow(MapQuery, c.req.query(), 'query')
    const facts = FACET_KINDS.flatMap((kind) => {
      const label = query[kind]
      return label === undefined ? [] : [{ kind, label }]
    })
    const { features, areaOf } = loadAreas(query.area)
    const counts = await search.countByArea({ ...query, facts }, areaOf)
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
          includes: f.properties.includes
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
