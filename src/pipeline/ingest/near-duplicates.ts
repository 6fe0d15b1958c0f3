/**
 * Exact and near-duplicate detection: a normalised-text hash for exact copies, MinHash over word
 * 5-shingles (128 hashes) with LSH banding for reprints, re-edits, truncations and copies under
 * other page furniture. Each document joins the story of its best match, or starts its own;
 * every source stays, linked by story id.
 *
 * @module pipeline/ingest/near-duplicates
 */
import { createHash } from 'node:crypto'

/** Number of MinHash values in a signature. */
export const SIGNATURE_SIZE = 128
/** Rows per LSH band: 42 bands of 3 rows catch pairs from a Jaccard of about 0.3. */
export const BAND_ROWS = 3
const BANDS = Math.floor(SIGNATURE_SIZE / BAND_ROWS)
const SHINGLE = 8
// A band value seen in this many stories is boilerplate.
const COMMON_STORIES = 3

/** What is kept of a document to compare it with later ones. */
export interface TextSignature {
  /** SHA-256 (hex) of the normalised text: equal for exact copies. */
  readonly exactHash: string
  readonly minhash: Uint32Array
  /** Distinct shingles in the text (to turn a Jaccard estimate into containment). */
  readonly shingles: number
  /** One key per LSH band (`band:hex`); documents sharing a key are candidates. */
  readonly bandKeys: readonly string[]
  /** Hashes of the text's sentences of six words or more (at most 256), sorted, distinct. */
  readonly sentences: readonly number[]
}

/** How a document relates to the stories already known. */
export interface StoryMatch {
  /** The story it belongs to (its own id when it starts one). */
  readonly storyId: string
  /** The stored document it matched, or `null` for a new story. */
  readonly matchOf: string | null
  readonly kind: 'new' | 'exact' | 'near'
  /** Estimated Jaccard similarity with `matchOf` (1 for exact copies, 0 for new stories). */
  readonly similarity: number
  /** Estimated share of the shorter text found in the longer one. */
  readonly containment: number
  /** Earlier stories this document joined into `storyId` (it matched them all). */
  readonly merged: readonly string[]
}

/** Thresholds of the near-duplicate decision. */
export interface NearDuplicateOptions {
  /** Estimated Jaccard at or above which two texts are one story (default 0.5). */
  readonly minJaccard?: number
  /**
   * Estimated containment at or above which a shorter text (a truncation, a copy framed by other
   * furniture) is the same story (default 0.8), given at least `minJaccard / 2` Jaccard.
   */
  readonly minContainment?: number
}

/** Normalises text for hashing and shingling: NFKC, lower case, letters and digits only. */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
}

// 32-bit FNV-1a over a string's UTF-16 units.
function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

// Seeds of the 128 hash functions: fixed, so signatures stored today compare with tomorrow's.
const SEEDS = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE)
  let x = 0x2545f491
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    seeds[i] = x >>> 0
  }
  return seeds
})()

function combine(hashes: readonly number[], start: number, length: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < start + length; i++)
    h = Math.imul(h ^ hashes[i]!, 0x5bd1e995) ^ (h >>> 13)
  return h >>> 0
}

// A murmur3-style finaliser of (shingle xor seed): a cheap, well-mixed family of hash functions.
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Computes the signature of a text. Linear in its length; never throws. */
export function signText(text: string): TextSignature {
  const words = normalizeWords(text)
  const exactHash = createHash('sha256').update(words.join(' ')).digest('hex')
  // Shingles are hashed from word hashes (no substrings built).
  const wordHashes = words.map(fnv1a)
  const shingles = new Set<number>()
  if (words.length > 0 && words.length < SHINGLE) shingles.add(combine(wordHashes, 0, words.length))
  for (let i = 0; i + SHINGLE <= words.length; i++) shingles.add(combine(wordHashes, i, SHINGLE))
  const minhash = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff)
  for (const s of shingles) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const h = mix(s, SEEDS[k]!)
      if (h < minhash[k]!) minhash[k] = h
    }
  }
  // An empty text has no shingles: it gets no band keys, so it never matches by LSH.
  const bandKeys = shingles.size > 0 ? bandKeysOf(minhash) : []
  return { exactHash, minhash, shingles: shingles.size, bandKeys, sentences: sentenceHashes(text) }
}

// Sentences end at . ! ? … or a line break; only sentences long enough to be telling count.
function sentenceHashes(text: string): number[] {
  const out = new Set<number>()
  for (const sentence of text.slice(0, 2_000_000).split(/[.!?…\n]+/)) {
    const words = normalizeWords(sentence)
    if (words.length >= 6) out.add(fnv1a(words.join(' ')))
    if (out.size >= 256) break
  }
  return [...out].sort((x, y) => x - y)
}

/** The LSH band keys of a MinHash signature (`band:hex`, one per band). */
export function bandKeysOf(minhash: Uint32Array): string[] {
  const keys: string[] = []
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b
    for (let r = 0; r < BAND_ROWS; r++) h = Math.imul(h ^ minhash[b * BAND_ROWS + r]!, 0x01000193)
    keys.push(`${b}:${(h >>> 0).toString(16)}`)
  }
  return keys
}

/**
 * Estimated Jaccard similarity and containment of two signatures. Bands for which
 * `ignoreBand(b)` is true (both texts share boilerplate there) count neither way.
 */
export function compareSignatures(
  a: TextSignature,
  b: TextSignature,
  ignoreBand: (band: number) => boolean = () => false,
): { jaccard: number; containment: number } {
  if (a.shingles === 0 || b.shingles === 0) return { jaccard: 0, containment: 0 }
  let same = 0
  let considered = 0
  for (let band = 0; band < BANDS; band++) {
    if (ignoreBand(band)) continue
    for (let k = band * BAND_ROWS; k < (band + 1) * BAND_ROWS; k++) {
      considered++
      if (a.minhash[k] === b.minhash[k]) same++
    }
  }
  // Too little left to judge (texts made mostly of shared boilerplate): not the same story.
  if (considered < SIGNATURE_SIZE / 4) return { jaccard: 0, containment: 0 }
  const jaccard = same / considered
  // |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
  const inter = (jaccard * (a.shingles + b.shingles)) / (1 + jaccard)
  const containment = Math.min(1, inter / Math.min(a.shingles, b.shingles))
  return { jaccard, containment }
}

/** Decides whether two compared texts are one story. */
export function isSameStory(
  c: { jaccard: number; containment: number },
  options: NearDuplicateOptions = {},
): boolean {
  const minJaccard = options.minJaccard ?? 0.5
  const minContainment = options.minContainment ?? 0.8
  return c.jaccard >= minJaccard || (c.containment >= minContainment && c.jaccard >= minJaccard / 2)
}

/** An in-memory story index: documents added one by one are linked to earlier ones. */
export interface StoryIndex {
  /** Adds a document and says which story it joins. Adding the same id again is a no-op. */
  add(id: string, text: string): StoryMatch
  /** Like {@link StoryIndex.add} with the signature already computed. */
  addSignature(id: string, signature: TextSignature): StoryMatch
  /** Adds a document whose signature is already known (loaded from storage). */
  addSigned(id: string, signature: TextSignature, storyId: string): void
  /** The story of a document added before, or `undefined`. */
  storyOf(id: string): string | undefined
  /** The signature a document was added with, or `undefined` when it was not added. */
  signatureOf(id: string): TextSignature | undefined
  readonly size: number
}

/** Creates an empty in-memory {@link StoryIndex}. */
export function createStoryIndex(options: NearDuplicateOptions = {}): StoryIndex {
  const byExact = new Map<string, string>()
  const byBand = new Map<string, string[]>()
  const docs = new Map<string, { signature: TextSignature; match: StoryMatch }>()
  // Stories merge when a new document matches two of them (a re-edit and a truncation of one
  // press release may only meet through the original): union-find over story ids.
  const parent = new Map<string, string>()
  function find(story: string): string {
    let root = story
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!
    for (let s = story; s !== root; ) {
      const next = parent.get(s)!
      parent.set(s, root)
      s = next
    }
    return root
  }
  const storyOfDoc = (id: string) => find(docs.get(id)!.match.storyId)
  const bySentence = new Map<number, string[]>()
  // Counts the telling sentences two texts share (up to `enough`): sentences seen in several
  // stories are boilerplate and do not count.
  function sharedSentences(a: TextSignature, b: TextSignature, enough: number): number {
    // Texts too short to have a telling sentence are judged on shingles alone.
    if (a.sentences.length === 0 || b.sentences.length === 0) return enough
    const other = new Set(b.sentences)
    let shared = 0
    for (const h of a.sentences) {
      if (!other.has(h)) continue
      const list = bySentence.get(h) ?? []
      const stories = new Set(list.slice(0, 50).map((id) => storyOfDoc(id)))
      if (stories.size < COMMON_STORIES && ++shared >= enough) return shared
    }
    return shared
  }
  function isCommon(key: string): boolean {
    const list = byBand.get(key)
    if (!list || list.length < COMMON_STORIES) return false
    const stories = new Set<string>()
    for (const id of list) {
      stories.add(storyOfDoc(id))
      if (stories.size >= COMMON_STORIES) return true
    }
    return false
  }

  function remember(id: string, signature: TextSignature, match: StoryMatch): void {
    docs.set(id, { signature, match })
    if (!parent.has(match.storyId)) parent.set(match.storyId, match.storyId)
    if (!byExact.has(signature.exactHash)) byExact.set(signature.exactHash, id)
    for (const h of signature.sentences) {
      const list = bySentence.get(h)
      if (list) list.push(id)
      else bySentence.set(h, [id])
    }
    for (const key of signature.bandKeys) {
      const list = byBand.get(key)
      if (list) list.push(id)
      else byBand.set(key, [id])
    }
  }

  const index: StoryIndex = {
    get size() {
      return docs.size
    },
    storyOf: (id) => (docs.has(id) ? storyOfDoc(id) : undefined),
    signatureOf(id) {
      return docs.get(id)?.signature
    },
    addSigned(id, signature, storyId) {
      if (docs.has(id)) return
      remember(id, signature, {
        storyId,
        matchOf: null,
        kind: 'new',
        similarity: 0,
        containment: 0,
        merged: [],
      })
    },
    add(id, text) {
      return index.addSignature(id, signText(text))
    },
    addSignature(id, signature) {
      const known = docs.get(id)
      if (known) return { ...known.match, storyId: storyOfDoc(id) }
      const exact = signature.shingles > 0 ? byExact.get(signature.exactHash) : undefined
      let match: StoryMatch | null = null
      if (exact !== undefined) {
        match = {
          storyId: storyOfDoc(exact),
          matchOf: exact,
          kind: 'exact',
          similarity: 1,
          containment: 1,
          merged: [],
        }
      } else {
        const seen = new Set<string>()
        let best: { id: string; jaccard: number; containment: number } | null = null
        const stories = new Set<string>()
        // A band value shared by documents of several stories comes from boilerplate (a press
        // service's closing advice, a site's footer): like a stop word, it proves nothing.
        const common = signature.bandKeys.map((key) => isCommon(key))
        for (const [band, key] of signature.bandKeys.entries()) {
          if (common[band]) continue
          for (const other of byBand.get(key) ?? []) {
            if (seen.has(other)) continue
            seen.add(other)
            const o = docs.get(other)!.signature
            const c = compareSignatures(
              signature,
              o,
              (b) => common[b] === true && o.bandKeys[b] === signature.bandKeys[b],
            )
            // Shingles of a press service's templates overlap between different reports; a
            // reprint also shares whole sentences that are not boilerplate. Require one when
            // the shingles agree well, two when they agree less (a re-edited reprint under
            // other furniture).
            if (isSameStory(c, options)) {
              if (sharedSentences(signature, o, 1) < 1) continue
            } else if (c.jaccard >= 0.4 && c.containment >= 0.65) {
              if (sharedSentences(signature, o, 2) < 2) continue
            } else continue
            stories.add(storyOfDoc(other))
            if (!best || c.jaccard + c.containment > best.jaccard + best.containment)
              best = { id: other, ...c }
          }
        }
        if (best) {
          const storyId = storyOfDoc(best.id)
          for (const other of stories) if (other !== storyId) parent.set(other, storyId)
          match = {
            storyId,
            matchOf: best.id,
            kind: 'near',
            similarity: best.jaccard,
            containment: best.containment,
            merged: [...stories].filter((other) => other !== storyId),
          }
        }
      }
      match ??= {
        storyId: id,
        matchOf: null,
        kind: 'new',
        similarity: 0,
        containment: 0,
        merged: [],
      }
      remember(id, signature, match)
      return match
    },
  }
  return index
}
