/**
 * The place lexicon: every surface form of every gazetteer name (English as written, Russian
 * case forms, Kazakh case suffixes), compiled once into a token trie.
 *
 * @module pipeline/stages/extract-places/place-lexicon
 */
import {
  type Gazetteer,
  loadGazetteer,
  type NameLang,
  type Place,
  type PlaceName,
} from './gazetteer.ts'
import { kkCaseForms } from './morphology-kk.ts'
import { ruCaseForms } from './morphology-ru.ts'
import { foldWord, type PlaceToken, placeTokens } from './place-tokens.ts'

/** What one surface form stands for. */
export interface LexiconEntry {
  /** `null` for an excluded area (the form is consumed, nothing is produced). */
  readonly place: Place | null
  readonly name: PlaceName | null
  readonly lang: NameLang
  /** The nominative of the name this form belongs to ("Актюбинская", "Шымкент"). */
  readonly nominative: string
  /** The form is an abbreviation that must match letter case exactly ("US", "ЗКО"). */
  readonly caseSensitive: string | null
}

interface TrieNode {
  readonly next: Map<string, TrieNode>
  entries: LexiconEntry[]
  /** Some entry must match letter case: the entries are filtered per match. */
  caseSensitive: boolean
}

/** A match of lexicon forms in text, in token indices. */
export interface LexiconMatch {
  readonly tokStart: number
  readonly tokEnd: number
  readonly entries: readonly LexiconEntry[]
}

/** The compiled lexicon. */
export interface PlaceLexicon {
  /** Leftmost-longest matches; a match must start with a capitalised word. */
  match(tokens: readonly PlaceToken[], keys: (i: number) => string): LexiconMatch[]
  readonly gazetteer: Gazetteer
}

let cache: PlaceLexicon | null = null

/** Returns the lexicon, building it on first use. */
export function placeLexicon(): PlaceLexicon {
  if (cache) return cache
  const gazetteer = loadGazetteer()
  const root: TrieNode = { next: new Map(), entries: [], caseSensitive: false }
  const add = (form: string, entry: LexiconEntry) => {
    const toks = placeTokens(form)
    if (toks.length === 0) return
    let node = root
    for (const t of toks) {
      const k = foldWord(t.text)
      let child = node.next.get(k)
      if (!child) {
        child = { next: new Map(), entries: [], caseSensitive: false }
        node.next.set(k, child)
      }
      node = child
    }
    // One entry per place and name: the same form may come from two names of one place.
    if (
      !node.entries.some(
        (e) =>
          e.place === entry.place &&
          e.lang === entry.lang &&
          e.name?.role === entry.name?.role &&
          e.name?.genericPosition === entry.name?.genericPosition &&
          e.nominative === entry.nominative,
      )
    ) {
      node.entries.push(entry)
      if (entry.caseSensitive !== null) node.caseSensitive = true
    }
  }
  for (const place of gazetteer.places.values()) {
    for (const name of place.names) {
      for (const [form, nominative] of surfaceForms(name)) {
        add(form, {
          place,
          name,
          lang: name.lang,
          nominative,
          caseSensitive: abbreviation(name.text),
        })
      }
    }
  }
  for (const area of gazetteer.excluded) {
    const name: PlaceName = {
      lang: area.lang,
      text: area.text,
      role: 'standalone',
      genericPosition: null,
      generic: null,
      forms: area.forms,
    }
    for (const [form] of surfaceForms(name)) {
      add(form, {
        place: null,
        name: null,
        lang: area.lang,
        nominative: area.text,
        caseSensitive: abbreviation(area.text),
      })
    }
  }

  cache = {
    gazetteer,
    match(tokens, keys) {
      const out: LexiconMatch[] = []
      for (let i = 0; i < tokens.length; ) {
        const first = tokens[i]!
        if (!first.capitalised) {
          i++
          continue
        }
        let node: TrieNode | undefined = root
        let best: LexiconMatch | null = null
        for (let j = i; j < tokens.length && node; j++) {
          node = node.next.get(keys(j))
          if (!node) break
          if (node.entries.length > 0) {
            // Most forms match in any case: their entries are shared, not copied per match.
            const entries = node.caseSensitive ? caseMatches(node, tokens, i, j) : node.entries
            if (entries.length > 0) best = { tokStart: i, tokEnd: j + 1, entries }
          }
        }
        if (best) {
          out.push(best)
          i = best.tokEnd
        } else i++
      }
      return out
    },
  }
  return cache
}

/** The written forms of a name with the nominative each belongs to. */
function surfaceForms(name: PlaceName): [string, string][] {
  const text = name.text.startsWith('the ') ? name.text.slice(4) : name.text
  if (name.lang === 'en') return [[text, text]]
  if (name.lang === 'ru') {
    if (name.forms) return name.forms.map((f) => [f, text])
    if (abbreviation(text)) return [[text, text]]
    // A base after its generic stays in the nominative ("в области Улытау").
    if (name.genericPosition === 'before') return [[text, text]]
    const forms = ruCaseForms(text, { adjectiveOnly: name.genericPosition === 'after' })
    return forms.map((f) => [f, text])
  }
  // Kazakh: a base before its generic word is not inflected ("Ақтөбе облысында").
  const base: [string, string][] = (name.forms ?? [text]).map((f) => [f, text])
  if (name.genericPosition === 'after') return base
  return [...base, ...kkCaseForms(text).map((f): [string, string] => [f, text])]
}

/** An all-capitals name of up to six letters is an abbreviation: returns it without dots. */
function abbreviation(text: string): string | null {
  const bare = text.replace(/\./g, '')
  if (bare.length > 6 || bare.length < 2) return null
  return /^[\p{Lu}]+$/u.test(bare) ? bare : null
}

/**
 * The entries of `node` whose letter case the tokens `[i, j]` meet. Not a closure in the loop
 * of `match`: a closure there would make every step of that loop allocate its variables.
 */
function caseMatches(
  node: TrieNode,
  tokens: readonly PlaceToken[],
  i: number,
  j: number,
): LexiconEntry[] {
  const out: LexiconEntry[] = []
  for (const e of node.entries) {
    if (e.caseSensitive === null || sameCase(e.caseSensitive, tokens, i, j)) out.push(e)
  }
  return out
}

function sameCase(abbr: string, tokens: readonly PlaceToken[], i: number, j: number): boolean {
  if (i !== j) return true
  return tokens[i]!.text.replace(/\./g, '').startsWith(abbr)
}
