/**
 * Extracts organisations: known bodies from the lexicon (`data/organizations/lexicon.tsv`),
 * unseen ones from head-word patterns per language (`patterns-en/ru/kk.ts`), quoted names after
 * legal forms and genre words, and news sites cited by domain. Mentions of one body are grouped
 * into one {@link Organization}: the fullest form (in the nominative for Russian and Kazakh) is
 * its name, the other verbatim forms its variants. A mention that does not name its body fully
 * ("ДП области", "городского управления полиции") joins the one specific body of its type when
 * the document has exactly one.
 *
 * @module pipeline/stages/extract-organizations
 */
import type { OrganizationsDoc, PlacesDoc } from '#core/document.ts'
import type { Organization, OrganizationKind } from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import type { Mention } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import { type Candidate, keyOf } from './candidate.ts'
import { type OrgLexicon, orgLexicon } from './lexicon.ts'
import { type OrgToken, orgTokens } from './org-tokens.ts'
import { recognizeDomains, recognizeQuoted, recognizeVenues } from './patterns-common.ts'
import { recognizeEn, wrapEn } from './patterns-en.ts'
import { recognizeKk } from './patterns-kk.ts'
import { cyrCountryOf, recognizeRu } from './patterns-ru.ts'
import { EN_DEMONYMS, EN_PLACES } from './places-data.ts'
import { recognizeLexicon } from './recognize-lexicon.ts'

const STAGE = 'extract-organizations'
const VERSION = 1
/** No recogniser builds a name longer than this many tokens. */
const MAX_NAME_TOKENS = 64

/** Extracts organisations from a document's content. */
export function extractOrganizations(): Stage<PlacesDoc, OrganizationsDoc> {
  return {
    name: STAGE,
    version: VERSION,
    run(doc, context) {
      try {
        return { ...doc, organizations: findOrganizations(doc.content, doc.lang, doc.locations) }
      } catch (error) {
        // A recogniser bug must not cost the document its other facts.
        context.report({
          severity: 'warning',
          rule: 'recogniser-failed',
          reason: `organisation recognition failed: ${error instanceof Error ? error.message : String(error)}`,
        })
        return { ...doc, organizations: [] }
      }
    },
  }
}

/** A place another stage found: enough to tell which country a mention is about. */
interface PlaceHint {
  readonly country: string | null
  readonly mentions: readonly Mention[]
}

/** Finds the organisations in `text` (furniture already blanked out). Never throws on odd text. */
export function findOrganizations(
  text: string,
  lang: Lang,
  places: readonly PlaceHint[] = [],
  lexicon: OrgLexicon = orgLexicon(),
): Organization[] {
  const tokens = orgTokens(text)
  const lexical = recognizeLexicon(text, tokens, lang, lexicon)
  const lexAt = new Map<number, Candidate>()
  const lexLast = new Map<number, Candidate>()
  for (const c of lexical) {
    lexAt.set(c.from, c)
    lexLast.set(c.to - 1, c)
  }
  let found: Candidate[] = [...lexical]
  if (lang === 'en') found.push(...recognizeEn(text, tokens, lexLast))
  else if (lang === 'ru') found.push(...recognizeRu(text, tokens, lexAt))
  else found.push(...recognizeKk(text, tokens, lexLast))
  found.push(
    ...recognizeQuoted(text, tokens),
    ...recognizeDomains(text, tokens),
    ...recognizeVenues(text, tokens),
  )
  found = resolveOverlaps(found, lang, tokens)
  if (lang === 'en')
    found = resolveOverlaps([...found, ...wrapEn(text, tokens, found)], lang, tokens)
  return group(text, tokens, found, lang, places)
}

/** Drops duplicate and swallowed mentions; a name nested in a longer one stays. */
function resolveOverlaps(
  all: readonly Candidate[],
  lang: Lang,
  tokens: readonly OrgToken[],
): Candidate[] {
  // Mentions found from context alone give way to any other mention they overlap.
  const strong: Candidate[] = []
  for (const c of all) if (!c.weak) strong.push(c)
  const sorted: Candidate[] = []
  for (const c of all) if (!c.weak || !overlapsAny(strong, c)) sorted.push(c)
  sorted.sort((a, b) => a.from - b.from || b.to - a.to || (a.source === 'lexicon' ? -1 : 1))
  const out: Candidate[] = []
  for (const c of sorted) {
    let keep = true
    for (let k = out.length - 1; k >= 0; k--) {
      const o = out[k]!
      // Names are short: nothing that starts this far back can still cover `c`.
      if (o.from < c.from - MAX_NAME_TOKENS) break
      if (o.to <= c.from) continue
      if (o.from === c.from && o.to === c.to) {
        keep = false
        break
      }
      const inside = o.from <= c.from && c.to <= o.to
      if (!inside) continue
      // A pattern inside a known body's name is part of that name.
      if (c.source === 'pattern' && o.source === 'lexicon') {
        keep = false
        break
      }
      // A known body at the head of a longer pattern name is that body, more fully named
      // ("Комитет по противодействию наркопреступности МВД Казахстана").
      // …and so is one quoted after a legal form ("АО «Казахтелеком»").
      // "Государственная таможенная служба …" opens with a qualifier before the known name.
      const qualified = o.from === c.from - 1 && LEADING_QUALIFIERS.has(tokens[o.from]?.norm ?? '')
      const sameHead =
        (lang === 'kk' ? o.to === c.to : o.from === c.from || qualified) || o.key.startsWith('q:')
      if (c.source === 'lexicon' && o.source === 'pattern' && sameHead && !tokens[c.to - 1]?.poss) {
        // "Антикоррупционная служба по Алматинской области" is a regional body of its own.
        const regional = tokens.slice(c.to, o.to).some((t) => t.norm === 'по')
        out[k] = regional
          ? o
          : { ...o, orgId: c.orgId, kind: c.kind, country: o.country ?? c.country }
        keep = false
        break
      }
      // The same pattern span found twice (a police pattern inside a capitalised name).
      if (c.source === 'pattern' && o.source === 'pattern' && c.key === o.key) {
        keep = false
        break
      }
    }
    if (keep) out.push(c)
  }
  return out
}

/** Whether a mention in `list` shares a token with `c`. */
function overlapsAny(list: readonly Candidate[], c: Candidate): boolean {
  for (const o of list) if (o.from < c.to && c.from < o.to) return true
  return false
}

/** The country the document is mostly about: its places and fixed-country bodies vote. */
function documentCountry(
  tokens: readonly OrgToken[],
  found: readonly Candidate[],
  places: readonly PlaceHint[],
  lang: Lang,
): string {
  const votes = new Map<string, number>()
  for (let k = 0; k < places.length; k++) {
    const p = places[k]!
    vote(votes, p.country, p.mentions.length || 1)
  }
  for (let k = 0; k < found.length; k++) {
    const c = found[k]!
    if (c.country) vote(votes, c.country, 1)
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!
    if (!t.isWord || !t.cap) continue
    if (lang === 'en') vote(votes, EN_PLACES.get(t.norm) ?? EN_DEMONYMS.get(t.norm), 1)
    else if (t.norm.length > 3) vote(votes, cyrCountryOf(t), 1)
  }
  let best = 'KZ'
  let bestVotes = 0
  for (const [c, n] of votes) {
    if (n > bestVotes || (n === bestVotes && c === 'KZ')) {
      best = c
      bestVotes = n
    }
  }
  return best
}

function vote(votes: Map<string, number>, c: string | null | undefined, w: number): void {
  if (c) votes.set(c, (votes.get(c) ?? 0) + w)
}

/**
 * The mentions of places with a country, sorted by start, so that the places inside a mention
 * are found by binary search rather than by a scan of every place per mention.
 */
interface PlaceIndex {
  readonly starts: readonly number[]
  readonly ends: readonly number[]
  /** The place's position in the stage input: the first place listed wins. */
  readonly order: readonly number[]
  readonly countries: readonly string[]
  /** Mentions that end before they start (none from a sound places stage): scanned. */
  readonly odd: readonly { start: number; end: number; order: number; country: string }[]
}

function indexPlaces(places: readonly PlaceHint[]): PlaceIndex {
  const all: { start: number; end: number; order: number; country: string }[] = []
  const odd: typeof all = []
  places.forEach((p, order) => {
    if (!p.country) return
    for (const m of p.mentions) {
      const entry = { start: m.start, end: m.end, order, country: p.country }
      if (m.end < m.start) odd.push(entry)
      else all.push(entry)
    }
  })
  all.sort((a, b) => a.start - b.start)
  return {
    starts: all.map((m) => m.start),
    ends: all.map((m) => m.end),
    order: all.map((m) => m.order),
    countries: all.map((m) => m.country),
    odd,
  }
}

/** The country of the first-listed place with a mention inside `[start, end]`, or `null`. */
function placeCountryWithin(index: PlaceIndex, start: number, end: number): string | null {
  const { starts, ends, order, countries } = index
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (starts[mid]! < start) lo = mid + 1
    else hi = mid
  }
  let best = -1
  let country: string | null = null
  // A mention inside starts at or after `start` and, since it ends after it starts, by `end`.
  for (let k = lo; k < starts.length && starts[k]! <= end; k++) {
    if (ends[k]! <= end && (best < 0 || order[k]! < best)) {
      best = order[k]!
      country = countries[k]!
    }
  }
  for (const m of index.odd) {
    if (m.start >= start && m.end <= end && (best < 0 || m.order < best)) {
      best = m.order
      country = m.country
    }
  }
  return country
}

/** The country named inside a mention (a place, a nationality, a qualifier), if any. */
function countryInside(
  tokens: readonly OrgToken[],
  c: Candidate,
  lang: Lang,
  places: PlaceIndex,
): string | null {
  const placed = placeCountryWithin(places, c.start, c.end)
  if (placed !== null) return placed
  for (let k = c.from; k < c.to; k++) {
    const t = tokens[k]!
    if (!t.isWord || !(t.cap || t.upper)) continue
    const code =
      lang === 'en' ? (EN_PLACES.get(t.norm) ?? EN_DEMONYMS.get(t.norm) ?? null) : cyrCountryOf(t)
    if (code) return code
  }
  return null
}

/**
 * A mention with its country settled. Every one is built by {@link settle}, with the same fields
 * in the same order: the candidates the recognisers return differ in shape, and loops over
 * mixed shapes are slow and get their compiled code thrown away.
 */
interface Settled {
  readonly from: number
  readonly to: number
  readonly start: number
  readonly end: number
  readonly name: string
  readonly kind: OrganizationKind
  readonly country: string | null | undefined
  readonly orgId: string | null
  readonly key: string
  readonly generic: string | null
  readonly mergeOnly: boolean
}

function settle(c: Candidate, country: string | null | undefined, key: string): Settled {
  return {
    from: c.from,
    to: c.to,
    start: c.start,
    end: c.end,
    name: c.name,
    kind: c.kind,
    country,
    orgId: c.orgId,
    key,
    generic: c.generic,
    mergeOnly: c.mergeOnly === true,
  }
}

function group(
  text: string,
  tokens: readonly OrgToken[],
  found: readonly Candidate[],
  lang: Lang,
  places: readonly PlaceHint[],
): Organization[] {
  // One array literal for every result: arrays from two literals differ in hidden class, and
  // code compiled for one is thrown away when the other comes.
  const out: Organization[] = []
  if (found.length === 0) return out
  // The places inside a mention and the document's own country (a pass over every token) are
  // worked out only for a mention whose country is open.
  let docCountry: string | null = null
  let placeIndex: PlaceIndex | null = null
  // Known bodies found with a country qualifier lend it to their bare mentions.
  const qualified = new Map<string, Set<string>>()
  for (let k = 0; k < found.length; k++) {
    const c = found[k]!
    if (c.orgId && c.country) {
      const s = qualified.get(c.orgId) ?? new Set()
      s.add(c.country)
      qualified.set(c.orgId, s)
    }
  }
  const resolved: Settled[] = []
  for (let index = 0; index < found.length; index++) {
    const c = found[index]!
    let country = c.country
    if (c.kind === 'international') country = null
    else if (country === undefined) {
      const q = c.orgId ? qualified.get(c.orgId) : undefined
      // A body named inside a longer name shares its country ("ГУ МВД по Москве").
      const outer = enclosing(found, index)
      placeIndex ??= indexPlaces(places)
      country =
        countryInside(tokens, c, lang, placeIndex) ??
        (outer ? countryInside(tokens, outer, lang, placeIndex) : null) ??
        (q && q.size === 1 ? firstOf(q) : null)
      if (country === null) {
        docCountry ??= documentCountry(tokens, found, places, lang)
        country = docCountry
      }
    }
    resolved.push(settle(c, country, c.orgId ? `id:${c.orgId}@${country ?? '-'}` : c.key))
  }
  // Generic mentions join the one specific body of their type.
  const keysOfType = new Map<string, Set<string>>()
  for (let k = 0; k < resolved.length; k++) {
    const c = resolved[k]!
    if (c.generic) continue
    const bar = c.key.indexOf('|')
    const type = bar < 0 ? c.key : c.key.slice(0, bar)
    const s = keysOfType.get(type) ?? new Set()
    s.add(c.key)
    keysOfType.set(type, s)
  }
  const groups = new Map<string, Settled[]>()
  for (let k = 0; k < resolved.length; k++) {
    const c = resolved[k]!
    let key = c.key
    if (c.generic) {
      const specific = keysOfType.get(c.generic)
      key = specific && specific.size === 1 ? firstOf(specific) : `${c.generic}|`
      if (c.mergeOnly && !(specific && specific.size === 1)) continue
    }
    const list = groups.get(key) ?? []
    list.push(c)
    groups.set(key, list)
  }
  mergeShortForms(groups, lang)
  for (const members of groups.values()) out.push(organization(text, members))
  return out.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0))
}

function firstOf(set: ReadonlySet<string>): string {
  for (const v of set) return v
  throw new Error('empty set')
}

/** One body from its mentions: the fullest specific mention names it. */
function organization(text: string, members: Settled[]): Organization {
  members.sort((a, b) => a.start - b.start)
  let best: Settled | null = null
  for (let k = 0; k < members.length; k++) {
    const m = members[k]!
    if (!m.generic && (best === null || m.to - m.from > best.to - best.from)) best = m
  }
  if (best === null) {
    best = members[0]!
    for (let k = 0; k < members.length; k++) {
      const m = members[k]!
      if (m.to - m.from > best.to - best.from) best = m
    }
  }
  const variants: string[] = []
  const mentions: Mention[] = []
  let known: Settled | null = null
  for (let k = 0; k < members.length; k++) {
    const m = members[k]!
    const surface = text.slice(m.start, m.end)
    if (surface !== best.name && !variants.includes(surface)) variants.push(surface)
    mentions.push({ start: m.start, end: m.end, text: surface })
    if (known === null && m.orgId) known = m
  }
  return {
    name: best.name,
    variants,
    kind: known?.kind ?? commonest(members),
    country: best.country ?? null,
    orgId: known?.orgId ?? null,
    mentions,
    provenance: { stage: STAGE, version: VERSION },
  }
}

/** Words that open a full name and are dropped in its short form ("State Customs Service"). */
const LEADING_QUALIFIERS: ReadonlySet<string> = new Set([
  'state',
  'national',
  'federal',
  'main',
  'general',
  'republican',
  'central',
  'государственная',
  'государственный',
  'государственное',
  'государственной',
  'государственного',
  'государственную',
  'национальный',
  'национальное',
  'национальная',
  'национальной',
  'национального',
  'главное',
  'главный',
  'главного',
  'главным',
  'мемлекеттік',
  'ұлттық',
])

/**
 * "Joint Collegium" after "Joint Collegium of the Ministries of …": an English name that is
 * the head of a longer name found in the same text is a short form of that body.
 */
function mergeShortForms(groups: Map<string, Settled[]>, lang: Lang): void {
  if (groups.size < 2) return
  const names: { key: string; words: string[]; known: boolean }[] = []
  // Only a name with a leading qualifier, or an English one with "of", can be the long form.
  let longForms = false
  for (const [key, members] of groups) {
    const words = keyOf(members[0]!.name).split(' ')
    let known = false
    for (let k = 0; k < members.length && !known; k++) known = Boolean(members[k]!.orgId)
    names.push({ key, words, known })
    if (LEADING_QUALIFIERS.has(words[0]!) || (lang === 'en' && words.includes('of')))
      longForms = true
  }
  if (!longForms) return
  for (const short of names) {
    if (short.words.length < 2) continue
    const long = names.filter(
      (n) =>
        n !== short &&
        lang === 'en' &&
        !short.known &&
        n.words.length > short.words.length + 1 &&
        n.words[short.words.length] === 'of' &&
        short.words.every((w, k) => n.words[k] === w),
    )
    // "Customs Service of Kyrgyzstan" beside "State Customs Service of Kyrgyzstan": the same
    // body without the leading qualifier of its full name.
    if (long.length === 0)
      for (const n of names) {
        const d = n.words.length - short.words.length
        if (n === short || d < 1 || d > 2 || !LEADING_QUALIFIERS.has(n.words[0]!)) continue
        if (short.words.every((w, k) => n.words[k + d] === w)) long.push(n)
      }
    if (long.length !== 1) continue
    const target = groups.get(long[0]!.key)
    const moving = groups.get(short.key)
    if (!target || !moving) continue
    target.push(...moving)
    groups.delete(short.key)
  }
}

/** The nearest longer mention that contains `found[index]` (`found` is sorted by start). */
function enclosing(found: readonly Candidate[], index: number): Candidate | undefined {
  const c = found[index]!
  for (let k = index - 1; k >= 0; k--) {
    const o = found[k]!
    if (o.from < c.from - MAX_NAME_TOKENS) break
    if (o.from <= c.from && c.to <= o.to && o.to - o.from > c.to - c.from) return o
  }
  for (let k = index + 1; k < found.length; k++) {
    const o = found[k]!
    if (o.from > c.from) break
    if (c.to <= o.to && o.to - o.from > c.to - c.from) return o
  }
  return undefined
}

function commonest(members: readonly Settled[]): OrganizationKind {
  const n = new Map<OrganizationKind, number>()
  for (let k = 0; k < members.length; k++) {
    const kind = members[k]!.kind
    n.set(kind, (n.get(kind) ?? 0) + 1)
  }
  let best: OrganizationKind = members[0]?.kind ?? 'other'
  for (const [k, c] of n) if (c > (n.get(best) ?? 0)) best = k
  return best
}
