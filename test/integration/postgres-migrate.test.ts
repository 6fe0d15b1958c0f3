// Issue #8, point 1: several `tergeu` processes starting at once against a fresh PostgreSQL
// database apply the migrations exactly once. The test holds the migration advisory lock while
// the processes start, so that every one of them is provably waiting on it before any migrates
// (on a loaded machine, processes spawned "together" would otherwise start seconds apart).
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, describe, test } from 'node:test'
import pg from 'pg'
import { MIGRATIONS } from '#storage/migrations/index.ts'
import { createScratchDatabase, dropScratchDatabase } from '../helpers/test-database.ts'

const BIN = new URL('../../bin/tergeu', import.meta.url).pathname
const PROCESSES = 5

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s
  })
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    out += s
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, output: () => out }
}

describe('migrations on a fresh PostgreSQL database', async () => {
  let url: string | null = null
  before(async () => {
    url = await createScratchDatabase('tergeu_migrate')
  })
  after(async () => {
    if (url) await dropScratchDatabase(url)
  })

  test(`${PROCESSES} processes starting at once migrate exactly once`, async (t) => {
    if (!url) {
      t.skip('PostgreSQL is not reachable (set TERGEU_TEST_DATABASE_URL)')
      return
    }
    const holder = new pg.Client({ connectionString: url })
    await holder.connect()
    const procs: ReturnType<typeof run>[] = []
    try {
      // The key `migrateToLatest` locks on for the default schema.
      await holder.query(`select pg_advisory_lock(hashtext('tergeu:migrate:public'))`)
      for (let i = 0; i < PROCESSES; i++) procs.push(run(['migrate'], { DATABASE_URL: url }))
      // Every process is blocked on the lock before any may take it.
      for (let waited = 0; ; waited += 200) {
        const { rows } = await holder.query<{ n: number }>(
          `select count(*)::int as n from pg_locks
           where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
        )
        if (rows[0]?.n === PROCESSES) break
        const gone = procs.find((p) => p.child.exitCode !== null)
        if (gone) assert.fail(`a process ended before the lock was released: ${gone.output()}`)
        if (waited > 120_000)
          assert.fail(`only ${rows[0]?.n} of ${PROCESSES} processes wait on the lock`)
        await new Promise((r) => setTimeout(r, 200))
      }
      await holder.query(`select pg_advisory_unlock(hashtext('tergeu:migrate:public'))`)

      const codes = await Promise.all(procs.map((p) => p.exited))
      const outputs = procs.map((p) => p.output())
      assert.deepEqual(codes, Array(PROCESSES).fill(0), outputs.join('\n'))
      const total = Object.keys(MIGRATIONS).length
      const appliers = outputs.filter((o) => /applied \d+ migration/.test(o))
      assert.equal(appliers.length, 1, outputs.join('\n'))
      assert.match(appliers[0]!, new RegExp(`applied ${total} migration\\(s\\)`))
      assert.equal(
        outputs.filter((o) => /database is up to date/.test(o)).length,
        PROCESSES - 1,
        outputs.join('\n'),
      )
      const { rows } = await holder.query<{ name: string; n: number }>(
        `select name, count(*)::int as n from kysely_migration group by name order by name`,
      )
      assert.deepEqual(
        rows.map((r) => [r.name, r.n]),
        Object.keys(MIGRATIONS)
          .sort()
          .map((name) => [name, 1]),
      )
      // The schema is whole: the last migration's table is there.
      const tables = await holder.query<{ n: number }>(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name in ('documents', 'facts', 'jobs')`,
      )
      assert.equal(tables.rows[0]?.n, 3)
    } finally {
      for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL')
      await holder.end().catch(() => {})
    }
  })
})
