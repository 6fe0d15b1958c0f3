/**
 * Extracts places: countries, regions, cities, districts and named sites, normalised to the
 * gazetteer (`data/gazetteer/`), one entry per distinct place.
 *
 * How a name is read depends on the words around it: "Almaty" is the city, "Almaty region",
 * "Алматинской области" and "Алматы облысында" the region, and in "Almaty, Turkestan and
 * Zhambyl regions" every item is a region. Places missing from the gazetteer are found by
 * patterns ("Zaamin District", "Шардаринского района", "city of X").
 *
 * @module pipeline/stages/extract-places
 */
import type { PlacesDoc, SegmentedDoc } from '#core/document.ts'
import type { Location, LocationKind } from '#core/facts.ts'
import type { Mention } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import type { Place } from './gazetteer.ts'
import {
  EN_AFTER,
  EN_BEFORE_OF,
  type GenericKind,
  type GenericWord,
  KK_GENERIC_PREFIXES,
  LIST_JOINERS,
  RU_BEFORE_KINDS,
  RU_GENERIC,
} from './generic-words-data.ts'
import { ruAdjectiveNominative } from './morphology-ru.ts'
import { type LexiconEntry, type LexiconMatch, placeLexicon } from './place-lexicon.ts'
import { isCyrillic, patternPlaces, stopWord, type TokenContext } from './place-patterns.ts'
import { foldWord, placeTokens } from './place-tokens.ts'
import { findSites } from './sites.ts'

const STAGE = 'extract-places'
const VERSION = 2

/** Extracts locations from a document's content (furniture is already blanked out). */
export function extractPlaces(): Stage<SegmentedDoc, PlacesDoc> {
  return {
    name: STAGE,
    version: VERSION,
    run(doc) {
      return { ...doc, locations: withinText(findPlaces(doc.content), doc.text) }
    },
  }
}

/**
 * Keeps the mentions whose span holds the same characters in the text as in the content: a
 * mention that runs across blanked furniture (a rubric between two paragraphs) is not a place
 * name in the text, and a mention's `text` must be `text.slice(start, end)`. A place left with no
 * mention is dropped. (Found by fuzzing.)
 */
function withinText(locations: readonly Location[], text: string): Location[] {
  const out: Location[] = []
  for (const location of locations) {
    const mentions = location.mentions.filter((m) => text.slice(m.start, m.end) === m.text)
    if (mentions.length === location.mentions.length) out.push(location)
    else if (mentions.length > 0) out.push({ ...location, mentions })
  }
  return out
}

/** One reading of a place in the text, before mentions are merged into places. */
export interface PlaceMention {
  readonly key: string
  readonly place: Place | null
  readonly kind: LocationKind
  readonly country: string | null
  /** The nominative name this mention gives ("Актюбинская область", "Almaty region"). */
  readonly display: string
  readonly start: number
  readonly end: number
  /** Joins the result only if a stronger mention of the same place exists. */
  readonly weak: boolean
  /**
   * Folded name the mention uses, `''` for none. Mentions of one place under clearly different
   * names (Taraz and Zhambyl, Astana and Nur-Sultan) stay separate entries; spelling variants
   * merge.
   */
  readonly lexeme: string
}

/**
 * Names that are also common personal names or words ("Jordan", "Sofia", "Жамбыл", "Қонаев"):
 * read as places only when no capitalised word stands next to them.
 */
const PERSON_LIKE = new Set(
  (
    'Jordan Georgia Chad Sofia Washington Oral Chu Mali Niger Guinea Panama Israel Zhambyl Nursultan ' +
    'Paris Florence Sydney Houston Valencia Lincoln Dallas Austin Santiago ' +
    'Konaev Qonaev Satpayev Satbayev Kurchatov Shevchenko Balkhash Frunze Guryev America ' +
    'Жамбыл Конаев Қонаев Сатпаев Сәтбаев Курчатов Шевченко Балхаш Фрунзе Гурьев Америка Кант Шу ' +
    'Нурсултан Нұрсұлтан'
  )
    .split(' ')
    .map(foldWord),
)

type Context = TokenContext

interface Generic {
  readonly word: GenericWord
  /** Token range the generic word occupies (with "of" and a following "."). */
  readonly tokStart: number
  readonly tokEnd: number
  /** The language of the generic word: the name is written in that language's style. */
  readonly lang: 'en' | 'ru' | 'kk'
}

/** Finds the places in a text. Never throws on odd input. */
export function findPlaces(text: string): Location[] {
  const tokens = placeTokens(text)
  const keys: (string | undefined)[] = new Array(tokens.length)
  const ctx: Context = {
    tokens,
    text,
    key(i) {
      let k = keys[i]
      if (k === undefined) {
        k = foldWord(tokens[i]!.text)
        keys[i] = k
      }
      return k
    },
  }
  const matches = placeLexicon().match(tokens, ctx.key)
  const mentions: PlaceMention[] = []
  const pending: PlaceMention[] = []
  const used = new Uint8Array(tokens.length)
  if (matches.length > 0) readMatches(ctx, matches, mentions, pending, used)
  const sites = findSites(text, tokens).sort((a, b) => a.start - b.start)
  const kept = outsideSites(mentions, sites).concat(patternPlaces(ctx, used), sites)
  return aggregate(kept, pending, text)
}

/**
 * Reads each lexicon match with the generic words around it into `mentions` (and `pending`,
 * the weak ones), and marks the tokens the matches and their generic words take in `used`.
 */
function readMatches(
  ctx: Context,
  matches: readonly LexiconMatch[],
  mentions: PlaceMention[],
  pending: PlaceMention[],
  used: Uint8Array,
): void {
  // Generic words around each match, then what lists share.
  const after: (Generic | null)[] = []
  const before: (Generic | null)[] = []
  for (let k = 0; k < matches.length; k++) {
    after.push(genericAfter(ctx, matches[k]!.tokEnd))
    before.push(genericBefore(ctx, matches[k]!.tokStart))
  }
  const inherited = inheritGenerics(ctx, matches, after, before)
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!
    for (const r of resolve(ctx, m, after[k] ?? null, before[k] ?? null, inherited[k] ?? null)) {
      if (r.weak) pending.push(r)
      else mentions.push(r)
    }
  }
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!
    used.fill(1, m.tokStart, m.tokEnd)
  }
  for (let k = 0; k < matches.length; k++) {
    const g = after[k]
    if (g) used.fill(1, g.tokStart, g.tokEnd)
  }
}

/**
 * Drops mentions inside a site's name ("Шу" in "Шу станциясы"): the place is part of that
 * name. One sweep over both lists, which are sorted by start.
 */
function outsideSites(
  mentions: readonly PlaceMention[],
  sites: readonly PlaceMention[],
): PlaceMention[] {
  if (sites.length === 0) return [...mentions]
  const out: PlaceMention[] = []
  let s = 0
  let reach = -1
  for (const m of mentions) {
    while (s < sites.length && sites[s]!.start <= m.start) reach = Math.max(reach, sites[s++]!.end)
    if (reach < m.end) out.push(m)
  }
  return out
}

/** A generic word implied by a list of regions rather than written. */
function impliedRegion(lang: 'en' | 'ru'): Generic {
  return {
    word: { kind: 'region', plural: true, nominative: 'region' },
    tokStart: -1,
    tokEnd: -1,
    lang,
  }
}

/**
 * Generic words shared by a list: in "Almaty, Turkestan and Zhambyl regions" every item is a
 * region ("областях", "облыстарында" likewise); in "Qaraghandy, North Kazakhstan, Aqmola and
 * Pavlodar" the names that can be regions are read as regions, because the list names regions.
 */
function inheritGenerics(
  ctx: Context,
  matches: readonly LexiconMatch[],
  after: readonly (Generic | null)[],
  before: readonly (Generic | null)[],
): (Generic | null)[] {
  const inherited: (Generic | null)[] = []
  for (let k = 0; k < matches.length; k++) inherited.push(null)
  for (let k = matches.length - 2; k >= 0; k--) {
    const m = matches[k]!
    if (after[k] || before[k]) continue
    const next = matches[k + 1]!
    const g = after[k + 1] ?? inherited[k + 1]
    if (!g || !joinedByList(ctx, m.tokEnd, next.tokStart)) continue
    // Russian lists may end in a singular-looking "области"; English needs "regions".
    const cyrillic = isCyrillic(ctx.tokens[m.tokStart]!.text)
    if (!g.word.plural && !(cyrillic && g.word.kind !== 'city')) continue
    if (hasKind(m, g.word.kind)) inherited[k] = g
  }
  // "regions of Almaty and Zhambyl": a plural generic before a list reaches forward.
  for (let k = 1; k < matches.length; k++) {
    const g = before[k - 1] ?? inherited[k - 1]
    if (
      !g?.word.plural ||
      g.tokStart > matches[k - 1]!.tokStart ||
      after[k] ||
      before[k] ||
      inherited[k]
    )
      continue
    if (
      joinedByList(ctx, matches[k - 1]!.tokEnd, matches[k]!.tokStart) &&
      hasKind(matches[k]!, g.word.kind)
    ) {
      inherited[k] = g
    }
  }
  for (let k = 0; k < matches.length; ) {
    let end = k
    while (
      end + 1 < matches.length &&
      joinedByList(ctx, matches[end]!.tokEnd, matches[end + 1]!.tokStart)
    )
      end++
    if (end > k) impliedRegions(ctx, matches, after, before, inherited, k, end)
    k = end + 1
  }
  return inherited
}

/** Whether a match can be read as a place of `kind` (by a name that is not weak). */
function hasKind(m: LexiconMatch, kind: GenericKind): boolean {
  for (let k = 0; k < m.entries.length; k++) {
    const e = m.entries[k]!
    if (e.place && e.name?.role !== 'weak' && e.place.kind === kind) return true
  }
  return false
}

/**
 * A list of bare names `matches[from..to]` that names a region and no country: the names that
 * can be regions are read as regions.
 */
function impliedRegions(
  ctx: Context,
  matches: readonly LexiconMatch[],
  after: readonly (Generic | null)[],
  before: readonly (Generic | null)[],
  inherited: (Generic | null)[],
  from: number,
  to: number,
): void {
  const bare: (LocationKind | null | undefined)[] = []
  let region = false
  for (let k = from; k <= to; k++) {
    const kind = after[k] || before[k] ? null : bestStandalone(matches[k]!)?.place?.kind
    if (kind === 'country') return
    if (kind === 'region') region = true
    bare.push(kind)
  }
  if (!region) return
  for (let n = 0; n <= to - from; n++) {
    const k = from + n
    if (
      bare[n] !== undefined &&
      bare[n] !== null &&
      !inherited[k] &&
      hasKind(matches[k]!, 'region')
    ) {
      inherited[k] = impliedRegion(isCyrillic(ctx.tokens[matches[k]!.tokStart]!.text) ? 'ru' : 'en')
    }
  }
}

function bestStandalone(m: LexiconMatch): LexiconEntry | null {
  const standalone = m.entries.filter(
    (e) => e.place && (e.name?.role === 'standalone' || e.name?.role === 'both'),
  )
  if (standalone.length === 0) return null
  return standalone.reduce((a, b) => (priority(b) > priority(a) ? b : a))
}

/**
 * Only list punctuation and conjunctions between two matches ("Almaty, Turkestan and"), with
 * short parenthesised asides skipped ("Karaganda (1,279), and").
 */
function joinedByList(ctx: Context, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 12) return false
  let joiners = 0
  for (let i = from; i < to; i++) {
    const t = ctx.tokens[i]!.text
    if (t === '(') {
      let k = i + 1
      while (k < to && ctx.tokens[k]!.text !== ')' && k - i < 8) k++
      if (ctx.tokens[k]?.text !== ')') return false
      i = k
      continue
    }
    if (!LIST_JOINERS.has(t.toLowerCase())) return false
    joiners++
  }
  return joiners > 0 && joiners <= 2
}

function genericAfter(ctx: Context, i: number): Generic | null {
  const t = ctx.tokens[i]
  if (!t?.isWord) return null
  const lower = t.text.toLowerCase()
  if (!isCyrillic(lower)) {
    const w = EN_AFTER.get(lower)
    return w ? { word: w, tokStart: i, tokEnd: i + 1, lang: 'en' } : null
  }
  const ru = RU_GENERIC.get(ctx.key(i))
  if (ru && ru.kind !== 'city') {
    const dot = ctx.tokens[i + 1]?.text === '.' && lower === 'обл' ? 1 : 0
    if (lower === 'обл' && !dot) return null
    return { word: ru, tokStart: i, tokEnd: i + 1 + dot, lang: 'ru' }
  }
  for (const [prefix, word] of KK_GENERIC_PREFIXES) {
    if (lower.startsWith(prefix)) return { word, tokStart: i, tokEnd: i + 1, lang: 'kk' }
  }
  return null
}

function genericBefore(ctx: Context, i: number): Generic | null {
  const { tokens } = ctx
  const prev = tokens[i - 1]
  if (!prev) return null
  if (prev.text === 'of') {
    const g = tokens[i - 2]
    const w = g ? EN_BEFORE_OF.get(g.text.toLowerCase()) : undefined
    return w
      ? { word: w, tokStart: i - 2, tokEnd: i, lang: isCyrillic(w.nominative) ? 'ru' : 'en' }
      : null
  }
  if (prev.text === '.') {
    const g = tokens[i - 2]
    if (g && (g.text === 'г' || g.text === 'обл' || g.text === 'пос')) {
      const w = RU_GENERIC.get(g.text)
      return w
        ? { word: w, tokStart: i - 2, tokEnd: i, lang: isCyrillic(w.nominative) ? 'ru' : 'en' }
        : null
    }
    return null
  }
  if (!isCyrillic(prev.text) || prev.text.length < 3) return null
  const w = RU_GENERIC.get(ctx.key(i - 1))
  return w && RU_BEFORE_KINDS.has(w.nominative)
    ? { word: w, tokStart: i - 1, tokEnd: i, lang: 'ru' }
    : null
}

/** Reading priority of a standalone name without generic words. */
function priority(e: LexiconEntry): number {
  const p = e.place!
  if (p.kind === 'region' && e.name?.role === 'both') return 5
  if (p.kind === 'country') return 4
  if (p.kind === 'city') return 3
  if (p.kind === 'region') return 2
  return 1
}

function resolve(
  ctx: Context,
  m: LexiconMatch,
  after: Generic | null,
  before: Generic | null,
  inherited: Generic | null,
): PlaceMention[] {
  const entries = m.entries.filter((e) => e.place !== null)
  if (entries.length === 0) return []
  const { tokens, text } = ctx
  const first = tokens[m.tokStart]!
  const last = tokens[m.tokEnd - 1]!
  const nameText = text.slice(first.start, last.end)
  const generic = after ?? before ?? inherited
  const spanStart = before && generic === before ? tokens[before.tokStart]!.start : first.start
  const spanEnd = after && generic === after ? tokens[after.tokEnd - 1]!.end : last.end

  if (generic) {
    const kind = generic.word.kind
    const fits = entries.filter((e) => e.name?.role !== 'weak' && e.place!.kind === kind)
    // Prefer a name of the generic word's language ("Абай облысы" → Kazakh, "области Абай" → Russian).
    const pick = usableFit(fits, kind, generic.lang) ?? usableFit(fits, kind, null) ?? fits[0]
    if (pick) {
      return [
        mention(
          pick.place!,
          kind,
          displayOf(ctx, pick, generic, m, nameText, kind),
          spanStart,
          spanEnd,
          false,
          lexeme(pick, nameText),
        ),
      ]
    }
    // A region or district not in the gazetteer but named after a known city ("Bishkek region").
    const city = entries.find((e) => e.place!.kind === 'city' || e.place!.kind === 'region')
    if (city && kind !== 'city') {
      const display = unknownDisplay(city, generic, nameText, kind)
      return [
        {
          key: `${kind}:${foldWord(display)}`,
          lexeme: '',
          place: null,
          kind,
          country: city.place!.country,
          display,
          start: spanStart,
          end: spanEnd,
          weak: false,
        },
      ]
    }
  }
  const best = bestStandalone(m)
  if (best) {
    if (!readAsPlace(ctx, m, best)) return []
    const display = best.lang === 'en' ? nameText : best.nominative
    return [
      mention(
        best.place!,
        best.place!.kind,
        display,
        first.start,
        last.end,
        false,
        lexeme(best, nameText),
      ),
    ]
  }
  // A base or weak name alone counts only when the place is named properly elsewhere.
  const weak = entries.filter(
    (e) => e.name?.role === 'weak' || (e.name?.role === 'base' && e.lang !== 'ru'),
  )
  return weak.map((e) =>
    mention(
      e.place!,
      e.place!.kind,
      e.lang === 'en' ? nameText : e.nominative,
      first.start,
      last.end,
      true,
      lexeme(e, nameText),
    ),
  )
}

/**
 * The first entry that a generic word of `kind` can name (of language `lang` when given): a
 * standalone-only name takes no generic word but "city".
 */
function usableFit(
  fits: readonly LexiconEntry[],
  kind: LocationKind,
  lang: LexiconEntry['lang'] | null,
): LexiconEntry | undefined {
  for (const e of fits) {
    if ((e.name?.role !== 'standalone' || kind === 'city') && (lang === null || e.lang === lang))
      return e
  }
  return undefined
}

/** Words after a name that make it part of a media, treaty or organisation title. */
const TITLE_AFTER = new Set(
  'tv times post news today radio fm cooperation declaration airlines airways tribune herald daily inform info pravda $ dollar dollars'.split(
    ' ',
  ),
)
/** Media brands written before a country name ("Sputnik Қазақстан", "Forbes Kazakhstan"). */
const BRAND_BEFORE = new Set(
  'sputnik tengri forbes kursiv vlast azattyq zakon orda kazinform liberty'.split(' '),
)
/** Law titles before a country name ("Уголовного кодекса Республики Казахстан"). */
const LAW_BEFORE = /^(?:кодекс|закон|конституц|заң)/

/** Tells whether a standalone name stands for the place here, not for a person or a title. */
function readAsPlace(ctx: Context, m: LexiconMatch, e: LexiconEntry): boolean {
  const { tokens } = ctx
  const single = m.tokEnd - m.tokStart === 1
  const personLike = PERSON_LIKE.has(ctx.key(m.tokStart)) || PERSON_LIKE.has(foldWord(e.nominative))
  if (single && personLike && nextToName(ctx, m)) return false
  const next = tokens[m.tokEnd]
  if (next && TITLE_AFTER.has(next.text.toLowerCase()) && (next.capitalised || !next.isWord))
    return false
  // A country inside a currency name is no place: "US dollars", "АҚШ долларынан".
  if (next && /^(?:dollars?|\$|доллар)/i.test(next.text)) return false
  const prev = tokens[m.tokStart - 1]
  // "долларов США", "долл. США", "dollars of the USA" are currencies, too.
  const prevWord = prev?.text === '.' ? tokens[m.tokStart - 2] : prev
  if (prevWord && /^(?:доллар|долл$|dollars?$)/i.test(prevWord.text)) return false
  if (prev?.isWord && BRAND_BEFORE.has(prev.text.toLowerCase())) return false
  if (e.place?.kind === 'country' && prev?.isWord && LAW_BEFORE.test(ctx.key(m.tokStart - 1)))
    return false
  return true
}

/** The lexeme a mention uses: historical names and other names are kept apart (Zhambyl, Taraz). */
function lexeme(e: LexiconEntry, nameText: string): string {
  if (e.place?.kind === 'country') return ''
  return foldWord(e.lang === 'en' ? nameText : e.nominative)
}

/** Tells whether a capitalised word (a first name or surname) stands right next to the match. */
function nextToName(ctx: Context, m: LexiconMatch): boolean {
  const { tokens } = ctx
  const next = tokens[m.tokEnd]
  const prev = tokens[m.tokStart - 1]
  if (next?.isWord && next.capitalised) return true
  if (prev?.isWord && prev.capitalised && !stopWord(prev.text)) return true
  // "имени Сатпаева", "Сәтбаев атындағы": named after the person.
  if (prev && /^им(?:ени)?$/.test(prev.text)) return true
  if (next?.text.startsWith('атында')) return true
  // An initial: "Д. Қонаев".
  if (prev?.text === '.' && tokens[m.tokStart - 2]?.text.length === 1) return true
  return false
}

function mention(
  place: Place,
  kind: LocationKind,
  display: string,
  start: number,
  end: number,
  weak: boolean,
  lexemeKey: string,
): PlaceMention {
  return {
    key: `${place.id}:${kind}`,
    lexeme: lexemeKey,
    place,
    kind,
    country: place.country,
    display,
    start,
    end,
    weak,
  }
}

/** The nominative name of a known place read with a generic word. */
function displayOf(
  ctx: Context,
  e: LexiconEntry,
  generic: Generic,
  m: LexiconMatch,
  nameText: string,
  kind: LocationKind,
): string {
  const name = e.name!
  if (kind === 'city' || kind === 'country') return e.lang === 'en' ? nameText : e.nominative
  if (e.lang === 'en') {
    // Keep the writer's generic word ("Almaty province", "Mangistau Region", "region of Dashoguz").
    if (generic.tokStart < 0) return nameText
    const written = ctx.tokens[generic.tokStart]!.text
    if (generic.word.plural) return `${nameText} ${generic.word.nominative}`
    if (generic.tokStart < m.tokStart) return `${written} of ${nameText}`
    return `${nameText} ${generic.word.plural ? generic.word.nominative : written}`
  }
  if (e.lang === 'ru') {
    if (name.genericPosition === 'before')
      return `${name.generic ?? generic.word.nominative} ${name.text}`
    return `${name.text} ${name.generic ?? generic.word.nominative}`
  }
  return `${name.text} ${name.generic ?? generic.word.nominative}`
}

/** The name of a region/district not in the gazetteer, built from a known name. */
function unknownDisplay(
  e: LexiconEntry,
  generic: Generic,
  nameText: string,
  kind: LocationKind,
): string {
  if (e.lang === 'en') return `${nameText} ${generic.word.nominative}`
  if (e.lang === 'ru') {
    const adj = ruAdjectiveNominative(
      nameText,
      kind === 'region' && generic.word.nominative === 'область' ? 'f' : 'm',
    )
    return `${adj} ${generic.word.nominative}`
  }
  return `${e.nominative} ${generic.word.nominative}`
}

/** Merges mentions into one location per place; the name is the commonest reading. */
function aggregate(
  mentions: readonly PlaceMention[],
  pending: readonly PlaceMention[],
  text: string,
): Location[] {
  // One array literal for every result: arrays from two literals differ in hidden class, and
  // code compiled for one is thrown away when the other comes.
  const out: Location[] = []
  // Pending mentions only join places named properly.
  if (mentions.length === 0) return out
  const groups = new Map<string, PlaceMention[][]>()
  const sorted = mentions.slice().sort((a, b) => a.start - b.start)
  for (let k = 0; k < sorted.length; k++) clusterOf(groups, sorted[k]!, true)!.push(sorted[k]!)
  for (let k = 0; k < pending.length; k++) clusterOf(groups, pending[k]!, false)?.push(pending[k]!)
  const lists: PlaceMention[][] = []
  for (const clusters of groups.values()) {
    for (let k = 0; k < clusters.length; k++) lists.push(clusters[k]!)
  }
  lists.sort((a, b) => a[0]!.start - b[0]!.start)
  for (let k = 0; k < lists.length; k++) out.push(location(lists[k]!, text))
  return out
}

/**
 * The mentions of one place under one name (spelling variants merged) that `m` joins; a new
 * one when `create` is set, else `null` when there is none.
 */
function clusterOf(
  groups: Map<string, PlaceMention[][]>,
  m: PlaceMention,
  create: boolean,
): PlaceMention[] | null {
  let clusters = groups.get(m.key)
  if (!clusters) {
    if (!create) return null
    clusters = []
    groups.set(m.key, clusters)
  }
  for (let k = 0; k < clusters.length; k++) {
    if (sameLexeme(clusters[k]![0]!.lexeme, m.lexeme)) return clusters[k]!
  }
  if (!create) return null
  const fresh: PlaceMention[] = []
  clusters.push(fresh)
  return fresh
}

/** One location from the mentions of a place (the first one, earliest, names it by default). */
function location(list: readonly PlaceMention[], text: string): Location {
  const first = list[0]!
  const counts = new Map<string, number>()
  for (let k = 0; k < list.length; k++) {
    const m = list[k]!
    if (!m.weak) counts.set(m.display, (counts.get(m.display) ?? 0) + 1)
  }
  let name = first.display
  for (const [d, c] of counts) if (c > (counts.get(name) ?? 0)) name = d
  const mentionsOut: Mention[] = []
  for (let k = 0; k < list.length; k++) {
    const m = list[k]!
    mentionsOut.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end) })
  }
  mentionsOut.sort((a, b) => a.start - b.start)
  const variants: string[] = []
  for (let k = 0; k < mentionsOut.length; k++) {
    const v = mentionsOut[k]!.text
    if (v !== name && !variants.includes(v)) variants.push(v)
  }
  const p = first.place
  return {
    name,
    variants,
    kind: first.kind,
    country: first.country,
    placeId: p?.id ?? null,
    iso3166_2: p?.iso3166_2 ?? null,
    parentId: p?.parentId ?? null,
    lat: p?.lat ?? null,
    lon: p?.lon ?? null,
    mentions: mentionsOut,
    provenance: { stage: STAGE, version: VERSION },
  }
}

/** Spelling variants of one name: Karaganda/Karagandy, Байконыр/Байконур, Shymkent/Chimkent. */
function sameLexeme(a: string, b: string): boolean {
  if (a === b) return true
  const limit = Math.max(1, Math.floor(Math.min(a.length, b.length) / 4))
  if (Math.abs(a.length - b.length) > limit) return false
  return editDistance(a, b, limit) <= limit
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      cur.push(v)
      if (v < rowMin) rowMin = v
    }
    if (rowMin > limit) return rowMin
    prev = cur
  }
  return prev[b.length]!
}
