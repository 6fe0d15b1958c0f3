/**
 * Screens names against the persons stored in the record: "is this name in the news, as whom?".
 * Candidates come from the `person_name_keys` table (blocking keys of every stored person, with
 * one-deletion neighbours, under a btree index), then each candidate name is scored with
 * `compareParsed` from `core/names`. Hits are grouped by the matched person name and carry the
 * person's roles, titles, the crime categories of their documents and the latest articles.
 * Matched names of one resolved entity (`entity_mentions`, after merges and splits) are one match
 * with the entity's id and every matched spelling; a name not resolved yet is a match of its own.
 * Loaded watchlists are screened too: their person entries are looked up under the same keys
 * (`watchlist_keys`) and scored against the main name and every alias.
 * Design: docs/decisions/0006-screening.md.
 *
 * @module storage/screening-repository
 */
import { type Kysely, sql } from 'kysely'
import { compareParsed, DEFAULT_THRESHOLD, latinStem } from '#core/names/compare.ts'
import { baseKey, type NameToken, type ParsedName, parseName } from '#core/names/name-key.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** How often a person appeared in one role. */
export interface RoleCount {
  readonly role: string
  /** Documents in which the person had this role. */
  readonly documents: number
}

/** One article a matched person appears in. */
export interface ScreenArticle {
  readonly docId: string
  readonly title: string | null
  readonly published: string | null
  /** The person's role in this article. */
  readonly role: string
  /** The person's title in this article, when the text gives one. */
  readonly personTitle: string | null
}

/** One matched person (a resolved entity, or a name not resolved yet), over its documents. */
export interface ScreenMatch {
  /** The best-scoring matched name as stored (the fullest form in its document). */
  readonly name: string
  /** The resolved entity these names belong to (after merges); null when not resolved yet. */
  readonly entityId: string | null
  /** Every matched spelling of the entity, best score first (`name` is the first). */
  readonly names: readonly string[]
  /** 0..1 from `compareNames`. */
  readonly score: number
  /** `score` reaches the default threshold. */
  readonly same: boolean
  /** Which keys matched, which transliteration or fold explained a difference. */
  readonly reasons: readonly string[]
  /** True when the person is a suspect or convict in at least one document. */
  readonly flagged: boolean
  /** Roles across documents, convicts and suspects first, then by document count. */
  readonly roles: readonly RoleCount[]
  readonly titles: readonly string[]
  /** Crime categories of the documents the person appears in, most frequent first. */
  readonly crimeCategories: readonly string[]
  /** Documents the person appears in. */
  readonly documents: number
  /** The latest articles (newest first), at most `articles` of the options. */
  readonly articles: readonly ScreenArticle[]
}

/** A loaded watchlist entry the screened name matches. */
export interface ScreenWatchlistHit {
  readonly watchlist: string
  /** The entry's id in its list. */
  readonly entryId: string
  /** The entry's main name. */
  readonly name: string
  readonly schema: string
  /** The entry's aliases that match the screened name on their own. */
  readonly aliasesMatched: readonly string[]
  readonly identifiers: readonly string[]
  readonly countries: readonly string[]
  readonly birthDates: readonly string[]
  readonly topics: readonly string[]
  /** The best score over the main name and the aliases (0..1). */
  readonly score: number
  /** Which name of the entry matched, then which keys matched. */
  readonly reasons: readonly string[]
  /** Matches of this result (`entityId`) whose names match the entry too. */
  readonly entityIds: readonly string[]
}

/** The matches of one screened name. */
export interface ScreenResult {
  readonly query: string
  /** Flagged persons first, then by score. */
  readonly matches: readonly ScreenMatch[]
  /** Loaded watchlist entries the name matches, best score first. */
  readonly watchlistHits: readonly ScreenWatchlistHit[]
}

/** Options of {@link ScreeningRepository.screen}. */
export interface ScreenOptions {
  /** Matched names per query at most (default 10). */
  readonly limit?: number
  /** Articles per matched name at most (default 5). */
  readonly articles?: number
  /** Also report names under the threshold, down to this score (default: only `same`). */
  readonly minScore?: number
  /** Look into loaded watchlists (default true). */
  readonly watchlists?: boolean
}

/** Screens names against stored persons. */
export interface ScreeningRepository {
  /**
   * Keys the persons of every document queued for keying (stored or re-extracted since the last
   * sync: a trigger on `facts` queues them); returns how many queued documents it took. `screen`
   * calls it first, so the record is always current; with nothing queued it is one index lookup.
   */
  sync(): Promise<number>
  /**
   * Queues every document with a person fact that has no key (a full check, seconds on a large
   * record: not for the screen path); returns how many it queued. Only needed where facts were
   * written with triggers off.
   */
  reconcile(): Promise<number>
  /** Screens each name; one result per name, in order. */
  screen(names: readonly string[], options?: ScreenOptions): Promise<ScreenResult[]>
}

// A type alias, not an interface: `withTables` wants an index-signature-compatible record.
type KeyTables = {
  person_name_keys: { fact_id: string; doc_id: string; key: string; part_count: number }
  person_name_keyed_docs: {
    doc_id: string
    text_hash: string
    extractor_version: string
  }
  // Documents whose persons are to be keyed (again), filled by a trigger on `facts`.
  person_name_dirty_docs: { doc_id: string; seq: string }
}

// Roles that make a hit a concern rather than a quoted official or a victim.
const FLAG_ROLES = new Set(['convict', 'suspect'])
const ROLE_ORDER = [
  'convict',
  'suspect',
  'victim',
  'official',
  'politician',
  'lawyer',
  'journalist',
]
const SYNC_BATCH = 200
// Candidates scored per query at most, most shared keys first (as in core's NameIndex).
const MAX_CANDIDATES = 2000
// Key rows read per query at most: a very common key ("ali") must not read the whole table.
const MAX_KEY_ROWS = 50_000
// Watchlist entries scored per query at most, most shared parts first.
const MAX_WATCHLIST_CANDIDATES = 500

// A sync and a writer re-extracting a document of the same batch meet in two ways, and the sync
// tries its batch again (the writer's new facts renewed the queue row, so they are keyed then or
// by the next sync): they lock key, fact and queue rows in different orders and PostgreSQL aborts
// one (deadlock), or the writer deleted the facts the sync had read, and the keys' foreign key
// to them fails once the writer commits.
const RETRY_CODES = new Set(['40P01', '23503'])
const SYNC_ATTEMPTS = 3

async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      if (typeof code !== 'string' || !RETRY_CODES.has(code) || attempt >= SYNC_ATTEMPTS)
        throw error
    }
  }
}

/** Keys shorter than this get no deletion neighbours (too many chance meetings). */
const MIN_DELETION_LENGTH = 4

function deletions(key: string): string[] {
  const out: string[] = []
  if (key.length < MIN_DELETION_LENGTH) return out
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1))
  return out
}

/** Parts a stored name is posted under: every part but initials. */
function postedParts(name: ParsedName): NameToken[] {
  return name.parts.filter((t) => !t.initial)
}

/**
 * The keys a stored person name is posted under: for every non-initial part its surface key and
 * folded stem, each with its one-deletion neighbours (symmetric deletion: a query one edit away
 * shares a deletion with it).
 */
export function storedKeys(name: string): { keys: string[]; parts: number } {
  const parts = postedParts(parseName(name))
  const keys = new Set<string>()
  for (const t of parts) {
    for (const k of t.stem === null ? [t.key] : [t.key, t.stem]) {
      keys.add(k)
      for (const d of deletions(k)) keys.add(d)
    }
  }
  return { keys: [...keys], parts: parts.length }
}

/**
 * The keys a query name looks up, each with the query parts it stands for: every part's base
 * key, surface key and (Latin parts, which never decline) a crude stem, with their deletions.
 */
export function queryKeys(name: ParsedName): { byKey: Map<string, number[]>; parts: number } {
  const parts = postedParts(name)
  const byKey = new Map<string, number[]>()
  parts.forEach((t, i) => {
    const roots = new Set([baseKey(t), t.key])
    if (t.script === 'lat') roots.add(latinStem(t))
    for (const r of roots) {
      for (const k of [r, ...deletions(r)]) {
        const list = byKey.get(k)
        if (!list) byKey.set(k, [i])
        else if (!list.includes(i)) list.push(i)
      }
    }
  })
  return { byKey, parts: parts.length }
}

interface CandidateRow {
  entity_id?: string | null
  fact_id: string
  doc_id: string
  label: string
  role: string | null
  person_title: string | null
  doc_title: string | null
  published: string | null
}

/** Creates the screening repository over an open database. */
export function createScreeningRepository(database: Kysely<Database>): ScreeningRepository {
  const db = database.withTables<KeyTables>()

  /**
   * Keys one batch of queued documents (oldest first, queued at `upTo` at the latest) in one
   * transaction; returns how many queue rows it took. The advisory lock makes the syncs of every
   * process take turns: a second one waits, then finds the first one's rows gone and its keys
   * committed (two at once would key a document twice).
   */
  async function syncBatch(upTo: string): Promise<number> {
    return db.transaction().execute(async (trx) => {
      // Keyed by the schema, as the migrations' lock (database.ts): test schemas do not wait on
      // each other.
      await sql`
        select pg_advisory_xact_lock(hashtext('tergeu:person-name-keys:' || current_schema()))`.execute(
        trx,
      )
      const queued = await trx
        .selectFrom('person_name_dirty_docs')
        .select(['doc_id', sql<string>`seq::text`.as('seq')])
        .where('seq', '<=', upTo)
        .orderBy('seq')
        .limit(SYNC_BATCH)
        .execute()
      if (queued.length === 0) return 0
      const ids = queued.map((q) => q.doc_id)
      // Read after the queue rows: a writer commits its facts with its queue row, so these are
      // at least the facts that queued the document (a newer write renews `seq`, see below).
      const persons = await trx
        .selectFrom('facts')
        .select([sql<string>`id::text`.as('id'), 'doc_id', 'label'])
        .where('kind', '=', 'person')
        .where('doc_id', 'in', ids)
        .execute()
      const rows: { f: string; d: string; k: string; p: number }[] = []
      for (const p of persons) {
        const { keys, parts } = storedKeys(p.label)
        for (const k of keys) rows.push({ f: p.id, d: p.doc_id, k, p: parts })
      }
      await trx.deleteFrom('person_name_keys').where('doc_id', 'in', ids).execute()
      if (rows.length > 0) {
        // One JSON parameter instead of four per row (see document-repository.ts).
        await sql`
          insert into person_name_keys (fact_id, doc_id, key, part_count)
          select r.f::bigint, r.d, r.k, r.p
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(f text, d text, k text, p int)`.execute(
          trx,
        )
      }
      // Which version was keyed (a deleted document has no row to write).
      await sql`
        insert into person_name_keyed_docs (doc_id, text_hash, extractor_version)
        select id, text_hash, extractor_version from documents where id = any(${ids}::text[])
        on conflict (doc_id) do update set text_hash = excluded.text_hash,
          extractor_version = excluded.extractor_version, keyed_at = now()`.execute(trx)
      // Only the rows still carrying the number read above: a document queued again meanwhile
      // (re-extracted by a transaction that committed after the facts were read) stays queued.
      await sql`
        delete from person_name_dirty_docs q
        using unnest(${ids}::text[], ${queued.map((r) => r.seq)}::bigint[]) as t(doc_id, seq)
        where q.doc_id = t.doc_id and q.seq = t.seq`.execute(trx)
      return queued.length
    })
  }

  // Syncs of one process run one after the other (no two of its connections wait on the lock).
  let queue: Promise<unknown> = Promise.resolve()
  function sync(): Promise<number> {
    const run = queue.then(syncAll, syncAll)
    queue = run.catch(() => undefined)
    return run
  }

  async function syncAll(): Promise<number> {
    return withDbErrors('keying stored persons for screening', async () => {
      // The up-to-date check of every screen: the newest queue row, from the index (an empty
      // queue answers null). Rows queued after it are left to the next screen, so that a steady
      // ingest cannot keep a screen waiting.
      const newest = await sql<{ seq: string | null }>`
        select max(seq)::text as seq from person_name_dirty_docs`.execute(db)
      const upTo = newest.rows[0]?.seq ?? null
      if (upTo === null) return 0
      let total = 0
      for (;;) {
        const n = await retryOnConflict(() => syncBatch(upTo))
        total += n
        if (n < SYNC_BATCH) return total
      }
    })
  }

  /**
   * Queues every document with a person fact that has no key, the check the queue makes
   * unnecessary on the screen path; for records written with the triggers off (a bulk load, a
   * restore). Returns how many documents it queued; the next sync keys them.
   */
  async function reconcile(): Promise<number> {
    return withDbErrors('checking the screening keys', async () => {
      const r = await sql<{ n: number }>`
        with missing as (
          insert into person_name_dirty_docs (doc_id)
          select distinct f.doc_id from facts f
          where f.kind = 'person'
            and not exists (select 1 from person_name_keys k where k.fact_id = f.id)
          order by f.doc_id
          on conflict (doc_id) do update set seq = excluded.seq
          returning 1)
        select count(*)::int as n from missing`.execute(db)
      return r.rows[0]?.n ?? 0
    })
  }

  async function candidates(query: ParsedName): Promise<CandidateRow[]> {
    const { byKey, parts } = queryKeys(query)
    if (parts === 0) return []
    const keys = [...byKey.keys()]
    // Per key, the query parts it stands for as bits (a name of more than 63 parts shares the
    // last bit: it only counts fewer parts in common).
    const masks = keys.map((k) =>
      String((byKey.get(k) ?? []).reduce((m, i) => m | (1n << BigInt(Math.min(i, 62))), 0n)),
    )
    // Two parts in common (or every part the stored name has): a shared given name alone is not
    // a candidate, as in core's NameIndex. Counted in the database: a common key ("ali") meets
    // tens of thousands of rows, which would otherwise all travel to this process (most of a
    // screen's time at 100,000 documents), and the candidates' rows come in the same statement.
    // The key rows are read first and apart (`materialized`), through the key index, at most
    // MAX_KEY_ROWS of them.
    const need = Math.min(2, parts)
    const found = await sql<CandidateRow>`
      with h as materialized (
        select fact_id, key, part_count from person_name_keys
        where key = any(${keys}::text[])
        limit ${MAX_KEY_ROWS}),
      met as (
        select h.fact_id, bit_count(bit_or(q.mask)::bit(64)) as n
        from h join unnest(${keys}::text[], ${masks}::bigint[]) as q(key, mask) on q.key = h.key
        group by h.fact_id, h.part_count
        having bit_count(bit_or(q.mask)::bit(64)) >= least(${need}::int, h.part_count)
        order by n desc, h.fact_id
        limit ${MAX_CANDIDATES})
      select f.id::text as fact_id, f.doc_id, f.label, f.data->>'role' as role,
        f.data->>'title' as person_title, d.title as doc_title, d.published
      from met
      join facts f on f.id = met.fact_id
      join documents d on d.id = f.doc_id
      order by f.id`.execute(db)
    return found.rows
  }

  /** The resolved entity of every candidate row, by its document and name (one query). */
  async function attachEntities(rows: CandidateRow[]): Promise<void> {
    if (rows.length === 0) return
    const pairs = [...new Map(rows.map((r) => [`${r.doc_id}\u0001${r.label.trim()}`, r])).values()]
    const found = await sql<{ doc_id: string; name: string; entity_id: string }>`
      select m.doc_id, m.name, m.entity_id::text as entity_id
      from unnest(${pairs.map((r) => r.doc_id)}::text[], ${pairs.map((r) => r.label.trim())}::text[])
        as q(d, n)
      join entity_mentions m on m.doc_id = q.d and m.kind = 'person' and m.name = q.n`.execute(db)
    const byKey = new Map(found.rows.map((r) => [`${r.doc_id}\u0001${r.name}`, r.entity_id]))
    for (const r of rows) r.entity_id = byKey.get(`${r.doc_id}\u0001${r.label.trim()}`) ?? null
  }

  async function watchlistHits(
    parsed: ParsedName,
    minScore: number,
    limit: number,
  ): Promise<ScreenWatchlistHit[]> {
    const { byKey, parts } = queryKeys(parsed)
    if (parts === 0) return []
    const hits = await sql<{ entry_id: string; key: string; min_parts: number }>`
      select entry_id::text as entry_id, key, min_parts from watchlist_keys
      where key = any(${[...byKey.keys()]}::text[]) limit ${MAX_KEY_ROWS}`.execute(db)
    const met = new Map<string, { parts: Set<number>; posted: number }>()
    for (const h of hits.rows) {
      let m = met.get(h.entry_id)
      if (!m) {
        m = { parts: new Set(), posted: h.min_parts }
        met.set(h.entry_id, m)
      }
      m.posted = Math.min(m.posted, h.min_parts)
      for (const i of byKey.get(h.key) ?? []) m.parts.add(i)
    }
    const need = Math.min(2, parts)
    let ids = [...met].filter(([, m]) => m.parts.size >= need || m.parts.size >= m.posted)
    if (ids.length > MAX_WATCHLIST_CANDIDATES) {
      ids.sort((a, b) => b[1].parts.size - a[1].parts.size)
      ids = ids.slice(0, MAX_WATCHLIST_CANDIDATES)
    }
    if (ids.length === 0) return []
    const entries = await sql<{
      watchlist: string
      ext_id: string
      schema: string
      name: string
      aliases: string[]
      birth_dates: string[]
      countries: string[]
      identifiers: string[] | null
      topics: string[]
    }>`
      select watchlist, ext_id, schema, name, aliases, birth_dates, countries,
        identifiers::text[] as identifiers, topics
      from watchlist_entries
      where id = any(${ids.map(([id]) => id)}::bigint[]) and kind = 'person'`.execute(db)
    const out: ScreenWatchlistHit[] = []
    for (const e of entries.rows) {
      let best: { score: number; name: string; reasons: readonly string[] } | null = null
      const aliasesMatched: string[] = []
      for (const n of [e.name, ...e.aliases]) {
        const cmp = compareParsed(parsed, parseName(n))
        if (n !== e.name && cmp.score >= minScore) aliasesMatched.push(n)
        if (!best || cmp.score > best.score)
          best = { score: cmp.score, name: n, reasons: cmp.reasons }
      }
      if (!best || best.score < minScore) continue
      out.push({
        watchlist: e.watchlist,
        entryId: e.ext_id,
        name: e.name,
        schema: e.schema,
        aliasesMatched,
        identifiers: Array.isArray(e.identifiers) ? e.identifiers : [],
        countries: e.countries,
        birthDates: e.birth_dates,
        topics: e.topics,
        score: best.score,
        reasons: [`${best.name === e.name ? 'name' : 'alias'} "${best.name}"`, ...best.reasons],
        entityIds: [],
      })
    }
    out.sort(
      (a, b) =>
        b.score - a.score || a.watchlist.localeCompare(b.watchlist) || a.name.localeCompare(b.name),
    )
    return out.slice(0, limit)
  }

  /** Entities of `matches` whose matched names compare the same with one of the entry's names. */
  function linkEntities(
    hit: ScreenWatchlistHit,
    entryNames: readonly ParsedName[],
    matches: readonly ScreenMatch[],
  ): ScreenWatchlistHit {
    const entityIds: string[] = []
    for (const m of matches) {
      if (m.entityId === null || entityIds.includes(m.entityId)) continue
      const linked = m.names.some((n) => {
        const p = parseName(n)
        return entryNames.some((e) => compareParsed(e, p).same)
      })
      if (linked) entityIds.push(m.entityId)
    }
    return { ...hit, entityIds }
  }

  async function crimesOf(docIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>()
    if (docIds.length === 0) return out
    const rows = await db
      .selectFrom('facts')
      .select(['doc_id', 'label'])
      .where('kind', '=', 'crime')
      .where('doc_id', 'in', [...docIds])
      .execute()
    for (const r of rows) {
      const list = out.get(r.doc_id)
      if (!list) out.set(r.doc_id, [r.label])
      else if (!list.includes(r.label)) list.push(r.label)
    }
    return out
  }

  async function screenOne(query: string, options: ScreenOptions): Promise<ScreenResult> {
    const parsed = parseName(query)
    const minScore = options.minScore ?? DEFAULT_THRESHOLD
    // The record and the watchlists at once (PostgreSQL answers both on two connections).
    const [rows, listed] = await Promise.all([
      candidates(parsed),
      options.watchlists === false
        ? Promise.resolve([])
        : watchlistHits(parsed, minScore, options.limit ?? 10),
    ])
    // Group by the stored name: one comparison per distinct name.
    const groups = new Map<string, CandidateRow[]>()
    for (const r of rows) {
      const list = groups.get(r.label)
      if (!list) groups.set(r.label, [r])
      else list.push(r)
    }
    const scored = new Map<string, ReturnType<typeof compareParsed>>()
    const keptRows: CandidateRow[] = []
    for (const [name, list] of groups) {
      const cmp = compareParsed(parsed, parseName(name))
      if (cmp.score < minScore) continue
      scored.set(name, cmp)
      keptRows.push(...list)
    }
    // Then by entity: the spellings of one resolved person are one match; a name not resolved
    // yet stays a match of its own.
    await attachEntities(keptRows)
    const byEntity = new Map<string, { entityId: string | null; rows: CandidateRow[] }>()
    for (const r of keptRows) {
      const key = r.entity_id ? `e:${r.entity_id}` : `n:${r.label}`
      const g = byEntity.get(key)
      if (!g) byEntity.set(key, { entityId: r.entity_id ?? null, rows: [r] })
      else g.rows.push(r)
    }
    const crimes = await crimesOf([...new Set(keptRows.map((r) => r.doc_id))])
    const articleLimit = options.articles ?? 5
    const matches = [...byEntity.values()].map((g) => {
      const docsOf = new Map<string, Set<string>>()
      for (const r of g.rows) docsOf.set(r.label, (docsOf.get(r.label) ?? new Set()).add(r.doc_id))
      const names = [...docsOf.keys()].sort(
        (a, b) =>
          scored.get(b)!.score - scored.get(a)!.score ||
          docsOf.get(b)!.size - docsOf.get(a)!.size ||
          a.localeCompare(b),
      )
      const best = names[0]!
      return present(best, scored.get(best)!, g.rows, crimes, articleLimit, g.entityId, names)
    })
    matches.sort(
      (a, b) =>
        Number(b.flagged) - Number(a.flagged) ||
        b.score - a.score ||
        b.documents - a.documents ||
        a.name.localeCompare(b.name),
    )
    const top = matches.slice(0, options.limit ?? 10)
    const watchlist = listed.map((h) =>
      linkEntities(
        h,
        [h.name, ...h.aliasesMatched].map((n) => parseName(n)),
        top,
      ),
    )
    return { query, matches: top, watchlistHits: watchlist }
  }

  return {
    sync,
    reconcile,
    async screen(names, options = {}) {
      await sync()
      return withDbErrors('screening names', async () => {
        // No watchlist loaded: no lookup per name.
        const loaded =
          options.watchlists !== false &&
          (
            await sql<{ n: number }>`
              select count(*)::int as n from (select 1 from watchlists limit 1) w`.execute(db)
          ).rows[0]?.n === 1
        const withLists = { ...options, watchlists: loaded }
        const out: ScreenResult[] = []
        for (const name of names) out.push(await screenOne(name, withLists))
        return out
      })
    },
  }
}

function present(
  name: string,
  cmp: { score: number; same: boolean; reasons: readonly string[] },
  rows: readonly CandidateRow[],
  crimes: ReadonlyMap<string, readonly string[]>,
  articleLimit: number,
  entityId: string | null,
  names: readonly string[],
): ScreenMatch {
  // One entry per document: a person fact is already aggregated over its document.
  const byDoc = new Map<string, CandidateRow>()
  for (const r of rows) {
    const seen = byDoc.get(r.doc_id)
    if (!seen || rank(r.role) < rank(seen.role)) byDoc.set(r.doc_id, r)
  }
  const roleCounts = new Map<string, number>()
  const titles: string[] = []
  const crimeCounts = new Map<string, number>()
  for (const r of byDoc.values()) {
    const role = r.role ?? 'other'
    roleCounts.set(role, (roleCounts.get(role) ?? 0) + 1)
    if (r.person_title && !titles.includes(r.person_title)) titles.push(r.person_title)
    for (const c of crimes.get(r.doc_id) ?? []) crimeCounts.set(c, (crimeCounts.get(c) ?? 0) + 1)
  }
  const roles = [...roleCounts]
    .map(([role, documents]) => ({ role, documents }))
    .sort((a, b) => rank(a.role) - rank(b.role) || b.documents - a.documents)
  const articles = [...byDoc.values()]
    .sort(
      (a, b) =>
        (b.published ?? '').localeCompare(a.published ?? '') || a.doc_id.localeCompare(b.doc_id),
    )
    .slice(0, articleLimit)
    .map((r) => ({
      docId: r.doc_id,
      title: r.doc_title,
      published: r.published,
      role: r.role ?? 'other',
      personTitle: r.person_title,
    }))
  return {
    name,
    entityId,
    names,
    score: cmp.score,
    same: cmp.same,
    reasons: cmp.reasons,
    flagged: roles.some((r) => FLAG_ROLES.has(r.role)),
    roles,
    titles,
    crimeCategories: [...crimeCounts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([c]) => c),
    documents: byDoc.size,
    articles,
  }
}

function rank(role: string | null): number {
  const i = ROLE_ORDER.indexOf(role ?? 'other')
  return i < 0 ? ROLE_ORDER.length : i
}
