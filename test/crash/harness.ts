/**
 * Helpers of the crash-safety tests (`test/integration/crash-*.test.ts`): run the real CLI or a
 * child script over a database and SIGKILL it at a random moment, make and copy databases on
 * PGlite and PostgreSQL, and read what a database holds in a form that two runs can compare.
 */
import { spawn } from 'node:child_process'
import { cp, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { type DatabaseHandle, openDatabase } from '#storage/database.ts'
import { createRandom } from '../../scripts/bench/random.ts'
import { postgresAnswers } from '../helpers/test-database.ts'

export const BIN = new URL('../../bin/tergeu', import.meta.url).pathname

/**
 * How many rounds each scenario repeats (each round kills two or three runs at random moments):
 * `CRASH_ROUNDS`, 1 by default to keep the suite short; the nightly job sets 10.
 */
export const ROUNDS = Math.max(1, Number(process.env['CRASH_ROUNDS'] ?? 1))

/** A seeded random source (the benchmarks' mulberry32), so that a failing round can be replayed. */
export const random = createRandom

export const SEED = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 1e9))

/** How a run ended. */
export interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
  /** Milliseconds from the start to the first output line matching `after` (when given). */
  readonly readyMs: number | null
}

/** When to SIGKILL: `delayMs` after the start, or after the first output line matching `after`. */
export interface Kill {
  readonly delayMs: number
  readonly after?: RegExp
}

/** Runs `node ...args` with `env`, killing it as `kill` says. */
export function run(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  kill?: Kill,
  cwd?: string,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let readyMs: number | null = null
    const timers = [setTimeout(() => child.kill('SIGKILL'), 300_000)]
    const arm = (): void => {
      timers.push(setTimeout(() => child.kill('SIGKILL'), kill?.delayMs ?? 0))
    }
    if (kill && !kill.after) arm()
    const watch = (): void => {
      if (readyMs === null && kill?.after?.test(stdout + stderr)) {
        readyMs = performance.now() - started
        arm()
      }
    }
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (d: string) => {
      stdout += d
      watch()
    })
    child.stderr.on('data', (d: string) => {
      stderr += d
      watch()
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      for (const t of timers) clearTimeout(t)
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, readyMs })
    })
  })
}

/** Runs the CLI (`bin/tergeu`). */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv, kill?: Kill, cwd?: string) {
  return run([BIN, ...args], env, kill, cwd)
}

// ---------------------------------------------------------------------------------------------
// Databases

/** A database of one back-end: a PGlite data directory or a PostgreSQL database. */
export interface Db {
  readonly name: string
  /** The environment that points the CLI at it. */
  readonly env: NodeJS.ProcessEnv
  open(): Promise<DatabaseHandle>
}

/** Makes fresh databases and copies of them. */
export interface Backend {
  readonly kind: 'pglite' | 'postgres'
  fresh(name: string): Promise<Db>
  copy(from: Db, name: string): Promise<Db>
  /** Drops what it made. */
  cleanup(): Promise<void>
}

const BASE_ENV = { ...process.env, TERGEU_LOG_LEVEL: 'warn' }

export function pgliteBackend(dir: string): Backend {
  const db = (name: string): Db => {
    const dataDir = join(dir, name)
    return {
      name,
      env: { ...BASE_ENV, DATABASE_URL: '', TERGEU_DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir }),
    }
  }
  return {
    kind: 'pglite',
    async fresh(name) {
      await mkdir(join(dir, name), { recursive: true })
      return db(name)
    },
    async copy(from, name) {
      await cp(join(dir, from.name), join(dir, name), { recursive: true })
      return db(name)
    },
    async cleanup() {},
  }
}

export const PG_ADMIN_URL =
  process.env['TERGEU_TEST_DATABASE_URL'] && process.env['TERGEU_TEST_DATABASE_URL'] !== 'off'
    ? process.env['TERGEU_TEST_DATABASE_URL']
    : 'postgres://postgres@127.0.0.1:5432/postgres'

/** Whether the local PostgreSQL answers (the PostgreSQL rounds are skipped when it does not). */
export async function postgresAvailable(): Promise<boolean> {
  if (process.env['TERGEU_TEST_DATABASE_URL'] === 'off') return false
  return postgresAnswers(PG_ADMIN_URL)
}

async function admin(text: string, timeoutMs = 60_000): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL })
  await client.connect()
  try {
    // DROP DATABASE waits for every backend of the server to acknowledge it; one stuck in a
    // client's COPY can hold it for ever. Give up then: the database is left behind (named with
    // this process id, so the next run drops it).
    await client.query(`set statement_timeout = ${timeoutMs}`)
    await client.query(text)
  } finally {
    await client.end()
  }
}

/** Drops the databases that earlier runs, killed before their cleanup, left behind. */
async function dropLeftovers(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL })
  await client.connect()
  let names: string[]
  try {
    const r = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like 'tergeu\\_crash\\_%'`,
    )
    names = r.rows.map((row) => row.datname)
  } finally {
    await client.end()
  }
  for (const name of names) {
    const pid = Number(/^tergeu_crash_(\d+)_/.exec(name)?.[1])
    if (pid === process.pid || alive(pid)) continue
    await admin(`drop database if exists ${name} with (force)`, 5000).catch(() => {})
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export function postgresBackend(): Backend {
  const prefix = `tergeu_crash_${process.pid}_${Math.floor(Math.random() * 1e6)}`
  let swept = false
  const made: string[] = []
  const db = (name: string): Db => {
    const u = new URL(PG_ADMIN_URL)
    u.pathname = `/${prefix}_${name}`
    const url = u.toString()
    return {
      name,
      env: { ...BASE_ENV, DATABASE_URL: url },
      open: () => openDatabase({ kind: 'postgres', url }, { connectTimeoutMs: 5000 }),
    }
  }
  return {
    kind: 'postgres',
    async fresh(name) {
      if (!swept) {
        swept = true
        await dropLeftovers()
      }
      await admin(`create database ${prefix}_${name}`)
      made.push(name)
      return db(name)
    },
    async copy(from, name) {
      await admin(`create database ${prefix}_${name} template ${prefix}_${from.name}`)
      made.push(name)
      return db(name)
    },
    async cleanup() {
      for (const name of made)
        await admin(`drop database if exists ${prefix}_${name} with (force)`, 10_000).catch(
          () => {},
        )
    },
  }
}

/** Runs `fn` on the database, then closes it. */
export async function withDb<T>(db: Db, fn: (h: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await db.open()
  try {
    return await fn(handle)
  } finally {
    await handle.close()
  }
}

/** Rows of a query as plain objects. */
export async function rows<T>(h: DatabaseHandle, text: string): Promise<T[]> {
  const result = await sql.raw<T>(text).execute(h.db)
  return result.rows as T[]
}

/** The schema: every column of every table, every index, and the migrations applied. */
export async function schemaOf(h: DatabaseHandle): Promise<string[]> {
  const columns = await rows<{ line: string }>(
    h,
    `select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable as line
     from information_schema.columns where table_schema = current_schema() order by 1`,
  )
  const indexes = await rows<{ line: string }>(
    h,
    `select 'index ' || indexname || ' ' || indexdef as line from pg_indexes
     where schemaname = current_schema() order by 1`,
  )
  const migrations = await rows<{ line: string }>(
    h,
    `select 'migration ' || name as line from kysely_migration order by name`,
  )
  return [...columns, ...indexes, ...migrations].map((r) => r.line)
}

// ---------------------------------------------------------------------------------------------
// A corpus of invented documents whose persons recur across documents (so that entities have
// several mentions in several documents, and merges and splits have something to move).

const PEOPLE_EN = [
  'Arman Bekov',
  'Dana Seitkali',
  'Nurlan Abenov',
  'Aliya Omarova',
  'Timur Sadykov',
  'Saule Zhakupova',
  'Bolat Tulegenov',
  'Gulnara Ismailova',
]
const PEOPLE_RU = ['Асет Нурланов', 'Марат Жумабеков', 'Айгерим Касымова', 'Ерлан Сапаров']
const CITIES = ['Almaty', 'Astana', 'Shymkent', 'Taraz', 'Aktobe', 'Pavlodar']
const RU_CITIES = ['Алматы', 'Астане', 'Шымкенте', 'Таразе', 'Актобе', 'Павлодаре']

function pick<T>(items: readonly T[], i: number): T {
  return items[i % items.length] as T
}

/** Document `i` of the crash corpus: invented text in en or ru naming two recurring persons. */
export function crashDocument(i: number): { id: string; text: string; published: string } {
  const day = (i % 27) + 1
  const amount = ((i * 7919) % 90_000) + 1000
  const published = `2025-05-${String(day).padStart(2, '0')}`
  if (i % 3 === 2)
    return {
      id: `crash-${i}`,
      published,
      text: `В ${pick(RU_CITIES, i)} задержан ${pick(PEOPLE_RU, i)} (дело ${i})\n\n${day} мая 2025 года полиция задержала ${pick(PEOPLE_RU, i)}, подозреваемого в мошенничестве на ${amount} тысяч тенге. По данным следствия, сообщником был ${pick(PEOPLE_RU, i + 1)}. Возбуждено уголовное дело по статье 190 УК.`,
    }
  return {
    id: `crash-${i}`,
    published,
    text: `${pick(CITIES, i)} police detain ${pick(PEOPLE_EN, i)} in fraud case ${i}\n\n${pick(CITIES, i)}, ${day} May 2025 — Police detained ${pick(PEOPLE_EN, i)} on suspicion of fraud worth ${amount} thousand tenge. Investigators said ${pick(PEOPLE_EN, i + 3)} helped to open the bank accounts. Prosecutor ${pick(PEOPLE_EN, i + 5)} said the case would go to court.`,
  }
}

/** Writes `count` documents as one JSON-lines file under `dir` and returns its path. */
export async function writeCorpus(dir: string, count: number): Promise<string> {
  const file = join(dir, 'crash-corpus.jsonl')
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify(crashDocument(i)))
  await writeFile(file, `${lines.join('\n')}\n`)
  return file
}
