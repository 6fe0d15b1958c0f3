/**
 * Opens the database: embedded PGlite (default) or a PostgreSQL server. Nothing else in the code
 * base branches on the back-end; both run the same schema and migrations.
 *
 * @module storage/database
 */
import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { AppError } from '#core/errors.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { MIGRATIONS } from './migrations/index.ts'
import { createPgliteDialect } from './pglite-driver.ts'
import type { Database } from './schema.ts'

/** Where the data lives (the `database` slice of the config). */
export type DatabaseOptions =
  | {
      readonly kind: 'pglite'
      /** A data directory, or `null` for an in-memory database (tests). */
      readonly dataDir: string | null
    }
  | { readonly kind: 'postgres'; readonly url: string }

/** An open database. Call `close()` once; it releases the pool or the embedded engine. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>
  readonly kind: 'pglite' | 'postgres'
  close(): Promise<void>
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Use this schema (first on the search path) instead of `public`; tests isolate runs so. */
  readonly schema?: string
  /** Milliseconds to wait for a PostgreSQL connection (default 5000). */
  readonly connectTimeoutMs?: number
  /** Start PGlite from this data-directory dump instead of an empty cluster (tests). */
  readonly loadDataDir?: Blob
}

/** The PGlite extensions every database needs (the migrations create them). */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent }

/**
 * Opens the database. Throws an `unavailable` {@link AppError} with a one-line message when a
 * PostgreSQL server cannot be reached or a data directory cannot be opened.
 */
export async function openDatabase(
  config: DatabaseOptions,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  return config.kind === 'pglite'
    ? openPglite(config.dataDir, options)
    : openPostgres(config.url, options)
}

/** Wraps an already open PGlite instance; `close()` closes it. */
export async function wrapPglite(
  pglite: PGlite,
  options: Pick<OpenDatabaseOptions, 'schema'> = {},
): Promise<DatabaseHandle> {
  if (options.schema) {
    const schema = quoteIdent(options.schema)
    await pglite.exec(`create schema if not exists ${schema}; set search_path to ${schema}, public`)
  }
  const db = new Kysely<Database>({ dialect: createPgliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    async close() {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

async function openPglite(
  dataDir: string | null,
  options: OpenDatabaseOptions,
): Promise<DatabaseHandle> {
  let pglite: PGlite
  let unlock = async () => {}
  try {
    if (dataDir) {
      await mkdir(dataDir, { recursive: true })
      unlock = await lockDataDir(dataDir)
    }
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: PGLITE_EXTENSIONS,
    })
  } catch (error) {
    await unlock()
    if (error instanceof AppError) throw error
    throw new AppError(
      'unavailable',
      `cannot open the data directory ${dataDir ?? '(memory)'}: ${messageOf(error)}`,
      { cause: error },
    )
  }
  const handle = await wrapPglite(pglite, options.schema ? { schema: options.schema } : {})
  return {
    ...handle,
    async close() {
      try {
        await handle.close()
      } finally {
        await unlock()
      }
    },
  }
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    max: 10,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)},public` } : {}),
  })
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on('error', () => {})
  try {
    const client = await pool.connect()
    try {
      if (options.schema)
        await client.query(`create schema if not exists ${quoteIdent(options.schema)}`)
    } finally {
      client.release()
    }
  } catch (error) {
    await pool.end().catch(() => {})
    throw new AppError(
      'unavailable',
      `cannot connect to PostgreSQL at ${describeUrl(url)}: ${messageOf(error)}`,
      {
        cause: error,
      },
    )
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'postgres',
    async close() {
      await db.destroy()
    },
  }
}

/** What a migration run did. */
export interface MigrationReport {
  /** Names of the migrations applied by this run, in order (empty when up to date). */
  readonly applied: readonly string[]
}

/**
 * Brings the schema up to date. Throws an `internal` {@link AppError} naming the migration that
 * failed (earlier ones in the same run stay applied).
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: { readonly schema?: string } = {},
): Promise<MigrationReport> {
  // Several processes starting at once (N workers, API servers) migrate one after another under
  // a session advisory lock keyed by the schema: the first applies, the others find it done.
  const { error, results = [] } = await db.connection().execute(async (conn) => {
    const key = sql`hashtext('tergeu:migrate:' || coalesce(${options.schema ?? null}::text, current_schema()))`
    await sql`select pg_advisory_lock(${key})`.execute(conn)
    try {
      // Kysely looks for its migration tables in every schema unless told which: a schema chosen
      // by the search path (DATABASE_URL ?options=-c search_path=…) must be named.
      const schema =
        options.schema ??
        (await sql<{ s: string }>`select current_schema() as s`.execute(conn)).rows[0]?.s
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
        ...(schema ? { migrationTableSchema: schema } : {}),
      })
      return await migrator.migrateToLatest()
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn)
    }
  })
  const failed = results.find((r) => r.status === 'Error')
  if (error) {
    const name = failed ? ` ${failed.migrationName}` : ''
    throw new AppError('internal', `migration${name} failed: ${messageOf(error)}`, { cause: error })
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

// Never print a password: keep host, port and database name only.
function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`
  } catch {
    return '(unparsable DATABASE_URL)'
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0])
  if (error instanceof Error) {
    return error.message || (error as { code?: string }).code || error.name
  }
  // Emscripten (PGlite) rejects with plain objects such as { name: 'ExitStatus', status }.
  if (typeof error === 'object' && error !== null) {
    const o = error as { message?: unknown; name?: unknown; status?: unknown }
    if (typeof o.message === 'string' && o.message) return o.message
    if (typeof o.name === 'string') {
      return o.status === undefined ? o.name : `${o.name} ${String(o.status)}`
    }
    return JSON.stringify(error) ?? 'unknown error'
  }
  return String(error)
}
