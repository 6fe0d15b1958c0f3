/**
 * The lexicon of known bodies (`data/organizations/lexicon.tsv`) compiled into a token trie.
 * Russian forms are declined into their six singular cases and Kazakh forms take the case
 * suffixes on their last word, so the file lists each form once, in the nominative; every
 * compiled path remembers that nominative so an inflected mention can be named in it.
 *
 * @module pipeline/stages/extract-organizations/lexicon
 */
import { readFileSync } from 'node:fs'
import { ORGANIZATION_KINDS, type OrganizationKind } from '#core/facts.ts'
import { declinePhrase } from './morph-ru.ts'
import { type OrgToken, orgTokens } from './org-tokens.ts'

/** One body of the lexicon. */
export interface LexiconEntry {
  readonly id: string
  readonly kind: OrganizationKind
  /** ISO code, `*` (country from context) or `null` (international). */
  readonly country: string | null
}

/** A lexicon hit: tokens `[from, to)` name `entry`; `nominative` holds one word per token. */
export interface LexiconHit {
  readonly entry: LexiconEntry
  readonly from: number
  readonly to: number
  readonly nominative: readonly string[]
}

interface Terminal {
  readonly entry: LexiconEntry
  readonly nominative: readonly string[]
}

interface TrieNode {
  /** Children by lower-cased word, and by exact word for case-sensitive forms. */
  readonly folded: Map<string, TrieNode>
  readonly exact: Map<string, TrieNode>
  end: Terminal | null
}

function newNode(): TrieNode {
  return { folded: new Map(), exact: new Map(), end: null }
}

/** Kazakh case (and possessive + case) endings; over-generation is harmless for matching. */
const KK_SUFFIXES = [
  '',
  'ның',
  'нің',
  'дың',
  'дің',
  'тың',
  'тің',
  'ың',
  'ің',
  'на',
  'не',
  'ға',
  'ге',
  'қа',
  'ке',
  'а',
  'е',
  'ны',
  'ні',
  'ды',
  'ді',
  'ты',
  'ті',
  'н',
  'нда',
  'нде',
  'да',
  'де',
  'та',
  'те',
  'нан',
  'нен',
  'дан',
  'ден',
  'тан',
  'тен',
  'мен',
  'бен',
  'пен',
  'ндағы',
  'ндегі',
  'дағы',
  'дегі',
  'тағы',
  'тегі',
  'ы',
  'і',
  'сы',
  'сі',
  'ының',
  'інің',
  'сының',
  'сінің',
  'ына',
  'іне',
  'сына',
  'сіне',
  'ында',
  'інде',
  'сында',
  'сінде',
  'ынан',
  'інен',
  'сынан',
  'сінен',
  'ымен',
  'імен',
  'сымен',
  'сімен',
  'ын',
  'ін',
  'сын',
  'сін',
  'ындағы',
  'індегі',
  'сындағы',
  'сіндегі',
]

const CYRILLIC = /[а-яёәғқңөұүһі]/i
const KAZAKH_LETTER = /[әғқңөұүһі]/i

function insert(
  root: TrieNode,
  toks: readonly OrgToken[],
  caseSensitive: boolean,
  terminal: Terminal,
): void {
  let node = root
  for (const t of toks) {
    const map = caseSensitive ? node.exact : node.folded
    const k = caseSensitive ? t.text : t.norm
    let child = map.get(k)
    if (!child) {
      child = newNode()
      map.set(k, child)
    }
    node = child
  }
  // The first entry listed for a surface form wins (the file puts specific bodies first).
  if (!node.end) node.end = terminal
}

/** Every surface token sequence a nominative form stands for, each with that nominative. */
function expandForm(form: string): { words: string[]; caseSensitive: boolean }[] {
  const caseSensitive = form.startsWith('=')
  const text = caseSensitive ? form.slice(1).trim() : form.trim()
  const words = orgTokens(text).map((t) => t.text)
  if (words.length === 0) return []
  if (caseSensitive || !CYRILLIC.test(text)) return [{ words, caseSensitive }]
  const out = new Map<string, string[]>()
  if (!KAZAKH_LETTER.test(text)) {
    for (const ws of declinePhrase(words)) out.set(ws.join(' '), ws)
  }
  out.set(words.join(' '), words)
  const last = words[words.length - 1]!
  if (CYRILLIC.test(last) && /\p{L}$/u.test(last)) {
    for (const suffix of KK_SUFFIXES) {
      const ws = [...words.slice(0, -1), last + suffix]
      out.set(ws.join(' '), ws)
    }
  }
  return [...out.values()].map((ws) => ({ words: ws, caseSensitive }))
}

/** Parses the lexicon file's text. Malformed lines are skipped: the file is data. */
export function parseLexicon(text: string): { entry: LexiconEntry; forms: string[] }[] {
  const out: { entry: LexiconEntry; forms: string[] }[] = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '' || line.startsWith('#')) continue
    const [id, kind, country, forms] = line.split('\t')
    if (!id || !forms || !(ORGANIZATION_KINDS as readonly string[]).includes(kind ?? '')) continue
    out.push({
      entry: {
        id,
        kind: kind as OrganizationKind,
        country: country === '-' || !country ? null : country,
      },
      forms: forms
        .split(' | ')
        .map((f) => f.trim())
        .filter(Boolean),
    })
  }
  return out
}

/** A compiled lexicon. */
export interface OrgLexicon {
  /** Leftmost-longest hits over `tokens`. */
  match(tokens: readonly OrgToken[]): LexiconHit[]
  /** The longest hit starting at token `i`, or `null`. */
  matchAt(tokens: readonly OrgToken[], i: number): LexiconHit | null
  readonly entries: ReadonlyMap<string, LexiconEntry>
}

/** Compiles lexicon lines into a matcher. */
export function compileLexicon(
  lines: readonly { entry: LexiconEntry; forms: string[] }[],
): OrgLexicon {
  const root = newNode()
  const entries = new Map<string, LexiconEntry>()
  for (const { entry, forms } of lines) {
    entries.set(entry.id, entry)
    for (const form of forms.flatMap((f) => [f, ...shortQualifier(f)])) {
      const nominativeToks = orgTokens(expandNominative(form))
      for (const { words, caseSensitive } of expandForm(form)) {
        const toks = orgTokens(words.join(' '))
        if (toks.length !== nominativeToks.length) continue
        insert(root, toks, caseSensitive, { entry, nominative: nominativeToks.map((t) => t.text) })
      }
    }
  }

  // Most words start no name: a bit per (first letter, last letter, length) turns them away
  // before any map look-up has to hash the word.
  const folded = firstWordFilter(root.folded.keys())
  const exact = firstWordFilter(root.exact.keys())

  function matchAt(tokens: readonly OrgToken[], i: number): LexiconHit | null {
    const first = tokens[i]
    if (!first) return null
    const a = folded[filterKey(first.norm)] ? root.folded.get(first.norm) : undefined
    const b = exact[filterKey(first.text)] ? root.exact.get(first.text) : undefined
    if (!a && !b) return null
    // Depth-first, the case-sensitive child before the case-insensitive one at every step.
    bestNode = null
    bestTo = i
    if (b) longest(b, tokens, i + 1)
    if (a) longest(a, tokens, i + 1)
    // `longest` set these; the compiler cannot see it.
    const node = bestNode as TrieNode | null
    if (!node?.end) return null
    const { entry, nominative } = node.end
    return { entry, from: i, to: bestTo, nominative }
  }

  return {
    entries,
    matchAt,
    match(tokens) {
      const out: LexiconHit[] = []
      for (let i = 0; i < tokens.length; ) {
        const t = tokens[i]!
        // Most words start no name: the filters turn them away without a call.
        const hit =
          t.isWord && (folded[filterKey(t.norm)] || exact[filterKey(t.text)])
            ? matchAt(tokens, i)
            : null
        if (hit) {
          out.push(hit)
          i = hit.to
        } else i++
      }
      return out
    },
  }
}

/** The deepest name end {@link longest} has found so far, and where it ends. */
let bestNode: TrieNode | null = null
let bestTo = 0

/**
 * Walks the trie from `node` over the tokens from `at`, recording in `bestNode` / `bestTo` the
 * first name end found at the greatest depth. Recursion, not a stack of arrays: the trie is
 * a few names deep and most words follow one path.
 */
function longest(node: TrieNode, tokens: readonly OrgToken[], at: number): void {
  if (node.end && at > bestTo) {
    bestNode = node
    bestTo = at
  }
  const tok = tokens[at]
  // A name does not run across a line break.
  if (!tok || tok.nlBefore) return
  const e = node.exact.get(tok.text)
  const f = node.folded.get(tok.norm)
  if (e) longest(e, tokens, at + 1)
  if (f) longest(f, tokens, at + 1)
}

/** A word's slot in a first-word filter: its first and last letters and its length. */
export function filterKey(word: string): number {
  if (word.length === 0) return 0
  return ((word.charCodeAt(0) * 31 + word.charCodeAt(word.length - 1)) * 31 + word.length) & 0xffff
}

/** Marks the slots of `words`: a word whose slot is unmarked is none of them. */
export function firstWordFilter(words: Iterable<string>): Uint8Array {
  const bits = new Uint8Array(0x10000)
  for (const w of words) bits[filterKey(w)] = 1
  return bits
}

/** "Агентство Республики Казахстан по …" is also written "Агентство РК по …". */
function shortQualifier(form: string): string[] {
  const out: string[] = []
  if (form.includes('Республики Казахстан')) out.push(form.replace('Республики Казахстан', 'РК'))
  if (form.includes('Қазақстан Республикасы'))
    out.push(form.replace('Қазақстан Республикасы', 'ҚР'))
  if (form.includes('of the Republic of Kazakhstan'))
    out.push(form.replace('of the Republic of Kazakhstan', 'of the RK'))
  return out
}

function expandNominative(form: string): string {
  return form.startsWith('=') ? form.slice(1).trim() : form.trim()
}

let shared: OrgLexicon | null = null

/** The project lexicon, compiled once per process. */
export function orgLexicon(): OrgLexicon {
  if (!shared) {
    const url = new URL('../../../../data/organizations/lexicon.tsv', import.meta.url)
    shared = compileLexicon(parseLexicon(readFileSync(url, 'utf8')))
  }
  return shared
}
