/**
 * Entity-resolution benchmark: loads a record of M generated person mentions (default
 * 1,000,000: ~10 per document, entities written in Cyrillic and every romanisation, with case
 * forms, swapped order and bare surnames, each entity with a home city, crime and organisations)
 * straight into the entity tables, then stores A new articles (default 50) the way ingest does
 * and times `resolveDocument` on each: candidate generation by indexed name keys, scoring, writes.
 * Prints the load time, table sizes and p50/p95/max resolution time per article.
 *
 * usage: npm run bench:entities -- [--mentions M] [--articles A] [--seed S] [--database-url URL] [--json]
 * (default database: PGlite in a temporary directory, removed afterwards)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import type { ExtractedDoc } from '#core/document.ts'
import { contextOf, type MentionContext, personPostingKeys } from '#core/entities/resolution.ts'
import type { Location, Organization, Person } from '#core/facts.ts'
import { GIVEN_NAMES, SURNAMES } from '#core/names/name-lists-data.ts'
import { SCHEMES } from '#core/names/translit-data.ts'
import { transliterate } from '#core/names/transliterate.ts'
import { migrateToLatest, openDatabase } from '#storage/database.ts'
import { createDocumentRepository } from '#storage/document-repository.ts'
import { createEntityRepository } from '#storage/entity-repository.ts'

const { values } = parseArgs({
  options: {
    mentions: { type: 'string', default: '1000000' },
    articles: { type: 'string', default: '50' },
    seed: { type: 'string', default: '20261123' },
    'database-url': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(
    'usage: npm run bench:entities -- [--mentions M] [--articles A] [--seed S] [--database-url URL] [--json]',
  )
  process.exit(0)
}
const M = Number(values.mentions)
const A = Number(values.articles)
if (!(M > 0 && A > 0)) {
  console.error('bench-entities: --mentions and --articles must be positive numbers')
  process.exit(2)
}
const log = (s: string) => {
  if (!values.json) console.error(s)
}

let state = Number(values.seed) | 0
function rnd(): number {
  state = (state + 0x6d2b79f5) | 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!

// Name material as in bench-names: the common lists plus synthetic Kazakh-style surnames.
const SYLLABLES =
  'ах мет бек нұр сейт жұма ер ғали тұр сын қа сым о мар и са мұ сап ар сұл тан әбіл бай жан дос ым ерм ек есен жақ сы қал қо жа құр ман мұх нұр лан ос пан ра хым сағ ын сәт тә жі то қа тө ле үс ен ша і ораз әлі бақ ыт дәу лет'.split(
    ' ',
  )
const given = GIVEN_NAMES.split(/\s+/).filter(Boolean)
const surnames = [...SURNAMES.split(/\s+/).filter(Boolean)]
const synthetic = new Set<string>()
while (synthetic.size < 20_000) {
  const s =
    pick(SYLLABLES) +
    pick(SYLLABLES) +
    pick(['', '', 'бай', 'бек', 'жан']) +
    pick(['ов', 'ев', 'ин'])
  synthetic.add(s[0]!.toUpperCase() + s.slice(1))
}
surnames.push(...synthetic)

const CITIES = Array.from({ length: 30 }, (_, i) => `KZ-C${i}`)
const CRIMES = ['fraud', 'corruption', 'drug_trafficking', 'theft', 'homicide', 'embezzlement']
const ORGS = Array.from({ length: 500 }, (_, i) => `org:bench-${i}`)

interface GenEntity {
  given: string
  surname: string
  city: string
  crime: string
  orgs: string[]
}

function spell(cyr: string): string {
  return rnd() < 0.5 ? cyr : transliterate(cyr, pick(SCHEMES))
}

// How a document writes an entity's name: full name in any script or order, or a bare surname.
function written(e: GenEntity): string {
  const r = rnd()
  if (r < 0.1) return spell(e.surname)
  if (r < 0.3) return spell(`${e.surname} ${e.given}`)
  return spell(`${e.given} ${e.surname}`)
}

const ENTITIES = Math.max(1, Math.round(M / 5))
const PER_DOC = 10
const DOCS = Math.ceil(M / PER_DOC)

async function main() {
  const dir = values['database-url']
    ? null
    : await mkdtemp(join(tmpdir(), 'tergeu-bench-entities-'))
  const handle = await openDatabase(
    dir ? { kind: 'pglite', dataDir: dir } : { kind: 'postgres', url: values['database-url']! },
  )
  try {
    await migrateToLatest(handle.db)
    const db = handle.db
    const t0 = performance.now()
    const entities: GenEntity[] = []
    for (let i = 0; i < ENTITIES; i++) {
      entities.push({
        given: pick(given),
        surname: pick(surnames),
        city: pick(CITIES),
        crime: pick(CRIMES),
        orgs: [pick(ORGS), pick(ORGS)],
      })
    }
    // Documents: short texts, already marked resolved.
    for (let d = 0; d < DOCS; d += 5000) {
      const rows = []
      for (let i = d; i < Math.min(DOCS, d + 5000); i++)
        rows.push({ i: `bench-${i}`, t: `bench document ${i}`, h: `h${i}` })
      await sql`
        insert into documents (id, source, lang, format, text, text_hash, extractor_version, published)
        select r.i, 'bench', 'ru', 'text', r.t, r.h, 'bench@1', '2024-01-01'
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(i text, t text, h text)`.execute(
        db,
      )
      await sql`
        insert into entity_resolved_docs (doc_id, text_hash, extractor_version)
        select r.i, r.h, 'bench@1' from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(i text, h text)`.execute(
        db,
      )
    }
    log(`documents: ${DOCS} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    // Mentions: each document names PER_DOC distinct entities.
    const names: Set<string>[] = entities.map(() => new Set())
    const contexts: MentionContext[][] = entities.map(() => [])
    let mentions = 0
    let batch: { d: string; n: string; e: number; c: MentionContext }[] = []
    const flushMentions = async () => {
      if (batch.length === 0) return
      await sql`
        insert into entity_mentions (doc_id, kind, name, entity_id, role, context)
        select r.d, 'person', r.n, r.e, 'suspect', r.c
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(d text, n text, e bigint, c jsonb)
        on conflict do nothing`.execute(db)
      batch = []
    }
    // Entities first (ids 1..ENTITIES), context filled in after the mentions.
    for (let e = 0; e < ENTITIES; e += 20000) {
      const rows = entities
        .slice(e, e + 20000)
        .map((x, j) => ({ i: e + j + 1, n: `${x.given} ${x.surname}` }))
      await sql`
        insert into entities (id, kind, name)
        select r.i, 'person', r.n from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(i bigint, n text)`.execute(
        db,
      )
    }
    await sql`select setval(pg_get_serial_sequence('entities', 'id'), ${ENTITIES})`.execute(db)
    for (let d = 0; d < DOCS && mentions < M; d++) {
      const used = new Set<number>()
      for (let k = 0; k < PER_DOC && mentions < M; k++) {
        let e = Math.floor(rnd() * ENTITIES)
        while (used.has(e)) e = Math.floor(rnd() * ENTITIES)
        used.add(e)
        const x = entities[e]!
        const name = written(x)
        const c: MentionContext = {
          orgs: [...x.orgs, pick(ORGS)],
          places: [x.city],
          crimes: [x.crime],
          titles: [],
          iin: null,
        }
        names[e]!.add(name)
        contexts[e]!.push(c)
        batch.push({ d: `bench-${d}`, n: name, e: e + 1, c })
        mentions++
      }
      if (batch.length >= 20000) {
        await flushMentions()
        if (mentions % 200000 < PER_DOC)
          log(`mentions: ${mentions} (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
      }
    }
    await flushMentions()
    // Keys and contexts, as the resolver would have left them.
    let keyBatch: { k: string; e: number; p: number }[] = []
    const flushKeys = async () => {
      if (keyBatch.length === 0) return
      await sql`
        insert into entity_keys (key, entity_id, min_parts)
        select r.k, r.e, min(r.p) from jsonb_to_recordset(${JSON.stringify(keyBatch)}::jsonb) as r(k text, e bigint, p int)
        group by r.k, r.e
        on conflict (key, entity_id) do update set min_parts = least(entity_keys.min_parts, excluded.min_parts)`.execute(
        db,
      )
      keyBatch = []
    }
    let ctxBatch: { i: number; n: number; c: unknown }[] = []
    const flushContexts = async () => {
      if (ctxBatch.length === 0) return
      await sql`
        update entities e set mention_count = r.n, context = r.c
        from jsonb_to_recordset(${JSON.stringify(ctxBatch)}::jsonb) as r(i bigint, n int, c jsonb)
        where e.id = r.i`.execute(db)
      ctxBatch = []
    }
    for (let e = 0; e < ENTITIES; e++) {
      const seen = new Set<string>()
      for (const n of names[e]!) {
        const { keys, parts } = personPostingKeys(n)
        for (const k of keys) {
          if (seen.has(`${k}:${parts}`)) continue
          seen.add(`${k}:${parts}`)
          keyBatch.push({ k, e: e + 1, p: parts })
        }
      }
      ctxBatch.push({ i: e + 1, n: contexts[e]!.length, c: contextOf(contexts[e]!) })
      if (keyBatch.length >= 50000) await flushKeys()
      if (ctxBatch.length >= 10000) await flushContexts()
    }
    await flushKeys()
    await flushContexts()
    await sql`analyze`.execute(db)
    const loadS = (performance.now() - t0) / 1000
    const counts = (
      await sql<{ m: string; e: string; k: string }>`
        select (select count(*) from entity_mentions)::text as m,
          (select count(*) from entities)::text as e,
          (select count(*) from entity_keys)::text as k`.execute(db)
    ).rows[0]!
    log(
      `record: ${counts.m} mentions, ${counts.e} entities, ${counts.k} key rows, loaded in ${loadS.toFixed(0)} s`,
    )

    // New articles, stored and resolved the way ingest does it.
    const docsRepo = createDocumentRepository(db)
    const repo = createEntityRepository(db)
    const times: number[] = []
    let linked = 0
    let created = 0
    let resolvedMentions = 0
    // Full names of known entities in the new articles, and how many joined the right entity.
    let knownTotal = 0
    let knownRight = 0
    const cpu0 = process.cpuUsage()
    for (let a = 0; a < A; a++) {
      const persons: Person[] = []
      const seen = new Set<string>()
      // Known persons come with their own context (city, crime, organisations): the article is
      // about them. The rest are new names and bare surnames.
      const homes: GenEntity[] = []
      const expected = new Map<string, number>()
      for (let k = 0; k < 10; k++) {
        const r = rnd()
        const knownAt = Math.floor(rnd() * ENTITIES)
        const known = entities[knownAt]!
        const name =
          r < 0.5
            ? written(known)
            : r < 0.6
              ? spell(known.surname)
              : spell(`${pick(given)} ${pick(surnames)}`)
        if (r < 0.6) homes.push(known)
        if (seen.has(name)) continue
        seen.add(name)
        if (r < 0.5) expected.set(name, knownAt + 1)
        persons.push({
          name,
          variants: [],
          role: 'suspect',
          title: null,
          mentions: [{ start: 0, end: 1, text: 'x' }],
          provenance: { stage: 'bench', version: 1 },
        })
      }
      const prov = { stage: 'bench', version: 1 }
      const at = [{ start: 0, end: 1, text: 'x' }]
      const organizations: Organization[] = [...new Set(homes.flatMap((h) => h.orgs))].map((o) => ({
        name: o,
        variants: [],
        kind: 'law_enforcement',
        country: 'KZ',
        orgId: o.slice(4),
        mentions: at,
        provenance: prov,
      }))
      const locations: Location[] = [...new Set(homes.map((h) => h.city))].map((city) => ({
        name: city,
        variants: [],
        kind: 'city',
        country: 'KZ',
        placeId: city,
        iso3166_2: null,
        parentId: null,
        lat: null,
        lon: null,
        mentions: at,
        provenance: prov,
      }))
      const crimes = [...new Set(homes.map((h) => h.crime))].map((c) => ({
        category: c as 'fraud',
        evidence: [],
        provenance: prov,
      }))
      const text = `new article ${a}: ${persons.map((p) => p.name).join(', ')}.`
      const doc: ExtractedDoc = {
        id: `new-${a}`,
        source: 'bench',
        url: null,
        format: 'text',
        raw: text,
        text,
        published: '2025-01-01',
        title: null,
        lang: 'ru',
        langConfidence: 1,
        boilerplate: [],
        content: text,
        articles: [{ start: 0, end: text.length, title: null, titleSpan: null }],
        sentences: [{ start: 0, end: text.length }],
        referenceDate: '2025-01-01',
        locations,
        organizations,
        persons,
        money: [],
        statistics: [],
        dates: [],
        crimes,
        events: [],
      }
      await docsRepo.save(doc, { annotations: [], extractorVersion: 'bench@1' })
      const s = performance.now()
      const report = await repo.resolveDocument(doc.id)
      times.push(performance.now() - s)
      const placed = await sql<{ name: string; entity_id: string }>`
        select name, entity_id::text as entity_id from entity_mentions
        where doc_id = ${doc.id} and kind = 'person'`.execute(db)
      for (const row of placed.rows) {
        const want = expected.get(row.name)
        if (want === undefined) continue
        knownTotal++
        if (Number(row.entity_id) === want) knownRight++
      }
      linked += report.linked
      created += report.created
      resolvedMentions += report.mentions
    }
    const cpu = process.cpuUsage(cpu0)
    times.sort((x, y) => x - y)
    const pct = (p: number) =>
      times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!
    const result = {
      database: handle.kind,
      mentions: Number(counts.m),
      entities: Number(counts.e),
      keyRows: Number(counts.k),
      loadSeconds: +loadS.toFixed(1),
      articles: A,
      mentionsPerArticle: +(resolvedMentions / A).toFixed(1),
      linked,
      created,
      p50Ms: +pct(50).toFixed(1),
      p95Ms: +pct(95).toFixed(1),
      maxMs: +times.at(-1)!.toFixed(1),
      knownFullNames: knownTotal,
      knownJoinedRightEntity: knownRight,
      cpuMsPerArticle: +((cpu.user + cpu.system) / 1000 / A).toFixed(1),
    }
    if (values.json) console.log(JSON.stringify(result))
    else {
      console.log(
        `record (${result.database}): ${result.mentions} mentions, ${result.entities} entities, ${result.keyRows} key rows (loaded in ${result.loadSeconds} s)`,
      )
      console.log(
        `resolve: ${A} new articles, ${result.mentionsPerArticle} mentions each (${linked} linked, ${created} new entities)`,
      )
      console.log(
        `known full names (any script/order) joined to their own entity: ${knownRight} of ${knownTotal}`,
      )
      console.log(
        `per article: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms (wall); ${result.cpuMsPerArticle} ms CPU in this process`,
      )
      console.log(`target: < 1000 ms per article: ${result.maxMs < 1000 ? 'met' : 'NOT met'}`)
    }
  } finally {
    await handle.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  }
}

await main()
