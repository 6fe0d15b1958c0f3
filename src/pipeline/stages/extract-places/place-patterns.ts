/**
 * Places missing from the gazetteer, found by pattern around generic words: "Zaamin District",
 * "province of Nuoro", "city of X", "Шардаринского района", "г. Степногорске", "Қарасай ауданы".
 *
 * @module pipeline/stages/extract-places/place-patterns
 */
import type { LocationKind } from '#core/facts.ts'
import type { PlaceMention } from './extract-places.ts'
import {
  CYR_PATTERN_STOP,
  EN_AFTER,
  EN_BEFORE_OF,
  EN_PATTERN_STOP,
  KK_GENERIC_PREFIXES,
  RU_GENERIC,
} from './generic-words-data.ts'
import { ruAdjectiveNominative, ruNounNominative } from './morphology-ru.ts'
import { foldWord, type PlaceToken } from './place-tokens.ts'
import { exactWordFilter, mayBeIn, secondUnitFilter } from './word-filter.ts'

/** The tokens of a text with their lazily folded keys. */
export interface TokenContext {
  readonly tokens: readonly PlaceToken[]
  readonly text: string
  key(i: number): string
}

/** Tells whether a word is written in Cyrillic (by its first letter). */
export function isCyrillic(s: string): boolean {
  const c = s.charCodeAt(0)
  return c >= 0x400 && c <= 0x4ff
}

const capitalise = (w: string) => w[0]!.toUpperCase() + w.slice(1)
/** "округ" and its case forms: the head of a rural district ("сельский округ", "ауылдық округі"). */
const RURAL_DISTRICT = [
  'округ',
  'округа',
  'округу',
  'округом',
  'округе',
  'округі',
  'округінде',
  'округінің',
  'округіне',
  'округін',
  'округінен',
]
const RURAL_DISTRICT_SET: ReadonlySet<string> = new Set(RURAL_DISTRICT)
/** Every generic word the patterns look for (lower case and capitalised): other words are skipped fast. */
const PATTERN_TRIGGERS = new Set(
  [...EN_AFTER.keys(), ...EN_BEFORE_OF.keys(), ...RU_GENERIC.keys(), 'обл', ...RURAL_DISTRICT]
    .flatMap((w) => [w, w.replace('поселк', 'посёлк').replace('поселок', 'посёлок')])
    .flatMap((w) => [w, capitalise(w)]),
)
/** First letters of the Kazakh generic words (matched by prefix). */
const KK_FIRST = new Set(KK_GENERIC_PREFIXES.map(([p]) => p.charCodeAt(0)))
/** First UTF-16 units of every trigger: one array read skips most words before a set lookup. */
const MAY_TRIGGER = new Uint8Array(0x10000)
for (const w of PATTERN_TRIGGERS) MAY_TRIGGER[w.charCodeAt(0)] = 1
for (const c of KK_FIRST) MAY_TRIGGER[c] = 1
/** Words that may be a trigger, by first and last letter and length: most are not. */
const MAY_BE_TRIGGER = exactWordFilter(PATTERN_TRIGGERS)
/**
 * Second letters, in any case, of the generic words a Cyrillic word that is no trigger can still
 * be read as: by Kazakh prefix, as a case form of "округ", or by its folded key.
 */
const KK_SECOND = secondUnitFilter([
  ...KK_GENERIC_PREFIXES.map(([p]) => p),
  ...RURAL_DISTRICT,
  ...RU_GENERIC.keys(),
])

/** Adds a pattern place to `out` (a function, not a closure made for every document). */
function pushPlace(
  out: PlaceMention[],
  kind: LocationKind,
  display: string,
  start: number,
  end: number,
): void {
  out.push({
    key: `${kind}:${foldWord(display)}`,
    lexeme: '',
    place: null,
    kind,
    country: null,
    display,
    start,
    end,
    weak: false,
  })
}

/**
 * Places missing from the gazetteer, found by pattern: "<Name> District", "region of <Name>",
 * "city of <Name>", "Шардаринского района", "г. Степногорске", "Қарасай ауданы".
 */
export function patternPlaces(ctx: TokenContext, used: Uint8Array): PlaceMention[] {
  const { tokens, text } = ctx
  const out: PlaceMention[] = []
  for (let i = 1; i < tokens.length; i++) {
    if (used[i]) continue
    const t = tokens[i]!
    if (!t.isWord || MAY_TRIGGER[t.text.charCodeAt(0)] !== 1) continue
    // Table reads turn most words away before any set look-up or lower-casing. A one-letter
    // word goes on to the exact tests.
    if (
      !(
        (mayBeIn(MAY_BE_TRIGGER, t.text) && PATTERN_TRIGGERS.has(t.text)) ||
        (KK_FIRST.has(t.text.charCodeAt(0)) &&
          (t.text.length === 1 || KK_SECOND[t.text.charCodeAt(1)] === 1))
      )
    )
      continue
    const lower = t.text.toLowerCase()
    if (!isCyrillic(lower)) {
      // "Kokdala rural district": a rural district named before its two generic words.
      if (lower === 'district' && tokens[i - 1]?.text === 'rural' && i > 1) {
        const from = capitalisedRunBefore(ctx, i - 1, used, 2)
        if (from < i - 1) {
          const base = text.slice(tokens[from]!.start, tokens[i - 2]!.end)
          pushPlace(out, 'district', `${base} rural ${t.text}`, tokens[from]!.start, t.end)
          used.fill(1, from, i + 1)
          continue
        }
      }
      const w = EN_AFTER.get(lower)
      if (w && w.kind !== 'city') {
        const from = capitalisedRunBefore(ctx, i, used, w.kind === 'district' ? 3 : 2)
        if (from < i) {
          const base = text.slice(tokens[from]!.start, tokens[i - 1]!.end)
          const written = w.plural ? w.nominative : t.text
          pushPlace(out, w.kind, `${base} ${written}`, tokens[from]!.start, t.end)
          used.fill(1, from, i + 1)
          continue
        }
      }
      const of = EN_BEFORE_OF.get(lower)
      if (of && tokens[i + 1]?.text === 'of') {
        const to = capitalisedRunAfter(ctx, i + 2, used, 3)
        if (to > i + 2) {
          const base = text.slice(tokens[i + 2]!.start, tokens[to - 1]!.end)
          const display = of.kind === 'city' ? base : `${t.text} of ${base}`
          pushPlace(out, of.kind, display, t.start, tokens[to - 1]!.end)
          used.fill(1, i, to)
        }
      }
      continue
    }
    if (RURAL_DISTRICT_SET.has(lower)) {
      const rural = ruralDistrict(ctx, i, used)
      if (rural) pushPlace(out, 'district', rural.display, rural.start, t.end)
      continue
    }
    const ru = RU_GENERIC.get(ctx.key(i))
    if (ru) {
      if (ru.kind !== 'city') {
        const prev = tokens[i - 1]!
        if (
          !used[i - 1] &&
          prev.capitalised &&
          isCyrillic(prev.text) &&
          !CYR_PATTERN_STOP.has(prev.text.toLowerCase()) &&
          // "Федеративной Республики" and the like are state names, not regions.
          ru.nominative !== 'Республика'
        ) {
          const gender = ru.nominative === 'область' ? 'f' : 'm'
          const adj = ruAdjectiveNominative(prev.text, gender)
          // Place adjectives are -ский/-ская/-цкий: "Других областях" is not a place.
          if (RU_PLACE_ADJECTIVE.test(prev.text)) {
            pushPlace(out, ru.kind, `${adj} ${ru.nominative}`, prev.start, t.end)
            used.fill(1, i - 1, i + 1)
          }
        }
        continue
      }
      // "город Степногорск", "г. Степногорске", "села Кошмамбет".
      let j = i + 1
      const short = lower === 'г' || lower === 'пос'
      const abbreviated = short && tokens[j]?.text === '.'
      if (abbreviated) j++
      if ((short && !abbreviated) || lower === 'с' || lower === 'п') continue
      const name = tokens[j]
      if (
        name &&
        !used[j] &&
        name.capitalised &&
        isCyrillic(name.text) &&
        !CYR_PATTERN_STOP.has(name.text.toLowerCase())
      ) {
        const nominativeForm =
          !abbreviated && ['город', 'село', 'поселок', 'посёлок', 'аул'].includes(lower)
        pushPlace(out, 'city', ruNounNominative(name.text, nominativeForm), t.start, name.end)
        used.fill(1, i, j + 1)
      }
      continue
    }
    for (const [prefix, word] of KK_GENERIC_PREFIXES) {
      if (!lower.startsWith(prefix)) continue
      const from = capitalisedRunBefore(ctx, i, used, 2)
      if (from < i) {
        const base = text.slice(tokens[from]!.start, tokens[i - 1]!.end)
        pushPlace(
          out,
          word.kind,
          word.kind === 'city' ? base : `${base} ${word.nominative}`,
          tokens[from]!.start,
          t.end,
        )
        used.fill(1, from, i + 1)
      }
      break
    }
  }
  return out
}

/**
 * A rural district ending at the word "округ" (token `i`): "Кокдаласского сельского округа" →
 * "Кокдаласский сельский округ", "Көкдала ауылдық округінде" → "Көкдала ауылдық округі".
 * Marks its tokens used.
 */
function ruralDistrict(
  ctx: TokenContext,
  i: number,
  used: Uint8Array,
): { display: string; start: number } | null {
  const { tokens, text } = ctx
  const rural = tokens[i - 1]
  if (!rural || used[i - 1] || i < 2) return null
  const ruralWord = rural.text.toLowerCase()
  if (ruralWord === 'ауылдық') {
    const from = capitalisedRunBefore(ctx, i - 1, used, 2)
    if (from >= i - 1) return null
    used.fill(1, from, i + 1)
    const base = text.slice(tokens[from]!.start, tokens[i - 2]!.end)
    return { display: `${base} ауылдық округі`, start: tokens[from]!.start }
  }
  if (!ruralWord.startsWith('сельск')) return null
  const name = tokens[i - 2]!
  if (
    used[i - 2] ||
    !name.capitalised ||
    !isCyrillic(name.text) ||
    !RU_PLACE_ADJECTIVE.test(name.text) ||
    CYR_PATTERN_STOP.has(name.text.toLowerCase())
  )
    return null
  used.fill(1, i - 2, i + 1)
  return { display: `${ruAdjectiveNominative(name.text, 'm')} сельский округ`, start: name.start }
}

const RU_PLACE_ADJECTIVE = /[сц]к(?:ая|ой|ую|ою|ий|ого|ому|им|ом|ие|их|ими)$/

/** Start of the run of up to `max` capitalised, unused words ending just before token `i`. */
function capitalisedRunBefore(ctx: TokenContext, i: number, used: Uint8Array, max: number): number {
  const { tokens } = ctx
  let from = i
  while (from > 0 && i - from < max) {
    const t = tokens[from - 1]!
    if (used[from - 1] || !t.isWord || !t.capitalised || stopWord(t.text)) break
    from--
  }
  // The first word of a sentence is capitalised anyway; a lone one must not be a common word.
  return from
}

function capitalisedRunAfter(ctx: TokenContext, i: number, used: Uint8Array, max: number): number {
  const { tokens } = ctx
  let to = i
  while (to < tokens.length && to - i < max) {
    const t = tokens[to]!
    if (used[to] || !t.isWord || !t.capitalised || stopWord(t.text)) break
    to++
  }
  return to
}

// Nationality and other adjectives ("Russian region", "Kazakh district") are not place names.
const ADJECTIVE_END = /(?:ian|ese|ish)$/i
// Words of areas that span several countries ("Asia-Pacific region", "Caspian region").
const MULTI_COUNTRY_AREA =
  /(?:^|-)(?:Asia|Asian|Europe|European|Pacific|Africa|African|America|American|Caucasus|Caspian|Arab|Arabian|Eurasia|Eurasian|Baltic|Balkan|Black|Sea|Gulf|Mediterranean|Arctic|Volga|Ural|Urals|Tien|Shan|Pamir|Kashmir|Valley)(?:$|-)/

/** Tells whether a capitalised word cannot be (part of) a place name in a pattern. */
export function stopWord(word: string): boolean {
  const lower = word.toLowerCase()
  if (EN_PATTERN_STOP.has(lower) || CYR_PATTERN_STOP.has(lower)) return true
  if (MULTI_COUNTRY_AREA.test(word)) return true
  return /^[A-Za-z]+$/.test(word) && (NATIONALITY.has(lower) || ADJECTIVE_END.test(word))
}

const NATIONALITY = new Set(
  (
    'kazakh kazakhstani russian uzbek kyrgyz tajik turkmen afghan chinese american british european ' +
    'asian african german french italian turkish iranian indian pakistani ukrainian belarusian georgian ' +
    'armenian azerbaijani mongolian polish soviet regional municipal provincial'
  ).split(' '),
)
