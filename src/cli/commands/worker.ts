/**
 * `tergeu worker`: takes fetch, extract and resolve jobs from the queue on the database until
 * stopped. Any number of workers, on any number of machines, share one PostgreSQL queue.
 *
 * @module cli/commands/worker
 */
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'
import { FETCH_FLAGS, FETCH_FLAGS_HELP, fetcherFromFlags } from './watch.ts'
import { runWorker } from './worker-run.ts'

const USAGE = `usage: tergeu worker [--concurrency N] [--lease-seconds S] [--exit-when-idle]

Takes jobs from the queue on the database and runs them: fetch a URL, extract a document
(queued by "ingest --queue", "watch --queue" and "reprocess"), resolve a document's entities.
Run as many workers as the database serves, on any machines (DATABASE_URL): a job is held by one
worker at a time under a lease that the worker renews while it runs; when a worker dies the lease
expires and another worker takes the job again. A job that fails 3 times ends "failed" with its
error ("tergeu jobs" lists them). SIGTERM or Ctrl-C: no new jobs are taken, the running ones
finish, then the worker exits.

options:
  --concurrency N       jobs run at once by this process (default 2)
  --lease-seconds S     how long a job stays held without a renewal (default 60)
  --exit-when-idle      exit once no job is queued or running
${FETCH_FLAGS_HELP}
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help            this help

exit codes: 0 stopped, 1 the database is unavailable, 2 usage error`

/** The `worker` command. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'run fetch, extract and resolve jobs from the queue',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        concurrency: { type: 'string' },
        'lease-seconds': { type: 'string' },
        'exit-when-idle': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...FETCH_FLAGS,
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const concurrency = positive('concurrency', values.concurrency, 2)
    const leaseSeconds = positive('lease-seconds', values['lease-seconds'], 60)
    const fetcher = fetcherFromFlags(values)
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    const controller = new AbortController()
    const stop = () => {
      io.stderr.write('tergeu worker: stopping after the running jobs\n')
      controller.abort()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    try {
      io.stderr.write(
        `tergeu worker: taking jobs from the ${runtime.database.kind} database (concurrency ${concurrency})\n`,
      )
      const report = await runWorker(runtime, {
        concurrency,
        leaseMs: leaseSeconds * 1000,
        fetcher,
        exitWhenIdle: values['exit-when-idle'] === true,
        signal: controller.signal,
        onError: (error) =>
          io.stderr.write(
            `tergeu worker: the queue is unavailable, retrying: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
        onJob: (job, outcome, error) => {
          if (outcome !== 'done')
            io.stderr.write(
              `tergeu worker: ${job.kind} job ${job.id} attempt ${job.attempt}/${job.maxAttempts} ${outcome === 'failed' ? 'failed for good' : 'failed, will retry'}: ${error}\n`,
            )
        },
      })
      io.stderr.write(
        `tergeu worker ${report.workerId}: ${report.done} job(s) done, ${report.retried} to retry, ${report.failed} failed\n`,
      )
      return EXIT.ok
    } finally {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      await runtime.close()
    }
  },
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1`)
  return n
}
