/**
 * Runs the attack worker over patterns, one worker thread at a time, under a time budget per
 * pattern (the parent holds the clock and terminates a worker stuck in one pattern).
 */
import { Worker } from 'node:worker_threads'
import type { Job, Message, Verdict } from './attack-worker.ts'
import type { Built } from './capture.ts'
import type { RegexSite } from './inventory.ts'

/** A distinct pattern and every place that makes it. */
export interface Pattern extends Job {
  readonly at: string[]
}

/** The distinct patterns of the sites whose source is known and of those built at run time. */
export function collectPatterns(sites: readonly RegexSite[], built: readonly Built[]): Pattern[] {
  const byKey = new Map<string, Pattern>()
  const add = (at: string, source: string, flags: string): void => {
    const key = `/${source}/${flags}`
    const p = byKey.get(key)
    if (p) {
      if (!p.at.includes(at)) p.at.push(at)
    } else byKey.set(key, { key, source, flags, at: [at] })
  }
  for (const s of sites) if (s.source !== null && s.flags !== null) add(s.at, s.source, s.flags)
  for (const b of built) add(b.at, b.source, b.flags)
  return [...byKey.values()]
}

/** Runs the jobs in one worker; a pattern past its budget ends the worker, which restarts. */
export async function runJobs(
  jobs: readonly Job[],
  size: number,
  budgetMs: number,
): Promise<Verdict[]> {
  const verdicts: Verdict[] = []
  let from = 0
  while (from < jobs.length) {
    from = await new Promise<number>((resolve, reject) => {
      const worker = new Worker(new URL('./attack-worker.mjs', import.meta.url), {
        workerData: { jobs, from, size },
      })
      let current = from
      let timer: NodeJS.Timeout | undefined
      worker.on('message', (m: Message) => {
        clearTimeout(timer)
        if (m.type === 'start') {
          current = m.index
          timer = setTimeout(() => {
            const job = jobs[current] as Job
            verdicts.push({
              key: job.key,
              attacks: 0,
              ms: budgetMs,
              finding: { kind: 'superlinear', detail: `still running after ${budgetMs} ms` },
            })
            void worker.terminate().then(() => resolve(current + 1))
          }, budgetMs)
        } else {
          verdicts.push(m.verdict)
          if (m.index === jobs.length - 1) void worker.terminate().then(() => resolve(jobs.length))
        }
      })
      worker.on('error', reject)
    })
  }
  return verdicts
}
