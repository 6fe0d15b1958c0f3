/**
 * Case-insensitive patterns run as case-sensitive ones over text lower-cased once. V8 runs a
 * long `/iu` alternation several times slower than the same alternation without `i` (measured
 * on the benchmark's sentences: NEW_OCCURRENCE 51 µs against 1.8 µs a sentence), and the stage
 * lower-cases its content once for all its patterns.
 *
 * The two agree where lower-casing a character gives what `/iu` compares it as (its simple case
 * fold): true of ASCII, Latin-1, Latin Extended-A and Cyrillic (Kazakh letters included) except
 * "İ" (two units in lower case), "ſ" and "µ" (they fold to "s" and "μ"), and of characters
 * without case. {@link foldsByLowerCase} tells whether a text holds only such characters;
 * elsewhere the original pattern runs on the original text.
 *
 * @module pipeline/stages/extract-events/lower-case-patterns
 */

/** Whether `/iu` compares every character of `text` as its lower case (see the module). */
export function foldsByLowerCase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x17f) {
      if (c === 0xb5 || c === 0x130) return false
    } else if (c >= 0x400 && c <= 0x4ff) {
      // Cyrillic: lower case and fold agree.
    } else if (!((c >= 0x2000 && c <= 0x20cf) || c === 0x2116)) {
      // General punctuation, currency signs and "№" have no case; anything else is left to `/iu`.
      return false
    }
  }
  return true
}

/**
 * `text` in lower case where {@link foldsByLowerCase} and lower-casing keeps every offset, else
 * `null` (the original patterns then run on the original text).
 */
export function lowerCaseText(text: string): string | null {
  const lowered = text.toLowerCase()
  return lowered.length === text.length && foldsByLowerCase(text) ? lowered : null
}

/**
 * The source of an `/iu` pattern with its literal letters in lower case, for running without
 * `i` over lower-cased text; `null` where that would change what it matches: a case property
 * (`\p{Lu}`, `\p{Ll}`, ...), a negated property, a named group or back-reference.
 */
export function lowerCaseSource(source: string): string | null {
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '\\') {
      const next = source[i + 1] ?? ''
      if (next === 'k' || next === 'P') return null
      if (next === 'p') {
        const close = source.indexOf('}', i)
        if (close < 0) return null
        const name = source.slice(i + 3, close)
        if (name !== 'L' && name !== 'N' && name !== 'M' && name !== 'Letter') return null
        out += source.slice(i, close + 1)
        i = close
        continue
      }
      // A letter given by its code would keep its case.
      if (next === 'u' || next === 'x') {
        const hex = /^(?:u\{([0-9a-f]+)\}|u([0-9a-f]{4})|x([0-9a-f]{2}))/iu.exec(
          source.slice(i + 1),
        )
        const code = hex ? Number.parseInt(hex[1] ?? hex[2] ?? hex[3] ?? '', 16) : Number.NaN
        const char = Number.isNaN(code) ? '' : String.fromCodePoint(code)
        if (!hex || char === '' || char.toLowerCase() !== char || char.toUpperCase() !== char)
          return null
        out += `\\${hex[0]}`
        i += hex[0].length
        continue
      }
      // Other escapes (\s, \S, \b, \d, \u00a0, \., ...) keep their meaning and their case.
      out += ch + next
      i++
      continue
    }
    if (ch === '(' && source.startsWith('(?<', i) && /[\p{L}_$]/u.test(source[i + 3] ?? '')) {
      return null
    }
    out += ch.toLowerCase()
  }
  return out
}

/** The pattern without `i` over lower-cased text (see the module); throws on a case property. */
export function lowerCasePattern(re: RegExp): RegExp {
  const source = lowerCaseSource(re.source)
  if (source === null || !re.flags.includes('i')) {
    throw new Error(`lower-case-patterns: /${re.source}/${re.flags} cannot run lower-cased`)
  }
  return new RegExp(source, re.flags.replace('i', ''))
}
