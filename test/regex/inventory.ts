/**
 * Every regular expression written in `src/` (tests excluded): regex literals, and the
 * `new RegExp(...)` / `RegExp(...)` calls. The TypeScript is parsed (with the oxc parser that
 * rolldown ships, `rolldown/parseAst`: the installed `typescript` 7 is the native compiler and
 * exposes no JavaScript API), not grepped, so regexes in comments and strings are not counted
 * and none written across several lines is missed. A constructor call whose arguments are
 * literal text is evaluated here; the others (built from lexicons and other patterns) are
 * `dynamic` and are checked through the instances their modules build at run time.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAst } from 'rolldown/parseAst'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** One place in the source that makes a regular expression. */
export interface RegexSite {
  /** `src/...ts:line`. */
  readonly at: string
  readonly file: string
  readonly line: number
  readonly kind: 'literal' | 'constructor'
  /** The pattern and flags when known from the source alone; null for dynamic ones. */
  readonly source: string | null
  readonly flags: string | null
  /** The code of the literal or call (its first 200 characters). */
  readonly code: string
}

/** The source files under `src/` that are not tests. */
export function sourceFiles(): string[] {
  const dir = join(ROOT, 'src')
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

interface AstNode {
  readonly type: string
  readonly start: number
  readonly [key: string]: unknown
}

function isNode(x: unknown): x is AstNode {
  return typeof x === 'object' && x !== null && typeof (x as AstNode).type === 'string'
}

/** The value of an expression made only of literal text, or null. */
function staticString(node: unknown): string | null {
  if (!isNode(node)) return null
  if (node.type === 'Literal' && typeof node['value'] === 'string') return node['value']
  if (node.type === 'TemplateLiteral') {
    const expressions = node['expressions'] as unknown[]
    const quasis = node['quasis'] as { value: { cooked: string | null } }[]
    if (expressions.length > 0) return null
    return quasis.map((q) => q.value.cooked ?? '').join('')
  }
  if (node.type === 'BinaryExpression' && node['operator'] === '+') {
    const l = staticString(node['left'])
    const r = staticString(node['right'])
    return l === null || r === null ? null : l + r
  }
  if (node.type === 'TSAsExpression' || node.type === 'ParenthesizedExpression')
    return staticString(node['expression'])
  return null
}

/** The regular expressions made in one file. */
export function sitesIn(file: string): RegexSite[] {
  const text = readFileSync(file, 'utf8')
  const lineStarts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1)
  const lineOf = (offset: number): number => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((lineStarts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
  const rel = relative(ROOT, file)
  const program = parseAst(text, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' }, file)
  const out: RegexSite[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n)
      return
    }
    if (!isNode(node)) return
    const regex = node['regex'] as { pattern: string; flags: string } | undefined
    if (node.type === 'Literal' && regex) {
      const line = lineOf(node.start)
      out.push({
        at: `${rel}:${line}`,
        file: rel,
        line,
        kind: 'literal',
        source: regex.pattern,
        flags: regex.flags,
        code: text.slice(node.start, Math.min(node['end'] as number, node.start + 200)),
      })
    }
    if (node.type === 'NewExpression' || node.type === 'CallExpression') {
      const callee = node['callee']
      if (isNode(callee) && callee.type === 'Identifier' && callee['name'] === 'RegExp') {
        const args = node['arguments'] as unknown[]
        const source = args.length === 0 ? '(?:)' : staticString(args[0])
        const flags = args.length < 2 ? (source === null ? null : '') : staticString(args[1])
        const line = lineOf(node.start)
        const known = source !== null && flags !== null
        out.push({
          at: `${rel}:${line}`,
          file: rel,
          line,
          kind: 'constructor',
          source: known ? source : null,
          flags: known ? flags : null,
          code: text.slice(node.start, Math.min(node['end'] as number, node.start + 200)),
        })
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue
      if (typeof value === 'object' && value !== null) visit(value)
    }
  }
  visit(program)
  return out
}

/** Every regular expression made in `src/`. */
export function allSites(): RegexSite[] {
  return sourceFiles().flatMap(sitesIn)
}
