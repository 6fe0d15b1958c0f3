/**
 * Reads RSS 2.0 (and RSS 1.0/RDF), Atom and sitemaps (`urlset`, `sitemapindex`, Google News
 * extensions) into a list of item URLs with titles and dates. Malformed XML gives what could be
 * read, or a clear reason; never a throw.
 *
 * @module pipeline/ingest/feeds
 */
import { DOMParser } from 'linkedom'

/** One entry of a feed: an article to fetch, or (sitemap index) another sitemap. */
export interface FeedItem {
  readonly url: string
  readonly title: string | null
  /** ISO 8601 publication (or last-modified) time, or `null`. */
  readonly published: string | null
  /** The publication day as the source wrote it, in its own time zone (`YYYY-MM-DD`), or `null`. */
  readonly date: string | null
  /** `true` for an entry of a sitemap index: a sitemap to read, not an article. */
  readonly isSitemap: boolean
}

/** A parsed feed. */
export type ParsedFeed =
  | {
      readonly ok: true
      readonly kind: 'rss' | 'atom' | 'sitemap' | 'sitemapindex'
      readonly title: string | null
      readonly items: readonly FeedItem[]
    }
  | { readonly ok: false; readonly reason: string }

// linkedom keeps prefixes in element names (`news:title`); compare on the local part.
interface Node {
  readonly tagName?: string
  readonly children?: ArrayLike<Node>
  readonly textContent: string | null
  getAttribute?(name: string): string | null
}

function local(el: Node): string {
  const name = (el.tagName ?? '').toLowerCase()
  const colon = name.indexOf(':')
  return colon >= 0 ? name.slice(colon + 1) : name
}

function kids(el: Node): Node[] {
  return el.children ? Array.from(el.children) : []
}

function child(el: Node, name: string): Node | undefined {
  return kids(el).find((c) => local(c) === name)
}

function text(el: Node | undefined): string | null {
  const t = el?.textContent?.replace(/\s+/g, ' ').trim()
  return t ? t : null
}

// Items can sit at any depth (RSS 1.0 puts them beside <channel>); collect by name.
function descendants(root: Node, name: string, out: Node[] = [], depth = 0): Node[] {
  if (depth > 8) return out
  for (const c of kids(root)) {
    if (local(c) === name) out.push(c)
    else descendants(c, name, out, depth + 1)
  }
  return out
}

/** Parses a feed or sitemap; relative links resolve against `baseUrl`. */
export function parseFeed(xml: string, baseUrl: string): ParsedFeed {
  try {
    const body = xml.replace(/^\uFEFF/, '').trimStart()
    if (!body.startsWith('<')) return { ok: false, reason: 'not XML (no feed or sitemap)' }
    const doc = new DOMParser().parseFromString(body, 'text/xml') as unknown as {
      documentElement: Node | null
    }
    const root = doc.documentElement
    if (!root) return { ok: false, reason: 'malformed XML: no root element' }
    const kind = local(root)
    if (kind === 'rss' || kind === 'rdf') return readRss(root, baseUrl)
    if (kind === 'feed') return readAtom(root, baseUrl)
    if (kind === 'urlset' || kind === 'sitemapindex') return readSitemap(root, kind, baseUrl)
    return { ok: false, reason: `not a feed or sitemap (root element <${kind}>)` }
  } catch (error) {
    return { ok: false, reason: `malformed XML: ${(error as Error).message}` }
  }
}

function readRss(root: Node, baseUrl: string): ParsedFeed {
  const channel = child(root, 'channel')
  const items: FeedItem[] = []
  for (const item of descendants(root, 'item')) {
    const guid = child(item, 'guid')
    const guidUrl = guid && guid.getAttribute?.('isPermaLink') !== 'false' ? text(guid) : null
    const link = text(child(item, 'link')) ?? guidUrl ?? item.getAttribute?.('rdf:about') ?? null
    const url = absolute(link, baseUrl)
    if (!url) continue
    items.push({
      url,
      title: text(child(item, 'title')),
      published: isoDate(text(child(item, 'pubdate')) ?? text(child(item, 'date'))),
      date: localDate(text(child(item, 'pubdate')) ?? text(child(item, 'date'))),
      isSitemap: false,
    })
  }
  return { ok: true, kind: 'rss', title: channel ? text(child(channel, 'title')) : null, items }
}

function readAtom(root: Node, baseUrl: string): ParsedFeed {
  const items: FeedItem[] = []
  for (const entry of kids(root).filter((c) => local(c) === 'entry')) {
    const links = kids(entry).filter((c) => local(c) === 'link')
    const alternate =
      links.find((l) => (l.getAttribute?.('rel') ?? 'alternate') === 'alternate') ?? links[0]
    const url = absolute(alternate?.getAttribute?.('href') ?? text(child(entry, 'id')), baseUrl)
    if (!url) continue
    items.push({
      url,
      title: text(child(entry, 'title')),
      published: isoDate(text(child(entry, 'published')) ?? text(child(entry, 'updated'))),
      date: localDate(text(child(entry, 'published')) ?? text(child(entry, 'updated'))),
      isSitemap: false,
    })
  }
  return { ok: true, kind: 'atom', title: text(child(root, 'title')), items }
}

function readSitemap(root: Node, kind: 'urlset' | 'sitemapindex', baseUrl: string): ParsedFeed {
  const entryName = kind === 'urlset' ? 'url' : 'sitemap'
  const items: FeedItem[] = []
  for (const entry of kids(root).filter((c) => local(c) === entryName)) {
    const url = absolute(text(child(entry, 'loc')), baseUrl)
    if (!url) continue
    // Google News sitemaps carry a title and a publication date per URL.
    const news = child(entry, 'news')
    const when =
      (news ? text(child(news, 'publication_date')) : null) ?? text(child(entry, 'lastmod'))
    items.push({
      url,
      title: news ? text(child(news, 'title')) : null,
      published: isoDate(when),
      date: localDate(when),
      isSitemap: kind === 'sitemapindex',
    })
  }
  return { ok: true, kind: kind === 'urlset' ? 'sitemap' : 'sitemapindex', title: null, items }
}

function absolute(link: string | null | undefined, baseUrl: string): string | null {
  if (!link) return null
  try {
    const u = new URL(link.trim(), baseUrl)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
    u.hash = ''
    return u.href
  } catch {
    return null
  }
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ')

/** Reads the calendar day a date string names, in its own time zone (`YYYY-MM-DD`), or `null`. */
export function localDate(value: string | null): string | null {
  if (!value) return null
  const iso = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)
  if (iso?.[1]) return iso[1]
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(value)
  if (!rfc) return null
  const month = MONTHS.indexOf(rfc[2]!.toLowerCase())
  if (month < 0) return null
  return `${rfc[3]}-${String(month + 1).padStart(2, '0')}-${rfc[1]!.padStart(2, '0')}`
}

/** Reads an RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) date as ISO 8601 UTC, or `null`. */
export function isoDate(value: string | null): string | null {
  if (!value) return null
  // A bare date (sitemaps) stays a date: no invented time zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}
