/**
 * Test databases: PGlite always, and the local PostgreSQL whenever it answers. Each open
 * database is migrated and isolated (a fresh PGlite, or a fresh schema on PostgreSQL) and is
 * dropped by `close()`.
 *
 * PostgreSQL URL: `TERGEU_TEST_DATABASE_URL`, else `DATABASE_URL`, else
 * `postgres://postgres@127.0.0.1:5432/test`. Set `TERGEU_TEST_DATABASE_URL=off` to skip it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import pg from 'pg'
import {
  type DatabaseHandle,
  migrateToLatest,
  openDatabase,
  PGLITE_EXTENSIONS,
  wrapPglite,
} from '#storage/database.ts'

/** One back-end the repository suites run against. */
export interface TestBackend {
  readonly name: 'pglite' | 'postgres'
  /** Opens a fresh, migrated, isolated database. */
  open(): Promise<DatabaseHandle>
}

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'
const MIGRATIONS_DIR = new URL('../../src/storage/migrations/', import.meta.url)

/** Lists the back-ends available to this test process (PGlite first). */
export async function testBackends(): Promise<TestBackend[]> {
  const backends: TestBackend[] = [{ name: 'pglite', open: openTestPglite }]
  const url = postgresUrl()
  if (url && (await isReachable(url)))
    backends.push({ name: 'postgres', open: () => openTestPostgres(url) })
  return backends
}

/** Opens a fresh migrated in-memory PGlite (from a template built once, cached on disk). */
export async function openTestPglite(): Promise<DatabaseHandle> {
  const template = await pgliteTemplate()
  return openDatabase({ kind: 'pglite', dataDir: null }, { loadDataDir: template })
}

/** Opens a fresh migrated schema on a PostgreSQL server; `close()` drops it. */
export async function openTestPostgres(url: string): Promise<DatabaseHandle> {
  const schema = `tergeu_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await ensureExtensions(url)
  const handle = await openDatabase({ kind: 'postgres', url }, { schema, connectTimeoutMs: 2000 })
  await migrateToLatest(handle.db, { schema })
  return {
    ...handle,
    async close() {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db)
      await handle.close()
    },
  }
}

/**
 * Creates a whole new database on the test PostgreSQL server (for tests that start separate
 * processes, which a schema cannot isolate) and answers its URL; `null` when PostgreSQL is off
 * or does not answer. `prefix` names the test in the database name.
 */
export async function createScratchDatabase(prefix: string): Promise<string | null> {
  const admin = postgresUrl()
  if (admin === null) return null
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 1500 })
  client.on('error', () => {})
  try {
    await client.connect()
    const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`
    await client.query(`create database ${name}`)
    const u = new URL(admin)
    u.pathname = `/${name}`
    return u.href
  } catch {
    return null
  } finally {
    await client.end().catch(() => {})
  }
}

/** Drops a database made by `createScratchDatabase`, closing its connections. */
export async function dropScratchDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() ?? DEFAULT_PG_URL })
  await client.connect()
  try {
    await client.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`)
  } finally {
    await client.end()
  }
}

function postgresUrl(): string | null {
  const url =
    process.env['TERGEU_TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || DEFAULT_PG_URL
  return url === 'off' ? null : url
}

/** Whether a PostgreSQL server answers `select 1` at `url` within 1.5 s. */
export async function postgresAnswers(url: string): Promise<boolean> {
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

let reachable: Promise<boolean> | undefined
function isReachable(url: string): Promise<boolean> {
  reachable ??= postgresAnswers(url)
  return reachable
}

// Extensions are database-wide; creating them up front (in `public`) avoids two test processes
// racing inside their migrations.
let extensions: Promise<void> | undefined
function ensureExtensions(url: string): Promise<void> {
  extensions ??= (async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
    client.on('error', () => {})
    await client.connect()
    try {
      for (const name of ['pg_trgm', 'unaccent']) {
        try {
          await client.query(`create extension if not exists ${name} with schema public`)
        } catch (error) {
          // Another process created it at the same moment.
          if ((error as { code?: string }).code !== '23505') throw error
        }
      }
    } finally {
      await client.end()
    }
  })()
  return extensions
}

let template: Promise<Blob> | undefined
// initdb in WASM takes seconds; a migrated data directory is dumped once and loaded per test.
// The dump is cached on disk under a key of the PGlite version and the migration sources.
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(tmpdir(), `tergeu-pglite-template-${templateKey()}.tar`)
    try {
      return new Blob([await readFile(file)])
    } catch {
      // No cached template yet.
    }
    const pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS })
    const wrapped = await wrapPglite(pglite)
    await migrateToLatest(wrapped.db)
    const dump = await pglite.dumpDataDir('none')
    await wrapped.close()
    const partial = `${file}.${process.pid}.tmp`
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()))
    await rename(partial, file)
    return dump
  })()
  return template
}

function templateKey(): string {
  const hash = createHash('sha256')
  hash.update(
    JSON.parse(
      readFileSync(
        new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url),
        'utf8',
      ),
    ).version,
  )
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(name)
    hash.update(readFileSync(new URL(name, MIGRATIONS_DIR)))
  }
  return hash.digest('hex').slice(0, 16)
}
