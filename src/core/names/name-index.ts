/**
 * An in-memory screening index over many names: each name is parsed once, its parts are stored
 * as ids into a shared token table, and a posting list per blocking key (the base key of a part)
 * plus a one-deletion neighbourhood over the (much smaller) key vocabulary finds the candidates a
 * query can match, typos included. Candidates are then scored with `compareParsed`.
 * Pure data structure, no I/O: storage and API layers build it from their own rows.
 *
 * @module core/names/name-index
 */
import { compareParsed, latinStem, type NameComparison } from './compare.ts'
import { baseKey, type NameToken, type ParsedName, parseName } from './name-key.ts'

/** One screening hit. */
export interface ScreenHit extends NameComparison {
  /** The id given to {@link NameIndex.add}. */
  readonly id: number
  readonly name: string
}

/** Options of {@link NameIndex.screen}. */
export interface ScreenOptions {
  /** Hits returned at most (default 10). */
  readonly limit?: number
  /** Candidates scored at most, most shared keys first (default 5,000). */
  readonly maxCandidates?: number
  /** Also return hits under the threshold, down to this score (default: only `same`). */
  readonly minScore?: number
}

/** An in-memory name index (see the module comment). */
export interface NameIndex {
  /** Adds a name under `id` (ids need not be dense); returns nothing. */
  add(id: number, name: string): void
  /** Names indexed so far. */
  readonly size: number
  /** Distinct blocking keys so far. */
  readonly vocabularySize: number
  /** The names that match `query`, best first. */
  screen(query: string, options?: ScreenOptions): ScreenHit[]
}

function deletions(key: string): string[] {
  const out: string[] = []
  if (key.length < 4) return out
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1))
  return out
}

/** Creates an empty {@link NameIndex}. */
export function createNameIndex(): NameIndex {
  // Parsed tokens are shared objects (the parser caches them), so identity is a cheap key.
  const tokenIds = new Map<NameToken, number>()
  const tokenVocab = new Map<NameToken, readonly number[]>()
  const tokens: NameToken[] = []
  const names: string[] = []
  const ids: number[] = []
  // Per name: [start, partCount, patronymicCount] into `parts`.
  const nameParts: number[][] = []
  // Per name, how many of its parts are posted (not initials, not patronymics).
  const postedParts: number[] = []
  const vocab = new Map<string, number>()
  const postings: number[][] = []
  const neighbours = new Map<string, number[]>()

  function tokenId(t: NameToken): number {
    let id = tokenIds.get(t)
    if (id === undefined) {
      id = tokens.length
      tokens.push(t)
      tokenIds.set(t, id)
    }
    return id
  }

  function vocabId(key: string): number {
    let v = vocab.get(key)
    if (v === undefined) {
      v = postings.length
      vocab.set(key, v)
      postings.push([])
      for (const d of [key, ...deletions(key)]) {
        const list = neighbours.get(d)
        if (list) list.push(v)
        else neighbours.set(d, [v])
      }
    }
    return v
  }

  function parsedAt(slot: number): ParsedName {
    const row = nameParts[slot]!
    const parts: NameToken[] = []
    const patronymics: NameToken[] = []
    for (const id of row) {
      const t = tokens[id]!
      if (t.patronymic) patronymics.push(t)
      else parts.push(t)
    }
    return { text: names[slot]!, parts, patronymics }
  }

  /** Vocabulary ids within one edit (or sharing a deletion) of `key`. */
  function near(key: string): Set<number> {
    const out = new Set<number>()
    for (const d of [key, ...deletions(key)]) {
      const list = neighbours.get(d)
      if (list) for (const v of list) out.add(v)
    }
    return out
  }

  return {
    add(id, name) {
      const parsed = parseName(name)
      const slot = names.length
      names.push(name)
      ids.push(id)
      const row: number[] = []
      let posted = 0
      for (const t of parsed.parts) {
        row.push(tokenId(t))
        if (t.initial) continue
        posted++
        let vs = tokenVocab.get(t)
        if (vs === undefined) {
          // Posted under the surface key and the folded stem: a Latin query meets either.
          vs = t.stem === null ? [vocabId(t.key)] : [vocabId(t.key), vocabId(t.stem)]
          tokenVocab.set(t, vs)
        }
        for (const v of vs) {
          const list = postings[v]!
          if (list[list.length - 1] !== slot) list.push(slot)
        }
      }
      for (const t of parsed.patronymics) row.push(tokenId(t))
      nameParts.push(row)
      postedParts.push(posted)
    },
    get size() {
      return names.length
    },
    get vocabularySize() {
      return vocab.size
    },
    screen(query, options = {}) {
      const limit = options.limit ?? 10
      const maxCandidates = options.maxCandidates ?? 5000
      const q = parseName(query)
      const keys = q.parts.filter((t) => !t.initial)
      if (keys.length === 0) return []
      // Count, per indexed name, how many query parts it shares a near key with.
      const counts = new Map<number, number>()
      for (const t of keys) {
        const vs = near(baseKey(t))
        for (const v of near(t.key)) vs.add(v)
        // A Latin token is never inflected, but the Cyrillic name it should meet may be.
        if (t.script === 'lat') for (const v of near(latinStem(t))) vs.add(v)
        const hitSlots = new Set<number>()
        for (const v of vs) for (const slot of postings[v]!) hitSlots.add(slot)
        for (const slot of hitSlots) counts.set(slot, (counts.get(slot) ?? 0) + 1)
      }
      const need = Math.min(2, keys.length)
      const candidates: number[] = []
      for (const [slot, c] of counts) {
        if (c >= need || c >= postedParts[slot]!) candidates.push(slot)
      }
      if (candidates.length > maxCandidates) {
        candidates.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))
        candidates.length = maxCandidates
      }
      const minScore = options.minScore
      const hits: ScreenHit[] = []
      for (const slot of candidates) {
        const r = compareParsed(q, parsedAt(slot))
        if (minScore === undefined ? r.same : r.score >= minScore)
          hits.push({ ...r, id: ids[slot]!, name: names[slot]! })
      }
      hits.sort((a, b) => b.score - a.score || a.id - b.id)
      return hits.slice(0, limit)
    },
  }
}
