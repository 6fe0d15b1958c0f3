/**
 * The entity record: persons and organisations resolved across documents, languages and
 * scripts, with analysts' merges and splits (logged, undoable) and a person's case timeline.
 *
 * Resolution is incremental, one document at a time: every person and organisation fact of the
 * document becomes a mention; a mention already known (same document, kind and name) keeps its
 * entity, whatever an analyst did to it; a new one looks up candidate entities by its name keys
 * in `entity_keys` (a btree: `key = any($1)`, never a scan), scores them with
 * `core/entities/resolution.ts` (names, context, IIN/BIN) and joins the best or starts a new
 * entity. Design: docs/decisions/0008-entity-resolution.md.
 *
 * @module storage/entity-repository
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import {
  addContext,
  type Candidate,
  type CandidateScore,
  contextOf,
  EMPTY_CONTEXT,
  type EntityContext,
  type EntityKind,
  identifierNear,
  type MentionContext,
  type MentionInput,
  organizationKey,
  organizationKeys,
  personPostingKeys,
  personQueryKeys,
  scoreCandidate,
  titleKeys,
} from '#core/entities/resolution.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '#core/errors.ts'
import { compareNames, compareParsed, DEFAULT_THRESHOLD } from '#core/names/compare.ts'
import { type ParsedName, parseName } from '#core/names/name-key.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** What resolving one document did. */
export interface ResolveReport {
  readonly docId: string
  /** Person and organisation mentions in the document. */
  readonly mentions: number
  /** Mentions already resolved before (kept with their entity, decisions included). */
  readonly kept: number
  /** New mentions that joined an existing entity. */
  readonly linked: number
  /** New mentions that started a new entity. */
  readonly created: number
  /** Mentions no longer in the document (removed). */
  readonly removed: number
}

/** One entity in a list. */
export interface EntitySummary {
  readonly id: string
  readonly kind: EntityKind
  readonly name: string
  readonly mentions: number
  /** With a query: how well the best of its names matches (0..1). */
  readonly score: number | null
}

/** One mention of an entity. */
export interface EntityMention {
  /** Stable while the mention stays in its document (what `split` takes). */
  readonly id: string
  readonly docId: string
  readonly name: string
  readonly role: string | null
  readonly title: string | null
  readonly iin: string | null
  /** Placed by an analyst's merge or split. */
  readonly decided: boolean
  readonly docTitle: string | null
  readonly published: string | null
}

/** An entity with its mentions, documents and roles. */
export interface EntityDetail {
  readonly id: string
  readonly kind: EntityKind
  readonly name: string
  /** The id asked for when it was merged into this one, else `null`. */
  readonly redirectedFrom: string | null
  readonly mentionCount: number
  readonly names: readonly { readonly name: string; readonly mentions: number }[]
  readonly roles: readonly { readonly role: string; readonly documents: number }[]
  readonly titles: readonly string[]
  readonly identifiers: readonly string[]
  readonly crimeCategories: readonly string[]
  readonly documents: readonly {
    readonly docId: string
    readonly title: string | null
    readonly published: string | null
  }[]
  /** Newest documents first, at most `mentionLimit`. */
  readonly mentions: readonly EntityMention[]
}

/** One dated event of a person's case timeline. */
export interface TimelineEvent {
  /** The event's date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or an interval `a/b`), or the article's. */
  readonly date: string | null
  /** True when the event has no date of its own and the article's date stands in. */
  readonly approximate: boolean
  readonly type: string
  readonly summary: string
  readonly location: string | null
  readonly agency: string | null
  readonly subjects: readonly string[]
  /** The name under which the entity is a subject of this event. */
  readonly as: string
  readonly docId: string
  readonly docTitle: string | null
  readonly published: string | null
}

/** One analyst action. */
export interface EntityLogEntry {
  readonly id: string
  readonly action: 'merge' | 'split' | 'undo'
  readonly by: string
  /** ISO timestamp. */
  readonly at: string
  readonly entityIds: readonly string[]
  /** `undo`: the entry it undid. */
  readonly undoes: string | null
  /** The `undo` entry that undid this one, if any. */
  readonly undoneBy: string | null
  /** merge: `into`, `from`; split: `from`, `into` (the new entity), `mentions`. */
  readonly details: Readonly<Record<string, unknown>>
}

/** Options of {@link EntityRepository.list}. */
export interface ListOptions {
  /** A name in any script; without it, the entities with most mentions. */
  readonly q?: string | undefined
  readonly kind?: EntityKind | undefined
  readonly limit?: number | undefined
  readonly offset?: number | undefined
}

/** The entity record. */
export interface EntityRepository {
  /** Resolves the mentions of one stored document (idempotent; keeps analysts' decisions). */
  resolveDocument(docId: string): Promise<ResolveReport>
  /** Resolves every document not resolved yet (or re-extracted since); returns how many. */
  sync(): Promise<number>
  list(options?: ListOptions): Promise<EntitySummary[]>
  /** Throws `not_found`. A merged id answers with the entity it was merged into. */
  get(id: string, options?: { readonly mentionLimit?: number }): Promise<EntityDetail>
  /** The dated events the (person) entity is a subject of, oldest first. */
  timeline(id: string): Promise<TimelineEvent[]>
  /** Merges `from` entities into `into`; logged. Throws `not_found`, `invalid_input`. */
  merge(into: string, from: readonly string[], by: string): Promise<EntityLogEntry>
  /** Moves the given mentions of an entity to a new entity; logged. */
  split(id: string, mentionIds: readonly string[], by: string): Promise<EntityLogEntry>
  /**
   * Undoes a merge or split: the mentions it moved go back, the entities get their names and
   * state back. Refused (`conflict`) while a later, not undone action touches the same entities.
   */
  undo(logId: string, by: string): Promise<EntityLogEntry>
  /** The log, newest first; with `entityId`, the entries that touch it. */
  log(options?: { readonly entityId?: string; readonly limit?: number }): Promise<EntityLogEntry[]>
}

/** A database or an open transaction. */
export type Db = Kysely<Database> | Transaction<Database>

interface MentionRow {
  id: string
  doc_id: string
  kind: string
  name: string
  entity_id: string
  role: string | null
  title: string | null
  ref_id: string | null
  iin: string | null
  context: MentionContext
  decided: boolean
}

interface EntityRow {
  id: string
  kind: string
  name: string
  merged_into: string | null
  mention_count: number
  context: EntityContext
}

interface CurrentMention extends MentionInput {
  readonly role: string | null
  readonly title: string | null
  readonly spans: readonly { start: number; end: number }[]
}

const SYNC_BATCH = 100
// Candidate entities scored per mention at most, most shared name parts first.
const MAX_CANDIDATES = 50
// Names read per candidate entity at most (an entity in thousands of articles has few names).
const MAX_NAMES = 50
const ROLE_ORDER = [
  'convict',
  'suspect',
  'victim',
  'official',
  'politician',
  'lawyer',
  'journalist',
]
const ID = /^\d{1,18}$/

/** Creates the entity repository over an open database. */
export function createEntityRepository(db: Kysely<Database>): EntityRepository {
  // Resolutions of one process run one after the other: two at once could both create an entity
  // for the same new person.
  let queue: Promise<unknown> = Promise.resolve()
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work)
    queue = run.catch(() => undefined)
    return run
  }

  return {
    resolveDocument: (docId) =>
      serial(() =>
        withDbErrors(`resolving the entities of document ${docId}`, () =>
          db.transaction().execute(async (trx) => {
            // Across processes too (workers, decision 0010): one resolution at a time.
            await sql`select pg_advisory_xact_lock(hashtext('tergeu:resolve'))`.execute(trx)
            return resolveIn(trx, docId)
          }),
        ),
      ),
    sync: () =>
      serial(() =>
        withDbErrors('resolving entities of stored documents', async () => {
          let total = 0
          for (;;) {
            const rows = await sql<{ id: string }>`
              select d.id from documents d
              left join entity_resolved_docs r on r.doc_id = d.id
                and r.text_hash = d.text_hash and r.extractor_version = d.extractor_version
              where r.doc_id is null order by d.published nulls first, d.id limit ${SYNC_BATCH}`.execute(
              db,
            )
            for (const r of rows.rows)
              await db.transaction().execute(async (trx) => {
                await sql`select pg_advisory_xact_lock(hashtext('tergeu:resolve'))`.execute(trx)
                return resolveIn(trx, r.id)
              })
            total += rows.rows.length
            if (rows.rows.length < SYNC_BATCH) return total
          }
        }),
      ),
    list: (options = {}) => withDbErrors('listing entities', () => list(db, options)),
    get: (id, options = {}) =>
      withDbErrors(`reading entity ${id}`, () => getEntity(db, id, options.mentionLimit ?? 200)),
    timeline: (id) => withDbErrors(`reading the timeline of entity ${id}`, () => timeline(db, id)),
    merge: (into, from, by) =>
      serial(() =>
        withDbErrors('merging entities', () =>
          db.transaction().execute((trx) => merge(trx, into, from, by)),
        ),
      ),
    split: (id, mentionIds, by) =>
      serial(() =>
        withDbErrors(`splitting entity ${id}`, () =>
          db.transaction().execute((trx) => split(trx, id, mentionIds, by)),
        ),
      ),
    undo: (logId, by) =>
      serial(() =>
        withDbErrors(`undoing entity log entry ${logId}`, () =>
          db.transaction().execute((trx) => undo(trx, logId, by)),
        ),
      ),
    log: (options = {}) => withDbErrors('reading the entity log', () => readLog(db, options)),
  }
}

// ---------------------------------------------------------------------------------------------
// Resolution

/** A fact as resolution reads it: kind, label and data as stored. */
export interface ResolveFact {
  readonly kind: string
  readonly label: string
  readonly data: Record<string, unknown>
}

/**
 * A document stored in the caller's transaction, handed to {@link resolveStoredIn} with what
 * resolution would otherwise read back: its stored text and hashes, and its facts as stored.
 */
export interface StoredForResolution {
  readonly docId: string
  readonly text: string
  readonly textHash: string
  readonly extractorVersion: string
  /** Every fact of the document, as stored (`data` as jsonb gives it back), in ordinal order per kind. */
  readonly facts: readonly ResolveFact[]
  /** True when the document row was inserted in this transaction: it has no mentions yet. */
  readonly isNew: boolean
}

/**
 * Resolves documents just stored in `trx` (the batched ingest: documents and their entities
 * commit together), in the order given, exactly as {@link EntityRepository.resolveDocument}
 * one after the other would, without reading back what the caller just wrote. Takes the
 * resolution lock for the rest of the transaction.
 */
export async function resolveStoredIn(
  trx: Transaction<Database>,
  docs: readonly StoredForResolution[],
): Promise<ResolveReport[]> {
  if (docs.length === 0) return []
  await sql`select pg_advisory_xact_lock(hashtext('tergeu:resolve'))`.execute(trx)
  const reports: ResolveReport[] = []
  const resolved: { d: string; h: string; v: string }[] = []
  if (docs.every((d) => d.isNew) && new Set(docs.map((d) => d.docId)).size === docs.length) {
    // New documents only (an ingest): their candidates are read in two statements for the
    // whole batch, placed in order in memory and written in one statement (decision 0012).
    const plans = docs.map((doc) => {
      const current = mentionsOf(doc.facts, doc.docId, doc.text)
      const ms = byEvidence([...current])
      return { doc, mentions: current.length, ms, parsed: ms.map((m) => parseName(m.name)) }
    })
    const batch = await loadBatch(trx, plans)
    for (const p of plans) {
      const placed = await placeMentions(trx, p.doc.docId, p.ms, new Set(), {
        batch,
        parsed: p.parsed,
      })
      reports.push({
        docId: p.doc.docId,
        mentions: p.mentions,
        kept: 0,
        linked: placed.linked,
        created: placed.created,
        removed: 0,
      })
      resolved.push({ d: p.doc.docId, h: p.doc.textHash, v: p.doc.extractorVersion })
    }
    await flushBatch(trx, batch)
  } else {
    for (const doc of docs) reports.push(await resolveIn(trx, doc.docId, doc, resolved))
  }
  // A document resolved twice in the list (stored twice) keeps its last version.
  const last = [...new Map(resolved.map((r) => [r.d, r])).values()]
  await sql`
    insert into entity_resolved_docs (doc_id, text_hash, extractor_version)
    select r.d, r.h, r.v from jsonb_to_recordset(${JSON.stringify(last)}::jsonb)
      as r(d text, h text, v text)
    on conflict (doc_id) do update set text_hash = excluded.text_hash,
      extractor_version = excluded.extractor_version, resolved_at = now()`.execute(trx)
  return reports
}

async function resolveIn(
  trx: Transaction<Database>,
  docId: string,
  stored?: StoredForResolution,
  resolvedRows?: { d: string; h: string; v: string }[],
): Promise<ResolveReport> {
  const doc = stored
    ? { text: stored.text, text_hash: stored.textHash, extractor_version: stored.extractorVersion }
    : (
        await sql<{ text: string; text_hash: string; extractor_version: string }>`
          select text, text_hash, extractor_version from documents where id = ${docId} for update`.execute(
          trx,
        )
      ).rows[0]
  if (!doc) throw new NotFoundError(`no document with id "${docId}"`, { details: { id: docId } })
  const current = stored
    ? mentionsOf(stored.facts, docId, doc.text)
    : await currentMentions(trx, docId, doc.text)
  // A document inserted in this transaction has no mentions (they reference the document).
  const existing = stored?.isNew
    ? []
    : (
        await sql<MentionRow>`
          select id::text as id, doc_id, kind, name, entity_id::text as entity_id, role, title,
            ref_id, iin, context, decided
          from entity_mentions where doc_id = ${docId}`.execute(trx)
      ).rows
  const byKey = new Map(existing.map((m) => [`${m.kind}\u0001${m.name}`, m]))
  const touched = new Set<string>()
  const docEntities = new Set(existing.map((m) => m.entity_id))
  const fresh: CurrentMention[] = []
  let kept = 0
  for (const m of current) {
    const old = byKey.get(`${m.kind}\u0001${m.name}`)
    if (!old) {
      fresh.push(m)
      continue
    }
    byKey.delete(`${m.kind}\u0001${m.name}`)
    kept++
    if (
      old.role !== m.role ||
      old.title !== m.title ||
      old.iin !== m.context.iin ||
      old.ref_id !== (m.orgId ?? null) ||
      JSON.stringify(old.context) !== JSON.stringify(m.context)
    ) {
      await updateMention(trx, old.id, m)
      touched.add(old.entity_id)
    }
  }
  // A mention whose name the extractor now writes differently (a re-ingest by a newer version)
  // takes over the row, and so the entity, of the vanished mention it compares the same with:
  // an analyst's decision about it survives the respelling.
  const vanished = [...byKey.values()]
  let linked = 0
  let created = 0
  const unresolved: CurrentMention[] = []
  for (const m of fresh) {
    const i = vanished.findIndex(
      (v) =>
        v.kind === m.kind &&
        (m.kind === 'person'
          ? compareNames(v.name, m.name).same
          : organizationKey(v.name) === organizationKey(m.name)),
    )
    if (i < 0) {
      unresolved.push(m)
      continue
    }
    const v = vanished.splice(i, 1)[0]!
    await updateMention(trx, v.id, m, m.name)
    await postKeys(trx, v.entity_id, m)
    touched.add(v.entity_id)
    kept++
  }
  for (const v of vanished) {
    await sql`delete from entity_mentions where id = ${v.id}::bigint`.execute(trx)
    touched.add(v.entity_id)
  }
  byEvidence(unresolved)
  const placed = await placeMentions(trx, docId, unresolved, docEntities)
  linked += placed.linked
  created += placed.created
  for (const id of touched) await recompute(trx, id, { keys: false })
  if (resolvedRows) resolvedRows.push({ d: docId, h: doc.text_hash, v: doc.extractor_version })
  else
    await sql`
    insert into entity_resolved_docs (doc_id, text_hash, extractor_version)
    values (${docId}, ${doc.text_hash}, ${doc.extractor_version})
    on conflict (doc_id) do update set text_hash = excluded.text_hash,
      extractor_version = excluded.extractor_version, resolved_at = now()`.execute(trx)
  return {
    docId,
    mentions: current.length,
    kept,
    linked,
    created,
    removed: vanished.length,
  }
}

// Strongest evidence first: an IIN, then full names, then surnames alone (a stable sort).
function byEvidence(ms: CurrentMention[]): CurrentMention[] {
  return ms.sort(
    (a, b) =>
      Number(Boolean(b.context.iin)) - Number(Boolean(a.context.iin)) ||
      parseName(b.name).parts.length - parseName(a.name).parts.length,
  )
}

async function updateMention(trx: Db, id: string, m: CurrentMention, name?: string): Promise<void> {
  await sql`
    update entity_mentions set role = ${m.role}, title = ${m.title}, ref_id = ${m.orgId ?? null},
      iin = ${m.context.iin}, context = ${JSON.stringify(m.context)}::jsonb
      ${name === undefined ? sql`` : sql`, name = ${name}`}
    where id = ${id}::bigint`.execute(trx)
}

// The name an entity is shown by: the one with most parts (a full name over a bare surname).
function betterName(current: string, candidate: string): string {
  return parseName(candidate).parts.length > parseName(current).parts.length ? candidate : current
}

function keysOf(kind: string, name: string, orgId: string | null | undefined) {
  if (kind === 'organization') return { keys: organizationKeys(name, orgId), parts: 1 }
  return personPostingKeys(name)
}

async function postKeys(
  trx: Db,
  entityId: string,
  m: { kind: string; name: string; orgId?: string | null | undefined },
): Promise<void> {
  const { keys, parts } = keysOf(m.kind, m.name, m.orgId)
  if (keys.length === 0) return
  await sql`
    insert into entity_keys (key, entity_id, min_parts)
    select k, ${entityId}::bigint, ${parts} from unnest(${keys}::text[]) as k
    on conflict (key, entity_id) do update set min_parts = least(entity_keys.min_parts, excluded.min_parts)`.execute(
    trx,
  )
}

/** Reads the person and organisation facts of a document as mentions with their context. */
async function currentMentions(trx: Db, docId: string, text: string): Promise<CurrentMention[]> {
  const facts = (
    await sql<ResolveFact>`
      select kind, label, data from facts
      where doc_id = ${docId} and kind in ('person', 'organization', 'location', 'crime')
      order by kind, ordinal`.execute(trx)
  ).rows
  return mentionsOf(facts, docId, text)
}

// The fact kinds resolution reads, in the order the facts query sorts them (by kind).
const RESOLUTION_FACT_KINDS = ['crime', 'location', 'organization', 'person'] as const

/** The mentions of a document from its stored facts (any kinds, any order of kinds). */
function mentionsOf(all: readonly ResolveFact[], docId: string, text: string): CurrentMention[] {
  // As the facts query gives them: these kinds only, by kind, each kind in ordinal order.
  const facts = RESOLUTION_FACT_KINDS.flatMap((k) => all.filter((f) => f.kind === k))
  const orgs: string[] = []
  const places: string[] = []
  const crimes: string[] = []
  for (const f of facts) {
    if (f.kind === 'organization') {
      const orgId = str(f.data['orgId'])
      orgs.push(orgId ? `org:${orgId}` : `name:${organizationKey(f.label)}`)
    } else if (f.kind === 'location' && f.data['kind'] !== 'country') {
      const placeId = str(f.data['placeId'])
      places.push(placeId ?? `name:${f.label.toLowerCase()}`)
    } else if (f.kind === 'crime' && f.label !== 'other') crimes.push(f.label)
  }
  const spansOf = (f: { data: Record<string, unknown> }) =>
    (Array.isArray(f.data['mentions']) ? f.data['mentions'] : [])
      .map((x) => x as { start?: unknown; end?: unknown })
      .filter((x) => typeof x.start === 'number' && typeof x.end === 'number')
      .map((x) => ({ start: x.start as number, end: x.end as number }))
  const named = facts.filter((f) => f.kind === 'person' || f.kind === 'organization')
  const allSpans = named.map(spansOf)
  const seen = new Set<string>()
  const out: CurrentMention[] = []
  named.forEach((f, i) => {
    const kind = f.kind as EntityKind
    const name = f.label.trim()
    if (name === '' || seen.has(`${kind}\u0001${name}`)) return
    seen.add(`${kind}\u0001${name}`)
    const spans = allSpans[i]!
    const others = allSpans.filter((_, j) => j !== i).flat()
    const title = kind === 'person' ? str(f.data['title']) : null
    const orgId = kind === 'organization' ? str(f.data['orgId']) : null
    const self = orgId ? `org:${orgId}` : `name:${organizationKey(name)}`
    out.push({
      kind,
      name,
      docId,
      role: kind === 'person' ? (str(f.data['role']) ?? 'other') : str(f.data['kind']),
      title,
      orgId,
      orgKind: kind === 'organization' ? str(f.data['kind']) : null,
      spans,
      context: {
        orgs: kind === 'organization' ? orgs.filter((o) => o !== self) : orgs,
        places,
        crimes,
        titles: titleKeys(title),
        iin: identifierNear(text, spans, kind, others),
      },
    })
  })
  return out
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

interface ScoredCandidate {
  readonly id: string
  readonly name: string
  readonly context: EntityContext
  readonly score: CandidateScore
  readonly mentions: number
}

/**
 * Places new mentions of one document: finds every mention's candidates in one indexed query,
 * scores them, then writes the new entities, the updated ones, the mentions and their keys in a
 * few statements. Mentions are decided in order (strongest evidence first); one entity takes at
 * most one mention of a document. `within` a batch of new documents, the candidates come from
 * the batch's reads and what it placed, and the writes wait for {@link flushBatch}.
 */
async function placeMentions(
  trx: Db,
  docId: string,
  ms: readonly CurrentMention[],
  docEntities: Set<string>,
  within?: { readonly batch: BatchState; readonly parsed: readonly ParsedName[] },
): Promise<{ linked: number; created: number }> {
  if (ms.length === 0) return { linked: 0, created: 0 }
  const parsed = within?.parsed ?? ms.map((m) => parseName(m.name))
  const batch = within?.batch
  let ids = batch && batchCandidateIds(batch, docId, ms)
  if (!ids) {
    if (batch) await flushBatch(trx, batch)
    ids = await candidateIds(trx, ms, parsed)
  }
  const all = [...new Set(ids.flat())]
  const entities = batch
    ? await batchEntities(trx, batch, all)
    : await readCandidates(
        trx,
        all,
        ms.some((m) => m.kind === 'organization'),
      )
  // Reading may have written the batch: its provisional ids are stored ones now (same order).
  if (batch) ids = ids.map((list) => list.map((id) => storedId(batch, id)))
  const byId = new Map(entities.map((e) => [e.id, e]))
  const names = new Map<string, readonly string[]>()
  const orgIds = new Map<string, ReadonlySet<string>>()
  for (const e of entities) {
    if (e.names.length > 0) names.set(e.id, e.names)
    if (e.refs.length > 0) orgIds.set(e.id, new Set(e.refs))
  }
  // Decide, in order.
  const target: (string | null)[] = []
  const updated = new Map<string, { context: EntityContext; name: string; n: number }>()
  ms.forEach((m, i) => {
    let best: ScoredCandidate | undefined
    for (const id of ids[i] ?? []) {
      const e = byId.get(id)
      if (!e) continue
      const now = updated.get(id)
      const candidate: Candidate = {
        kind: e.kind as EntityKind,
        names: names.get(id) ?? [e.name],
        context: now?.context ?? e.context,
        docIds: docEntities.has(id) ? new Set([docId]) : new Set(),
        orgIds: orgIds.get(id) ?? new Set(),
      }
      const score = scoreCandidate(m, parsed[i]!, candidate)
      if (!score.link) continue
      if (
        !best ||
        score.score > best.score.score ||
        (score.score === best.score.score && e.mention_count > best.mentions)
      )
        best = { id, name: e.name, context: candidate.context, score, mentions: e.mention_count }
    }
    if (!best) {
      target.push(null)
      return
    }
    target.push(best.id)
    docEntities.add(best.id)
    const now = updated.get(best.id)
    updated.set(best.id, {
      context: addContext(best.context, m.context),
      name: betterName(now?.name ?? best.name, m.name),
      n: (now?.n ?? 0) + 1,
    })
  })
  if (batch) return batchPlace(batch, docId, ms, target, updated)
  // New entities, one per unplaced mention, mapped back by kind and name (unique per document);
  // the entities, mentions and keys are written in one statement.
  const fresh = ms.flatMap((m, i) => (target[i] === null ? [m] : []))
  const keyRows = new Map<
    string,
    { k: string; e: string | null; nk: string; nn: string; p: number }
  >()
  ms.forEach((m, i) => {
    const e = target[i] ?? null
    const { keys, parts } = keysOf(m.kind, m.name, m.orgId)
    const owner = e ?? `new:${m.kind}\u0001${m.name}`
    for (const k of keys) {
      const old = keyRows.get(`${k}\u0001${owner}`)
      if (!old || parts < old.p)
        keyRows.set(`${k}\u0001${owner}`, { k, e, nk: m.kind, nn: m.name, p: parts })
    }
  })
  await sql`
    with ne as (
      insert into entities (kind, name, mention_count, context)
      select r.k, r.n, 1, r.c
      from jsonb_to_recordset(${JSON.stringify(
        fresh.map((m) => ({ k: m.kind, n: m.name, c: addContext(EMPTY_CONTEXT, m.context) })),
      )}::jsonb) as r(k text, n text, c jsonb)
      returning id, kind, name),
    ue as (
      update entities e set mention_count = e.mention_count + r.m, context = r.c, name = r.n,
        updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(
        [...updated].map(([id, u]) => ({ i: id, c: u.context, n: u.name, m: u.n })),
      )}::jsonb) as r(i bigint, c jsonb, n text, m int)
      where e.id = r.i
      returning 1),
    me as (
      insert into entity_mentions (doc_id, kind, name, entity_id, role, title, ref_id, iin, context)
      select ${docId}, r.k, r.n, coalesce(r.e, ne.id), r.r, r.t, r.o, r.i, r.c
      from rows from (jsonb_to_recordset(${JSON.stringify(
        ms.map((m, i) => ({
          k: m.kind,
          n: m.name,
          e: target[i],
          r: m.role,
          t: m.title,
          o: m.orgId ?? null,
          i: m.context.iin,
          c: m.context,
        })),
      )}::jsonb) as (k text, n text, e bigint, r text, t text, o text, i text, c jsonb))
        with ordinality as r(k, n, e, r, t, o, i, c, ord)
      left join ne on r.e is null and ne.kind = r.k and ne.name = r.n
      order by r.ord
      returning 1),
    ke as (
      insert into entity_keys (key, entity_id, min_parts)
      select r.k, coalesce(r.e, ne.id), r.p
      from jsonb_to_recordset(${JSON.stringify([...keyRows.values()])}::jsonb)
        as r(k text, e bigint, nk text, nn text, p int)
      left join ne on r.e is null and ne.kind = r.nk and ne.name = r.nn
      on conflict (key, entity_id) do update
        set min_parts = least(entity_keys.min_parts, excluded.min_parts)
      returning 1)
    select (select count(*) from ne) as entities, (select count(*) from ue) as updated,
      (select count(*) from me) as mentions, (select count(*) from ke) as keys`.execute(trx)
  const createdCount = fresh.length
  return { linked: ms.length - createdCount, created: createdCount }
}

/**
 * Candidate entity ids of each mention, in one query over the `entity_keys` btree: persons that
 * share two name parts with the mention (or all the parts of one of their names), organisations
 * that share a key, at most `MAX_CANDIDATES` each, most shared parts first; plus the entities
 * with the mention's IIN/BIN. Counted in the database: a common given name's long posting list
 * is read from the index there and never shipped to the process.
 */
export async function candidateIds(
  trx: Db,
  ms: readonly MentionInput[],
  parsed: readonly ParsedName[],
): Promise<string[][]> {
  const { keys, partOf, mentionOf, needOf } = queryKeysOf(ms, parsed)
  const out: string[][] = ms.map(() => [])
  if (keys.length > 0) {
    const rows = await sql<{ m: number; entity_id: string }>`
      select m, entity_id from (
        select q.m, k.entity_id::text as entity_id,
          row_number() over (
            partition by q.m order by count(distinct q.part) desc, k.entity_id
          ) as rank
        from unnest(${keys}::text[], ${partOf}::int[], ${mentionOf}::int[], ${needOf}::int[])
          as q(key, part, m, need)
        join entity_keys k on k.key = q.key
        group by q.m, k.entity_id
        having count(distinct q.part) >= min(q.need)
          or count(distinct q.part) >= min(k.min_parts)
      ) c where rank <= ${MAX_CANDIDATES}`.execute(trx)
    for (const r of rows.rows) out[r.m]?.push(r.entity_id)
  }
  const iins = [...new Set(ms.flatMap((m) => (m.context.iin ? [m.context.iin] : [])))]
  if (iins.length > 0) {
    const rows = await sql<{ iin: string; entity_id: string }>`
      select distinct iin, entity_id::text as entity_id from entity_mentions
      where iin = any(${iins}::text[])`.execute(trx)
    ms.forEach((m, i) => {
      for (const r of rows.rows)
        if (r.iin === m.context.iin && !out[i]!.includes(r.entity_id)) out[i]!.push(r.entity_id)
    })
  }
  return out
}

/**
 * The key lookups of mentions, as parallel arrays: a key, the name part it stands for, the
 * mention (index) and the parts the mention needs to share. Organisations: their keys, one part,
 * one needed; persons: {@link personQueryKeys}, two parts needed (one for a one-part name).
 */
function queryKeysOf(ms: readonly MentionInput[], parsed: readonly ParsedName[]) {
  const keys: string[] = []
  const partOf: number[] = []
  const mentionOf: number[] = []
  const needOf: number[] = []
  ms.forEach((m, i) => {
    if (m.kind === 'organization') {
      for (const k of organizationKeys(m.name, m.orgId)) {
        keys.push(k)
        partOf.push(0)
        mentionOf.push(i)
        needOf.push(1)
      }
      return
    }
    const { byKey, parts } = personQueryKeys(parsed[i]!)
    for (const [key, list] of byKey)
      for (const p of list) {
        keys.push(key)
        partOf.push(p)
        mentionOf.push(i)
        needOf.push(Math.min(2, parts))
      }
  })
  return { keys, partOf, mentionOf, needOf }
}

/** Person candidates of one name (for `list --q`): the same query as resolution's. */
async function personCandidateIds(trx: Db, parsed: ParsedName): Promise<string[]> {
  const m: MentionInput = {
    kind: 'person',
    name: parsed.text,
    docId: '',
    context: { orgs: [], places: [], crimes: [], titles: [], iin: null },
  }
  return (await candidateIds(trx, [m], [parsed]))[0] ?? []
}

/** Distinct names of each entity (at most 50 each). */
export async function namesOf(trx: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (ids.length === 0) return out
  const rows = await sql<{ entity_id: string; name: string }>`
    select e.id::text as entity_id, n.name from unnest(${ids}::bigint[]) as e(id)
    cross join lateral (${distinctNames(sql`e.id`)}) n`.execute(trx)
  for (const r of rows.rows) {
    const list = out.get(r.entity_id)
    if (list) list.push(r.name)
    else out.set(r.entity_id, [r.name])
  }
  return out
}

/** A candidate entity as placing a mention reads it. */
interface CandidateEntity {
  readonly id: string
  readonly kind: string
  name: string
  mention_count: number
  context: EntityContext
  /** Distinct names of its mentions, at most MAX_NAMES (index order). */
  readonly names: string[]
  /** Distinct organisation lexicon ids of its mentions. */
  readonly refs: string[]
}

/**
 * The candidate entities (live ones only) with their names and, when `withRefs`, the lexicon
 * ids of their mentions: one statement.
 */
async function readCandidates(
  trx: Db,
  ids: readonly string[],
  withRefs: boolean,
): Promise<CandidateEntity[]> {
  if (ids.length === 0) return []
  const rows = (
    await sql<EntityRow & { names: string[]; refs: string[] }>`
      select e.id::text as id, e.kind, e.name, e.merged_into::text as merged_into,
        e.mention_count, e.context,
        array(${distinctNames(sql`e.id`)}) as names,
        case when ${withRefs} then array(${distinctRefs(sql`e.id`)}) else '{}'::text[] end as refs
      from entities e where e.id = any(${ids}::bigint[]) and e.merged_into is null`.execute(trx)
  ).rows
  return rows.map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    mention_count: e.mention_count,
    context: normaliseContext(e.context),
    names: e.names,
    refs: e.refs,
  }))
}

/** The key rows one mention of a batch met at the start of the batch. */
interface BatchMention {
  /** Its query keys, each with the name part it stands for. */
  readonly keys: readonly (readonly [string, number])[]
  /** Parts it must share with an entity (unless the entity's min_parts is lower). */
  readonly need: number
  /** Per entity: the parts shared and the least min_parts of the keys met. */
  readonly pre: ReadonlyMap<string, { readonly parts: readonly number[]; readonly minp: number }>
}

/**
 * What the resolution of a batch of new documents knows (decision 0012): the key rows every
 * mention met when the batch began, and what the batch's earlier documents wrote since (the
 * keys, the entities' names, ids, counts and contexts), so that each document is placed
 * exactly as if its candidates had been read after the previous one was written.
 */
interface BatchState {
  /** By document, kind and name. */
  readonly mentions: ReadonlyMap<string, BatchMention>
  /**
   * Entities whose key rows for every mention of the batch are in `pre` (those that were a
   * candidate of any mention) and the entities the batch created.
   */
  readonly known: Set<string>
  /** Keys the batch wrote: key → entity → min_parts. */
  readonly keys: Map<string, Map<string, number>>
  /** Candidate entities as they stand now (`null`: merged or gone); absent: not read. */
  readonly entities: Map<string, CandidateEntity | null>
  /** Entities whose list of names may be cut and must be read again. */
  readonly stale: Set<string>
  /** Provisional ids of entities written since, and their stored ids. */
  readonly renamed: Map<string, string>
  /** What the batch placed and has not written yet ({@link flushBatch}). */
  readonly pending: {
    counter: number
    /** Entities created (provisional ids) or changed. */
    readonly entities: Set<string>
    readonly mentions: PendingMention[]
    /** By key and entity: the least parts. */
    readonly keys: Map<string, { k: string; e: string; p: number }>
  }
}

/** A mention placed by a batch, as `entity_mentions` stores it. */
interface PendingMention {
  readonly d: string
  readonly k: string
  readonly n: string
  readonly e: string
  readonly r: string | null
  readonly t: string | null
  readonly o: string | null
  readonly i: string | null
  readonly c: MentionContext
}

const mentionKey = (docId: string, m: { kind: string; name: string }) =>
  `${docId}\u0001${m.kind}\u0001${m.name}`

/**
 * Reads, for every mention of a batch of new documents, its candidates as `candidateIds`
 * ranks them (the first MAX_CANDIDATES by shared parts, then id) with the parts they share,
 * plus the key rows it meets of any entity that is a candidate of some mention of the batch;
 * then those entities. Two statements for the batch.
 */
async function loadBatch(
  trx: Db,
  plans: readonly {
    readonly doc: { readonly docId: string }
    readonly ms: readonly CurrentMention[]
    readonly parsed: readonly ParsedName[]
  }[],
): Promise<BatchState> {
  const all = plans.flatMap((p) => p.ms)
  const parsed = plans.flatMap((p) => p.parsed)
  const docOf = plans.flatMap((p) => p.ms.map(() => p.doc.docId))
  const { keys, partOf, mentionOf, needOf } = queryKeysOf(all, parsed)
  const pre = all.map(() => new Map<string, { parts: number[]; minp: number }>())
  const known = new Set<string>()
  if (keys.length > 0) {
    const rows = await sql<{ m: number; entity_id: string; parts: number[]; minp: number }>`
      with g as (
        select q.m, k.entity_id, array_agg(distinct q.part) as parts,
          count(distinct q.part) as n, min(q.need) as need, min(k.min_parts) as minp
        from unnest(${keys}::text[], ${partOf}::int[], ${mentionOf}::int[], ${needOf}::int[])
          as q(key, part, m, need)
        join entity_keys k on k.key = q.key
        group by q.m, k.entity_id),
      top as (
        select m, entity_id from (
          select m, entity_id,
            row_number() over (partition by m order by n desc, entity_id) as rank
          from g where n >= need or n >= minp) c
        where rank <= ${MAX_CANDIDATES})
      select g.m, g.entity_id::text as entity_id, g.parts, g.minp::int as minp from g
      where g.entity_id in (select entity_id from top)`.execute(trx)
    for (const r of rows.rows) {
      pre[r.m]!.set(r.entity_id, { parts: r.parts, minp: r.minp })
      known.add(r.entity_id)
    }
  }
  const byKey = all.map(() => [] as [string, number][])
  const need = all.map(() => 0)
  keys.forEach((k, j) => {
    byKey[mentionOf[j]!]!.push([k, partOf[j]!])
    need[mentionOf[j]!] = needOf[j]!
  })
  const mentions = new Map<string, BatchMention>()
  all.forEach((m, i) => {
    mentions.set(mentionKey(docOf[i]!, m), { keys: byKey[i]!, need: need[i]!, pre: pre[i]! })
  })
  const entities = new Map<string, CandidateEntity | null>()
  for (const id of known) entities.set(id, null)
  for (const e of await readCandidates(trx, [...known], true)) entities.set(e.id, e)
  return {
    mentions,
    known,
    keys: new Map(),
    entities,
    stale: new Set(),
    renamed: new Map(),
    pending: { counter: 0, entities: new Set(), mentions: [], keys: new Map() },
  }
}

/**
 * The candidate ids of a document's mentions from the batch's reads and writes, as
 * `candidateIds` would read them now; `null` when the batch does not know enough (a mention
 * with an IIN, or a key the batch wrote for an entity it read no rows of): then they are read.
 *
 * Exact: an entity the batch wrote no key of that a mention meets has the rows read at the
 * start; one it did, the rows read then plus those written since. Entities only gain keys and
 * parts in a batch, so one that was not among a mention's first MAX_CANDIDATES then and gained
 * nothing since is not among them now.
 */
function batchCandidateIds(
  batch: BatchState,
  docId: string,
  ms: readonly CurrentMention[],
): string[][] | null {
  const out: string[][] = []
  for (const m of ms) {
    const bm = batch.mentions.get(mentionKey(docId, m))
    if (!bm || m.context.iin) return null
    const met = new Map<string, { parts: Set<number>; minp: number }>()
    for (const [e, r] of bm.pre) met.set(e, { parts: new Set(r.parts), minp: r.minp })
    for (const [key, part] of bm.keys) {
      const owners = batch.keys.get(key)
      if (!owners) continue
      for (const [e, minParts] of owners) {
        let row = met.get(e)
        if (!row) {
          if (!batch.known.has(e)) return null
          row = { parts: new Set(), minp: minParts }
          met.set(e, row)
        }
        row.parts.add(part)
        if (minParts < row.minp) row.minp = minParts
      }
    }
    out.push(
      [...met]
        .filter(([, r]) => r.parts.size >= bm.need || r.parts.size >= r.minp)
        .sort(([a, ra], [b, rb]) => rb.parts.size - ra.parts.size || compareIds(a, b))
        .slice(0, MAX_CANDIDATES)
        .map(([e]) => e),
    )
  }
  return out
}

// Numeric order of two bigint ids written in decimal; a provisional id (`n1`, `n2`…, an entity
// the batch has not written yet) after every stored one, in creation order.
function compareIds(a: string, b: string): number {
  const pa = a.startsWith('n')
  const pb = b.startsWith('n')
  if (pa !== pb) return pa ? 1 : -1
  if (pa) return Number(a.slice(1)) - Number(b.slice(1))
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

// The id an entity of the batch has now: a provisional id becomes the stored one at a flush.
function storedId(batch: BatchState, id: string): string {
  return batch.renamed.get(id) ?? id
}

/** The live ones of these entities as they stand now, from the batch or read. */
async function batchEntities(
  trx: Db,
  batch: BatchState,
  ids: readonly string[],
): Promise<CandidateEntity[]> {
  const missing = ids.filter((id) => !batch.entities.has(id) || batch.stale.has(id))
  if (missing.length > 0) {
    // Read back: what the batch placed must be written first.
    await flushBatch(trx, batch)
    const read = missing.map((id) => storedId(batch, id))
    for (const id of read) {
      batch.stale.delete(id)
      batch.entities.set(id, null)
    }
    for (const e of await readCandidates(trx, read, true)) batch.entities.set(e.id, e)
  }
  return ids.flatMap((id) => {
    const e = batch.entities.get(storedId(batch, id))
    return e ? [e] : []
  })
}

/**
 * Places one document's mentions in the batch, as `placeMentions` would write them: the new
 * entities get provisional ids (`n1`, `n2`…, after every stored id, in creation order), and the
 * entities, mentions and keys wait in memory for {@link flushBatch}.
 */
function batchPlace(
  batch: BatchState,
  docId: string,
  ms: readonly CurrentMention[],
  target: readonly (string | null)[],
  updated: ReadonlyMap<string, { context: EntityContext; name: string; n: number }>,
): { linked: number; created: number } {
  for (const [id, u] of updated) {
    const e = batch.entities.get(id)
    if (!e) throw new Error(`entity ${id} placed but not read`)
    // As the entity would be read back: the context through jsonb (its key order decides which
    // features a full map keeps).
    e.context = asJsonb(u.context)
    e.name = u.name
    e.mention_count += u.n
    batch.pending.entities.add(id)
  }
  let created = 0
  ms.forEach((m, i) => {
    let id = target[i] ?? null
    if (id === null) {
      created++
      id = `n${++batch.pending.counter}`
      batch.known.add(id)
      batch.pending.entities.add(id)
      batch.entities.set(id, {
        id,
        kind: m.kind,
        name: m.name,
        mention_count: 1,
        context: asJsonb(addContext(EMPTY_CONTEXT, m.context)),
        names: [m.name],
        refs: m.orgId ? [m.orgId] : [],
      })
    } else {
      const e = batch.entities.get(id)!
      if (m.orgId && !e.refs.includes(m.orgId)) e.refs.push(m.orgId)
      if (!e.names.includes(m.name)) {
        // A list of MAX_NAMES may be cut: which names come first is the index's collation's.
        if (e.names.length >= MAX_NAMES) batch.stale.add(id)
        else e.names.push(m.name)
      }
    }
    batch.pending.mentions.push({
      d: docId,
      k: m.kind,
      n: m.name,
      e: id,
      r: m.role,
      t: m.title,
      o: m.orgId ?? null,
      i: m.context.iin,
      c: m.context,
    })
    const { keys, parts } = keysOf(m.kind, m.name, m.orgId)
    for (const k of keys) {
      let owners = batch.keys.get(k)
      if (!owners) {
        owners = new Map()
        batch.keys.set(k, owners)
      }
      const old = owners.get(id)
      if (old === undefined || parts < old) owners.set(id, parts)
      const row = batch.pending.keys.get(`${k}\u0001${id}`)
      if (!row) batch.pending.keys.set(`${k}\u0001${id}`, { k, e: id, p: parts })
      else if (parts < row.p) row.p = parts
    }
  })
  return { linked: ms.length - created, created }
}

/**
 * Writes what the batch placed since the last flush, in one statement (plus one for the ids of
 * the new entities): the entities as they stand now, the mentions in placement order (their
 * ids as one document at a time gives them), the keys at their least parts. Before anything is
 * read back, and at the end of the batch. The new entities take the sequence's next ids in
 * creation order, as inserting them one document at a time would.
 */
async function flushBatch(trx: Db, batch: BatchState): Promise<void> {
  const p = batch.pending
  if (p.entities.size === 0 && p.mentions.length === 0 && p.keys.size === 0) return
  const provisional = [...p.entities].filter((id) => id.startsWith('n')).sort(compareIds)
  const real = new Map<string, string>()
  if (provisional.length > 0) {
    const ids = (
      await sql<{ id: string }>`
        select nextval(pg_get_serial_sequence('entities', 'id'))::text as id
        from generate_series(1, ${provisional.length})`.execute(trx)
    ).rows
      .map((r) => r.id)
      .sort(compareIds)
    provisional.forEach((id, i) => {
      real.set(id, ids[i]!)
    })
  }
  const idOf = (id: string) => real.get(id) ?? id
  const state = (id: string) => {
    const e = batch.entities.get(id)!
    return { i: idOf(id), k: e.kind, n: e.name, m: e.mention_count, c: e.context }
  }
  await sql`
    with ne as (
      insert into entities (id, kind, name, mention_count, context)
      select r.i, r.k, r.n, r.m, r.c
      from jsonb_to_recordset(${JSON.stringify(provisional.map(state))}::jsonb)
        as r(i bigint, k text, n text, m int, c jsonb)
      returning 1),
    ue as (
      update entities e set mention_count = r.m, context = r.c, name = r.n, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(
        [...p.entities].filter((id) => !id.startsWith('n')).map(state),
      )}::jsonb) as r(i bigint, k text, n text, m int, c jsonb)
      where e.id = r.i
      returning 1),
    me as (
      insert into entity_mentions (doc_id, kind, name, entity_id, role, title, ref_id, iin, context)
      select r.d, r.k, r.n, r.e, r.r, r.t, r.o, r.i, r.c
      from rows from (jsonb_to_recordset(${JSON.stringify(
        p.mentions.map((m) => ({ ...m, e: idOf(m.e) })),
      )}::jsonb) as (d text, k text, n text, e bigint, r text, t text, o text, i text, c jsonb))
        with ordinality as r(d, k, n, e, r, t, o, i, c, ord)
      order by r.ord
      returning 1),
    ke as (
      insert into entity_keys (key, entity_id, min_parts)
      select r.k, r.e, r.p
      from jsonb_to_recordset(${JSON.stringify(
        [...p.keys.values()].map((k) => ({ ...k, e: idOf(k.e) })),
      )}::jsonb) as r(k text, e bigint, p int)
      on conflict (key, entity_id) do update
        set min_parts = least(entity_keys.min_parts, excluded.min_parts)
        where excluded.min_parts < entity_keys.min_parts
      returning 1)
    select (select count(*) from ne) as entities, (select count(*) from ue) as updated,
      (select count(*) from me) as mentions, (select count(*) from ke) as keys`.execute(trx)
  // The provisional ids become the stored ones everywhere the batch keeps them.
  for (const [from, to] of real) {
    batch.renamed.set(from, to)
    const e = batch.entities.get(from)!
    batch.entities.delete(from)
    batch.entities.set(to, { ...e, id: to })
    batch.known.delete(from)
    batch.known.add(to)
    if (batch.stale.delete(from)) batch.stale.add(to)
  }
  if (real.size > 0)
    for (const owners of batch.keys.values())
      for (const [from, to] of real) {
        const parts = owners.get(from)
        if (parts === undefined) continue
        owners.delete(from)
        owners.set(to, parts)
      }
  p.entities.clear()
  p.mentions.length = 0
  p.keys.clear()
}

// An entity context with its maps' keys in jsonb's order (shorter first, then bytewise), as
// JSON.parse of the stored value gives it.
function asJsonb(c: EntityContext): EntityContext {
  const order = (r: Readonly<Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(r).sort(
        ([a], [b]) =>
          Buffer.byteLength(a) - Buffer.byteLength(b) ||
          Buffer.compare(Buffer.from(a), Buffer.from(b)),
      ),
    )
  return {
    orgs: order(c.orgs),
    places: order(c.places),
    crimes: order(c.crimes),
    titles: order(c.titles),
    iins: c.iins,
  }
}

// An entity's distinct names (at most MAX_NAMES, in index order) and distinct organisation
// lexicon ids, each read by a skip scan: one index probe per distinct value, however many
// mentions the entity has. `select distinct … where entity_id = $1` walked every mention of
// the entity, and a body or person named on every page has thousands (decision 0012).
function distinctNames(entityId: RawBuilder<unknown>): RawBuilder<{ name: string }> {
  return sql`
    with recursive n(name) as (
      (select name from entity_mentions where entity_id = ${entityId} order by name limit 1)
      union all
      select (
        select m.name from entity_mentions m
        where m.entity_id = ${entityId} and m.name > n.name order by m.name limit 1
      ) from n where n.name is not null
    )
    select name from n where name is not null limit ${MAX_NAMES}`
}

// Over the partial index `entity_mentions_entity_ref_idx` (migration 202611250300).
function distinctRefs(entityId: RawBuilder<unknown>): RawBuilder<{ ref_id: string }> {
  return sql`
    with recursive r(ref_id) as (
      (select ref_id from entity_mentions where entity_id = ${entityId} and ref_id is not null
        order by ref_id limit 1)
      union all
      select (
        select m.ref_id from entity_mentions m
        where m.entity_id = ${entityId} and m.ref_id is not null and m.ref_id > r.ref_id
        order by m.ref_id limit 1
      ) from r where r.ref_id is not null
    )
    select ref_id from r where ref_id is not null`
}

function normaliseContext(value: Partial<EntityContext> | null): EntityContext {
  return {
    orgs: value?.orgs ?? {},
    places: value?.places ?? {},
    crimes: value?.crimes ?? {},
    titles: value?.titles ?? {},
    iins: value?.iins ?? [],
  }
}

/** Recounts an entity's mentions and context (and, with `keys`, reposts its name keys). */
async function recompute(trx: Db, id: string, options: { keys: boolean }): Promise<void> {
  const rows = (
    await sql<{ kind: string; name: string; ref_id: string | null; context: MentionContext }>`
      select kind, name, ref_id, context from entity_mentions where entity_id = ${id}::bigint`.execute(
      trx,
    )
  ).rows
  const context = contextOf(rows.map((r) => r.context))
  await sql`
    update entities set mention_count = ${rows.length}, context = ${JSON.stringify(context)}::jsonb,
      updated_at = now()
    where id = ${id}::bigint`.execute(trx)
  if (!options.keys) return
  await sql`delete from entity_keys where entity_id = ${id}::bigint`.execute(trx)
  const seen = new Set<string>()
  for (const r of rows) {
    const k = `${r.name}\u0001${r.ref_id ?? ''}`
    if (seen.has(k)) continue
    seen.add(k)
    await postKeys(trx, id, { kind: r.kind, name: r.name, orgId: r.ref_id })
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

function checkId(id: string, what = 'entity'): string {
  if (!ID.test(id))
    throw new InvalidInputError(`${what} id must be a number, got "${id.slice(0, 40)}"`, {
      details: { id },
    })
  return id
}

/** The live entity an id stands for (following merges), or throws `not_found`. */
async function liveEntity(
  trx: Db,
  id: string,
  lock = false,
): Promise<EntityRow & { redirectedFrom: string | null }> {
  checkId(id)
  let at = id
  for (let hops = 0; hops < 50; hops++) {
    const row = (
      await sql<EntityRow>`
        select id::text as id, kind, name, merged_into::text as merged_into, mention_count, context
        from entities where id = ${at}::bigint ${lock ? sql`for update` : sql``}`.execute(trx)
    ).rows[0]
    if (!row) break
    if (row.merged_into === null)
      return {
        ...row,
        context: normaliseContext(row.context),
        redirectedFrom: at === id ? null : id,
      }
    at = row.merged_into
  }
  throw new NotFoundError(`no entity with id "${id}"`, { details: { kind: 'entity', id } })
}

async function list(db: Db, options: ListOptions): Promise<EntitySummary[]> {
  const limit = Math.max(1, Math.min(500, options.limit ?? 20))
  const offset = Math.max(0, options.offset ?? 0)
  const kindFilter = options.kind ? sql`and kind = ${options.kind}` : sql``
  const q = options.q?.trim()
  if (!q) {
    const rows = await sql<{ id: string; kind: string; name: string; mention_count: number }>`
      select id::text as id, kind, name, mention_count from entities
      where merged_into is null and mention_count > 0 ${kindFilter}
      order by mention_count desc, entities.id limit ${limit} offset ${offset}`.execute(db)
    return rows.rows.map((r) => ({
      id: r.id,
      kind: r.kind as EntityKind,
      name: r.name,
      mentions: r.mention_count,
      score: null,
    }))
  }
  const parsed = parseName(q)
  const ids = new Set(await personCandidateIds(db, parsed))
  const orgRows = await sql<{ entity_id: string }>`
    select distinct entity_id::text as entity_id from entity_keys
    where key = ${`o:n:${organizationKey(q)}`} limit 200`.execute(db)
  for (const r of orgRows.rows) ids.add(r.entity_id)
  if (ids.size === 0) return []
  const entities = (
    await sql<{ id: string; kind: string; name: string; mention_count: number }>`
      select id::text as id, kind, name, mention_count from entities
      where id = any(${[...ids]}::bigint[]) and merged_into is null and mention_count > 0
      ${kindFilter}`.execute(db)
  ).rows
  const names = await namesOf(
    db,
    entities.map((e) => e.id),
  )
  const orgKey = organizationKey(q)
  const scored = entities
    .map((e) => {
      let score = 0
      for (const n of names.get(e.id) ?? [e.name]) {
        const s =
          e.kind === 'person'
            ? compareParsed(parsed, parseName(n)).score
            : organizationKey(n) === orgKey
              ? 1
              : 0
        if (s > score) score = s
      }
      return {
        id: e.id,
        kind: e.kind as EntityKind,
        name: e.name,
        mentions: e.mention_count,
        score,
      }
    })
    .filter((e) => e.score >= DEFAULT_THRESHOLD)
    .sort((a, b) => b.score - a.score || b.mentions - a.mentions || Number(a.id) - Number(b.id))
  return scored.slice(offset, offset + limit)
}

async function getEntity(db: Db, id: string, mentionLimit: number): Promise<EntityDetail> {
  const e = await liveEntity(db, id)
  const mentions = (
    await sql<{
      id: string
      doc_id: string
      name: string
      role: string | null
      title: string | null
      iin: string | null
      decided: boolean
      doc_title: string | null
      published: string | null
    }>`
      select m.id::text as id, m.doc_id, m.name, m.role, m.title, m.iin, m.decided,
        d.title as doc_title, d.published
      from entity_mentions m join documents d on d.id = m.doc_id
      where m.entity_id = ${e.id}::bigint
      order by d.published desc nulls last, m.doc_id, m.id
      limit ${mentionLimit}`.execute(db)
  ).rows
  const names = (
    await sql<{ name: string; n: string }>`
      select name, count(*)::text as n from entity_mentions where entity_id = ${e.id}::bigint
      group by name order by count(*) desc, name limit 100`.execute(db)
  ).rows
  const roles = (
    await sql<{ role: string | null; n: string }>`
      select role, count(distinct doc_id)::text as n from entity_mentions
      where entity_id = ${e.id}::bigint group by role`.execute(db)
  ).rows
  const titles = (
    await sql<{ title: string }>`
      select title from entity_mentions where entity_id = ${e.id}::bigint and title is not null
      group by title order by count(*) desc, title limit 20`.execute(db)
  ).rows
  const docs = new Map<string, { docId: string; title: string | null; published: string | null }>()
  for (const m of mentions)
    if (!docs.has(m.doc_id))
      docs.set(m.doc_id, { docId: m.doc_id, title: m.doc_title, published: m.published })
  const crimes = Object.entries(e.context.crimes)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c)
  return {
    id: e.id,
    kind: e.kind as EntityKind,
    name: e.name,
    redirectedFrom: e.redirectedFrom,
    mentionCount: e.mention_count,
    names: names.map((n) => ({ name: n.name, mentions: Number(n.n) })),
    roles: roles
      .map((r) => ({ role: r.role ?? 'other', documents: Number(r.n) }))
      .sort((a, b) => rank(a.role) - rank(b.role) || b.documents - a.documents),
    titles: titles.map((t) => t.title),
    identifiers: [...e.context.iins],
    crimeCategories: crimes,
    documents: [...docs.values()],
    mentions: mentions.map((m) => ({
      id: m.id,
      docId: m.doc_id,
      name: m.name,
      role: m.role,
      title: m.title,
      iin: m.iin,
      decided: m.decided,
      docTitle: m.doc_title,
      published: m.published,
    })),
  }
}

function rank(role: string): number {
  const i = ROLE_ORDER.indexOf(role)
  return i < 0 ? ROLE_ORDER.length : i
}

async function timeline(db: Db, id: string): Promise<TimelineEvent[]> {
  const e = await liveEntity(db, id)
  const rows = (
    await sql<{
      doc_id: string
      name: string
      data: Record<string, unknown>
      doc_title: string | null
      published: string | null
    }>`
      select m.doc_id, m.name, f.data, d.title as doc_title, d.published
      from entity_mentions m
      join facts f on f.doc_id = m.doc_id and f.kind = 'event'
      join documents d on d.id = m.doc_id
      where m.entity_id = ${e.id}::bigint and m.kind = 'person'`.execute(db)
  ).rows
  const out: TimelineEvent[] = []
  const seen = new Set<string>()
  for (const r of rows) {
    const subjects = Array.isArray(r.data['subjects'])
      ? r.data['subjects'].filter((s): s is string => typeof s === 'string')
      : []
    // The extractor writes a subject as the person's name in the document; a subject written
    // otherwise (an inflected form) is matched by name comparison.
    const as = subjects.find(
      (s) => s === r.name || (!s.startsWith('(unnamed)') && compareNames(s, r.name).same),
    )
    if (as === undefined) continue
    const date = str(r.data['date'])
    const type = str(r.data['type']) ?? 'event'
    const summary = str(r.data['summary']) ?? ''
    const key = `${r.doc_id}\u0001${type}\u0001${date}\u0001${r.data['start']}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      date: date ?? r.published,
      approximate: date === null,
      type,
      summary,
      location: str(r.data['location']),
      agency: str(r.data['agency']),
      subjects,
      as,
      docId: r.doc_id,
      docTitle: r.doc_title,
      published: r.published,
    })
  }
  // Oldest first by the start of the date; undated last; then by article date and document.
  return out.sort(
    (a, b) =>
      sortable(a.date).localeCompare(sortable(b.date)) ||
      (a.published ?? '').localeCompare(b.published ?? '') ||
      a.docId.localeCompare(b.docId),
  )
}

function sortable(date: string | null): string {
  if (date === null) return '~'
  return date.split('/')[0] ?? date
}

// ---------------------------------------------------------------------------------------------
// Analysts' decisions

interface LogRow {
  id: string
  action: string
  by_user: string
  at: Date | string
  entity_ids: string[] | string
  payload: Record<string, unknown>
  undoes: string | null
  undone_by: string | null
}

function checkUser(by: string): string {
  const user = by.trim()
  if (user === '' || user.length > 100)
    throw new InvalidInputError('who made the change is required (1..100 characters)', {
      details: { field: 'by' },
    })
  return user
}

async function writeLog(
  trx: Db,
  action: 'merge' | 'split' | 'undo',
  by: string,
  entityIds: readonly string[],
  payload: Record<string, unknown>,
  undoes: string | null = null,
): Promise<EntityLogEntry> {
  const row = (
    await sql<LogRow>`
      insert into entity_log (action, by_user, entity_ids, payload, undoes)
      values (${action}, ${by}, ${[...entityIds]}::bigint[], ${JSON.stringify(payload)}::jsonb,
        ${undoes}::bigint)
      returning id::text as id, action, by_user, at, entity_ids::text[] as entity_ids, payload,
        undoes::text as undoes, undone_by::text as undone_by`.execute(trx)
  ).rows[0]!
  return presentLog(row)
}

function presentLog(r: LogRow): EntityLogEntry {
  const ids = Array.isArray(r.entity_ids)
    ? r.entity_ids.map(String)
    : String(r.entity_ids).replace(/[{}]/g, '').split(',').filter(Boolean)
  const { before: _before, undecided: _undecided, ...details } = r.payload
  return {
    id: r.id,
    action: r.action as EntityLogEntry['action'],
    by: r.by_user,
    at: (r.at instanceof Date ? r.at : new Date(r.at)).toISOString(),
    entityIds: ids,
    undoes: r.undoes,
    undoneBy: r.undone_by,
    details,
  }
}

async function merge(
  trx: Transaction<Database>,
  into: string,
  from: readonly string[],
  rawBy: string,
): Promise<EntityLogEntry> {
  const by = checkUser(rawBy)
  if (from.length === 0)
    throw new InvalidInputError('merge needs at least two entities', { details: { into, from } })
  const target = await liveEntity(trx, into, true)
  const sources: EntityRow[] = []
  for (const f of from) {
    const s = await liveEntity(trx, f, true)
    if (s.id === target.id || sources.some((x) => x.id === s.id))
      throw new InvalidInputError(`entity ${f} is already part of this merge`, {
        details: { id: f },
      })
    if (s.kind !== target.kind)
      throw new InvalidInputError(`cannot merge a ${s.kind} into a ${target.kind}`, {
        details: { into: target.id, from: s.id },
      })
    sources.push(s)
  }
  const moved: Record<string, string[]> = {}
  const undecided: string[] = []
  for (const s of sources) {
    const rows = (
      await sql<{ id: string; decided: boolean }>`
        update entity_mentions m set entity_id = ${target.id}::bigint, decided = true
        from (select id, decided from entity_mentions where entity_id = ${s.id}::bigint) old
        where m.id = old.id
        returning m.id::text as id, old.decided`.execute(trx)
    ).rows
    moved[s.id] = rows.map((r) => r.id)
    for (const r of rows) if (!r.decided) undecided.push(r.id)
    await sql`
      update entities set merged_into = ${target.id}::bigint, mention_count = 0, updated_at = now()
      where id = ${s.id}::bigint`.execute(trx)
    await sql`delete from entity_keys where entity_id = ${s.id}::bigint`.execute(trx)
  }
  await recompute(trx, target.id, { keys: true })
  const before = Object.fromEntries(
    [target, ...sources].map((e) => [e.id, { name: e.name }] as const),
  )
  return writeLog(trx, 'merge', by, [target.id, ...sources.map((s) => s.id)], {
    into: target.id,
    from: sources.map((s) => s.id),
    moved,
    undecided,
    before,
  })
}

async function split(
  trx: Transaction<Database>,
  id: string,
  mentionIds: readonly string[],
  rawBy: string,
): Promise<EntityLogEntry> {
  const by = checkUser(rawBy)
  const entity = await liveEntity(trx, id, true)
  const wanted = [...new Set(mentionIds)]
  if (wanted.length === 0)
    throw new InvalidInputError('split needs the ids of the mentions to move', { details: { id } })
  for (const m of wanted) checkId(m, 'mention')
  const rows = (
    await sql<{ id: string; name: string; decided: boolean }>`
      select id::text as id, name, decided from entity_mentions
      where entity_id = ${entity.id}::bigint and id = any(${wanted}::bigint[])`.execute(trx)
  ).rows
  const missing = wanted.filter((m) => !rows.some((r) => r.id === m))
  if (missing.length > 0)
    throw new InvalidInputError(
      `mention(s) ${missing.join(', ')} are not mentions of entity ${entity.id}`,
      {
        details: { id: entity.id, missing },
      },
    )
  if (rows.length >= entity.mention_count)
    throw new InvalidInputError('a split must leave at least one mention with the entity', {
      details: { id: entity.id },
    })
  const name = rows.map((r) => r.name).reduce(betterName)
  const created = (
    await sql<{ id: string }>`
      insert into entities (kind, name) values (${entity.kind}, ${name}) returning id::text as id`.execute(
      trx,
    )
  ).rows[0]!.id
  await sql`
    update entity_mentions set entity_id = ${created}::bigint, decided = true
    where id = any(${wanted}::bigint[])`.execute(trx)
  await recompute(trx, entity.id, { keys: true })
  await recompute(trx, created, { keys: true })
  return writeLog(trx, 'split', by, [entity.id, created], {
    from: entity.id,
    into: created,
    mentions: rows.map((r) => r.id),
    undecided: rows.filter((r) => !r.decided).map((r) => r.id),
    before: { [entity.id]: { name: entity.name } },
  })
}

async function undo(
  trx: Transaction<Database>,
  logId: string,
  rawBy: string,
): Promise<EntityLogEntry> {
  const by = checkUser(rawBy)
  checkId(logId, 'log entry')
  const entry = (
    await sql<LogRow>`
      select id::text as id, action, by_user, at, entity_ids::text[] as entity_ids, payload,
        undoes::text as undoes, undone_by::text as undone_by
      from entity_log where id = ${logId}::bigint for update`.execute(trx)
  ).rows[0]
  if (!entry)
    throw new NotFoundError(`no entity log entry with id "${logId}"`, {
      details: { kind: 'entity_log', id: logId },
    })
  if (entry.action === 'undo')
    throw new InvalidInputError('an undo cannot be undone; merge or split again instead', {
      details: { id: logId },
    })
  if (entry.undone_by !== null)
    throw new ConflictError(`log entry ${logId} was already undone by ${entry.undone_by}`, {
      details: { id: logId, undoneBy: entry.undone_by },
    })
  const ids = presentLog(entry).entityIds
  const later = (
    await sql<{ id: string }>`
      select id::text as id from entity_log
      where id > ${logId}::bigint and action <> 'undo' and undone_by is null
        and entity_ids && ${[...ids]}::bigint[]
      order by entity_log.id desc limit 1`.execute(trx)
  ).rows[0]
  if (later)
    throw new ConflictError(
      `log entry ${later.id} changed the same entities later; undo it first`,
      { details: { id: logId, blockedBy: later.id } },
    )
  const p = entry.payload as {
    into: string
    from: string | string[]
    moved?: Record<string, string[]>
    mentions?: string[]
    undecided: string[]
    before: Record<string, { name: string }>
  }
  const undecided = p.undecided ?? []
  if (entry.action === 'merge') {
    for (const source of p.from as string[]) {
      const movedIds = p.moved?.[source] ?? []
      if (movedIds.length > 0)
        await sql`
          update entity_mentions
          set entity_id = ${source}::bigint, decided = not (id = any(${undecided}::bigint[]))
          where id = any(${movedIds}::bigint[]) and entity_id = ${p.into}::bigint`.execute(trx)
      await sql`
        update entities set merged_into = null, name = ${p.before[source]?.name ?? ''},
          updated_at = now()
        where id = ${source}::bigint`.execute(trx)
      await recompute(trx, source, { keys: true })
    }
    await restoreName(trx, p.into, p.before[p.into]?.name)
    await recompute(trx, p.into, { keys: true })
  } else {
    const from = p.from as string
    // Every mention of the split-off entity goes back, also any the resolver added to it since.
    await sql`
      update entity_mentions
      set entity_id = ${from}::bigint,
        decided = case when id = any(${undecided}::bigint[]) then false else decided end
      where entity_id = ${p.into}::bigint`.execute(trx)
    await sql`update entities set merged_into = null where merged_into = ${p.into}::bigint`.execute(
      trx,
    )
    await sql`delete from entities where id = ${p.into}::bigint`.execute(trx)
    await restoreName(trx, from, p.before[from]?.name)
    await recompute(trx, from, { keys: true })
  }
  const log = await writeLog(trx, 'undo', by, ids, { undid: entry.action, entry: logId }, logId)
  await sql`update entity_log set undone_by = ${log.id}::bigint where id = ${logId}::bigint`.execute(
    trx,
  )
  return log
}

async function restoreName(trx: Db, id: string, name: string | undefined): Promise<void> {
  if (name === undefined) return
  await sql`update entities set name = ${name} where id = ${id}::bigint`.execute(trx)
}

async function readLog(
  db: Db,
  options: { readonly entityId?: string; readonly limit?: number },
): Promise<EntityLogEntry[]> {
  const limit = Math.max(1, Math.min(500, options.limit ?? 50))
  const filter =
    options.entityId === undefined
      ? sql``
      : sql`where ${checkId(options.entityId)}::bigint = any(entity_ids)`
  const rows = await sql<LogRow>`
    select id::text as id, action, by_user, at, entity_ids::text[] as entity_ids, payload,
      undoes::text as undoes, undone_by::text as undone_by
    from entity_log ${filter} order by entity_log.id desc limit ${limit}`.execute(db)
  return rows.rows.map(presentLog)
}
