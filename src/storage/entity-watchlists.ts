/**
 * Watchlists: imports FollowTheMoney / OpenSanctions JSON lines and simple CSV lists, and
 * cross-references their entries with the entity record: which listed persons and organisations
 * appear in the news, as whom (roles), in how many documents. Candidates come from the entity
 * record's indexed name keys (`entity_keys`), the same query as resolution; an identifier (IIN/
 * BIN) on both sides matches outright. Design: docs/decisions/0008-entity-resolution.md.
 *
 * @module storage/entity-watchlists
 */
import { type Kysely, sql } from 'kysely'
import { type MentionInput, organizationKey, organizationKeys } from '#core/entities/resolution.ts'
import type { WatchlistEntry } from '#core/entities/watchlist.ts'
import { InvalidInputError } from '#core/errors.ts'
import { compareParsed, DEFAULT_THRESHOLD } from '#core/names/compare.ts'
import { type ParsedName, parseName } from '#core/names/name-key.ts'
import { candidateIds, namesOf } from './entity-repository.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** What an import did. */
export interface WatchlistImportReport {
  readonly watchlist: string
  readonly format: 'ftm' | 'csv'
  /** Entries stored (persons and organisations). */
  readonly entries: number
  readonly persons: number
  readonly organizations: number
  /** Lines or rows that were not a person or organisation, or had no name. */
  readonly skipped: number
  readonly seconds: number
}

/** A loaded watchlist. */
export interface WatchlistInfo {
  readonly name: string
  readonly format: string
  readonly entries: number
  readonly importedAt: string
}

/** One record entity a watchlist entry matched. */
export interface WatchlistMatch {
  readonly entityId: string
  readonly entityName: string
  readonly kind: string
  /** 1 for an identifier match, else the name score (0..1). */
  readonly score: number
  /** `identifier` or `name`, with the names compared. */
  readonly reasons: readonly string[]
  readonly roles: readonly { readonly role: string; readonly documents: number }[]
  readonly mentions: number
}

/** A watchlist entry that appears in the record. */
export interface WatchlistHit {
  readonly watchlist: string
  readonly entryId: string
  readonly name: string
  readonly schema: string
  readonly topics: readonly string[]
  readonly birthDates: readonly string[]
  readonly countries: readonly string[]
  readonly identifiers: readonly string[]
  readonly matches: readonly WatchlistMatch[]
}

/** Options of {@link WatchlistRepository.xref}. */
export interface XrefOptions {
  /** Only this watchlist (default: all). */
  readonly watchlist?: string | undefined
  /** Lowest name score reported (default: the name-match threshold, 0.75). */
  readonly minScore?: number | undefined
  /** Hits at most (default 1,000). */
  readonly limit?: number | undefined
}

/** Loaded watchlists and their cross-reference with the record. */
export interface WatchlistRepository {
  /** Replaces the watchlist `name` with these entries (one transaction). */
  import(
    name: string,
    format: 'ftm' | 'csv',
    entries: Iterable<WatchlistEntry | undefined> | AsyncIterable<WatchlistEntry | undefined>,
  ): Promise<WatchlistImportReport>
  list(): Promise<WatchlistInfo[]>
  /** Entries that appear in the record, suspects and convicts first, then by score. */
  xref(options?: XrefOptions): Promise<WatchlistHit[]>
}

const BATCH = 5000
// Names of one entry looked up in the record: the main name and the first aliases.
const XREF_NAMES = 4
const XREF_BATCH = 400
const FLAG_ROLES = new Set(['convict', 'suspect'])

/** Creates the watchlist repository over an open database. */
export function createWatchlistRepository(db: Kysely<Database>): WatchlistRepository {
  return {
    async import(name, format, entries) {
      const list = name.trim()
      if (!/^[\p{L}\p{N}_.-]{1,100}$/u.test(list))
        throw new InvalidInputError('a watchlist name is 1..100 letters, digits, "_", "." or "-"', {
          details: { name },
        })
      const t0 = performance.now()
      return withDbErrors(`importing watchlist ${list}`, () =>
        db.transaction().execute(async (trx) => {
          await sql`delete from watchlists where name = ${list}`.execute(trx)
          await sql`insert into watchlists (name, format) values (${list}, ${format})`.execute(trx)
          let persons = 0
          let organizations = 0
          let skipped = 0
          const seen = new Set<string>()
          let batch: WatchlistEntry[] = []
          const flush = async () => {
            if (batch.length === 0) return
            const ids = (
              await sql<{ id: string; ext_id: string }>`
                insert into watchlist_entries
                  (watchlist, ext_id, kind, schema, name, aliases, birth_dates, countries,
                   identifiers, topics)
                select ${list}, r.i, r.k, r.s, r.n, r.a, r.b, r.c,
                  array(select jsonb_array_elements_text(r.d)), r.t
                from jsonb_to_recordset(${JSON.stringify(
                  batch.map((e) => ({
                    i: e.id,
                    k: e.kind,
                    s: e.schema,
                    n: e.name,
                    a: e.aliases,
                    b: e.birthDates,
                    c: e.countries,
                    d: e.identifiers,
                    t: e.topics,
                  })),
                )}::jsonb) as r(i text, k text, s text, n text, a jsonb, b jsonb, c jsonb, d jsonb, t jsonb)
                returning id::text as id, ext_id`.execute(trx)
            ).rows
            const byExt = new Map(ids.map((r) => [r.ext_id, r.id]))
            const keys: string[] = []
            const entryIds: string[] = []
            const parts: number[] = []
            for (const e of batch) {
              const id = byExt.get(e.id)
              if (!id) continue
              const posted = new Map<string, number>()
              for (const n of [e.name, ...e.aliases]) {
                if (e.kind === 'organization') {
                  for (const k of organizationKeys(n, null)) posted.set(k, 1)
                  continue
                }
                const parsed = parseName(n)
                const real = parsed.parts.filter((t) => !t.initial)
                for (const t of real) {
                  for (const k of t.stem === null ? [t.key] : [t.key, t.stem]) {
                    const old = posted.get(k)
                    if (old === undefined || real.length < old) posted.set(k, real.length)
                  }
                }
              }
              for (const [k, p] of posted) {
                keys.push(k)
                entryIds.push(id)
                parts.push(p)
              }
            }
            if (keys.length > 0)
              await sql`
                insert into watchlist_keys (key, entry_id, min_parts)
                select * from unnest(${keys}::text[], ${entryIds}::bigint[], ${parts}::int[])`.execute(
                trx,
              )
            batch = []
          }
          for await (const e of entries) {
            if (!e || seen.has(e.id)) {
              skipped++
              continue
            }
            seen.add(e.id)
            if (e.kind === 'person') persons++
            else organizations++
            batch.push(e)
            if (batch.length >= BATCH) await flush()
          }
          await flush()
          await sql`update watchlists set entries = ${persons + organizations} where name = ${list}`.execute(
            trx,
          )
          return {
            watchlist: list,
            format,
            entries: persons + organizations,
            persons,
            organizations,
            skipped,
            seconds: +((performance.now() - t0) / 1000).toFixed(2),
          }
        }),
      )
    },

    list: () =>
      withDbErrors('listing watchlists', async () => {
        const rows = await sql<{
          name: string
          format: string
          entries: number
          imported_at: Date
        }>`
          select name, format, entries, imported_at from watchlists order by name`.execute(db)
        return rows.rows.map((r) => ({
          name: r.name,
          format: r.format,
          entries: r.entries,
          importedAt: new Date(r.imported_at).toISOString(),
        }))
      }),

    xref: (options = {}) => withDbErrors('cross-referencing watchlists', () => xref(db, options)),
  }
}

interface EntryRow {
  id: string
  watchlist: string
  ext_id: string
  kind: string
  schema: string
  name: string
  aliases: string[]
  birth_dates: string[]
  countries: string[]
  identifiers: string[] | string
  topics: string[]
}

async function xref(db: Kysely<Database>, options: XrefOptions): Promise<WatchlistHit[]> {
  const minScore = options.minScore ?? DEFAULT_THRESHOLD
  const limit = options.limit ?? 1000
  const filter = options.watchlist ? sql`and watchlist = ${options.watchlist}` : sql``
  const hits: WatchlistHit[] = []
  // Identifier matches first: one query over the IIN index of mentions.
  const byIdentifier = new Map<string, Map<string, string>>()
  const idRows = await sql<{ entry_id: string; entity_id: string; iin: string }>`
    select distinct e.id::text as entry_id, m.entity_id::text as entity_id, m.iin
    from watchlist_entries e
    cross join lateral unnest(e.identifiers) as i(value)
    join entity_mentions m on m.iin = i.value
    where true ${filter}`.execute(db)
  for (const r of idRows.rows) {
    const map = byIdentifier.get(r.entry_id) ?? new Map()
    map.set(r.entity_id, r.iin)
    byIdentifier.set(r.entry_id, map)
  }
  let after = '0'
  for (;;) {
    const entries = (
      await sql<EntryRow>`
        select id::text as id, watchlist, ext_id, kind, schema, name, aliases, birth_dates,
          countries, identifiers::text[] as identifiers, topics
        from watchlist_entries where id > ${after}::bigint ${filter}
        order by watchlist_entries.id limit ${XREF_BATCH}`.execute(db)
    ).rows
    if (entries.length === 0) break
    after = entries.at(-1)!.id
    // One lookup per name of every entry in the batch.
    const queries: { entry: number; parsed: ParsedName; input: MentionInput }[] = []
    entries.forEach((e, i) => {
      for (const n of [e.name, ...e.aliases].slice(0, XREF_NAMES)) {
        const parsed = parseName(n)
        if (e.kind === 'person' && parsed.parts.filter((t) => !t.initial).length < 2) continue
        queries.push({
          entry: i,
          parsed,
          input: {
            kind: e.kind === 'organization' ? 'organization' : 'person',
            name: n,
            docId: '',
            context: { orgs: [], places: [], crimes: [], titles: [], iin: null },
          },
        })
      }
    })
    const ids =
      queries.length === 0
        ? []
        : await candidateIds(
            db,
            queries.map((q) => q.input),
            queries.map((q) => q.parsed),
          )
    const all = [...new Set(ids.flat())]
    for (const m of byIdentifier.values()) for (const id of m.keys()) all.push(id)
    const entities =
      all.length === 0
        ? new Map<string, { name: string; kind: string; mentions: number }>()
        : new Map(
            (
              await sql<{ id: string; name: string; kind: string; mention_count: number }>`
                select id::text as id, name, kind, mention_count from entities
                where id = any(${[...new Set(all)]}::bigint[]) and merged_into is null
                  and mention_count > 0`.execute(db)
            ).rows.map((r) => [r.id, { name: r.name, kind: r.kind, mentions: r.mention_count }]),
          )
    const names = await namesOf(db, [...entities.keys()])
    const perEntry = new Map<number, Map<string, { score: number; reasons: string[] }>>()
    queries.forEach((q, qi) => {
      for (const id of ids[qi] ?? []) {
        const entity = entities.get(id)
        if (!entity || entity.kind !== q.input.kind) continue
        let best = 0
        let why = ''
        for (const n of names.get(id) ?? [entity.name]) {
          const other = parseName(n)
          let score: number
          if (q.input.kind === 'organization') {
            score = organizationKey(n) === organizationKey(q.input.name) ? 1 : 0
          } else {
            // A bare surname in the news is not evidence about a listed full name.
            if (other.parts.filter((t) => !t.initial).length < 2) continue
            score = compareParsed(q.parsed, other).score
          }
          if (score > best) {
            best = score
            why = `name: "${q.input.name}" ~ "${n}" ${score.toFixed(3)}`
          }
        }
        if (best < minScore) continue
        const map = perEntry.get(q.entry) ?? new Map()
        const old = map.get(id)
        if (!old || best > old.score) map.set(id, { score: best, reasons: [why] })
        perEntry.set(q.entry, map)
      }
    })
    entries.forEach((e, i) => {
      const map = perEntry.get(i) ?? new Map<string, { score: number; reasons: string[] }>()
      for (const [id, iin] of byIdentifier.get(e.id) ?? []) {
        if (!entities.has(id)) continue
        const old = map.get(id)
        map.set(id, { score: 1, reasons: [`identifier ${iin}`, ...(old?.reasons ?? [])] })
      }
      if (map.size === 0) return
      hits.push({
        watchlist: e.watchlist,
        entryId: e.ext_id,
        name: e.name,
        schema: e.schema,
        topics: e.topics,
        birthDates: e.birth_dates,
        countries: e.countries,
        identifiers: Array.isArray(e.identifiers) ? e.identifiers : [],
        matches: [...map].map(([id, m]) => ({
          entityId: id,
          entityName: entities.get(id)!.name,
          kind: entities.get(id)!.kind,
          score: m.score,
          reasons: m.reasons,
          roles: [],
          mentions: entities.get(id)!.mentions,
        })),
      })
    })
  }
  // Roles of every matched entity, in one query.
  const matched = [...new Set(hits.flatMap((h) => h.matches.map((m) => m.entityId)))]
  const roles = new Map<string, { role: string; documents: number }[]>()
  if (matched.length > 0) {
    const rows = await sql<{ entity_id: string; role: string | null; n: string }>`
      select entity_id::text as entity_id, role, count(distinct doc_id)::text as n
      from entity_mentions where entity_id = any(${matched}::bigint[])
      group by entity_id, role`.execute(db)
    for (const r of rows.rows) {
      const list = roles.get(r.entity_id) ?? []
      list.push({ role: r.role ?? 'other', documents: Number(r.n) })
      roles.set(r.entity_id, list)
    }
  }
  const flagged = (h: WatchlistHit) =>
    h.matches.some((m) => (roles.get(m.entityId) ?? []).some((r) => FLAG_ROLES.has(r.role)))
  const out = hits.map((h) => ({
    ...h,
    matches: h.matches
      .map((m) => ({
        ...m,
        roles: (roles.get(m.entityId) ?? []).sort((a, b) => b.documents - a.documents),
      }))
      .sort((a, b) => b.score - a.score || b.mentions - a.mentions),
  }))
  return out
    .sort(
      (a, b) =>
        Number(flagged(b)) - Number(flagged(a)) ||
        (b.matches[0]?.score ?? 0) - (a.matches[0]?.score ?? 0) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit)
}
