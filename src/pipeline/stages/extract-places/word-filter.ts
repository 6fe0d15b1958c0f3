/**
 * Bit tables that turn most words away before a set look-up or a lower-casing: the rules that
 * walk every token of a document ask them first. A table only ever says "maybe" or "no": every
 * word it lets through still meets the exact test.
 *
 * @module pipeline/stages/extract-places/word-filter
 */

/** Slots of the words of an exact-word filter: see {@link exactWordFilter}. */
export type ExactWordFilter = Uint8Array

/** Builds a filter of exact words, by first and last unit and length. */
export function exactWordFilter(words: Iterable<string>): ExactWordFilter {
  const bits = new Uint8Array(0x10000)
  for (const w of words) {
    if (w.length > 0) {
      bits[((w.charCodeAt(0) * 31 + w.charCodeAt(w.length - 1)) * 31 + w.length) & 0xffff] = 1
    }
  }
  return bits
}

/** Whether `word` may be one of the filter's words; `false` means it is none of them. */
export function mayBeIn(filter: ExactWordFilter, word: string): boolean {
  const n = word.length
  return (
    n > 0 && filter[((word.charCodeAt(0) * 31 + word.charCodeAt(n - 1)) * 31 + n) & 0xffff] === 1
  )
}

/**
 * The UTF-16 units that can stand second in a word whose lower-cased (and `ё`-folded, as
 * `foldWord` does for Cyrillic) form starts like one of `forms` (lower case): each form's
 * second letter in both cases, `ё` for `е`, and the Unicode hyphens for `-`. A word whose
 * second unit is not marked starts like none of them.
 */
export function secondUnitFilter(forms: Iterable<string>): Uint8Array {
  const bits = new Uint8Array(0x10000)
  const mark = (ch: string) => {
    if (ch.length === 1) bits[ch.charCodeAt(0)] = 1
  }
  for (const form of forms) {
    if (form.length < 2) continue
    const second = form[1]!
    mark(second)
    mark(second.toUpperCase())
    if (second === 'е') for (const ch of 'ёЁ') mark(ch)
    if (second === '-') for (const ch of '‐‑') mark(ch)
  }
  return bits
}
