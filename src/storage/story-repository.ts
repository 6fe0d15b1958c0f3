/**
 * Stories: each document's near-duplicate signature and the story it belongs to, so that
 * reprints arriving in later runs join the story of their original and every source is kept.
 *
 * @module storage/story-repository
 */
import type { ColumnType, Kysely } from 'kysely'
import {
  bandKeysOf,
  createStoryIndex,
  type NearDuplicateOptions,
  type StoryIndex,
  type StoryMatch,
  type TextSignature,
} from '#pipeline/ingest/near-duplicates.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** The table this repository owns (migration 202611222200). */
export type StoryTables = {
  story_signatures: {
    doc_id: string
    story_id: string
    match_of: string | null
    kind: string
    similarity: number
    exact_hash: string
    shingles: number
    minhash: Uint8Array
    sentences: unknown
    created_at: ColumnType<Date, never, never>
  }
}

/** One document of a story. */
export interface StoryMember {
  readonly docId: string
  readonly matchOf: string | null
  readonly kind: StoryMatch['kind']
  readonly similarity: number
}

/** Reads and writes story links. */
export interface StoryRepository {
  /** Loads every stored signature into an in-memory index that new documents are added to. */
  loadIndex(
    options?: NearDuplicateOptions,
  ): Promise<StoryIndex & { signatureOf(id: string): TextSignature | undefined }>
  /** Saves a document's story link and signature; stories it merged are relabelled. */
  save(docId: string, match: StoryMatch, signature: TextSignature): Promise<void>
  /** The documents of a story, oldest first. */
  members(storyId: string): Promise<StoryMember[]>
  /** The story of a document, or `undefined`. */
  storyOf(docId: string): Promise<string | undefined>
}

/** Creates the story repository over an open database. */
export function createStoryRepository(database: Kysely<Database>): StoryRepository {
  const db = database.withTables<StoryTables>()
  return {
    loadIndex: (options = {}) =>
      withDbErrors('loading story signatures', async () => {
        const index = createStoryIndex(options)
        const signatures = new Map<string, TextSignature>()
        const rows = await db
          .selectFrom('story_signatures')
          .select(['doc_id', 'story_id', 'exact_hash', 'shingles', 'minhash', 'sentences'])
          .orderBy('created_at')
          .orderBy('doc_id')
          .execute()
        for (const r of rows) {
          const bytes = Uint8Array.from(r.minhash)
          const minhash = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
          const signature = rebuildSignature(r.exact_hash, minhash, r.shingles, r.sentences)
          signatures.set(r.doc_id, signature)
          index.addSigned(r.doc_id, signature, r.story_id)
        }
        return Object.assign(index, { signatureOf: (id: string) => signatures.get(id) })
      }),
    save: (docId, match, signature) =>
      withDbErrors(`saving the story of ${docId}`, async () => {
        await db.transaction().execute(async (trx) => {
          const row = {
            doc_id: docId,
            story_id: match.storyId,
            match_of: match.matchOf,
            kind: match.kind,
            similarity: match.similarity,
            exact_hash: signature.exactHash,
            shingles: signature.shingles,
            minhash: new Uint8Array(signature.minhash.buffer.slice(0)),
            sentences: JSON.stringify(signature.sentences) as unknown,
          }
          const { doc_id: _id, ...update } = row
          await trx
            .insertInto('story_signatures')
            .values(row)
            .onConflict((oc) => oc.column('doc_id').doUpdateSet(update))
            .execute()
          if (match.merged.length > 0)
            await trx
              .updateTable('story_signatures')
              .set({ story_id: match.storyId })
              .where('story_id', 'in', [...match.merged])
              .execute()
        })
      }),
    members: (storyId) =>
      withDbErrors(`reading story ${storyId}`, async () =>
        (
          await db
            .selectFrom('story_signatures')
            .select(['doc_id', 'match_of', 'kind', 'similarity'])
            .where('story_id', '=', storyId)
            .orderBy('created_at')
            .orderBy('doc_id')
            .execute()
        ).map((r) => ({
          docId: r.doc_id,
          matchOf: r.match_of,
          kind: r.kind === 'exact' || r.kind === 'near' ? r.kind : 'new',
          similarity: r.similarity,
        })),
      ),
    storyOf: (docId) =>
      withDbErrors(`reading the story of ${docId}`, async () => {
        const r = await db
          .selectFrom('story_signatures')
          .select('story_id')
          .where('doc_id', '=', docId)
          .executeTakeFirst()
        return r?.story_id
      }),
  }
}

function rebuildSignature(
  exactHash: string,
  minhash: Uint32Array,
  shingles: number,
  sentences: unknown,
): TextSignature {
  return {
    exactHash,
    minhash,
    shingles,
    bandKeys: shingles > 0 ? bandKeysOf(minhash) : [],
    sentences: Array.isArray(sentences) ? sentences.filter((n) => typeof n === 'number') : [],
  }
}
