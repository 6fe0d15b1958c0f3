/**
 * The worker loop shared by `tergeu worker`, the queued modes of `ingest`, `watch` and
 * `reprocess` on the embedded database (which drain the queue in-process), and the job handlers:
 * `fetch` a URL, `extract` a document (a raw one from the payload, or a stored one again),
 * `resolve` a stored document's entities. Design: docs/decisions/0010-work-queue.md.
 *
 * @module cli/commands/worker-run
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { RawDoc } from '#core/document.ts'
import type { Fetcher } from '#pipeline/ingest/fetch-page.ts'
import type { StoryIndex } from '#pipeline/ingest/near-duplicates.ts'
import type { Runtime } from '#src/bootstrap.ts'
import { createFeedRepository } from '#storage/feed-repository.ts'
import {
  type ClaimedJob,
  createJobRepository,
  type JobRepository,
  type NewJob,
} from '#storage/job-repository.ts'
import { createStoryRepository } from '#storage/story-repository.ts'
import { ingestUrls, linkStories, loadStoryIndex, type UrlIngestReport } from './watch.ts'

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** Jobs run at once by this process (default 1). */
  readonly concurrency?: number
  /** How long a claim holds a job before another worker may take it (default 60 s). */
  readonly leaseMs?: number
  /** Needed for `fetch` jobs. */
  readonly fetcher?: Fetcher
  /** Stop once no job is queued or running anywhere (tests, the embedded database). */
  readonly exitWhenIdle?: boolean
  /** Stop claiming when aborted; jobs in flight finish first. */
  readonly signal?: AbortSignal
  /** Milliseconds between claims while the queue is empty (default 1000). */
  readonly pollMs?: number
  /** Called after each job. */
  readonly onJob?: (job: ClaimedJob, outcome: 'done' | 'retry' | 'failed', error?: string) => void
  /** Run the extractor once over a small text before the first claim (default true). */
  readonly warmUp?: boolean
  /** Called when the queue cannot be read or written (the worker waits and goes on). */
  readonly onError?: (error: unknown) => void
  /** This worker's name in the queue (default host:pid:random). */
  readonly workerId?: string
}

/** What a worker did before it stopped. */
export interface WorkerReport {
  readonly workerId: string
  readonly done: number
  readonly retried: number
  readonly failed: number
}

/**
 * Claims and runs jobs until stopped (or idle, with `exitWhenIdle`). A job's lease is extended
 * while it runs; a failure is retried with a growing delay until its attempts are spent.
 */
export async function runWorker(
  runtime: Runtime,
  options: WorkerOptions = {},
): Promise<WorkerReport> {
  const jobs = createJobRepository(runtime.database.db)
  const workerId =
    options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const concurrency = Math.max(1, options.concurrency ?? 1)
  const leaseMs = Math.max(1000, options.leaseMs ?? 60_000)
  const pollMs = options.pollMs ?? 1000
  const handlers = createHandlers(runtime, jobs, options.fetcher)
  // The stages load their lexicons on first use, synchronously: seconds on a loaded machine, in
  // which another job's pending database connection would time out. Load them before claiming.
  if (options.warmUp !== false) await warmUp(runtime)
  const inFlight = new Map<string, Promise<void>>()
  const counts = { done: 0, retried: 0, failed: 0 }
  // Set when a job finishes or the signal aborts, so that the wait below does not sleep.
  let woken = false
  let endWait: (() => void) | null = null
  const wake = () => {
    woken = true
    endWait?.()
  }

  const heartbeat = setInterval(
    () => {
      for (const id of inFlight.keys()) void jobs.extendLease(id, workerId, leaseMs).catch(() => {})
    },
    Math.max(250, Math.floor(leaseMs / 3)),
  )
  const onAbort = () => wake()
  options.signal?.addEventListener('abort', onAbort)

  const runJob = async (job: ClaimedJob) => {
    let error: unknown = null
    try {
      await handlers.run(job)
    } catch (e) {
      error = e ?? new Error('failed')
    }
    try {
      if (error === null) {
        await jobs.complete(job.id, workerId)
        counts.done++
        options.onJob?.(job, 'done')
      } else {
        const message = error instanceof Error ? error.message : String(error)
        const outcome = await jobs.fail(job.id, workerId, message)
        if (outcome === 'failed') counts.failed++
        else counts.retried++
        options.onJob?.(job, outcome, message)
      }
    } catch (e) {
      // The database went away: the lease runs out and another worker (or this one) retries.
      options.onError?.(e)
    }
  }

  try {
    while (!options.signal?.aborted) {
      const free = concurrency - inFlight.size
      let claimed: ClaimedJob[] = []
      try {
        if (free > 0) claimed = await jobs.claim(workerId, { limit: free, leaseMs })
      } catch (error) {
        // The database is restarting or unreachable: wait and try again, do not exit.
        options.onError?.(error)
        await new Promise((r) => setTimeout(r, Math.max(pollMs, 5000)))
        continue
      }
      for (const job of claimed) {
        const p = runJob(job).finally(() => {
          inFlight.delete(job.id)
          wake()
        })
        inFlight.set(job.id, p)
      }
      if (claimed.length > 0 && inFlight.size < concurrency) continue
      if (claimed.length === 0 && inFlight.size === 0 && options.exitWhenIdle) {
        const { total } = await jobs.counts()
        if (total.queued + total.running === 0) break
      }
      // Wait for a free slot, or for the next poll.
      if (!woken) {
        let timer: NodeJS.Timeout | undefined
        await new Promise<void>((resolve) => {
          endWait = resolve
          timer = setTimeout(resolve, inFlight.size >= concurrency ? 60_000 : pollMs)
        })
        clearTimeout(timer)
        endWait = null
      }
      woken = false
    }
    await Promise.all(inFlight.values())
  } finally {
    clearInterval(heartbeat)
    options.signal?.removeEventListener('abort', onAbort)
  }
  return { workerId, ...counts }
}

async function warmUp(runtime: Runtime): Promise<void> {
  const texts = [
    'Police in Almaty detained an official on 3 May 2026 over a bribe of 2 million tenge.',
    'Полиция Алматы задержала чиновника 3 мая 2026 года за взятку в 2 млн тенге.',
    'Алматы полициясы 2026 жылғы 3 мамырда 2 млн теңге пара алған шенеунікті ұстады.',
  ]
  for (const [i, raw] of texts.entries())
    await runtime.pipeline.run({
      id: `warm-up-${i}`,
      source: 'warm-up',
      url: null,
      format: 'text',
      raw,
      published: null,
    })
}

// One handler per kind. The story index is loaded once per worker and refreshed every minute:
// near duplicates stored by other workers within the last minute can be missed (decision 0010).
function createHandlers(runtime: Runtime, jobs: JobRepository, fetcher: Fetcher | undefined) {
  const feeds = createFeedRepository(runtime.database.db)
  const stories = createStoryRepository(runtime.database.db)
  let index: { value: Promise<StoryIndex>; at: number } | null = null
  const storyIndex = () => {
    if (!index || Date.now() - index.at > 60_000)
      index = { value: loadStoryIndex(stories), at: Date.now() }
    return index.value
  }
  return {
    async run(job: ClaimedJob): Promise<void> {
      const p = job.payload
      if (job.kind === 'extract' && typeof p['docId'] === 'string') {
        const status = await runtime.reextract(p['docId'])
        if (status === 'added' || status === 'updated')
          await jobs.enqueue([
            {
              kind: 'resolve',
              payload: { docId: p['docId'] },
              dedupeKey: `doc:${p['docId']}`,
              ...(job.batch ? { batch: job.batch } : {}),
            },
          ])
        return
      }
      if (job.kind === 'extract' && typeof p['doc'] === 'object' && p['doc'] !== null) {
        const doc = p['doc'] as RawDoc
        const report = await runtime.ingest([doc])
        const failure = report.failed[0]
        if (failure) throw new Error(`${failure.stage}: ${failure.reason}`)
        if (report.added + report.updated > 0)
          await linkStories(stories, [doc.id], await storyIndex())
        return
      }
      if (job.kind === 'resolve' && typeof p['docId'] === 'string') {
        await runtime.entities.resolveDocument(p['docId'])
        // Alerts for the watch subjects the re-extracted version matches, as ingest raises them
        // (once per subject and document: an alert raised before is not raised again).
        await runtime.alerts.checkDocuments([p['docId']])
        return
      }
      if (job.kind === 'fetch' && typeof p['url'] === 'string') {
        if (!fetcher) throw new Error('this worker has no fetcher')
        const url = p['url']
        const feedUrl = typeof p['feedUrl'] === 'string' ? p['feedUrl'] : null
        const title = typeof p['title'] === 'string' ? p['title'] : null
        const date = typeof p['date'] === 'string' ? p['date'] : null
        const report = await ingestUrls(runtime, [url], {
          fetcher,
          feeds,
          stories,
          feedUrl,
          index: await storyIndex(),
          items: new Map([[url, { url, title, published: null, date, isSitemap: false }]]),
        })
        const failure = report.failed[0]
        if (failure) throw new Error(`${failure.stage}: ${failure.reason}`)
        return
      }
      throw new Error(`unknown job: ${job.kind} ${JSON.stringify(p).slice(0, 200)}`)
    },
  }
}

/** Extract jobs for raw documents (`ingest --queue`): one per document, deduplicated by id. */
export function extractJobs(docs: readonly RawDoc[], batch: string): NewJob[] {
  return docs.map((doc) => ({
    kind: 'extract',
    payload: {
      doc: {
        id: doc.id,
        source: doc.source,
        url: doc.url,
        format: doc.format,
        raw: doc.raw,
        published: doc.published,
      },
    },
    dedupeKey: `doc:${doc.id}`,
    batch,
  }))
}

/** Fetch jobs for URLs, deduplicated by URL. */
export function fetchJobs(
  urls: readonly string[],
  batch: string,
  options: {
    readonly feedUrl?: string | null
    readonly items?: ReadonlyMap<string, { title: string | null; date: string | null }>
  } = {},
): NewJob[] {
  return urls.map((url) => {
    const item = options.items?.get(url)
    return {
      kind: 'fetch',
      payload: {
        url,
        ...(options.feedUrl ? { feedUrl: options.feedUrl } : {}),
        ...(item?.title ? { title: item.title } : {}),
        ...(item?.date ? { date: item.date } : {}),
      },
      dedupeKey: `url:${url}`,
      batch,
    }
  })
}

/**
 * What `watch --queue` passes to `pollFeeds` instead of {@link ingestUrls}: the new items become
 * fetch jobs; the report counts nothing as stored (the workers store them).
 */
export async function enqueueUrls(
  runtime: Runtime,
  urls: readonly string[],
  options: {
    readonly feedUrl?: string | null
    readonly items?: ReadonlyMap<string, { title: string | null; date: string | null }>
  },
): Promise<UrlIngestReport> {
  const batch = `watch-${new Date().toISOString().slice(0, 13)}`
  await createJobRepository(runtime.database.db).enqueue(fetchJobs(urls, batch, options))
  return {
    added: 0,
    updated: 0,
    unchanged: 0,
    notModified: 0,
    duplicates: [],
    nearDuplicates: [],
    failed: [],
    docIds: new Map(),
  }
}

/** A batch name: its kind and the time it was queued. */
export function batchName(kind: string): string {
  return `${kind}-${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`
}
