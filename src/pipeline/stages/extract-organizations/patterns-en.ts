/**
 * English organisation names:
 * - capitalised names around a head word: "Karasai District Court", "Bureau of Diplomatic
 *   Security", "Main Directorate of the Traffic Safety Department of …", "Almaty's NSC
 *   department";
 * - place or nationality + police: "Almaty police", "Kazakh police", "Astana city police
 *   department", "police department of Shymkent city";
 * - lower-case courts and prosecutors after a place: "Bologna prosecutor's office",
 *   "Turkestan regional court".
 * Indefinite references ("a French court", "an Almaty court") are left out.
 *
 * @module pipeline/stages/extract-organizations/patterns-en
 */
import type { OrganizationKind } from '#core/facts.ts'
import { type Candidate, keyOf, kindFromName, writeName } from './candidate.ts'
import { filterKey, firstWordFilter } from './lexicon.ts'
import type { OrgToken } from './org-tokens.ts'
import { EN_DEMONYMS, EN_PLACES } from './places-data.ts'

/** Head words and the kind they suggest. */
const HEADS = new Map<string, OrganizationKind>([
  ['ministry', 'government'],
  ['department', 'government'],
  ['committee', 'government'],
  ['agency', 'government'],
  ['service', 'government'],
  ['office', 'government'],
  ['court', 'court'],
  ['bureau', 'government'],
  ['council', 'government'],
  ['commission', 'government'],
  ['directorate', 'government'],
  ['administration', 'government'],
  ['inspectorate', 'government'],
  ['police', 'law_enforcement'],
  ['bank', 'company'],
  ['fund', 'ngo'],
  ['foundation', 'ngo'],
  ['institute', 'ngo'],
  ['university', 'other'],
  ['center', 'other'],
  ['centre', 'other'],
  ['union', 'ngo'],
  ['association', 'ngo'],
  ['party', 'political_party'],
  ['company', 'company'],
  ['corporation', 'company'],
  ['holding', 'company'],
  ['holdings', 'company'],
  ['llp', 'company'],
  ['jsc', 'company'],
  ['ltd', 'company'],
  ['llc', 'company'],
  ['inc', 'company'],
  ['plc', 'company'],
  ['group', 'company'],
  ['authority', 'government'],
  ['academy', 'other'],
  ['unit', 'law_enforcement'],
  ['detachment', 'security_service'],
  ['division', 'government'],
  ['board', 'government'],
  ['chamber', 'government'],
  ['assembly', 'legislature'],
  ['maslikhat', 'legislature'],
  ['akimat', 'government'],
  ['hokimiyat', 'government'],
  ['embassy', 'government'],
  ['consulate', 'government'],
  ['organization', 'other'],
  ['organisation', 'other'],
  ['network', 'ngo'],
  ['coalition', 'ngo'],
  ['movement', 'ngo'],
  ['tribunal', 'court'],
  ['procuracy', 'prosecutor'],
  ['guard', 'security_service'],
  ['cabinet', 'government'],
  ['collegium', 'government'],
  ['library', 'other'],
  ['affairs', 'law_enforcement'],
  ['dia', 'law_enforcement'],
  ['uvd', 'law_enforcement'],
  ['guvd', 'law_enforcement'],
  ['rovd', 'law_enforcement'],
  ['government', 'government'],
  // Only as "customs post" ("Osh customs post").
  ['post', 'government'],
  // Company cues, only after a capitalised name ("Altyn Capital", "Nur Invest").
  ['capital', 'company'],
  ['invest', 'company'],
  ['investments', 'company'],
  ['trading', 'company'],
])
/** A first-word filter of the heads: the main loop asks it about every word. */
const MAY_BE_HEAD = firstWordFilter(HEADS.keys())

/** Heads that may be written in lower case after a capitalised place ("Almaty regional court"). */
const LOWER_HEADS = new Set([
  'court',
  'post',
  'police',
  'department',
  'office',
  'akimat',
  'administration',
  'directorate',
  'hokimiyat',
  'maslikhat',
  'cabinet',
  'government',
  'detachment',
  'unit',
  'fund',
  'foundation',
])
/** Lower-case words inside such names. */
const LOWER_MODS = new Set([
  'city',
  'regional',
  'region',
  'district',
  'oblast',
  'provincial',
  'municipal',
  'interdistrict',
  'inter-district',
  'specialized',
  'specialised',
  'criminal',
  'administrative',
  'economic',
  'juvenile',
  'military',
  'appeals',
  'appellate',
  'civil',
  'police',
  'prosecutor',
  'prosecutors',
  'general',
  'transport',
  'border',
  'anti-corruption',
  'anticorruption',
  'interior',
  'affairs',
  'internal',
  'charity',
  'charitable',
  'public',
  'patrol',
  'customs',
])
/** Capitalised words that start sentences or precede names without being part of them. */
const NOT_NAME =
  /^(?:the|a|an|on|in|at|yesterday|today|tomorrow|according|last|this|that|these|those|earlier|meanwhile|also|however|after|before|during|since|when|while|both|from|by|with|under|as|for|it|its|his|her|their|our|then|now|later|moreover|thus|therefore|if|although|against|between|among|following|several|many|some|other|all|each|every|former|ex|judge|mr|mrs|ms|dr|president|minister|chairman|head|deputy|colonel|major|lieutenant|captain|senior|spokesman|spokeswoman|spokesperson|officers|officials|sources|photo|read|see|update|updated|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|and|or|but|not|no|there|here|what|which|who|how|why|where|we|they|he|she|i|you|one|two|three|new|local|both|such|said|says|via|about|over|into|upon|without|within|through|once|recently|currently|previously|instead|because|so|yet|still|even|only|just|more|most|much|very|well|back|then|each|any|another|further|first|second|third|next|big|large|major|small|top|western|eastern|northern|southern|soviet)$/

function isCapWord(t: OrgToken | undefined): t is OrgToken {
  return !!t && t.isWord && t.cap
}

function placeCode(t: OrgToken): string | null {
  return EN_PLACES.get(t.norm) ?? null
}

/** Lines written in Title Case (headlines): capitalised-name search is unreliable there. */
function titleCaseLines(tokens: readonly OrgToken[]): Set<number> {
  const out = new Set<number>()
  let lineStart = 0
  let words = 0
  let caps = 0
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!
    if (t.nlBefore) {
      addTitleLine(out, tokens, lineStart, k, words, caps)
      lineStart = k
      words = 0
      caps = 0
    }
    if (t.isWord && t.norm.length > 3) {
      words++
      if (t.cap) caps++
    }
  }
  addTitleLine(out, tokens, lineStart, tokens.length, words, caps)
  return out
}

/** Adds the tokens of line `[lineStart, endIdx)` to `out` when it reads as a headline. */
function addTitleLine(
  out: Set<number>,
  tokens: readonly OrgToken[],
  lineStart: number,
  endIdx: number,
  words: number,
  caps: number,
): void {
  // A headline: mostly capitalised, short, and not ended like a sentence.
  const last = tokens[endIdx - 1]?.text ?? ''
  if (words >= 4 && words <= 25 && caps / words >= 0.75 && !/^[.!?]$/.test(last))
    for (let k = lineStart; k < endIdx; k++) out.add(k)
}

/** Tells whether tokens `[from, to)` spell a known place or country. */
function lookup(tokens: readonly OrgToken[], from: number, to: number): boolean {
  let name = ''
  for (let k = from; k < to; k++) name += (k > from ? ' ' : '') + tokens[k]!.norm
  return EN_PLACES.has(name)
}

/** Right side of a name: "of (the) Capitalised Run", "for …", "on …", repeated. */
function extendRight(tokens: readonly OrgToken[], k: number, allowIn: boolean): number {
  let end = k
  for (let guard = 0; guard < 6; guard++) {
    if (tokens[end - 1]?.poss) break
    const link = tokens[end]
    if (!link || !/^(?:of|for|on|in|under)$/.test(link.norm) || link.cap) break
    if (link.norm === 'in' && !allowIn) break
    let j = end + 1
    if (tokens[j]?.norm === 'the') j++
    // "Agency under the President of …": only the head of state or the government.
    if (link.norm === 'under' && !/^(?:President|Government|Cabinet)$/.test(tokens[j]?.text ?? ''))
      break
    const runStart = j
    while (j < tokens.length && j - runStart < 8) {
      const t = tokens[j]!
      if (isCapWord(t) && !/^(?:the)$/.test(t.norm)) {
        // A rank or title after a name starts a person ("… of Shymkent city Colonel Ivanov").
        if (j > runStart && NOT_NAME.test(t.norm)) break
        j++
        // "of the Prosecutor General's Office": a possessive inside a name goes on.
        if (t.poss && !isCapWord(tokens[j])) break
        // "of the Russian Federation Sergei Petrov": a country ends the name.
        if (j - runStart <= 2 && isCapWord(tokens[j]) && lookup(tokens, runStart, j)) break
        continue
      }
      if (j > runStart && /^(?:region|city|district|oblast|province)$/.test(t.norm)) {
        j++
        break
      }
      const nextCap = tokens[j + 1]
      if (
        j > runStart &&
        (t.norm === 'and' || t.text === '&' || t.text === '-') &&
        isCapWord(nextCap) &&
        // "… for National Security and Uzbekistan's State Security Service" joins two bodies.
        !(
          t.norm === 'and' &&
          (nextCap.poss || EN_DEMONYMS.has(nextCap.norm) || EN_PLACES.has(nextCap.norm))
        )
      ) {
        j++
        continue
      }
      if (j > runStart && t.norm === 'of' && isCapWord(tokens[j + 1])) {
        j++
        continue
      }
      break
    }
    // A dangling connective is not part of the name.
    while (j > runStart && /^(?:and|of|-|&)$/.test(tokens[j - 1]!.norm)) j--
    if (j === runStart) break
    end = j
  }
  return end
}

/** Finds English names. `lexSpan` marks tokens inside lexicon hits. */
export function recognizeEn(
  text: string,
  tokens: readonly OrgToken[],
  lexLast: ReadonlyMap<number, Candidate>,
): Candidate[] {
  const out: Candidate[] = []
  const titleLines = titleCaseLines(tokens)
  let resume = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.isWord || i < resume) continue
    // Every word is asked: a table read turns most away before the map look-up.
    const headKind = MAY_BE_HEAD[filterKey(t.norm)] === 1 ? HEADS.get(t.norm) : undefined
    if (headKind === undefined) continue
    const lowerHead = !t.cap
    if (lowerHead && !LOWER_HEADS.has(t.norm)) continue
    if (t.norm === 'post' && tokens[i - 1]?.norm !== 'customs') continue
    // "Almaty Internal Affairs" (the city's internal affairs department).
    if (t.norm === 'affairs' && (tokens[i - 1]?.norm !== 'internal' || !tokens[i - 2]?.cap))
      continue
    // Left side: capitalised modifiers (and, for lower-case heads, lower-case place words).
    let from = i
    let sawCap = false
    let demonymOnly = true
    let placeCodeSeen: string | null = null
    while (from > 0 && i - from < 6) {
      const p = tokens[from - 1]!
      if (tokens[from]!.nlBefore) break
      const lex = lexLast.get(from - 1)
      if (lex) {
        // A known body right before the head is part of the name ("Almaty's NSC department"),
        // unless it owns it ("Radio Liberty's Tajik Service" is built by wrapEn).
        if (p.poss) break
        from = lex.from
        sawCap = true
        demonymOnly = false
        continue
      }
      if (!p.isWord) {
        if (p.text === '-' && isCapWord(tokens[from - 2])) {
          from--
          continue
        }
        break
      }
      if (p.poss) {
        // A possessive can only open the name ("Astana's Department of …"); a body in the
        // possessive owns the name rather than being part of it ("Treasury Department's Office").
        if (p.cap && !NOT_NAME.test(p.norm) && !HEADS.has(p.norm)) {
          from--
          sawCap = true
          placeCodeSeen ??= placeCode(p)
          if (!EN_DEMONYMS.has(p.norm) && !placeCode(p)) demonymOnly = false
        } else if (
          /^(?:prosecutors?|mayor|akim|hokim|governor)$/.test(p.norm) &&
          t.norm === 'office'
        ) {
          from--
          demonymOnly = false
          continue
        }
        break
      }
      if (p.cap) {
        if (NOT_NAME.test(p.norm)) break
        from--
        sawCap = true
        placeCodeSeen ??= placeCode(p) ?? EN_DEMONYMS.get(p.norm) ?? null
        if (!EN_DEMONYMS.has(p.norm)) demonymOnly = false
        continue
      }
      if (LOWER_MODS.has(p.norm)) {
        from--
        if (!/^(?:city|regional|region|district|oblast|provincial|municipal)$/.test(p.norm))
          demonymOnly = false
        continue
      }
      break
    }
    // "mayor's office of Kerbulak": an office named by its holder and its place.
    if (
      lowerHead &&
      from === i - 1 &&
      tokens[from]!.poss &&
      /^(?:of|in)$/.test(tokens[i + 1]?.norm ?? '')
    ) {
      const place = tokens[i + 2]
      if (place?.cap && placeCode(place)) {
        out.push(make(text, tokens, from, i + 3, 'government'))
        resume = i + 3
        continue
      }
    }
    // "the specialised inter-district criminal court", "the regional prosecutor's office": a
    // court of a special type, or a prosecutor's office of a named level, is one body of the
    // document's place even without the place.
    if (from < i && !tokens[from]!.cap && !/^(?:a|an)$/.test(tokens[from - 1]?.norm ?? '')) {
      const typed = typedBody(tokens, from, i)
      if (typed) {
        const end = extendRight(tokens, numberAfter(tokens, i + 1), false)
        out.push(make(text, tokens, from, end, headKind))
        resume = end
        continue
      }
    }
    // Drop lower-case words at the left edge ("city court" without a place is no name).
    while (from < i && !tokens[from]!.cap) from++
    const capLeft = tokens.slice(from, i).some((x) => x.cap)
    if (lowerHead && !capLeft) continue
    if (!lowerHead && from === i) {
      if (NEEDS_NAME_BEFORE.has(t.norm)) continue
      // A head alone starts a name only as "Ministry of …", "Department of …".
      const prev = tokens[i - 1]
      if (prev?.isWord && ((prev.cap && !NOT_NAME.test(prev.norm)) || prev.poss) && !t.nlBefore)
        continue
      // "General of the Police of …", "Colonel of Police": a rank, not a body.
      if (
        t.norm === 'police' &&
        (prev?.norm === 'of' || (prev?.norm === 'the' && tokens[i - 2]?.norm === 'of'))
      )
        continue
      let after = i + 1
      if (tokens[after]?.text === 'General') after++
      // "Court No. 2 of Almaty district": the number is part of the name.
      if (t.norm === 'court') after = numberAfter(tokens, after)
      const end = extendRight(tokens, after, /^(?:embassy|consulate)$/.test(t.norm))
      if (end === after || titleLines.has(i)) continue
      const key = /^(?:police|government|cabinet)$/.test(t.norm)
        ? countryKey(tokens, i, end, t.norm)
        : null
      out.push(make(text, tokens, i, end, headKind, key))
      resume = end
      continue
    }
    if (titleLines.has(i) && !(t.norm === 'police' && placeCodeSeen)) continue
    // "the Karatau district police station" is a building.
    if (t.norm === 'police' && /^(?:station|stations)$/.test(tokens[i + 1]?.norm ?? '')) continue
    // An indefinite article before the name: "an Almaty court", "a French court".
    const before = tokens[from - 1]
    if (before && /^(?:a|an)$/.test(before.norm)) continue
    // "Kazakh court" names no one body; "Kazakh police" does.
    const end = extendRight(
      tokens,
      t.norm === 'court' ? numberAfter(tokens, i + 1) : i + 1,
      /^(?:embassy|consulate)$/.test(t.norm),
    )
    let finalEnd = end
    // "Almaty city police department": a second head directly after.
    if (end === i + 1 && HEADS.has(tokens[i + 1]?.norm ?? '') && !tokens[i]!.poss) {
      finalEnd = extendRight(tokens, i + 2, false)
    }
    if (
      demonymOnly &&
      sawCap &&
      !/^(?:police|government|cabinet)$/.test(t.norm) &&
      finalEnd === i + 1
    )
      continue
    // "Karaganda Region Police Department" and "police in Karaganda" are one body.
    const policeName =
      /^(?:department|directorate|headquarters)$/.test(t.norm) &&
      tokens.slice(from, finalEnd).some((x) => x.norm === 'police')
    const key = /^(?:police|government|cabinet)$/.test(t.norm)
      ? countryKey(tokens, from, finalEnd, t.norm)
      : policeName
        ? countryKey(tokens, from, finalEnd, 'police')
        : null
    out.push(make(text, tokens, from, finalEnd, headKind, key))
    resume = finalEnd
    // "Latvian and Lithuanian police": the first one is a body too.
    const other = tokens[from - 2]
    if (
      t.norm === 'police' &&
      tokens[from - 1]?.norm === 'and' &&
      other?.cap &&
      (EN_DEMONYMS.has(other.norm) || placeCode(other))
    ) {
      const c = make(
        text,
        tokens,
        from - 2,
        from - 1,
        'law_enforcement',
        countryKey(tokens, from - 2, from - 1, 'police'),
      )
      out.push({ ...c, name: `${other.text} ${t.text}` })
    }
  }
  out.push(...policeAfter(text, tokens), ...genreNamed(text, tokens), ...heldBy(text, tokens))
  return out.filter((c) => !NOT_ORG.has(c.name.toLowerCase()) && !SITE_WORDS.test(c.name))
}

/** Company cues that never start a name ("Capital of Kazakhstan" is no company). */
const NEEDS_NAME_BEFORE: ReadonlySet<string> = new Set([
  'capital',
  'invest',
  'investments',
  'trading',
])

/** Court types that make one body of a city or region ("specialised inter-district …"). */
const COURT_TYPES = /^(?:inter-?district|speciali[sz]ed)$/
/** Levels of a prosecutor's office ("the regional prosecutor's office"). */
const PROSECUTOR_LEVELS =
  /^(?:regional|city|district|oblast|provincial|transport|military|inter-?district)$/

/**
 * Tells whether the lower-case words `[from, head)` before a head name a body by its type alone:
 * "specialised inter-district criminal court", "regional prosecutor's office".
 */
function typedBody(tokens: readonly OrgToken[], from: number, head: number): boolean {
  const h = tokens[head]!.norm
  if (h === 'court') {
    let typed = false
    for (let k = from; k < head; k++) {
      const w = tokens[k]!
      if (w.cap || !LOWER_MODS.has(w.norm)) return false
      if (COURT_TYPES.test(w.norm)) typed = true
    }
    return typed
  }
  if (h === 'office' && head - from >= 2 && tokens[head - 1]!.poss) {
    if (!/^prosecutors?$/.test(tokens[head - 1]!.norm)) return false
    for (let k = from; k < head - 1; k++) {
      const w = tokens[k]!
      if (w.cap || !PROSECUTOR_LEVELS.test(w.norm)) return false
    }
    return true
  }
  return false
}

/** The token after a court number ("No. 2", "№2", "No 2") starting at `k`; `k` if none. */
function numberAfter(tokens: readonly OrgToken[], k: number): number {
  const sign = tokens[k]
  if (!sign || !/^(?:No|№|N)$/.test(sign.text)) return k
  let j = k + 1
  if (sign.text !== '№' && tokens[j]?.text === '.') j++
  return /^\d{1,3}$/.test(tokens[j]?.text ?? '') ? j + 1 : k
}

/** Names of sites rather than bodies: a detention centre or a shopping centre is a place. */
const SITE_WORDS =
  /\b(?:detention|pre-?trial|prison|jail|colony|shopping|mall|airport|station|hotel|restaurant|cafe|market|stadium|arena|square|street|avenue|business center|business centre)\b/i

/** Capitalised names that look like bodies but are places or eras. */
const NOT_ORG = new Set(['soviet union', 'the soviet union'])

const GENRE_EN: readonly [RegExp, OrganizationKind][] = [
  [/^(?:fund|foundation)$/, 'ngo'],
  [/^(?:bank|company|firm|exchange|operator|scheme|pyramid)$/, 'company'],
  [/^(?:movement|organisation|organization|group)$/, 'ngo'],
  [/^(?:party)$/, 'political_party'],
  [/^(?:newspaper|outlet|website|portal|channel|broadcaster)$/, 'media'],
  [/^(?:gang|cartel)$/, 'criminal_group'],
]

const GENRE_WORDS = new Set(
  'fund foundation bank company firm exchange operator movement organisation organization group party newspaper outlet website portal channel broadcaster gang cartel scheme pyramid'.split(
    ' ',
  ),
)

/** A run of one to four capitalised words from `k`, none a title, month or sentence opener. */
function capRun(tokens: readonly OrgToken[], k: number): number {
  let j = k
  while (j < tokens.length && j - k < 4) {
    const w = tokens[j]!
    if (!w.isWord || !w.cap || (j > k && w.nlBefore) || NOT_NAME.test(w.norm)) break
    j++
    if (w.poss) break
  }
  return j
}

/** Only places and nationalities ("Almaty", "Kazakh"): no name of a body. */
function onlyPlaces(tokens: readonly OrgToken[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const n = tokens[k]!.norm
    if (!EN_PLACES.has(n) && !EN_DEMONYMS.has(n) && !/^(?:city|region|district)$/.test(n))
      return false
  }
  return true
}

const ROLE_OF =
  /^(?:chairman|chairwoman|chair|director|ceo|founder|co-founder|owner|co-owner|shareholder|manager|executives?|employees?|president|head)$/
const COMPANY_ROLE =
  /^(?:chairman|chairwoman|director|ceo|founder|co-founder|owner|co-owner|shareholder|manager|executives?|employees?)$/

/**
 * Bodies named through a role: "former chairman of Astana Innovations", "the founder of
 * Charge Fast". Places ("President of Kazakhstan") and bodies found otherwise are left alone.
 */
function heldBy(text: string, tokens: readonly OrgToken[]): Candidate[] {
  const out: Candidate[] = []
  for (let i = 0; i + 2 < tokens.length; i++) {
    const role = tokens[i]!
    // The cheap test first: this runs on every token.
    if (!role.isWord || tokens[i + 1]!.norm !== 'of' || !ROLE_OF.test(role.norm)) continue
    let k = i + 2
    if (tokens[k]?.norm === 'the') k++
    const end = capRun(tokens, k)
    if (end === k || onlyPlaces(tokens, k, end)) continue
    // A lone head word ("chairman of the Board") or a short word names nothing.
    if (end - k === 1 && (HEADS.has(tokens[k]!.norm) || tokens[k]!.text.length < 3)) continue
    // A longer capitalised run or a head word inside: other recognisers name it.
    if (tokens[end]?.cap || tokens[end]?.norm === 'of') continue
    let head = false
    for (let x = k; x < end; x++) head ||= HEADS.has(tokens[x]!.norm)
    if (head) continue
    const c = make(text, tokens, k, end, COMPANY_ROLE.test(role.norm) ? 'company' : 'other')
    out.push({ ...c, weak: true })
  }
  return out
}

/** "the Charge Fast company", "'Sana Sezim' organization": a name, then its genre word. */
function genreAfter(text: string, tokens: readonly OrgToken[], i: number): Candidate | null {
  const g = tokens[i]!
  const genre = GENRE_AFTER.get(g.norm)
  if (!genre || g.cap) return null
  const end = i
  if (/^["'”’»]$/.test(tokens[end - 1]?.text ?? '')) {
    // A quoted name: back to the opening quote.
    let k = end - 2
    while (k >= 0 && end - k < 8 && !/^["'“‘«]$/.test(tokens[k]!.text)) k--
    if (k < 0 || end - k >= 8 || k + 1 >= end - 1 || !tokens[k + 1]!.cap) return null
    return { ...make(text, tokens, k + 1, end - 1, genre), weak: true }
  }
  let from = end
  while (from > 0 && end - from < 4) {
    const w = tokens[from - 1]!
    if (!w.isWord || !w.cap || w.poss || NOT_NAME.test(w.norm) || w.nlBefore) break
    from--
  }
  if (from === end || onlyPlaces(tokens, from, end) || tokens[from]!.sentStart) return null
  for (let k = from; k < end; k++) if (HEADS.has(tokens[k]!.norm)) return null
  return { ...make(text, tokens, from, end, genre), weak: true }
}

const GENRE_AFTER = new Map<string, OrganizationKind>([
  ['company', 'company'],
  ['firm', 'company'],
  ['organization', 'ngo'],
  ['organisation', 'ngo'],
  ['movement', 'ngo'],
  ['charity', 'ngo'],
])

/**
 * The genre a lower-case word names. Not a closure in the loop of `genreNamed`: a closure there
 * would make every step of that loop allocate its variables.
 */
function genreOf(word: string): readonly [RegExp, OrganizationKind] | undefined {
  for (const genre of GENRE_EN) if (genre[0].test(word)) return genre
  return undefined
}

/** "charity fund Rahym", "Kazakhstan bank BTA": a lower-case genre word, then the name. */
function genreNamed(text: string, tokens: readonly OrgToken[]): Candidate[] {
  const out: Candidate[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const g = tokens[i]!
    if (!g.isWord || g.cap) continue
    const after = genreAfter(text, tokens, i)
    if (after) out.push(after)
    if (!GENRE_WORDS.has(g.norm)) continue
    const genre = genreOf(g.norm)
    if (!genre) continue
    let k = i + 1
    while (k < tokens.length && k - i <= 3) {
      const w = tokens[k]!
      if (
        !w.isWord ||
        !w.cap ||
        w.nlBefore ||
        NOT_NAME.test(w.norm) ||
        EN_PLACES.has(w.norm) ||
        EN_DEMONYMS.has(w.norm)
      )
        break
      k++
      if (w.poss) break
    }
    // A name is one to three capitalised words right after the genre word.
    if (k === i + 1) continue
    out.push(make(text, tokens, i + 1, k, genre[1]))
  }
  return out
}

/** "Kazakh police", "Kazakhstan's police", "Government of Kazakhstan": one body per country or place. */
function countryKey(tokens: readonly OrgToken[], from: number, to: number, head: string): string {
  const caps = tokens
    .slice(from, to)
    .filter((x) => x.cap && x.norm !== head && !GENERIC_IN_KEY.test(x.norm))
  const codes = caps.map(
    (x) =>
      EN_DEMONYMS.get(x.norm) ?? (COUNTRY_LEVEL.has(x.norm) ? EN_PLACES.get(x.norm) : undefined),
  )
  if (caps.length > 0 && codes.every((c) => c && c === codes[0])) return `en:${head}|${codes[0]}`
  return head === 'police'
    ? policeKey(tokens, from, to)
    : `en:${head}|${keyOf(caps.map((x) => x.norm).join(' '))}`
}

const COUNTRY_LEVEL = new Set(
  [...EN_PLACES.keys()].filter((n) =>
    /stan$|^(?:russia|ukraine|belarus|georgia|azerbaijan|armenia|moldova|china|turkey|iran|poland|germany|france|italy|latvia|lithuania|estonia)$/.test(
      n,
    ),
  ),
)

/** Words that do not tell one police force from another. */
const GENERIC_IN_KEY =
  /^(?:of|the|city|department|region|district|oblast|regional|police|directorate|headquarters|main)$/

function policeKey(tokens: readonly OrgToken[], from: number, head: number): string {
  const place = tokens
    .slice(from, head)
    .filter((x) => x.cap && !GENERIC_IN_KEY.test(x.norm))
    .map((x) => x.norm)
    .join(' ')
  return `en:police|${keyOf(place)}`
}

/** "police (department) of/in Almaty (city)". */
function policeAfter(text: string, tokens: readonly OrgToken[]): Candidate[] {
  const out: Candidate[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.norm !== 'police' || (t.cap && !t.sentStart)) continue
    let k = i + 1
    if (/^(?:department|departments|headquarters|directorate)$/.test(tokens[k]?.norm ?? '')) k++
    const link = tokens[k]
    if (!link || !/^(?:of|in)$/.test(link.norm)) continue
    let j = k + 1
    if (tokens[j]?.norm === 'the') j++
    const place = tokens[j]
    // "police in Almaty" is the city's police; "police in Turkmenistan" names no one body.
    if (!place?.cap || !placeCode(place) || COUNTRY_LEVEL.has(place.norm)) continue
    let end = j + 1
    if (/^(?:city|region|district|oblast|province)$/.test(tokens[end]?.norm ?? '')) end++
    // "police in Almaty and …": the same body as "Almaty police".
    out.push(make(text, tokens, i, end, 'law_enforcement', countryKey(tokens, j, j + 1, 'police')))
  }
  return out
}

function make(
  text: string,
  tokens: readonly OrgToken[],
  from: number,
  to: number,
  headKind: OrganizationKind,
  key: string | null = null,
): Candidate {
  const name = writeName(text, tokens, from, to)
  const kind = kindFromName(name, headKind)
  return {
    from,
    to,
    start: tokens[from]!.start,
    end: tokens[to - 1]!.end,
    name,
    kind,
    country: undefined,
    orgId: null,
    key: key ?? `en:${keyOf(name)}`,
    generic: null,
    source: 'pattern',
  }
}

const UNIT_HEADS =
  /^(?:department|directorate|division|unit|board|office|service|committee|administration|section|team|center|centre)$/
const PRESS = /^(?:press|press-service|press-office|media)$/
/** Heads a body owns ("the Council of Europe's anti-corruption body", "Kazakhstan's wealth fund"). */
const OWNED_HEADS = /^(?:body|watchdog|regulator|fund|agency|arm|wing)$/
const UNIT_OR_PRESS = new Set([
  ...'department directorate division unit board office service committee administration section team center centre'.split(
    ' ',
  ),
  ...'press press-service press-office media'.split(' '),
])
const UNIT_WORD =
  /^(?:anti-[a-z-]+|counter-[a-z-]+|[a-z]+-[a-z-]+|[a-z]+(?:ion|ions|ism|ics|ive|al|ity|ing|ance|ence|ure)|civil|affairs|drug|drugs|crime|crimes|cyber|traffic|patrol|migration|border|customs|tax|revenue|culture|education|health|justice|passenger|transport|highways|housing|land|police|press|investigations|security|fraud|cybercrime|narcotics|extremism|terrorism|trafficking|rights|juvenile|women|children|family|protection|safety|road|finance|budget|construction|youth|sports|tourism|economy|labour|labor|court|courts|prosecution|inquiry|property|asset|assets|recovery|monitoring|intelligence|anti|special|main|regional|city|district|human)$/

/**
 * Sub-units named through a body already found: "press service of the NSC", "anti-extremism
 * department of the Almaty police", "X's press service". Each is a body of its own (the gold
 * rules count named sub-units), with the kind and country of its parent.
 */
export function wrapEn(
  text: string,
  tokens: readonly OrgToken[],
  found: readonly Candidate[],
): Candidate[] {
  const byStart = new Map<number, Candidate>()
  const byEnd = new Map<number, Candidate>()
  for (const c of found) {
    const s = byStart.get(c.from)
    if (!s || s.to < c.to) byStart.set(c.from, c)
    const e = byEnd.get(c.to)
    if (!e || e.from > c.from) byEnd.set(c.to, c)
  }
  const out: Candidate[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.isWord || !(UNIT_OR_PRESS.has(t.norm) || t.poss)) continue
    // "<unit words> <unit head> of (the) <body>"
    const press =
      PRESS.test(t.norm) && /^(?:service|office|center|centre)$/.test(tokens[i + 1]?.norm ?? '')
    let headEnd = press ? i + 2 : i + 1
    let described = false
    // "department for combating drug crime of the Shymkent police"
    if (!press && /^(?:for|on|against)$/.test(tokens[headEnd]?.norm ?? '')) {
      let k = headEnd + 1
      while (
        k < tokens.length &&
        k - headEnd <= 5 &&
        tokens[k]!.isWord &&
        !tokens[k]!.cap &&
        tokens[k]!.norm !== 'of'
      )
        k++
      if (tokens[k]?.norm === 'of' && k > headEnd + 1) {
        headEnd = k
        described = true
      }
    }
    let at = headEnd + 1
    if (tokens[at]?.norm === 'the') at++
    const owner = byStart.get(at)
    if (
      t.isWord &&
      (UNIT_HEADS.test(t.norm) || press) &&
      tokens[headEnd]?.norm === 'of' &&
      owner &&
      !t.poss
    ) {
      const parent = owner
      let from = i
      if (!PRESS.test(t.norm)) {
        while (from > 0 && i - from < 3) {
          const p = tokens[from - 1]!
          if (!p.isWord || p.poss || NOT_NAME.test(p.norm)) break
          if (!p.cap && !UNIT_WORD.test(p.norm)) break
          from--
        }
        const pre = tokens.slice(from, i)
        if (pre.length === 0 && !t.cap && !described) continue
        const vague = /^(?:municipal|local|regional|city|district|special|main)$/
        if (pre.length > 0 && pre.every((x) => EN_DEMONYMS.has(x.norm) || vague.test(x.norm)))
          continue
      }
      while (from < i && NOT_NAME.test(tokens[from]!.norm)) from++
      if (/^(?:a|an)$/.test(tokens[from - 1]?.norm ?? '')) continue
      // Already part of a longer name ("Main Directorate of the Traffic Safety Department of …").
      if (coveredByPattern(found, from, parent.to)) continue
      out.push(wrapped(text, tokens, from, parent.to, parent))
      continue
    }
    // "<body>'s (Cap words|unit words) <unit head>", "Council of Europe's anti-corruption body"
    const parent = byEnd.get(i + 1)
    if (parent && t.poss) {
      let k = i + 1
      while (k < tokens.length && k - i <= 4) {
        const w = tokens[k]!
        if (!w.isWord || w.nlBefore) break
        if (
          (UNIT_HEADS.test(w.norm) || OWNED_HEADS.test(w.norm)) &&
          !(PRESS.test(tokens[k - 1]?.norm ?? '') && k === i + 1) &&
          tokens[k + 1]?.norm !== 'of'
        ) {
          out.push(wrapped(text, tokens, parent.from, k + 1, parent))
          break
        }
        if (!(w.cap || UNIT_WORD.test(w.norm) || PRESS.test(w.norm))) break
        k++
      }
    }
    // "Kazakhstan's sovereign wealth fund": a country's one body of a kind.
    if (!parent && t.poss && t.cap && COUNTRY_LEVEL.has(t.norm)) {
      let k = i + 1
      while (k < tokens.length && k - i <= 4) {
        const w = tokens[k]!
        if (!w.isWord || w.cap || w.nlBefore || NOT_NAME.test(w.norm) || /ed$/.test(w.norm)) break
        // (An agency a country owns is usually one named elsewhere in the text.)
        if (OWNED_HEADS.test(w.norm) && w.norm !== 'agency' && k > i + 1) {
          const c = make(text, tokens, i, k + 1, 'government')
          out.push({
            ...c,
            kind: kindFromName(c.name, /fund/.test(w.norm) ? 'company' : 'government'),
            weak: true,
          })
          break
        }
        k++
      }
    }
  }
  return out
}

/** Tells whether a pattern name strictly contains tokens `[from, to)` (rare: wrappers only). */
function coveredByPattern(found: readonly Candidate[], from: number, to: number): boolean {
  for (const c of found) {
    if (c.from > from) continue
    if (c.source === 'pattern' && c.from <= from && to <= c.to && (c.from < from || to < c.to))
      return true
  }
  return false
}

function wrapped(
  text: string,
  tokens: readonly OrgToken[],
  from: number,
  to: number,
  parent: Candidate,
): Candidate {
  const name = writeName(text, tokens, from, to)
  return {
    from,
    to,
    start: tokens[from]!.start,
    end: tokens[to - 1]!.end,
    name,
    kind:
      parent.kind === 'international' || parent.kind === 'media'
        ? parent.kind
        : kindFromName(name, parent.kind),
    country: parent.country,
    orgId: null,
    key: `en:${keyOf(name)}`,
    generic: null,
    source: 'pattern',
  }
}
