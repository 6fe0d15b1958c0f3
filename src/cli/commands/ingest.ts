/**
 * `tergeu ingest`: reads files and folders, runs the extractor and stores every document with
 * its annotations and facts (idempotently), with a progress bar on a terminal.
 *
 * @module cli/commands/ingest
 */
import { readFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, type Config, describeConfigFlags, loadConfig } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { InvalidInputError } from '#core/errors.ts'
import { listInputFiles, readFiles } from '#pipeline/ingest/read-files.ts'
import { bootstrap, type IngestReport, type Runtime } from '#src/bootstrap.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'

const USAGE = `usage: tergeu ingest [--json] PATH...
       tergeu ingest [--json] --urls FILE [fetch options]

Reads documents from files and folders (.txt, .md, .html, .json = one {id, source, text|html,
published}, .jsonl = many; folders recursively, README.md files in folders skipped), extracts
their facts and stores them. Ingesting the same document again (same id, or the same text under
another id) adds nothing.

With --urls, fetches the URLs listed in FILE (one a line, # starts a comment) politely and
safely (robots.txt, per-host delay, retries, size and time limits, no private addresses) and
links near duplicates into stories; .warc and .warc.gz archives are read as PATHs.

options:
  --json               print the report as JSON on stdout
  --progress           report progress even when stderr is not a terminal: one line a second
                       ("progress 120/300 documents, 24.0 docs/s, ETA 0:07"), for logs
  --urls FILE          fetch and ingest the URLs listed in FILE
  --queue              queue the documents (or URLs) as jobs for "tergeu worker" instead of
                       processing them here (on the embedded database: then work through them)
  --allow-address CIDR, --host-delay MS, --max-bytes N
                       fetch options, as in "tergeu watch --help"
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help

A progress bar (count, rate, ETA) is drawn on stderr when it is a terminal; a summary is always
printed on stderr. An ingest that is stopped (Ctrl-C, or killed outright) can be run again with
the same arguments: what was stored is skipped, nothing is stored twice.

exit codes: 0 all stored, 1 nothing stored or the database is unavailable, 2 usage error,
3 some documents failed`

/** The `ingest` command. */
export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'extract and store documents from files and folders',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        progress: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        urls: { type: 'string' },
        'allow-address': { type: 'string', multiple: true },
        'host-delay': { type: 'string' },
        'max-bytes': { type: 'string' },
        queue: { type: 'boolean' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    if (values.queue) {
      // Queued for `tergeu worker` instead (decision 0010); loaded lazily like watch.ts.
      const { ingestQueued } = await import('./worker-jobs.ts')
      return ingestQueued(io, args, {
        paths: positionals,
        urlsFile: values.urls,
        json: values.json,
        fetchValues: values,
      })
    }
    if (values.urls !== undefined) return ingestUrlList(values.urls, values, io, args)
    if (positionals.length === 0) throw new UsageError('no input files or folders given')
    const config = loadCliConfig(io, args)
    const files = await listFiles(positionals, io.cwd)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const summary = await ingestFiles(runtime, files, io, { progressLines: values.progress })
      if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
      return exitCodeOf(summary)
    } finally {
      await runtime.close()
    }
  },
}

/** The report `ingest --json` prints. */
export interface IngestSummary extends Omit<IngestReport, 'diagnostics'> {
  readonly files: number
  readonly seconds: number
  /** Documents that joined an earlier story as near duplicates (reprints, re-edits). */
  readonly nearDuplicates?: readonly { id: string; storyId: string; matchOf: string }[]
}

/** Loads the config from the command's environment and flags; a bad value is a usage error. */
export function loadCliConfig(io: CommandIo, args: readonly string[]): Config {
  try {
    return loadConfig(io.env, args)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UsageError(error.message)
    throw error
  }
}

/** Lists input files under `paths`; a path that does not exist is a usage error. */
export async function listFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const absolute = paths.map((p) => resolve(cwd, p))
  for (const [i, p] of absolute.entries()) {
    try {
      await stat(p)
    } catch {
      throw new UsageError(`no such file or folder: ${paths[i]}`)
    }
  }
  const given = new Set(absolute)
  // A README inside a corpus folder describes the folder; it is not an article.
  return (await listInputFiles(absolute)).filter(
    (f) => given.has(f) || basename(f).toLowerCase() !== 'readme.md',
  )
}

/**
 * Ingests files through the runtime, drawing progress on `io.stderr` when it is a terminal and
 * printing a summary (added, unchanged, duplicates, failures by reason) on it in every case.
 */
export async function ingestFiles(
  runtime: Runtime,
  files: readonly string[],
  io: CommandIo,
  options: { readonly progressLines?: boolean | undefined } = {},
): Promise<IngestSummary> {
  const started = performance.now()
  const readFailures: { id: string; stage: string; reason: string }[] = []
  const lines = options.progressLines === true && !io.stderr.isTTY
  const progress = createProgress(
    io,
    io.stderr.isTTY || lines ? await countDocuments(files) : 0,
    lines,
  )
  let docsDone = 0
  const seen: string[] = []
  async function* docs(): AsyncGenerator<RawDoc> {
    for (const file of files) {
      for await (const r of readFiles([file])) {
        if (r.ok) {
          seen.push(r.doc.id)
          yield r.doc
        } else readFailures.push({ id: r.source, stage: 'read', reason: r.reason })
      }
    }
  }
  const controller = new AbortController()
  const onSignal = () => controller.abort(new Error('interrupted'))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let report: IngestReport
  try {
    report = await runtime.ingest(docs(), {
      signal: controller.signal,
      // Extraction on a second thread while documents are stored (decision 0012).
      extractionThreads: 1,
      onProgress: (n) => {
        docsDone = n
        progress.update(docsDone)
      },
    })
  } catch (error) {
    if (controller.signal.aborted) {
      progress.done()
      throw new InvalidInputError(`interrupted after ${docsDone} document(s); those are stored`)
    }
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  progress.done()
  // Near duplicates (reprints, re-edits of stored stories) are linked into one story, as for URL
  // and feed ingests. Loaded lazily: watch.ts imports this module.
  const { linkStories } = await import('./watch.ts')
  const { createStoryRepository } = await import('#storage/story-repository.ts')
  const failedIds = new Set(report.failed.map((f) => f.id))
  const duplicateIds = new Set(report.duplicates.map((d) => d.id))
  const toLink = [...new Set(seen)].filter((id) => !failedIds.has(id) && !duplicateIds.has(id))
  const nearDuplicates = await linkStories(createStoryRepository(runtime.database.db), toLink)
  // Entities are resolved in a transaction of their own after each document is stored: a run
  // killed between the two left documents that the restart skips as unchanged. Resolve them.
  await runtime.entities.sync()
  const seconds = Math.round(performance.now() - started) / 1000
  const { diagnostics: _diagnostics, ...rest } = report
  const summary: IngestSummary = {
    ...rest,
    failed: [...readFailures, ...report.failed],
    files: files.length,
    seconds,
    nearDuplicates,
  }
  io.stderr.write(formatSummary(summary, docsDone))
  return summary
}

function exitCodeOf(s: IngestSummary): number {
  const stored = s.added + s.updated + s.unchanged + s.duplicates.length
  if (s.failed.length === 0) return EXIT.ok
  return stored === 0 ? EXIT.failure : EXIT.partial
}

function formatSummary(s: IngestSummary, docs: number): string {
  const rate = s.seconds > 0 ? ` (${(docs / s.seconds).toFixed(1)} docs/s)` : ''
  const lines = [
    `ingested ${s.files} file(s), ${docs} document(s) in ${s.seconds.toFixed(1)}s${rate}: ` +
      `${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ` +
      `${s.duplicates.length} duplicate(s), ${s.failed.length} failed; ` +
      `${s.nearDuplicates?.length ?? 0} near duplicate(s) linked into stories`,
  ]
  const byReason = new Map<string, number>()
  for (const f of s.failed) {
    const key = `${f.stage}: ${f.reason}`
    byReason.set(key, (byReason.get(key) ?? 0) + 1)
  }
  for (const [reason, n] of [...byReason].sort((a, b) => b[1] - a[1]))
    lines.push(`  failed ${n}× ${reason}`)
  for (const f of s.failed.slice(0, 10)) lines.push(`  failed ${f.id} (${f.stage})`)
  if (s.failed.length > 10) lines.push(`  … and ${s.failed.length - 10} more (see --json)`)
  return `${lines.join('\n')}\n`
}

interface Progress {
  update(docsDone: number): void
  done(): void
}

// The bar counts documents, so a .jsonl of thousands weighs what it should: its non-empty lines
// are counted up front (reading is cheap next to extraction).
async function countDocuments(files: readonly string[]): Promise<number> {
  let total = 0
  for (const file of files) {
    if (!file.toLowerCase().endsWith('.jsonl')) {
      total++
      continue
    }
    try {
      const text = await readFile(file, 'utf8')
      let lines = 0
      for (const line of text.split('\n')) if (line.trim()) lines++
      total += Math.max(lines, 1)
    } catch {
      total++
    }
  }
  return total
}

// Redraws at most ten times a second; only on a terminal, so logs and pipes stay clean. With
// `lines` (ingest --progress on a pipe), writes one line after the first document, then at most
// one a second, and one at the end.
function createProgress(io: CommandIo, total: number, lines = false): Progress {
  if (lines && total > 0) return createProgressLines(io, total)
  if (!io.stderr.isTTY || total === 0) return { update() {}, done() {} }
  const started = performance.now()
  let last = 0
  let drawn = false
  return {
    update(docsDone) {
      const now = performance.now()
      if (now - last < 100 && docsDone < total) return
      last = now
      const done = Math.min(docsDone, total)
      const elapsed = (now - started) / 1000
      const width = 24
      const filled = Math.round((done / total) * width)
      const rate = elapsed > 0 ? docsDone / elapsed : 0
      const eta = rate > 0 ? (total - done) / rate : Number.NaN
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
      io.stderr.write(
        `\r\x1b[K${bar} ${done}/${total} documents  ${rate.toFixed(1)} docs/s  ETA ${formatDuration(eta)}`,
      )
      drawn = true
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[K')
    },
  }
}

function createProgressLines(io: CommandIo, total: number): Progress {
  const started = performance.now()
  let last = Number.NEGATIVE_INFINITY
  return {
    update(docsDone) {
      const now = performance.now()
      if (now - last < 1000 && docsDone < total) return
      last = now
      const elapsed = (now - started) / 1000
      const rate = elapsed > 0 ? docsDone / elapsed : 0
      const eta = rate > 0 ? (total - Math.min(docsDone, total)) / rate : Number.NaN
      io.stderr.write(
        `progress ${docsDone}/${total} documents, ${rate.toFixed(1)} docs/s, ETA ${formatDuration(eta)}\n`,
      )
    },
    done() {},
  }
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--'
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** Reads a URL list: one URL a line; blank lines and `#` comments skipped. */
export function parseUrlList(text: string): { urls: string[]; bad: string[] } {
  const urls: string[] = []
  const bad: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?:^|\s)#.*$/, '').trim()
    if (!line) continue
    if (URL.canParse(line) && /^https?:$/.test(new URL(line).protocol))
      urls.push(new URL(line).href)
    else bad.push(line)
  }
  return { urls, bad }
}

// `ingest --urls FILE`: the fetching lives with `watch` (loaded lazily: it imports this module).
async function ingestUrlList(
  file: string,
  values: {
    json?: boolean | undefined
    'allow-address'?: string[] | undefined
    'host-delay'?: string | undefined
    'max-bytes'?: string | undefined
  },
  io: CommandIo,
  args: readonly string[],
): Promise<number> {
  const { fetcherFromFlags, ingestUrls } = await import('./watch.ts')
  const { createFeedRepository } = await import('#storage/feed-repository.ts')
  const { createStoryRepository } = await import('#storage/story-repository.ts')
  let text: string
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8')
  } catch {
    throw new UsageError(`cannot read the URL list ${file}`)
  }
  const { urls, bad } = parseUrlList(text)
  const fetcher = fetcherFromFlags(values)
  const config = loadCliConfig(io, args)
  const started = performance.now()
  const runtime = await bootstrap(config, { cwd: io.cwd })
  try {
    const progress = createProgress(io, urls.length)
    const report = await ingestUrls(runtime, urls, {
      fetcher,
      feeds: createFeedRepository(runtime.database.db),
      stories: createStoryRepository(runtime.database.db),
      onProgress: (done) => progress.update(done),
    })
    progress.done()
    // As for files: documents a killed run stored but did not resolve.
    await runtime.entities.sync()
    const { docIds: _ids, ...rest } = report
    const summary = {
      ...rest,
      failed: [
        ...bad.map((b) => ({ id: b, stage: 'read', reason: 'not an http(s) URL' })),
        ...rest.failed,
      ],
      files: urls.length,
      seconds: Math.round(performance.now() - started) / 1000,
    }
    io.stderr.write(
      formatSummary(summary, urls.length).replace(
        /^ingested (\d+) file\(s\)/,
        'ingested $1 URL(s)',
      ),
    )
    io.stderr.write(
      `  ${report.notModified} not modified, ${report.nearDuplicates.length} linked to an earlier story\n`,
    )
    if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    return exitCodeOf({ ...summary, unchanged: summary.unchanged + summary.notModified })
  } finally {
    await runtime.close()
  }
}
