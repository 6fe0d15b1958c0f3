/**
 * The areas the map draws (`data/geo`, Natural Earth boundaries, read once) and which gazetteer
 * places count in each: a city in its region, a 2022 region in the polygon it was carved from,
 * every place in its country on the Central Asia map.
 *
 * @module api/map-areas
 */
import { readFileSync } from 'node:fs'
import { loadGazetteer } from '#pipeline/stages/extract-places/gazetteer.ts'

/** A boundary file's feature. */
export interface AreaFeature {
  readonly type: 'Feature'
  readonly id: string
  readonly properties: { readonly id: string; readonly includes: readonly string[] }
  readonly geometry: { readonly type: 'Polygon' | 'MultiPolygon'; readonly coordinates: unknown }
}

export interface AreaSet {
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

/**
 * The gazetteer ids of the places within `id` — a region, city or country as the map draws it —
 * itself included: what the `within` filter matches.
 */
export function placesWithin(id: string): string[] {
  const out = new Set<string>([id])
  for (const area of ['kz', 'asia'] as const) {
    for (const [place, drawnIn] of Object.entries(loadAreas(area).areaOf)) {
      if (drawnIn === id) out.add(place)
    }
  }
  // Places under `id` that the maps do not draw on their own (districts of a region, say).
  const { places } = loadGazetteer()
  for (const place of places.values()) {
    for (let at: string | null = place.parentId, hops = 0; at && hops < 6; hops++) {
      if (at === id) {
        out.add(place.id)
        break
      }
      at = places.get(at)?.parentId ?? null
    }
  }
  return [...out].sort()
}
