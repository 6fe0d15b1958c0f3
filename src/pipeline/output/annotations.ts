/**
 * Flattens an extracted document into stand-off annotations for storage and the reader UI:
 * one annotation per mention, each with a normalised label and the stage that made it.
 *
 * @module pipeline/output/annotations
 */
import type { ExtractedDoc } from '#core/document.ts'
import type { Provenance } from '#core/facts.ts'
import type { Span } from '#core/span.ts'

/** Annotation types, the same set as `ANNOTATION_TYPES` in `api/contract.ts`. */
export type AnnotationKind =
  | 'person'
  | 'organization'
  | 'location'
  | 'money'
  | 'date'
  | 'crime'
  | 'event'
  | 'statistic'
  | 'boilerplate'

/** One stand-off annotation over `doc.text` (UTF-16 offsets, half-open). */
export interface Annotation extends Span {
  readonly type: AnnotationKind
  /** The normalised value: canonical name, `23000000 RUB`, `2025-04-05`, `fraud`, `arrest`. */
  readonly label: string
  /** Type-specific details (role, kind, gazetteer id, conversion, ...); JSON-serialisable. */
  readonly attributes: Readonly<Record<string, unknown>>
  readonly stage: string
  readonly stageVersion: number
}

/** Options of {@link toAnnotations}. */
export interface ToAnnotationsOptions {
  /**
   * Stage versions by name (from `pipeline.stages`), used for spans without their own
   * provenance (page furniture, made by `segment`). Default: version 1.
   */
  readonly stageVersions?: Readonly<Record<string, number>>
}

/**
 * Lists every annotation of an extracted document, sorted by start (longer spans first).
 * Drops spans that fall outside the text. Never throws.
 */
export function toAnnotations(doc: ExtractedDoc, options: ToAnnotationsOptions = {}): Annotation[] {
  const out: Annotation[] = []
  const length = doc.text.length
  const add = (
    span: Span,
    type: AnnotationKind,
    label: string,
    attributes: Record<string, unknown>,
    p: Provenance,
  ) => {
    if (!(span.start >= 0 && span.start <= span.end && span.end <= length)) return
    out.push({
      start: span.start,
      end: span.end,
      type,
      label,
      attributes,
      stage: p.stage,
      stageVersion: p.version,
    })
  }

  for (const p of doc.persons) {
    const attributes = { role: p.role, title: p.title }
    for (const m of p.mentions) add(m, 'person', p.name, attributes, p.provenance)
  }
  for (const o of doc.organizations) {
    const attributes = { kind: o.kind, country: o.country, orgId: o.orgId }
    for (const m of o.mentions) add(m, 'organization', o.name, attributes, o.provenance)
  }
  for (const l of doc.locations) {
    const attributes = {
      kind: l.kind,
      country: l.country,
      placeId: l.placeId,
      lat: l.lat,
      lon: l.lon,
    }
    for (const m of l.mentions) add(m, 'location', l.name, attributes, l.provenance)
  }
  for (const m of doc.money) {
    const label = m.amount === null ? m.currency : `${formatNumber(m.amount)} ${m.currency}`
    add(
      m,
      'money',
      label,
      { amount: m.amount, currency: m.currency, conversion: m.conversion },
      m.provenance,
    )
  }
  for (const d of doc.dates)
    add(d, 'date', d.iso, { iso: d.iso, relative: d.relative }, d.provenance)
  for (const c of doc.crimes) {
    for (const e of c.evidence) add(e, 'crime', c.category, { category: c.category }, c.provenance)
  }
  for (const e of doc.events) {
    const attributes = {
      eventType: e.type,
      date: e.date,
      location: e.location,
      subjects: e.subjects,
      agency: e.agency,
      summary: e.summary,
    }
    add(e.trigger, 'event', e.type, attributes, e.provenance)
  }
  for (const s of doc.statistics) {
    const label = `${formatNumber(s.value)}${s.unit ? ` ${s.unit}` : ''}`
    add(
      s,
      'statistic',
      label,
      { label: s.label, period: s.period, value: s.value, unit: s.unit },
      s.provenance,
    )
  }
  const segment = { stage: 'segment', version: options.stageVersions?.['segment'] ?? 1 }
  for (const b of doc.boilerplate) add(b, 'boilerplate', b.kind, { kind: b.kind }, segment)

  return out.sort((a, b) => a.start - b.start || b.end - a.end)
}

// Plain digits, no exponent: 23000000 rather than 2.3e7, so labels read like the gold values.
function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n)
}
