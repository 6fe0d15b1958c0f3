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

// The token grammar, as a regex: `(?:\p{Lu}\.){2,}` (dotted abbreviations),
// `[\p{L}\p{N}\p{M}]+(?:[-‐‑'’ʼʻ][\p{L}\p{N}\p{M}]+)*` (words), or one character that is
// neither a space nor a word character. `placeTokens` walks it by hand, code point by code point:
// a global regex costs more than the rest of the stage on long texts.
const WORD_CP_RE = /^[\p{L}\p{N}\p{M}]$/u
const UPPER_CP_RE = /^\p{Lu}$/u
const SPACE_CP_RE = /^\s$/u
const LETTER_OR_DIGIT_CP_RE = /^[\p{L}\p{N}]$/u
const ATTRIBUTIVE_RE = /-(?:based|born|registered|headquartered|bound)$/
const UPPER_RE = /^\p{Lu}/u
const LATIN_RE = /[a-z]/

const SEEN = 1
const WORD = 2
const UPPER = 4
const SPACE = 8
/** `[\p{L}\p{N}]`: a word of one character must be a letter or a digit, not a lone mark. */
const LETTER_OR_DIGIT = 16
/** Character classes of BMP code units, filled in on first sight of each. */
const BMP_CLASS = new Uint8Array(0x10000)

function classOf(cp: number): number {
  if (cp < 0x10000) {
    const k = BMP_CLASS[cp]!
    if (k !== 0) return k
  }
  const ch = String.fromCodePoint(cp)
  const k =
    SEEN |
    (WORD_CP_RE.test(ch) ? WORD : 0) |
    (UPPER_CP_RE.test(ch) ? UPPER : 0) |
    (SPACE_CP_RE.test(ch) ? SPACE : 0) |
    (LETTER_OR_DIGIT_CP_RE.test(ch) ? LETTER_OR_DIGIT : 0)
  // Lone surrogates are classed by the regexes like any code point; pairs are not cached.
  if (cp < 0x10000) BMP_CLASS[cp] = k
  return k
}

function isJoiner(c: number): boolean {
  return (
    c === 45 ||
    c === 0x2010 ||
    c === 0x2011 ||
    c === 39 ||
    c === 0x2019 ||
    c === 0x2bc ||
    c === 0x2bb
  )
}

/** End of a dotted abbreviation ("U.S.") starting at `i`, or -1. */
function abbreviationEnd(text: string, i: number): number {
  let k = i
  let reps = 0
  for (;;) {
    const cp = text.codePointAt(k)
    if (cp === undefined || (classOf(cp) & UPPER) === 0) break
    const w = cp > 0xffff ? 2 : 1
    if (text.charCodeAt(k + w) !== 46) break
    k += w + 1
    reps++
  }
  return reps >= 2 ? k : -1
}

/**
 * End of the word run starting at `i` (a word character). Classed BMP units are read inline:
 * a call per character costs more than the rest of the scan before the stage is compiled.
 */
function wordEnd(text: string, i: number): number {
  const n = text.length
  let k = i
  for (;;) {
    while (k < n) {
      const c = text.charCodeAt(k)
      const known = c < 0xd800 || c > 0xdfff ? BMP_CLASS[c]! : 0
      if (known !== 0) {
        if ((known & WORD) === 0) break
        k++
        continue
      }
      const cp = text.codePointAt(k)!
      if ((classOf(cp) & WORD) === 0) break
      k += cp > 0xffff ? 2 : 1
    }
    if (k + 1 < n && isJoiner(text.charCodeAt(k))) {
      const cp = text.codePointAt(k + 1)!
      if ((classOf(cp) & WORD) !== 0) {
        k += 1
        continue
      }
    }
    return k
  }
}

/** Splits text into place tokens. */
export function placeTokens(text: string): PlaceToken[] {
  const out: PlaceToken[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const unit = text.charCodeAt(i)
    // Spaces are most of the characters skipped: a table read, no code-point decoding.
    const known = unit < 0xd800 || unit > 0xdfff ? BMP_CLASS[unit]! : 0
    if ((known & SPACE) !== 0) {
      i++
      continue
    }
    const cp = known !== 0 ? unit : text.codePointAt(i)!
    const cls = known !== 0 ? known : classOf(cp)
    if ((cls & SPACE) !== 0) {
      i += cp > 0xffff ? 2 : 1
      continue
    }
    const index = i
    let end = (cls & UPPER) !== 0 ? abbreviationEnd(text, i) : -1
    if (end < 0) end = (cls & WORD) !== 0 ? wordEnd(text, i) : i + (cp > 0xffff ? 2 : 1)
    i = end
    let t = text.slice(index, end)
    const c = t.charCodeAt(0)
    const isWord = t.length > 1 || (classOf(c) & LETTER_OR_DIGIT) !== 0
    if (isWord && t.length > 2) {
      const q = t.charCodeAt(t.length - 2)
      if ((q === 39 || q === 0x2019) && t.charCodeAt(t.length - 1) === 115) t = t.slice(0, -2)
      // "Taraz-based", "Almaty-born": the place is the first part.
      else if (t.indexOf('-') > 0 && ATTRIBUTIVE_RE.test(t)) t = t.replace(ATTRIBUTIVE_RE, '')
    }
    out.push({
      text: t,
      start: index,
      end: index + t.length,
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
