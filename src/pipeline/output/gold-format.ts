/**
 * Presents an extracted document in the gold shape of `../shared/gold/README.md`.
 *
 * @module pipeline/output/gold-format
 */
import type { ExtractedDoc } from '#core/document.ts'
import { CRIME_CATEGORIES } from '#core/facts.ts'

/** The gold JSON shape (what `../shared/eval/score.mjs` reads). */
export interface GoldOutput {
  readonly id: string
  readonly source: string
  readonly lang: string
  readonly published: string | null
  readonly title: string | null
  readonly article_count: number
  readonly persons: readonly {
    name: string
    variants: string[]
    role: string
    title: string | null
  }[]
  readonly organizations: readonly {
    name: string
    variants: string[]
    kind: string
    country: string | null
  }[]
  readonly locations: readonly {
    name: string
    variants: string[]
    kind: string
    country: string | null
  }[]
  readonly money: readonly { text: string; amount: number | null; currency: string }[]
  readonly dates: readonly { text: string; iso: string }[]
  readonly crimes: readonly string[]
  readonly events: readonly {
    type: string
    date: string | null
    location: string | null
    subjects: string[]
    agency: string | null
    summary: string
  }[]
  readonly statistics: readonly {
    label: string
    period: string | null
    value: number
    unit: string
  }[]
  readonly articles: readonly { title: string; first_words: string }[]
  readonly boilerplate: readonly string[]
}

/** Converts an extracted document to the gold shape. */
export function toGoldFormat(doc: ExtractedDoc): GoldOutput {
  const crimeSet = new Set(doc.crimes.map((c) => c.category))
  const listing = doc.articles.length > 1
  return {
    id: doc.id,
    source: doc.source,
    lang: doc.lang,
    published: doc.referenceDate ?? doc.published,
    title: listing ? null : doc.title,
    article_count: Math.max(1, doc.articles.length),
    persons: doc.persons.map((p) => ({
      name: p.name,
      variants: [...p.variants],
      role: p.role,
      title: p.title,
    })),
    organizations: doc.organizations.map((o) => ({
      name: o.name,
      variants: [...o.variants],
      kind: o.kind,
      country: o.country,
    })),
    locations: doc.locations.map((l) => ({
      name: l.name,
      variants: [...l.variants],
      kind: l.kind,
      country: l.country,
    })),
    money: doc.money.map((m) => ({ text: m.text, amount: m.amount, currency: m.currency })),
    dates: doc.dates.map((d) => ({ text: d.text, iso: d.iso })),
    crimes: CRIME_CATEGORIES.filter((c) => crimeSet.has(c)),
    events: doc.events.map((e) => ({
      type: e.type,
      date: e.date,
      location: e.location,
      subjects: [...e.subjects],
      agency: e.agency,
      summary: e.summary,
    })),
    statistics: doc.statistics.map((s) => ({
      label: s.label,
      period: s.period,
      value: s.value,
      unit: s.unit,
    })),
    articles: listing
      ? doc.articles.map((a) => ({
          title: a.title ?? '',
          first_words: firstWords(doc.text.slice(a.titleSpan?.end ?? a.start, a.end), 8),
        }))
      : [],
    boilerplate: [...new Set(doc.boilerplate.map((b) => doc.text.slice(b.start, b.end)))],
  }
}

function firstWords(text: string, n: number): string {
  return text.trim().split(/\s+/).slice(0, n).join(' ')
}
