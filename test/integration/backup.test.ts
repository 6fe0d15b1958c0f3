import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { main } from '#cli/main.ts'
import { type DatabaseOptions, openDatabase } from '#storage/database.ts'
import { captureIo } from '../helpers/capture-io.ts'

// Invented articles, one per language.
const ARTICLES = {
  'en-pavlodar.txt':
    'Pavlodar court jails two officials for bribery\n\nThe Pavlodar city court sentenced Arman Seitkali, a deputy head of the land department, to six years in prison for taking a bribe of 3 million tenge on 14 March 2024.',
  'ru-shymkent.txt':
    'В Шымкенте задержаны подозреваемые в мошенничестве\n\nСотрудники полиции Шымкента задержали 34-летнего Ерлана Жумабекова, который, по данным следствия, похитил у пенсионеров 12 млн тенге.',
  'kk-taraz.txt':
    'Таразда есірткі саудагері ұсталды\n\nТараз қаласының полициясы 25 жастағы Нұрлан Әбдіқадыровты ұстады, оның үйінен 2 келі марихуана табылды.',
}

type Snapshot = Record<string, string[]>

/** Every row of every table in the current schema (plus sequence positions), as sorted JSON. */
async function snapshot(config: DatabaseOptions): Promise<Snapshot> {
  const handle = await openDatabase(config)
  try {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
       where table_schema = current_schema() and table_type = 'BASE TABLE'
       order by table_name`.execute(handle.db)
    const out: Snapshot = {}
    for (const { name } of tables.rows) {
      const rows = await sql<{ r: string }>`
        select to_jsonb(t)::text as r from ${sql.id(name)} t order by 1`.execute(handle.db)
      out[name] = rows.rows.map((row) => row.r)
    }
    const seqs = await sql<{ name: string }>`
      select sequence_name as name from information_schema.sequences
       where sequence_schema = current_schema() order by sequence_name`.execute(handle.db)
    for (const { name } of seqs.rows) {
      const r = await sql<{ r: string }>`
        select last_value::text || ':' || is_called::text as r from ${sql.id(name)}`.execute(
        handle.db,
      )
      out[`sequence ${name}`] = r.rows.map((row) => row.r)
    }
    return out
  } finally {
    await handle.close()
  }
}

function assertRecordFilled(record: Snapshot): void {
  assert.equal(record['documents']?.length, 3, 'three documents ingested')
  const withRows = Object.entries(record).filter(([, rows]) => rows.length > 0)
  // Documents alone would prove little: facts, annotations and persons must come along too.
  assert.ok(withRows.length >= 4, `tables with rows: ${withRows.map(([n]) => n).join(', ')}`)
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

describe('tergeu backup / restore, embedded database', () => {
  let dir: string
  let original: Snapshot
  const env = (dataDir: string) => ({
    TERGEU_DATA_DIR: dataDir,
    TERGEU_TEST_DATABASE_URL: 'off',
  })

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-backup-'))
    await mkdir(join(dir, 'in'))
    for (const [name, text] of Object.entries(ARTICLES))
      await writeFile(join(dir, 'in', name), text)
    const ingest = captureIo(dir, env(join(dir, 'data')))
    assert.equal(await main(['ingest', 'in'], ingest.io), 0, ingest.err())
    original = await snapshot({ kind: 'pglite', dataDir: join(dir, 'data') })
    assertRecordFilled(original)
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('a backup restored into a fresh data directory holds every row of every table', async () => {
    const t0 = performance.now()
    const backup = captureIo(dir, env(join(dir, 'data')))
    assert.equal(await main(['backup', 'all.tgb'], backup.io), 0, backup.err())
    const t1 = performance.now()
    assert.match(backup.out(), /backed up 3 document\(s\)/)
    const first = (await readFile(join(dir, 'all.tgb'))).subarray(0, 400).toString()
    assert.match(first, /^TERGEU-BACKUP \{"format":"tergeu-backup","version":1,"backend":"pglite"/)

    const restore = captureIo(dir, env(join(dir, 'restored')))
    assert.equal(await main(['restore', 'all.tgb'], restore.io), 0, restore.err())
    const t2 = performance.now()
    assert.match(restore.out(), /restored 3 document\(s\)/)
    process.stderr.write(
      `# pglite backup ${((t1 - t0) / 1000).toFixed(2)} s, restore ${((t2 - t1) / 1000).toFixed(2)} s\n`,
    )
    assert.deepEqual(await snapshot({ kind: 'pglite', dataDir: join(dir, 'restored') }), original)
    // The original is untouched and still opens.
    assert.deepEqual(await snapshot({ kind: 'pglite', dataDir: join(dir, 'data') }), original)
  })

  test('a truncated or corrupted backup is refused and leaves no directory behind', async () => {
    const bytes = await readFile(join(dir, 'all.tgb'))
    await writeFile(join(dir, 'cut.tgb'), bytes.subarray(0, bytes.length - 1000))
    const cut = captureIo(dir, env(join(dir, 'from-cut')))
    assert.equal(await main(['restore', 'cut.tgb'], cut.io), 1)
    assert.match(cut.err(), /truncated or damaged/)
    assert.equal(await exists(join(dir, 'from-cut')), false)

    const flipped = Buffer.from(bytes)
    const at = flipped.length - 5000
    flipped[at] = (flipped[at] ?? 0) ^ 0xff
    await writeFile(join(dir, 'flipped.tgb'), flipped)
    const bad = captureIo(dir, env(join(dir, 'from-flipped')))
    assert.equal(await main(['restore', 'flipped.tgb'], bad.io), 1)
    assert.match(bad.err(), /checksum does not match/)

    // A backup from a newer tergeu (a schema migration this one lacks), intact otherwise.
    const newline = bytes.indexOf(0x0a)
    const header = JSON.parse(bytes.subarray('TERGEU-BACKUP '.length, newline).toString())
    const newer = `TERGEU-BACKUP ${JSON.stringify({ ...header, migration: '999912310000-future' })}\n`
    await writeFile(
      join(dir, 'newer.tgb'),
      Buffer.concat([Buffer.from(newer), bytes.subarray(newline + 1)]),
    )
    const future = captureIo(dir, env(join(dir, 'from-newer')))
    assert.equal(await main(['restore', 'newer.tgb'], future.io), 1)
    assert.match(future.err(), /migration 999912310000-future, which this tergeu does not know/)
    assert.equal(await exists(join(dir, 'from-newer')), false)

    await writeFile(join(dir, 'other.tgb'), 'not a backup at all\n')
    const other = captureIo(dir, env(join(dir, 'from-other')))
    assert.equal(await main(['restore', 'other.tgb'], other.io), 1)
    assert.match(other.err(), /not a tergeu backup/)
  })

  test('restore refuses a data directory that holds data unless --force', async () => {
    const target = join(dir, 'busy')
    await mkdir(target)
    await writeFile(join(target, 'PG_VERSION'), '18\n')
    const refused = captureIo(dir, env(target))
    assert.equal(await main(['restore', 'all.tgb'], refused.io), 1)
    assert.match(refused.err(), /not empty.*--force/)
    assert.equal(await readFile(join(target, 'PG_VERSION'), 'utf8'), '18\n', 'left as it was')

    const forced = captureIo(dir, env(target))
    assert.equal(await main(['restore', '--force', 'all.tgb'], forced.io), 0, forced.err())
    assert.deepEqual(await snapshot({ kind: 'pglite', dataDir: target }), original)
  })

  test('a backup taken from the other back-end is refused', async () => {
    const io = captureIo(dir, {
      ...env(join(dir, 'x')),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    })
    assert.equal(await main(['restore', 'all.tgb'], io.io), 1)
    assert.match(io.err(), /is a pglite backup; the configured database is postgres/)
  })
})

const PG_URL =
  process.env['TERGEU_TEST_DATABASE_URL'] ||
  process.env['DATABASE_URL'] ||
  'postgres://postgres@127.0.0.1:5432/test'

async function adminClient(): Promise<pg.Client | null> {
  if (PG_URL === 'off') return null
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 })
  client.on('error', () => {})
  try {
    await client.connect()
    return client
  } catch {
    await client.end().catch(() => {})
    return null
  }
}

function urlOf(database: string): string {
  const url = new URL(PG_URL)
  url.pathname = `/${database}`
  return url.toString()
}

describe('tergeu backup / restore, PostgreSQL', async () => {
  const admin = await adminClient()
  const skip = admin ? false : 'no PostgreSQL on 127.0.0.1:5432'
  const tag = `${process.pid}_${randomBytes(3).toString('hex')}`
  const source = `tergeu_backup_src_${tag}`
  const copy = `tergeu_backup_dst_${tag}`
  let dir: string

  before(async () => {
    if (!admin) return
    dir = await mkdtemp(join(tmpdir(), 'tergeu-backup-pg-'))
    await admin.query(`create database ${source}`)
    await admin.query(`create database ${copy}`)
  })
  after(async () => {
    if (!admin) return
    for (const name of [source, copy])
      await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    await rm(dir, { recursive: true, force: true })
  })

  test('pg_dump backup restored into an empty database equals the original', { skip }, async () => {
    await mkdir(join(dir, 'in'))
    for (const [name, text] of Object.entries(ARTICLES))
      await writeFile(join(dir, 'in', name), text)
    // pg_dump and pg_restore are found on the PATH the command is given, as from a shell.
    const env = (db: string) => ({
      DATABASE_URL: urlOf(db),
      TERGEU_TEST_DATABASE_URL: 'off',
      PATH: process.env['PATH'] ?? '',
    })
    const ingest = captureIo(dir, env(source))
    assert.equal(await main(['ingest', 'in'], ingest.io), 0, ingest.err())
    const original = await snapshot({ kind: 'postgres', url: urlOf(source) })
    assertRecordFilled(original)

    const t0 = performance.now()
    const backup = captureIo(dir, env(source))
    assert.equal(await main(['backup', 'pg.tgb'], backup.io), 0, backup.err())
    const t1 = performance.now()
    const restore = captureIo(dir, env(copy))
    assert.equal(await main(['restore', 'pg.tgb'], restore.io), 0, restore.err())
    const t2 = performance.now()
    process.stderr.write(
      `# postgres backup ${((t1 - t0) / 1000).toFixed(2)} s, restore ${((t2 - t1) / 1000).toFixed(2)} s\n`,
    )
    assert.deepEqual(await snapshot({ kind: 'postgres', url: urlOf(copy) }), original)

    // The copy now holds tables: a second restore is refused, then allowed with --force.
    const again = captureIo(dir, env(copy))
    assert.equal(await main(['restore', 'pg.tgb'], again.io), 1)
    assert.match(again.err(), /already has \d+ table\(s\).*--force/)
    const forced = captureIo(dir, env(copy))
    assert.equal(await main(['restore', '--force', 'pg.tgb'], forced.io), 0, forced.err())
    assert.deepEqual(await snapshot({ kind: 'postgres', url: urlOf(copy) }), original)

    const bytes = await readFile(join(dir, 'pg.tgb'))
    await writeFile(join(dir, 'pg-cut.tgb'), bytes.subarray(0, bytes.length - 100))
    const cut = captureIo(dir, env(copy))
    assert.equal(await main(['restore', '--force', 'pg-cut.tgb'], cut.io), 1)
    assert.match(cut.err(), /truncated or damaged/)
  })
})
