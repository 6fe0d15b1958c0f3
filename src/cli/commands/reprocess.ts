/**
 * `tergeu reprocess --since-version N`: after an extractor upgrade, queues the re-extraction of
 * every stored document that an older version of a stage produced, and shows the progress.
 *
 * @module cli/commands/reprocess
 */
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createJobRepository } from '#storage/job-repository.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'
import { drainInProcess, formatProgress } from './worker-jobs.ts'
import { batchName } from './worker-run.ts'

const USAGE = `usage: tergeu reprocess --since-version N | STAGE@N[,STAGE@N...] | current
                         [--dry-run] [--wait] [--json]

Queues an extract job for every stored document whose facts an older extractor produced; the
workers ("tergeu worker") run the current extractor over its stored text and store the new facts,
then resolve its entities again and check it against the watch subjects ("tergeu alerts"): a
document that newly matches raises an alert, once per subject and document. Each stored
document records the version of every stage that produced it (documents.extractor_version,
e.g. "extract-persons@3,extract-money@2,...").

  --since-version N           every stage now at version N or later: documents stored with that
                              stage before version N
  --since-version STAGE@N     documents stored with STAGE before version N (comma-separated list)
  --since-version current     documents whose any stage is older than the current extractor's

options:
  --dry-run            count the documents, queue nothing
  --wait               follow the progress until the batch is finished (one line a second)
  --json               print {batch, documents, queued} as JSON on stdout
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help

On the embedded database (no DATABASE_URL) there are no other workers: this process works
through the batch itself, with progress lines. "tergeu jobs" shows every batch's progress.

exit codes: 0 queued (or finished), 1 failure, 2 usage error, 3 some documents failed (--wait)`

/** The `reprocess` command. */
export const reprocessCommand: Command = {
  name: 'reprocess',
  summary: 're-extract documents stored by an older extractor (in the background)',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        'since-version': { type: 'string' },
        'dry-run': { type: 'boolean' },
        wait: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    if (values['since-version'] === undefined) throw new UsageError('--since-version is required')
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const current = new Map(runtime.pipeline.stages.map((s) => [s.name, s.version]))
      const stages = parseSinceVersion(values['since-version'], current)
      const jobs = createJobRepository(runtime.database.db)
      const documents = await jobs.countOutdated(stages)
      const described = [...stages].map(([s, v]) => `${s} before ${v}`).join(', ')
      io.stderr.write(`${documents} stored document(s) with ${described || 'no stage asked'}\n`)
      if (values['dry-run']) {
        if (values.json) io.stdout.write(`${JSON.stringify({ documents, queued: 0 })}\n`)
        return EXIT.ok
      }
      const batch = batchName('reprocess')
      const queued = await jobs.enqueueReextraction(stages, batch)
      io.stderr.write(
        `queued ${queued} extract job(s) as batch ${batch}${documents > queued ? ` (${documents - queued} already queued)` : ''}\n`,
      )
      if (values.json) io.stdout.write(`${JSON.stringify({ batch, documents, queued })}\n`)
      if (runtime.database.kind === 'pglite') {
        io.stderr.write('the embedded database has no other worker: working through it here\n')
        const r = await drainInProcess(runtime, io, batch)
        await deliverNewAlerts(runtime, io)
        return r.failed > 0 ? EXIT.partial : EXIT.ok
      }
      if (!values.wait) {
        io.stderr.write('the workers take them now; "tergeu jobs" shows the progress\n')
        return EXIT.ok
      }
      const code = await follow(io, jobs, batch)
      await deliverNewAlerts(runtime, io)
      return code
    } finally {
      await runtime.close()
    }
  },
}

/**
 * Reads `--since-version`: `N`, `STAGE@N[,…]` or `current`, into the first current version of
 * each stage asked. An unknown stage or a bad number is a usage error.
 */
export function parseSinceVersion(
  value: string,
  current: ReadonlyMap<string, number>,
): Map<string, number> {
  const v = value.trim()
  if (v === 'current') return new Map(current)
  if (/^\d+$/.test(v)) {
    const n = Number(v)
    const stages = new Map([...current].filter(([, version]) => version >= n).map(([s]) => [s, n]))
    if (stages.size === 0)
      throw new UsageError(
        `no stage is at version ${n} or later (current: ${[...current].map(([s, x]) => `${s}@${x}`).join(',')})`,
      )
    return stages
  }
  const stages = new Map<string, number>()
  for (const part of v.split(',')) {
    const m = /^([a-z][a-z0-9-]*)@(\d+)$/.exec(part.trim())
    if (!m) throw new UsageError(`--since-version: expected N, STAGE@N or current, got "${part}"`)
    if (!current.has(m[1]!))
      throw new UsageError(
        `--since-version: no stage "${m[1]}" (stages: ${[...current.keys()].join(', ')})`,
      )
    stages.set(m[1]!, Number(m[2]))
  }
  return stages
}

/**
 * After the batch: the workers raised alerts for documents that newly match a watch subject
 * (resolve jobs); as after an ingest, they go to the webhook now, if one is configured.
 */
async function deliverNewAlerts(runtime: Runtime, io: CommandIo): Promise<void> {
  const report = await runtime.deliverAlerts()
  if (report && (report.delivered > 0 || report.failed.length > 0))
    io.stderr.write(
      `alerts: ${report.delivered} delivered, ${report.failed.length} not delivered\n`,
    )
}

async function follow(
  io: CommandIo,
  jobs: ReturnType<typeof createJobRepository>,
  batch: string,
): Promise<number> {
  for (;;) {
    const p = await jobs.batchProgress(batch)
    io.stderr.write(`progress ${formatProgress(p)}\n`)
    if (p.queued + p.running === 0) return p.failed > 0 ? EXIT.partial : EXIT.ok
    await new Promise((r) => setTimeout(r, 1000))
  }
}
