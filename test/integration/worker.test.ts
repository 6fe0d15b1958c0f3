// The work queue end to end: migrations under the advisory lock with four processes' pools at
// once, two worker processes sharing 200 jobs on PostgreSQL, a worker killed with SIGKILL whose
// job another worker takes again, failures kept, and `reprocess` picking exactly the documents
// an older extractor stored (on PGlite through the CLI, draining in-process).
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { fetcherFromFlags, pollFeeds } from '#cli/commands/watch.ts'
import { enqueueUrls, extractJobs, fetchJobs, runWorker } from '#cli/commands/worker-run.ts'
import { main } from '#cli/main.ts'
import { loadConfig } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { type DatabaseHandle, migrateToLatest, openDatabase } from '#storage/database.ts'
import { createFeedRepository } from '#storage/feed-repository.ts'
import { createJobRepository } from '#storage/job-repository.ts'
import { MIGRATIONS } from '#storage/migrations/index.ts'
import { createStoryRepository } from '#storage/story-repository.ts'
import { captureIo } from '../helpers/capture-io.ts'
import { openTestPglite } from '../helpers/test-database.ts'

const BIN = new URL('../../bin/tergeu', import.meta.url).pathname
const PG_URL =
  process.env['TERGEU_TEST_DATABASE_URL'] ||
  process.env['DATABASE_URL'] ||
  'postgres://postgres@127.0.0.1:5432/test'

async function postgresReachable(): Promise<boolean> {
  if (PG_URL === 'off') return false
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 })
  client.on('error', () => {})
  try {
    await client.connect()
    for (const name of ['pg_trgm', 'unaccent']) {
      try {
        await client.query(`create extension if not exists ${name} with schema public`)
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error
      }
    }
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** A fresh empty schema, and a DATABASE_URL whose connections use it (as a deployment's would). */
async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `tergeu_worker_${process.pid}_${randomBytes(4).toString('hex')}`
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  await client.query(`create schema ${schema}`)
  await client.end()
  const u = new URL(PG_URL)
  u.searchParams.set('options', `-c search_path=${schema},public`)
  return {
    url: u.href,
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
    },
  }
}

function article(i: number): RawDoc {
  const cities = ['Almaty', 'Astana', 'Shymkent', 'Karaganda', 'Aktobe', 'Taraz', 'Pavlodar']
  const city = cities[i % cities.length]
  return {
    id: `queue-doc-${String(i).padStart(3, '0')}`,
    source: 'test',
    url: null,
    format: 'text',
    raw: `Police in ${city} detain suspect number ${i}\n\nPolice in ${city} detained a ${20 + (i % 40)}-year-old resident on ${1 + (i % 28)} May 2026 on suspicion of stealing ${1000 + i * 37} thousand tenge from a local shop (case ${i}).`,
    published: '2026-05-01',
  }
}

/** Spawns `tergeu ARGS` with DATABASE_URL; collects stderr. */
function spawnTergeu(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    stderr: () => stderr,
    async waitFor(pattern: RegExp, timeoutMs = 60_000) {
      const start = Date.now()
      while (!pattern.test(stderr)) {
        if (Date.now() - start > timeoutMs || child.exitCode !== null)
          throw new Error(`no ${pattern} in stderr: ${stderr}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
}

function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal)
}

describe('work queue on PostgreSQL', async () => {
  const available = await postgresReachable()
  const skip = available ? false : 'PostgreSQL is not reachable'

  test('four processes starting at once migrate the schema exactly once', { skip }, async () => {
    const schema = await freshSchema()
    const handles: DatabaseHandle[] = []
    try {
      // Four pools = four sessions, as four processes starting together would open.
      for (let i = 0; i < 4; i++)
        handles.push(await openDatabase({ kind: 'postgres', url: schema.url }))

      const reports = await Promise.all(handles.map((h) => migrateToLatest(h.db)))

      const applied = reports.map((r) => r.applied.length).sort((a, b) => b - a)
      assert.deepEqual(applied, [Object.keys(MIGRATIONS).length, 0, 0, 0])
      const rows = await sql<{ name: string; n: string }>`
        select name, count(*) as n from kysely_migration group by name`.execute(handles[0]!.db)
      assert.equal(rows.rows.length, Object.keys(MIGRATIONS).length)
      assert.ok(rows.rows.every((r) => Number(r.n) === 1))
    } finally {
      await Promise.all(handles.map((h) => h.close()))
      await schema.drop()
    }
  })

  test('two worker processes share 200 jobs and none is done twice', { skip }, async () => {
    const schema = await freshSchema()
    const handle = await openDatabase({ kind: 'postgres', url: schema.url })
    const workers: ReturnType<typeof spawnTergeu>[] = []
    try {
      await migrateToLatest(handle.db)
      const env = { DATABASE_URL: schema.url }
      for (let i = 0; i < 2; i++) workers.push(spawnTergeu(['worker', '--concurrency', '2'], env))
      // Both are up before the jobs arrive, so that both can take some.
      await Promise.all(workers.map((w) => w.waitFor(/taking jobs/)))
      const jobs = createJobRepository(handle.db)
      const docs = Array.from({ length: 200 }, (_, i) => article(i))

      assert.equal(await jobs.enqueue(extractJobs(docs, 'two-workers')), 200)
      for (let waited = 0; ; waited += 250) {
        const p = await jobs.batchProgress('two-workers')
        if (p.done + p.failed === 200) break
        if (waited > 240_000) assert.fail(`stuck: ${JSON.stringify(p)}`)
        await new Promise((r) => setTimeout(r, 250))
      }
      for (const w of workers) kill(w.child, 'SIGTERM')
      const codes = await Promise.all(workers.map((w) => w.exited))

      assert.deepEqual(codes, [0, 0])
      const done = workers.map((w) => Number(/: (\d+) job\(s\) done/.exec(w.stderr())?.[1] ?? -1))
      assert.equal(done[0]! + done[1]!, 200, workers.map((w) => w.stderr()).join('\n'))
      assert.ok(done[0]! > 0 && done[1]! > 0, `each worker took some: ${done}`)
      // Every job done; a second attempt only where the first one failed and said so (a
      // connection timeout on a loaded machine, say), never a job taken while another held it.
      const { rows } = await sql<{ state: string; retried: string; n: string }>`
        select state, count(*) filter (where attempts > 1) as retried, count(*) as n
        from jobs group by state`.execute(handle.db)
      const logs = workers.map((w) => w.stderr()).join('\n')
      const failedAttempts = logs.match(/failed, will retry/g)?.length ?? 0
      assert.deepEqual(
        rows.map((r) => [r.state, Number(r.n), Number(r.retried)]),
        [['done', 200, failedAttempts]],
        logs,
      )
      const stored = await sql<{ n: string }>`select count(*) as n from documents`.execute(
        handle.db,
      )
      assert.equal(Number(stored.rows[0]!.n), 200)
    } finally {
      for (const w of workers) kill(w.child, 'SIGKILL')
      await handle.close()
      await schema.drop()
    }
  })

  describe('a worker killed with SIGKILL in the middle of a job', () => {
    let server: ReturnType<typeof createServer>
    let base = ''
    let hits = 0
    before(async () => {
      // The first request for the article hangs (the worker is killed meanwhile); later ones
      // get the page.
      server = createServer((req, res) => {
        if (req.url === '/robots.txt') {
          res.writeHead(404).end()
          return
        }
        hits++
        if (hits === 1) return
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end(
          '<html><head><title>Court sentences official</title></head><body><article><h1>Court sentences official</h1><p>A court in Almaty sentenced a former akimat official to five years for taking a bribe of 3 million tenge, prosecutors said on Tuesday.</p></article></body></html>',
        )
      })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    after(() => {
      server.closeAllConnections()
      server.close()
    })

    test('its job is taken again by another worker once the lease expires', { skip }, async () => {
      const schema = await freshSchema()
      const handle = await openDatabase({ kind: 'postgres', url: schema.url })
      const fetchFlags = ['--allow-address', '127.0.0.1/32', '--host-delay', '0']
      const env = { DATABASE_URL: schema.url }
      let first: ReturnType<typeof spawnTergeu> | undefined
      let second: ReturnType<typeof spawnTergeu> | undefined
      try {
        await migrateToLatest(handle.db)
        const jobs = createJobRepository(handle.db)
        await jobs.enqueue(fetchJobs([`${base}/news/court-sentences-official`], 'killed'))

        first = spawnTergeu(['worker', '--lease-seconds', '2', ...fetchFlags], env)
        for (let waited = 0; hits === 0; waited += 100) {
          if (waited > 60_000) assert.fail(`the first worker never fetched: ${first.stderr()}`)
          await new Promise((r) => setTimeout(r, 100))
        }
        kill(first.child, 'SIGKILL')
        await first.exited
        const held = await sql<{ state: string; worker: string }>`
          select state, worker from jobs`.execute(handle.db)
        assert.equal(held.rows[0]!.state, 'running', 'the dead worker still holds the job')
        second = spawnTergeu(
          ['worker', '--lease-seconds', '2', '--exit-when-idle', ...fetchFlags],
          env,
        )
        const code = await second.exited

        assert.equal(code, 0, second.stderr())
        assert.match(second.stderr(), /: 1 job\(s\) done/)
        const { rows } = await sql<{ state: string; attempts: number; worker: string }>`
          select state, attempts, worker from jobs`.execute(handle.db)
        assert.equal(rows[0]!.state, 'done')
        assert.equal(rows[0]!.attempts, 2)
        assert.notEqual(rows[0]!.worker, held.rows[0]!.worker)
        const docs = await sql<{ title: string }>`select title from documents`.execute(handle.db)
        assert.deepEqual(
          docs.rows.map((d) => d.title),
          ['Court sentences official'],
        )
      } finally {
        if (first) kill(first.child, 'SIGKILL')
        if (second) kill(second.child, 'SIGKILL')
        await handle.close()
        await schema.drop()
      }
    })
  })
})

describe('work queue on the embedded database', () => {
  test('a job that keeps failing ends failed with its error kept and is not claimed again', async () => {
    const handle = await openTestPglite()
    const config = loadConfig({}, [])
    const runtime = await bootstrap(config, { cwd: tmpdir(), database: handle, migrate: false })
    try {
      const jobs = createJobRepository(handle.db)
      await jobs.enqueue([
        { kind: 'resolve', payload: { docId: 'x' }, maxAttempts: 2 },
        { kind: 'fetch', payload: { url: 'http://127.0.0.1:9/never' }, maxAttempts: 2 },
      ])
      // A worker without a fetcher fails fetch jobs; retries are delayed, so claim directly.
      const claimed = await jobs.claim('w1', { limit: 5, leaseMs: 10_000, kinds: ['fetch'] })
      assert.equal(claimed.length, 1)
      assert.equal(await jobs.fail(claimed[0]!.id, 'w1', 'fetch: connection refused', 0), 'retry')
      const again = await jobs.claim('w2', { limit: 5, leaseMs: 10_000, kinds: ['fetch'] })
      assert.equal(again[0]?.attempt, 2)
      assert.equal(await jobs.fail(again[0]!.id, 'w2', 'fetch: connection refused', 0), 'failed')

      const failed = await jobs.failed(10)
      assert.deepEqual(
        failed.map((f) => [f.kind, f.attempts, f.error]),
        [['fetch', 2, 'fetch: connection refused']],
      )
      assert.deepEqual(await jobs.claim('w3', { limit: 5, leaseMs: 10_000, kinds: ['fetch'] }), [])
    } finally {
      await runtime.close()
    }
  })

  test('watch --queue turns the new items of a feed into fetch jobs that a worker stores', async () => {
    const pages = new Map([
      [
        '/news/kostanay-bribe',
        'В Костанае задержан начальник отдела акимата, подозреваемый в получении взятки в размере 1,5 млн тенге.',
      ],
      [
        '/news/atyrau-fraud',
        'Police in Atyrau detained two men suspected of selling fake job offers abroad to 40 residents.',
      ],
    ])
    const server = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' })
        res.end(
          `<rss version="2.0"><channel><title>Regional news</title>${[...pages.keys()]
            .map(
              (path, i) =>
                `<item><title>Item ${i}</title><link>${base}${path}</link><pubDate>Tue, 0${i + 3} Mar 2026 10:00:00 +0500</pubDate></item>`,
            )
            .join('')}</channel></rss>`,
        )
        return
      }
      const text = pages.get(req.url ?? '')
      if (!text) {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(text)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const handle = await openTestPglite()
    const runtime = await bootstrap(loadConfig({}, []), {
      cwd: tmpdir(),
      database: handle,
      migrate: false,
    })
    try {
      const fetcher = fetcherFromFlags({ 'allow-address': ['127.0.0.1/32'], 'host-delay': '0' })
      const feeds = createFeedRepository(handle.db)
      await feeds.add(`${base}/feed.xml`, 600)

      const report = await pollFeeds(runtime, {
        fetcher,
        feeds,
        stories: createStoryRepository(handle.db),
        ingestUrls: enqueueUrls,
      })

      assert.deepEqual(
        report.feeds.map((f) => [f.status, f.newItems]),
        [['ok', 2]],
      )
      assert.equal(await runtime.documents.count(), 0, 'queued, not fetched inline')
      const jobs = createJobRepository(handle.db)
      assert.deepEqual((await jobs.counts()).total, { queued: 2, running: 0, done: 0, failed: 0 })
      const worked = await runWorker(runtime, { fetcher, exitWhenIdle: true, pollMs: 50 })
      assert.equal(worked.done, 2)
      assert.equal(await runtime.documents.count(), 2)
      const fetched = await feeds.findFetch(`${base}/news/atyrau-fraud`)
      assert.equal(fetched?.feedUrl, `${base}/feed.xml`)
      const stored = await runtime.documents.findById(fetched?.docId ?? '')
      assert.equal(stored?.published, '2026-03-04')
    } finally {
      await runtime.close()
      server.closeAllConnections()
      server.close()
    }
  })

  test('reprocess queues exactly the documents an older extractor stored and re-extracts them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tergeu-reprocess-'))
    const env = { TERGEU_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }
    try {
      for (let i = 0; i < 6; i++) {
        const doc = article(i)
        await writeFile(join(dir, `${doc.id}.txt`), doc.raw)
      }
      const ingest = captureIo(dir, env)
      assert.equal(await main(['ingest', '--queue', dir], ingest.io), 0, ingest.err())
      assert.match(ingest.err(), /queued 6 extract job\(s\)/)
      // Three documents as an older extractor stored them: the first stage one version back.
      const config = loadConfig(env, [])
      let stage = ''
      let version = 0
      {
        const runtime = await bootstrap(config, { cwd: dir })
        try {
          const first = runtime.pipeline.stages[0]!
          stage = first.name
          version = first.version
          const older = runtime.pipeline.version.replace(
            `${stage}@${version}`,
            `${stage}@${version - 1}`,
          )
          const stored = await sql<{ n: string }>`select count(*) as n from documents`.execute(
            runtime.database.db,
          )
          assert.equal(Number(stored.rows[0]!.n), 6)
          await sql`update documents set extractor_version = ${older}
            where id in ('queue-doc-001', 'queue-doc-003', 'queue-doc-005')`.execute(
            runtime.database.db,
          )
        } finally {
          await runtime.close()
        }
      }

      const reprocess = captureIo(dir, env)
      const code = await main(['reprocess', '--since-version', `${stage}@${version}`], reprocess.io)

      assert.equal(code, 0, reprocess.err())
      assert.match(reprocess.err(), /^3 stored document\(s\)/m)
      assert.match(reprocess.err(), /queued 3 extract job\(s\)/)
      assert.match(reprocess.err(), / 6\/6 finished \(100%\): 6 done/)
      const runtime = await bootstrap(config, { cwd: dir })
      try {
        const { rows } = await sql<{ kind: string; id: string }>`
          select kind, coalesce(payload->>'docId', payload->'doc'->>'id') as id from jobs
          where batch like 'reprocess-%' order by kind, id`.execute(runtime.database.db)
        assert.deepEqual(
          rows.map((r) => `${r.kind} ${r.id}`),
          [
            'extract queue-doc-001',
            'extract queue-doc-003',
            'extract queue-doc-005',
            'resolve queue-doc-001',
            'resolve queue-doc-003',
            'resolve queue-doc-005',
          ],
        )
        const versions = await sql<{ v: string }>`
          select distinct extractor_version as v from documents`.execute(runtime.database.db)
        assert.deepEqual(
          versions.rows.map((r) => r.v),
          [runtime.pipeline.version],
        )
        // Nothing is older now: a second run finds nothing to do.
        assert.equal(
          (await runWorker(runtime, { exitWhenIdle: true, pollMs: 50 })).done,
          0,
          'the queue was drained',
        )
      } finally {
        await runtime.close()
      }
      const again = captureIo(dir, env)
      assert.equal(await main(['reprocess', '--since-version', 'current'], again.io), 0)
      assert.match(again.err(), /^0 stored document\(s\)/m)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
