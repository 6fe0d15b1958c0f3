/**
 * The characters a pattern of `money-patterns.ts` can start with, read from its source, so that
 * the finder can skip the patterns after a number followed by a word that starts with none of
 * them ("5 injured", "12 жылғы"): most numbers in news text are no money.
 *
 * Handles the syntax those patterns use: alternatives, `(?:…)` groups, lookaheads, character
 * classes without ranges, escapes and the quantifiers `? * + {m,n}`. Anything else (a range, a
 * class escape such as `\p{L}` or `\s` at the start) makes {@link firstChars} answer `null`:
 * "could start with anything", and the caller keeps the pattern ungated.
 *
 * @module pipeline/stages/extract-money/first-chars
 */

/** A parse position in a regex source. */
interface Cursor {
  readonly src: string
  at: number
}

/** First characters of an alternation and whether it can match the empty string. */
interface First {
  readonly chars: Set<string> | null
  readonly nullable: boolean
}

/**
 * The literal characters a match of `source` can start with (before case folding), or `null`
 * when the source starts with something this reader does not enumerate.
 */
export function firstChars(source: string): Set<string> | null {
  const cursor = { src: source, at: 0 }
  const first = alternation(cursor)
  if (cursor.at !== source.length || first.nullable) return null
  return first.chars
}

function alternation(c: Cursor): First {
  let chars: Set<string> | null = new Set()
  let nullable = false
  for (;;) {
    const seq = sequence(c)
    chars = union(chars, seq.chars)
    nullable ||= seq.nullable
    if (c.src[c.at] !== '|') return { chars, nullable }
    c.at++
  }
}

function sequence(c: Cursor): First {
  let chars: Set<string> | null = new Set()
  let open = true // every atom so far can match the empty string
  while (c.at < c.src.length && c.src[c.at] !== '|' && c.src[c.at] !== ')') {
    const a = atom(c)
    const optional = quantifier(c)
    if (open) chars = union(chars, a.chars)
    open &&= a.nullable || optional
  }
  return { chars, nullable: open }
}

function atom(c: Cursor): First {
  const ch = c.src[c.at]!
  if (ch === '(') {
    if (c.src.startsWith('(?:', c.at)) {
      c.at += 3
      const inner = alternation(c)
      expect(c, ')')
      return inner
    }
    if (c.src.startsWith('(?!', c.at) || c.src.startsWith('(?=', c.at)) {
      c.at += 3
      alternation(c)
      expect(c, ')')
      return { chars: new Set(), nullable: true }
    }
    c.at++
    const inner = alternation(c)
    expect(c, ')')
    return inner
  }
  if (ch === '[') {
    c.at++
    const chars = new Set<string>()
    let ok = c.src[c.at] !== '^'
    while (c.at < c.src.length && c.src[c.at] !== ']') {
      if (c.src[c.at] === '\\') {
        const escaped = readEscape(c)
        if (escaped === null) ok = false
        else chars.add(escaped)
        continue
      }
      if (c.src[c.at] === '-' && chars.size > 0 && c.src[c.at + 1] !== ']') ok = false
      chars.add(codePointString(c))
    }
    expect(c, ']')
    return { chars: ok ? chars : null, nullable: false }
  }
  if (ch === '\\') {
    const escaped = readEscape(c)
    return { chars: escaped === null ? null : new Set([escaped]), nullable: false }
  }
  if (ch === '.' || ch === '^' || ch === '$') {
    c.at++
    return { chars: null, nullable: ch !== '.' }
  }
  return { chars: new Set([codePointString(c)]), nullable: false }
}

/** An escape: the literal it stands for, or `null` for a class escape (`\s`, `\p{L}`, `\d`…). */
function readEscape(c: Cursor): string | null {
  const next = c.src[c.at + 1]!
  if (/[sSdDwWbBpPuxc0-9]/u.test(next)) {
    c.at += 2
    if ((next === 'p' || next === 'P' || next === 'u') && c.src[c.at] === '{') {
      c.at = c.src.indexOf('}', c.at) + 1
    }
    return null
  }
  c.at += 2
  return next
}

/** Reads a quantifier; `true` when it allows zero repetitions. */
function quantifier(c: Cursor): boolean {
  const ch = c.src[c.at]
  if (ch === '?' || ch === '*') {
    c.at++
    if (c.src[c.at] === '?') c.at++
    return true
  }
  if (ch === '+') {
    c.at++
    if (c.src[c.at] === '?') c.at++
    return false
  }
  const m = /^\{(\d+)(?:,\d*)?\}\??/u.exec(c.src.slice(c.at))
  if (m) {
    c.at += m[0].length
    return m[1] === '0'
  }
  return false
}

function codePointString(c: Cursor): string {
  const cp = c.src.codePointAt(c.at)!
  const s = String.fromCodePoint(cp)
  c.at += s.length
  return s
}

function expect(c: Cursor, ch: string): void {
  if (c.src[c.at] !== ch) throw new Error(`first-chars: expected "${ch}" at ${c.at} in ${c.src}`)
  c.at++
}

function union(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null || b === null) return null
  for (const x of b) a.add(x)
  return a
}

/**
 * A test for "can start a match", closed under the case folding of the patterns' own `iu` flags
 * (the test is itself a case-insensitive expression, so it folds as they do). `null` sets make a
 * test that accepts everything.
 */
export function startTest(sets: readonly (Set<string> | null)[]): (c: number) => boolean {
  if (sets.some((s) => s === null)) return () => true
  const all = new Set<string>()
  for (const s of sets) for (const ch of s!) all.add(ch)
  const re = new RegExp(
    `^[${[...all].map((ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`).join('')}]$`,
    'iu',
  )
  const table = new Uint8Array(0x3000)
  for (let c = 0; c < table.length; c++) table[c] = re.test(String.fromCharCode(c)) ? 1 : 0
  return (c) => (c < table.length ? table[c] === 1 : c >= 0 && re.test(String.fromCodePoint(c)))
}
