/**
 * `tergeu jobs`: the queue by kind and state, batches in progress, the last failures. Also the
 * queued ingest (`ingest --queue`) and the in-process drain the embedded database uses.
 *
 * @module cli/commands/worker-jobs
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { readFiles } from '#pipeline/ingest/read-files.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createJobRepository } from '#storage/job-repository.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'
import { listFiles, loadCliConfig, parseUrlList } from './ingest.ts'
import { fetcherFromFlags } from './watch.ts'
import { batchName, extractJobs, fetchJobs, runWorker } from './worker-run.ts'

const USAGE = `usage: tergeu jobs [--json] [--retry-failed]

Shows the work queue: jobs by kind (fetch, extract, resolve) and state (queued, running, done,
failed), the batches still in progress ("reprocess", "ingest --queue") with how far they are, and
the last failed jobs with their errors.

options:
  --json               print the counts as JSON on stdout
  --retry-failed       queue every failed job again
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help`

/** The `jobs` command. */
export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'show the work queue: jobs by state, batches in progress, failures',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        json: { type: 'boolean' },
        'retry-failed': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const runtime = await bootstrap(loadCliConfig(io, args), { cwd: io.cwd })
    try {
      const jobs = createJobRepository(runtime.database.db)
      if (values['retry-failed']) {
        const n = await jobs.retryFailed()
        io.stderr.write(`queued ${n} failed job(s) again\n`)
      }
      const counts = await jobs.counts()
      const batches = await jobs.activeBatches()
      const failed = await jobs.failed(10)
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ ...counts, batches, failed }, null, 2)}\n`)
        return EXIT.ok
      }
      const t = counts.total
      const lines = [
        `jobs: ${t.queued} queued, ${t.running} running, ${t.done} done, ${t.failed} failed`,
      ]
      for (const kind of ['fetch', 'extract', 'resolve'] as const) {
        const of = counts.byKind.filter((r) => r.kind === kind)
        if (of.length === 0) continue
        lines.push(`  ${kind.padEnd(8)} ${of.map((r) => `${r.count} ${r.state}`).join(', ')}`)
      }
      for (const b of batches) lines.push(`  batch ${formatProgress(b)}`)
      for (const f of failed)
        lines.push(
          `  failed ${f.kind} job ${f.id} (${f.attempts} attempt(s)) ${describePayload(f.payload)}: ${f.error ?? ''}`,
        )
      io.stdout.write(`${lines.join('\n')}\n`)
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}

/** One line of a batch's progress: `reprocess-… 120/300 done (40%), 2 failed`. */
export function formatProgress(p: {
  batch: string
  total: number
  done: number
  failed: number
  queued: number
  running: number
}): string {
  const finished = p.done + p.failed
  const pct = p.total > 0 ? Math.floor((finished / p.total) * 100) : 100
  return `${p.batch} ${finished}/${p.total} finished (${pct}%): ${p.done} done, ${p.failed} failed, ${p.running} running, ${p.queued} queued`
}

function describePayload(payload: Record<string, unknown>): string {
  if (typeof payload['url'] === 'string') return payload['url']
  if (typeof payload['docId'] === 'string') return payload['docId']
  const doc = payload['doc'] as { id?: unknown } | undefined
  return typeof doc?.id === 'string' ? doc.id : ''
}

/**
 * Runs the queue in this process until it is empty, with a progress line per second on stderr
 * (the embedded database serves one process, so its queue has no other worker).
 */
export async function drainInProcess(
  runtime: Runtime,
  io: CommandIo,
  batch: string,
  options: { readonly fetchValues?: Parameters<typeof fetcherFromFlags>[0] } = {},
): Promise<{ done: number; failed: number }> {
  const jobs = createJobRepository(runtime.database.db)
  // Without a batch (watch rounds), the whole queue.
  const progress = async () => {
    if (batch) return formatProgress(await jobs.batchProgress(batch))
    const t = (await jobs.counts()).total
    return formatProgress({ batch: 'queue', total: t.queued + t.running + t.done + t.failed, ...t })
  }
  let last = 0
  const report = await runWorker(runtime, {
    concurrency: 2,
    exitWhenIdle: true,
    pollMs: 200,
    fetcher: fetcherFromFlags(options.fetchValues ?? {}),
    onJob: async () => {
      if (performance.now() - last < 1000) return
      last = performance.now()
      io.stderr.write(`progress ${await progress().catch(() => '?')}\n`)
    },
  })
  io.stderr.write(`progress ${await progress()}\n`)
  return { done: report.done, failed: report.failed }
}

/**
 * `ingest --queue`: queues an extract job per document read (or a fetch job per URL with
 * `--urls`) instead of processing them here. On PostgreSQL the workers take them; on the embedded
 * database this process works through them at once.
 */
export async function ingestQueued(
  io: CommandIo,
  args: readonly string[],
  input: {
    readonly paths: readonly string[]
    readonly urlsFile?: string | undefined
    readonly json?: boolean | undefined
    readonly fetchValues?: Parameters<typeof fetcherFromFlags>[0]
  },
): Promise<number> {
  const config = loadCliConfig(io, args)
  const batch = batchName('ingest')
  let jobsToQueue: ReturnType<typeof extractJobs> = []
  const failedReads: { id: string; reason: string }[] = []
  if (input.urlsFile !== undefined) {
    let text: string
    try {
      text = await readFile(resolve(io.cwd, input.urlsFile), 'utf8')
    } catch {
      throw new UsageError(`cannot read the URL list ${input.urlsFile}`)
    }
    const { urls, bad } = parseUrlList(text)
    for (const b of bad) failedReads.push({ id: b, reason: 'not an http(s) URL' })
    jobsToQueue = fetchJobs([...new Set(urls)], batch)
  } else {
    if (input.paths.length === 0) throw new UsageError('no input files or folders given')
    const docs: RawDoc[] = []
    for await (const r of readFiles(await listFiles(input.paths, io.cwd))) {
      if (r.ok) docs.push(r.doc)
      else failedReads.push({ id: r.source, reason: r.reason })
    }
    jobsToQueue = extractJobs(docs, batch)
  }
  const runtime = await bootstrap(config, { cwd: io.cwd })
  try {
    const queued = await createJobRepository(runtime.database.db).enqueue(jobsToQueue)
    io.stderr.write(
      `queued ${queued} ${input.urlsFile !== undefined ? 'fetch' : 'extract'} job(s) as batch ${batch}` +
        `${jobsToQueue.length > queued ? ` (${jobsToQueue.length - queued} already queued)` : ''}` +
        `${failedReads.length > 0 ? `; ${failedReads.length} input(s) could not be read` : ''}\n`,
    )
    for (const f of failedReads.slice(0, 10)) io.stderr.write(`  failed ${f.id}: ${f.reason}\n`)
    let result: { done: number; failed: number } | null = null
    if (runtime.database.kind === 'pglite') {
      io.stderr.write('the embedded database has no other worker: working through the queue here\n')
      result = await drainInProcess(runtime, io, batch, {
        ...(input.fetchValues ? { fetchValues: input.fetchValues } : {}),
      })
    } else {
      io.stderr.write('run "tergeu worker" to process them; "tergeu jobs" shows progress\n')
    }
    if (input.json)
      io.stdout.write(
        `${JSON.stringify({ batch, queued, readFailures: failedReads, processed: result }, null, 2)}\n`,
      )
    if (queued === 0 && failedReads.length > 0) return EXIT.failure
    return failedReads.length > 0 || (result?.failed ?? 0) > 0 ? EXIT.partial : EXIT.ok
  } finally {
    await runtime.close()
  }
}
