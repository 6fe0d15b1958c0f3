/**
 * Runs a pipeline over many documents. Never throws for one bad document: it returns a report.
 *
 * @module pipeline/run-batch
 */
import { Worker } from 'node:worker_threads'
import type { Diagnostic } from '#core/diagnostic.ts'
import type { ExtractedDoc, RawDoc } from '#core/document.ts'
import { StageError } from '#core/errors.ts'
import type { DefaultPipelineOptions } from './default-pipeline.ts'
import type { Pipeline, PipelineResult } from './pipeline.ts'

/** One document that could not be processed. */
export interface FailedDoc {
  readonly docId: string
  readonly stage: string
  readonly message: string
}

/** What a batch run did. */
export interface RunReport {
  readonly processed: number
  readonly failed: readonly FailedDoc[]
  readonly diagnostics: readonly Diagnostic[]
}

/** Options of {@link runBatch}. */
export interface RunBatchOptions<Out> {
  /** Receives each processed document (stores it, writes it out). Awaited before the next. */
  readonly sink: (doc: Out, diagnostics: readonly Diagnostic[]) => void | Promise<void>
  /** Called after each document, processed or failed (for progress bars). */
  readonly onProgress?: (done: number) => void
  readonly signal?: AbortSignal
}

/**
 * Processes `docs` one after another and hands each result to `options.sink`. A stage or sink
 * failure for one document is recorded in the report and the run goes on; only an abort stops it.
 */
export async function runBatch<In extends { readonly id: string }, Out>(
  pipeline: Pipeline<In, Out>,
  docs: Iterable<In> | AsyncIterable<In>,
  options: RunBatchOptions<Out>,
): Promise<RunReport> {
  let processed = 0
  let done = 0
  const failed: FailedDoc[] = []
  const diagnostics: Diagnostic[] = []
  for await (const input of docs) {
    options.signal?.throwIfAborted()
    try {
      const result = await pipeline.run(input, options.signal ? { signal: options.signal } : {})
      diagnostics.push(...result.diagnostics)
      await options.sink(result.doc, result.diagnostics)
      processed++
    } catch (error) {
      if (options.signal?.aborted) throw error
      const stage = error instanceof StageError ? error.stage : 'sink'
      const message = error instanceof Error ? error.message : String(error)
      failed.push({ docId: input.id, stage, message })
    }
    options.onProgress?.(++done)
  }
  return { processed, failed, diagnostics }
}

/** A pipeline running on a worker thread (see {@link startPipelineWorker}). */
export interface PipelineWorker {
  /** The pipeline's `version` (`name@version` of every stage). */
  readonly version: string
  /** Runs one document; documents run one after the other, in the order given. */
  run(input: RawDoc): Promise<PipelineResult<ExtractedDoc>>
  /** Wall milliseconds the worker spent running documents so far. */
  busyMs(): number
  /** Stops the thread (documents still running fail). */
  close(): Promise<void>
}

/**
 * Starts the default pipeline on a worker thread (`run-batch-worker.ts`), so that extraction
 * runs on a second core beside whatever the main thread does (storing, on PGlite). Rejects when
 * the thread cannot start.
 */
export async function startPipelineWorker(
  options: DefaultPipelineOptions = {},
): Promise<PipelineWorker> {
  // A worker's entry module is loaded before any `--import` hook of the thread: the TypeScript
  // loader (tsx, as for the main thread) is registered by a small script that then imports it.
  const entry = new URL('./run-batch-worker.ts', import.meta.url).href
  const loader = import.meta.resolve('tsx/esm/api')
  const worker = new Worker(
    `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`,
    { eval: true, workerData: { options } },
  )
  const waiting = new Map<
    number,
    { resolve: (r: PipelineResult<ExtractedDoc>) => void; reject: (e: unknown) => void; id: string }
  >()
  let seq = 0
  let busy = 0
  let failure: Error | null = null
  const failAll = (error: Error) => {
    failure = error
    for (const w of waiting.values()) w.reject(error)
    waiting.clear()
  }
  const version = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (m: { type: string; version: string }) => {
      worker.off('error', reject)
      resolve(m.version)
    })
  })
  worker.on('error', (error) => failAll(error))
  worker.on('exit', (code) => failAll(new Error(`the extraction worker exited (code ${code})`)))
  worker.on('message', (m: WorkerAnswer) => {
    const w = waiting.get(m.seq)
    if (!w) return
    waiting.delete(m.seq)
    busy += m.ms
    if (m.type === 'done') w.resolve({ doc: m.doc, diagnostics: m.diagnostics })
    else w.reject(new StageError(m.stage, w.id, m.message))
  })
  return {
    version,
    run(input) {
      if (failure) return Promise.reject(failure)
      const n = seq++
      return new Promise((resolve, reject) => {
        waiting.set(n, { resolve, reject, id: input.id })
        worker.postMessage({ seq: n, input })
      })
    },
    busyMs: () => busy,
    async close() {
      worker.removeAllListeners('exit')
      await worker.terminate()
      failAll(new Error('the extraction worker was stopped'))
    },
  }
}

type WorkerAnswer =
  | {
      readonly type: 'done'
      readonly seq: number
      readonly doc: ExtractedDoc
      readonly diagnostics: readonly Diagnostic[]
      readonly ms: number
    }
  | {
      readonly type: 'failed'
      readonly seq: number
      readonly stage: string
      readonly message: string
      readonly ms: number
    }

/** Options of {@link runPipelined}. */
export interface RunPipelinedOptions<In, Out> {
  /** Runs one document (on a worker, or in this thread); called in input order. */
  readonly run: (input: In) => Promise<PipelineResult<Out>>
  /**
   * Readies an input to be run, or answers `null` when it must wait until every document before
   * it has reached the sink and `drain` has run (then it is asked again).
   */
  readonly prepare: (input: In) => In | null | Promise<In | null>
  /** Inputs with the same key wait behind one that waits (`null`: none). */
  readonly keyOf: (input: In) => string | null
  /** Called when the first waiting input is next: every document before it is in the sink. */
  readonly drain: () => Promise<void>
  /** Receives each document, in input order. A throw fails that document. */
  readonly sink: (doc: Out, diagnostics: readonly Diagnostic[]) => void | Promise<void>
  /** Called after each document, processed or failed. */
  readonly onProgress?: (done: number) => void
  /** Called for a document that failed; `prepared` when `prepare` had readied it. */
  readonly onFailed?: (input: In, prepared: boolean) => void
  readonly signal?: AbortSignal
  /** Documents read ahead at most (default 64). */
  readonly window?: number
}

/**
 * Like {@link runBatch}, but runs up to `window` documents ahead of the sink: while the sink
 * stores one document, `run` (a worker thread) extracts the next ones. The sink still receives
 * the documents in input order, and each input is prepared (`prepare`) with everything before
 * it known, when it says it needs that, so the results are those of a run one by one.
 */
export async function runPipelined<In extends { readonly id: string }, Out>(
  docs: Iterable<In> | AsyncIterable<In>,
  options: RunPipelinedOptions<In, Out>,
): Promise<RunReport> {
  const limit = Math.max(1, options.window ?? 64)
  const iterator =
    Symbol.asyncIterator in docs
      ? (docs as AsyncIterable<In>)[Symbol.asyncIterator]()
      : (docs as Iterable<In>)[Symbol.iterator]()
  interface Entry {
    readonly input: In
    state: 'waiting' | 'running' | 'done'
    prepared?: boolean
    promise?: Promise<void>
    result?: PipelineResult<Out>
    error?: unknown
  }
  const window: Entry[] = []
  const blocked = new Set<string | null>()
  let exhausted = false
  let processed = 0
  let done = 0
  const failed: FailedDoc[] = []
  const diagnostics: Diagnostic[] = []
  const fail = (e: Entry, error: unknown, stage: string) => {
    options.onFailed?.(e.input, e.prepared === true)
    const input = e.input
    failed.push({
      docId: input.id,
      stage: error instanceof StageError ? error.stage : stage,
      message: error instanceof Error ? error.message : String(error),
    })
  }
  async function dispatch(e: Entry): Promise<void> {
    const key = options.keyOf(e.input)
    if (blocked.has(null) || blocked.has(key)) return
    let ready: In | null
    try {
      ready = await options.prepare(e.input)
    } catch (error) {
      e.state = 'done'
      e.error = error
      return
    }
    if (ready === null) {
      blocked.add(key)
      return
    }
    e.state = 'running'
    e.prepared = true
    e.promise = options.run(ready).then(
      (r) => {
        e.state = 'done'
        e.result = r
      },
      (error: unknown) => {
        e.state = 'done'
        e.error = error
      },
    )
  }
  try {
    for (;;) {
      options.signal?.throwIfAborted()
      while (!exhausted && window.length < limit) {
        const next = await iterator.next()
        if (next.done) {
          exhausted = true
          break
        }
        const e: Entry = { input: next.value, state: 'waiting' }
        window.push(e)
        await dispatch(e)
      }
      const head = window[0]
      if (!head) break
      if (head.state === 'waiting') {
        // Everything before it is in the sink: let the caller catch up, then try again.
        await options.drain()
        blocked.clear()
        for (const e of window) if (e.state === 'waiting') await dispatch(e)
        if (head.state === 'waiting')
          throw new Error(`document ${head.input.id} still waits after everything before it`)
        continue
      }
      if (head.state === 'running') {
        await head.promise
        continue
      }
      window.shift()
      options.signal?.throwIfAborted()
      if (head.result) {
        try {
          diagnostics.push(...head.result.diagnostics)
          await options.sink(head.result.doc, head.result.diagnostics)
          processed++
        } catch (error) {
          if (options.signal?.aborted) throw error
          fail(head, error, 'sink')
        }
      } else fail(head, head.error, 'extract')
      options.onProgress?.(++done)
    }
  } finally {
    // Stopped early: let what still runs settle, so no rejection is left unhandled.
    await Promise.allSettled(window.flatMap((e) => (e.promise ? [e.promise] : [])))
  }
  return { processed, failed, diagnostics }
}
