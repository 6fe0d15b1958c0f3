/**
 * Worker thread of the regex test: runs each pattern against its attack inputs and reports the
 * timings. It posts `start` before each pattern so that the parent, which holds the clock, can
 * terminate it when one pattern backtracks for too long.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { type Attack, attackInput, attacks } from './regex-syntax.ts'

/** A pattern to check. */
export interface Job {
  readonly key: string
  readonly source: string
  readonly flags: string
}

/** What the worker found for one pattern. */
export interface Verdict {
  readonly key: string
  readonly attacks: number
  /** Total milliseconds spent on the pattern. */
  readonly ms: number
  /** Set when time grew faster than the input (or the pattern could not be analysed). */
  readonly finding?: {
    readonly kind: 'superlinear' | 'unparsed'
    readonly detail: string
    readonly attack?: Attack
  }
}

export type Message =
  | { readonly type: 'start'; readonly index: number }
  | { readonly type: 'done'; readonly index: number; readonly verdict: Verdict }

const { jobs, from, size } = workerData as { jobs: Job[]; from: number; size: number }
// Timings under this are linear by any measure; over it the input is shrunk 8x and re-timed.
const SUSPECT_MS = 15
const MIN_SLOW_MS = 40
// Linear code grows 8x for an 8x input; quadratic 64x. Allow for a loaded machine's stalls.
const MAX_RATIO = 24

/**
 * Best of `rounds` runs, in milliseconds of CPU time (user + system): on a loaded machine wall
 * time includes the waits for a core, CPU time does not. The parent thread idles meanwhile, so
 * the process's CPU time is this thread's.
 */
function time(re: RegExp, input: string, rounds: number): number {
  let best = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    re.lastIndex = 0
    const t = process.cpuUsage()
    re.test(input)
    const d = process.cpuUsage(t)
    best = Math.min(best, (d.user + d.system) / 1000)
  }
  return best
}

function check(job: Job): Verdict {
  const started = performance.now()
  let list: Attack[]
  try {
    list = attacks(job.source, job.flags, 24)
  } catch (error) {
    return {
      key: job.key,
      attacks: 0,
      ms: 0,
      finding: { kind: 'unparsed', detail: (error as Error).message },
    }
  }
  // The search runs from every start, as `exec`/`matchAll` over a text does. A sticky pattern
  // is tried at one position per call (its callers scan with it), so one call is timed.
  const re = new RegExp(job.source, job.flags.replace(/g/g, ''))
  for (const attack of list) {
    const big = attackInput(attack, size)
    let first = time(re, big, 1)
    if (first < SUSPECT_MS) continue
    // The first runs of a pattern may be interpreted before V8 compiles it: time it again.
    if (first < 10 * MIN_SLOW_MS) first = Math.min(first, time(re, big, 1))
    const small = attackInput(attack, size / 8)
    const msSmall = time(re, small, 3)
    const msBig = first
    const ratio = msBig / Math.max(msSmall, 0.25)
    if (msBig >= MIN_SLOW_MS && ratio > MAX_RATIO)
      return {
        key: job.key,
        attacks: list.length,
        ms: performance.now() - started,
        finding: {
          kind: 'superlinear',
          detail: `${msSmall.toFixed(1)} ms at ${small.length} chars, ${msBig.toFixed(1)} ms at ${big.length} (x${ratio.toFixed(0)} for 8x the input)`,
          attack,
        },
      }
  }
  return { key: job.key, attacks: list.length, ms: performance.now() - started }
}

const port = parentPort
if (!port) throw new Error('attack-worker runs as a worker thread')
for (let index = from; index < jobs.length; index++) {
  port.postMessage({ type: 'start', index } satisfies Message)
  port.postMessage({ type: 'done', index, verdict: check(jobs[index] as Job) } satisfies Message)
}
