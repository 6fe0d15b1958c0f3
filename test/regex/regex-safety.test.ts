/**
 * Issue #9, point 2: no regular expression in `src/` backtracks catastrophically.
 *
 * 1. Every regex literal and `RegExp` constructor call in `src/` (tests excluded) is found by
 *    parsing the TypeScript (`inventory.ts`).
 * 2. The patterns built at run time (from lexicons and other patterns) are recorded as the
 *    modules build them (`capture.ts`, `exercise.ts`); every constructor call whose pattern is
 *    not literal text must have been seen building at least one pattern, or be listed in
 *    `UNREACHED` with the reason.
 * 3. Every distinct pattern is run, in a worker thread, against adversarial inputs derived from
 *    its own structure (`regex-syntax.ts`: prefix + pumped repetition + failing suffix, 16,000
 *    characters). A pattern whose CPU time grows more than 24x for 8x the input (linear: 8x,
 *    quadratic: 64x) and reaches 40 ms, or that runs past its time budget (10 s of wall time for
 *    all its inputs), is a finding; findings must be listed
 *    in `allowlist.ts` with the reason they are acceptable, or the test fails.
 *
 * `REGEX_SIZE` sets the input size (16000); `REGEX_BUDGET_MS` the time budget per pattern.
 * `node --import tsx test/regex/triage.ts` checks each finding end to end through the pipeline.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ALLOWED, type Allowed, UNREACHED } from './allowlist.ts'
import { collectPatterns, type Pattern, runJobs } from './analyse.ts'
import { recordRegExps } from './capture.ts'
import { allSites, type RegexSite } from './inventory.ts'

const SIZE = Number(process.env['REGEX_SIZE'] ?? 16_000)
const BUDGET_MS = Number(process.env['REGEX_BUDGET_MS'] ?? 10_000)

// Before any module of src/ is loaded (the imports above load none).
const built = recordRegExps()
const { exerciseSources } = await import('./exercise.ts')
const sites = allSites()
const exercised = await exerciseSources()

function allowedFor(p: Pattern, list: readonly Allowed[]): Allowed | undefined {
  return list.find(
    (a) => p.at.some((at) => at.startsWith(`${a.file}:`)) && p.source.includes(a.contains),
  )
}

test('the parser finds the regular expressions of src/', (t) => {
  assert.ok(sites.length > 500, `only ${sites.length} regular expressions found`)
  // A module that refuses to load outside its context (a worker thread's entry) still has its
  // literals checked; a RegExp it builds at run time shows as unreached below.
  for (const f of exercised.failed) t.diagnostic(`not imported: ${f}`)
  assert.ok(exercised.failed.length < exercised.modules / 10, exercised.failed.join('\n'))
})

test('every RegExp built from a variable was built while the modules ran', () => {
  const reached = new Set(built.map((b) => b.at))
  const missing = sites
    .filter((s: RegexSite) => s.source === null && !reached.has(s.at))
    .filter((s) => !UNREACHED.some((u) => s.file === u.file && s.code.includes(u.code)))
  assert.deepEqual(
    missing.map((s) => s.at),
    [],
    'these RegExp constructor calls were never run by test/regex/exercise.ts: make it reach them, or list them in UNREACHED (test/regex/allowlist.ts) with the reason',
  )
})

test('no regular expression in src/ backtracks catastrophically', {
  timeout: 600_000,
}, async (t) => {
  const patterns = collectPatterns(sites, built)
  const started = performance.now()
  const verdicts = await runJobs(patterns, SIZE, BUDGET_MS)
  const byKey = new Map(patterns.map((p) => [p.key, p]))
  const found: string[] = []
  const used = new Set<Allowed>()
  let attacks = 0
  for (const v of verdicts) {
    attacks += v.attacks
    const p = byKey.get(v.key)
    if (!p || !v.finding) continue
    const allowed = allowedFor(p, ALLOWED)
    const line = `${p.at.join(', ')}: ${v.finding.kind}: ${v.finding.detail} — pattern ${p.key.slice(0, 160)}${v.finding.attack ? ` — input ${JSON.stringify(v.finding.attack).slice(0, 200)}` : ''}`
    if (allowed) {
      used.add(allowed)
      t.diagnostic(`allowed (${allowed.reason}): ${line}`)
    } else found.push(line)
  }
  const slowest = [...verdicts].sort((a, b) => b.ms - a.ms).slice(0, 5)
  t.diagnostic(
    `${sites.length} sites (${built.length} patterns built at run time), ${patterns.length} distinct patterns, ${attacks} attack inputs of ${SIZE} chars, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  for (const v of slowest) t.diagnostic(`slowest: ${v.ms.toFixed(0)} ms ${v.key.slice(0, 100)}`)
  for (const a of ALLOWED)
    if (!used.has(a)) t.diagnostic(`allowlist entry not seen this run: ${a.file} ${a.contains}`)
  assert.equal(verdicts.length, patterns.length)
  assert.deepEqual(found, [], 'regular expressions whose time grows faster than their input')
})
