/**
 * The composition root: config → database, repositories, pipeline and HTTP app. The only place
 * that knows how the parts fit together; commands call it and get back one `close()`.
 *
 * @module bootstrap
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type { Hono } from 'hono'
import {
  type AlertDelivery,
  createAlertDelivery,
  type DeliveryReport,
} from '#api/alert-delivery.ts'
import { createApp } from '#api/app.ts'
import type { Config } from '#config/config.ts'
import type { Diagnostic } from '#core/diagnostic.ts'
import type { ExtractedDoc, RawDoc } from '#core/document.ts'
import { StageError } from '#core/errors.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import { paragraphLanguageAnnotations } from '#pipeline/ingest/paragraph-languages.ts'
import { toAnnotations } from '#pipeline/output/annotations.ts'
import type { Pipeline } from '#pipeline/pipeline.ts'
import { type PipelineWorker, runPipelined, startPipelineWorker } from '#pipeline/run-batch.ts'
import { type AlertRepository, createAlertRepository } from '#storage/alert-repository.ts'
import { createAuditRepository } from '#storage/audit-repository.ts'
import {
  type DatabaseHandle,
  type MigrationReport,
  migrateToLatest,
  openDatabase,
} from '#storage/database.ts'
import {
  createDocumentRepository,
  type DocumentRepository,
  type SaveResult,
} from '#storage/document-repository.ts'
import { type BatchItem, createBatchWriter } from '#storage/document-repository-batch.ts'
import {
  createFurnitureRepository,
  type FurnitureRepository,
} from '#storage/document-repository-furniture.ts'
import { createEntityRepository, type EntityRepository } from '#storage/entity-repository.ts'
import { createWatchlistRepository } from '#storage/entity-watchlists.ts'
import { createExportRepository } from '#storage/export-repository.ts'
import { createGraphRepository } from '#storage/graph-repository.ts'
import {
  createScreeningRepository,
  type ScreeningRepository,
} from '#storage/screening-repository.ts'
import { createSearchRepository, type SearchRepository } from '#storage/search-repository.ts'
import { createStatsRepository } from '#storage/stats-repository.ts'
import { createStoryReader } from '#storage/story-reader.ts'
import { hashRawDoc } from '#storage/text-hash.ts'
import { createUserRepository } from '#storage/user-repository.ts'

/** What an ingest run did, per document. */
export interface IngestReport {
  readonly added: number
  readonly updated: number
  readonly unchanged: number
  /** New ids whose text was already stored under another id. */
  readonly duplicates: readonly { readonly id: string; readonly duplicateOf: string }[]
  /** Documents that could not be read, processed or stored, with the stage and reason. */
  readonly failed: readonly {
    readonly id: string
    readonly stage: string
    readonly reason: string
  }[]
  readonly diagnostics: readonly Diagnostic[]
}

/** Options of {@link Runtime.ingest}. */
export interface IngestOptions {
  /** Called after each document (for progress bars). */
  readonly onProgress?: (done: number) => void
  readonly signal?: AbortSignal
  /** When given, wall milliseconds spent in each part of the run are added to it (benchmarks). */
  readonly timings?: IngestTimings
  /**
   * Extract on a worker thread (1) beside the storing, or here (0, the default: no thread to
   * start for a handful of documents). Long ingests (`tergeu ingest`) ask for 1.
   */
  readonly extractionThreads?: 0 | 1
}

/**
 * Where an ingest run spent its time, in milliseconds (see {@link IngestOptions.timings}): wall
 * time in each field, and the CPU time of this process (the embedded database runs in it) in
 * `cpu`, by the same keys.
 */
export interface IngestTimings {
  /** Asking the database whether an input was stored before (the skip of unchanged inputs). */
  check: number
  /** Running the pipeline (clean, detect, segment, extract). */
  extract: number
  /** Storing documents, annotations and facts. */
  store: number
  /** Resolving the stored document's entities. */
  resolve: number
  readonly cpu?: { check: number; extract: number; store: number; resolve: number }
}

// Adds the wall and CPU time since `since` to `timings[key]` (when timings are asked for).
function addTiming(
  timings: IngestTimings | undefined,
  key: 'check' | 'extract' | 'store' | 'resolve',
  since: { wall: number; cpu: NodeJS.CpuUsage } | null,
): void {
  if (!timings || !since) return
  timings[key] += performance.now() - since.wall
  if (timings.cpu) {
    const c = process.cpuUsage(since.cpu)
    timings.cpu[key] += (c.user + c.system) / 1000
  }
}

function startTiming(timings: IngestTimings | undefined) {
  return timings ? { wall: performance.now(), cpu: process.cpuUsage() } : null
}

/** The running application: every part, wired, and one `close()`. */
export interface Runtime {
  readonly database: DatabaseHandle
  readonly documents: DocumentRepository
  readonly search: SearchRepository
  /** Screens names against the persons in the record. */
  readonly screening: ScreeningRepository
  /** Entities resolved across documents; each stored document is resolved as it is saved. */
  readonly entities: EntityRepository
  /** Watch subjects and alerts; each stored document is checked against the subjects. */
  readonly alerts: AlertRepository
  /** Delivers the alerts due to the configured webhook; `null` when none is configured. */
  deliverAlerts(): Promise<DeliveryReport | null>
  readonly pipeline: Pipeline<RawDoc, ExtractedDoc>
  readonly version: string
  /** What `migrate` applied on open (empty when `migrate: false` or already up to date). */
  readonly migrations: MigrationReport
  /** Runs the pipeline over documents and stores each (idempotently). Never throws per document. */
  ingest(
    docs: Iterable<RawDoc> | AsyncIterable<RawDoc>,
    options?: IngestOptions,
  ): Promise<IngestReport>
  /**
   * Runs the current extractor again over a stored document's text (title and format kept) and
   * stores the new facts; entities are not resolved here (a `resolve` job does it). Resolves to
   * `missing` when no such document is stored.
   */
  reextract(docId: string): Promise<SaveResult['status'] | 'missing'>
  /** Builds the HTTP app over this runtime; `staticRoot` serves a built web UI. */
  createHttpApp(options?: {
    readonly staticRoot?: string
    readonly logError?: (error: unknown) => void
  }): Hono
  close(): Promise<void>
}

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Relative data directories resolve against this (the CLI passes its working directory). */
  readonly cwd: string
  /** Bring the schema up to date on open (default true; the embedded database needs no set-up). */
  readonly migrate?: boolean
  /** Use this open database instead of opening `config.database` (tests); `close()` closes it. */
  readonly database?: DatabaseHandle
}

/** The application version, from package.json. */
export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version

/**
 * Opens the database and wires the application. Throws an `unavailable` AppError when the
 * database cannot be reached; the caller owns `close()`.
 */
export async function bootstrap(config: Config, options: BootstrapOptions): Promise<Runtime> {
  const db = config.database
  const database =
    options.database ??
    (await openDatabase(
      db.kind === 'pglite'
        ? {
            kind: 'pglite',
            dataDir: isAbsolute(db.dataDir) ? db.dataDir : resolve(options.cwd, db.dataDir),
          }
        : db,
    ))
  let migrations: MigrationReport = { applied: [] }
  try {
    if (options.migrate !== false) migrations = await migrateToLatest(database.db)
  } catch (error) {
    await database.close()
    throw error
  }
  const documents = createDocumentRepository(database.db)
  const search = createSearchRepository(database.db)
  const screening = createScreeningRepository(database.db)
  const entities = createEntityRepository(database.db)
  const furniture = createFurnitureRepository(database.db)
  const batches = createBatchWriter(database.db)
  const alerts = createAlertRepository(database.db)
  let delivery: AlertDelivery | null = null
  try {
    const webhook = config.alerts?.webhook
    if (webhook)
      delivery = createAlertDelivery(alerts, {
        url: webhook.url,
        secret: webhook.secret,
        timeoutMs: webhook.timeoutMs,
        addresses: { allow: webhook.allowAddresses },
      })
  } catch (error) {
    await database.close()
    throw error
  }
  const pipeline = createDefaultPipeline()
  const stageVersions = Object.fromEntries(pipeline.stages.map((s) => [s.name, s.version]))

  return {
    database,
    documents,
    search,
    screening,
    entities,
    alerts,
    deliverAlerts: async () => (delivery ? delivery.deliverDue() : null),
    pipeline,
    version: VERSION,
    migrations,
    async ingest(docs, ingestOptions = {}) {
      let added = 0
      let updated = 0
      let unchanged = 0
      const duplicates: { id: string; duplicateOf: string }[] = []
      const count = (r: SaveResult) => {
        if (r.status === 'added') added++
        else if (r.status === 'updated') updated++
        else if (r.status === 'unchanged') unchanged++
        else duplicates.push({ id: r.id, duplicateOf: r.duplicateOf ?? '' })
      }
      // Documents whose outcome is final: skipped, committed, or failed.
      let done = 0
      const sinkFailures: { id: string; stage: string; reason: string }[] = []
      const siteFurniture = createSiteFurnitureCache(furniture)
      const onProgress = ingestOptions.onProgress
      const timings = ingestOptions.timings
      // Hashed as read: stages may fill in fields (a date found on the page) later.
      // First in, first out per id: an id may come twice in one run, read ahead of its store.
      const rawHashes = new Map<string, string[]>()
      const takeRawHash = (id: string): string | undefined => {
        const queue = rawHashes.get(id)
        const hash = queue?.shift()
        if (queue && queue.length === 0) rawHashes.delete(id)
        return hash
      }
      // Extracted documents waiting to be stored together (one transaction a batch).
      let pending: BatchItem[] = []
      async function flush(): Promise<void> {
        if (pending.length === 0) return
        const items = pending
        pending = []
        const t0 = startTiming(timings)
        let results: { item: BatchItem; saved: SaveResult | null }[]
        let counted: ReadonlyMap<string, number>
        try {
          const r = await batches.write(items)
          results = items.map((item, i) => ({ item, saved: r.saved[i]! }))
          counted = r.furnitureCounted
        } catch {
          // One bad document must not cost the others: store them one at a time.
          results = []
          const each = new Map<string, number>()
          for (const item of items) {
            try {
              const r = await batches.write([item])
              results.push({ item, saved: r.saved[0]! })
              for (const [host, n] of r.furnitureCounted) each.set(host, (each.get(host) ?? 0) + n)
            } catch (error) {
              results.push({ item, saved: null })
              sinkFailures.push({
                id: item.doc.id,
                stage: 'sink',
                reason: error instanceof Error ? error.message : String(error),
              })
            }
          }
          counted = each
        }
        siteFurniture.stored(items, counted)
        addTiming(timings, 'store', t0)
        const stored: string[] = []
        for (const { saved } of results) {
          if (!saved) continue
          count(saved)
          if (saved.status === 'added' || saved.status === 'updated') stored.push(saved.id)
        }
        // Alerts for the watch subjects these versions match (once per subject and document).
        // The documents are stored: a failure here is reported for them, and the run goes on.
        if (stored.length > 0)
          try {
            await alerts.checkDocuments(stored)
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error)
            for (const id of stored) sinkFailures.push({ id, stage: 'alerts', reason })
          }
        done += items.length
        onProgress?.(done)
      }
      // An input stored before by this same extractor is not processed again. Inputs are
      // checked a slice at a time (one query), in order.
      async function* changed(): AsyncGenerator<RawDoc> {
        let slice: { raw: RawDoc; rawHash: string }[] = []
        async function* check(): AsyncGenerator<RawDoc> {
          const t0 = startTiming(timings)
          const same = await batches.unchanged(
            slice.map(({ raw, rawHash }) => ({ id: raw.id, rawHash })),
            pipeline.version,
          )
          addTiming(timings, 'check', t0)
          const checked = slice
          slice = []
          for (const { raw, rawHash } of checked) {
            if (same.has(raw.id)) {
              unchanged++
              done++
              onProgress?.(done)
            } else {
              rawHashes.set(raw.id, [...(rawHashes.get(raw.id) ?? []), rawHash])
              yield raw
            }
          }
        }
        for await (const raw of docs) {
          slice.push({ raw, rawHash: hashRawDoc(raw) })
          if (slice.length >= CHECK_SLICE) yield* check()
        }
        if (slice.length > 0) yield* check()
      }
      // Extraction on a worker thread when asked (the second core), else here, one at a time.
      let worker: PipelineWorker | null = null
      if ((ingestOptions.extractionThreads ?? 0) > 0) {
        // A thread that cannot start (or runs another extractor) leaves the work to this one.
        worker = await startPipelineWorker().catch(() => null)
        if (worker && worker.version !== pipeline.version) {
          await worker.close()
          worker = null
        }
      }
      const extractor = worker
      const runHere = async (input: RawDoc) => {
        const t0 = startTiming(timings)
        try {
          return await pipeline.run(input)
        } finally {
          addTiming(timings, 'extract', t0)
        }
      }
      // A document the pipeline refuses fails (StageError); a thread that died leaves its
      // documents, and the rest, to this thread.
      const run = extractor
        ? (input: RawDoc) =>
            extractor.run(input).catch((error: unknown) => {
              if (error instanceof StageError) throw error
              return runHere(input)
            })
        : runHere
      let sunk = 0
      let failedEarly = 0
      let report: Awaited<ReturnType<typeof runPipelined>>
      try {
        report = await runPipelined<RawDoc, ExtractedDoc>(changed(), {
          run,
          // The furniture learned from earlier pages of the same site, removed by `clean`.
          prepare: async (raw) => {
            const furniture = await siteFurniture.prepare(raw)
            if (furniture === null) return null
            return furniture ? { ...raw, siteFurniture: furniture } : raw
          },
          keyOf: (raw) => hostOf(raw),
          drain: flush,
          onFailed: (raw, prepared) => {
            if (prepared) siteFurniture.dropped(raw)
            takeRawHash(raw.id)
          },
          window: extractor ? EXTRACTION_WINDOW : 1,
          async sink(doc) {
            sunk++
            // Plus the language of each paragraph (mixed pages; issue #5, point 5).
            const annotations = [
              ...toAnnotations(doc, { stageVersions }),
              ...paragraphLanguageAnnotations(doc, stageVersions['detect-language'] ?? 1),
            ]
            const rawHash = takeRawHash(doc.id) ?? hashRawDoc(doc)
            pending.push({
              doc,
              input: { annotations, extractorVersion: pipeline.version, rawHash },
              host: hostOf(doc),
            })
            if (pending.length >= INGEST_BATCH) await flush()
          },
          onProgress: (n) => {
            // A document that failed before reaching the sink is final at once; the others
            // are counted as their batch commits.
            if (n - sunk > failedEarly) {
              done += n - sunk - failedEarly
              failedEarly = n - sunk
              onProgress?.(done)
            }
          },
          ...(ingestOptions.signal ? { signal: ingestOptions.signal } : {}),
        })
      } finally {
        // Stopped or not, what was extracted is stored (Ctrl-C keeps what it can).
        try {
          await flush()
        } finally {
          if (extractor) {
            if (timings) {
              timings.extract += extractor.busyMs()
              if (timings.cpu) timings.cpu.extract += extractor.busyMs()
            }
            await extractor.close()
          }
        }
      }
      // The run's new alerts (and any left from earlier runs) go to the webhook.
      if (delivery) await delivery.deliverDue()
      return {
        added,
        updated,
        unchanged,
        duplicates,
        failed: [
          ...report.failed.map((f) => ({ id: f.docId, stage: f.stage, reason: f.message })),
          ...sinkFailures,
        ],
        diagnostics: report.diagnostics,
      }
    },
    async reextract(docId) {
      const stored = await documents.findById(docId)
      if (!stored) return 'missing'
      // The original markup is not kept: the stored cleaned text is the input (offsets stay).
      const { doc } = await pipeline.run({
        id: stored.id,
        source: stored.source,
        url: stored.url,
        format: 'text',
        raw: stored.text,
        published: stored.published,
      })
      const extracted: ExtractedDoc = { ...doc, title: stored.title, format: stored.format }
      const annotations = [
        ...toAnnotations(extracted, { stageVersions }),
        ...paragraphLanguageAnnotations(extracted, stageVersions['detect-language'] ?? 1),
      ]
      const saved = await documents.save(extracted, {
        annotations,
        extractorVersion: pipeline.version,
      })
      return saved.status
    },
    createHttpApp(appOptions = {}) {
      return createApp({
        documents,
        search,
        screening,
        entities,
        watchlists: createWatchlistRepository(database.db),
        alerts,
        exports: createExportRepository(database.db),
        stats: createStatsRepository(database.db),
        graph: createGraphRepository(database.db),
        stories: createStoryReader(database.db),
        database: database.kind,
        version: VERSION,
        staticRoot: appOptions.staticRoot,
        logError: appOptions.logError,
        auth: {
          users: createUserRepository(database.db),
          audit: createAuditRepository(database.db),
          settings: config.auth,
        },
        maxBodyBytes: config.auth.maxBodyBytes,
      })
    },
    close: () => database.close(),
  }
}

// Pages of a host learned from before its furniture is read again within one run: the first
// pages of a new site teach the later ones without a query per page.
const FURNITURE_REFRESH_PAGES = 10

// Extracted documents stored together in one transaction (decision 0012): fewer statements and
// commits on PGlite. A batch is also stored early when a site's furniture must be read again.
const INGEST_BATCH = 100

// Inputs checked for a stored copy in one query (the skip of unchanged inputs on a restart).
const CHECK_SLICE = 32

// Documents read ahead of the store when extraction runs on a worker thread.
const EXTRACTION_WINDOW = 64

/**
 * Per-run cache of each site's learned furniture. Pages are counted when their batch is stored;
 * a site's furniture is read again every {@link FURNITURE_REFRESH_PAGES} pages counted (as one
 * page at a time did), and only once every earlier page of that site is stored: a document that
 * could be due for it waits (`prepare` answers `null`) until the batch before it is stored. So
 * every page is cleaned with exactly the furniture it would have had one page at a time.
 */
function createSiteFurnitureCache(repository: FurnitureRepository) {
  const cache = new Map<string, { lines: Set<string>; learnedSince: number }>()
  // Documents of each host handed out and not stored yet: each may count as a page learned.
  const unstored = new Map<string, number>()
  return {
    /**
     * The furniture to remove from the document (`undefined`: none, or no URL), or `null` when
     * it must wait until every document handed out before it is stored.
     */
    async prepare(doc: RawDoc): Promise<ReadonlySet<string> | undefined | null> {
      const host = hostOf(doc)
      if (!host) return undefined
      const queued = unstored.get(host) ?? 0
      if (doc.format !== 'html') {
        unstored.set(host, queued + 1)
        return undefined
      }
      let entry = cache.get(host)
      if (queued > 0 && (!entry || entry.learnedSince + queued >= FURNITURE_REFRESH_PAGES))
        return null
      if (!entry || entry.learnedSince >= FURNITURE_REFRESH_PAGES) {
        entry = { lines: await repository.linesOf(host), learnedSince: 0 }
        cache.set(host, entry)
      }
      unstored.set(host, queued + 1)
      return entry.lines.size > 0 ? entry.lines : undefined
    },
    /** A document handed out failed before it reached the batch: it will never be stored. */
    dropped(doc: RawDoc): void {
      const host = hostOf(doc)
      if (host === null) return
      const n = (unstored.get(host) ?? 0) - 1
      if (n > 0) unstored.set(host, n)
      else unstored.delete(host)
    },
    /** A batch was stored (or failed): its pages counted per host. */
    stored(
      items: readonly { readonly host: string | null }[],
      counted: ReadonlyMap<string, number>,
    ) {
      for (const { host } of items) {
        if (host === null) continue
        const n = (unstored.get(host) ?? 0) - 1
        if (n > 0) unstored.set(host, n)
        else unstored.delete(host)
      }
      for (const [host, n] of counted) {
        const entry = cache.get(host)
        if (entry) entry.learnedSince += n
      }
    },
  }
}

// The site of a document: the host of its URL (or of a source that is a URL), without `www.`.
function hostOf(doc: { readonly url: string | null; readonly source: string }): string | null {
  for (const candidate of [doc.url, doc.source]) {
    if (!candidate || !/^https?:\/\//i.test(candidate) || !URL.canParse(candidate)) continue
    return new URL(candidate).hostname.toLowerCase().replace(/^www\./, '')
  }
  return null
}
