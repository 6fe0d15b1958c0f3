/**
 * The worker thread of {@link startPipelineWorker} (`run-batch.ts`): builds the default pipeline
 * and runs the documents it is sent, one after the other, answering each with its result or its
 * failure. The main thread meanwhile stores the documents extracted before (decision 0012).
 *
 * @module pipeline/run-batch-worker
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { RawDoc } from '#core/document.ts'
import { StageError } from '#core/errors.ts'
import { createDefaultPipeline, type DefaultPipelineOptions } from './default-pipeline.ts'

const port = parentPort
if (!port) throw new Error('run-batch-worker runs as a worker thread')
const options = ((workerData as { options?: DefaultPipelineOptions } | null)?.options ??
  {}) as DefaultPipelineOptions
const pipeline = createDefaultPipeline(options)
port.postMessage({ type: 'ready', version: pipeline.version })

// One document at a time, in the order sent.
let queue: Promise<void> = Promise.resolve()
port.on('message', (message: { seq: number; input: RawDoc }) => {
  queue = queue.then(async () => {
    const started = performance.now()
    try {
      const result = await pipeline.run(message.input)
      port.postMessage({
        type: 'done',
        seq: message.seq,
        doc: result.doc,
        diagnostics: result.diagnostics,
        ms: performance.now() - started,
      })
    } catch (error) {
      port.postMessage({
        type: 'failed',
        seq: message.seq,
        stage: error instanceof StageError ? error.stage : 'extract',
        message: error instanceof Error ? error.message : String(error),
        ms: performance.now() - started,
      })
    }
  })
})
