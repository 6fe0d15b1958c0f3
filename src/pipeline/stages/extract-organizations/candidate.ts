/**
 * What every organisation recogniser returns: one mention of a body, with its name already in
 * the nominative and the key that groups mentions of the same body.
 *
 * @module pipeline/stages/extract-organizations/candidate
 */
import type { OrganizationKind } from '#core/facts.ts'
import { isLetterOrDigitUnit, type OrgToken } from './org-tokens.ts'

/** One mention of a body. */
export interface Candidate {
  /** Token range `[from, to)`. */
  readonly from: number
  readonly to: number
  /** Offsets into the text (the mention, without a trailing possessive). */
  readonly start: number
  readonly end: number
  /** The name in the nominative, written like the mention. */
  readonly name: string
  readonly kind: OrganizationKind
  /** ISO country, `null` for none, `undefined` when the document must decide. */
  readonly country: string | null | undefined
  readonly orgId: string | null
  /** Mentions with the same key are one body. */
  readonly key: string
  /**
   * Set when the mention does not name its body fully ("ДП области", "the city police"): the
   * type of body it refers to, so that it can join the one specific body of that type.
   */
  readonly generic: string | null
  /** A generic mention that is no body of its own ("отдел полиции"): it only joins one. */
  readonly mergeOnly?: true
  /** Found from context alone ("chairman of X"): yields to any other mention it overlaps. */
  readonly weak?: true
  readonly source: 'lexicon' | 'pattern'
}

/**
 * Writes tokens `[from, to)` as they stand in `text`, with some words replaced (by index) and
 * the original spacing kept.
 */
export function writeName(
  text: string,
  tokens: readonly OrgToken[],
  from: number,
  to: number,
  replace?: ReadonlyMap<number, string>,
): string {
  let out = ''
  for (let i = from; i < to; i++) {
    const t = tokens[i]!
    if (i > from) out += text.slice(tokens[i - 1]!.fullEnd, t.start).replace(/\s+/g, ' ')
    const word = replace?.get(i) ?? t.text
    out += word
    if (t.poss && i < to - 1) out += text.slice(t.end, t.fullEnd)
  }
  return out
}

/** Copies the case of the first letter of `model` onto `word`. */
export function matchCase(word: string, model: string): string {
  if (!word || !model) return word
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase())
    return word.toUpperCase()
  const first = model[0]!
  const upper = first !== first.toLowerCase()
  return (upper ? word[0]!.toUpperCase() : word[0]!.toLowerCase()) + word.slice(1)
}

/** A grouping key: lower case, letters and digits only. */
export function keyOf(s: string): string {
  const lower = s.toLowerCase()
  // Most names are words and single spaces already: the key is the lower-cased name.
  if (isPlainKey(lower)) return lower
  return lower
    .replace(/ё/g, 'е')
    .replace(/['’ʼ]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Letters and digits (no ё) separated by single spaces, nothing that keyOf would change. */
function isPlainKey(lower: string): boolean {
  const n = lower.length
  if (n === 0) return false
  for (let k = 0; k < n; k++) {
    const c = lower.charCodeAt(k)
    if (c === 32) {
      if (k === 0 || k === n - 1 || lower.charCodeAt(k - 1) === 32) return false
    } else if (c === 0x451 || c === 0x2bc || !isLetterOrDigitUnit(c)) return false
  }
  return true
}

/** Guesses the kind of a body from the words of its name. */
export function kindFromName(name: string, fallback: OrganizationKind): OrganizationKind {
  const n = name.toLowerCase()
  if (/прокурат|prosecut|procura|прокуратур/.test(n)) return 'prosecutor'
  if (/(?:^|\s)(?:суд|суда|суде|судом|court|сот|соты)|трибунал|tribunal/.test(n)) return 'court'
  if (
    /полиц|police|внутренних дел|internal affairs|interior|мвд|ішкі істер|уголовн.* розыск|наркопрест|киберпрест|drug control|drug enforcement|контролю за наркотиками|контролю наркотиков|есірткі|экстремизм|борьб|противодейств|расследован|investigat|anti-?corruption|антикор|сыбайлас|афм|afm|financial monitoring|финансовому мониторингу|финансового мониторинга|қаржылық мониторинг|іім|тергеп|(?:^|\s)пд(?:\s|$)|ұйымдасқан қылмыс|organized crime|organised crime|(?:^|\s)(?:дп|уп|двд|увд|гувд|ровд|овд|дэр)(?:\s|$)/.test(
      n,
    )
  )
    return 'law_enforcement'
  if (
    /кнб|knb|nsc|national security|национальной безопасности|госбезопасности|қауіпсіздік|border|погранич|шекара/.test(
      n,
    )
  )
    return 'security_service'
  if (/маслихат|maslikhat|парламент|parliament|мажилис|мәжіліс|сенат|senate/.test(n))
    return 'legislature'
  if (/bank|банк|llp|jsc|llc|ltd|тоо|ао |ооо|жшс|company|компани|holding|corporation/.test(n))
    return 'company'
  if (
    /university|университет|institute|институт|foundation|фонд|қоры|union|союз|association|ассоциац/.test(
      n,
    )
  )
    return fallback === 'government' ? 'ngo' : fallback
  return fallback
}
