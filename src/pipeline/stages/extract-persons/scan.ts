/**
 * A tokenizer for the persons stage: the same tokens as `text/tokenize.ts` (same regular
 * expression, same offsets), with a cheaper fold, because this stage scans every token of every
 * document and only needs lower case with `ё` folded.
 *
 * @module pipeline/stages/extract-persons/scan
 */
import type { Token } from '../../text/tokenize.ts'

// Linear: no nested quantifiers over the same characters (as in text/tokenize.ts).
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*|[^\s]/gu

/** Splits text into tokens; `norm` is lower case with `ё`→`е` and `’ʼ`→`'`. */
export function scanTokens(text: string): Token[] {
  const out: Token[] = []
  const re = new RegExp(TOKEN_RE.source, TOKEN_RE.flags)
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const t = m[0]
    const c = t.charCodeAt(0)
    // A token is a word when it is longer than one character (the regex's first branch) or is
    // one letter or digit.
    const isWord = t.length > 1 || (c >= 48 && c <= 57) || t.toLowerCase() !== t.toUpperCase()
    let norm = t.toLowerCase()
    if (norm.includes('ё')) norm = norm.replace(/ё/g, 'е')
    if (norm.includes('’') || norm.includes('ʼ')) norm = norm.replace(/[’ʼ]/g, "'")
    out.push({ text: t, start: m.index, end: m.index + t.length, norm, isWord })
  }
  return out
}
