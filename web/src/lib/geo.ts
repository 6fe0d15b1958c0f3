/**
 * Map drawing without a map library: a plain equirectangular projection with the longitude
 * scaled by the cosine of the map's middle latitude (good enough for one country or region; the
 * UI draws no tiles), SVG path strings for GeoJSON polygons, and a sequential colour scale.
 * Pure: tested under Node.
 *
 * @module web/lib/geo
 */

/** A GeoJSON polygon or multipolygon geometry. */
export interface Geometry {
  readonly type: 'Polygon' | 'MultiPolygon'
  readonly coordinates: unknown
}

/** Turns longitude/latitude into SVG pixels. */
export type Projection = (lon: number, lat: number) => readonly [number, number]

type Ring = readonly (readonly number[])[]

function polygonsOf(g: Geometry): readonly (readonly Ring[])[] {
  return g.type === 'Polygon'
    ? [g.coordinates as readonly Ring[]]
    : (g.coordinates as readonly (readonly Ring[])[])
}

/** A projection that fits every geometry into `width` × `height` pixels with `pad` around. */
export function fitProjection(
  geometries: readonly Geometry[],
  width: number,
  height: number,
  pad = 8,
): Projection {
  let minLon = Infinity
  let maxLon = -Infinity
  let minLat = Infinity
  let maxLat = -Infinity
  for (const g of geometries) {
    for (const polygon of polygonsOf(g)) {
      for (const [lon = 0, lat = 0] of polygon[0] ?? []) {
        if (lon < minLon) minLon = lon
        if (lon > maxLon) maxLon = lon
        if (lat < minLat) minLat = lat
        if (lat > maxLat) maxLat = lat
      }
    }
  }
  if (!Number.isFinite(minLon)) return () => [width / 2, height / 2]
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const spanX = Math.max((maxLon - minLon) * k, 1e-9)
  const spanY = Math.max(maxLat - minLat, 1e-9)
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY)
  const offsetX = (width - spanX * scale) / 2
  const offsetY = (height - spanY * scale) / 2
  return (lon, lat) => [
    round(offsetX + (lon - minLon) * k * scale),
    round(offsetY + (maxLat - lat) * scale),
  ]
}

/** The SVG path of a geometry (`M…L…Z` per ring; holes follow the even-odd rule). */
export function pathOf(geometry: Geometry, project: Projection): string {
  let d = ''
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      ring.forEach(([lon = 0, lat = 0], i) => {
        const [x, y] = project(lon, lat)
        d += `${i === 0 ? 'M' : 'L'}${x} ${y}`
      })
      d += 'Z'
    }
  }
  return d
}

/** The visual centre of a geometry's largest ring (its bounding-box middle), for a label. */
export function labelPoint(geometry: Geometry, project: Projection): readonly [number, number] {
  let best: Ring = []
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0] ?? []
    if (outer.length > best.length) best = outer
  }
  const xs = best.map(([lon = 0]) => lon)
  const ys = best.map(([, lat = 0]) => lat)
  return project((Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2)
}

/** Colours from light to dark (ColorBrewer "Blues", 6 classes) and the colour for zero. */
export const SCALE = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const
export const NONE = '#f4f5f7'

/**
 * The class of `count` on a square-root scale up to `max` (counts of news are skewed: one capital
 * city has most documents), `-1` for zero.
 */
export function colourClass(count: number, max: number): number {
  if (count <= 0 || max <= 0) return -1
  const t = Math.sqrt(count) / Math.sqrt(max)
  return Math.min(SCALE.length - 1, Math.floor(t * SCALE.length))
}

/** The lowest count of each class that some count in 1..max falls in, for the legend. */
export function classBreaks(max: number): { readonly from: number; readonly colour: string }[] {
  const out: { from: number; colour: string }[] = []
  for (let c = 0; c < SCALE.length; c++) {
    const from = Math.max(1, Math.ceil(max * (c / SCALE.length) ** 2))
    if (from <= max && colourClass(from, max) === c) out.push({ from, colour: SCALE[c] as string })
  }
  return out
}

function round(v: number): number {
  return Math.round(v * 10) / 10
}
