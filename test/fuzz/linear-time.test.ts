/**
 * Time grows linearly with input size: for each hostile input shape, each pipeline stage is
 * timed on the input at size n and 4n (best of three runs each) and each doubling must cost
 * less than 3x, i.e. t(4n) / t(n) < 9 (quadratic code gives 16). Two doublings rather than one
 * keep a loaded machine's stalls from passing for superlinear growth. Stages that take under
 * 20 ms at 4n are too quick to time and are only reported. `FUZZ_LINEAR_KB` sets n (32 KB).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { RawDoc } from '#core/document.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import type { StageContext } from '#pipeline/stage.ts'
import { INVISIBLES } from './arbitraries.ts'

const BASE = Number(process.env['FUZZ_LINEAR_KB'] ?? 32) * 1000
const MAX_RATIO = 3
const MIN_MS = 20

/** Input shapes known to trip quadratic code: each repeats `unit` up to `size` characters. */
const SHAPES: Record<string, { format: 'text' | 'html'; unit: string }> = {
  'one long line of ru/kk/en words': {
    format: 'text',
    unit: 'Алматы полиция задержали Арман Бекжанов мошенничество fraud Astana ұсталды теңге ',
  },
  'repeated month words': { format: 'text', unit: '12 марта 5 наурыз May 2024 декабря ' },
  'repeated crime words in sentences': {
    format: 'text',
    unit: 'Задержан за взятку. Осуждён за мошенничество. Sentenced for fraud. Пара алды.\n',
  },
  'numbers with hundreds of digits and amounts': {
    format: 'text',
    unit: `${'7'.repeat(300)} млн тенге $${'1,000'.repeat(40)} 23 млрд ₸ `,
  },
  'zero-width and bidi marks between letters': {
    format: 'text',
    unit: `Бек${INVISIBLES.join('')}жанов по${'\u200B'}лиция ${'\u202E'}fraud${'\u202C'} `,
  },
  'names in paragraphs': {
    format: 'text',
    unit: 'Ерлан Тұрсынбаев и Dana Seitkali встретились с Колесниковой М.В.\n\n',
  },
  'deeply nested HTML': {
    format: 'html',
    unit: '<div><p>Суд приговорил Бекжанова к 5 годам 12 декабря 2024 года.</p>',
  },
}

function docOf(format: 'text' | 'html', unit: string, size: number): RawDoc {
  const body = unit.repeat(Math.max(1, Math.round(size / unit.length)))
  const raw = format === 'html' ? `<html><body><article>${body}</article></body></html>` : body
  return { id: 'linear', source: 'linear', url: null, format, raw, published: '2025-01-01' }
}

const context: StageContext = { signal: new AbortController().signal, report: () => {} }

/** What each stage got as input for one document, in pipeline order. */
async function stageInputs(
  doc: RawDoc,
): Promise<{ name: string; run: (x: unknown) => unknown; input: unknown }[]> {
  const out: { name: string; run: (x: unknown) => unknown; input: unknown }[] = []
  let current: unknown = doc
  for (const stage of createDefaultPipeline().stages) {
    out.push({ name: stage.name, run: (x) => stage.run(x, context), input: current })
    current = await stage.run(current, context)
  }
  return out
}

/** Best of `rounds` runs, in milliseconds. */
async function bestMs(
  run: (x: unknown) => unknown,
  input: unknown,
  rounds: number,
): Promise<number> {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    await run(input)
    best = Math.min(best, performance.now() - t)
  }
  return best
}

// Warm up every stage (lexicons, compiled patterns) before timing anything.
await stageInputs(docOf('text', 'Алматы полиция задержали 12 марта 2025 года 5 млн тенге. ', 4000))

for (const [shape, { format, unit }] of Object.entries(SHAPES)) {
  test(`linear time: ${shape}`, { timeout: 120_000 }, async (t) => {
    const small = await stageInputs(docOf(format, unit, BASE))
    const large = await stageInputs(docOf(format, unit, 4 * BASE))
    const slow: string[] = []
    for (const [i, stage] of large.entries()) {
      const before = small[i]
      // After `clean`, an HTML page's text is whatever Readability kept, not twice the input:
      // the later stages are timed on the plain-text shapes.
      if (!before || (format === 'html' && stage.name !== 'clean')) continue
      let ms1 = 0
      let ms2 = 0
      let ratio = 0
      // A loaded machine stalls now and then: a stage that looks superlinear is timed again.
      for (let attempt = 0; attempt < 3; attempt++) {
        ms1 = await bestMs(before.run, before.input, 3)
        ms2 = await bestMs(stage.run, stage.input, 3)
        ratio = Math.sqrt(ms2 / Math.max(ms1, 0.5))
        if (ms2 < MIN_MS || ratio < MAX_RATIO) break
      }
      t.diagnostic(
        `${stage.name}: ${ms1.toFixed(1)} ms -> ${ms2.toFixed(1)} ms (x${ratio.toFixed(2)})`,
      )
      if (ms2 >= MIN_MS && ratio >= MAX_RATIO)
        slow.push(
          `${stage.name} ${ms1.toFixed(1)} -> ${ms2.toFixed(1)} ms (x${ratio.toFixed(2)} per doubling)`,
        )
    }
    assert.deepEqual(
      slow,
      [],
      `growing ${BASE / 1000} KB to ${(4 * BASE) / 1000} KB of "${shape}" cost >= ${MAX_RATIO}x per doubling`,
    )
  })
}
