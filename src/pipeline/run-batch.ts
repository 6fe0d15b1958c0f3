/**
 * Runs a pipeline over many documents. Never throws for one bad document: it returns a report.
 *
 * @module pipeline/run-batch
 */
import type { Diagnostic } from '#core/diagnostic.ts'
import { StageError } from '#core/errors.ts'
import type { Pipeline } from './pipeline.ts'

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
