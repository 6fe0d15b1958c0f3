/**
 * Stores documents with their annotations and facts, and reads them back. Saving is idempotent:
 * the same id (or the same normalised text) never makes a second row.
 *
 * @module storage/document-repository
 */

import { type Kysely, sql, type Transaction } from 'kysely'
import type { ExtractedDoc } from '#core/document.ts'
import { NotFoundError } from '#core/errors.ts'
import type { Provenance } from '#core/facts.ts'
import { isLang, type Lang } from '#core/lang.ts'
import type { Span } from '#core/span.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database, DocumentsTable } from './schema.ts'
import { hashNormalizedText } from './text-hash.ts'

/** A stand-off annotation as stored (the shape `pipeline/output/annotations.ts` produces). */
export interface StoredAnnotation extends Span {
  readonly type: string
  readonly label: string
  readonly attributes: Readonly<Record<string, unknown>>
  readonly stage: string
  readonly stageVersion: number
}

/** A stored document with its annotations. */
export interface StoredDocument {
  readonly id: string
  readonly source: string
  readonly url: string | null
  readonly title: string | null
  readonly lang: Lang
  readonly published: string | null
  readonly format: 'text' | 'html'
  readonly text: string
  readonly textHash: string
  readonly extractorVersion: string
  /** Sorted by start offset, longer spans first. */
  readonly annotations: readonly StoredAnnotation[]
}

/**
 * What saving did: `added` a new document; `updated` an existing id whose text or extractor
 * changed; `unchanged` the same id with the same text and extractor; `duplicate` a new id whose
 * normalised text is already stored as `duplicateOf` (nothing written).
 */
export interface SaveResult {
  readonly status: 'added' | 'updated' | 'unchanged' | 'duplicate'
  readonly id: string
  readonly duplicateOf: string | null
}

/** What {@link DocumentRepository.save} needs besides the document. */
export interface SaveInput {
  readonly annotations: readonly StoredAnnotation[]
  /** `name@version` of every stage (the pipeline's `version`). */
  readonly extractorVersion: string
  /** {@link hashRawDoc} of the input, which lets {@link DocumentRepository.isUnchanged} skip it. */
  readonly rawHash?: string
}

/** Reads and writes documents. */
export interface DocumentRepository {
  /** Upserts one document with its annotations and facts in one transaction. */
  save(doc: ExtractedDoc, input: SaveInput): Promise<SaveResult>
  /** Finds a document by id, or `undefined`. */
  findById(id: string): Promise<StoredDocument | undefined>
  /** Finds a document by id; throws {@link NotFoundError} (`not_found`) when there is none. */
  findByIdOrThrow(id: string): Promise<StoredDocument>
  /** Counts stored documents. */
  count(): Promise<number>
  /**
   * Tells whether a document with this id was stored from the same input (`rawHash`) by the same
   * extractor, so that processing it again would change nothing.
   */
  isUnchanged(id: string, rawHash: string, extractorVersion: string): Promise<boolean>
}

/** Creates the document repository over an open database. */
export function createDocumentRepository(db: Kysely<Database>): DocumentRepository {
  async function findById(id: string): Promise<StoredDocument | undefined> {
    return withDbErrors(`reading document ${id}`, async () => {
      const row = await db
        .selectFrom('documents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      const annotations = await db
        .selectFrom('annotations')
        .select([
          'start_offset',
          'end_offset',
          'type',
          'label',
          'attributes',
          'stage',
          'stage_version',
        ])
        .where('doc_id', '=', id)
        .orderBy('start_offset')
        .orderBy('end_offset', 'desc')
        .orderBy('id')
        .execute()
      return {
        id: row.id,
        source: row.source,
        url: row.url,
        title: row.title,
        lang: isLang(row.lang) ? row.lang : 'en',
        published: row.published,
        format: row.format === 'html' ? 'html' : 'text',
        text: row.text,
        textHash: row.text_hash,
        extractorVersion: row.extractor_version,
        annotations: annotations.map((a) => ({
          start: a.start_offset,
          end: a.end_offset,
          type: a.type,
          label: a.label,
          attributes: a.attributes,
          stage: a.stage,
          stageVersion: a.stage_version,
        })),
      }
    })
  }

  return {
    async save(doc, input) {
      return withDbErrors(`saving document ${doc.id}`, () =>
        db.transaction().execute(async (trx) => {
          const [saved] = await saveDocumentsIn(trx, [{ doc, input }])
          return saved!.result
        }),
      )
    },
    findById,
    async findByIdOrThrow(id) {
      const doc = await findById(id)
      if (!doc)
        throw new NotFoundError(`no document with id "${id}"`, {
          details: { kind: 'document', id },
        })
      return doc
    },
    async isUnchanged(id, rawHash, extractorVersion) {
      return withDbErrors(`reading document ${id}`, async () => {
        const row = await db
          .selectFrom('documents')
          .select('id')
          .where('id', '=', id)
          .where('raw_hash', '=', rawHash)
          .where('extractor_version', '=', extractorVersion)
          .executeTakeFirst()
        return row !== undefined
      })
    },
    async count() {
      return withDbErrors('counting documents', async () => {
        const row = await db
          .selectFrom('documents')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
        return Number(row.n)
      })
    },
  }
}

/** One document of {@link saveDocumentsIn}. */
export interface SaveItem {
  readonly doc: ExtractedDoc
  readonly input: SaveInput
}

/** What {@link saveDocumentsIn} did with one document, and what it stored. */
export interface SavedItem {
  readonly result: SaveResult
  /** Added or updated: the stored text, its hash, and every fact as stored (for resolution). */
  readonly stored: {
    readonly text: string
    readonly textHash: string
    readonly facts: readonly { kind: string; label: string; data: Record<string, unknown> }[]
  } | null
}

/**
 * Saves many documents in the caller's transaction, with the outcome {@link
 * DocumentRepository.save} one after the other would have: one lookup of the ids and text hashes
 * and one insert of every new document with its annotations and facts (issue #5, point 10: each
 * statement costs a round trip on PGlite). A document that shares an id or a text hash with an
 * earlier one of the list, or that follows an updated one, starts a new round (looked up again),
 * so that it sees what the earlier ones wrote.
 */
export async function saveDocumentsIn(
  trx: Transaction<Database>,
  items: readonly SaveItem[],
): Promise<SavedItem[]> {
  const out: SavedItem[] = []
  let i = 0
  while (i < items.length) {
    // One round: no id or text hash twice, and nothing after an updated document.
    const round: { item: SaveItem; textHash: string }[] = []
    const ids = new Set<string>()
    const hashes = new Set<string>()
    for (; i < items.length; i++) {
      const item = items[i]!
      const textHash = hashNormalizedText(item.doc.text)
      if (ids.has(item.doc.id) || hashes.has(textHash)) break
      ids.add(item.doc.id)
      hashes.add(textHash)
      round.push({ item, textHash })
    }
    const existing = await trx
      .selectFrom('documents')
      .select(['id', 'text_hash', 'raw_hash', 'extractor_version'])
      .where((eb) => eb.or([eb('id', 'in', [...ids]), eb('text_hash', 'in', [...hashes])]))
      .forUpdate()
      .execute()
    const byIdRows = new Map(existing.map((r) => [r.id, r]))
    const byHashRows = new Map(existing.map((r) => [r.text_hash, r]))
    const fresh: NewDocument[] = []
    const freshAt: number[] = []
    for (const [n, { item, textHash }] of round.entries()) {
      const { doc, input } = item
      const byId = byIdRows.get(doc.id)
      if (
        byId &&
        byId.text_hash === textHash &&
        byId.extractor_version === input.extractorVersion
      ) {
        if (input.rawHash && byId.raw_hash !== input.rawHash)
          await trx
            .updateTable('documents')
            .set({ raw_hash: input.rawHash })
            .where('id', '=', doc.id)
            .execute()
        out.push({ result: { status: 'unchanged', id: doc.id, duplicateOf: null }, stored: null })
        continue
      }
      const byHash = byHashRows.get(textHash)
      if (!byId && byHash && byHash.id !== doc.id) {
        out.push({
          result: { status: 'duplicate', id: doc.id, duplicateOf: byHash.id },
          stored: null,
        })
        continue
      }
      const prepared = prepare(doc, input, textHash)
      if (byId) {
        await trx
          .updateTable('documents')
          .set({ ...prepared.row, updated_at: new Date().toISOString() })
          .where('id', '=', doc.id)
          .execute()
        await trx.deleteFrom('annotations').where('doc_id', '=', doc.id).execute()
        await trx.deleteFrom('facts').where('doc_id', '=', doc.id).execute()
        await insertPrepared(trx, [prepared], false)
        out.push({
          result: { status: 'updated', id: doc.id, duplicateOf: null },
          stored: storedOf(prepared),
        })
        // What follows is looked up again: it may name this document's old text.
        i -= round.length - n - 1
        break
      }
      freshAt.push(out.length)
      out.push({ result: { status: 'added', id: doc.id, duplicateOf: null }, stored: null })
      fresh.push(prepared)
    }
    if (fresh.length > 0) {
      await insertPrepared(trx, fresh, true)
      fresh.forEach((p, k) => {
        const at = freshAt[k]!
        out[at] = { result: out[at]!.result, stored: storedOf(p) }
      })
    }
  }
  return out
}

// A document ready to insert: its row, and its annotations and facts as JSON rows.
interface NewDocument {
  readonly id: string
  readonly row: Omit<DocumentsTable, 'id' | 'search_vector' | 'created_at' | 'updated_at'>
  readonly annotations: string
  readonly facts: string
}

function prepare(doc: ExtractedDoc, input: SaveInput, textHash: string): NewDocument {
  return {
    id: doc.id,
    row: {
      source: storable(doc.source),
      url: doc.url === null ? null : storable(doc.url),
      title: doc.title === null ? null : storable(doc.title),
      lang: doc.lang,
      published: doc.published,
      format: doc.format,
      text: storable(doc.text),
      text_hash: textHash,
      raw_hash: input.rawHash ?? null,
      extractor_version: input.extractorVersion,
    },
    annotations: annotationsJson(doc, input),
    facts: factsJson(doc),
  }
}

// The stored text, hash and facts of a prepared document, as the database gives them back.
function storedOf(p: NewDocument): NonNullable<SavedItem['stored']> {
  const rows = JSON.parse(p.facts) as { k: string; l: string; d: Record<string, unknown> }[]
  return {
    text: p.row.text,
    textHash: p.row.text_hash,
    facts: rows.map((r) => ({ kind: r.k, label: r.l, data: r.d })),
  }
}

// Inserts documents (with `withDocuments`; else only their annotations and facts) in one
// statement of data-modifying CTEs; rows travel as JSON (see `insertRows`).
async function insertPrepared(
  trx: Transaction<Database>,
  docs: readonly NewDocument[],
  withDocuments: boolean,
): Promise<void> {
  const join = (parts: readonly string[]) =>
    `[${parts
      .filter((x) => x !== '[]')
      .map((x) => x.slice(1, -1))
      .join(',')}]`
  const annotations = join(docs.map((d) => d.annotations))
  const facts = join(docs.map((d) => d.facts))
  // The extractor version (a list of every stage, some 200 characters) travels once per
  // document, not on each of its annotation and fact rows.
  const versions = toJson(docs.map((d) => ({ doc: d.id, x: d.row.extractor_version })))
  const insertDocuments = withDocuments
    ? sql`d as (
        insert into documents
          (id, source, url, title, lang, published, format, text, text_hash, raw_hash, extractor_version)
        select r.id, r.source, r.url, r.title, r.lang, r.published, r.format, r.text, r.text_hash,
          r.raw_hash, r.extractor_version
        from jsonb_to_recordset(${toJson(docs.map((d) => ({ id: d.id, ...d.row })))}::jsonb)
          as r(id text, source text, url text, title text, lang text, published text, format text,
            text text, text_hash text, raw_hash text, extractor_version text)
        returning id),`
    : sql``
  await sql`
    with ${insertDocuments}
    v as (select * from jsonb_to_recordset(${versions}::jsonb) as v(doc text, x text)),
    a as (
      insert into annotations
        (doc_id, start_offset, end_offset, type, label, attributes, stage, stage_version, extractor_version)
      select r.doc, r.s, r.e, r.t, r.l, r.a, r.g, r.v, v.x
      from jsonb_to_recordset(${annotations}::jsonb)
        as r(doc text, s int, e int, t text, l text, a jsonb, g text, v int)
      join v on v.doc = r.doc
      returning 1),
    f as (
      insert into facts
        (doc_id, kind, ordinal, start_offset, end_offset, label, data, stage, stage_version, extractor_version)
      select r.doc, r.k, r.o, r.s, r.e, r.l, r.d, r.g, r.v, v.x
      from jsonb_to_recordset(${facts}::jsonb)
        as r(doc text, k text, o int, s int, e int, l text, d jsonb, g text, v int)
      join v on v.doc = r.doc
      returning 1)
    select (select count(*) from a) as annotations, (select count(*) from f) as facts`.execute(trx)
}

// Rows travel as one JSON parameter unpacked by jsonb_to_recordset: one bind parameter instead of
// nine per row, which is several times faster on PGlite and has no bind-parameter limit.
function annotationsJson(doc: ExtractedDoc, input: SaveInput): string {
  return toJson(
    input.annotations.map((a) => ({
      doc: doc.id,
      s: a.start,
      e: a.end,
      t: a.type,
      l: a.label,
      a: a.attributes,
      g: a.stage,
      v: a.stageVersion,
    })),
  )
}

function factsJson(doc: ExtractedDoc): string {
  const ordinals = new Map<string, number>()
  return toJson(
    factsOf(doc).map((f) => {
      const ordinal = ordinals.get(f.kind) ?? 0
      ordinals.set(f.kind, ordinal + 1)
      return {
        doc: doc.id,
        k: f.kind,
        o: ordinal,
        s: f.span?.start ?? null,
        e: f.span?.end ?? null,
        l: f.label,
        d: f.data,
        g: f.provenance.stage,
        v: f.provenance.version,
      }
    }),
  )
}

interface FactRow {
  readonly kind: string
  readonly label: string
  readonly span: Span | undefined
  readonly data: object
  readonly provenance: Provenance
}

// One row per fact; `data` keeps the whole fact (mentions, arguments, conversion) as JSON.
function factsOf(doc: ExtractedDoc): FactRow[] {
  return [
    ...doc.persons.map((p) => ({
      kind: 'person',
      label: p.name,
      span: p.mentions[0],
      data: p,
      provenance: p.provenance,
    })),
    ...doc.organizations.map((o) => ({
      kind: 'organization',
      label: o.name,
      span: o.mentions[0],
      data: o,
      provenance: o.provenance,
    })),
    ...doc.locations.map((l) => ({
      kind: 'location',
      label: l.name,
      span: l.mentions[0],
      data: l,
      provenance: l.provenance,
    })),
    ...doc.money.map((m) => ({
      kind: 'money',
      label: m.amount === null ? m.currency : `${m.amount} ${m.currency}`,
      span: m,
      data: m,
      provenance: m.provenance,
    })),
    ...doc.dates.map((d) => ({
      kind: 'date',
      label: d.iso,
      span: d,
      data: d,
      provenance: d.provenance,
    })),
    ...doc.crimes.map((c) => ({
      kind: 'crime',
      label: c.category,
      span: c.evidence[0],
      data: c,
      provenance: c.provenance,
    })),
    ...doc.events.map((e) => ({
      kind: 'event',
      label: e.type,
      span: e,
      data: e,
      provenance: e.provenance,
    })),
    ...doc.statistics.map((s) => ({
      kind: 'statistic',
      label: s.label,
      span: s,
      data: s,
      provenance: s.provenance,
    })),
  ]
}

// PostgreSQL text cannot hold U+0000 and jsonb refuses lone surrogates. Both become U+FFFD, one
// code unit for one, so every stored offset stays valid.
function storable(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD')
}

// NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v))
}
