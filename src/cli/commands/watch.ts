/**
 * `tergeu watch`: polls every feed on its schedule, fetches the items not seen before and
 * ingests them; `--once` polls what is due and exits (tests, cron). Also the URL ingestion that
 * `tergeu ingest --urls` shares: fetch politely, store with the fetch record, link stories.
 *
 * @module cli/commands/watch
 */
import { createHash } from 'node:crypto'
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { type FeedItem, parseFeed } from '#pipeline/ingest/feeds.ts'
import { createFetcher, type Fetcher, type FetchResult } from '#pipeline/ingest/fetch-page.ts'
import {
  bandKeysOf,
  createStoryIndex,
  type StoryIndex,
  type StoryMatch,
  signText,
  type TextSignature,
} from '#pipeline/ingest/near-duplicates.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createFeedRepository, type FeedRepository } from '#storage/feed-repository.ts'
import { createStoryRepository, type StoryRepository } from '#storage/story-repository.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

/** What ingesting a list of URLs did. */
export interface UrlIngestReport {
  readonly added: number
  readonly updated: number
  readonly unchanged: number
  /** Answered 304 Not Modified: the stored copy stands. */
  readonly notModified: number
  /** Same normalised text as a stored document (not stored again). */
  readonly duplicates: readonly { readonly id: string; readonly duplicateOf: string }[]
  /** Stored, and linked to the story of an earlier near-identical document. */
  readonly nearDuplicates: readonly {
    readonly id: string
    readonly storyId: string
    readonly matchOf: string
  }[]
  /** One line per URL that failed, by stage (`fetch`, or a pipeline stage). */
  readonly failed: readonly {
    readonly id: string
    readonly stage: string
    readonly reason: string
  }[]
  /** Document id of each URL stored (or found unchanged). */
  readonly docIds: ReadonlyMap<string, string>
}

/** What {@link ingestUrls} needs besides the runtime. */
export interface UrlIngestOptions {
  readonly fetcher: Fetcher
  readonly feeds: FeedRepository
  readonly stories: StoryRepository
  /** The feed the URLs came from, recorded with each fetch. */
  readonly feedUrl?: string | null
  /** Titles and dates the feed gave, by URL. */
  readonly items?: ReadonlyMap<string, FeedItem>
  /** URLs fetched at once (the fetcher still limits each host); default 8. */
  readonly concurrency?: number
  /** The story index to add to (built from storage when absent; pass one to share it). */
  readonly index?: StoryIndex
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: AbortSignal
}

/** The document id of a URL: stable across runs, so re-ingesting it updates one document. */
export function docIdForUrl(url: string): string {
  return `url-${createHash('sha256').update(url).digest('hex').slice(0, 20)}`
}

/**
 * Fetches URLs, ingests them through the runtime and records every fetch (status, time,
 * validators) and story link. One bad URL is one line in `failed`; the run goes on.
 */
export async function ingestUrls(
  runtime: Runtime,
  urls: readonly string[],
  options: UrlIngestOptions,
): Promise<UrlIngestReport> {
  const index = options.index ?? (await loadStoryIndex(options.stories))
  const concurrency = Math.max(1, options.concurrency ?? 8)
  const failed: { id: string; stage: string; reason: string }[] = []
  const duplicates: { id: string; duplicateOf: string }[] = []
  const nearDuplicates: { id: string; storyId: string; matchOf: string }[] = []
  const docIds = new Map<string, string>()
  let added = 0
  let updated = 0
  let unchanged = 0
  let notModified = 0
  let done = 0
  const unique = [...new Set(urls)]
  // Batches: fetch in parallel, then extract and store one by one.
  for (let start = 0; start < unique.length; start += concurrency * 4) {
    options.signal?.throwIfAborted()
    const batch = unique.slice(start, start + concurrency * 4)
    const fetched: { url: string; result: FetchResult }[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
        while (next < batch.length) {
          const url = batch[next++]!
          const prior = await options.feeds.findFetch(url)
          const known = prior?.docId && !prior.error
          const result = await options.fetcher.fetch({
            url,
            etag: known ? prior.etag : null,
            lastModified: known ? prior.lastModified : null,
          })
          fetched.push({ url, result })
          if (!result.ok || result.notModified) options.onProgress?.(++done, unique.length)
          if (result.ok && result.notModified && prior?.docId) {
            notModified++
            docIds.set(url, prior.docId)
          }
        }
      }),
    )
    const docs: RawDoc[] = []
    for (const { url, result } of fetched) {
      if (!result.ok) {
        failed.push({ id: url, stage: 'fetch', reason: result.reason })
        await options.feeds.recordFetch({
          url,
          finalUrl: result.url,
          docId: null,
          feedUrl: options.feedUrl ?? null,
          fetchedAt: result.fetchedAt,
          httpStatus: result.status,
          etag: null,
          lastModified: null,
          contentType: null,
          encoding: null,
          invalidBytes: 0,
          error: result.reason,
        })
        continue
      }
      const id = docIdForUrl(url)
      await options.feeds.recordFetch({
        url,
        finalUrl: result.url,
        docId: result.notModified ? (docIds.get(url) ?? id) : id,
        feedUrl: options.feedUrl ?? null,
        fetchedAt: result.fetchedAt,
        httpStatus: result.status,
        etag: result.etag,
        lastModified: result.lastModified,
        contentType: result.contentType,
        encoding: result.encoding,
        invalidBytes: result.invalidBytes,
        error: null,
      })
      if (result.notModified) continue
      const item = options.items?.get(url)
      const mediaType = (result.contentType ?? '').split(';')[0]!.trim().toLowerCase()
      docs.push({
        id,
        source: new URL(result.url).host,
        url: result.url,
        format: mediaType === 'text/plain' ? 'text' : 'html',
        raw: result.text,
        published: item?.date ?? null,
      })
    }
    if (docs.length === 0) continue
    const report = await runtime.ingest(docs, {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: () => options.onProgress?.(++done, unique.length),
    })
    added += report.added
    updated += report.updated
    unchanged += report.unchanged
    duplicates.push(...report.duplicates)
    const failedIds = new Set(report.failed.map((f) => f.id))
    const duplicateOf = new Map(report.duplicates.map((d) => [d.id, d.duplicateOf]))
    for (const f of report.failed) {
      const doc = docs.find((d) => d.id === f.id)
      failed.push({ id: doc?.url ?? f.id, stage: f.stage, reason: f.reason })
    }
    const toLink: string[] = []
    for (const doc of docs) {
      if (failedIds.has(doc.id)) continue
      const storedId = duplicateOf.get(doc.id) ?? doc.id
      docIds.set(doc.url ?? doc.id, storedId)
      if (!duplicateOf.has(doc.id)) toLink.push(storedId)
    }
    nearDuplicates.push(...(await linkStories(options.stories, toLink, index)))
  }
  return { added, updated, unchanged, notModified, duplicates, nearDuplicates, failed, docIds }
}

/**
 * Links stored documents into stories: signs each one's cleaned text, finds its near duplicates
 * among everything stored before, and saves the link. Returns the documents that joined an
 * earlier story. Call it after `runtime.ingest` with the ids stored (file ingest can too).
 */
export async function linkStories(
  stories: StoryRepository,
  docIds: readonly string[],
  index?: StoryIndex,
): Promise<{ id: string; storyId: string; matchOf: string }[]> {
  const idx = index ?? (await loadStoryIndex(stories))
  const linked: { id: string; storyId: string; matchOf: string }[] = []
  for (let i = 0; i < docIds.length; i += 500) {
    const slice = docIds.slice(i, i + 500)
    const texts = await stories.textsOf(slice)
    // Saved together after the slice: one statement instead of a transaction per document.
    const toSave: { docId: string; link: StoryMatch; signature: TextSignature }[] = []
    // In the order given: the first copy of a story stays its original.
    for (const id of slice) {
      const text = texts.get(id)
      if (text === undefined) continue
      const signature = signText(text)
      // Linked before (a re-run, or a run killed after storing documents): the stored link
      // (which copy it matched, how closely) stays as it is and is not reported again.
      if (idx.signatureOf(id)?.exactHash === signature.exactHash) continue
      const match = idx.addSignature(id, signature)
      toSave.push({ docId: id, link: match, signature })
      if (match.kind !== 'new' && match.matchOf)
        linked.push({ id, storyId: match.storyId, matchOf: match.matchOf })
    }
    await stories.saveMany(toSave)
  }
  return linked
}

/** Builds the story index from every stored signature: today's reprint joins last month's story. */
export async function loadStoryIndex(stories: StoryRepository): Promise<StoryIndex> {
  const index = createStoryIndex()
  for (const row of await stories.loadSignatures()) {
    const sig = row.signature
    index.addSigned(
      row.docId,
      { ...sig, bandKeys: sig.shingles > 0 ? bandKeysOf(sig.minhash) : [] },
      row.storyId,
    )
  }
  return index
}

/** What one round of polling did. */
export interface PollReport {
  readonly feeds: readonly {
    readonly url: string
    readonly status: 'ok' | 'not-modified' | 'failed'
    readonly items: number
    readonly newItems: number
    readonly error: string | null
  }[]
  readonly ingest: Omit<UrlIngestReport, 'docIds'>
}

/** Polls every feed due at `now` once and ingests its new items. */
export async function pollFeeds(
  runtime: Runtime,
  options: Omit<UrlIngestOptions, 'feedUrl' | 'items'> & {
    readonly now?: Date
    /** New items fetched per feed and poll, newest first (default 200). */
    readonly maxItemsPerPoll?: number
    /** Stores the new items instead of {@link ingestUrls} (`watch --queue` queues fetch jobs). */
    readonly ingestUrls?: typeof ingestUrls
  },
): Promise<PollReport> {
  const now = options.now ?? new Date()
  const index = options.index ?? (await loadStoryIndex(options.stories))
  const feedsReport: PollReport['feeds'][number][] = []
  const total = {
    added: 0,
    updated: 0,
    unchanged: 0,
    notModified: 0,
    duplicates: [] as UrlIngestReport['duplicates'][number][],
    nearDuplicates: [] as UrlIngestReport['nearDuplicates'][number][],
    failed: [] as UrlIngestReport['failed'][number][],
  }
  for (const feed of await options.feeds.due(now)) {
    options.signal?.throwIfAborted()
    const accept = ['application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml']
    const res = await options.fetcher.fetch({
      url: feed.url,
      etag: feed.etag,
      lastModified: feed.lastModified,
      accept: [...accept, 'text/html', 'text/plain'],
    })
    if (!res.ok) {
      await options.feeds.recordPoll(feed.url, { status: res.status, error: res.reason }, now)
      feedsReport.push({
        url: feed.url,
        status: 'failed',
        items: 0,
        newItems: 0,
        error: res.reason,
      })
      total.failed.push({ id: feed.url, stage: 'feed', reason: res.reason })
      continue
    }
    if (res.notModified) {
      await options.feeds.recordPoll(feed.url, { status: 304, error: null }, now)
      feedsReport.push({
        url: feed.url,
        status: 'not-modified',
        items: 0,
        newItems: 0,
        error: null,
      })
      continue
    }
    const parsed = parseFeed(res.text, res.url)
    if (!parsed.ok) {
      await options.feeds.recordPoll(feed.url, { status: res.status, error: parsed.reason }, now)
      feedsReport.push({
        url: feed.url,
        status: 'failed',
        items: 0,
        newItems: 0,
        error: parsed.reason,
      })
      total.failed.push({ id: feed.url, stage: 'feed', reason: parsed.reason })
      continue
    }
    let items = parsed.items.filter((i) => !i.isSitemap)
    // A sitemap index lists sitemaps: read the first few (newest are usually listed first).
    for (const child of parsed.items.filter((i) => i.isSitemap).slice(0, 10)) {
      const sub = await options.fetcher.fetch({ url: child.url, accept })
      if (!sub.ok || sub.notModified) continue
      const subParsed = parseFeed(sub.text, sub.url)
      if (subParsed.ok) items = items.concat(subParsed.items.filter((i) => !i.isSitemap))
    }
    const byUrl = new Map(items.map((i) => [i.url, i]))
    // Newest first, and at most `maxItemsPerPoll` a round: a 50,000-URL sitemap is worked
    // through over several polls instead of one very long one.
    const fresh = (await options.feeds.unseen(feed.url, [...byUrl.keys()]))
      .sort((a, b) => (byUrl.get(b)?.published ?? '').localeCompare(byUrl.get(a)?.published ?? ''))
      .slice(0, options.maxItemsPerPoll ?? 200)
    const report = await (options.ingestUrls ?? ingestUrls)(runtime, fresh, {
      ...options,
      index,
      feedUrl: feed.url,
      items: byUrl,
    })
    // Items that failed to fetch stay unseen, so the next poll tries them again.
    const failedUrls = new Set(report.failed.map((f) => f.id))
    await options.feeds.markSeen(
      feed.url,
      fresh
        .filter((u) => !failedUrls.has(u))
        .map((u) => ({
          url: u,
          title: byUrl.get(u)?.title ?? null,
          published: byUrl.get(u)?.published ?? null,
          docId: report.docIds.get(u) ?? null,
        })),
    )
    await options.feeds.recordPoll(
      feed.url,
      {
        status: res.status,
        error: null,
        etag: res.etag,
        lastModified: res.lastModified,
        title: parsed.title,
        kind: parsed.kind,
      },
      now,
    )
    feedsReport.push({
      url: feed.url,
      status: 'ok',
      items: items.length,
      newItems: fresh.length,
      error: null,
    })
    total.added += report.added
    total.updated += report.updated
    total.unchanged += report.unchanged
    total.notModified += report.notModified
    total.duplicates.push(...report.duplicates)
    total.nearDuplicates.push(...report.nearDuplicates)
    total.failed.push(...report.failed)
  }
  return { feeds: feedsReport, ingest: total }
}

/** The fetch flags `watch` and `ingest --urls` share. */
export const FETCH_FLAGS = {
  'allow-address': { type: 'string', multiple: true },
  'host-delay': { type: 'string' },
  'max-bytes': { type: 'string' },
} as const

/** Help lines of {@link FETCH_FLAGS}. */
export const FETCH_FLAGS_HELP = `  --allow-address CIDR  let fetches reach this non-public network (repeatable; e.g.
                        127.0.0.1/32 for a local test server). Loopback, private, link-local
                        and metadata addresses are refused otherwise, after DNS resolution
  --host-delay MS       milliseconds between requests to one host (default 1000)
  --max-bytes N         largest page accepted (default 10000000)`

/** Builds the fetcher from the {@link FETCH_FLAGS} values; a bad value is a usage error. */
export function fetcherFromFlags(values: {
  'allow-address'?: string[] | undefined
  'host-delay'?: string | undefined
  'max-bytes'?: string | undefined
}): Fetcher {
  const number = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number`)
    return n
  }
  const delay = number('host-delay', values['host-delay'])
  const maxBytes = number('max-bytes', values['max-bytes'])
  try {
    return createFetcher({
      addresses: { allow: values['allow-address'] ?? [] },
      ...(delay !== undefined ? { perHostDelayMs: delay } : {}),
      ...(maxBytes !== undefined ? { maxBytes } : {}),
    })
  } catch (error) {
    throw new UsageError(`--allow-address: ${(error as Error).message}`)
  }
}

const USAGE = `usage: tergeu watch [--once] [--json] [options]

Polls every feed added with "tergeu feeds add" when it is due, fetches the items not seen
before and ingests them (near duplicates are linked into stories). Runs until interrupted;
--once polls what is due now and exits (for cron and tests). Each round ends with a summary on
stderr (feeds read, documents added, failures counted by reason); on a terminal a progress line
(items, rate, ETA) is drawn while items are fetched.

options:
  --once                poll once and exit
  --json                print each round's report as JSON on stdout (one line a round)
  --queue               queue the new items as fetch jobs for "tergeu worker" (on the
                        embedded database this process then fetches them itself)
${FETCH_FLAGS_HELP}
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help            this help

exit codes: 0 ok, 1 failure, 2 usage error, 3 some feeds or items failed (with --once)`

/** The `watch` command. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'poll feeds on their schedule and ingest new items',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        once: { type: 'boolean' },
        json: { type: 'boolean' },
        queue: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...FETCH_FLAGS,
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const fetcher = fetcherFromFlags(values)
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    const controller = new AbortController()
    const onSignal = () => controller.abort(new Error('interrupted'))
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    try {
      const feeds = createFeedRepository(runtime.database.db)
      const stories = createStoryRepository(runtime.database.db)
      for (;;) {
        const progress = createPollProgress(io)
        const queued = values.queue ? await import('./worker-run.ts') : null
        const report = await pollFeeds(runtime, {
          fetcher,
          feeds,
          stories,
          signal: controller.signal,
          onProgress: progress.onProgress,
          ...(queued ? { ingestUrls: queued.enqueueUrls } : {}),
        })
        progress.done()
        // Queued items are fetched by `tergeu worker`; the embedded database has none but this.
        if (queued && runtime.database.kind === 'pglite') {
          const { drainInProcess } = await import('./worker-jobs.ts')
          await drainInProcess(runtime, io, '', { fetchValues: values })
        }
        // Documents a killed earlier round stored but did not resolve (see decision 0007).
        await runtime.entities.sync()
        writeReport(io, report, values.json === true)
        if (values.once) return report.ingest.failed.length > 0 ? EXIT.partial : EXIT.ok
        const due = (await feeds.list()).map((f) => Date.parse(f.nextPollAt))
        const wait = Math.min(
          Math.max(30_000, Math.min(...due, Date.now() + 600_000) - Date.now()),
          600_000,
        )
        await new Promise<void>((r) => {
          const t = setTimeout(r, wait)
          controller.signal.addEventListener('abort', () => {
            clearTimeout(t)
            r()
          })
        })
        if (controller.signal.aborted) return EXIT.ok
      }
    } catch (error) {
      if (controller.signal.aborted) return EXIT.ok
      throw error
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await runtime.close()
    }
  },
}

function writeReport(io: CommandIo, report: PollReport, json: boolean): void {
  if (json) io.stdout.write(`${JSON.stringify(report)}\n`)
  io.stderr.write(formatPollSummary(report))
}

/**
 * The summary of one round of polling (issue #5, point 9): what was added, feeds by status,
 * failures counted by reason (the most frequent first), then the first failures one a line.
 */
export function formatPollSummary(report: PollReport): string {
  const r = report.ingest
  const feeds = { ok: 0, 'not-modified': 0, failed: 0 }
  for (const f of report.feeds) feeds[f.status]++
  const lines = [
    `polled ${report.feeds.length} feed(s) (${feeds.ok} read, ${feeds['not-modified']} not modified, ` +
      `${feeds.failed} failed): ${r.added} added, ${r.updated} updated, ` +
      `${r.notModified} not modified, ${r.duplicates.length} duplicate(s), ` +
      `${r.nearDuplicates.length} linked to a story, ${r.failed.length} failed`,
  ]
  const byReason = new Map<string, number>()
  for (const f of r.failed) {
    const key = `${f.stage}: ${reasonClass(f.reason)}`
    byReason.set(key, (byReason.get(key) ?? 0) + 1)
  }
  for (const [reason, n] of [...byReason].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    lines.push(`  failed ${n}× ${reason}`)
  for (const f of r.failed.slice(0, 10)) lines.push(`  failed ${f.id} (${f.stage}): ${f.reason}`)
  if (r.failed.length > 10) lines.push(`  … and ${r.failed.length - 10} more (see --json)`)
  return `${lines.join('\n')}\n`
}

// A failure reason without what differs from one URL to the next (the URL, the address), so
// that "refused: 10.0.0.5 is a private address" and the same for 10.0.0.6 count together.
function reasonClass(reason: string): string {
  return reason
    .replace(/\bhttps?:\/\/\S+/giu, 'URL')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/gu, 'ADDRESS')
    .replace(/\[?[0-9a-f]*:[0-9a-f:]+:[0-9a-f]*\]?/giu, 'ADDRESS')
}

/**
 * A one-line progress display of a poll on a terminal (items fetched of those due, rate, ETA);
 * nothing when stderr is not a terminal.
 */
function createPollProgress(io: CommandIo): {
  onProgress: (done: number, total: number) => void
  done(): void
} {
  if (!io.stderr.isTTY) return { onProgress() {}, done() {} }
  let started = 0
  let last = 0
  let drawn = false
  return {
    onProgress(done, total) {
      const now = performance.now()
      if (done <= 1 || started === 0) started = now
      if (now - last < 100 && done < total) return
      last = now
      const elapsed = (now - started) / 1000
      const rate = elapsed > 0 ? done / elapsed : 0
      const eta = rate > 0 ? Math.round((total - done) / rate) : null
      const etaText =
        eta === null ? '--:--' : `${Math.floor(eta / 60)}:${String(eta % 60).padStart(2, '0')}`
      io.stderr.write(
        `\r\x1b[Kfeed items ${done}/${total}  ${rate.toFixed(1)} items/s  ETA ${etaText}`,
      )
      drawn = true
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[K')
      drawn = false
    },
  }
}
