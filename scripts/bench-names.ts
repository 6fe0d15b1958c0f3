/**
 * Name-screening benchmark: generates N names (default 1,000,000) deterministically in Cyrillic
 * (Russian and Kazakh letters) and Latin (every romanisation), builds the in-memory name index
 * keyed by the blocking keys, and screens Q query names (default 10,000: half respellings, case
 * forms or typos of indexed names, half new names). Prints names/s per core (CPU time), p50/p95/
 * p99 latency per name, build time and heap.
 *
 * usage: npm run bench:names -- [--names N] [--queries Q] [--seed S] [--json]
 */
import { parseArgs } from 'node:util'
import { createNameIndex } from '#core/names/name-index.ts'
import { GIVEN_NAMES, SURNAMES } from '#core/names/name-lists-data.ts'
import { SCHEMES } from '#core/names/translit-data.ts'
import { transliterate } from '#core/names/transliterate.ts'

const { values } = parseArgs({
  options: {
    names: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261122' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log('usage: npm run bench:names -- [--names N] [--queries Q] [--seed S] [--json]')
  process.exit(0)
}
const N = Number(values.names)
const Q = Number(values.queries)
if (!(N > 0 && Q > 0)) {
  console.error('bench-names: --names and --queries must be positive numbers')
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

// Name material: the common lists plus synthetic Kazakh-style surnames and compound given names,
// so that the index has a realistic spread of keys (tens of thousands of surnames).
const SYLLABLES =
  'ах мет бек нұр сейт жұма ер ғали тұр сын қа сым о мар и са мұ сап ар сұл тан әбіл бай жан дос ым ерм ек есен жақ сы қал қо жа құр ман мұх нұр лан ос пан ра хым сағ ын сәт тә жі то қа тө ле үс ен ша і ораз әлі бақ ыт дәу лет'.split(
    ' ',
  )
const MIDDLES = ['', '', 'бай', 'бек', 'жан', 'ғали', 'құл', 'тай', 'мұрат']
const ENDINGS = ['ов', 'ев', 'ов', 'ұлы', 'ин']
const given = GIVEN_NAMES.split(/\s+/).filter(Boolean)
const surnames = SURNAMES.split(/\s+/).filter(Boolean)
const synthetic = new Set<string>()
while (synthetic.size < 20_000) {
  const root = pick(SYLLABLES) + pick(SYLLABLES)
  const s = root + pick(MIDDLES) + pick(ENDINGS)
  synthetic.add(s[0]!.toUpperCase() + s.slice(1))
}
const allSurnames = [...surnames, ...synthetic]
const compoundGiven = Array.from({ length: 2000 }, () => {
  const s = pick(SYLLABLES) + pick(SYLLABLES) + pick(['бек', 'жан', 'гүл', 'ай', 'бол', ''])
  return s[0]!.toUpperCase() + s.slice(1)
})
const allGiven = [...given, ...compoundGiven]

function spell(cyr: string): string {
  const r = rnd()
  if (r < 0.45) return cyr
  return transliterate(cyr, pick(SCHEMES))
}

function makeName(): string {
  const g = pick(allGiven)
  let s = pick(allSurnames)
  if (rnd() < 0.4 && /(ов|ев|ин)$/.test(s)) s += 'а'
  const parts = rnd() < 0.5 ? [g, s] : [s, g]
  if (rnd() < 0.15) parts.push(`${pick(given)}ович`)
  return spell(parts.join(' '))
}

function typo(name: string): string {
  const i = 1 + Math.floor(rnd() * Math.max(1, name.length - 2))
  return name.slice(0, i) + name.slice(i + 1)
}

const g0 = performance.now()
const generated: string[] = []
for (let i = 0; i < N; i++) generated.push(makeName())
const genMs = performance.now() - g0
const mem0 = process.memoryUsage().heapUsed
const t0 = performance.now()
const index = createNameIndex()
const sample: string[] = []
for (let i = 0; i < N; i++) {
  const name = generated[i]!
  index.add(i, name)
  if (i % Math.max(1, Math.floor(N / Q)) === 0) sample.push(name)
}
const buildMs = performance.now() - t0
const heapMb = (process.memoryUsage().heapUsed - mem0) / 1e6

const queries: string[] = []
for (let q = 0; q < Q; q++) {
  const r = rnd()
  const base = sample[q % sample.length]!
  if (r < 0.25) queries.push(base)
  else if (r < 0.4) queries.push(base.split(' ').reverse().join(' '))
  else if (r < 0.5) queries.push(typo(base))
  else queries.push(makeName())
}

const latencies = new Float64Array(Q)
let hits = 0
const cpu0 = process.cpuUsage()
const w0 = performance.now()
for (let q = 0; q < Q; q++) {
  const s = performance.now()
  hits += index.screen(queries[q]!).length > 0 ? 1 : 0
  latencies[q] = performance.now() - s
}
const wallMs = performance.now() - w0
const cpu = process.cpuUsage(cpu0)
const cpuS = (cpu.user + cpu.system) / 1e6
latencies.sort()
const pct = (p: number) => latencies[Math.min(Q - 1, Math.floor((p / 100) * Q))]!
const result = {
  names: N,
  vocabulary: index.vocabularySize,
  queries: Q,
  queriesWithHit: hits,
  generateSeconds: +(genMs / 1000).toFixed(2),
  buildSeconds: +(buildMs / 1000).toFixed(2),
  heapMb: +heapMb.toFixed(0),
  screenWallSeconds: +(wallMs / 1000).toFixed(2),
  namesPerSecondPerCore: +(Q / cpuS).toFixed(0),
  p50Ms: +pct(50).toFixed(2),
  p95Ms: +pct(95).toFixed(2),
  p99Ms: +pct(99).toFixed(2),
}
if (values.json) console.log(JSON.stringify(result))
else {
  console.log(
    `index: ${N} names (generated in ${result.generateSeconds} s), ${result.vocabulary} keys, built in ${result.buildSeconds} s, ~${result.heapMb} MB heap`,
  )
  console.log(
    `screen: ${Q} names in ${result.screenWallSeconds} s, ${result.namesPerSecondPerCore} names/s per core, ${hits} with a hit`,
  )
  console.log(
    `latency per name: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms`,
  )
  console.log(
    `targets: >= 200 names/s per core, p95 <= 50 ms: ${result.namesPerSecondPerCore >= 200 && result.p95Ms <= 50 ? 'met' : 'NOT met'}`,
  )
}
