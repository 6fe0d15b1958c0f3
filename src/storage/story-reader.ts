/**
 * Reads a document's story for the reader: the other documents near-duplicate detection linked
 * to it (reprints, re-edited versions, the same press release on other sites), with their headers.
 * The story links themselves are written by ingestion (`story-repository.ts`).
 *
 * @module storage/story-reader
 */
import { type Kysely, sql } from 'kysely'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** Another document of the same story. */
export interface StorySibling {
  readonly id: string
  readonly title: string | null
  readonly source: string
  readonly url: string | null
  readonly published: string | null
  /** `exact`: the same text; `near`: a reprint or an edited version; `new`: the first seen. */
  readonly kind: 'new' | 'exact' | 'near'
  readonly similarity: number
}

/** Reads stories. */
export interface StoryReader {
  /** The other documents of `docId`'s story, oldest first; empty when it stands alone. */
  siblings(docId: string): Promise<StorySibling[]>
}

/** Creates the story reader over an open database. */
export function createStoryReader(db: Kysely<Database>): StoryReader {
  return {
    siblings: (docId) =>
      withDbErrors(`reading the story of ${docId}`, async () => {
        const { rows } = await sql<{
          id: string
          title: string | null
          source: string
          url: string | null
          published: string | null
          kind: string
          similarity: number
        }>`
          select d.id, d.title, d.source, d.url, d.published, s.kind, s.similarity
          from story_signatures mine
          join story_signatures s on s.story_id = mine.story_id and s.doc_id <> mine.doc_id
          join documents d on d.id = s.doc_id
          where mine.doc_id = ${docId}
          order by s.created_at, s.doc_id
          limit 200`.execute(db)
        return rows.map((r) => ({
          id: r.id,
          title: r.title,
          source: r.source,
          url: r.url,
          published: r.published,
          kind: r.kind === 'exact' || r.kind === 'near' ? r.kind : 'new',
          similarity: Number(r.similarity),
        }))
      }),
  }
}
