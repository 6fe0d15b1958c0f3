/**
 * Word tokens with offsets, shared by every extractor.
 *
 * @module pipeline/text/tokenize
 */

/** A token: a run of letters/digits (with inner hyphens or apostrophes), or one other character. */
export interface Token {
  readonly text: string
  readonly start: number
  readonly end: number
  /** Lower-cased, `ё` folded to `е`, typographic apostrophes folded to `'`. */
  readonly norm: string
  readonly isWord: boolean
}

// Linear: no nested quantifiers over the same characters.
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*|[^\s]/gu

/** Splits text into tokens; whitespace is dropped. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = []
  TOKEN_RE.lastIndex = from
  for (let m = TOKEN_RE.exec(text); m !== null && m.index < to; m = TOKEN_RE.exec(text)) {
    const t = m[0]
    out.push({
      text: t,
      start: m.index,
      end: m.index + t.length,
      norm: normalizeWord(t),
      isWord: /[\p{L}\p{N}]/u.test(t),
    })
  }
  return out
}

/** Folds a word for matching: lower case, `ё`→`е`, `’ʼ`→`'`. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').replace(/[’ʼ]/g, "'")
}
