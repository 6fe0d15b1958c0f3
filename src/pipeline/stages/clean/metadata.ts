/**
 * Reads article metadata from HTML: headline, publication date and author, from JSON-LD,
 * Open Graph / article meta tags, `itemprop` microdata and `<time datetime>`.
 *
 * @module pipeline/stages/clean/metadata
 */

/** The few `Document` members read here (linkedom's document has them). */
export interface MetaDocument {
  querySelectorAll(selector: string): ArrayLike<{
    getAttribute(name: string): string | null
    readonly textContent: string | null
  }>
}

/** What the page says about itself. */
export interface PageMetadata {
  readonly title: string | null
  /** `YYYY-MM-DD` (or `YYYY-MM`), or `null`. */
  readonly published: string | null
  readonly author: string | null
}

// JSON-LD blocks beyond this size are not parsed (hostile or data dumps).
const MAX_JSON_LD = 200_000

/** Reads the page metadata. Never throws. */
export function readMetadata(doc: MetaDocument): PageMetadata {
  const ld = jsonLd(doc)
  const title =
    firstString(ld.map((o) => o['headline'] ?? o['name'])) ??
    meta(doc, ['og:title', 'twitter:title']) ??
    text(doc, 'h1') ??
    text(doc, 'title')
  const published =
    isoDate(firstString(ld.map((o) => o['datePublished'] ?? o['dateCreated']))) ??
    isoDate(
      meta(doc, [
        'article:published_time',
        'og:published_time',
        'pubdate',
        'publishdate',
        'publish-date',
        'date',
        'dc.date.issued',
        'dc.date',
        'sailthru.date',
        'parsely-pub-date',
      ]),
    ) ??
    isoDate(attr(doc, '[itemprop="datePublished"]', ['content', 'datetime'])) ??
    isoDate(attr(doc, 'time[datetime]', ['datetime']))
  const author =
    firstString(ld.map((o) => authorName(o['author']))) ??
    meta(doc, ['author', 'article:author', 'twitter:creator']) ??
    text(doc, '[rel="author"]')
  return { title: clip(title), published, author: clip(author) }
}

type LdObject = Record<string, unknown>

function jsonLd(doc: MetaDocument): LdObject[] {
  const out: LdObject[] = []
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]')
  for (let i = 0; i < scripts.length; i++) {
    const raw = scripts[i]?.textContent ?? ''
    if (raw.length > MAX_JSON_LD) continue
    try {
      collect(JSON.parse(raw), out, 0)
    } catch {
      // Broken JSON-LD is common; the other sources still apply.
    }
  }
  // Articles first: a page's JSON-LD also describes the site and its breadcrumbs.
  return out.sort((a, b) => rank(a) - rank(b))
}

function collect(value: unknown, out: LdObject[], depth: number): void {
  if (depth > 5 || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1)
    return
  }
  const o = value as LdObject
  out.push(o)
  if (Array.isArray(o['@graph'])) collect(o['@graph'], out, depth + 1)
}

function rank(o: LdObject): number {
  const type = JSON.stringify(o['@type'] ?? '')
  return /Article|Posting|Report/u.test(type) ? 0 : 1
}

function authorName(a: unknown): string | undefined {
  if (typeof a === 'string') return a
  if (Array.isArray(a)) return authorName(a[0])
  if (a && typeof a === 'object' && typeof (a as LdObject)['name'] === 'string') {
    return (a as LdObject)['name'] as string
  }
  return undefined
}

function firstString(values: readonly unknown[]): string | null {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim()
  return null
}

function meta(doc: MetaDocument, names: readonly string[]): string | null {
  const tags = doc.querySelectorAll('meta')
  for (const name of names) {
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i]
      const key = (
        t?.getAttribute('property') ??
        t?.getAttribute('name') ??
        t?.getAttribute('itemprop') ??
        ''
      ).toLowerCase()
      const content = t?.getAttribute('content')?.trim()
      if (key === name && content) return content
    }
  }
  return null
}

function attr(doc: MetaDocument, selector: string, names: readonly string[]): string | null {
  const els = doc.querySelectorAll(selector)
  for (let i = 0; i < els.length; i++) {
    for (const n of names) {
      const v = els[i]?.getAttribute(n)?.trim()
      if (v) return v
    }
  }
  return null
}

function text(doc: MetaDocument, selector: string): string | null {
  const t = doc.querySelectorAll(selector)[0]?.textContent?.replace(/\s+/gu, ' ').trim()
  return t ? t : null
}

function clip(s: string | null): string | null {
  if (s === null) return null
  return s.length > 500 ? s.slice(0, 500) : s
}

/** Normalises a machine-readable date ("2025-04-03T10:20:00+05:00", "2025-04-03") to ISO. */
export function isoDate(value: string | null): string | null {
  if (!value) return null
  const m = /^\s*((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?/u.exec(value)
  if (!m) return null
  const month = Number(m[2])
  if (month < 1 || month > 12) return null
  if (m[3] === undefined) return `${m[1]}-${m[2]}`
  const day = Number(m[3])
  if (day < 1 || day > 31) return null
  return `${m[1]}-${m[2]}-${m[3]}`
}
