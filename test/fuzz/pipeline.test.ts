/**
 * Short fuzz run of every pipeline stage (through the default pipeline), the HTML cleaner and
 * the byte decoders. `FUZZ_RUNS` and `FUZZ_SEED` override the run count and seed; the long run
 * is `npm run fuzz` (docs/fuzzing.md).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { RawDoc } from '#core/document.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import { runBatch } from '#pipeline/run-batch.ts'
import { INVISIBLES } from './arbitraries.ts'
import { checkDocument, pipelineProperties } from './suite.ts'

const seed = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined
const runs = (base: number): number => Number(process.env['FUZZ_RUNS'] ?? base)
// The pipeline is the slow one (~0.1 s a document on a loaded machine); the rest are cheap.
const RUNS: Record<string, number> = {
  'pipeline: runBatch never fails and every span is sound': 80,
  'clean: cleanHtml never throws and returns text': 100,
}

const knownBugs = process.env['FUZZ_KNOWN_BUGS'] === '1'

for (const [name, property] of Object.entries(pipelineProperties({ knownBugs }))) {
  test(`fuzz ${name}`, { timeout: 120_000 }, async () => {
    await fc.assert(property, {
      numRuns: runs(RUNS[name] ?? 400),
      ...(seed === undefined ? {} : { seed }),
    })
  })
}

test('fuzz pipeline: a one-megabyte line of text with no sentence break', {
  timeout: 120_000,
}, async () => {
  const unit = `Алматы марта 2025 мошенничество ${'9'.repeat(40)} \u200B\u202E fraud млн тенге Бекжанов `
  const raw = unit.repeat(Math.ceil(1_000_000 / unit.length))
  await checkDocument({
    id: 'mb-text',
    source: 'mb.txt',
    url: null,
    format: 'text',
    raw,
    published: null,
  })
})

test('fuzz pipeline: a 400 KB HTML line nested 2,000 deep, with bidi and zero-width marks', {
  timeout: 120_000,
}, async () => {
  const para = `<p>Суд приговорил ${INVISIBLES.join('')} к 5 годам; 12 декабря 2024 года задержан Ерлан Тұрсынбаев.</p>`
  const raw = `<html><body>${'<div>'.repeat(2000)}<article>${para.repeat(Math.ceil(400_000 / para.length))}</article></body></html>`
  await checkDocument({
    id: 'mb-html',
    source: 'mb.html',
    url: null,
    format: 'html',
    raw,
    published: '2025-01-01',
  })
})

test('fuzz pipeline: runBatch reports a document over the size limit and goes on with the next', async () => {
  const big: RawDoc = {
    id: 'too-big',
    source: 'big.txt',
    url: null,
    format: 'text',
    raw: 'ы'.repeat(5_000_001),
    published: null,
  }
  const small: RawDoc = { ...big, id: 'small', raw: 'Полиция Алматы задержала подозреваемого.' }
  const seen: string[] = []
  const report = await runBatch(createDefaultPipeline(), [big, small], {
    sink: (d) => {
      seen.push(d.id)
    },
  })
  assert.deepEqual(seen, ['small'])
  assert.equal(report.processed, 1)
  assert.deepEqual(
    report.failed.map((f) => [f.docId, f.stage]),
    [['too-big', 'clean']],
  )
})

// Found by `npm run fuzz -- --runs 800 --only pipeline --seed 31`; fixed in extract-places v2.
test('fuzz pipeline: a place mention is the text it points at, even next to furniture', async () => {
  const raw = 'Суд в г.\n\n(\n\nАрман Бекжанов задержан.'
  await checkDocument(
    { id: 'place-content', source: 'p.txt', url: null, format: 'text', raw, published: null },
    { knownBugs: true },
  )
})
