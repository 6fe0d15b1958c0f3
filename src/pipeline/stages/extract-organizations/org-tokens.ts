/**
 * The token view the organisation recognisers share: the common tokenizer's tokens plus the
 * facts they keep asking about (capitalised, an abbreviation, an English possessive, the first
 * word of a sentence).
 *
 * @module pipeline/stages/extract-organizations/org-tokens
 */

/** A token as the recognisers see it. */
export interface OrgToken {
  /** The text, without an English possessive `'s`. */
  readonly text: string
  readonly start: number
  /** End offset, before any possessive `'s`. */
  readonly end: number
  /** End offset including a possessive `'s`. */
  readonly fullEnd: number
  /** Lower-cased, `ё`→`е`, apostrophes folded, possessive dropped. */
  readonly norm: string
  readonly isWord: boolean
  /** Starts with an upper-case letter. */
  readonly cap: boolean
  /** Two or more letters, all upper case (МВД, NSC, ШҚО). */
  readonly upper: boolean
  /** Ends in an English possessive (`Almaty's`). */
  readonly poss: boolean
  /** First word of a sentence or line. */
  readonly sentStart: boolean
  /** A line break separates it from the previous token. */
  readonly nlBefore: boolean
}

const PREFIXED_ABBREVIATION = /^((?:non|anti|pro|ex|pan|post)-)(\p{Lu}{2,})$/u
const UPPER_START = /^\p{Lu}/u
const HAS_LOWER = /\p{Ll}/u
/** Characters after which a word starts a sentence (one-character tokens), by code. */
const SENTENCE_END = new Uint8Array(0x10000)
for (const ch of '.!?:"«“…•—–-') SENTENCE_END[ch.charCodeAt(0)] = 1

// The shared tokenizer's token pattern (see text/tokenize.ts) is
// /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*|[^\s]/gu. This stage tokenizes every
// document, so it scans the same tokens by hand over a per-code-unit class table instead:
// one pass, no match objects, newlines noticed while skipping spaces.
const LNM_RE = /^[\p{L}\p{N}\p{M}]$/u
const LN_RE = /^[\p{L}\p{N}]$/u
const SPACE_RE = /^\s$/u
/** Class bits per BMP code unit: a letter, digit or mark; a letter or digit; white space. */
const LNM = 1
const LN = 2
const SPACE = 4
const CLASS = buildClasses()

function buildClasses(): Uint8Array {
  const table = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) {
    // Surrogates are classed by code point in `wordWidth`.
    if (c >= 0xd800 && c <= 0xdfff) continue
    const ch = String.fromCharCode(c)
    if (LNM_RE.test(ch)) table[c] = LN_RE.test(ch) ? LNM | LN : LNM
    else if (SPACE_RE.test(ch)) table[c] = SPACE
  }
  return table
}

/** Whether the UTF-16 unit `c` (not a surrogate) is a letter or a digit (`[\p{L}\p{N}]`). */
export function isLetterOrDigitUnit(c: number): boolean {
  return c < 0xd800 || c > 0xdfff ? (CLASS[c]! & LN) !== 0 : false
}

/** Astral code points seen so far → letter, digit or mark. */
const astralLnm = new Map<number, boolean>()

/** The UTF-16 width of the letter, digit or mark at `i`, or 0 when there is none. */
function wordWidth(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c < 0xd800 || c > 0xdfff) return CLASS[c]! & LNM
  if (c > 0xdbff) return 0
  const d = text.charCodeAt(i + 1)
  if (!(d >= 0xdc00 && d <= 0xdfff)) return 0
  const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000
  let lnm = astralLnm.get(cp)
  if (lnm === undefined) {
    lnm = LNM_RE.test(String.fromCodePoint(cp))
    astralLnm.set(cp, lnm)
  }
  return lnm ? 2 : 0
}

/** Set by {@link wordEnd}: the word has an inner hyphen. */
let joinedByHyphen = false
/** Set by {@link wordEnd}: every unit after the word's first one is already folded (`FOLDED`). */
let wordRestFolded = false
/** Set by {@link runEnd}: every unit of the run is already folded. */
let runFolded = false

/**
 * The end of the run of letters, digits and marks starting at `j`. Plain BMP units are read
 * here, inline: a call per character costs more than the rest of the scan before the stage is
 * compiled, which is most of a short batch.
 */
function runEnd(text: string, j: number, n: number): number {
  let folded = true
  while (j < n) {
    const c = text.charCodeAt(j)
    if (c < 0xd800 || c > 0xdfff) {
      if ((CLASS[c]! & LNM) === 0) break
      if (FOLDED[c] === 0) folded = false
      j++
    } else {
      const w = wordWidth(text, j)
      if (w === 0) break
      // Surrogates are never folded as they are.
      folded = false
      j += w
    }
  }
  runFolded = folded
  return j
}

/** The end of the word starting at `i` (which holds a letter, digit or mark). */
function wordEnd(text: string, i: number, n: number): number {
  joinedByHyphen = false
  const first = text.charCodeAt(i)
  // The word's first unit is judged on its own by `fold`; a surrogate pair is two units.
  const from = first >= 0xd800 && first <= 0xdfff ? i : i + 1
  let j = runEnd(text, from, n)
  let folded = runFolded && from === i + 1
  // An inner hyphen or apostrophe joins two runs: "Усть-Каменогорск", "O'Brien".
  while (j + 1 < n) {
    const c = text.charCodeAt(j)
    if (c !== 45 && c !== 39 && c !== 0x2019 && c !== 0x2bc) break
    const next = runEnd(text, j + 1, n)
    if (next === j + 1) break
    if (c === 45) joinedByHyphen = true
    if (!runFolded || FOLDED[c] === 0) folded = false
    j = next
  }
  wordRestFolded = folded
  return j
}

/** Folded forms of short words seen before: most words recur, and folding Cyrillic is slow. */
const foldCache = new Map<string, string>()
/** Longer substrings may share the document's memory; they are not kept. */
const FOLD_CACHE_WORD = 12
const FOLD_CACHE_SIZE = 50_000

function fold(word: string): string {
  // Most words are already folded (lower-case Latin, Russian or Kazakh): they are their own norm.
  for (let k = 0; k < word.length; k++) {
    if (!FOLDED[word.charCodeAt(k)]) {
      // "Полиция", "Almaty": a capital, then folded letters.
      if (k === 0 && LOWER_OF[word.charCodeAt(0)] && restFolded(word)) {
        return String.fromCharCode(LOWER_OF[word.charCodeAt(0)]!) + word.slice(1)
      }
      return foldCached(word)
    }
  }
  return word
}

function restFolded(word: string): boolean {
  for (let k = 1; k < word.length; k++) if (!FOLDED[word.charCodeAt(k)]) return false
  return true
}

/** Latin, Russian and Kazakh capitals → their folded lower-case code (Ё → е); 0 for others. */
const LOWER_OF = buildLowerOf()

function buildLowerOf(): Uint16Array {
  const table = new Uint16Array(0x10000)
  const capitals = 'ABCDEFGHIJKLMNOPQRSTUVWXYZЁІӘҒҚҢӨҰҮҺ'
  for (let c = 0x410; c <= 0x42f; c++) table[c] = foldWord(String.fromCharCode(c)).charCodeAt(0)
  for (const ch of capitals) table[ch.charCodeAt(0)] = foldWord(ch).charCodeAt(0)
  return table
}

/** Code units that lower-casing and folding leave as they are (a-z, а-я, і, ә, ғ …, digits). */
const FOLDED = buildFolded()

function buildFolded(): Uint8Array {
  const table = new Uint8Array(0x10000)
  for (let c = 0; c < 128; c++) if (!(c >= 65 && c <= 90)) table[c] = 1
  for (let c = 0x430; c <= 0x44f; c++) table[c] = 1
  for (let c = 0x452; c <= 0x45f; c++) table[c] = 1
  for (const ch of 'әғқңөұүһі') table[ch.charCodeAt(0)] = 1
  return table
}

/**
 * Whether `word` has a lower-case letter (`/\p{Ll}/u`): Latin, Russian and Kazakh letters
 * by code, anything else by the regex.
 */
function hasLower(word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k)
    if (FOLDED[c]) {
      // Folded letters are lower case; digits and ASCII signs are not letters at all.
      if (c >= 128 || (c >= 97 && c <= 122)) return true
    } else if (!LOWER_OF[c]) return HAS_LOWER.test(word)
  }
  return false
}

function foldCached(word: string): string {
  if (word.length > FOLD_CACHE_WORD) return foldWord(word)
  let norm = foldCache.get(word)
  if (norm === undefined) {
    if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear()
    norm = foldWord(word)
    foldCache.set(word, norm)
  }
  return norm
}

function foldWord(word: string): string {
  const lower = word.toLowerCase()
  // Same folding as text/tokenize.ts normalizeWord, skipped when there is nothing to fold.
  return lower.includes('ё') || lower.includes('’') || lower.includes('ʼ')
    ? lower.replace(/ё/g, 'е').replace(/[’ʼ]/g, "'")
    : lower
}

function endsInPossessive(word: string): boolean {
  const last = word.charCodeAt(word.length - 1)
  if (last !== 115 && last !== 83) return false
  const apostrophe = word.charCodeAt(word.length - 2)
  return apostrophe === 39 || apostrophe === 0x2019 || apostrophe === 0x2bc
}

/** Upper-case first letter; plain code-point ranges for Latin and Cyrillic, a regex otherwise. */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0)
  if (c < 128) return c >= 65 && c <= 90
  if (c >= 0x430 && c <= 0x44f) return false
  if ((c >= 0x410 && c <= 0x42f) || c === 0x401 || c === 0x406) return true
  return UPPER_START.test(word)
}

/** Tokenizes `text` into {@link OrgToken}s. */
export function orgTokens(text: string): OrgToken[] {
  const out: OrgToken[] = []
  let prev: OrgToken | null = null
  let newline = false
  const n = text.length
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i)
    const surrogate = c >= 0xd800 && c <= 0xdfff
    const cls = surrogate ? 0 : CLASS[c]!
    let end: number
    let isWord: boolean
    let hyphen = false
    let folded = false
    if ((cls & LNM) !== 0 || (surrogate && wordWidth(text, i) > 0)) {
      end = wordEnd(text, i, n)
      hyphen = joinedByHyphen
      folded = wordRestFolded
      // A lone mark is no word: the same test as /[\p{L}\p{N}]/u on the token.
      isWord = end - i > 1 || (cls & LN) !== 0
    } else if ((cls & SPACE) !== 0) {
      if (c === 10) newline = true
      i++
      continue
    } else {
      // One character other than a space; a surrogate pair is one character (an emoji "word").
      end =
        surrogate && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1))
          ? i + 2
          : i + 1
      isWord = end - i > 1
    }
    let raw = text.slice(i, end)
    let start = i
    i = end
    let whole = true
    // "non-CIS", "anti-NATO": the abbreviation is a mention of its own.
    if (isWord && hyphen) {
      const prefixed = PREFIXED_ABBREVIATION.exec(raw)
      if (prefixed) {
        start += prefixed[1]!.length
        raw = prefixed[2]!
        whole = false
      }
    }
    const poss = isWord && raw.length > 2 && endsInPossessive(raw)
    const body = poss ? raw.slice(0, -2) : raw
    const cap = isWord && startsUpper(body)
    const nl = prev === null || newline
    newline = false
    const tok: OrgToken = {
      text: body,
      start,
      end: start + body.length,
      fullEnd: end,
      // What the scan saw of the word spares `fold` a second pass over it.
      norm:
        whole && !poss && !surrogate && end - start > 1 ? foldScanned(body, c, folded) : fold(body),
      isWord,
      cap,
      upper: cap && body.length >= 2 && !hasLower(body),
      poss,
      sentStart: nl || (prev!.text.length === 1 && SENTENCE_END[prev!.text.charCodeAt(0)] === 1),
      nlBefore: nl && prev !== null,
    }
    out.push(tok)
    prev = tok
  }
  return out
}

function isLowSurrogate(d: number): boolean {
  return d >= 0xdc00 && d <= 0xdfff
}

/** {@link fold} for a word whose units after the first were checked while scanning it. */
function foldScanned(word: string, first: number, restIsFolded: boolean): string {
  if (!restIsFolded) return foldCached(word)
  if (FOLDED[first]) return word
  // "Полиция", "Almaty": a capital, then folded letters. Short ones recur: the cache hands
  // back one string instead of building it anew from three.
  if (word.length <= FOLD_CACHE_WORD) return foldCached(word)
  const lower = LOWER_OF[first]!
  return lower ? String.fromCharCode(lower) + word.slice(1) : foldCached(word)
}
