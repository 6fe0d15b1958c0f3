/**
 * Search benchmark: fills an embedded (PGlite) or PostgreSQL database with N documents and times
 * what the search page asks for — `GET /api/search` with facets, a filtered browse without a
 * query, the map counts and the stats — through the real HTTP app, as the UI loads them.
 *
 * Documents: a few hundred generated ones (scripts/bench/generate-corpus.ts) are run through the
 * real extractor and stored; the rest are copies made in SQL with new ids and their facts, so a
 * 100,000-document record builds in minutes instead of a full ingest.
 *
 * usage: npm run bench:search -- [--docs 100000] [--seed-docs 300] [--runs 5] [--database-url URL]
 *                               [--keep DIR]
 *   --keep DIR  build the embedded record in DIR and keep it; a later run with the same DIR
 *               (already filled) skips the build and only times the requests
 *
 * Columns: wall-clock median and max over the runs, and the median CPU time of this process per
 * request. PGlite runs inside the process, so on a loaded shared machine the CPU time is close
 * to what an idle machine's wall time would be; with --database-url it leaves out the server's.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadConfig } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { generateCorpus } from './bench/generate-corpus.ts'

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    'seed-docs': { type: 'string', default: '300' },
    runs: { type: 'string', default: '5' },
    'database-url': { type: 'string' },
    keep: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(
    'usage: npm run bench:search -- [--docs 100000] [--seed-docs 300] [--runs 5] [--database-url URL]',
  )
  process.exit(0)
}
const target = Number(values.docs)
const seedDocs = Number(values['seed-docs'])
const runs = Number(values.runs)

const dataDir = values.keep ?? mkdtempSync(join(tmpdir(), 'tergeu-bench-search-'))
const config = loadConfig(
  values['database-url'] ? { DATABASE_URL: values['database-url'] } : { TERGEU_DATA_DIR: dataDir },
)
const runtime = await bootstrap(config, { cwd: process.cwd() })
const db = runtime.database.db
try {
  const existing = await runtime.documents.count()
  if (existing < target) await build()
  else {
    console.log(`record      ${existing} documents already in ${dataDir}; timing only`)
    await ensureMentions()
  }
  await time()
} finally {
  await runtime.close()
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true })
}

/** Extracts the seed documents and copies them in SQL until the record holds `target`. */
async function build(): Promise<void> {
  let t0 = performance.now()
  const seeds = generateCorpus({ bytes: seedDocs * 4000, seed: 7 }).slice(0, seedDocs)
  const report = await runtime.ingest(seeds)
  console.log(
    `seed        ${report.added} documents extracted and stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )

  t0 = performance.now()
  const copies = Math.max(0, Math.ceil(target / Math.max(report.added, 1)) - 1)
  for (let g = 1; g <= copies; g++) {
    // One copy of every seed document per round: new id, new hash, a year shifted so dates spread.
    await sql`
      insert into documents (id, source, url, title, lang, published, format, text, text_hash, raw_hash, extractor_version)
      select d.id || '~' || ${g}, d.source, d.url, d.title, d.lang,
             case when d.published is null then null
                  else (left(d.published, 4)::int - (${g} % 7))::text || substr(d.published, 5) end,
             d.format, d.text, md5(d.text_hash || ${g}), null, d.extractor_version
      from documents d where d.id not like '%~%'`.execute(db)
    await sql`
      insert into facts (doc_id, kind, ordinal, start_offset, end_offset, label, data, stage, stage_version, extractor_version)
      select f.doc_id || '~' || ${g}, f.kind, f.ordinal, f.start_offset, f.end_offset, f.label, f.data, f.stage, f.stage_version, f.extractor_version
      from facts f where f.doc_id not like '%~%'`.execute(db)
    await copyMentions(g)
    if (g % 20 === 0) process.stderr.write(`\rcopies      ${g}/${copies}`)
  }
  await sql`vacuum analyze`.execute(db)
  const count = await runtime.documents.count()
  console.log(
    `\rcopies      ${count} documents in the record after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
}

/**
 * Gives copy `g` the entity mentions of its seed, so that its persons and organisations count
 * under the seed's entities as resolution would have them.
 */
async function copyMentions(g: number): Promise<void> {
  await sql`
    insert into entity_mentions (doc_id, kind, name, entity_id, role, title, ref_id, iin, context, decided)
    select m.doc_id || '~' || ${g}, m.kind, m.name, m.entity_id, m.role, m.title, m.ref_id, m.iin, m.context, m.decided
    from entity_mentions m where m.doc_id not like '%~%'
    on conflict do nothing`.execute(db)
}

/** A record built before copies had entity mentions gets them (once). */
async function ensureMentions(): Promise<void> {
  const copied = await sql<{ n: number }>`
    select count(*)::int as n from entity_mentions where doc_id like '%~%'`.execute(db)
  if ((copied.rows[0]?.n ?? 0) > 0) return
  const t0 = performance.now()
  const { rows } = await sql<{ g: string }>`
    select distinct split_part(id, '~', 2) as g from documents where id like '%~%'`.execute(db)
  for (const { g } of rows) await copyMentions(Number(g))
  await sql`vacuum analyze`.execute(db)
  console.log(
    `mentions    copied for ${rows.length} copies in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
}

/** Times each request the search page makes, `runs` times, through the real HTTP app. */
async function time(): Promise<void> {
  const app = runtime.createHttpApp()
  const selective = encodeURIComponent('"Karaganda police"')
  const requests: [string, string][] = [
    // The page asks for the results first, then the facet counts (rendered when they arrive).
    ['search (results)', '/api/search?q=police'],
    ['search facets', '/api/search?q=police&facets=only'],
    ['selective (results)', `/api/search?q=${selective}`],
    ['selective facets', `/api/search?q=${selective}&facets=only`],
    ['rare words (results)', '/api/search?q=extradited+Karaganda'],
    ['rare words facets', '/api/search?q=extradited+Karaganda&facets=only'],
    ['search ru (results)', `/api/search?q=${encodeURIComponent('задержан')}`],
    ['search ru facets', `/api/search?q=${encodeURIComponent('задержан')}&facets=only&ui=ru`],
    ['browse all (results)', '/api/search'],
    ['browse all facets', '/api/search?facets=only'],
    ['browse crime (results)', '/api/search?crime=fraud'],
    ['browse crime facets', '/api/search?crime=fraud&facets=only'],
    // One request with both, as API clients may ask.
    ['search + facets', '/api/search?q=police&facets=true'],
    ['map', '/api/map?q=police'],
    ['map, all', '/api/map'],
    ['stats', '/api/stats?q=police'],
    ['stats, all', '/api/stats'],
  ]
  console.log(
    `load        ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1/5/15 min), ${cpus().length} cores`,
  )
  console.log(
    `\n${'request'.padEnd(24)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)} ${'cpu ms'.padStart(8)}  total`,
  )
  for (const [name, url] of requests) {
    const times: number[] = []
    const cpu: number[] = []
    let total = 0
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      const c = process.cpuUsage()
      const res = await app.request(url)
      const body = (await res.json()) as { total?: number; documents?: number }
      const used = process.cpuUsage(c)
      times.push(performance.now() - t)
      cpu.push((used.user + used.system) / 1000)
      total = body.total ?? body.documents ?? 0
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
    const cells = [median(times), Math.max(...times), median(cpu)].map((ms, i) =>
      ms.toFixed(0).padStart(i === 0 ? 10 : 8),
    )
    console.log(`${name.padEnd(24)} ${cells.join(' ')}  ${total}`)
  }
  console.log(
    `\npeak RSS    ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${config.database.kind})`,
  )
}
