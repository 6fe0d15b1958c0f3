/**
 * Cues: the words (or years) that every match of a date rule contains, found for all rules in
 * one pass over the text. A rule then runs only on short windows around its own cues: "в марте"
 * needs a Russian month, "two years ago" needs "ago", "26.12.2025" a year. Most
 * rules have no cue at all in a given text, so most of the regex work is skipped.
 *
 * The pass reads each character once and looks up the (case-folded) pair of letters that starts
 * there in a table; only a known pair leads to comparing a whole word. A single regex with a
 * hundred alternatives costs several times more, as the engine tries each alternative at each
 * position.
 *
 * @module pipeline/stages/extract-dates/date-cues
 */

/** What every match of a rule contains; one of `words`, `exact` or `year` is enough. */
export interface Cue {
  /** Lower-case words, found in any letter case (the rules use the `i` flag), inside words too. */
  readonly words?: readonly string[]
  /** Words found only as written (the capitalised English months of case-sensitive rules). */
  readonly exact?: readonly string[]
  /** A year: a run of exactly four ASCII digits between 1950 and 2049. */
  readonly year?: boolean
}

/** A stretch of text that a rule's regex runs on. */
export interface Window {
  readonly start: number
  readonly end: number
  /** `text.slice(start, end)`, cut once for all the rules that share the window. */
  readonly text: string
}

/** How far around a cue a match may reach (the longest date written around its cue word). */
const MARGIN_BEFORE = 60
const MARGIN_AFTER = 100

/**
 * Simple case folding for the letters the cue words use. `toLowerCase` agrees with the `iu`
 * regex flags on all of them except a few letters that fold onto Latin or Cyrillic ones (the long
 * s, the Kelvin sign, old Cyrillic letter variants), added by hand; `date-cues.test.ts` checks the
 * table against the regex engine.
 */
const FOLD = new Uint16Array(0x500)
for (let c = 0; c < FOLD.length; c++) {
  const lower = String.fromCharCode(c).toLowerCase()
  FOLD[c] = lower.length === 1 ? lower.charCodeAt(0) : c
}
FOLD[0x17f] = 0x73 // ſ → s
const FOLD_HIGH: ReadonlyMap<number, number> = new Map([
  [0x1c80, 0x432], // ᲀ → в
  [0x1c81, 0x434], // ᲁ → д
  [0x1c82, 0x43e], // ᲂ → о
  [0x1c83, 0x441], // ᲃ → с
  [0x1c84, 0x442], // ᲄ → т
  [0x1c85, 0x442], // ᲅ → т
  [0x1c86, 0x44a], // ᲆ → ъ
  [0x1e9e, 0xdf], // ẞ → ß
  [0x212a, 0x6b], // K (Kelvin) → k
  [0x212b, 0xe5], // Å (Angstrom) → å
])

/** The folded form of a UTF-16 code unit (the unit itself when it has none). */
export function foldCode(c: number): number {
  return c < 0x500 ? FOLD[c]! : (FOLD_HIGH.get(c) ?? c)
}

const DIGIT = -2

/** Script bits: a Latin letter (A–Z), a Russian one (А–я, Ё), a Kazakh one (Ә … І). */
export const LATIN = 1
export const CYRILLIC = 2
export const KAZAKH = 4
const SCRIPT = new Uint8Array(0x500)
for (let c = 0x41; c <= 0x7a; c++) if (c <= 0x5a || c >= 0x61) SCRIPT[c] = LATIN
for (let c = 0x410; c <= 0x44f; c++) SCRIPT[c] = CYRILLIC
SCRIPT[0x401] = CYRILLIC
SCRIPT[0x451] = CYRILLIC
for (const ch of 'әғқңөұүһіӘҒҚҢӨҰҮҺІ') SCRIPT[ch.charCodeAt(0)] = KAZAKH

/** The script bits of the letters in `text`. */
export function scriptsIn(text: string): number {
  let mask = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x500) mask |= SCRIPT[c]!
  }
  return mask
}

/** Whether a UTF-16 code unit is `\s` of a `u` regex (white space and line terminators). */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

interface Needle {
  readonly codes: readonly number[]
  /** Compare with the text as written, not folded. */
  readonly exact: boolean
  /** The cues this word belongs to. */
  readonly cues: number[]
}

/** Finds the cues of a fixed set of rules; build once, scan many texts. */
export class CueScanner {
  readonly #cues: readonly Cue[]
  readonly #slot = new Int16Array(0x500).fill(-1)
  /** The slot of each code unit below U+0500 after folding; `DIGIT` for 0-9, -1 for none. */
  readonly #codeSlot = new Int16Array(0x500)
  readonly #slots: number
  /** Needles by the slots of their first two folded letters. */
  readonly #pairs: Int32Array
  readonly #pairLists: Needle[][] = []
  /**
   * Per pair list, 64 bits: which third letters (folded, modulo 64) its needles can go on with;
   * all set when a needle has only two letters. A pair of common letters ("по", "th") starts many
   * words that no needle continues: one bit read rules them out before comparing any needle.
   */
  readonly #thirds: Uint32Array
  /** The cues that a year satisfies. */
  readonly #yearCues: number[] = []

  constructor(cues: readonly Cue[]) {
    this.#cues = cues
    const byWord = new Map<string, Needle>()
    cues.forEach((cue, i) => {
      if (cue.year) this.#yearCues.push(i)
      for (const [words, exact] of [
        [cue.words ?? [], false],
        [cue.exact ?? [], true],
      ] as const) {
        for (const w of words) {
          if (w.length < 2) throw new Error(`date cue "${w}" is shorter than two letters`)
          const key = `${exact ? '=' : '~'}${w}`
          let needle = byWord.get(key)
          if (!needle) {
            const codes = [...w].map((ch) => ch.charCodeAt(0))
            needle = { codes: exact ? codes : codes.map(foldCode), exact, cues: [] }
            byWord.set(key, needle)
          }
          if (!needle.cues.includes(i)) needle.cues.push(i)
        }
      }
    })
    let slots = 0
    for (const n of byWord.values()) {
      for (const c of n.codes.slice(0, 2)) {
        const f = foldCode(c)
        if (f >= 0x500) throw new Error(`date cue letter ${String.fromCharCode(c)} is out of range`)
        if (this.#slot[f] === -1) this.#slot[f] = slots++
      }
    }
    this.#slots = slots
    for (let c = 0; c < 0x500; c++)
      this.#codeSlot[c] = c >= 0x30 && c <= 0x39 ? DIGIT : this.#slot[FOLD[c]!]!
    this.#pairs = new Int32Array(slots * slots).fill(-1)
    for (const n of byWord.values()) {
      const k = this.#slot[foldCode(n.codes[0]!)]! * slots + this.#slot[foldCode(n.codes[1]!)]!
      if (this.#pairs[k] === -1) {
        this.#pairs[k] = this.#pairLists.length
        this.#pairLists.push([])
      }
      const list = this.#pairLists[this.#pairs[k]!]!
      list.push(n)
    }
    this.#thirds = new Uint32Array(this.#pairLists.length * 2)
    this.#pairLists.forEach((list, k) => {
      for (const n of list) {
        if (n.codes.length < 3) {
          this.#thirds[2 * k] = 0xffffffff
          this.#thirds[2 * k + 1] = 0xffffffff
        } else {
          // An exact needle's letter folds as the text's letter that equals it.
          const t = foldCode(n.codes[2]!) & 63
          this.#thirds[2 * k + (t >> 5)]! |= 1 << (t & 31)
        }
      }
    })
  }

  /** Where each cue occurs in `text`: per cue, the `[start, end)` pairs in text order. */
  scan(text: string): CueHits {
    const found: number[][] = new Array(this.#cues.length).fill(NONE)
    const codeSlot = this.#codeSlot
    const slots = this.#slots
    const pairs = this.#pairs
    const pairLists = this.#pairLists
    const thirds = this.#thirds
    const n = text.length
    let prev = -1
    let digitsFrom = -1
    let scripts = 0
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      let s: number
      if (c < 0x500) {
        s = codeSlot[c]!
        scripts |= SCRIPT[c]!
      } else s = this.#highSlot(c)
      if (s === DIGIT) {
        if (digitsFrom < 0) digitsFrom = i
        prev = -1
        continue
      }
      if (digitsFrom >= 0) {
        if (i - digitsFrom === 4) this.#year(text, digitsFrom, found)
        digitsFrom = -1
      }
      if (prev >= 0 && s >= 0) {
        const k = pairs[prev * slots + s]!
        if (k >= 0 && (i + 1 >= n || hasThird(thirds, k, text.charCodeAt(i + 1))))
          for (const needle of pairLists[k]!) this.#match(text, i - 1, needle, found)
      }
      prev = s
    }
    if (digitsFrom >= 0 && n - digitsFrom === 4) this.#year(text, digitsFrom, found)
    return new CueHits(text, found, scripts)
  }

  #highSlot(c: number): number {
    const f = FOLD_HIGH.get(c)
    return f === undefined ? -1 : this.#codeSlot[f]!
  }

  #year(text: string, at: number, found: number[][]): void {
    const y =
      (text.charCodeAt(at) - 48) * 1000 +
      (text.charCodeAt(at + 1) - 48) * 100 +
      (text.charCodeAt(at + 2) - 48) * 10 +
      (text.charCodeAt(at + 3) - 48)
    if (y < 1950 || y > 2049) return
    for (const cue of this.#yearCues) add(found, cue, at, at + 4)
  }

  #match(text: string, at: number, needle: Needle, found: number[][]): void {
    const codes = needle.codes
    const end = at + codes.length
    if (end > text.length) return
    if (needle.exact) {
      for (let j = 0; j < codes.length; j++) if (text.charCodeAt(at + j) !== codes[j]) return
    } else {
      for (let j = 2; j < codes.length; j++)
        if (foldCode(text.charCodeAt(at + j)) !== codes[j]) return
    }
    for (const cue of needle.cues) add(found, cue, at, end)
  }
}

/** Whether pair list `k` has a needle that can go on with the code unit `c` (see `#thirds`). */
function hasThird(thirds: Uint32Array, k: number, c: number): boolean {
  const t = foldCode(c) & 63
  return (thirds[2 * k + (t >> 5)]! & (1 << (t & 31))) !== 0
}

/** Shared by every cue not (yet) found in a text: most cues are absent, so no array each. */
const NONE: readonly number[] = Object.freeze([]) as readonly number[]

function add(found: number[][], cue: number, start: number, end: number): void {
  const spans = found[cue]!
  if (spans === NONE) found[cue] = [start, end]
  else spans.push(start, end)
}

/** The cues found in one text, and the windows around them (cut on first use). */
export class CueHits {
  readonly #text: string
  readonly #found: readonly (readonly number[])[]
  readonly #windows: (readonly Window[] | undefined)[] = []

  /** The script bits of the letters in the text (as `scriptsIn`). */
  readonly scripts: number

  constructor(text: string, found: readonly (readonly number[])[], scripts: number) {
    this.#text = text
    this.#found = found
    this.scripts = scripts
  }

  /** Whether cue `i` occurs at all. */
  has(i: number): boolean {
    return this.#found[i]!.length > 0
  }

  /** The `[start, end)` pairs of the occurrences of cue `i`, flat, in text order. */
  spans(i: number): readonly number[] {
    return this.#found[i]!
  }

  /** The windows around the occurrences of cue `i`, overlapping ones merged, in text order. */
  windows(i: number): readonly Window[] {
    let out = this.#windows[i]
    if (!out) {
      out = mergeWindows(this.#text, this.#found[i]!)
      this.#windows[i] = out
    }
    return out
  }
}

function mergeWindows(text: string, spans: readonly number[]): Window[] {
  const out: Window[] = []
  let start = -1
  let end = -1
  for (let k = 0; k < spans.length; k += 2) {
    const s = Math.max(0, spans[k]! - MARGIN_BEFORE)
    const e = Math.min(text.length, spans[k + 1]! + MARGIN_AFTER)
    if (start >= 0 && s <= end) end = Math.max(end, e)
    else {
      if (start >= 0) out.push({ start, end, text: text.slice(start, end) })
      start = s
      end = e
    }
  }
  if (start >= 0) out.push({ start, end, text: text.slice(start, end) })
  return out
}
