/**
 * Export formats of the record: JSON lines (one document with its facts per line), CSV (one
 * fact per row, for spreadsheets), FollowTheMoney entities (JSON lines, for Aleph and
 * OpenSanctions tooling) and GeoJSON (places with how many documents name them). Pure: the
 * route feeds documents in and streams the strings out.
 *
 * @module api/export-formats
 */
import { createHash } from 'node:crypto'
import type { Lang } from '#core/lang.ts'
import type { ExportDocument, ExportFact } from '#storage/export-repository.ts'
import { placeDisplayName } from './place-names.ts'

/** The formats `GET /api/export` writes. */
export const EXPORT_FORMATS = ['jsonl', 'csv', 'ftm', 'geojson'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Content type and file extension of each format. */
export const EXPORT_MEDIA: Readonly<Record<ExportFormat, { type: string; ext: string }>> = {
  jsonl: { type: 'application/x-ndjson; charset=utf-8', ext: 'jsonl' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  ftm: { type: 'application/x-ndjson; charset=utf-8', ext: 'ftm.json' },
  geojson: { type: 'application/geo+json; charset=utf-8', ext: 'geojson' },
}

const LIST_NAMES: Readonly<Record<string, string>> = {
  person: 'persons',
  organization: 'organizations',
  location: 'locations',
  money: 'money',
  date: 'dates',
  crime: 'crimes',
  event: 'events',
  statistic: 'statistics',
}

/** One document as a JSON line: its header and every fact, grouped as the json format groups them. */
export function jsonLine(doc: ExportDocument): string {
  const lists: Record<string, unknown[]> = Object.fromEntries(
    Object.values(LIST_NAMES).map((k) => [k, []]),
  )
  for (const f of doc.facts) {
    const list = lists[LIST_NAMES[f.kind] ?? f.kind]
    const { provenance: _p, ...data } = f.data as Record<string, unknown>
    list?.push(f.entityId ? { ...data, entityId: f.entityId } : data)
  }
  const { facts: _f, ...header } = doc
  return `${JSON.stringify({ ...header, ...lists })}\n`
}

/** The CSV header row. */
export const CSV_COLUMNS = [
  'document_id',
  'published',
  'language',
  'source',
  'url',
  'kind',
  'value',
  'entity_id',
  'role',
  'title',
  'place_id',
  'amount',
  'currency',
  'amount_kzt',
  'amount_usd',
  'date',
  'start',
  'end',
] as const

/** The header line of a CSV export. */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`
}

/** One CSV row per fact of a document (RFC 4180, CRLF line ends). */
export function csvRows(doc: ExportDocument): string {
  let out = ''
  for (const f of doc.facts) {
    const d = f.data
    const conversion = (d['conversion'] ?? null) as { kzt?: unknown; usd?: unknown } | null
    const span = firstSpan(f)
    const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      document_id: doc.id,
      published: doc.published,
      language: doc.lang,
      source: doc.source,
      url: doc.url,
      kind: f.kind,
      value: f.label,
      entity_id: f.entityId,
      role: d['role'] ?? null,
      title: d['title'] ?? null,
      place_id: d['placeId'] ?? null,
      amount: d['amount'] ?? null,
      currency: d['currency'] ?? null,
      amount_kzt: conversion?.kzt ?? null,
      amount_usd: conversion?.usd ?? null,
      date: f.kind === 'event' ? (d['date'] ?? null) : f.kind === 'date' ? d['iso'] : null,
      start: span?.start ?? null,
      end: span?.end ?? null,
    }
    out += `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`
  }
  return out
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; text that a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) is prefixed with `'`, since
 * exported article text is untrusted.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s = typeof value === 'string' ? value : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

function firstSpan(f: ExportFact): { start: number; end: number } | null {
  const d = f.data
  if (typeof d['start'] === 'number' && typeof d['end'] === 'number') {
    return { start: d['start'], end: d['end'] }
  }
  const mentions = (d['mentions'] ?? d['evidence']) as { start: number; end: number }[] | undefined
  return mentions?.[0] ?? null
}

/** A FollowTheMoney entity. */
export interface FtmEntity {
  readonly id: string
  readonly schema: string
  readonly properties: Readonly<Record<string, readonly string[]>>
}

/**
 * The FollowTheMoney entities of one document: an `Article`; a `Person` or `Organization` per
 * name (keyed by its resolved entity when there is one, so the same person across documents is
 * one FtM entity); a `Documentation` link from the article to each, with the role; an `Event`
 * per law-enforcement event with its involved parties. Ids are stable across exports.
 */
export function ftmEntities(doc: ExportDocument): FtmEntity[] {
  const article = `tergeu-doc-${shortHash(doc.id)}`
  const out: FtmEntity[] = [
    {
      id: article,
      schema: 'Article',
      properties: compact({
        title: [doc.title],
        publishedAt: [doc.published],
        language: [ISO_639_2[doc.lang]],
        sourceUrl: [doc.url],
        publisher: [doc.source],
      }),
    },
  ]
  const idOfName = new Map<string, string>()
  for (const f of doc.facts) {
    if (f.kind !== 'person' && f.kind !== 'organization') continue
    const id = f.entityId
      ? `tergeu-entity-${f.entityId}`
      : `tergeu-${f.kind}-${shortHash(`${doc.id}\u0000${f.label}`)}`
    idOfName.set(f.label, id)
    const d = f.data
    const variants = (d['variants'] as string[] | undefined) ?? []
    out.push({
      id,
      schema: f.kind === 'person' ? 'Person' : 'Organization',
      properties: compact({
        name: [f.label],
        alias: variants,
        country: [d['country'] as string | null | undefined],
        position: f.kind === 'person' ? [d['title'] as string | null] : [],
      }),
    })
    out.push({
      id: `${article}-doc-${shortHash(id)}`,
      schema: 'Documentation',
      properties: compact({
        document: [article],
        entity: [id],
        role: [d['role'] as string | undefined],
      }),
    })
  }
  let n = 0
  for (const f of doc.facts) {
    if (f.kind !== 'event') continue
    const d = f.data
    const subjects = (d['subjects'] as string[] | undefined) ?? []
    const agencies = String(d['agency'] ?? '')
      .split('; ')
      .filter(Boolean)
    out.push({
      id: `${article}-event-${n++}`,
      schema: 'Event',
      properties: compact({
        name: [String(d['type'])],
        summary: [d['summary'] as string | undefined],
        date: [d['date'] as string | null],
        location: [d['location'] as string | null],
        involved: subjects.map((s) => idOfName.get(s)),
        organizer: agencies.map((a) => idOfName.get(a)),
        proof: [article],
      }),
    })
  }
  return out
}

const ISO_639_2: Readonly<Record<Lang, string>> = { en: 'eng', ru: 'rus', kk: 'kaz' }

function compact(
  properties: Record<string, readonly (string | null | undefined)[]>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [k, values] of Object.entries(properties)) {
    const kept = [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))]
    if (kept.length) out[k] = kept
  }
  return out
}

function shortHash(s: string): string {
  return createHash('sha1').update(s).digest('hex').slice(0, 16)
}

/** Collects places over many documents for a GeoJSON export. */
export interface GeoCollector {
  add(doc: ExportDocument): void
  /** The FeatureCollection: one Point per gazetteer place, with document and crime counts. */
  finish(): string
}

/** Starts a GeoJSON export; names are written in `lang`. */
export function geoCollector(lang: Lang): GeoCollector {
  const places = new Map<
    string,
    { lat: number; lon: number; kind: unknown; docs: number; crimes: Map<string, number> }
  >()
  return {
    add(doc) {
      const crimes = doc.facts.filter((f) => f.kind === 'crime').map((f) => f.label)
      const seen = new Set<string>()
      for (const f of doc.facts) {
        if (f.kind !== 'location') continue
        const { placeId, lat, lon, kind } = f.data
        if (typeof placeId !== 'string' || typeof lat !== 'number' || typeof lon !== 'number')
          continue
        if (seen.has(placeId)) continue
        seen.add(placeId)
        const place = places.get(placeId) ?? { lat, lon, kind, docs: 0, crimes: new Map() }
        place.docs++
        for (const c of crimes) place.crimes.set(c, (place.crimes.get(c) ?? 0) + 1)
        places.set(placeId, place)
      }
    },
    finish() {
      const features = [...places].map(([id, p]) => ({
        type: 'Feature',
        id,
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: {
          placeId: id,
          name: placeDisplayName(id, lang) ?? id,
          kind: p.kind,
          documents: p.docs,
          crimes: Object.fromEntries([...p.crimes].sort((a, b) => b[1] - a[1])),
        },
      }))
      return `${JSON.stringify({ type: 'FeatureCollection', features })}\n`
    },
  }
}
