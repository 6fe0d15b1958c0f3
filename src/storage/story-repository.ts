/**
 * Stories: each document's near-duplicate signature and the story it belongs to, so that
 * reprints arriving in later runs join the story of their original and every source is kept.
 *
 * @module storage/story-repository
 */
import { type ColumnType, type Kysely, sql } from 'kysely'
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

/** A near-duplicate signature as stored (computed by `pipeline/ingest/near-duplicates`). */
export interface StorySignature {
  readonly exactHash: string
  readonly minhash: Uint32Array
  readonly shingles: number
  readonly sentences: readonly number[]
}

/** How a document joined its story. */
export interface StoryLink {
  readonly storyId: string
  readonly matchOf: string | null
  readonly kind: 'new' | 'exact' | 'near'
  readonly similarity: number
  /** Earlier stories merged into `storyId`: their documents are relabelled. */
  readonly merged: readonly string[]
}

/** A stored document's story and signature, for rebuilding the in-memory index. */
export interface StoredStorySignature {
  readonly docId: string
  readonly storyId: string
  readonly signature: StorySignature
}

/** One document of a story. */
export interface StoryMember {
  readonly docId: string
  readonly matchOf: string | null
  readonly kind: StoryLink['kind']
  readonly similarity: number
}

/** Reads and writes story links. */
export interface StoryRepository {
  /** Every stored signature, oldest first (to rebuild the near-duplicate index). */
  loadSignatures(): Promise<StoredStorySignature[]>
  /** Saves a document's story link and signature; stories it merged are relabelled. */
  save(docId: string, link: StoryLink, signature: StorySignature): Promise<void>
  /**
   * Saves many links in one transaction and one insert, in the order given (as many `save`
   * calls would: each link's merges relabel the stories of every link saved before it).
   */
  saveMany(
    links: readonly { docId: string; link: StoryLink; signature: StorySignature }[],
  ): Promise<void>
  /** The documents of a story, oldest first. */
  members(storyId: string): Promise<StoryMember[]>
  /** The story of a document, or `undefined`. */
  storyOf(docId: string): Promise<string | undefined>
  /** The stored (cleaned) texts of documents, by id; ids not stored are absent. */
  textsOf(docIds: readonly string[]): Promise<Map<string, string>>
}

/** Creates the story repository over an open database. */
export function createStoryRepository(database: Kysely<Database>): StoryRepository {
  const db = database.withTables<StoryTables>()
  const textsOf = (docIds: readonly string[]) =>
    withDbErrors('reading document texts', async () => {
      const out = new Map<string, string>()
      for (let i = 0; i < docIds.length; i += 500) {
        const rows = await database
          .selectFrom('documents')
          .select(['id', 'text'])
          .where('id', 'in', docIds.slice(i, i + 500))
          .execute()
        for (const r of rows) out.set(r.id, r.text)
      }
      return out
    })
  return {
    textsOf,
    loadSignatures: () =>
      withDbErrors('loading story signatures', async () => {
        const rows = await db
          .selectFrom('story_signatures')
          .select(['doc_id', 'story_id', 'exact_hash', 'shingles', 'minhash', 'sentences'])
          .orderBy('created_at')
          .orderBy('doc_id')
          .execute()
        return rows.map((r) => {
          const bytes = Uint8Array.from(r.minhash)
          return {
            docId: r.doc_id,
            storyId: r.story_id,
            signature: {
              exactHash: r.exact_hash,
              minhash: new Uint32Array(bytes.buffer, 0, bytes.byteLength >>> 2),
              shingles: r.shingles,
              sentences: Array.isArray(r.sentences)
                ? r.sentences.filter((n): n is number => typeof n === 'number')
                : [],
            },
          }
        })
      }),
    save: (docId, link, signature) =>
      withDbErrors(`saving the story of ${docId}`, async () => {
        await db.transaction().execute(async (trx) => {
          const row = {
            doc_id: docId,
            story_id: link.storyId,
            match_of: link.matchOf,
            kind: link.kind,
            similarity: link.similarity,
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
          if (link.merged.length > 0)
            await trx
              .updateTable('story_signatures')
              .set({ story_id: link.storyId })
              .where('story_id', 'in', [...link.merged])
              .execute()
        })
      }),
    saveMany: (links) =>
      withDbErrors(`saving ${links.length} story links`, async () => {
        if (links.length === 0) return
        // Later links win over earlier ones of the same document, as sequential saves would.
        const last = new Map(links.map((l) => [l.docId, l]))
        const rows = JSON.stringify(
          [...last.values()].map(({ docId, link, signature }) => ({
            d: docId,
            s: link.storyId,
            m: link.matchOf,
            k: link.kind,
            x: link.similarity,
            h: signature.exactHash,
            n: signature.shingles,
            b: Buffer.from(
              signature.minhash.buffer,
              signature.minhash.byteOffset,
              signature.minhash.byteLength,
            ).toString('hex'),
            t: signature.sentences,
          })),
        )
        await database.transaction().execute(async (trx) => {
          await sql`
            insert into story_signatures
              (doc_id, story_id, match_of, kind, similarity, exact_hash, shingles, minhash, sentences)
            select r.d, r.s, r.m, r.k, r.x, r.h, r.n, decode(r.b, 'hex'), r.t
            from jsonb_to_recordset(${rows}::jsonb)
              as r(d text, s text, m text, k text, x double precision, h text, n int, b text, t jsonb)
            on conflict (doc_id) do update set
              story_id = excluded.story_id, match_of = excluded.match_of, kind = excluded.kind,
              similarity = excluded.similarity, exact_hash = excluded.exact_hash,
              shingles = excluded.shingles, minhash = excluded.minhash,
              sentences = excluded.sentences`.execute(trx)
          // Merges in order: each relabels what was saved before it, this batch included.
          for (const { link } of links)
            if (link.merged.length > 0)
              await trx
                .withTables<StoryTables>()
                .updateTable('story_signatures')
                .set({ story_id: link.storyId })
                .where('story_id', 'in', [...link.merged])
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
