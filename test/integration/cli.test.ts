import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { CommandIo } from '#cli/command.ts'
import { serveUntilStopped } from '#cli/commands/serve.ts'
import { main } from '#cli/main.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { lockDataDir } from '#storage/data-dir-lock.ts'
import { captureIo } from '../helpers/capture-io.ts'
import { openTestPglite } from '../helpers/test-database.ts'

interface Captured extends CommandIo {
  out(): string
  err(): string
}

function capture(dir: string, env: Record<string, string> = {}): Captured {
  const c = captureIo(dir, {
    TERGEU_DATA_DIR: join(dir, 'data'),
    TERGEU_TEST_DATABASE_URL: 'off',
    ...env,
  })
  return { ...c.io, out: c.out, err: c.err }
}

describe('tergeu CLI over an embedded database', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-cli-'))
    await mkdir(join(dir, 'in', 'nested'), { recursive: true })
    await writeFile(
      join(dir, 'in', 'ru-karaganda.txt'),
      'В Караганде задержан подозреваемый в краже\n\nПолицейские Караганды задержали 27-летнего мужчину, подозреваемого в краже 1,2 млн тенге из офиса.',
    )
    await writeFile(
      join(dir, 'in', 'nested', 'batch.jsonl'),
      [
        JSON.stringify({
          id: 'en-aktobe',
          source: 'Aktobe news',
          published: '2025-06-02',
          text: 'Aktobe police seized 40 kg of hashish from a smuggling ring.',
        }),
        JSON.stringify({
          id: 'en-aktobe-copy',
          source: 'reprint',
          text: 'Aktobe police seized 40 kg of hashish from a smuggling ring.',
        }),
      ].join('\n'),
    )
    await writeFile(join(dir, 'in', 'broken.html'), Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff]))
    await writeFile(join(dir, 'in', 'README.md'), '# What this folder is')
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('ingest stores what it can, folds the reprint, names the failure and exits 3', async () => {
    const io = capture(dir)

    const code = await main(['ingest', '--json', 'in'], io)

    assert.equal(code, 3)
    const report = JSON.parse(io.out())
    assert.deepEqual(
      [
        report.added,
        report.unchanged,
        report.duplicates,
        report.failed.map((f: { stage: string }) => f.stage),
      ],
      [2, 0, [{ id: 'en-aktobe-copy', duplicateOf: 'en-aktobe' }], ['read']],
    )
    assert.match(io.err(), /2 added, 0 updated, 0 unchanged, 1 duplicate\(s\), 1 failed/)
    assert.match(io.err(), /failed 1× read: binary file/)
  })

  test('ingesting the same folder again adds nothing', async () => {
    const io = capture(dir)

    await main(['ingest', '--json', 'in/ru-karaganda.txt', 'in/nested'], io)

    const report = JSON.parse(io.out())
    assert.deepEqual([report.added, report.unchanged, report.duplicates.length], [0, 2, 1])
  })

  test('search finds the Russian document by another word form', async () => {
    const io = capture(dir)

    const code = await main(['search', '--json', 'кража'], io)

    assert.equal(code, 0)
    assert.deepEqual(
      JSON.parse(io.out()).items.map((h: { id: string }) => h.id),
      ['ru-karaganda'],
    )
  })

  test('search without a query lists the documents that pass its filters, newest first', async () => {
    const io = capture(dir)

    const code = await main(['search', '--json', '--lang', 'ru'], io)

    assert.equal(code, 0)
    const ids = JSON.parse(io.out()).items.map((h: { id: string }) => h.id)
    assert.ok(ids.includes('ru-karaganda'), ids.join(', '))
  })

  test('migrate reports an up-to-date database', async () => {
    const io = capture(dir)

    assert.equal(await main(['migrate'], io), 0)
    assert.match(io.out(), /pglite database is up to date/)
  })

  test('usage mistakes are one line on stderr and exit 2', async () => {
    const cases = [
      ['ingest', '--frobnicate', 'in'],
      ['ingest'],
      ['ingest', 'no-such-folder'],
      ['search', '--from', 'yesterday'],
      ['search', '--lang', 'de', 'x'],
      ['serve', '--port', 'eighty'],
    ]
    for (const argv of cases) {
      const io = capture(dir)

      const code = await main(argv, io)

      assert.equal(code, 2, argv.join(' '))
      assert.doesNotMatch(io.err(), /\n\s+at /, 'no stack trace')
      assert.equal(io.out(), '')
    }
  })

  test('an unreachable DATABASE_URL is one clear line and exit 1', async () => {
    const io = capture(dir, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })

    const code = await main(['search', 'x'], io)

    assert.equal(code, 1)
    assert.match(
      io.err(),
      /^tergeu search: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none: .+\n$/,
    )
  })

  test('a data directory in use by another process is one clear line and exit 1', async () => {
    const release = await lockDataDir(join(dir, 'data'))
    try {
      const io = capture(dir)

      const code = await main(['search', 'x'], io)

      assert.equal(code, 1)
      assert.match(io.err(), /^tergeu search: the data directory .+ is in use by process \d+ .+\n$/)
    } finally {
      await release()
    }
  })

  test('--help prints each command usage on stdout', async () => {
    for (const name of ['ingest', 'search', 'serve', 'migrate', 'start']) {
      const io = capture(dir)

      assert.equal(await main([name, '--help'], io), 0)
      assert.match(io.out(), new RegExp(`^usage: tergeu ${name}`))
    }
  })
})

describe('serveUntilStopped', () => {
  test('serves the API on a free port and stops cleanly when asked', async () => {
    const runtime = await bootstrap(loadConfig({}), {
      cwd: process.cwd(),
      database: await openTestPglite(),
    })
    const io = capture(tmpdir())
    const controller = new AbortController()
    let health: unknown
    try {
      await serveUntilStopped(runtime, loadConfig({}, ['--port', '0']), io, {
        signal: controller.signal,
        onListening: (url) => {
          void fetch(`${url}/api/health`)
            .then(async (r) => {
              health = await r.json()
            })
            .finally(() => controller.abort())
        },
      })
    } finally {
      await runtime.close()
    }

    assert.deepEqual(
      { ...(health as object), version: 'x' },
      { status: 'ok', database: 'pglite', documents: 0, version: 'x' },
    )
    assert.match(io.err(), /server stopped/)
  })
})
