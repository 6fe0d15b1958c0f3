// The deployment files in deploy/ (docs/deploy.md): the systemd units and the Procfile name
// commands and flags the CLI has, the units pass `systemd-analyze verify` where it is installed,
// and the Procfile's processes, started as a platform would start them against a fresh
// PostgreSQL database, come up (migrate, /api/health, workers taking and finishing jobs, the
// feed poller) and stop gracefully on SIGTERM with exit code 0.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import pg from 'pg'
import { createScratchDatabase, dropScratchDatabase } from '../helpers/test-database.ts'

const ROOT = new URL('../../', import.meta.url).pathname
const BIN = join(ROOT, 'bin/tergeu')
const UNITS = join(ROOT, 'deploy/systemd')
const PROCFILE = join(ROOT, 'deploy/Procfile')

/** A unit file as sections of key → values (a key may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>()
  let current: Map<string, string[]> | null = null
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const section = /^\[([A-Za-z]+)\]$/.exec(line)
    if (section) {
      current = new Map()
      sections.set(section[1]!, current)
      continue
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line)
    assert.ok(current && kv, `not a unit file line: ${raw}`)
    current.set(kv[1]!, [...(current.get(kv[1]!) ?? []), kv[2]!])
  }
  return sections
}

/** `type: command` lines of a Procfile. */
function parseProcfile(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const m = /^([a-z][a-z0-9_-]*):\s*(.+)$/.exec(line)
    assert.ok(m, `not a Procfile line: ${raw}`)
    assert.ok(!out.has(m[1]!), `process type ${m[1]} twice`)
    out.set(m[1]!, m[2]!)
  }
  return out
}

/** The tergeu subcommand and its flags in a command line that runs bin/tergeu. */
function tergeuArgs(command: string): string[] {
  const words = command.split(/\s+/)
  const at = words.findIndex((w) => w.endsWith('bin/tergeu'))
  assert.ok(at >= 0, `does not run bin/tergeu: ${command}`)
  return words.slice(at + 1)
}

/** Checks the subcommand exists and takes every flag given (its --help lists them). */
function assertCliAccepts(args: readonly string[]): void {
  const [sub, ...rest] = args
  assert.ok(sub, 'no subcommand')
  const help = spawnSync(process.execPath, [BIN, sub, '--help'], { encoding: 'utf8' })
  assert.equal(help.status, 0, `tergeu ${sub} --help: ${help.stderr}`)
  for (const flag of rest.filter((w) => w.startsWith('--')))
    assert.ok(help.stdout.includes(flag), `tergeu ${sub} has no ${flag}:\n${help.stdout}`)
}

const unitFiles = readdirSync(UNITS).filter((f) => f.endsWith('.service'))

describe('deploy/systemd units', () => {
  test('the API, worker template and feed poller are there', () => {
    assert.deepEqual(unitFiles.sort(), [
      'tergeu-api.service',
      'tergeu-watch.service',
      'tergeu-worker@.service',
    ])
  })

  for (const file of unitFiles) {
    test(`${file} runs a tergeu command with its flags and stops on SIGTERM`, () => {
      const unit = parseUnit(readFileSync(join(UNITS, file), 'utf8'))
      const service = unit.get('Service')
      assert.ok(service && unit.get('Unit') && unit.get('Install'), 'Unit, Service and Install')
      const one = (key: string) => {
        const v = service.get(key)
        assert.equal(v?.length, 1, `${file}: one ${key}`)
        return v![0]!
      }
      assert.equal(one('Type'), 'simple')
      assert.equal(one('KillSignal'), 'SIGTERM')
      // The worker finishes its running jobs and the API its requests (30 s) before exiting.
      assert.ok(Number(one('TimeoutStopSec')) >= 45, `${file}: TimeoutStopSec`)
      assert.equal(one('EnvironmentFile'), '/etc/tergeu/env')
      assert.match(one('Restart'), /^(always|on-failure)$/)
      assert.equal(one('User'), 'tergeu')
      const exec = one('ExecStart')
      assert.ok(exec.startsWith('/'), 'ExecStart is an absolute path')
      assertCliAccepts(tergeuArgs(exec))
    })
  }

  test('systemd-analyze verify finds nothing to say about them', (t) => {
    if (spawnSync('systemd-analyze', ['--version']).error) {
      t.skip('systemd-analyze is not installed')
      return
    }
    // Pointed at this checkout and this node, as an install would point them at /opt/tergeu.
    const dir = mkdtempSync(join(tmpdir(), 'tergeu-units-'))
    try {
      writeFileSync(join(dir, 'env'), readFileSync(join(ROOT, 'deploy/env.example')))
      for (const file of unitFiles) {
        const text = readFileSync(join(UNITS, file), 'utf8')
          .replaceAll('/opt/tergeu', ROOT.replace(/\/$/, ''))
          .replaceAll('/usr/bin/node', process.execPath)
          .replaceAll('/etc/tergeu/env', join(dir, 'env'))
          .replace(/^User=tergeu$/m, 'User=root')
          .replace(/^Group=tergeu$/m, 'Group=root')
        writeFileSync(join(dir, file), text)
      }
      copyFileSync(join(dir, 'tergeu-worker@.service'), join(dir, 'tergeu-worker@1.service'))
      const names = unitFiles.map((f) => (f.endsWith('@.service') ? 'tergeu-worker@1.service' : f))
      const r = spawnSync('systemd-analyze', ['verify', ...names.map((n) => `./${n}`)], {
        cwd: dir,
        encoding: 'utf8',
      })
      assert.equal(r.status, 0, r.stderr)
      // Unknown keys and bad values are warnings with exit code 0: none may be printed.
      const warnings = r.stderr
        .split('\n')
        .filter((l) => l.includes(dir) || /Unknown|Failed|ignoring/.test(l))
      assert.deepEqual(warnings, [])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('deploy/Procfile', () => {
  const procfile = parseProcfile(readFileSync(PROCFILE, 'utf8'))

  test('release, web, worker and watch run tergeu commands with their flags', () => {
    assert.deepEqual([...procfile.keys()].sort(), ['release', 'watch', 'web', 'worker'])
    for (const command of procfile.values()) assertCliAccepts(tergeuArgs(command))
    assert.match(procfile.get('web')!, /--port \$PORT\b/)
  })

  describe('started against a fresh PostgreSQL database', async () => {
    let url: string | null = null
    before(async () => {
      url = await createScratchDatabase('tergeu_deploy')
    })
    after(async () => {
      if (url) await dropScratchDatabase(url)
    })

    test('they come up, work the queue and stop on SIGTERM with exit 0', async (t) => {
      if (!url) {
        t.skip('PostgreSQL is not reachable (set TERGEU_TEST_DATABASE_URL)')
        return
      }
      const port = await freePort()
      const env = { DATABASE_URL: url, PORT: String(port) }
      const release = runProcfileLine(procfile.get('release')!, env)
      assert.equal(await release.exited, 0, release.output())
      assert.match(release.output(), /applied \d+ migration/)

      const procs = new Map(
        ['web', 'worker', 'watch'].map((type) => [type, runProcfileLine(procfile.get(type)!, env)]),
      )
      const dir = mkdtempSync(join(tmpdir(), 'tergeu-procfile-'))
      try {
        await procs.get('worker')!.waitFor(/taking jobs/)
        const health = await waitForHealth(port, procs.get('web')!)
        assert.equal(health['status'], 'ok', JSON.stringify(health))

        // Two invented articles through the queue: `ingest --queue`, then the worker.
        const file = join(dir, 'batch.jsonl')
        writeFileSync(
          file,
          [
            {
              id: 'procfile-1',
              source: 'test',
              text: 'Police in Taraz detain courier\n\nPolice in Taraz detained a 31-year-old courier on 3 March 2026 with 2 kilograms of hashish.',
              published: '2026-03-04',
            },
            {
              id: 'procfile-2',
              source: 'test',
              text: 'В Семее задержан мошенник\n\nПолиция Семея задержала 45-летнего мужчину, который похитил у пенсионеров 3 миллиона тенге.',
              published: '2026-03-05',
            },
          ]
            .map((d) => JSON.stringify(d))
            .join('\n'),
        )
        const ingest = runProcfileLine(`./bin/tergeu ingest --queue ${file}`, env)
        assert.equal(await ingest.exited, 0, ingest.output())
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        try {
          for (let waited = 0; ; waited += 250) {
            const { rows } = await client.query<{ state: string; n: number }>(
              `select state, count(*)::int as n from jobs group by state order by state`,
            )
            const open = rows.filter((r) => r.state === 'queued' || r.state === 'running')
            if (rows.length > 0 && open.length === 0) {
              assert.deepEqual(
                rows.map((r) => [r.state, r.n]),
                [['done', 2]],
              )
              break
            }
            if (waited > 180_000) assert.fail(`jobs stuck: ${JSON.stringify(rows)}`)
            await new Promise((r) => setTimeout(r, 250))
          }
          const docs = await client.query<{ n: number }>(
            `select count(*)::int as n from documents where id like 'procfile-%'`,
          )
          assert.equal(docs.rows[0]?.n, 2)
        } finally {
          await client.end()
        }

        for (const p of procs.values()) p.child.kill('SIGTERM')
        const codes = await Promise.all([...procs.values()].map((p) => p.exited))
        const outputs = [...procs].map(([type, p]) => `--- ${type}\n${p.output()}`).join('\n')
        assert.deepEqual(codes, [0, 0, 0], outputs)
        assert.match(procs.get('web')!.output(), /database closed/, outputs)
        assert.match(procs.get('worker')!.output(), /2 job\(s\) done/, outputs)
      } finally {
        for (const p of procs.values()) kill(p.child)
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
})

/** Runs a Procfile command the way a platform does: `sh -c`, in the app's root, with `env`. */
function runProcfileLine(command: string, env: Record<string, string>) {
  // `exec` so that the signal reaches tergeu itself, as a Procfile runner's process group would.
  const child = spawn('sh', ['-c', `exec ${command}`], {
    cwd: ROOT,
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
  return {
    child,
    exited,
    output: () => out,
    async waitFor(pattern: RegExp, timeoutMs = 120_000) {
      const start = Date.now()
      while (!pattern.test(out)) {
        if (Date.now() - start > timeoutMs || child.exitCode !== null)
          throw new Error(`${command}: no ${pattern} in: ${out}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
}

async function waitForHealth(
  port: number,
  web: ReturnType<typeof runProcfileLine>,
): Promise<Record<string, unknown>> {
  for (let waited = 0; ; waited += 250) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`)
      if (res.ok) return (await res.json()) as Record<string, unknown>
    } catch {
      // Not listening yet.
    }
    if (web.child.exitCode !== null) assert.fail(`web exited: ${web.output()}`)
    if (waited > 120_000) assert.fail(`no /api/health: ${web.output()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

function kill(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}
