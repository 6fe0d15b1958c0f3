/**
 * Sustained mixed load on a running Tergeu server (issue #9, point 5).
 *
 *   npm run load -- --minutes 10                 # PostgreSQL when 127.0.0.1:5432 answers, else PGlite
 *   npm run load -- --minutes 2 --db pglite      # the zero-setup embedded database
 *   npm run load -- --minutes 10 --json out.json # also write the report as JSON
 *
 * The script starts `tergeu start` as a child process on loopback over a fresh database (a
 * temporary PostgreSQL database, dropped afterwards, or a PGlite data directory in a temp
 * folder): it migrates and ingests the bundled samples. Then this process, separate from the
 * server, sends mixed requests from `--clients` concurrent loops: full-text searches with
 * filters, entity lists, profiles and timelines, screening POSTs, document reads. Beside them one
 * loop ingests small invented documents (en/ru/kk) through the CLI (`tergeu ingest`) into the
 * same database while the server runs; PGlite admits one process per data directory, so with
 * `--db pglite` there is no ingest loop.
 *
 * It records every request's latency and outcome, and the server's resident memory (RSS, from
 * /proc) every 2 s, then prints p50/p95/p99/max per kind, the errors, RSS per minute and the
 * memory-growth check: mean RSS in the last minute against the second minute (the first is
 * warm-up). Exit code 1 when any request failed (a 5xx, a network error or an unexpected 4xx)
 * or when RSS grew more than `--max-growth` (default 1.25, and by more than 64 MB).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'

const BIN = new URL('../bin/tergeu', import.meta.url).pathname
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres'

const USAGE = `usage: npm run load -- [--minutes 10] [--db postgres|pglite] [--clients 4]
                       [--database-url URL] [--json FILE] [--max-growth 1.25]
                       [--rate-limit 0]`

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    db: { type: 'string' },
    clients: { type: 'string', default: '4' },
    'database-url': { type: 'string' },
    json: { type: 'string' },
    'max-growth': { type: 'string', default: '1.25' },
    'rate-limit': { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const minutes = Number(values.minutes)
const clients = Number(values.clients)
const maxGrowth = Number(values['max-growth'])
if (!(minutes > 0) || !(clients >= 1) || !(maxGrowth > 1)) {
  console.error(USAGE)
  process.exit(2)
}

// ---------------------------------------------------------------------------------------------
// Measurements

type Kind =
  | 'search'
  | 'search-filtered'
  | 'entities'
  | 'entity-profile'
  | 'entity-timeline'
  | 'screen'
  | 'document'
  | 'ingest-cli'

const latencies = new Map<Kind, number[]>()
const errors = new Map<Kind, number>()
const errorSamples: string[] = []
const rss: { at: number; kb: number }[] = []

function record(kind: Kind, ms: number, error?: string): void {
  if (error) {
    errors.set(kind, (errors.get(kind) ?? 0) + 1)
    if (errorSamples.length < 20) errorSamples.push(`${kind}: ${error}`)
    return
  }
  const list = latencies.get(kind)
  if (list) list.push(ms)
  else latencies.set(kind, [ms])
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
}

/** Resident set size of a process and its children (the server is one node process). */
function rssKb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(status)
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// The server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function waitHealthy(base: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${log()}`)
    try {
      const res = await fetch(`${base}/api/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the server did not answer /api/health in 5 minutes:\n${log()}`)
}

// ---------------------------------------------------------------------------------------------
// The load

const SEARCH_TERMS = [
  'fraud',
  'police detained',
  'мошенничество',
  'задержан',
  'тенге',
  'алаяқтық',
  'ұсталды',
  'court sentenced',
  'взятка',
  'drugs',
  'Interpol',
  'экстрадиция',
  '"criminal case"',
  'fraud -drugs',
  'полиция OR police',
  '',
]
const FILTERS = [
  'lang=ru',
  'lang=en',
  'lang=kk',
  'from=2025-01-01&to=2025-12-31',
  'crime=fraud',
  'within=KZ',
  'sort=newest',
  'facets=1',
]
const SCREEN_NAMES = [
  'Daniyar Omarov',
  'Даниияр Омаров',
  'Омаров Д.',
  'Арман Бекжанов',
  'Ерлан Тұрсынбаев',
  'Serik Akhmetov',
  'Нурланов Алпыс',
  'Someone Unknown',
]

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T

interface Shared {
  base: string
  entityIds: string[]
  documentIds: string[]
}

async function timed(kind: Kind, run: () => Promise<Response>, accept = [200]): Promise<unknown> {
  const t = performance.now()
  try {
    const res = await run()
    const body = await res.text()
    const ms = performance.now() - t
    if (!accept.includes(res.status)) {
      record(kind, ms, `HTTP ${res.status} ${body.slice(0, 200)}`)
      return null
    }
    record(kind, ms)
    return body.startsWith('{') ? JSON.parse(body) : body
  } catch (error) {
    record(kind, performance.now() - t, (error as Error).message)
    return null
  }
}

async function oneRequest(s: Shared): Promise<void> {
  const r = Math.random()
  if (r < 0.25) {
    const q = encodeURIComponent(pick(SEARCH_TERMS))
    const body = (await timed('search', () =>
      fetch(`${s.base}/api/search?q=${q}&limit=20`, { headers: authHeaders }),
    )) as {
      items?: { id: string }[]
    } | null
    for (const hit of body?.items ?? []) if (s.documentIds.length < 500) s.documentIds.push(hit.id)
  } else if (r < 0.4) {
    const q = encodeURIComponent(pick(SEARCH_TERMS))
    await timed('search-filtered', () =>
      fetch(`${s.base}/api/search?q=${q}&${pick(FILTERS)}&limit=20`, { headers: authHeaders }),
    )
  } else if (r < 0.5) {
    const q = Math.random() < 0.5 ? '' : `&q=${encodeURIComponent(pick(SCREEN_NAMES))}`
    const body = (await timed('entities', () =>
      fetch(`${s.base}/api/entities?limit=50${q}`, { headers: authHeaders }),
    )) as {
      items?: { id: string }[]
    } | null
    for (const e of body?.items ?? []) if (!s.entityIds.includes(e.id)) s.entityIds.push(e.id)
  } else if (r < 0.65) {
    if (s.entityIds.length === 0) return
    const id = pick(s.entityIds)
    await timed('entity-profile', () =>
      fetch(`${s.base}/api/entities/${id}`, { headers: authHeaders }),
    )
  } else if (r < 0.72) {
    if (s.entityIds.length === 0) return
    const id = pick(s.entityIds)
    await timed('entity-timeline', () =>
      fetch(`${s.base}/api/entities/${id}/timeline`, { headers: authHeaders }),
    )
  } else if (r < 0.9) {
    const names = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () =>
      pick(SCREEN_NAMES),
    )
    await timed('screen', () =>
      fetch(`${s.base}/api/screen`, {
        method: 'POST',
        headers: { ...authHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ names, limit: 5 }),
      }),
    )
  } else {
    if (s.documentIds.length === 0) return
    const id = encodeURIComponent(pick(s.documentIds))
    await timed('document', () => fetch(`${s.base}/api/documents/${id}`, { headers: authHeaders }))
  }
}

// Invented documents for the ingest loop: names, places and figures vary with `i`.
const CITIES = ['Almaty', 'Astana', 'Shymkent', 'Taraz', 'Aktobe', 'Pavlodar']
const RU = ['Алматы', 'Астане', 'Шымкенте', 'Таразе', 'Актобе', 'Павлодаре']
const KK = ['Алматыда', 'Астанада', 'Шымкентте', 'Таразда', 'Ақтөбеде', 'Павлодарда']
const SURNAMES = ['Bekov', 'Omarov', 'Sadykov', 'Tulegenov', 'Zhakupov', 'Abenov']
const RU_SURNAMES = ['Беков', 'Омаров', 'Садыков', 'Тулегенов', 'Жакупов', 'Абенов']

function loadDocument(i: number): { id: string; text: string; published: string } {
  const amount = ((i * 7919) % 90_000) + 1000
  const day = (i % 27) + 1
  const id = `load-${process.pid}-${i}`
  const published = `2025-04-${String(day).padStart(2, '0')}`
  const c = i % 6
  if (i % 3 === 0)
    return {
      id,
      published,
      text: `Police in ${CITIES[c]} detain suspect in fraud case ${i}\n\n${CITIES[c]}, ${day} April 2025 — Police detained ${SURNAMES[c]} Arman, ${20 + (i % 40)}, on suspicion of fraud. The damage exceeds ${amount} thousand tenge.`,
    }
  if (i % 3 === 1)
    return {
      id,
      published,
      text: `В ${RU[c]} задержан подозреваемый в мошенничестве (дело ${i})\n\n${day} апреля 2025 года полиция задержала ${RU_SURNAMES[c]}а Асета. Ущерб превышает ${amount} тысяч тенге.`,
    }
  return {
    id,
    published,
    text: `${KK[c]} алаяқтық жасады деген күдікті ұсталды (іс ${i})\n\n2025 жылғы ${day} сәуірде полиция қызметкерлері тұрғынды ұстады. Залал ${amount} мың теңгеден асады.`,
  }
}

/** The lines of an error output that say what failed, without the stack frames. */
function firstLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s+at /.test(l))
    .slice(0, 4)
    .join(' | ')
    .slice(0, 400)
}

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (d: string) => {
      out += d
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (d: string) => {
      err += d
    })
    child.on('exit', (code) => resolve({ code, out, err }))
  })
}

// ---------------------------------------------------------------------------------------------
// Main

const backend =
  values.db ??
  ((await postgresAnswers(values['database-url'] ?? DEFAULT_PG)) ? 'postgres' : 'pglite')
if (backend !== 'postgres' && backend !== 'pglite') {
  console.error(USAGE)
  process.exit(2)
}
const dir = await mkdtemp(join(tmpdir(), 'tergeu-load-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TERGEU_PORT: String(port),
  TERGEU_HOST: '127.0.0.1',
  TERGEU_DATA_DIR: join(dir, 'data'),
  TERGEU_LOG_LEVEL: 'warn',
  DATABASE_URL: '',
  // The per-client rate limit (600 a minute by default) would answer most of this load with 429:
  // the test measures the server, not the limiter. --rate-limit N keeps one.
  TERGEU_RATE_LIMIT: values['rate-limit'],
}
let dbName: string | null = null
const adminUrl = values['database-url'] ?? DEFAULT_PG
if (backend === 'postgres') {
  dbName = `tergeu_load_${process.pid}`
  await adminQuery(adminUrl, `create database ${dbName}`)
  env['DATABASE_URL'] = withDatabase(adminUrl, dbName)
}

// With DATABASE_URL set the API needs credentials (docs/decisions/0014-authentication.md): the
// documented way is a user made with `tergeu users add`, which prints an API token once. The
// zero-setup default (PGlite, loopback, no user) needs none.
let token: string | null = null
if (backend === 'postgres') {
  const migrated = await runCli(['migrate'], env)
  const added =
    migrated.code === 0
      ? await runCli(['users', 'add', 'load-test', '--role', 'analyst'], env)
      : migrated
  token = /tgu_[A-Za-z0-9_-]+/.exec(added.out)?.[0] ?? null
  if (!token) {
    console.error(`load: no API token from tergeu migrate / users add: ${firstLines(added.err)}`)
    if (dbName) await adminQuery(adminUrl, `drop database if exists ${dbName}`).catch(() => {})
    await rm(dir, { recursive: true, force: true })
    process.exit(1)
  }
}
const authHeaders: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}

const load0 = loadavg()
console.error(
  `load: ${backend}, ${clients} client loop(s)${backend === 'postgres' ? ' + 1 CLI ingest loop' : ''}, ${minutes} min; load average ${load0.map((x) => x.toFixed(2)).join(' ')}`,
)
const server = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
let serverLog = ''
server.stderr?.setEncoding('utf8')
server.stderr?.on('data', (d: string) => {
  serverLog = (serverLog + d).slice(-20_000)
})

let exitCode = 0
try {
  const t0 = performance.now()
  await waitHealthy(base, server, () => serverLog)
  console.error(`load: server up in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${base}`)

  const shared: Shared = { base, entityIds: [], documentIds: [] }
  const started = Date.now()
  const end = started + minutes * 60_000
  const sampler = setInterval(() => {
    const kb = server.pid ? rssKb(server.pid) : null
    if (kb !== null) rss.push({ at: Date.now() - started, kb })
  }, 2000)
  const progress = setInterval(() => {
    const done = [...latencies.values()].reduce((a, l) => a + l.length, 0)
    const failed = [...errors.values()].reduce((a, n) => a + n, 0)
    const last = rss.at(-1)
    console.error(
      `load: ${((Date.now() - started) / 60_000).toFixed(1)} min, ${done} ok, ${failed} failed, RSS ${last ? (last.kb / 1024).toFixed(0) : '?'} MB, load ${loadavg()[0]?.toFixed(2)}`,
    )
  }, 30_000)

  const loops: Promise<void>[] = []
  for (let c = 0; c < clients; c++)
    loops.push(
      (async () => {
        while (Date.now() < end) await oneRequest(shared)
      })(),
    )
  let ingested = 0
  if (backend === 'postgres')
    loops.push(
      (async () => {
        let i = 0
        while (Date.now() < end) {
          const docs = [loadDocument(i++), loadDocument(i++), loadDocument(i++)]
          const file = join(dir, `batch-${i}.jsonl`)
          await writeFile(file, `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`)
          const t = performance.now()
          const run = await runCli(['ingest', file], env)
          if (run.code === 0) {
            record('ingest-cli', performance.now() - t)
            ingested += docs.length
          } else
            record('ingest-cli', performance.now() - t, `exit ${run.code}: ${firstLines(run.err)}`)
          await rm(file, { force: true })
        }
      })(),
    )
  await Promise.all(loops)
  clearInterval(sampler)
  clearInterval(progress)
  const elapsed = (Date.now() - started) / 1000

  // Check that the ingested documents are searchable through the server.
  if (ingested > 0) {
    const res = await fetch(`${base}/api/search?q=${encodeURIComponent('"fraud case"')}&limit=1`, {
      headers: authHeaders,
    })
    if (!res.ok) errorSamples.push(`final search: HTTP ${res.status}`)
  }

  // -------------------------------------------------------------------------------------------
  // Report
  const load1 = loadavg()
  const lines: string[] = []
  lines.push(
    `Tergeu load test: ${backend}, ${clients} client loop(s), ${(elapsed / 60).toFixed(1)} min, rate limit ${values['rate-limit'] === '0' ? 'off' : values['rate-limit']}, ${new Date().toISOString()}`,
  )
  lines.push(
    `machine: ${availableParallelism()} cores; load average at start ${load0.map((x) => x.toFixed(2)).join(' ')}, at end ${load1.map((x) => x.toFixed(2)).join(' ')}`,
  )
  lines.push('')
  lines.push('kind              ok   errors   req/s    p50 ms   p95 ms   p99 ms   max ms')
  const kinds = [...new Set([...latencies.keys(), ...errors.keys()])].sort()
  const table: Record<string, unknown> = {}
  for (const kind of kinds) {
    const sorted = [...(latencies.get(kind) ?? [])].sort((a, b) => a - b)
    const row = {
      ok: sorted.length,
      errors: errors.get(kind) ?? 0,
      perSecond: sorted.length / elapsed,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? Number.NaN,
    }
    table[kind] = row
    lines.push(
      `${kind.padEnd(16)} ${String(row.ok).padStart(5)} ${String(row.errors).padStart(8)} ${row.perSecond.toFixed(1).padStart(7)} ${row.p50.toFixed(1).padStart(9)} ${row.p95.toFixed(1).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${row.max.toFixed(0).padStart(8)}`,
    )
  }
  if (backend === 'postgres')
    lines.push(`documents ingested through the CLI while serving: ${ingested}`)
  const totalErrors = [...errors.values()].reduce((a, n) => a + n, 0)
  lines.push('')
  lines.push('server RSS per minute (MB, mean / max):')
  const perMinute: { minute: number; mean: number; max: number }[] = []
  for (let m = 0; m * 60_000 < elapsed * 1000; m++) {
    const inMinute = rss.filter((s) => s.at >= m * 60_000 && s.at < (m + 1) * 60_000)
    if (inMinute.length === 0) continue
    const mean = inMinute.reduce((a, s) => a + s.kb, 0) / inMinute.length / 1024
    const max = Math.max(...inMinute.map((s) => s.kb)) / 1024
    perMinute.push({ minute: m + 1, mean, max })
    lines.push(`  minute ${String(m + 1).padStart(2)}: ${mean.toFixed(0)} / ${max.toFixed(0)}`)
  }
  let growth: number | null = null
  const second = perMinute.find((p) => p.minute === 2)
  const lastMinute = perMinute.at(-1)
  if (second && lastMinute && lastMinute.minute > 2) {
    growth = lastMinute.mean / second.mean
    const grewMb = lastMinute.mean - second.mean
    const bad = growth > maxGrowth && grewMb > 64
    lines.push(
      `memory growth: last minute / second minute = ${growth.toFixed(3)} (${grewMb >= 0 ? '+' : ''}${grewMb.toFixed(0)} MB): ${bad ? `FAIL (over ${maxGrowth} and 64 MB)` : 'ok'}`,
    )
    if (bad) exitCode = 1
  } else lines.push('memory growth: run at least 3 minutes to compare the last and second minutes')
  lines.push(`errors: ${totalErrors}`)
  for (const e of errorSamples) lines.push(`  ${e}`)
  if (totalErrors > 0) exitCode = 1
  console.log(lines.join('\n'))
  if (values.json)
    await writeFile(
      values.json,
      `${JSON.stringify({ backend, clients, elapsed, load0, load1, kinds: table, ingested, rssPerMinute: perMinute, growth, errors: totalErrors, errorSamples }, null, 2)}\n`,
    )
} catch (error) {
  console.error(`load: ${(error as Error).message}`)
  exitCode = 1
} finally {
  server.kill('SIGTERM')
  await new Promise<void>((resolve) => {
    if (server.exitCode !== null) resolve()
    else {
      const t = setTimeout(() => server.kill('SIGKILL'), 30_000)
      server.once('exit', () => {
        clearTimeout(t)
        resolve()
      })
    }
  })
  if (dbName) await adminQuery(adminUrl, `drop database if exists ${dbName}`).catch(() => {})
  await rm(dir, { recursive: true, force: true })
}
process.exit(exitCode)
