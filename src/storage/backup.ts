/**
 * Backup and restore of the whole record, for both back-ends.
 *
 * Embedded PGlite: the backup is PGlite's own `dumpDataDir()` tarball of the cluster, taken under
 * the data-directory lock (no other process writes) — a physical snapshot, so every table,
 * sequence, index and extension comes back byte for byte, with no table order to maintain as
 * others add tables. A logical `COPY` dump was rejected: it needs a dependency order kept in step
 * with every migration and re-building indexes on restore, and gains nothing for a single-user
 * embedded store. The price: the tarball is tied to PGlite's PostgreSQL major version (recorded
 * in the header).
 *
 * PostgreSQL: `pg_dump --format=custom` of the database of DATABASE_URL, restored with
 * `pg_restore --single-transaction` (all or nothing).
 *
 * File format: one header line `TERGEU-BACKUP <json>\n` (format, version, back-end, migration
 * level, document count, created time, payload size and SHA-256), then the payload. Restore checks
 * all of it before touching the target.
 *
 * @module storage/backup
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { type Kysely, sql } from 'kysely'
import { AppError } from '#core/errors.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { PGLITE_EXTENSIONS, wrapPglite } from './database.ts'
import { MIGRATIONS } from './migrations/index.ts'
import type { Database } from './schema.ts'

const MAGIC = 'TERGEU-BACKUP '
const FORMAT = 'tergeu-backup'
const VERSION = 1
const LOCK_FILE = 'tergeu.lock'

/** What the first line of a backup file says. */
export interface BackupHeader {
  readonly format: typeof FORMAT
  readonly version: number
  readonly backend: 'pglite' | 'postgres'
  /** The last migration applied when the backup was taken (null: none). */
  readonly migration: string | null
  readonly documents: number
  /** ISO 8601. */
  readonly createdAt: string
  readonly payloadBytes: number
  /** SHA-256 of the payload, hex. */
  readonly sha256: string
  /** Where the payload comes from: PGlite's version, or pg_dump's. */
  readonly producer: string
}

/** Where the data lives (as in the config). */
export type BackupTarget =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | {
      readonly kind: 'postgres'
      readonly url: string
      /** The environment pg_dump and pg_restore run in (PATH, PG* settings), from the caller. */
      readonly env: Readonly<Record<string, string | undefined>>
    }

/** Writes a backup of `target` to `file` (written beside it, then renamed). */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupHeader> {
  const { payload, migration, documents, producer } =
    target.kind === 'pglite'
      ? await dumpPglite(target.dataDir)
      : await dumpPostgres(target.url, target.env)
  const header: BackupHeader = {
    format: FORMAT,
    version: VERSION,
    backend: target.kind,
    migration,
    documents,
    createdAt: new Date().toISOString(),
    payloadBytes: payload.byteLength,
    sha256: sha256(payload),
    producer,
  }
  const partial = `${file}.${process.pid}.partial`
  const handle = await open(partial, 'w')
  try {
    await handle.writeFile(`${MAGIC}${JSON.stringify(header)}\n`)
    await handle.writeFile(payload)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(partial, file)
  return header
}

/** Options of {@link restoreDatabase}. */
export interface RestoreOptions {
  /** Replace a target that already holds data. */
  readonly force?: boolean
}

/**
 * Restores `file` into `target`. Refuses (an `invalid_input` AppError) a file that is not a
 * Tergeu backup, is truncated or corrupted, or was taken from the other back-end; refuses
 * (`conflict`) a target that holds data unless `force`.
 */
export async function restoreDatabase(
  target: BackupTarget,
  file: string,
  options: RestoreOptions = {},
): Promise<BackupHeader> {
  const { header, payload } = await readBackup(file)
  if (header.backend !== target.kind) {
    throw new AppError(
      'invalid_input',
      `${file} is a ${header.backend} backup; the configured database is ${target.kind} (set or unset DATABASE_URL to match)`,
    )
  }
  if (header.migration && !(header.migration in MIGRATIONS)) {
    throw new AppError(
      'invalid_input',
      `${file} was taken at schema migration ${header.migration}, which this tergeu does not know; restore it with the newer tergeu that wrote it`,
    )
  }
  if (target.kind === 'pglite') await restorePglite(target.dataDir, payload, options)
  else await restorePostgres(target.url, target.env, payload, options)
  return header
}

/** Reads and verifies a backup file: header, size and checksum. */
export async function readBackup(
  file: string,
): Promise<{ header: BackupHeader; payload: Uint8Array }> {
  const bytes = await readFile(file)
  const newline = bytes.indexOf(0x0a)
  const first = bytes.subarray(0, newline < 0 ? Math.min(bytes.length, 4096) : newline).toString()
  if (!first.startsWith(MAGIC)) {
    throw new AppError('invalid_input', `${file} is not a tergeu backup (no TERGEU-BACKUP header)`)
  }
  let header: BackupHeader
  try {
    header = JSON.parse(first.slice(MAGIC.length)) as BackupHeader
  } catch {
    throw new AppError('invalid_input', `${file} has a damaged backup header`)
  }
  if (header.format !== FORMAT || typeof header.version !== 'number') {
    throw new AppError('invalid_input', `${file} has a damaged backup header`)
  }
  if (header.version > VERSION) {
    throw new AppError(
      'invalid_input',
      `${file} is backup format version ${header.version}; this tergeu reads up to ${VERSION} (upgrade tergeu)`,
    )
  }
  const payload = bytes.subarray(newline + 1)
  if (payload.byteLength !== header.payloadBytes) {
    throw new AppError(
      'invalid_input',
      `${file} is truncated or damaged: ${payload.byteLength} bytes of data, the header says ${header.payloadBytes}`,
    )
  }
  if (sha256(payload) !== header.sha256) {
    throw new AppError('invalid_input', `${file} is corrupted: its checksum does not match`)
  }
  return { header, payload }
}

// --- PGlite -------------------------------------------------------------------------------------

async function dumpPglite(dataDir: string) {
  await mkdir(dataDir, { recursive: true })
  const unlock = await lockDataDir(dataDir)
  try {
    const pglite = await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS })
    const handle = await wrapPglite(pglite)
    try {
      const { migration, documents } = await describeRecord(handle.db)
      const dump = await pglite.dumpDataDir('gzip')
      const payload = new Uint8Array(await dump.arrayBuffer())
      return { payload, migration, documents, producer: `pglite ${await pgVersion(handle.db)}` }
    } finally {
      await handle.close()
    }
  } finally {
    await unlock()
  }
}

async function restorePglite(dataDir: string, payload: Uint8Array, options: RestoreOptions) {
  const existing = await listDir(dataDir)
  if (existing?.some((f) => f !== LOCK_FILE) && !options.force) {
    throw new AppError(
      'conflict',
      `the data directory ${dataDir} is not empty; restore into an empty one, or pass --force to replace it`,
    )
  }
  await mkdir(dirname(dataDir), { recursive: true })
  // Keep everyone out of the target while it is replaced.
  const unlock = existing ? await lockDataDir(dataDir) : async () => {}
  const suffix = `${process.pid}-${Date.now()}`
  const temp = join(dirname(dataDir), `.${basename(dataDir)}.restore-${suffix}`)
  const old = join(dirname(dataDir), `.${basename(dataDir)}.old-${suffix}`)
  let unlocked = false
  try {
    await mkdir(temp, { recursive: true })
    const pglite = await PGlite.create({
      dataDir: temp,
      loadDataDir: new Blob([payload]),
      extensions: PGLITE_EXTENSIONS,
    })
    // A query proves the cluster starts before it replaces anything.
    await pglite.query('select 1')
    await pglite.close()
    // The dump carries the lock file of the process that took it.
    await rm(join(temp, LOCK_FILE), { force: true })
    if (existing) {
      await rename(dataDir, old)
      unlocked = true // the lock file left with the old directory
    }
    await rename(temp, dataDir)
    if (existing) await rm(old, { recursive: true, force: true })
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    if (error instanceof AppError) throw error
    throw new AppError('internal', `restore into ${dataDir} failed: ${messageOf(error)}`, {
      cause: error,
    })
  } finally {
    if (!unlocked) await unlock()
  }
}

async function listDir(dir: string): Promise<string[] | null> {
  try {
    if (!(await stat(dir)).isDirectory()) {
      throw new AppError('invalid_input', `${dir} is not a directory`)
    }
    return await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

// --- PostgreSQL ---------------------------------------------------------------------------------

async function dumpPostgres(url: string, environment: Environment) {
  const pgDump = await requireTool('pg_dump', environment)
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  client.on('error', () => {})
  let migration: string | null = null
  let documents = 0
  try {
    await client.connect()
    const described = await describeWithClient(client)
    migration = described.migration
    documents = described.documents
  } catch (error) {
    throw new AppError('unavailable', `cannot read the PostgreSQL database: ${messageOf(error)}`, {
      cause: error,
    })
  } finally {
    await client.end().catch(() => {})
  }
  const { dbname, env } = connection(url, environment)
  const version = (await run(pgDump, ['--version'], { env })).stdout.toString().trim()
  const { stdout } = await run(pgDump, ['--format=custom', '--no-owner', `--dbname=${dbname}`], {
    env,
  })
  return { payload: stdout, migration, documents, producer: version }
}

async function restorePostgres(
  url: string,
  environment: Environment,
  payload: Uint8Array,
  options: RestoreOptions,
) {
  const pgRestore = await requireTool('pg_restore', environment)
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  client.on('error', () => {})
  let tables = 0
  try {
    await client.connect()
    const result = await client.query(
      `select count(*)::int as n from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema')`,
    )
    tables = result.rows[0].n
  } catch (error) {
    throw new AppError('unavailable', `cannot reach the PostgreSQL database: ${messageOf(error)}`, {
      cause: error,
    })
  } finally {
    await client.end().catch(() => {})
  }
  if (tables > 0 && !options.force) {
    throw new AppError(
      'conflict',
      `the PostgreSQL database already has ${tables} table(s); restore into an empty database, or pass --force to replace its contents`,
    )
  }
  const { dbname, env } = connection(url, environment)
  const args = ['--single-transaction', '--exit-on-error', '--no-owner', `--dbname=${dbname}`]
  if (tables > 0) args.unshift('--clean', '--if-exists')
  await run(pgRestore, args, { env, input: payload })
}

/** The environment the PostgreSQL client tools run in, handed over by the caller. */
type Environment = Readonly<Record<string, string | undefined>>

async function requireTool(name: string, environment: Environment): Promise<string> {
  for (const dir of (environment['PATH'] ?? '').split(':').filter(Boolean)) {
    const path = join(dir, name)
    try {
      if ((await stat(path)).isFile()) return path
    } catch {
      // Not in this directory.
    }
  }
  throw new AppError(
    'unavailable',
    `${name} is not on PATH; install the PostgreSQL client tools (e.g. apt install postgresql-client, same major version as the server)`,
  )
}

// The password travels in PGPASSWORD, not in the command line other local users can read (ps).
function connection(
  url: string,
  environment: Environment,
): { dbname: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...environment }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { dbname: url, env }
  }
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  if (password) env['PGPASSWORD'] = password
  return { dbname: parsed.toString(), env }
}

function run(
  command: string,
  args: readonly string[],
  options: { readonly env?: NodeJS.ProcessEnv; readonly input?: Uint8Array } = {},
): Promise<{ stdout: Buffer }> {
  const input = options.input
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.env ? { env: options.env } : {}),
    })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => {
      err += c
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout: Buffer.concat(out) })
      else {
        const line = err.trim().split('\n')[0] ?? ''
        reject(new AppError('internal', `${basename(command)} failed (exit ${code}): ${line}`))
      }
    })
    child.stdin.on('error', () => {})
    child.stdin.end(input ?? null)
  })
}

// --- both ---------------------------------------------------------------------------------------

async function describeRecord(db: Kysely<Database>) {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = current_schema()`.execute(db)
  const names = new Set(tables.rows.map((r) => r.name))
  let migration: string | null = null
  if (names.has('kysely_migration')) {
    const r = await sql<{ name: string }>`
      select name from kysely_migration order by name desc limit 1`.execute(db)
    migration = r.rows[0]?.name ?? null
  }
  let documents = 0
  if (names.has('documents')) {
    const r = await sql<{ n: number }>`select count(*)::int as n from documents`.execute(db)
    documents = r.rows[0]?.n ?? 0
  }
  return { migration, documents }
}

async function describeWithClient(client: {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>
}) {
  const tables = await client.query(
    `select table_name as name from information_schema.tables where table_schema = current_schema()`,
  )
  const names = new Set(tables.rows.map((r) => String(r['name'])))
  let migration: string | null = null
  if (names.has('kysely_migration')) {
    const r = await client.query('select name from kysely_migration order by name desc limit 1')
    migration = (r.rows[0]?.['name'] as string | undefined) ?? null
  }
  let documents = 0
  if (names.has('documents')) {
    const r = await client.query('select count(*)::int as n from documents')
    documents = Number(r.rows[0]?.['n'] ?? 0)
  }
  return { migration, documents }
}

async function pgVersion(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)
  return `(PostgreSQL ${r.rows[0]?.v ?? '?'})`
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  if (typeof error === 'object' && error !== null) {
    const o = error as { message?: unknown; name?: unknown }
    if (typeof o.message === 'string') return o.message
    if (typeof o.name === 'string') return o.name
  }
  return String(error)
}
