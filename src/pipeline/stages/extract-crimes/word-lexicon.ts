/**
 * A fast lexicon matcher for the crime and event stages. Same phrase syntax as
 * `text/phrase-matcher.ts` (`word*` prefix words, case-insensitive unless `caseSensitive`, no
 * match across punctuation), but it lower-cases the text once and scans words with one regular
 * expression, looking only at words that can start an entry: about ten times faster on long
 * documents, which matters because these stages read every word of every document.
 *
 * @module pipeline/stages/extract-crimes/word-lexicon
 */

/** One lexicon entry. */
export interface WordEntry<V> {
  readonly phrase: string
  readonly value: V
  readonly caseSensitive?: boolean
}

/** The words of a text: parallel arrays, index = word number. */
export interface WordScan {
  /** Lower-cased, `ё`→`е`, typographic apostrophes → `'`. */
  readonly norms: readonly string[]
  readonly starts: readonly number[]
  readonly ends: readonly number[]
  /** True when punctuation stands between this word and the one before. */
  readonly breakBefore: readonly boolean[]
}

/** A match of one entry. */
export interface WordMatch<V> {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly value: V
  /** Index of the first matched word and one past the last. */
  readonly wordStart: number
  readonly wordEnd: number
}

/** A compiled lexicon. */
export interface WordLexicon<V> {
  /** Non-overlapping matches, leftmost-longest. */
  match(text: string, scan?: WordScan): WordMatch<V>[]
}

// Linear: no nested quantifiers over the same characters (as in text/tokenize.ts).
const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*/gu
const PHRASE_WORD_RE = /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*\*?/gu

function fold(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[’ʼ]/g, "'")
}

let lastText: string | null = null
let lastScan: WordScan | null = null

/** Splits a text into words. The last result is kept, so stages reading one text share it. */
export function scanWords(text: string): WordScan {
  if (lastText === text && lastScan) return lastScan
  const folded = fold(text)
  // Lower-casing keeps offsets for the scripts we read; where it would not ("İ"), fold per word.
  const sameLength = folded.length === text.length
  const source = sameLength ? folded : text
  const norms: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const breakBefore: boolean[] = []
  let prevEnd = 0
  WORD_RE.lastIndex = 0
  for (let m = WORD_RE.exec(source); m !== null; m = WORD_RE.exec(source)) {
    const start = m.index
    const end = start + m[0].length
    let gap = false
    for (let i = prevEnd; i < start; i++) {
      const c = text.charCodeAt(i)
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 160) {
        gap = true
        break
      }
    }
    norms.push(sameLength ? m[0] : fold(m[0]))
    starts.push(start)
    ends.push(end)
    breakBefore.push(gap)
    prevEnd = end
  }
  const scan = { norms, starts, ends, breakBefore }
  lastText = text
  lastScan = scan
  return scan
}

interface Compiled<V> {
  readonly words: readonly { readonly word: string; readonly prefix: boolean }[]
  readonly entry: WordEntry<V>
  /** Letters the entry spells out: of two entries with as many words, the longer roots win. */
  readonly letters: number
}

/** Tells whether `a` beats `b`: more words, or as many words with longer roots (`задержанн*` over `задержан*`). */
function moreSpecific<V>(a: Compiled<V>, b: Compiled<V>): boolean {
  return (
    a.words.length > b.words.length || (a.words.length === b.words.length && a.letters > b.letters)
  )
}

/** Compiles entries into a matcher. Build it once, at module level. */
export function createWordLexicon<V>(entries: Iterable<WordEntry<V>>): WordLexicon<V> {
  const exact = new Map<string, Compiled<V>[]>()
  const byRoot = new Map<string, Compiled<V>[]>()
  const rootLengths = new Set<number>()
  for (const entry of entries) {
    const words = [...entry.phrase.matchAll(PHRASE_WORD_RE)].map((m) => {
      const prefix = m[0].endsWith('*')
      const raw = prefix ? m[0].slice(0, -1) : m[0]
      return { word: entry.caseSensitive ? raw : fold(raw), prefix }
    })
    const first = words[0]
    if (!first) continue
    const compiled = { words, entry, letters: words.reduce((sum, w) => sum + w.word.length, 0) }
    const key = entry.caseSensitive ? fold(first.word) : first.word
    if (first.prefix) {
      rootLengths.add(key.length)
      byRoot.set(key, [...(byRoot.get(key) ?? []), compiled])
    } else exact.set(key, [...(exact.get(key) ?? []), compiled])
  }
  const lengths = [...rootLengths].sort((a, b) => a - b)
  // First three letters of every prefix root: a word whose first three letters are not here
  // cannot start a prefix entry, which rules out most words with one lookup.
  const heads = new Set<string>()
  for (const root of byRoot.keys()) heads.add(root.slice(0, 3))
  const shortRoots = lengths.length > 0 && lengths[0]! < 3

  function wordMatches(
    scan: WordScan,
    text: string,
    i: number,
    w: { word: string; prefix: boolean },
    sensitive: boolean,
  ) {
    const form = sensitive ? text.slice(scan.starts[i]!, scan.ends[i]!) : scan.norms[i]!
    return w.prefix ? form.startsWith(w.word) : form === w.word
  }

  /** The longest entry of `list` matching at word `i`, if longer than `best`. */
  function longest(
    list: readonly Compiled<V>[] | undefined,
    scan: WordScan,
    text: string,
    i: number,
    best: Compiled<V> | null,
  ): Compiled<V> | null {
    if (!list) return best
    const n = scan.norms.length
    for (const c of list) {
      const len = c.words.length
      if (i + len > n || (best && !moreSpecific(c, best))) continue
      const sensitive = c.entry.caseSensitive === true
      let ok = wordMatches(scan, text, i, c.words[0]!, sensitive)
      for (let k = 1; k < len && ok; k++) {
        ok = !scan.breakBefore[i + k]! && wordMatches(scan, text, i + k, c.words[k]!, sensitive)
      }
      if (ok) best = c
    }
    return best
  }

  return {
    match(text, scan = scanWords(text)) {
      const out: WordMatch<V>[] = []
      const n = scan.norms.length
      for (let i = 0; i < n; ) {
        const norm = scan.norms[i]!
        let best = longest(exact.get(norm), scan, text, i, null)
        if (shortRoots || heads.has(norm.slice(0, 3))) {
          for (const len of lengths) {
            if (len > norm.length) break
            best = longest(byRoot.get(norm.slice(0, len)), scan, text, i, best)
          }
        }
        if (best) {
          const end = scan.ends[i + best.words.length - 1]!
          const start = scan.starts[i]!
          out.push({
            start,
            end,
            text: text.slice(start, end),
            value: best.entry.value,
            wordStart: i,
            wordEnd: i + best.words.length,
          })
          i += best.words.length
        } else i++
      }
      return out
    },
  }
}
