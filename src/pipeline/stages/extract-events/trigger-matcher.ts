/**
 * The event-trigger matcher: the matching rules of `extract-crimes/word-lexicon.ts` (phrases of
 * words, `word*` prefix words, case-insensitive, no match across punctuation, leftmost-longest)
 * over the words that scan already found, but keyed for the trigger lexicon.
 *
 * Why a matcher of its own: trigger phrases open with common words ("the detention of", "в
 * отношении", "was sentenced"), so the shared matcher's head filter passes most words of a text
 * and then reads every phrase under them. Here a word is first checked against the pairs of
 * first letters that open an entry (one number lookup), then only the phrases under its own
 * word and the roots that share its first two letters are read, with no string cut per root
 * length. Which entry lists a word form opens is worked out once per form and kept (news text
 * repeats its words), so a word costs one lookup. It gives the same matches as the shared matcher (the stage's tests and frozen outputs
 * check it).
 *
 * @module pipeline/stages/extract-events/trigger-matcher
 */
import type { WordMatch, WordScan } from '../extract-crimes/word-lexicon.ts'

/** One lexicon entry (always case-insensitive). */
export interface TriggerEntry<V> {
  readonly phrase: string
  readonly value: V
}

/** A compiled trigger lexicon. */
export interface TriggerMatcher<V> {
  /** Non-overlapping matches over the words of `scan` (a scan of `text`), leftmost-longest. */
  match(text: string, scan: WordScan): WordMatch<V>[]
}

interface Compiled<V> {
  readonly words: readonly { readonly word: string; readonly prefix: boolean }[]
  readonly value: V
  /** Letters the entry spells out: of two entries with as many words, the longer roots win. */
  readonly letters: number
}

/** Entries under one root, in the order they were added. */
interface Root<V> {
  readonly root: string
  readonly entries: Compiled<V>[]
}

// As the shared matcher reads phrases and folds them (`ё` → `е`, typographic apostrophes).
const PHRASE_WORD_RE = /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*\*?/gu

function fold(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[’ʼ]/g, "'")
}

/** The pair of the first two char codes of a word (a one-letter word has none second). */
function pairOf(s: string): number {
  return s.length > 1 ? s.charCodeAt(0) * 0x10001 + s.charCodeAt(1) + 1 : s.charCodeAt(0) * 0x10001
}

/** Tells whether `a` beats `b`: more words, or as many words with longer roots. */
function moreSpecific<V>(a: Compiled<V>, b: Compiled<V>): boolean {
  return (
    a.words.length > b.words.length || (a.words.length === b.words.length && a.letters > b.letters)
  )
}

/** Compiles trigger entries. Build it once per language. */
export function createTriggerMatcher<V>(entries: Iterable<TriggerEntry<V>>): TriggerMatcher<V> {
  const exact = new Map<string, Compiled<V>[]>()
  const roots = new Map<string, Root<V>>()
  for (const entry of entries) {
    const words = [...entry.phrase.matchAll(PHRASE_WORD_RE)].map((m) => {
      const prefix = m[0].endsWith('*')
      return { word: fold(prefix ? m[0].slice(0, -1) : m[0]), prefix }
    })
    const first = words[0]
    if (!first || first.word.length === 0) continue
    const compiled: Compiled<V> = {
      words,
      value: entry.value,
      letters: words.reduce((sum, w) => sum + w.word.length, 0),
    }
    if (first.prefix) {
      const root = roots.get(first.word) ?? { root: first.word, entries: [] }
      root.entries.push(compiled)
      roots.set(first.word, root)
    } else {
      const list = exact.get(first.word) ?? []
      list.push(compiled)
      exact.set(first.word, list)
    }
  }
  // Roots by the pair of letters they open with, shortest first: the shared matcher tries the
  // roots of a word from the shortest, which decides between entries of equal weight. A
  // one-letter root is tried for every word with its letter.
  const rootsByPair = new Map<number, Root<V>[]>()
  const oneLetterRoots = new Map<number, Root<V>[]>()
  for (const r of [...roots.values()].sort((a, b) => a.root.length - b.root.length)) {
    const map = r.root.length > 1 ? rootsByPair : oneLetterRoots
    const key = r.root.length > 1 ? pairOf(r.root) : r.root.charCodeAt(0)
    map.set(key, [...(map.get(key) ?? []), r])
  }
  const heads = new Map<number, Head<V>>()
  const headOf = (pair: number): Head<V> => {
    let head = heads.get(pair)
    if (!head) {
      head = { roots: rootsByPair.get(pair) }
      heads.set(pair, head)
    }
    return head
  }
  for (const key of exact.keys()) headOf(pairOf(key))
  for (const pair of rootsByPair.keys()) headOf(pair)
  return new Matcher(exact, heads, oneLetterRoots)
}

/** What opens with one pair of letters: the pair's roots, from the shortest. */
interface Head<V> {
  readonly roots: readonly Root<V>[] | undefined
}

const PAIR_SLOTS = 1 << 16

/** A slot for a pair of letters (see `pairOf`) in a set of `PAIR_SLOTS` bits. */
function pairSlot(pair: number): number {
  return (pair ^ (pair >>> 12)) & (PAIR_SLOTS - 1)
}

/**
 * Each UTF-16 unit below U+3000 as a word's folded form holds it (lower case, "ё" → "е"), or
 * -1 where that depends on more than the unit: a capital that lowers to two units ("İ"), the
 * capital sigma (its lower case depends on what follows), surrogates, and the typographic
 * apostrophes (the scan replaces them in some words only).
 */
const FOLDED_UNITS = (() => {
  const table = new Int32Array(0x3000)
  for (let c = 0; c < table.length; c++) {
    const lower = String.fromCharCode(c).toLowerCase()
    const l = lower.charCodeAt(0)
    const unsure =
      lower.length !== 1 ||
      c === 0x3a3 ||
      (c >= 0xd800 && c <= 0xdfff) ||
      l === 0x2019 ||
      l === 0x2bc
    table[c] = unsure ? -1 : l === 0x451 ? 0x435 : l
  }
  return table
})()

/** The fold of the unit at `at` (see `FOLDED_UNITS`), -1 where the table has none. */
function foldedUnit(text: string, at: number): number {
  const c = text.charCodeAt(at)
  return c < 0x3000 ? FOLDED_UNITS[c]! : -1
}

/** A slot for the first three letters of a word in a set of `PAIR_SLOTS` bits. */
function tripleSlot(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) >>> 16
}

function hasBit(set: Uint32Array, slot: number): boolean {
  return (set[slot >>> 5]! & (1 << (slot & 31))) !== 0
}

function setBit(set: Uint32Array, slot: number): void {
  set[slot >>> 5]! |= 1 << (slot & 31)
}

/**
 * A match, with its text cut from the document when asked for: hostile input yields a match
 * for every word, and the stage reads the text of a few thousand at most.
 */
class TriggerMatch<V> implements WordMatch<V> {
  readonly #source: string
  readonly start: number
  readonly end: number
  readonly value: V
  readonly wordStart: number
  readonly wordEnd: number

  constructor(
    source: string,
    start: number,
    end: number,
    value: V,
    wordStart: number,
    wordEnd: number,
  ) {
    this.#source = source
    this.start = start
    this.end = end
    this.value = value
    this.wordStart = wordStart
    this.wordEnd = wordEnd
  }
  get text(): string {
    return this.#source.slice(this.start, this.end)
  }
}

/** The entry lists a word form may open (see `Matcher.planFor`), or `null`. */
type Plan<V> = readonly (readonly Compiled<V>[])[] | null

/** Word forms whose plan a matcher keeps: the forms of news text recur from page to page. */
const FORM_CACHE_SIZE = 50_000
/** Longer words are looked up each time they occur. */
const FORM_CACHE_WORD = 64

class Matcher<V> implements TriggerMatcher<V> {
  private readonly exact: ReadonlyMap<string, readonly Compiled<V>[]>
  private readonly heads: ReadonlyMap<number, Head<V>>
  private readonly oneLetterRoots: ReadonlyMap<number, readonly Root<V>[]>
  /** The slots of every pair of `heads`, as a set of bits: most words are ruled out there. */
  private readonly pairBits = new Uint32Array(PAIR_SLOTS >>> 5)
  /**
   * The slots of the first three letters of every exact first word and root of three letters
   * or more, and of the pairs of two-letter roots: a finer test for longer words.
   */
  private readonly tripleBits = new Uint32Array(PAIR_SLOTS >>> 5)
  private readonly rootPairBits = new Uint32Array(PAIR_SLOTS >>> 5)
  /** The plan of each word form met, read once per form rather than once per word. */
  private readonly forms = new Map<string, Plan<V>>()

  constructor(
    exact: ReadonlyMap<string, readonly Compiled<V>[]>,
    heads: ReadonlyMap<number, Head<V>>,
    oneLetterRoots: ReadonlyMap<number, readonly Root<V>[]>,
  ) {
    this.exact = exact
    this.heads = heads
    this.oneLetterRoots = oneLetterRoots
    for (const pair of heads.keys()) setBit(this.pairBits, pairSlot(pair))
    for (const word of exact.keys()) {
      if (word.length >= 3)
        setBit(
          this.tripleBits,
          tripleSlot(word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(2)),
        )
    }
    for (const head of heads.values()) {
      for (const r of head.roots ?? []) {
        const w = r.root
        if (w.length >= 3)
          setBit(this.tripleBits, tripleSlot(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2)))
        else setBit(this.rootPairBits, pairSlot(pairOf(w)))
      }
    }
  }

  match(text: string, scan: WordScan): WordMatch<V>[] {
    const out: WordMatch<V>[] = []
    const norms = scan.norms
    const n = norms.length
    const anyOneLetter = this.oneLetterRoots.size > 0
    const bits = this.pairBits
    const triples = this.tripleBits
    const rootPairs = this.rootPairBits
    const forms = this.forms
    const starts = scan.starts
    const ends = scan.ends
    for (let i = 0; i < n; ) {
      // The filter reads the word's first letters from the text, folded by table, not from its
      // folded form: the text is one string read in order, the forms are as many strings as
      // words, and most words are ruled out here. A letter the table cannot fold gives no
      // answer, and the form is read.
      const at = starts[i]!
      const length = ends[i]! - at
      const f0 = foldedUnit(text, at)
      const f1 = length > 1 ? foldedUnit(text, at + 1) : 0
      const f2 = length > 2 ? foldedUnit(text, at + 2) : 0
      if (f0 > 0 && f1 >= 0 && f2 >= 0) {
        const pair = length > 1 ? f0 * 0x10001 + f1 + 1 : f0 * 0x10001
        const ps = pairSlot(pair)
        const pass =
          length >= 3
            ? hasBit(triples, tripleSlot(f0, f1, f2)) || hasBit(rootPairs, ps)
            : hasBit(bits, ps)
        if (!pass && !(anyOneLetter && this.oneLetterRoots.has(f0))) {
          i++
          continue
        }
      }
      const norm = norms[i]!
      // The pair of first letters, as `pairOf` (inlined: this loop runs for every word, and
      // most of the stage's documents pass before the engine compiles it).
      const first = norm.charCodeAt(0)
      const pair = norm.length > 1 ? first * 0x10001 + norm.charCodeAt(1) + 1 : first * 0x10001
      // A word of three letters or more passes on its first three (or on a two-letter root
      // its pair opens); a shorter one on its pair.
      const ps = pairSlot(pair)
      let pass: boolean
      if (norm.length >= 3) {
        const ts = tripleSlot(first, norm.charCodeAt(1), norm.charCodeAt(2))
        pass = hasBit(triples, ts) || hasBit(rootPairs, ps)
      } else pass = hasBit(bits, ps)
      if (!pass && !(anyOneLetter && this.oneLetterRoots.has(first))) {
        i++
        continue
      }
      let plan = forms.get(norm)
      if (plan === undefined) {
        plan = this.planFor(norm, pair, first)
        // Bounded: hostile input brings words without end, and words of any length.
        if (norm.length <= FORM_CACHE_WORD) {
          if (forms.size >= FORM_CACHE_SIZE) forms.clear()
          forms.set(norm, plan)
        }
      }
      if (plan === null) {
        i++
        continue
      }
      let best: Compiled<V> | null = null
      for (const list of plan) best = this.longest(list, scan, i, best)
      if (best) {
        const last = i + best.words.length
        const start = scan.starts[i]!
        const end = scan.ends[last - 1]!
        out.push(new TriggerMatch(text, start, end, best.value, i, last))
        i = last
      } else i++
    }
    return out
  }

  /**
   * The lists of entries a word may open, in the order they are tried: the exact entries
   * first, then the one-letter roots, then the roots it starts with, from the shortest (the
   * order decides between entries of equal weight). `null` when it opens none.
   */
  private planFor(norm: string, pair: number, first: number): Plan<V> {
    const lists: (readonly Compiled<V>[])[] = []
    const head = this.heads.get(pair)
    const exact = head !== undefined ? this.exact.get(norm) : undefined
    if (exact) lists.push(exact)
    for (const r of this.oneLetterRoots.get(first) ?? []) lists.push(r.entries)
    if (head?.roots && norm.length > 1) {
      for (const r of head.roots) {
        if (r.root.length <= norm.length && norm.startsWith(r.root)) lists.push(r.entries)
      }
    }
    return lists.length > 0 ? lists : null
  }

  /** The longest entry of `list` matching at word `i`, if it beats `best`. */
  private longest(
    list: readonly Compiled<V>[] | undefined,
    scan: WordScan,
    i: number,
    best: Compiled<V> | null,
  ): Compiled<V> | null {
    if (!list) return best
    const norms = scan.norms
    const n = norms.length
    for (const c of list) {
      const len = c.words.length
      if (i + len > n || (best && !moreSpecific(c, best))) continue
      let ok = wordMatches(norms[i]!, c.words[0]!)
      for (let k = 1; k < len && ok; k++) {
        ok = !scan.breakBefore[i + k]! && wordMatches(norms[i + k]!, c.words[k]!)
      }
      if (ok) best = c
    }
    return best
  }
}

function wordMatches(form: string, w: { word: string; prefix: boolean }): boolean {
  return w.prefix ? form.startsWith(w.word) : form === w.word
}
