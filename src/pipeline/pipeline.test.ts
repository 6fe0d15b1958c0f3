import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { CleanDoc, RawDoc } from '#core/document.ts'
import { StageError } from '#core/errors.ts'
import { createPipeline } from './pipeline.ts'
import { runBatch } from './run-batch.ts'
import type { Stage } from './stage.ts'

const raw = (id: string, text: string): RawDoc => ({
  id,
  source: `${id}.txt`,
  url: null,
  format: 'text',
  raw: text,
  published: null,
})

function upper(): Stage<RawDoc, CleanDoc> {
  return {
    name: 'upper',
    version: 2,
    run(doc, context) {
      if (doc.raw.includes('BOOM')) throw new Error('cannot read this one')
      if (doc.raw.length < 3)
        context.report({ severity: 'warning', rule: 'short', reason: 'very short' })
      return { ...doc, text: doc.raw.toUpperCase(), title: null }
    },
  }
}

describe('createPipeline', () => {
  test('runs stages in order and records their versions', async () => {
    const pipeline = createPipeline<RawDoc>().pipe(upper())

    const result = await pipeline.run(raw('a', 'задержан'))

    assert.equal(result.doc.text, 'ЗАДЕРЖАН')
    assert.equal(pipeline.version, 'upper@2')
  })

  test('is immutable: pipe returns a new pipeline', () => {
    const empty = createPipeline<RawDoc>()

    const one = empty.pipe(upper())

    assert.equal(empty.stages.length, 0)
    assert.equal(one.stages.length, 1)
    assert.throws(() => (one.stages as unknown as unknown[]).push(upper()))
  })

  test('wraps a stage failure in a StageError naming the stage and document', async () => {
    const pipeline = createPipeline<RawDoc>().pipe(upper())

    await assert.rejects(pipeline.run(raw('bad', 'BOOM')), (error: unknown) => {
      assert.ok(error instanceof StageError)
      assert.equal(error.stage, 'upper')
      assert.equal(error.docId, 'bad')
      return true
    })
  })

  test('rejects a stage whose input does not fit (type check)', () => {
    const needsClean: Stage<CleanDoc, CleanDoc> = { name: 'x', version: 1, run: (d) => d }
    // @ts-expect-error a RawDoc pipeline cannot take a stage that needs a CleanDoc
    createPipeline<RawDoc>().pipe(needsClean)
  })
})

describe('runBatch', () => {
  test('goes on after a bad document and reports it', async () => {
    const pipeline = createPipeline<RawDoc>().pipe(upper())
    const stored: string[] = []

    const report = await runBatch(pipeline, [raw('a', 'one'), raw('b', 'BOOM'), raw('c', 'ok')], {
      sink: (doc) => {
        stored.push(doc.id)
      },
    })

    assert.deepEqual(stored, ['a', 'c'])
    assert.equal(report.processed, 2)
    assert.deepEqual(report.failed, [
      { docId: 'b', stage: 'upper', message: 'cannot read this one' },
    ])
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.docId} ${d.stage}:${d.rule}`),
      ['c upper:short'],
    )
  })

  test('reports a failing sink as a failed document, not a crash', async () => {
    const pipeline = createPipeline<RawDoc>().pipe(upper())

    const report = await runBatch(pipeline, [raw('a', 'text')], {
      sink: () => {
        throw new Error('disk full')
      },
    })

    assert.deepEqual(report.failed, [{ docId: 'a', stage: 'sink', message: 'disk full' }])
  })
})
