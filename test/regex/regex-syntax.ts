/**
 * A small parser of JavaScript regular-expression syntax, and the adversarial inputs built
 * from it. The parser only needs the structure that backtracking cares about (sequences,
 * alternations, groups, quantifiers); what a single-character atom matches (a class, an escape,
 * `.`) is left to the engine itself: sample characters are found by testing candidates against
 * the atom compiled alone with the pattern's flags.
 *
 * For every repeated part (a quantifier that allows more than a few repetitions) the attack
 * inputs are `prefix + pump × k + suffix`: the prefix is a string that leads the pattern up to
 * the quantifier, the pump is a string its body matches (and pairs of them, for overlapping
 * alternatives), the suffix makes the match fail at the end so that the engine has to try every
 * other way. This is how exponential (`(a+)+$`) and polynomial (`\s*\s*$`, `a*a*b`) backtracking
 * and quadratic searches (`\s+$` tried at every start) are provoked.
 */

export type Node =
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly alts: readonly Node[] }
  | { readonly t: 'group'; readonly body: Node; readonly look: 'none' | 'pos' | 'neg' }
  | {
      readonly t: 'quant'
      readonly body: Node
      readonly min: number
      readonly max: number
      readonly id: number
    }
  | { readonly t: 'atom'; readonly src: string }
  | { readonly t: 'empty' }

/** Thrown for syntax this parser does not model; the caller reports the pattern. */
export class RegexSyntaxError extends Error {}

/** Parses `source` (a RegExp's `source`) under `flags`. */
export function parseRegex(source: string, flags: string): Node {
  const unicode = flags.includes('u') || flags.includes('v')
  const vMode = flags.includes('v')
  let i = 0
  let quantIds = 0

  function parseAlt(): Node {
    const alts: Node[] = [parseSeq()]
    while (source[i] === '|') {
      i++
      alts.push(parseSeq())
    }
    return alts.length === 1 ? (alts[0] as Node) : { t: 'alt', alts }
  }

  function parseSeq(): Node {
    const items: Node[] = []
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = parseAtom()
      items.push(parseQuantifier(atom))
    }
    if (items.length === 0) return { t: 'empty' }
    return items.length === 1 ? (items[0] as Node) : { t: 'seq', items }
  }

  function parseQuantifier(atom: Node): Node {
    let node = atom
    for (;;) {
      const c = source[i]
      let min: number
      let max: number
      if (c === '*') {
        min = 0
        max = Number.POSITIVE_INFINITY
        i++
      } else if (c === '+') {
        min = 1
        max = Number.POSITIVE_INFINITY
        i++
      } else if (c === '?') {
        min = 0
        max = 1
        i++
      } else if (c === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i, i + 24))
        if (!m) return node
        min = Number(m[1])
        max = m[2] ? (m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY) : min
        i += m[0].length
      } else return node
      if (source[i] === '?') i++ // lazy: the same backtracking, in another order
      node = { t: 'quant', body: node, min, max, id: quantIds++ }
    }
  }

  function parseAtom(): Node {
    const c = source[i] as string
    if (c === '(') return parseGroup()
    if (c === '[') return { t: 'atom', src: readClass() }
    if (c === '^' || c === '$') {
      i++
      return { t: 'empty' }
    }
    if (c === '\\') return parseEscape()
    // A lone `{`/`}`/`]` is a literal outside unicode mode; a code point is one atom.
    const cp = source.codePointAt(i) as number
    const ch = String.fromCodePoint(cp)
    i += ch.length
    if (c === '.') return { t: 'atom', src: '.' }
    return { t: 'atom', src: ch === '/' ? '\\/' : ch }
  }

  function parseEscape(): Node {
    const rest = source.slice(i, i + 16)
    // Word boundaries are assertions; backreferences match what the group matched (modelled as
    // nothing: the attack inputs then merely miss what a backreference would add).
    if (/^\\[bB]/.test(rest)) {
      i += 2
      return { t: 'empty' }
    }
    const back = /^\\(?:[1-9]\d*|k<[^>]+>)/.exec(rest)
    if (back && (unicode || /^\\k/.test(back[0]) || /^\\[1-9]/.test(back[0]))) {
      i += back[0].length
      return { t: 'empty' }
    }
    const m =
      /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|0|[dDwWsS]|.)/su.exec(
        source.slice(i, i + 64),
      )
    if (!m) throw new RegexSyntaxError(`bad escape at ${i}`)
    i += m[0].length
    return { t: 'atom', src: m[0] }
  }

  function readClass(): string {
    const start = i
    i++ // [
    let depth = 1
    if (source[i] === '^') i++
    while (i < source.length && depth > 0) {
      const c = source[i]
      if (c === '\\') i += 2
      else if (c === '[' && vMode) {
        depth++
        i++
      } else if (c === ']') {
        depth--
        i++
      } else i++
    }
    if (depth !== 0) throw new RegexSyntaxError(`unterminated class at ${start}`)
    return source.slice(start, i)
  }

  function parseGroup(): Node {
    i++ // (
    let look: 'none' | 'pos' | 'neg' = 'none'
    const head = /^\?(?:<=|<!|=|!|:|<[^>=!]+>|[imsx-]+:)?/.exec(source.slice(i, i + 64))?.[0] ?? ''
    if (head === '?=' || head === '?<=') look = 'pos'
    else if (head === '?!' || head === '?<!') look = 'neg'
    else if (head.startsWith('?') && head.length === 1) throw new RegexSyntaxError('bad group')
    i += head.length
    const body = parseAlt()
    if (source[i] !== ')') throw new RegexSyntaxError(`unclosed group at ${i}`)
    i++
    return { t: 'group', body, look }
  }

  const node = parseAlt()
  if (i !== source.length) throw new RegexSyntaxError(`unexpected ')' at ${i}`)
  return node
}

// ---------------------------------------------------------------------------------------------
// Sample strings

// Candidate characters for atoms: the scripts Tergeu reads, digits, spaces, punctuation and the
// invisible characters hostile pages carry.
const CANDIDATES = [
  ...'aZ0 \n.,-/:;!?()"\'«»—–№$₸%_+*#@&',
  ...'бЯқҚөӘәұҮүһіІңғ',
  ...'xk1\t\u00A0\u200B\u202E\uFEFFeE',
  'ё',
  'é',
  '٣',
  '\u0000',
]

const atomSamples = new Map<string, string[]>()

/** Up to three characters the atom matches, of different kinds when it can. */
function samplesOfAtom(src: string, flags: string): string[] {
  const key = `${flags}\u0000${src}`
  const cached = atomSamples.get(key)
  if (cached) return cached
  let re: RegExp
  try {
    re = new RegExp(`^(?:${src})$`, flags.replace(/[gy]/g, ''))
  } catch {
    re = /^$/
  }
  const found: string[] = []
  for (const c of CANDIDATES) {
    if (re.test(c)) found.push(c)
    if (found.length >= 3) break
  }
  // A literal character or escape outside the candidate list: try the atom itself.
  if (found.length === 0) {
    const literal = src.startsWith('\\') ? unescapeAtom(src) : src
    if (literal !== null && re.test(literal)) found.push(literal)
  }
  atomSamples.set(key, found)
  return found
}

function unescapeAtom(src: string): string | null {
  const u = /^\\u\{?([0-9a-fA-F]+)\}?$/.exec(src) ?? /^\\x([0-9a-fA-F]{2})$/.exec(src)
  if (u) return String.fromCodePoint(Number.parseInt(u[1] as string, 16))
  if (src.length === 2) return src[1] as string
  return null
}

const K = 3

/** Up to K strings the node matches (best effort: lookarounds and backreferences are ignored). */
export function samples(node: Node, flags: string): string[] {
  switch (node.t) {
    case 'empty':
      return ['']
    case 'atom':
      return samplesOfAtom(node.src, flags)
    case 'group':
      return node.look === 'none' ? samples(node.body, flags) : ['']
    case 'alt': {
      const out: string[] = []
      for (const a of node.alts) for (const s of samples(a, flags).slice(0, 1)) out.push(s)
      return dedupe(out).slice(0, 8)
    }
    case 'seq': {
      const parts = node.items.map((n) => samples(n, flags))
      if (parts.some((p) => p.length === 0)) return []
      const out: string[] = []
      for (let k = 0; k < K; k++) out.push(parts.map((p) => p[k % p.length]).join(''))
      return dedupe(out)
    }
    case 'quant': {
      const body = samples(node.body, flags)
      if (node.min === 0) return ['', ...body.slice(0, K - 1)]
      return body.map((s) => s.repeat(Math.min(node.min, 4)))
    }
  }
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)]
}

/** A string that leads the pattern from its start to the quantifier `id` ('' when unknown). */
function prefixTo(node: Node, id: number, flags: string): string | null {
  switch (node.t) {
    case 'empty':
    case 'atom':
      return null
    case 'group':
      return node.look === 'none' ? prefixTo(node.body, id, flags) : null
    case 'alt': {
      for (const a of node.alts) {
        const p = prefixTo(a, id, flags)
        if (p !== null) return p
      }
      return null
    }
    case 'seq': {
      let before = ''
      for (const item of node.items) {
        const p = prefixTo(item, id, flags)
        if (p !== null) return before + p
        before += samples(item, flags)[0] ?? ''
      }
      return null
    }
    case 'quant':
      if (node.id === id) return ''
      return prefixTo(node.body, id, flags)
  }
}

/** A quantifier worth attacking, with how many unbounded quantifiers enclose it. */
interface Repeat {
  readonly node: Extract<Node, { t: 'quant' }>
  readonly depth: number
}

function repeats(node: Node, depth: number, out: Repeat[]): void {
  switch (node.t) {
    case 'group':
      repeats(node.body, depth, out)
      return
    case 'alt':
      for (const a of node.alts) repeats(a, depth, out)
      return
    case 'seq':
      for (const n of node.items) repeats(n, depth, out)
      return
    case 'quant': {
      const many = node.max >= 8
      if (many) out.push({ node, depth: depth + 1 })
      repeats(node.body, depth + (many ? 1 : 0), out)
      return
    }
    default:
      return
  }
}

/** One adversarial input family: the string is `prefix + pump.repeat(k) + suffix`. */
export interface Attack {
  readonly prefix: string
  readonly pump: string
  readonly suffix: string
}

const SUFFIXES = ['', '\u0000', '!1a\n']

/** Attack inputs for a pattern, most nested quantifiers first, at most `limit` of them. */
export function attacks(source: string, flags: string, limit = 40): Attack[] {
  const tree = parseRegex(source, flags)
  const found: Repeat[] = []
  repeats(tree, 0, found)
  found.sort((a, b) => b.depth - a.depth)
  const perRepeat: Attack[][] = []
  for (const r of found) {
    const body = samples(r.node.body, flags).filter((s) => s.length > 0)
    const pumps = dedupe([...body, ...(body.length > 1 ? [`${body[0]}${body[1]}`] : [])]).slice(
      0,
      4,
    )
    const prefixes = dedupe(['', prefixTo(tree, r.node.id, flags) ?? ''])
    const list: Attack[] = []
    for (const pump of pumps)
      for (const prefix of prefixes)
        for (const suffix of SUFFIXES) list.push({ prefix, pump, suffix })
    perRepeat.push(list)
  }
  // Round-robin over the repeats so that a pattern with many gets each of them tried.
  const out: Attack[] = []
  const seen = new Set<string>()
  for (let k = 0; out.length < limit; k++) {
    let any = false
    for (const list of perRepeat) {
      const a = list[k]
      if (!a) continue
      any = true
      const key = `${a.prefix}\u0001${a.pump}\u0001${a.suffix}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(a)
      if (out.length >= limit) break
    }
    if (!any) break
  }
  return out
}

/** The attack's input at about `size` characters. */
export function attackInput(a: Attack, size: number): string {
  const k = Math.max(1, Math.floor((size - a.prefix.length - a.suffix.length) / a.pump.length))
  return a.prefix + a.pump.repeat(k) + a.suffix
}
