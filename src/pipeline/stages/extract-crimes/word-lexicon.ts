/**
 * A fast lexicon matcher for the crime and event stages. Same phrase syntax as
 * `text/phrase-matcher.ts` (`word*` prefix words, case-insensitive unless `caseSensitive`, no
 * match across punctuation), but it lower-cases the text once and scans words with one regular
 * expression, looking only at words that can start an entry: about ten times faster on long
 * documents, which matters because these stages read every word of every document.
 *
 * @module pipeline/stages/extract-crimes/word-lexicon
 */
import { codePointAt, isWordChar } from '../../text/char-class.ts'

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

const PHRASE_WORD_RE = /[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*\*?/gu

function fold(s: string): string {
  // The replacements scan the text again: done only when there is something to replace.
  const lower = s.toLowerCase()
  const yo = lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower
  return yo.includes('’') || yo.includes('ʼ') ? yo.replace(/[’ʼ]/g, "'") : yo
}

/**
 * `fold` of a word, doing only the replacements it needs (it may hold "ё"/"Ё", or typographic
 * apostrophes): no other character lower-cases to either.
 */
function foldWord(word: string, yo: boolean, apostrophe: boolean): string {
  const lower = word.toLowerCase()
  const e = yo ? lower.replace(/ё/g, 'е') : lower
  return apostrophe ? e.replace(/[’ʼ]/g, "'") : e
}

/** `[-'’ʼ]`: joins two runs of word characters into one word. */
function isJoiner(c: number): boolean {
  return c === 0x2d || c === 0x27 || c === 0x2019 || c === 0x2bc
}

/** UTF-16 length of a code point (`-1`, the end, has none). */
function width(cp: number): number {
  return cp > 0xffff ? 2 : 1
}

let lastText: string | null = null
let lastScan: WordScan | null = null
// The head slot of each word of the last scan (see `headSlot`), computed once for the three
// lexicons that read every scan (crimes, crime context, events).
let lastSlots: readonly number[] = []

// Characters below U+3000 that folding changes (capitals, "ё", typographic apostrophes). A word
// with none of them is its own fold; from U+3000 on, a word is folded as a precaution.
// One table read per character in the scan: whether it belongs to a word, whether folding
// changes it, whether it is "ё"/"Ё".
const FOLD_TABLE = 0x3000
const WORD_BIT = 1
const FOLD_BIT = 2
const YO_BIT = 4
const CHARS = new Uint8Array(FOLD_TABLE)
for (let c = 0; c < FOLD_TABLE; c++) {
  const ch = String.fromCharCode(c)
  CHARS[c] =
    (isWordChar(c) ? WORD_BIT : 0) |
    (fold(ch) !== ch ? FOLD_BIT : 0) |
    (c === 0x451 || c === 0x401 ? YO_BIT : 0)
}
// The one character that lower-cases by context (final sigma): with it, words are cut from the
// text folded as a whole, as they always were.
const SIGMA = 'Σ'

/** Splits a text into words. The last result is kept, so stages reading one text share it. */
export function scanWords(text: string): WordScan {
  if (lastText === text && lastScan) return lastScan
  // Lower-casing maps each character to one of the same word class (checked over all of
  // Unicode), so words are found in the text as written. Each word is then folded on its own,
  // and only when it has a character that folding changes: in prose most words are already
  // lower-case, and lower-casing a whole Cyrillic text costs as much as the rest of the scan.
  let folded: string | null = null
  if (text.includes(SIGMA)) {
    folded = fold(text)
    // Lower-casing keeps offsets for the scripts we read; where it would not ("İ"), fold per word.
    if (folded.length !== text.length) folded = null
  }
  const norms: string[] = []
  const slots: number[] = []
  const starts: number[] = []
  const ends: number[] = []
  const breakBefore: boolean[] = []
  let prevEnd = 0
  // Words are what `/[\p{L}\p{N}\p{M}]+(?:[-'’ʼ][\p{L}\p{N}\p{M}]+)*/gu` matches, read with a
  // loop over code points: no match object per word.
  // Characters below FOLD_TABLE (never surrogates) are read from the table; others as code
  // points, and a word with one is folded in full.
  const length = text.length
  for (let i = 0; i < length; ) {
    const first = text.charCodeAt(i)
    if (first < FOLD_TABLE) {
      if ((CHARS[first]! & WORD_BIT) === 0) {
        i++
        continue
      }
    } else {
      const cp = codePointAt(text, i)
      if (!isWordChar(cp)) {
        i += width(cp)
        continue
      }
    }
    const start = i
    // What folding the word involves: lower-casing, "ё", typographic apostrophes.
    let changes = false
    let yo = false
    let apostrophe = false
    for (;;) {
      while (i < length) {
        const c = text.charCodeAt(i)
        if (c < FOLD_TABLE) {
          const bits = CHARS[c]!
          if ((bits & WORD_BIT) === 0) break
          if ((bits & FOLD_BIT) !== 0) {
            changes = true
            if ((bits & YO_BIT) !== 0) yo = true
          }
          i++
        } else {
          const cp = codePointAt(text, i)
          if (!isWordChar(cp)) break
          changes = yo = apostrophe = true
          i += width(cp)
        }
      }
      // A joiner continues the word only when a word character follows it.
      if (i >= length) break
      const c = text.charCodeAt(i)
      if (!isJoiner(c) || !isWordChar(codePointAt(text, i + 1))) break
      if (c !== 0x2d && c !== 0x27) changes = apostrophe = true
      i += 1
    }
    const end = i
    let gap = false
    for (let i = prevEnd; i < start; i++) {
      const c = text.charCodeAt(i)
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 160) {
        gap = true
        break
      }
    }
    const word = text.slice(start, end)
    const norm =
      folded !== null ? folded.slice(start, end) : changes ? foldWord(word, yo, apostrophe) : word
    norms.push(norm)
    slots.push(headSlot(norm, Math.min(3, norm.length)))
    starts.push(start)
    ends.push(end)
    breakBefore.push(gap)
    prevEnd = end
  }
  const scan = { norms, starts, ends, breakBefore }
  lastText = text
  lastScan = scan
  lastSlots = slots
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

const HEAD_SLOTS = 1 << 16
const KEY_SLOTS = 1 << 16
const KEY_SHIFT = 16
const HASH_SEED = 0x811c9dc5
const HASH_PRIME = 0x01000193

/** FNV-1a of the first `n` char codes of `s`, as computed step by step in `match`. */
function keyHash(s: string, n: number): number {
  let h = HASH_SEED
  for (let k = 0; k < n; k++) h = Math.imul(h ^ s.charCodeAt(k), HASH_PRIME)
  return h
}

function hasBit(bits: Uint32Array, slot: number): boolean {
  return (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0
}

/** A slot for the first `n` (1 to 3) char codes of `s`, which has at least `n`. */
function headSlot(s: string, n: number): number {
  const a = s.charCodeAt(0)
  const b = n > 1 ? s.charCodeAt(1) + 1 : 0
  const c = n > 2 ? s.charCodeAt(2) + 1 : 0
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35) ^ n) >>> 16
}

/** Compiles entries into a matcher. Build it once, at module level. */
export function createWordLexicon<V>(entries: Iterable<WordEntry<V>>): WordLexicon<V> {
  const lexicon = new CompiledLexicon<V>()
  for (const entry of entries) lexicon.add(entry)
  return lexicon
}

/**
 * The matcher. A class rather than closures: every lexicon (crimes, crime context, events, per
 * language) runs the same methods, which the engine can then inline into the word loop.
 */
class CompiledLexicon<V> implements WordLexicon<V> {
  private readonly exact = new Map<string, Compiled<V>[]>()
  private readonly byRoot = new Map<string, Compiled<V>[]>()
  // Hashes of every exact key and of every prefix root, as sets of bits, and the lengths of the
  // roots: a word is looked up in a map (a slice, a hash of the string, a probe of a table that
  // the other stages have pushed out of the processor's cache) only where its hash is in the
  // set, which for most words it is not.
  private readonly exactHashes = new Uint32Array(KEY_SLOTS >>> 5)
  private readonly rootHashes = new Uint32Array(KEY_SLOTS >>> 5)
  private readonly rootLengths: boolean[] = []
  // The first three letters of every key (the whole key when shorter), hashed into a set of
  // bits: a word whose head is not there cannot start an entry, which rules out most words of a
  // text with one array read instead of a map lookup and a walk of the trie. 8 KB, so that it
  // stays in the processor's cache between documents while the other stages run.
  private readonly heads = new Uint32Array(HEAD_SLOTS >>> 5)
  private shortRoots = false

  add(entry: WordEntry<V>): void {
    const words = [...entry.phrase.matchAll(PHRASE_WORD_RE)].map((m) => {
      const prefix = m[0].endsWith('*')
      const raw = prefix ? m[0].slice(0, -1) : m[0]
      return { word: entry.caseSensitive ? raw : fold(raw), prefix }
    })
    const first = words[0]
    if (!first) return
    const compiled = { words, entry, letters: words.reduce((sum, w) => sum + w.word.length, 0) }
    const key = entry.caseSensitive ? fold(first.word) : first.word
    const slot = headSlot(key, Math.min(3, key.length))
    this.heads[slot >>> 5]! |= 1 << (slot & 31)
    if (first.prefix && key.length < 3) this.shortRoots = true
    const hash = keyHash(key, key.length) >>> KEY_SHIFT
    if (first.prefix) {
      this.rootHashes[hash >>> 5]! |= 1 << (hash & 31)
      this.rootLengths[key.length] = true
      this.byRoot.set(key, [...(this.byRoot.get(key) ?? []), compiled])
    } else {
      this.exactHashes[hash >>> 5]! |= 1 << (hash & 31)
      this.exact.set(key, [...(this.exact.get(key) ?? []), compiled])
    }
  }

  match(text: string, scan: WordScan = scanWords(text)): WordMatch<V>[] {
    const out: WordMatch<V>[] = []
    const norms = scan.norms
    const n = norms.length
    const slots =
      scan === lastScan ? lastSlots : norms.map((w) => headSlot(w, Math.min(3, w.length)))
    for (let i = 0; i < n; ) {
      const norm = norms[i]!
      if (!this.mayStart(norm, slots[i]!)) {
        i++
        continue
      }
      // The exact entries first, then the roots from the shortest: the order that decides
      // between entries of equal weight.
      const whole = keyHash(norm, norm.length) >>> KEY_SHIFT
      let best = hasBit(this.exactHashes, whole)
        ? this.longest(this.exact.get(norm), scan, text, i, null)
        : null
      const reach = Math.min(norm.length, this.rootLengths.length - 1)
      let h = HASH_SEED
      for (let k = 0; k < reach; k++) {
        h = Math.imul(h ^ norm.charCodeAt(k), HASH_PRIME)
        if (this.rootLengths[k + 1] === true && hasBit(this.rootHashes, h >>> KEY_SHIFT)) {
          best = this.longest(this.byRoot.get(norm.slice(0, k + 1)), scan, text, i, best)
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
  }

  private hasHead(slot: number): boolean {
    return (this.heads[slot >>> 5]! & (1 << (slot & 31))) !== 0
  }

  /**
   * Whether some key has the head of `norm` (never false for a word that starts an entry). A
   * word shorter than three letters can only be a whole exact key or start with a short root.
   */
  private mayStart(norm: string, slot: number): boolean {
    if (this.hasHead(slot)) return true
    if (!this.shortRoots) return false
    return this.hasHead(headSlot(norm, 1)) || (norm.length > 2 && this.hasHead(headSlot(norm, 2)))
  }

  /** The longest entry of `list` matching at word `i`, if longer than `best`. */
  private longest(
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
}

function wordMatches(
  scan: WordScan,
  text: string,
  i: number,
  w: { word: string; prefix: boolean },
  sensitive: boolean,
): boolean {
  const form = sensitive ? text.slice(scan.starts[i]!, scan.ends[i]!) : scan.norms[i]!
  return w.prefix ? form.startsWith(w.word) : form === w.word
}
