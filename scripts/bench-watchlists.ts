/**
 * Watchlist import benchmark: writes N generated FollowTheMoney JSON lines (default 100,000:
 * persons with Cyrillic and Latin aliases, birth dates, nationalities and some identifiers, and
 * companies; plus sanction records the importer skips) to a temporary file, then imports it the
 * way `tergeu watchlists import` does (streamed lines → parse → batched inserts) into a fresh
 * database. Prints the import time; the target is under 60 s for 100,000 entities.
 *
 * usage: npm run bench:watchlists -- [--entities N] [--seed S] [--database-url URL] [--json]
 */
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { parseFtmLine, type WatchlistEntry } from '#core/entities/watchlist.ts'
import { GIVEN_NAMES, SURNAMES } from '#core/names/name-lists-data.ts'
import { SCHEMES } from '#core/names/translit-data.ts'
import { transliterate } from '#core/names/transliterate.ts'
import { migrateToLatest, openDatabase } from '#storage/database.ts'
import { createWatchlistRepository } from '#storage/entity-watchlists.ts'

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261123' },
    'database-url': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(
    'usage: npm run bench:watchlists -- [--entities N] [--seed S] [--database-url URL] [--json]',
  )
  process.exit(0)
}
const N = Number(values.entities)
if (!(N > 0)) {
  console.error('bench-watchlists: --entities must be a positive number')
  process.exit(2)
}

let state = Number(values.seed) | 0
function rnd(): number {
  state = (state + 0x6d2b79f5) | 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
const given = GIVEN_NAMES.split(/\s+/).filter(Boolean)
const surnames = SURNAMES.split(/\s+/).filter(Boolean)
const pad = (n: number, w: number) => String(n).padStart(w, '0')

function line(i: number): string {
  if (rnd() < 0.15)
    return JSON.stringify({
      id: `bench-co-${i}`,
      schema: 'Company',
      properties: {
        name: [`${pick(surnames)} Trade ${i} LLP`],
        jurisdiction: ['kz'],
        registrationNumber: [pad(i, 12)],
        topics: ['sanction'],
      },
    })
  const cyr = `${pick(given)} ${pick(surnames)}`
  const aliases = [transliterate(cyr, pick(SCHEMES))]
  if (rnd() < 0.5) aliases.push(transliterate(cyr, pick(SCHEMES)).split(' ').reverse().join(' '))
  return JSON.stringify({
    id: `bench-p-${i}`,
    schema: 'Person',
    caption: aliases[0],
    properties: {
      name: [aliases[0], cyr],
      alias: aliases.slice(1),
      birthDate: [`19${50 + Math.floor(rnd() * 50)}-${pad(1 + Math.floor(rnd() * 12), 2)}-01`],
      nationality: ['kz'],
      ...(rnd() < 0.2 ? { idNumber: [pad(Math.floor(rnd() * 1e11), 12)] } : {}),
      topics: [pick(['sanction', 'crime', 'role.pep', 'wanted'])],
    },
  })
}

const dir = await mkdtemp(join(tmpdir(), 'tergeu-bench-watchlists-'))
try {
  const file = join(dir, 'list.jsonl')
  const lines: string[] = []
  for (let i = 0; i < N; i++) {
    lines.push(line(i))
    // A sanction record per ten entities, as in OpenSanctions exports: read and skipped.
    if (i % 10 === 0)
      lines.push(JSON.stringify({ id: `bench-s-${i}`, schema: 'Sanction', properties: {} }))
  }
  await writeFile(file, `${lines.join('\n')}\n`)
  const handle = await openDatabase(
    values['database-url']
      ? { kind: 'postgres', url: values['database-url'] }
      : { kind: 'pglite', dataDir: join(dir, 'db') },
  )
  try {
    await migrateToLatest(handle.db)
    const repo = createWatchlistRepository(handle.db)
    async function* entries(): AsyncGenerator<WatchlistEntry | undefined> {
      const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
      for await (const l of rl) if (l.trim() !== '') yield parseFtmLine(l)
    }
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const report = await repo.import('bench', 'ftm', entries())
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const result = {
      database: handle.kind,
      lines: lines.length,
      entries: report.entries,
      persons: report.persons,
      organizations: report.organizations,
      skipped: report.skipped,
      wallSeconds: +seconds.toFixed(1),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    }
    if (values.json) console.log(JSON.stringify(result))
    else {
      console.log(
        `import (${result.database}): ${result.lines} lines → ${result.entries} entries (${result.persons} persons, ${result.organizations} organisations, ${result.skipped} skipped)`,
      )
      console.log(`time: ${result.wallSeconds} s wall, ${result.cpuSeconds} s CPU in this process`)
      console.log(`target: ${N} entities < 60 s: ${seconds < 60 ? 'met' : 'NOT met'}`)
    }
  } finally {
    await handle.close()
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
