/**
 * Scale benchmark on PostgreSQL (issue #8): a record of 1,000,000 generated articles, then
 *
 * - search: `GET /api/search` over a mix of en/ru/kk queries, broad and selective, with and
 *   without filters — p50/p95 of the results request and, apart, of the facet counts request
 *   (`facets=true&limit=1`), as the search page makes them;
 * - screening: `screen()` of generated names (stored names respelled, with typos, and new ones)
 *   against the ~1,000,000 person names of the record — p50/p95 per name;
 * - ingest: a few thousand generated HTML pages through the real pipeline by 1, 2 and 4
 *   `tergeu worker` processes taking jobs from the queue — pages/s and the scaling factor;
 * - API throughput: `wrk` (Debian package) against one `tergeu serve` process, from a second
 *   process — requests/s and latency.
 *
 * The record is generated, not extracted (see scripts/bench/scale-corpus.ts): documents from the
 * benchmark templates with their facts, annotations, screening keys and entity mentions, loaded
 * with COPY through the repository's own schema (scripts/bench/scale-load.ts). The database is
 * kept: a later run with the same --docs reuses it and only times (--rebuild loads it again).
 *
 * usage: npm run bench:scale -- [--docs 1000000] [--database-url URL] [--rebuild]
 *          [--only load,search,screen,ingest,api] [--runs 3] [--screen-names 200]
 *          [--ingest-pages 2000] [--workers 1,2,4] [--api-seconds 20] [--api-connections 16]
 *          [--jobs 2] [--json FILE]
 *   --jobs          generator processes of the load (each feeds its own COPY streams)
 *   --database-url  default $TERGEU_SCALE_DATABASE_URL or postgres://postgres@127.0.0.1:5432/tergeu_scale;
 *                   the database is dropped and created again when it does not hold this record
 *                   (the user needs CREATEDB, and superuser for the load: see scale-load.ts)
 *   small and quick: npm run bench:scale -- --docs 20000 --ingest-pages 300 --api-seconds 5
 *
 * Needs `psql` (the load) and `wrk` (the API throughput; skipped with a note when missing).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { extractJobs } from '#cli/commands/worker-run.ts'
import { loadConfig } from '#config/config.ts'
import { LANGS } from '#core/lang.ts'
import { transliterate } from '#core/names/transliterate.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { migrateToLatest, openDatabase } from '#storage/database.ts'
import { createJobRepository } from '#storage/job-repository.ts'
import { storedKeys } from '#storage/screening-repository.ts'
import { generateCorpus } from './bench/generate-corpus.ts'
import { streamPages } from './bench/ingest-pages.ts'
import { createRandom } from './bench/random.ts'
import {
  generateScaleDocs,
  type LexiconEntry,
  learnLexicon,
  type SeedFact,
} from './bench/scale-corpus.ts'
import { CopyStream, copyValue, createIndexes, secondaryIndexes } from './bench/scale-load.ts'

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    'database-url': { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    only: { type: 'string', default: 'load,search,screen,ingest,api' },
    runs: { type: 'string', default: '3' },
    'seed-docs': { type: 'string', default: '300' },
    'screen-names': { type: 'string', default: '200' },
    'ingest-pages': { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1,2,4' },
    'api-seconds': { type: 'string', default: '20' },
    'api-connections': { type: 'string', default: '16' },
    json: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    // Internal: generate and copy one range of documents (a child process of the load).
    shard: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(
    'usage: npm run bench:scale -- [--docs 1000000] [--database-url URL] [--rebuild] [--only load,search,screen,ingest,api]\n' +
      '         [--runs 3] [--screen-names 200] [--ingest-pages 2000] [--workers 1,2,4] [--api-seconds 20]\n' +
      '         [--api-connections 16] [--json FILE]',
  )
  process.exit(0)
}
const N = Number(values.docs)
const runs = Number(values.runs)
const workerCounts = values.workers.split(',').map(Number)
for (const [name, v] of [
  ['--docs', N],
  ['--runs', runs],
  ['--screen-names', Number(values['screen-names'])],
  ['--ingest-pages', Number(values['ingest-pages'])],
  ['--api-seconds', Number(values['api-seconds'])],
  ['--jobs', Number(values.jobs)],
  ...workerCounts.map((w) => ['--workers', w] as const),
] as const) {
  if (!(Number.isInteger(v) && v > 0)) {
    console.error(`bench-scale: ${name} must be a positive whole number`)
    process.exit(2)
  }
}
const phases = new Set(values.only.split(','))
const URL_ =
  values['database-url'] ||
  process.env['TERGEU_SCALE_DATABASE_URL'] ||
  'postgres://postgres@127.0.0.1:5432/tergeu_scale'
const BIN = new URL('../bin/tergeu', import.meta.url).pathname
const results: Record<string, unknown> = { docs: N, startedAt: new Date().toISOString() }
const log = (line: string) => console.log(line)
// Unlimited requests per token for the benchmark's own clients (decision 0014's rate limit).
process.env['TERGEU_RATE_LIMIT'] = '0'

/**
 * A bearer token for the API (a team deployment on PostgreSQL requires one, decision 0014): a
 * viewer made for this run with `tergeu users add`; null where the build has no accounts.
 */
function apiToken(): string | null {
  const r = spawnSync(
    process.execPath,
    [BIN, 'users', 'add', `bench-scale-${process.pid}-${Date.now()}`, '--role', 'viewer'],
    { env: { ...process.env, DATABASE_URL: URL_ }, encoding: 'utf8' },
  )
  return /tgu_[A-Za-z0-9_-]+/.exec(`${r.stdout}${r.stderr}`)?.[0] ?? null
}
let token: string | null = null
const authHeaders = (): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {}

// ---------------------------------------------------------------------------------------------
// The record

const LOADED_TABLES = [
  'documents',
  'facts',
  'annotations',
  'person_name_keys',
  'person_name_keyed_docs',
  'entities',
  'entity_mentions',
  'entity_resolved_docs',
]

async function recordState(): Promise<{ docs: number } | null> {
  const client = new pg.Client({ connectionString: URL_ })
  try {
    await client.connect()
  } catch {
    return null
  }
  try {
    const { rows } = await client.query<{ docs: number }>(
      `select docs from bench_scale_state where finished_at is not null`,
    )
    return rows[0] ?? null
  } catch {
    return null
  } finally {
    await client.end()
  }
}

async function recreateDatabase(): Promise<void> {
  const target = new URL(URL_)
  const name = decodeURIComponent(target.pathname.slice(1))
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name: ${name}`)
  const admin = new URL(URL_)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.href })
  await client.connect()
  try {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.query(`create database ${name}`)
  } finally {
    await client.end()
  }
}

/** Learns places, bodies, crimes and event triggers from the real extractor over seed documents. */
async function learn(seedCount: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tergeu-scale-seed-'))
  const runtime = await bootstrap(loadConfig({ TERGEU_DATA_DIR: dir }), { cwd: process.cwd() })
  try {
    const seeds = generateCorpus({ bytes: seedCount * 4000, seed: 7 }).slice(0, seedCount)
    await runtime.ingest(seeds)
    const facts = await sql<{
      kind: string
      label: string
      data: Record<string, unknown>
      stage: string
      stage_version: number
    }>`select kind, label, data, stage, stage_version from facts
       where kind in ('location', 'organization', 'crime', 'event') order by id`.execute(
      runtime.database.db,
    )
    const version = await sql<{ v: string }>`
      select extractor_version as v from documents limit 1`.execute(runtime.database.db)
    const seedFacts: SeedFact[] = facts.rows.map((r) => ({
      kind: r.kind,
      label: r.label,
      data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
      stage: r.stage,
      stageVersion: r.stage_version,
    }))
    return { lexicon: learnLexicon(seedFacts), extractorVersion: version.rows[0]?.v ?? 'bench' }
  } finally {
    await runtime.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What one shard loaded. */
interface ShardReport {
  docs: number
  bytes: number
  facts: number
  annotations: number
  keys: number
  entities: number
}

/** Id ranges: shard `s` numbers its facts and entities from `s × SHARD_IDS + 1`. */
const SHARD_IDS = 1_000_000_000

async function load(): Promise<void> {
  await recreateDatabase()
  const handle = await openDatabase({ kind: 'postgres', url: URL_ })
  await migrateToLatest(handle.db)
  await handle.close()

  const tl = performance.now()
  const { lexicon, extractorVersion } = await learn(Number(values['seed-docs']))
  log(
    `lexicon     ${lexicon.size} surface strings learned from the extractor over ${values['seed-docs']} documents in ${((performance.now() - tl) / 1000).toFixed(0)} s`,
  )

  const client = new pg.Client({ connectionString: URL_ })
  await client.connect()
  await client.query(
    `create table bench_scale_state (docs integer not null, finished_at timestamptz)`,
  )
  const indexes = await secondaryIndexes(client, LOADED_TABLES)
  for (const i of indexes) await client.query(`drop index ${i.name}`)
  log(`indexes     ${indexes.length} secondary indexes dropped for the load`)

  // Shards: child processes, each generating and copying a range of documents.
  const tg = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'tergeu-scale-lexicon-'))
  const lexiconFile = join(dir, 'lexicon.json')
  writeFileSync(lexiconFile, JSON.stringify([...lexicon]))
  const jobs = Math.max(1, Math.min(Number(values.jobs), N))
  const reports: ShardReport[] = []
  try {
    await Promise.all(
      Array.from({ length: jobs }, async (_, s) => {
        const start = Math.floor((N * s) / jobs)
        const end = Math.floor((N * (s + 1)) / jobs)
        const spec = { url: URL_, shard: s, start, end, lexiconFile, extractorVersion }
        const child = spawn(
          process.execPath,
          [...process.execArgv, process.argv[1]!, '--shard', JSON.stringify(spec)],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        )
        let out = ''
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d
        })
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
        if (code !== 0) throw new Error(`shard ${s} exited ${code}`)
        reports.push(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ShardReport)
      }),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const sum = (k: keyof ShardReport) => reports.reduce((a, r) => a + r[k], 0)
  const loadS = (performance.now() - tg) / 1000
  log(
    `\rload        ${sum('docs')} documents (${(sum('bytes') / 1e6).toFixed(0)} MB of text), ${sum('facts')} facts, ${sum('annotations')} annotations, ` +
      `${sum('keys')} screening keys, ${sum('entities')} person entities in ${loadS.toFixed(0)} s (${jobs} generator processes)`,
  )
  for (const [table, column] of [
    ['facts', 'id'],
    ['annotations', 'id'],
    ['entities', 'id'],
    ['entity_mentions', 'id'],
  ])
    await client.query(
      `select setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((select max(${column}) from ${table}), 1))`,
    )
  const t1 = performance.now()
  await createIndexes(URL_, indexes, 2, log)
  const indexS = (performance.now() - t1) / 1000
  // Tables kept by triggers (search_summaries, decision 0013) missed the copy, which ran with
  // triggers off: fill them the way their migration does for existing documents (after the
  // indexes, which the refresh reads through).
  const refresh = await client.query<{ f: string | null }>(
    `select to_regproc('search_summaries_refresh')::text as f`,
  )
  if (refresh.rows[0]?.f) {
    const tr = performance.now()
    await Promise.all(
      LANGS.map(async (lang) => {
        const c = new pg.Client({ connectionString: URL_ })
        await c.connect()
        try {
          await c.query(
            `select search_summaries_refresh(array(select id from documents where lang = $1))`,
            [lang],
          )
        } finally {
          await c.end()
        }
      }),
    )
    log(`summaries   search_summaries filled in ${((performance.now() - tr) / 1000).toFixed(0)} s`)
  }
  const t2 = performance.now()
  await client.query('vacuum analyze')
  const vacuumS = (performance.now() - t2) / 1000
  const size = await client.query<{ s: string }>(
    `select pg_size_pretty(pg_database_size(current_database())) as s`,
  )
  log(
    `indexes     built in ${indexS.toFixed(0)} s; vacuum analyze ${vacuumS.toFixed(0)} s; database ${size.rows[0]?.s}`,
  )
  await client.query(`insert into bench_scale_state values ($1, now())`, [N])
  await client.end()
  results['load'] = {
    seconds: Math.round(loadS),
    indexSeconds: Math.round(indexS),
    vacuumSeconds: Math.round(vacuumS),
    textMB: Math.round(sum('bytes') / 1e6),
    facts: sum('facts'),
    annotations: sum('annotations'),
    screeningKeys: sum('keys'),
    personEntities: sum('entities'),
    databaseSize: size.rows[0]?.s,
  }
}

/**
 * Generates documents `start`…`end - 1` and copies them with their rows (run in a child process
 * by {@link load}; prints its {@link ShardReport} as the last line of stdout).
 */
async function loadShard(spec: {
  url: string
  shard: number
  start: number
  end: number
  lexiconFile: string
  extractorVersion: string
}): Promise<ShardReport> {
  const { url, shard, start, end } = spec
  const ev = copyValue(spec.extractorVersion)
  const lexicon = new Map(
    JSON.parse(readFileSync(spec.lexiconFile, 'utf8')) as [string, LexiconEntry][],
  )
  const docs = new CopyStream(url, 'documents', [
    'id',
    'source',
    'url',
    'title',
    'lang',
    'published',
    'format',
    'text',
    'text_hash',
    'raw_hash',
    'extractor_version',
  ])
  const facts = new CopyStream(url, 'facts', [
    'id',
    'doc_id',
    'kind',
    'ordinal',
    'start_offset',
    'end_offset',
    'label',
    'data',
    'stage',
    'stage_version',
    'extractor_version',
  ])
  const annotations = new CopyStream(url, 'annotations', [
    'doc_id',
    'start_offset',
    'end_offset',
    'type',
    'label',
    'attributes',
    'stage',
    'stage_version',
    'extractor_version',
  ])
  const keys = new CopyStream(url, 'person_name_keys', ['fact_id', 'doc_id', 'key', 'part_count'])
  const keyed = new CopyStream(url, 'person_name_keyed_docs', [
    'doc_id',
    'text_hash',
    'extractor_version',
  ])
  const mentions = new CopyStream(url, 'entity_mentions', [
    'doc_id',
    'kind',
    'name',
    'entity_id',
    'role',
    'title',
    'ref_id',
    'iin',
    'context',
    'decided',
  ])
  const resolved = new CopyStream(url, 'entity_resolved_docs', [
    'doc_id',
    'text_hash',
    'extractor_version',
  ])
  const ents = new CopyStream(url, 'entities', ['id', 'kind', 'name', 'mention_count', 'context'])
  const streams = [docs, facts, annotations, keys, keyed, mentions, resolved, ents]
  const entities = new Map<string, { id: number; n: number }>()
  const keysOf = new Map<string, { keys: string[]; parts: number }>()
  let factId = shard * SHARD_IDS
  let bytes = 0
  const t0 = performance.now()
  try {
    let i = 0
    for (const d of generateScaleDocs({
      docs: end - start,
      first: start,
      lexicon,
      seed: 20261124 + shard,
    })) {
      bytes += Buffer.byteLength(d.text)
      const head = `${d.id}\t`
      docs.row([
        d.id,
        d.source,
        null,
        d.title,
        d.lang,
        d.published,
        'text',
        d.text,
        d.textHash,
        null,
        spec.extractorVersion,
      ])
      keyed.line(`${head}${d.textHash}\t${ev}\n`)
      resolved.line(`${head}${d.textHash}\t${ev}\n`)
      for (const f of d.facts) {
        const id = ++factId
        const label = copyValue(f.label)
        facts.line(
          `${id}\t${head}${f.kind}\t${f.ordinal}\t${f.start}\t${f.end}\t${label}\t${copyValue(JSON.stringify(f.data))}\t${f.stage}\t${f.stageVersion}\t${ev}\n`,
        )
        const tail = `\t${f.kind}\t${label}\t${copyValue(JSON.stringify(annotationAttributes(f.kind, f.data)))}\t${f.stage}\t${f.stageVersion}\t${ev}\n`
        for (const [s, e] of f.spans) annotations.line(`${head}${s}\t${e}${tail}`)
        if (f.kind !== 'person') continue
        let k = keysOf.get(f.label)
        if (!k) {
          k = storedKeys(f.label)
          if (keysOf.size > 200_000) keysOf.clear()
          keysOf.set(f.label, k)
        }
        for (const key of k.keys) keys.line(`${id}\t${head}${copyValue(key)}\t${k.parts}\n`)
        let e = entities.get(f.label)
        if (!e) {
          e = { id: shard * SHARD_IDS + entities.size + 1, n: 0 }
          entities.set(f.label, e)
        }
        e.n++
        const role = typeof f.data['role'] === 'string' ? f.data['role'] : '\\N'
        mentions.line(`${head}person\t${label}\t${e.id}\t${role}\t\\N\t\\N\t\\N\t{}\tf\n`)
      }
      for (const s of streams) await s.drain()
      if (++i % 25_000 === 0)
        process.stderr.write(
          `load        shard ${shard}: ${i}/${end - start} documents, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
        )
    }
    for (const [name, e] of entities) {
      ents.row([e.id, 'person', name, e.n, '{}'])
      await ents.drain()
    }
    for (const s of streams) await s.end()
  } catch (error) {
    for (const s of streams) s.kill()
    throw error
  }
  return {
    docs: docs.rows,
    bytes,
    facts: facts.rows,
    annotations: annotations.rows,
    keys: keys.rows,
    entities: entities.size,
  }
}

function annotationAttributes(
  kind: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  switch (kind) {
    case 'person':
      return { role: data['role'] ?? null }
    case 'location':
      return { placeId: data['placeId'] ?? null }
    case 'organization':
      return { orgId: data['orgId'] ?? null }
    case 'crime':
      return { category: data['category'] ?? null }
    default:
      return { eventType: data['type'] ?? null }
  }
}

// ---------------------------------------------------------------------------------------------
// Timing

/** The id the generator gives its `n`th document. */
function docId(n: number): string {
  return `scale-${LANGS[n % LANGS.length]}-${String(n).padStart(7, '0')}`
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

function summary(times: number[]) {
  const s = [...times].sort((a, b) => a - b)
  return {
    n: s.length,
    p50: +percentile(s, 50).toFixed(1),
    p95: +percentile(s, 95).toFixed(1),
    max: +(s.at(-1) ?? 0).toFixed(1),
  }
}

/** Queries of the mix: [class, query string]. Names come from the record itself. */
async function queryMix(db: pg.Client): Promise<[string, string][]> {
  const sample = async (kind: string, n: number) =>
    (
      await db.query<{ label: string }>(
        `select f.label from facts f where f.kind = $1 and f.doc_id = any($2::text[]) order by f.doc_id, f.ordinal`,
        [kind, Array.from({ length: 60 }, (_, i) => docId((i * 15_485_863) % N))],
      )
    ).rows
      .map((r) => r.label)
      .slice(0, n)
  const persons = await sample('person', 12)
  const crimes = (
    await db.query<{ label: string }>(
      `select label from facts where kind = 'crime' group by label order by count(*) desc limit 3`,
    )
  ).rows.map((r) => r.label)
  const places = (
    await db.query<{ p: string }>(
      `select data->>'placeId' as p from facts where kind = 'location' and data ? 'placeId'
       and doc_id = any($1::text[]) limit 3`,
      [Array.from({ length: 5 }, (_, i) => docId(i))],
    )
  ).rows.map((r) => r.p)
  const q = (s: string) => `q=${encodeURIComponent(s)}`
  const surname = (name: string) => name.split(' ').at(-1) ?? name
  const mix: [string, string][] = [
    ['broad', q('police')],
    ['broad', q('задержан')],
    ['broad', q('суд приговорил')],
    ['broad', q('ұсталды')],
    ['broad', q('мошенничество')],
    ['broad', q('fraud tenge')],
    ['medium', q('Interpol extradited')],
    ['medium', q('героина')],
    ['medium', q('"Anti-Corruption Agency"')],
    ['medium', q('есірткі тәркіленді')],
    ['medium', q('конфискацией имущества')],
    ['selective', q(surname(persons[0] ?? 'Ахметов'))],
    ['selective', q(`"${persons[1] ?? 'Ахметов Марат'}"`)],
    ['selective', q(`"${persons[2] ?? 'Marat Akhmetov'}"`)],
    ['selective', q(surname(persons[3] ?? 'Ахметов'))],
    ['selective', q(`${persons[4] ?? 'Ахметов'} ${surname(persons[5] ?? 'Сейткали')}`)],
    ['selective', q('xylophone')],
    ['filtered', `${q('police')}&lang=en`],
    ['filtered', `${q('задержан')}&from=2024-01-01&to=2024-03-31`],
    ['filtered', `${q('задержан')}&crime=${encodeURIComponent(crimes[0] ?? 'fraud')}`],
    ['filtered', `${q('police')}&location=${encodeURIComponent(places[0] ?? 'KZ-ALA')}`],
    ['filtered', `${q('суд')}&source=court-news.example.test&from=2025`],
    ['filtered', `${q(surname(persons[6] ?? 'Ахметов'))}&lang=ru`],
    ['browse', `crime=${encodeURIComponent(crimes[1] ?? 'theft')}&from=2025-01&to=2025-06-30`],
    ['browse', `location=${encodeURIComponent(places[1] ?? 'KZ-AST')}`],
    ['browse', ''],
  ]
  return mix
}

async function timeSearch(): Promise<[string, string][]> {
  const client = new pg.Client({ connectionString: URL_ })
  await client.connect()
  const mix = await queryMix(client)
  await client.end()
  const runtime = await bootstrap(loadConfig({ DATABASE_URL: URL_ }), { cwd: process.cwd() })
  const app = runtime.createHttpApp()
  const request = async (path: string) => {
    const t = performance.now()
    const res = await app.request(path, { headers: authHeaders() })
    const body = (await res.json()) as {
      total?: number
      totalIsLowerBound?: boolean
      totalIsEstimate?: boolean
    }
    if (res.status !== 200)
      throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`)
    // Past a cap the API stops counting (decision 0015): "5000+"; a query whose words are
    // common is estimated (decision 0017): "~310000".
    const total = `${body.totalIsEstimate ? '~' : ''}${body.total ?? 0}${body.totalIsLowerBound ? '+' : ''}`
    return { ms: performance.now() - t, total }
  }
  const results_: {
    cls: string
    path: string
    ms: number
    facetMs: number
    total: string
    cold: number
    coldFacets: number
  }[] = []
  try {
    // The first pass is the cold one (the pages of each query read from disk or the OS cache).
    for (const [cls, qs] of mix) {
      const a = await request(`/api/search?${qs}`)
      const b = await request(`/api/search?${qs}${qs ? '&' : ''}facets=true&limit=1`)
      results_.push({
        cls,
        path: qs,
        ms: 0,
        facetMs: 0,
        total: a.total,
        cold: a.ms,
        coldFacets: b.ms,
      })
    }
    const warm: number[][] = mix.map(() => [])
    const warmFacets: number[][] = mix.map(() => [])
    for (let r = 0; r < runs; r++) {
      for (const [i, [, qs]] of mix.entries()) {
        warm[i]!.push((await request(`/api/search?${qs}`)).ms)
        warmFacets[i]!.push(
          (await request(`/api/search?${qs}${qs ? '&' : ''}facets=true&limit=1`)).ms,
        )
      }
    }
    log(
      `\nsearch      ${mix.length} queries × ${runs} warm runs (after one cold pass), through the HTTP app`,
    )
    log(
      `${'class'.padEnd(10)} ${'query'.padEnd(48)} ${'total'.padStart(7)} ${'cold ms'.padStart(8)} ${'p50 ms'.padStart(7)} ${'facets p50'.padStart(10)}`,
    )
    for (const [i, r] of results_.entries()) {
      r.ms = summary(warm[i]!).p50
      r.facetMs = summary(warmFacets[i]!).p50
      log(
        `${r.cls.padEnd(10)} ${decodeURIComponent(r.path).slice(0, 48).padEnd(48)} ${r.total.padStart(7)} ${r.cold.toFixed(0).padStart(8)} ${r.ms.toFixed(0).padStart(7)} ${r.facetMs.toFixed(0).padStart(10)}`,
      )
    }
    const all = summary(warm.flat())
    const facets = summary(warmFacets.flat())
    const byClass: Record<string, unknown> = {}
    for (const cls of new Set(mix.map(([c]) => c))) {
      const idx = mix.flatMap(([c], i) => (c === cls ? [i] : []))
      byClass[cls] = {
        results: summary(idx.flatMap((i) => warm[i]!)),
        facets: summary(idx.flatMap((i) => warmFacets[i]!)),
      }
    }
    log(
      `search results: p50 ${all.p50} ms, p95 ${all.p95} ms (target p95 < 100 ms: ${all.p95 < 100 ? 'met' : 'NOT met'})`,
    )
    log(`facet counts:   p50 ${facets.p50} ms, p95 ${facets.p95} ms`)
    for (const [cls, v] of Object.entries(byClass)) {
      const c = v as { results: ReturnType<typeof summary>; facets: ReturnType<typeof summary> }
      log(
        `  ${cls.padEnd(10)} results p50 ${c.results.p50} / p95 ${c.results.p95} ms; facets p50 ${c.facets.p50} / p95 ${c.facets.p95} ms`,
      )
    }
    results['search'] = { results: all, facets, byClass, queries: results_ }
    return mix
  } finally {
    await runtime.close()
  }
}

async function timeScreening(): Promise<void> {
  const count = Number(values['screen-names'])
  const runtime = await bootstrap(loadConfig({ DATABASE_URL: URL_ }), { cwd: process.cwd() })
  try {
    const random = createRandom(99)
    const stored = (
      await sql<{ label: string }>`
        select label from facts where kind = 'person'
        and doc_id = any(${Array.from({ length: count }, () => docId(Math.floor(random() * N)))}::text[])`.execute(
        runtime.database.db,
      )
    ).rows.map((r) => r.label)
    // New people: the generator's names under another seed, most of them in no document.
    const fresh = [...generateScaleDocs({ docs: count, lexicon: new Map(), seed: 4242 })].flatMap(
      (d) => d.facts.filter((f) => f.kind === 'person').map((f) => f.label),
    )
    const names: string[] = []
    for (let i = 0; i < count; i++) {
      const base = stored[i % Math.max(1, stored.length)] ?? 'Марат Ахметов'
      if (i % 2 === 1) names.push(fresh[i] ?? base)
      else if (i % 6 === 0) names.push(base)
      else if (i % 6 === 2)
        names.push(
          /[а-яәғқңөұүһі]/i.test(base)
            ? transliterate(base, 'news')
            : base.split(' ').reverse().join(' '),
        )
      else names.push(base.slice(0, 3) + base.slice(4))
    }
    let t = performance.now()
    await runtime.screening.sync()
    const syncMs = performance.now() - t
    await runtime.screening.screen(names.slice(0, 5))
    const times: number[] = []
    let hits = 0
    for (const name of names) {
      t = performance.now()
      const [r] = await runtime.screening.screen([name])
      times.push(performance.now() - t)
      if ((r?.matches.length ?? 0) > 0) hits++
    }
    const persons = await sql<{ n: number }>`
      select count(distinct label)::int as n from facts where kind = 'person'`.execute(
      runtime.database.db,
    )
    const s = summary(times)
    log(
      `\nscreening   ${names.length} names against ${persons.rows[0]?.n} distinct stored person names: ` +
        `p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms (target p95 < 50 ms: ${s.p95 < 50 ? 'met' : 'NOT met'}); ` +
        `${hits} with a match; the up-to-date check alone (sync) ${syncMs.toFixed(0)} ms`,
    )
    results['screening'] = {
      ...s,
      names: names.length,
      withMatch: hits,
      storedNames: persons.rows[0]?.n,
      syncMs: Math.round(syncMs),
    }
  } finally {
    await runtime.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Ingest with N worker processes

function spawnTergeu(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: URL_ },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (s: string) => {
    out += s
  })
  child.stdout?.resume()
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    output: () => out,
    async waitFor(pattern: RegExp, timeoutMs = 120_000) {
      const start = Date.now()
      while (!pattern.test(out)) {
        if (Date.now() - start > timeoutMs || child.exitCode !== null)
          throw new Error(`tergeu ${args.join(' ')}: no ${pattern} in: ${out}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
}

async function timeIngest(): Promise<void> {
  const pages = [...streamPages({ pages: Number(values['ingest-pages']), seed: 8080 })].map(
    (p) => ({
      ...p,
      id: `scale-ingest-${p.id}`,
    }),
  )
  const handle = await openDatabase({ kind: 'postgres', url: URL_ })
  const jobs = createJobRepository(handle.db)
  const cleanUp = async () => {
    await sql`delete from jobs where batch like 'scale-ingest-%'`.execute(handle.db)
    await sql`delete from story_signatures where doc_id like 'scale-ingest-%'`
      .execute(handle.db)
      .catch(() => {})
    await sql`delete from documents where id like 'scale-ingest-%'`.execute(handle.db)
  }
  const rows: {
    workers: number
    seconds: number
    pagesPerSecond: number
    done: number
    failed: number
  }[] = []
  try {
    await cleanUp()
    for (const w of workerCounts) {
      const workers = Array.from({ length: w }, () => spawnTergeu(['worker', '--concurrency', '2']))
      let done = 0
      let failed = 0
      try {
        await Promise.all(workers.map((p) => p.waitFor(/taking jobs/)))
        const batch = `scale-ingest-${w}`
        const t = performance.now()
        await jobs.enqueue(extractJobs(pages, batch))
        for (;;) {
          const p = await jobs.batchProgress(batch)
          if (p.done + p.failed >= pages.length) {
            done = p.done
            failed = p.failed
            break
          }
          if (performance.now() - t > 1_800_000)
            throw new Error(`ingest stuck: ${JSON.stringify(p)}`)
          await new Promise((r) => setTimeout(r, 200))
        }
        const seconds = (performance.now() - t) / 1000
        rows.push({
          workers: w,
          seconds: +seconds.toFixed(1),
          pagesPerSecond: +(pages.length / seconds).toFixed(1),
          done,
          failed,
        })
      } finally {
        for (const p of workers) if (p.child.exitCode === null) p.child.kill('SIGTERM')
        const codes = await Promise.all(workers.map((p) => p.exited))
        if (codes.some((c) => c !== 0))
          log(`workers exited ${codes.join(',')}: ${workers.map((p) => p.output()).join('\n')}`)
      }
      await cleanUp()
    }
  } finally {
    await handle.close()
  }
  const base = rows[0]?.pagesPerSecond ?? 1
  log(
    `\ningest      ${pages.length} generated HTML pages through the real pipeline, from the queue, into the ${N}-document record`,
  )
  for (const r of rows)
    log(
      `  ${r.workers} worker(s) × concurrency 2: ${r.seconds} s, ${r.pagesPerSecond} pages/s, ×${(r.pagesPerSecond / base).toFixed(2)}` +
        (r.failed ? `, ${r.failed} failed` : ''),
    )
  results['ingest'] = { pages: pages.length, runs: rows }
}

// ---------------------------------------------------------------------------------------------
// API throughput

async function timeApi(mix: readonly [string, string][]): Promise<void> {
  if (spawnSync('wrk', ['--version']).error) {
    log('\napi         skipped: wrk is not installed (Debian: apt-get install wrk)')
    return
  }
  const port = 18_000 + (process.pid % 1000)
  const server = spawnTergeu(['serve', '--host', '127.0.0.1', '--port', String(port)])
  const dir = mkdtempSync(join(tmpdir(), 'tergeu-scale-wrk-'))
  try {
    await server.waitFor(/listening|http:\/\//i)
    const mixes: [string, readonly string[]][] = [
      // The queries an analyst types most (a name, a phrase, a filter), then the whole mix with
      // its broad words and browsing.
      ['selective queries', mix.filter(([c]) => c === 'selective').map(([, p]) => p)],
      ['the whole mix', mix.map(([, p]) => p)],
    ]
    const out: Record<string, unknown> = {}
    for (const [name, list] of mixes) {
      const script = join(dir, `${Object.keys(out).length}.lua`)
      writeFileSync(
        script,
        `local paths = { ${list.map((p) => JSON.stringify(`/api/search?${p}`)).join(', ')} }\n` +
          'local i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n',
      )
      const seconds = Number(values['api-seconds'])
      const run = spawnSync(
        'wrk',
        [
          '-t',
          '2',
          '-c',
          values['api-connections'],
          '-d',
          `${seconds}s`,
          '--timeout',
          '30s',
          '--latency',
          ...(token ? ['-H', `Authorization: Bearer ${token}`] : []),
          '-s',
          script,
          `http://127.0.0.1:${port}`,
        ],
        { encoding: 'utf8' },
      )
      const text = `${run.stdout}${run.stderr}`
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? Number.NaN)
      const lat = (p: string) => new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(text)?.[1] ?? '?'
      const errors = /Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? '0'
      log(
        `\napi         GET /api/search, ${name} (${list.length} queries in turn), wrk 2 threads × ${values['api-connections']} connections, ${seconds} s, one \`tergeu serve\``,
      )
      log(
        `  ${rps} requests/s (target >= 200: ${rps >= 200 ? 'met' : 'NOT met'}); latency p50 ${lat('50')}, p90 ${lat('90')}, p99 ${lat('99')}; non-2xx ${errors}`,
      )
      out[name] = {
        requestsPerSecond: rps,
        p50: lat('50'),
        p90: lat('90'),
        p99: lat('99'),
        non2xx: Number(errors),
      }
    }
    results['api'] = out
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGTERM')
    await server.exited
    rmSync(dir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------

if (values.shard) {
  const report = await loadShard(JSON.parse(values.shard))
  console.log(JSON.stringify(report))
  process.exit(0)
}
const [load1, load5] = (await import('node:os')).loadavg()
log(
  `bench:scale ${N} documents on ${URL_.replace(/\/\/[^@]*@/, '//')}; load average at start ${load1?.toFixed(2)} (1 min), ${load5?.toFixed(2)} (5 min)`,
)
const state = await recordState()
if (values.rebuild || state?.docs !== N) {
  if (!phases.has('load')) {
    console.error(`bench-scale: the database does not hold ${N} documents; run with load in --only`)
    process.exit(2)
  }
  await load()
} else log(`record      ${N} documents already loaded; timing only (--rebuild loads again)`)
token = apiToken()
log(
  token
    ? 'api         a viewer token made for this run (tergeu users add)'
    : 'api         no token (this build has no accounts)',
)
let mix: [string, string][] = []
if (phases.has('search') || phases.has('api')) mix = await timeSearch()
if (phases.has('screen')) await timeScreening()
if (phases.has('ingest')) await timeIngest()
if (phases.has('api')) await timeApi(mix)
const [end1] = (await import('node:os')).loadavg()
log(
  `\nload average at the end ${end1?.toFixed(2)} (1 min); peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
)
results['finishedAt'] = new Date().toISOString()
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`)
