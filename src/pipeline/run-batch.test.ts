import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { RawDoc } from '#core/document.ts'
import { StageError } from '#core/errors.ts'
import { createDefaultPipeline } from './default-pipeline.ts'
import type { PipelineResult } from './pipeline.ts'
import { runPipelined, startPipelineWorker } from './run-batch.ts'

interface Doc {
  readonly id: string
  readonly key: string
  readonly seen?: number
}

// A stand-in for the worker thread: answers in the order asked, after a tick.
function delayed(log: string[]) {
  return async (input: Doc): Promise<PipelineResult<Doc>> => {
    log.push(`run ${input.id}`)
    await new Promise((r) => setTimeout(r, 1))
    if (input.id.startsWith('bad')) throw new StageError('clean', input.id, 'unreadable')
    return { doc: input, diagnostics: [] }
  }
}

describe('runPipelined', () => {
  test('the sink receives every document in input order, and failures are reported', async () => {
    const docs: Doc[] = ['a', 'b', 'bad-c', 'd', 'e', 'f'].map((id) => ({ id, key: 'k' }))
    const sunk: string[] = []
    const failedInputs: string[] = []
    const progress: number[] = []
    const report = await runPipelined(docs, {
      run: delayed([]),
      prepare: (d) => d,
      keyOf: (d) => d.key,
      drain: async () => {},
      sink: (doc) => {
        sunk.push(doc.id)
        if (doc.id === 'e') throw new Error('disk full')
      },
      onFailed: (d, prepared) => failedInputs.push(`${d.id}:${prepared}`),
      onProgress: (n) => progress.push(n),
      window: 3,
    })
    assert.deepEqual(sunk, ['a', 'b', 'd', 'e', 'f'])
    assert.equal(report.processed, 4)
    assert.deepEqual(
      report.failed.map((f) => `${f.docId} ${f.stage}`),
      ['bad-c clean', 'e sink'],
    )
    assert.deepEqual(failedInputs, ['bad-c:true', 'e:true'])
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6])
  })

  test('a document that must wait runs after everything before it is sunk and drained; others of its key wait with it', async () => {
    // `prepare` sees how many documents of each key were sunk and drained; x-3 needs all of
    // x-1 and x-2 drained first.
    const drained = new Map<string, number>()
    const sunkByKey = new Map<string, number>()
    const order: string[] = []
    const log: string[] = []
    const docs: Doc[] = [
      { id: 'x-1', key: 'x' },
      { id: 'y-1', key: 'y' },
      { id: 'x-2', key: 'x' },
      { id: 'x-3', key: 'x' },
      { id: 'y-2', key: 'y' },
      { id: 'x-4', key: 'x' },
    ]
    let drains = 0
    await runPipelined(docs, {
      run: delayed(log),
      prepare: (d) => {
        if (d.id === 'x-3' && (drained.get('x') ?? 0) < 2) return null
        return { ...d, seen: drained.get(d.key) ?? 0 }
      },
      keyOf: (d) => d.key,
      drain: async () => {
        drains++
        for (const [k, n] of sunkByKey) drained.set(k, n)
      },
      sink: (doc) => {
        order.push(`${doc.id}@${doc.seen}`)
        sunkByKey.set(doc.key, (sunkByKey.get(doc.key) ?? 0) + 1)
      },
      window: 8,
    })
    assert.equal(drains, 1)
    // y-2 ran before x-3 (it did not wait); x-4 waited behind x-3; the sink kept input order.
    assert.deepEqual(log, ['run x-1', 'run y-1', 'run x-2', 'run y-2', 'run x-3', 'run x-4'])
    assert.deepEqual(order, ['x-1@0', 'y-1@0', 'x-2@0', 'x-3@2', 'y-2@0', 'x-4@2'])
  })

  test('an abort stops the run and lets what runs settle', async () => {
    const controller = new AbortController()
    const docs: Doc[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, key: 'k' }))
    const sunk: string[] = []
    await assert.rejects(
      runPipelined(docs, {
        run: delayed([]),
        prepare: (d) => d,
        keyOf: () => null,
        drain: async () => {},
        sink: (doc) => {
          sunk.push(doc.id)
          if (doc.id === 'b') controller.abort(new Error('interrupted'))
        },
        signal: controller.signal,
        window: 4,
      }),
      /interrupted/,
    )
    assert.deepEqual(sunk, ['a', 'b'])
  })
})

describe('startPipelineWorker', () => {
  test('extracts on a worker thread exactly what the pipeline extracts here', async () => {
    // An invented page, with furniture to remove.
    const page: RawDoc = {
      id: 'w-1',
      source: 'https://news.example.test/w-1',
      url: 'https://news.example.test/w-1',
      format: 'html',
      published: '2026-03-02',
      raw: `<html lang="ru"><body><nav>Главная · Происшествия</nav><article><h1>Задержан курьер</h1>
        <p>В Караганде полиция задержала Арман Сейтжанов, подозреваемого в краже 4,5 млн тенге.</p>
        <p>Возбуждено уголовное дело по статье 188 УК РК.</p></article>
        <footer>© 2026 Пример</footer></body></html>`,
      siteFurniture: new Set(['главная · происшествия']),
    }
    const worker = await startPipelineWorker()
    try {
      const here = await createDefaultPipeline().run(page)
      assert.equal(worker.version, createDefaultPipeline().version)
      assert.deepEqual(await worker.run(page), here)
      assert.ok(worker.busyMs() > 0)
    } finally {
      await worker.close()
    }
    // A stopped thread refuses work with an error that is not a document's failure.
    await assert.rejects(worker.run(page), (e) => !(e instanceof StageError))
  })
})
