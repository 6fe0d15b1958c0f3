/**
 * Finds lexicon phrases in text, token by token, longest match first. Linear in the number of
 * tokens times the longest phrase; no regular expressions over the input.
 *
 * A phrase is written as words separated by spaces. A word ending in `*` matches any word that
 * starts with it (for inflected forms: `задержан*`, `облыс*`). Matching is case-insensitive
 * unless `caseSensitive` is set on the entry.
 *
 * @module pipeline/text/phrase-matcher
 */
import { normalizeWord, type Token, tokenize } from './tokenize.ts'

/** One lexicon entry. */
export interface PhraseEntry<V> {
  readonly phrase: string
  readonly value: V
  /** Match the exact case of the phrase's words (for abbreviations like `ДП`, `KNB`). */
  readonly caseSensitive?: boolean
}

/** A match of one entry. Offsets are into the searched text. */
export interface PhraseMatch<V> {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly value: V
  readonly phrase: string
  /** Index of the first and one past the last matched token. */
  readonly tokenStart: number
  readonly tokenEnd: number
}

interface CompiledWord {
  readonly word: string
  readonly prefix: boolean
}

interface Compiled<V> {
  readonly words: readonly CompiledWord[]
  readonly entry: PhraseEntry<V>
}

/** A compiled lexicon. */
export interface PhraseMatcher<V> {
  /** All non-overlapping matches, leftmost-longest. */
  match(text: string, tokens?: readonly Token[]): PhraseMatch<V>[]
  /** All matches, overlapping ones included. */
  matchAll(text: string, tokens?: readonly Token[]): PhraseMatch<V>[]
}

/** Compiles lexicon entries into a matcher. */
export function createPhraseMatcher<V>(entries: Iterable<PhraseEntry<V>>): PhraseMatcher<V> {
  // Index by the first word's first two characters (prefix words may be short).
  const index = new Map<string, Compiled<V>[]>()
  for (const entry of entries) {
    const words = tokenize(entry.phrase)
      .filter((t) => t.isWord || t.text !== '*')
      .map((t) => {
        const next = entry.phrase[t.end]
        const prefix = next === '*'
        return { word: entry.caseSensitive ? t.text : t.norm, prefix }
      })
    if (words.length === 0) continue
    const key = indexKey(words[0]!.word, entry.caseSensitive === true)
    const list = index.get(key) ?? []
    list.push({ words, entry })
    index.set(key, list)
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length)

  function candidatesAt(tokens: readonly Token[], i: number, text: string): PhraseMatch<V>[] {
    const t = tokens[i]!
    const found: PhraseMatch<V>[] = []
    for (const sensitive of [false, true]) {
      const list = index.get(indexKey(sensitive ? t.text : t.norm, sensitive))
      if (!list) continue
      for (const c of list) {
        const n = c.words.length
        if (i + n > tokens.length) continue
        let ok = true
        for (let k = 0; k < n && ok; k++) {
          const tok = tokens[i + k]!
          const w = c.words[k]!
          const form = c.entry.caseSensitive ? tok.text : tok.norm
          ok = w.prefix ? form.startsWith(w.word) : form === w.word
        }
        if (!ok) continue
        const last = tokens[i + n - 1]!
        found.push({
          start: t.start,
          end: last.end,
          text: text.slice(t.start, last.end),
          value: c.entry.value,
          phrase: c.entry.phrase,
          tokenStart: i,
          tokenEnd: i + n,
        })
      }
    }
    return found.sort((a, b) => b.end - a.end)
  }

  return {
    match(text, tokens = tokenize(text)) {
      const out: PhraseMatch<V>[] = []
      for (let i = 0; i < tokens.length; ) {
        const best = candidatesAt(tokens, i, text)[0]
        if (best) {
          out.push(best)
          i = best.tokenEnd
        } else i++
      }
      return out
    },
    matchAll(text, tokens = tokenize(text)) {
      const out: PhraseMatch<V>[] = []
      for (let i = 0; i < tokens.length; i++) out.push(...candidatesAt(tokens, i, text))
      return out
    },
  }
}

function indexKey(word: string, caseSensitive: boolean): string {
  const w = caseSensitive ? word : normalizeWord(word)
  return `${caseSensitive ? 'S' : 'I'}:${w.slice(0, 2)}`
}
