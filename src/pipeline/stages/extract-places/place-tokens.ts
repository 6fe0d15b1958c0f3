/**
 * Tokens for place matching: words (with inner hyphens and apostrophes, and dotted
 * abbreviations such as "U.S."), and single punctuation characters. Each word has a folded
 * key so that spelling variants of one name meet: Latin is folded the way English-language
 * news varies Central Asian names (Qaraghandy/Karagandy, Öskemen/Oskemen, Jetisu/Zhetysu).
 *
 * @module pipeline/stages/extract-places/place-tokens
 */

/** A token of the searched text. */
export interface PlaceToken {
  /** The text as written (an English possessive "'s" is left out). */
  readonly text: string
  readonly start: number
  readonly end: number
  readonly isWord: boolean
  /** First character is an upper-case letter. */
  readonly capitalised: boolean
}

// Linear: alternatives start with different classes and no quantifier nests over one class.
const TOKEN_RE =
  /(?:\p{Lu}\.){2,}|[\p{L}\p{N}\p{M}]+(?:[-‐‑'’ʼʻ][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu
const WORD_CHAR_RE = /[\p{L}\p{N}]/u
const ATTRIBUTIVE_RE = /-(?:based|born|registered|headquartered|bound)$/
const UPPER_RE = /^\p{Lu}/u
const LATIN_RE = /[a-z]/

/** Splits text into place tokens. */
export function placeTokens(text: string): PlaceToken[] {
  const out: PlaceToken[] = []
  TOKEN_RE.lastIndex = 0
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    let t = m[0]
    const c = t.charCodeAt(0)
    const isWord = t.length > 1 || WORD_CHAR_RE.test(t)
    if (isWord && t.length > 2) {
      const q = t.charCodeAt(t.length - 2)
      if ((q === 39 || q === 0x2019) && t.charCodeAt(t.length - 1) === 115) t = t.slice(0, -2)
      // "Taraz-based", "Almaty-born": the place is the first part.
      else if (t.indexOf('-') > 0 && ATTRIBUTIVE_RE.test(t)) t = t.replace(ATTRIBUTIVE_RE, '')
    }
    out.push({
      text: t,
      start: m.index,
      end: m.index + t.length,
      isWord,
      capitalised: isWord && isUpper(c, t),
    })
  }
  return out
}

/** Upper-case first letter; fast paths for ASCII and Cyrillic. */
function isUpper(c: number, t: string): boolean {
  if (c < 128) return c >= 65 && c <= 90
  if (c >= 0x400 && c <= 0x42f) return true
  if (c >= 0x430 && c <= 0x45f) return false
  // Cyrillic extensions (Kazakh ӘҒҚҢӨҰҮҺ): upper case at even code points.
  if (c >= 0x460 && c <= 0x4ff) return c % 2 === 0 && c !== 0x4cf
  return UPPER_RE.test(t)
}

const foldCache = new Map<string, string>()

/** The matching key of a word: case-folded, and for Latin script spelling-folded. */
export function foldWord(word: string): string {
  const cached = foldCache.get(word)
  if (cached !== undefined) return cached
  // Non-breaking and Unicode hyphens are written for "-" (Алма‑Ата).
  let t = word.toLowerCase().replace(/ё/g, 'е').replace(/[‐‑]/g, '-')
  if (LATIN_RE.test(t)) {
    t = t
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[.'’ʼʻ]/g, '')
      .replace(/dzh/g, 'zh')
      .replace(/j/g, 'zh')
      .replace(/kh/g, 'h')
      .replace(/gh/g, 'g')
      .replace(/q/g, 'k')
      .replace(/y/g, 'i')
      .replace(/w/g, 'v')
      .replace(/(.)\1/g, '$1')
  } else if (t.includes('.')) t = t.replace(/\./g, '')
  // Bounded cache: names repeat, but hostile input must not grow memory without limit.
  if (foldCache.size > 50000) foldCache.clear()
  foldCache.set(word, t)
  return t
}
