/**
 * Extraction benchmark: generates a deterministic en/ru/kk corpus (default 5 MB), runs the
 * default pipeline over it in this one process, and prints throughput (MB/s per core),
 * documents per second, each stage's share of the time and the peak memory.
 *
 * usage: npm run bench -- [--mb N] [--seed N] [--json]
 */
import { parseArgs } from 'node:util'
import type { RawDoc } from '#core/document.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import { createPipeline, type Pipeline } from '#pipeline/pipeline.ts'
import type { Stage } from '#pipeline/stage.ts'
import { generateCorpus } from './bench/generate-corpus.ts'

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20261122' },
    warmup: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log('usage: npm run bench -- [--mb N] [--seed N] [--warmup DOCS] [--json]')
  process.exit(0)
}
const mb = Number(values.mb)
if (!(mb > 0)) {
  console.error(`bench: --mb must be a positive number, got "${values.mb}"`)
  process.exit(2)
}

const MB = 1_000_000
const stageMs = new Map<string, number>()

/**
 * Wraps a stage so that its CPU time adds up in `stageMs`; output is untouched. CPU time, not
 * wall time: on a shared machine wall time also counts the moments other processes ran.
 */
function timed(stage: Stage<unknown, unknown>): Stage<unknown, unknown> {
  stageMs.set(stage.name, 0)
  return {
    name: stage.name,
    version: stage.version,
    run: async (input, context) => {
      const c0 = process.cpuUsage()
      const out = await stage.run(input, context)
      const c = process.cpuUsage(c0)
      stageMs.set(stage.name, (stageMs.get(stage.name) ?? 0) + (c.user + c.system) / 1000)
      return out
    },
  }
}

const tBuild = performance.now()
let pipeline: Pipeline<RawDoc, unknown> = createPipeline<RawDoc>()
for (const stage of createDefaultPipeline().stages) pipeline = pipeline.pipe(timed(stage))
const buildMs = performance.now() - tBuild

const tGen = performance.now()
const docs = generateCorpus({ bytes: mb * MB, seed: Number(values.seed) })
const genMs = performance.now() - tGen
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.raw), 0)
const chars = docs.reduce((n, d) => n + d.raw.length, 0)

// Warm-up: lazy lexicon loads and JIT compilation happen here, not in the measured run. Measured
// per 150-document chunk, a fresh process costs 2.5-6x the steady state for its first documents
// and settles after about 1,000 (V8 compiles, deoptimises and recompiles the large stage
// functions meanwhile); a long ingest amortises that, so 1,000 documents of warm-up measure the
// steady state. `--warmup 0` shows the cold start (about 3 s of CPU spread over the first pages).
const warm = docs.slice(0, Number(values.warmup))
const tWarm = performance.now()
for (const doc of warm) await pipeline.run({ ...doc, id: `warm-${doc.id}` })
const warmMs = performance.now() - tWarm
for (const name of stageMs.keys()) stageMs.set(name, 0)

let failed = 0
const cpu0 = process.cpuUsage()
const t0 = performance.now()
for (const doc of docs) {
  try {
    await pipeline.run(doc)
  } catch {
    failed++
  }
}
const wallS = (performance.now() - t0) / 1000
const cpu = process.cpuUsage(cpu0)
const cpuS = (cpu.user + cpu.system) / 1e6
const stagesTotal = [...stageMs.values()].reduce((a, b) => a + b, 0)
const maxRssMb = (process.resourceUsage().maxRSS * 1024) / 1024 / 1024

const result = {
  corpus: {
    documents: docs.length,
    megabytes: bytes / MB,
    characters: chars,
    seed: Number(values.seed),
  },
  setupMs: {
    buildPipeline: round(buildMs),
    generate: round(genMs),
    warmUp: { docs: warm.length, ms: round(warmMs) },
  },
  wallSeconds: round(wallS, 3),
  cpuSeconds: round(cpuS, 3),
  mbPerSecond: round(bytes / MB / wallS, 3),
  mbPerCpuSecond: round(bytes / MB / cpuS, 3),
  docsPerSecond: round(docs.length / wallS, 1),
  failed,
  peakRssMb: round(maxRssMb, 1),
  stages: [...stageMs].map(([name, ms]) => ({
    name,
    ms: round(ms, 1),
    share: round(ms / stagesTotal, 4),
    msPerMb: round(ms / (bytes / MB), 1),
  })),
}

if (values.json) {
  console.log(JSON.stringify(result, null, 2))
} else {
  const { corpus } = result
  console.log(
    `corpus      ${corpus.documents} documents, ${corpus.megabytes.toFixed(2)} MB UTF-8 (${corpus.characters} chars), en/ru/kk, seed ${corpus.seed}`,
  )
  console.log(
    `setup       pipeline ${result.setupMs.buildPipeline} ms, corpus ${result.setupMs.generate} ms, warm-up (${result.setupMs.warmUp.docs} docs) ${result.setupMs.warmUp.ms} ms`,
  )
  console.log(
    `run         ${result.wallSeconds} s wall, ${result.cpuSeconds} s CPU (one process, one thread of JS)`,
  )
  console.log(
    `throughput  ${result.mbPerCpuSecond} MB/s per core (MB per CPU-second; the bar is >= 1), ${result.mbPerSecond} MB/s wall`,
  )
  console.log(`documents   ${result.docsPerSecond} docs/s, ${failed} failed`)
  console.log(`peak RSS    ${result.peakRssMb} MB`)
  console.log('stage                        CPU ms   share   ms/MB')
  for (const s of result.stages) {
    console.log(
      `  ${s.name.padEnd(24)} ${s.ms.toFixed(1).padStart(9)}  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.msPerMb.toFixed(1).padStart(6)}`,
    )
  }
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}
