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
const SENTENCE_END = new Set(['.', '!', '?', ':', '"', '«', '“', '…', '•', '—', '–', '-'])

// The shared tokenizer's token pattern (see text/tokenize.ts), run here directly so that each
// token is built once: this stage tokenizes every document and must stay fast.
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*|[^\s]/gu
const WORD_START = /[\p{L}\p{N}]/u

function fold(word: string): string {
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

function hasNewline(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true
  return false
}

/** Tokenizes `text` into {@link OrgToken}s. */
export function orgTokens(text: string): OrgToken[] {
  const out: OrgToken[] = []
  let prev: OrgToken | null = null
  TOKEN_RE.lastIndex = 0
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    let raw = m[0]
    let start = m.index
    const end = start + raw.length
    const isWord = raw.length > 1 || WORD_START.test(raw)
    // "non-CIS", "anti-NATO": the abbreviation is a mention of its own.
    if (isWord && raw.includes('-')) {
      const prefixed = PREFIXED_ABBREVIATION.exec(raw)
      if (prefixed) {
        start += prefixed[1]!.length
        raw = prefixed[2]!
      }
    }
    const poss = isWord && raw.length > 2 && endsInPossessive(raw)
    const body = poss ? raw.slice(0, -2) : raw
    const cap = isWord && startsUpper(body)
    const nl = prev === null || hasNewline(text, prev.fullEnd, start)
    const tok: OrgToken = {
      text: body,
      start,
      end: start + body.length,
      fullEnd: end,
      norm: fold(body),
      isWord,
      cap,
      upper: cap && body.length >= 2 && !HAS_LOWER.test(body),
      poss,
      sentStart: nl || SENTENCE_END.has(prev!.text),
      nlBefore: nl && prev !== null,
    }
    out.push(tok)
    prev = tok
  }
  return out
}
