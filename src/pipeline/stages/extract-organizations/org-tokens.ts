/**
 * The token view the organisation recognisers share: the common tokenizer's tokens plus the
 * facts they keep asking about (capitalised, an abbreviation, an English possessive, the first
 * word of a sentence).
 *
 * @module pipeline/stages/extract-organizations/org-tokens
 */
import { tokenize } from '../../text/tokenize.ts'

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

const POSSESSIVE = /['’ʼ]s$/i
const PREFIXED_ABBREVIATION = /^((?:non|anti|pro|ex|pan|post)-)(\p{Lu}{2,})$/u
const UPPER_START = /^\p{Lu}/u
const HAS_LOWER = /\p{Ll}/u
const SENTENCE_END = new Set(['.', '!', '?', ':', '"', '«', '“', '…', '•', '—', '–', '-'])

/** Tokenizes `text` into {@link OrgToken}s. */
export function orgTokens(text: string): OrgToken[] {
  const out: OrgToken[] = []
  let prev: OrgToken | null = null
  for (const raw of tokenize(text)) {
    // "non-CIS", "anti-NATO": the abbreviation is a mention of its own.
    const prefixed = raw.isWord ? PREFIXED_ABBREVIATION.exec(raw.text) : null
    const t = prefixed
      ? {
          ...raw,
          text: prefixed[2]!,
          start: raw.start + prefixed[1]!.length,
          norm: prefixed[2]!.toLowerCase(),
        }
      : raw
    const poss = t.isWord && t.text.length > 2 && POSSESSIVE.test(t.text)
    const body = poss ? t.text.slice(0, -2) : t.text
    const gap = prev ? text.slice(prev.fullEnd, t.start) : '\n'
    const tok: OrgToken = {
      text: body,
      start: t.start,
      end: t.start + body.length,
      fullEnd: t.end,
      norm: poss ? t.norm.slice(0, -2) : t.norm,
      isWord: t.isWord,
      cap: UPPER_START.test(body),
      upper: body.length >= 2 && !HAS_LOWER.test(body) && /\p{Lu}/u.test(body),
      poss,
      sentStart: prev === null || gap.includes('\n') || SENTENCE_END.has(prev.text),
      nlBefore: gap.includes('\n'),
    }
    out.push(tok)
    prev = tok
  }
  return out
}
