/**
 * Ingest benchmark (issue #5, point 10): generates N HTML news pages (2–10 KB, en/ru/kk, page
 * furniture, about 12% near-duplicate reprints; `bench/ingest-pages.ts`) and ingests them the
 * way `tergeu ingest` does — clean, detect language, segment, the full extractor, store with
 * annotations and facts, link near duplicates into stories — into a fresh embedded (PGlite)
 * database in a temporary folder. Prints pages/s, where the time went, the time 100,000 pages
 * would take at the measured steady rate, and the peak RSS.
 *
 * usage: npm run bench:ingest -- [--pages N] [--seed N] [--json] [--keep DIR]
 *        npm run bench -- [extraction flags] [--ingest-pages N]   (both benchmarks)
 *
 * 100,000 pages for real: `npm run bench:ingest -- --pages 100000` (pages are generated 1,000
 * at a time, so memory stays that of the pipeline and the database; over an hour on one core
 * today). The "100,000" line projects from the steady rate (the last two quarters) and from CPU
 * time; it holds as long as the per-page cost does not grow with the store, which the rate by
 * quarter shows (decision 0007 lists the runs measured).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { linkStories } from '#cli/commands/watch.ts'
import { loadConfig } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { bootstrap, type IngestTimings } from '#src/bootstrap.ts'
import { createStoryRepository } from '#storage/story-repository.ts'
import { streamPages } from './bench/ingest-pages.ts'

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    'ingest-pages': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean', default: false },
    keep: { type: 'string' },
    // Extraction threads: 1 (default) extracts on a worker thread beside the storing, 0 here.
    threads: { type: 'string' },
    // Internal: create and migrate a data directory, print this process's peak RSS, exit.
    'create-data-dir': { type: 'string' },
    'with-extraction': { type: 'boolean', default: false },
    // Flags of the extraction benchmark, passed on with --with-extraction.
    mb: { type: 'string' },
    warmup: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(
    'usage: npm run bench:ingest -- [--pages N] [--seed N] [--json] [--keep DIR]\n' +
      '       npm run bench -- [--mb N] [--warmup DOCS] [--ingest-pages N (0: skip)] [--json]',
  )
  process.exit(0)
}

if (values['create-data-dir']) {
  const runtime = await bootstrap(loadConfig({ TERGEU_DATA_DIR: values['create-data-dir'] }, []), {
    cwd: process.cwd(),
  })
  await runtime.close()
  console.log(JSON.stringify({ peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6 }))
  process.exit(0)
}

// Small enough for `npm run bench` to stay a couple of minutes on a loaded machine.
const DEFAULT_PAGES = 300
const pages = Number(values.pages ?? values['ingest-pages'] ?? DEFAULT_PAGES)
if (!(Number.isInteger(pages) && pages >= 0)) {
  console.error(`bench-ingest: --pages must be a whole number, got "${values.pages}"`)
  process.exit(2)
}

// `npm run bench`: the extraction benchmark first, in its own process (its peak RSS is its own).
let extraction: unknown = null
if (values['with-extraction']) {
  const args = ['--import', 'tsx', new URL('./bench.ts', import.meta.url).pathname]
  if (values.mb !== undefined) args.push('--mb', values.mb)
  if (values.warmup !== undefined) args.push('--warmup', values.warmup)
  if (values.seed !== undefined) args.push('--seed', values.seed)
  if (values.json) args.push('--json')
  const r = spawnSync(process.execPath, args, {
    stdio: values.json ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  })
  if (r.status !== 0) process.exit(r.status ?? 1)
  if (values.json) extraction = JSON.parse(r.stdout)
  if (pages > 0 && !values.json) console.log('')
}
if (pages === 0) {
  if (values.json) console.log(JSON.stringify(extraction, null, 2))
  process.exit(0)
}

const MB = 1_000_000
const seed = Number(values.seed ?? 20261123)
// Pages are generated as they are read (1,000 at a time), as files would be: the run's memory
// is the pipeline's and the database's, not that of 100,000 pages held at once.
let bytes = 0
let genMs = 0
const langs: Record<string, number> = { en: 0, ru: 0, kk: 0 }
const ids: string[] = []
function* docs(): Generator<RawDoc> {
  const pagesIter = streamPages({ pages, seed })
  for (;;) {
    const t = performance.now()
    const next = pagesIter.next()
    genMs += performance.now() - t
    if (next.done) return
    const d = next.value
    bytes += Buffer.byteLength(d.raw)
    const lang = /<html lang="(\w+)"/.exec(d.raw)?.[1] ?? 'en'
    langs[lang] = (langs[lang] ?? 0) + 1
    ids.push(d.id)
    yield d
  }
}

const dataDir = values.keep ?? (await mkdtemp(join(tmpdir(), 'tergeu-bench-ingest-')))
// A new PGlite data directory is made by initdb, which alone peaks at about 850 MB of RSS, once
// in the life of a database: it runs in a child process so that the peak reported below is
// the ingest's. Its own peak is reported apart.
const tCreate = performance.now()
const created = spawnSync(
  process.execPath,
  ['--import', 'tsx', new URL(import.meta.url).pathname, '--create-data-dir', dataDir],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
)
if (created.status !== 0) process.exit(created.status ?? 1)
const createPeakMb = (JSON.parse(created.stdout) as { peakRssMb: number }).peakRssMb
const createMs = performance.now() - tCreate
const tOpen = performance.now()
const config = loadConfig({ TERGEU_DATA_DIR: dataDir }, [])
const runtime = await bootstrap(config, { cwd: process.cwd() })
const openMs = performance.now() - tOpen

const timings: IngestTimings = {
  check: 0,
  extract: 0,
  store: 0,
  resolve: 0,
  cpu: { check: 0, extract: 0, store: 0, resolve: 0 },
}
// Rate per quarter of the run: the first pays for JIT and lazy lexicon loads; a long ingest
// runs at the rate of the later ones.
// Progress comes a batch at a time: a quarter is marked when the count first reaches it.
const marks: { n: number; t: number }[] = []
const quarter = Math.max(1, Math.floor(pages / 4))
const mainCpu0 = mainThreadCpuMs()
const cpu0 = process.cpuUsage()
const t0 = performance.now()
let report: Awaited<ReturnType<typeof runtime.ingest>>
let linkMs = 0
let linkCpuMs = 0
let nearDuplicates = 0
try {
  report = await runtime.ingest(docs(), {
    timings,
    extractionThreads: values.threads === '0' ? 0 : 1,
    onProgress: (n) => {
      if (marks.length < 4 && n >= (marks.length + 1) * quarter)
        marks.push({ n, t: performance.now() })
    },
  })
  // Stories, as `tergeu ingest` links them after storing.
  const tLink = performance.now()
  const cLink = process.cpuUsage()
  const failed = new Set(report.failed.map((f) => f.id))
  const dup = new Set(report.duplicates.map((d) => d.id))
  const toLink = ids.filter((id) => !failed.has(id) && !dup.has(id))
  nearDuplicates = (await linkStories(createStoryRepository(runtime.database.db), toLink)).length
  linkMs = performance.now() - tLink
  const c = process.cpuUsage(cLink)
  linkCpuMs = (c.user + c.system) / 1000
} finally {
  await runtime.close()
  if (!values.keep) await rm(dataDir, { recursive: true, force: true })
}
const wallS = (performance.now() - t0) / 1000
const cpu = process.cpuUsage(cpu0)
const cpuS = (cpu.user + cpu.system) / 1e6
const peakRssMb = (process.resourceUsage().maxRSS * 1024) / MB

const quarterRates = marks.map((m, i) => {
  const before = i === 0 ? { n: 0, t: t0 } : marks[i - 1]!
  return (m.n - before.n) / ((m.t - before.t) / 1000)
})
// The main thread (the store, on PGlite) and the others (the extraction worker, GC helpers):
// with two idle cores the run takes as long as the busier of the two.
const mainCpu = mainThreadCpuMs()
const mainCpuS = mainCpu === null || mainCpu0 === null ? null : (mainCpu - mainCpu0) / 1000
// The steady rate: the later half of the run (storing plus linking, linking apportioned).
const steadyRate =
  quarterRates.length >= 4
    ? 1 / ((1 / quarterRates[2]! + 1 / quarterRates[3]!) / 2 + linkMs / 1000 / pages)
    : pages / wallS
const pagesPerSecond = pages / wallS
const projected100kS = 100_000 / steadyRate
// On a loaded machine wall time counts other processes' turns; CPU time is what one idle core
// would take (the run is one thread: PGlite runs inside it).
const cpuRate = pages / cpuS

const result = {
  pages: {
    count: pages,
    megabytes: round(bytes / MB, 2),
    meanKb: round(bytes / pages / 1000, 1),
    langs,
    seed,
  },
  setupMs: { generate: round(genMs), createDataDir: round(createMs), open: round(openMs) },
  createDataDirPeakRssMb: round(createPeakMb, 1),
  wallSeconds: round(wallS, 2),
  cpuSeconds: round(cpuS, 2),
  pagesPerSecond: round(pagesPerSecond, 1),
  pagesPerSecondByQuarter: quarterRates.map((r) => round(r, 1)),
  steadyPagesPerSecond: round(steadyRate, 1),
  projected100kMinutes: round(projected100kS / 60, 1),
  pagesPerCpuSecond: round(cpuRate, 1),
  mainThreadCpuSeconds: mainCpuS === null ? null : round(mainCpuS, 2),
  otherThreadsCpuSeconds: mainCpuS === null ? null : round(cpuS - mainCpuS, 2),
  projected100kTwoCoresMinutes:
    mainCpuS === null
      ? null
      : round((100_000 * Math.max(mainCpuS, cpuS - mainCpuS)) / pages / 60, 1),
  projected100kCpuMinutes: round(100_000 / cpuRate / 60, 1),
  timeShares: {
    extract: round(timings.extract / 1000, 2),
    store: round(timings.store / 1000, 2),
    resolveEntities: round(timings.resolve / 1000, 2),
    checkUnchanged: round(timings.check / 1000, 2),
    linkStories: round(linkMs / 1000, 2),
  },
  cpuShares: {
    extract: round((timings.cpu?.extract ?? 0) / 1000, 2),
    store: round((timings.cpu?.store ?? 0) / 1000, 2),
    resolveEntities: round((timings.cpu?.resolve ?? 0) / 1000, 2),
    checkUnchanged: round((timings.cpu?.check ?? 0) / 1000, 2),
    linkStories: round(linkCpuMs / 1000, 2),
  },
  added: report.added,
  duplicates: report.duplicates.length,
  nearDuplicatesLinked: nearDuplicates,
  failed: report.failed.length,
  peakRssMb: round(peakRssMb, 1),
}

if (values.json) {
  const out =
    extraction && typeof extraction === 'object' ? { ...extraction, ingest: result } : result
  console.log(JSON.stringify(out, null, 2))
} else {
  const r = result
  const ms = (s: number) => `${s.toFixed(1)} s (${((s / wallS) * 100).toFixed(0)}%)`
  console.log(
    `ingest      ${r.pages.count} HTML pages, ${r.pages.megabytes} MB (mean ${r.pages.meanKb} KB; en ${langs['en']}, ru ${langs['ru']}, kk ${langs['kk']}), seed ${r.pages.seed}`,
  )
  console.log(
    `setup       pages ${r.setupMs.generate} ms, new PGlite data dir (initdb + migrations, child process) ${r.setupMs.createDataDir} ms, open ${r.setupMs.open} ms`,
  )
  console.log(
    `run         ${r.wallSeconds} s wall, ${r.cpuSeconds} s CPU: clean, detect, segment, full extractor, store, stories`,
  )
  console.log(
    `throughput  ${r.pagesPerSecond} pages/s overall; by quarter ${r.pagesPerSecondByQuarter.join(' / ')}; steady ${r.steadyPagesPerSecond} pages/s`,
  )
  console.log(
    `wall        extract ${ms(r.timeShares.extract)}, store ${ms(r.timeShares.store)}, resolve entities ${ms(r.timeShares.resolveEntities)}, unchanged check ${ms(r.timeShares.checkUnchanged)}, link stories ${ms(r.timeShares.linkStories)}`,
  )
  const cs = (s: number) => `${s.toFixed(1)} s (${((s / cpuS) * 100).toFixed(0)}%)`
  console.log(
    `CPU         extract ${cs(r.cpuShares.extract)}, store ${cs(r.cpuShares.store)}, resolve entities ${cs(r.cpuShares.resolveEntities)}, unchanged check ${cs(r.cpuShares.checkUnchanged)}, link stories ${cs(r.cpuShares.linkStories)}`,
  )
  console.log(
    `result      ${r.added} added, ${r.duplicates} exact duplicates, ${r.nearDuplicatesLinked} near duplicates linked, ${r.failed} failed`,
  )
  const reasons = new Map<string, number>()
  for (const f of report.failed) {
    const key = `${f.stage}: ${f.reason.slice(0, 160)}`
    reasons.set(key, (reasons.get(key) ?? 0) + 1)
  }
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5))
    console.log(`  failed ${n}× ${reason}`)
  console.log(
    `100,000     ${r.projected100kMinutes} min projected at the steady wall rate; ${r.projected100kCpuMinutes} min at ${r.pagesPerCpuSecond} pages per CPU-second (one idle core; target < 10 min)`,
  )
  if (r.mainThreadCpuSeconds !== null)
    console.log(
      `threads     main (store) ${r.mainThreadCpuSeconds} s CPU, others (extraction worker, GC) ${r.otherThreadsCpuSeconds} s CPU: ${r.projected100kTwoCoresMinutes} min projected for 100,000 on two idle cores`,
    )
  console.log(
    `peak RSS    ${r.peakRssMb} MB while ingesting (database open, pipeline loaded); creating the data dir once: ${r.createDataDirPeakRssMb} MB`,
  )
}

// CPU milliseconds of the main thread alone (Linux: /proc/self/task/PID/stat, utime + stime in
// clock ticks of 10 ms), or null elsewhere.
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}
