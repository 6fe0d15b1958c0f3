/**
 * Entity resolution rules, pure: the context a mention carries (co-mentioned organisations,
 * places, crime categories, title words, an IIN/BIN), the context an entity has gathered over
 * its mentions, and the score that decides whether a new mention joins a candidate entity or
 * starts a new one. Storage finds the candidates (indexed name keys) and applies the decision.
 * Design and trade-offs: docs/decisions/0008-entity-resolution.md.
 *
 * @module core/entities/resolution
 */
import { compareParsed, DEFAULT_THRESHOLD } from '../names/compare.ts'
import { findIdentifiers } from '../names/identifiers.ts'
import { foldLatin, type ParsedName, parseName, phonetic } from '../names/name-key.ts'

/** What an entity is: a person or an organisation. */
export type EntityKind = 'person' | 'organization'

/** The evidence one mention (a person or organisation fact of one document) brings. */
export interface MentionContext {
  /** Co-mentioned organisations: lexicon id (`org:…`) or name key (`name:…`). */
  readonly orgs: readonly string[]
  /** Co-mentioned places below country level: gazetteer id or lowercased name. */
  readonly places: readonly string[]
  /** Crime categories of the document. */
  readonly crimes: readonly string[]
  /** Title words, keyed across scripts (`Президент` and `President` share `presi`). */
  readonly titles: readonly string[]
  /** An IIN (person) or BIN (organisation) written next to the mention, checksum-valid. */
  readonly iin: string | null
}

/** Context gathered over an entity's mentions: how often each feature was seen. */
export interface EntityContext {
  readonly orgs: Readonly<Record<string, number>>
  readonly places: Readonly<Record<string, number>>
  readonly crimes: Readonly<Record<string, number>>
  readonly titles: Readonly<Record<string, number>>
  /** Every IIN/BIN seen with the entity (more than one only after an analyst's merge). */
  readonly iins: readonly string[]
}

/** An empty entity context. */
export const EMPTY_CONTEXT: EntityContext = {
  orgs: {},
  places: {},
  crimes: {},
  titles: {},
  iins: [],
}

// Feature maps keep their most frequent entries only: a person in ten thousand articles must not
// carry ten thousand co-mentioned organisations in one row.
const MAX_FEATURES = 200

/** Decision constants of {@link scoreCandidate} (documented in decision 0008). */
export const RESOLUTION = {
  /** A mention joins the best candidate whose combined score reaches this. */
  link: 0.9,
  /** Per shared context feature (a title word counts twice), up to `maxBonus`. */
  perAgreement: 0.04,
  maxBonus: 0.12,
  /** Penalties when both sides have features of a kind and share none. */
  disjoint: { orgs: 0.05, places: 0.06, crimes: 0.05, titles: 0.04 },
  /** With the same IIN/BIN, names need only this much in common. */
  sameIdName: 0.5,
} as const

/** Title words that say nothing about who a person is. */
const TITLE_STOP = new Set([
  'the',
  'and',
  'of',
  'for',
  'in',
  'with',
  'его',
  'её',
  'және',
  'бойынша',
])

/**
 * Keys of the words of a title (position, office, rank), comparable across scripts: each word of
 * 4+ letters is romanised, phonetically folded, devoiced (z→s, d→t, g→k, b→p, v→f: a Cyrillic
 * "Президент" romanises with z, the English word has s) and cut to 5 letters.
 */
export function titleKeys(title: string | null): string[] {
  if (!title) return []
  const out = new Set<string>()
  for (const m of title.toLowerCase().matchAll(/[\p{L}]{4,}/gu)) {
    const word = m[0]
    if (TITLE_STOP.has(word)) continue
    const key = phonetic(foldLatin(romanise(word)))
      .toLowerCase()
      .replace(/[zdgbv]/g, (c) => DEVOICE[c] ?? c)
      .slice(0, 5)
    if (key.length >= 4) out.add(key)
  }
  return [...out]
}

const DEVOICE: Record<string, string> = { z: 's', d: 't', g: 'k', b: 'p', v: 'f' }

// Cyrillic to Latin through the name key's own reading of one token.
function romanise(word: string): string {
  if (!/[\u0400-\u04ff]/.test(word)) return word
  const t = parseName(word).parts[0]
  return t ? t.plain : word
}

/**
 * The checksum-valid IINs (persons) or BINs (organisations) written within `window` characters
 * after a mention of the name, or just before it ("ИИН 850101300123, Ерлан Сапаров"), when no
 * other name is nearer to it. Returns the one nearest; `null` when none.
 */
export function identifierNear(
  text: string,
  spans: readonly { readonly start: number; readonly end: number }[],
  kind: EntityKind,
  otherSpans: readonly { readonly start: number; readonly end: number }[] = [],
  window = 80,
): string | null {
  if (spans.length === 0) return null
  const wanted = kind === 'person' ? 'iin' : 'bin'
  let best: { value: string; distance: number } | null = null
  for (const id of findIdentifiers(text)) {
    if (id.kind !== wanted) continue
    const mine = Math.min(...spans.map((s) => gap(text, s, id)))
    if (mine > window) continue
    // The number is the nearest name's: another name closer to it takes it.
    if (otherSpans.some((o) => gap(text, o, id) <= mine)) continue
    if (!best || mine < best.distance) best = { value: id.value, distance: mine }
  }
  return best?.value ?? null
}

// Characters between a name and a number; a number before the name counts 20 more (numbers
// follow the name they belong to: "Ерлан Сапаров (ИИН …)"), one across a sentence end is out.
function gap(
  text: string,
  s: { readonly start: number; readonly end: number },
  id: { readonly start: number; readonly end: number },
): number {
  const after = id.start >= s.end
  const lo = after ? s.end : id.end
  const hi = after ? id.start : s.start
  if (hi < lo) return 0
  if (/[.!?]\s+\p{Lu}/u.test(text.slice(lo, hi))) return Number.POSITIVE_INFINITY
  return hi - lo + (after ? 0 : 20)
}

/** Adds a mention's context to an entity's (returns a new object). */
export function addContext(entity: EntityContext, mention: MentionContext): EntityContext {
  return {
    orgs: bump(entity.orgs, mention.orgs),
    places: bump(entity.places, mention.places),
    crimes: bump(entity.crimes, mention.crimes),
    titles: bump(entity.titles, mention.titles),
    iins:
      mention.iin && !entity.iins.includes(mention.iin)
        ? [...entity.iins, mention.iin]
        : entity.iins,
  }
}

/** The context of an entity made of these mentions. */
export function contextOf(mentions: Iterable<MentionContext>): EntityContext {
  let out = EMPTY_CONTEXT
  for (const m of mentions) out = addContext(out, m)
  return out
}

function bump(
  counts: Readonly<Record<string, number>>,
  features: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = { ...counts }
  for (const f of new Set(features)) out[f] = (out[f] ?? 0) + 1
  const keys = Object.keys(out)
  if (keys.length <= MAX_FEATURES) return out
  const kept = keys.sort((a, b) => (out[b] ?? 0) - (out[a] ?? 0)).slice(0, MAX_FEATURES)
  return Object.fromEntries(kept.map((k) => [k, out[k] ?? 0]))
}

/** A candidate entity as the resolver sees it. */
export interface Candidate {
  readonly kind: EntityKind
  /** Distinct names of its mentions. */
  readonly names: readonly string[]
  readonly context: EntityContext
  /** Documents it already has a mention in. */
  readonly docIds: ReadonlySet<string>
  /** Organisations: lexicon ids of its mentions. */
  readonly orgIds?: ReadonlySet<string>
}

/** A mention to resolve. */
export interface MentionInput {
  readonly kind: EntityKind
  readonly name: string
  readonly docId: string
  readonly context: MentionContext
  /** Organisations: the lexicon id, when the body is a known one. */
  readonly orgId?: string | null
  /** Organisations: the kind (court, law_enforcement, …). */
  readonly orgKind?: string | null
}

/** How a mention scores against a candidate entity. */
export interface CandidateScore {
  /** Best name comparison against the entity's names (0..1). */
  readonly nameScore: number
  /** Name score plus context agreement, minus context disagreement; ≥ `RESOLUTION.link` links. */
  readonly score: number
  readonly link: boolean
  /** One line per piece of evidence, for the analyst. */
  readonly reasons: readonly string[]
}

/**
 * Scores a person mention against a candidate entity (the rule of decision 0008):
 * - an IIN on both sides decides: the same number links (names need only share a part), two
 *   different numbers never link;
 * - otherwise the name must match (`compareNames` ≥ 0.75) and must not conflict with any full
 *   name of the entity (Мадияр Аблязов does not join an entity that has Мухтар Аблязов, even if
 *   it also has a bare "Аблязов");
 * - the name score is then raised by shared context (+0.04 per shared organisation, place, crime
 *   category; +0.08 for a shared title word; at most +0.12) and lowered for each kind of context
 *   both sides have but share none of (organisations −0.05, places −0.06, crime categories
 *   −0.05, titles −0.04). It links at 0.9: the same full name in any script links unless the
 *   contexts disagree on two kinds with nothing shared; a surname alone (0.84) links only with
 *   shared context;
 * - a mention never joins an entity that already has another mention in the same document (the
 *   extractor has already told those persons apart).
 */
export function scoreCandidate(
  mention: MentionInput,
  parsed: ParsedName,
  candidate: Candidate,
): CandidateScore {
  const reasons: string[] = []
  const no = (nameScore: number, why: string): CandidateScore => {
    reasons.push(why)
    return { nameScore, score: 0, link: false, reasons }
  }
  if (candidate.kind !== mention.kind) return no(0, 'different kind')
  if (candidate.docIds.has(mention.docId))
    return no(0, 'already has another mention in this document')
  if (mention.kind === 'organization') return scoreOrganization(mention, candidate)

  let best = 0
  let bestName = ''
  let bestReasons: readonly string[] = []
  for (const name of candidate.names) {
    const other = parseName(name)
    const cmp = compareParsed(parsed, other)
    // A full name against a full name that conflicts: another person of the same surname.
    if (parsed.parts.length >= 2 && other.parts.length >= 2 && cmp.score <= 0.6) {
      const id = sameId(mention.context.iin, candidate.context.iins)
      if (id !== true) return no(cmp.score, `conflicts with the entity's name "${name}"`)
    }
    if (cmp.score > best) {
      best = cmp.score
      bestName = name
      bestReasons = cmp.reasons
    }
  }
  const id = sameId(mention.context.iin, candidate.context.iins)
  if (id === false)
    return no(
      best,
      `different IIN (${mention.context.iin} vs ${candidate.context.iins.join(', ')})`,
    )
  if (id === true && best >= RESOLUTION.sameIdName) {
    reasons.push(`same IIN ${mention.context.iin}`, `name "${bestName}" ${best.toFixed(3)}`)
    return { nameScore: best, score: 1 + best, link: true, reasons }
  }
  if (best < DEFAULT_THRESHOLD) return no(best, `names differ (best ${best.toFixed(3)})`)
  reasons.push(`name "${bestName}" ${best.toFixed(3)}: ${bestReasons.join('; ')}`)
  const score = best + contextEvidence(mention.context, candidate.context, reasons)
  const rounded = Math.round(score * 1000) / 1000
  return { nameScore: best, score: rounded, link: rounded >= RESOLUTION.link, reasons }
}

// true: a shared number; false: numbers on both sides and none shared; undefined: no evidence.
function sameId(iin: string | null, iins: readonly string[]): boolean | undefined {
  if (!iin || iins.length === 0) return undefined
  return iins.includes(iin)
}

/** Context agreement minus disagreement, with a reason line per kind that counted. */
export function contextEvidence(
  mention: MentionContext,
  entity: EntityContext,
  reasons: string[] = [],
): number {
  let agree = 0
  let penalty = 0
  const kinds = [
    ['orgs', 'organisations'],
    ['places', 'places'],
    ['crimes', 'crime categories'],
    ['titles', 'title words'],
  ] as const
  for (const [kind, label] of kinds) {
    const mine = mention[kind]
    const theirs = entity[kind]
    if (mine.length === 0 || Object.keys(theirs).length === 0) continue
    const shared = mine.filter((f) => (theirs[f] ?? 0) > 0)
    if (shared.length > 0) {
      agree += kind === 'titles' ? 2 : shared.length
      reasons.push(`shared ${label}: ${shared.slice(0, 5).join(', ')}`)
    } else {
      penalty += RESOLUTION.disjoint[kind]
      reasons.push(`no shared ${label} (−${RESOLUTION.disjoint[kind]})`)
    }
  }
  const bonus = Math.min(RESOLUTION.maxBonus, agree * RESOLUTION.perAgreement)
  return bonus - penalty
}

function scoreOrganization(mention: MentionInput, candidate: Candidate): CandidateScore {
  const reasons: string[] = []
  const id = sameId(mention.context.iin, candidate.context.iins)
  if (id === false) return { nameScore: 0, score: 0, link: false, reasons: ['different BIN'] }
  const key = organizationKey(mention.name)
  const sameName = candidate.names.some((n) => organizationKey(n) === key)
  const sameOrg = Boolean(mention.orgId && candidate.orgIds?.has(mention.orgId))
  // Two different known bodies are never one, whatever their names share.
  const otherOrg = Boolean(mention.orgId) && (candidate.orgIds?.size ?? 0) > 0 && !sameOrg
  if (id === true) reasons.push(`same BIN ${mention.context.iin}`)
  if (sameOrg) reasons.push(`same known body ${mention.orgId}`)
  if (sameName) reasons.push(`same name key ${key}`)
  if (otherOrg && id !== true)
    return { nameScore: 0, score: 0, link: false, reasons: ['a different known body'] }
  const same = sameName || sameOrg
  const link = id === true || same
  return { nameScore: same ? 1 : 0, score: link ? 1 : 0, link, reasons }
}

/**
 * The name key of an organisation: the phonetic keys of its words, sorted (word order and script
 * free: "Алматы полициясы" and "Almaty politsiyasy" meet; a translation does not).
 */
export function organizationKey(name: string): string {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => phonetic(foldLatin(romanise(w))).toLowerCase())
  return [...new Set(words)].sort().join(' ')
}

/**
 * The blocking keys an organisation is posted under: its lexicon id when known, and its name
 * key. Prefixed `o:` so that they never meet a person's keys.
 */
export function organizationKeys(name: string, orgId: string | null | undefined): string[] {
  const keys = [`o:n:${organizationKey(name)}`]
  if (orgId) keys.push(`o:id:${orgId}`)
  return keys
}

/** Keys shorter than this get no deletion neighbours (too many chance meetings). */
const MIN_DELETION_LENGTH = 4

function deletions(key: string): string[] {
  const out: string[] = []
  if (key.length < MIN_DELETION_LENGTH) return out
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1))
  return out
}

/**
 * The keys an entity's person name is posted under: for every non-initial part its phonetic key
 * and folded stem, and, marked with `~`, their one-deletion neighbours. A query meets a stored
 * key exactly, a stored neighbour with its own key (the stored name has a letter more), or a
 * stored key with one of its own neighbours (a letter less); two neighbours never meet each
 * other (a substituted letter), which keeps a common given name's fan-out small. `parts` is the
 * number of non-initial parts.
 */
export function personPostingKeys(name: string): { keys: string[]; parts: number } {
  const parts = parseName(name).parts.filter((t) => !t.initial)
  const keys = new Set<string>()
  for (const t of parts) {
    for (const k of t.stem === null ? [t.key] : [t.key, t.stem]) {
      keys.add(k)
      for (const d of deletions(k)) keys.add(`~${d}`)
    }
  }
  return { keys: [...keys], parts: parts.length }
}

/**
 * The keys a person name looks up, each with the name parts it stands for: each part's base key,
 * surface key and (Latin parts, which never decline) a crude stem; each of those also as `~key`
 * (a stored name one letter longer), and their deletions (a stored name one letter shorter).
 */
export function personQueryKeys(parsed: ParsedName): {
  byKey: Map<string, number[]>
  parts: number
} {
  const parts = parsed.parts.filter((t) => !t.initial)
  const byKey = new Map<string, number[]>()
  const add = (k: string, i: number) => {
    const list = byKey.get(k)
    if (!list) byKey.set(k, [i])
    else if (!list.includes(i)) list.push(i)
  }
  parts.forEach((t, i) => {
    const roots = new Set([t.stem ?? t.key, t.key])
    if (t.script === 'lat') roots.add(t.key.replace(/[aeiou]+$/, ''))
    for (const r of roots) {
      add(r, i)
      add(`~${r}`, i)
      for (const d of deletions(r)) add(d, i)
    }
  })
  return { byKey, parts: parts.length }
}
