/**
 * Triage of the findings of `regex-safety.test.ts`: does the pipeline itself slow down on the
 * input that makes a pattern superlinear? Each finding's attack input is fed, as a plain-text
 * document, through the default pipeline at about 2,000 and 16,000 characters, and every stage
 * is timed (best of two). A stage whose time grows more than 24x for 8x the input confirms the
 * finding end to end; when none does, the pattern only sees a bounded part of such a text (a
 * window before or after a match, a token, a line that cleaning shortened) or the text never
 * reaches it — which is what the allowlist's reason must say.
 *
 * usage: node --import tsx test/regex/triage.ts [--json FILE]
 */
import { writeFile } from 'node:fs/promises'
import type { RawDoc } from '#core/document.ts'
import { collectPatterns, runJobs } from './analyse.ts'
import type { Verdict } from './attack-worker.ts'
import { recordRegExps } from './capture.ts'
import { allSites } from './inventory.ts'
import { type Attack, attackInput, attacks } from './regex-syntax.ts'

const built = recordRegExps()
const { exerciseSources } = await import('./exercise.ts')
const sites = allSites()
await exerciseSources()
const { createDefaultPipeline } = await import('#pipeline/default-pipeline.ts')

const patterns = collectPatterns(sites, built)
const byKey = new Map(patterns.map((p) => [p.key, p]))
const verdicts = (await runJobs(patterns, 16_000, 5000)).filter((v) => v.finding)
// Patterns that ran out of time at full size: find their attack at a small size.
const stuck = verdicts.filter((v) => !v.finding?.attack).map((v) => byKey.get(v.key))
const small = await runJobs(
  stuck.filter((p) => p !== undefined),
  1500,
  20_000,
)
const attackOf = (v: Verdict): Attack | undefined =>
  v.finding?.attack ??
  small.find((s) => s.key === v.key)?.finding?.attack ??
  (() => {
    const p = byKey.get(v.key)
    return p ? attacks(p.source, p.flags, 1)[0] : undefined
  })()

const context = { signal: new AbortController().signal, report: () => {} }

async function stageTimes(text: string): Promise<Map<string, number>> {
  const doc: RawDoc = {
    id: 'triage',
    source: 'triage',
    url: null,
    format: 'text',
    raw: text,
    published: '2025-01-01',
  }
  const times = new Map<string, number>()
  for (let round = 0; round < 2; round++) {
    let current: unknown = doc
    for (const stage of createDefaultPipeline().stages) {
      const t = performance.now()
      current = await stage.run(current, context)
      const ms = performance.now() - t
      times.set(stage.name, Math.min(times.get(stage.name) ?? Number.POSITIVE_INFINITY, ms))
    }
  }
  return times
}

await stageTimes('Алматы полиция задержала 12 марта 2025 года 5 млн тенге. '.repeat(50))
const report: Record<string, unknown>[] = []
for (const v of verdicts) {
  const p = byKey.get(v.key)
  const attack = attackOf(v)
  if (!p || !attack) continue
  const t1 = await stageTimes(attackInput(attack, 2000))
  const t8 = await stageTimes(attackInput(attack, 16_000))
  let worst = { stage: '', ms1: 0, ms8: 0, ratio: 0 }
  for (const [stage, ms8] of t8) {
    const ms1 = t1.get(stage) ?? 0
    const ratio = ms8 / Math.max(ms1, 0.5)
    if (ms8 >= 50 && ratio > worst.ratio) worst = { stage, ms1, ms8, ratio }
  }
  const confirmed = worst.ratio > 24
  const line = `${confirmed ? 'CONFIRMED' : 'bounded  '} ${p.at.join(', ')} ${confirmed ? `${worst.stage}: ${worst.ms1.toFixed(1)} ms -> ${worst.ms8.toFixed(0)} ms (x${worst.ratio.toFixed(0)})` : worst.stage ? `(slowest growing stage ${worst.stage} x${worst.ratio.toFixed(1)})` : ''} input ${JSON.stringify(attack)}`
  console.log(line)
  report.push({ at: p.at, pattern: p.key, finding: v.finding?.detail, attack, confirmed, worst })
}
const jsonAt = process.argv.indexOf('--json')
if (jsonAt > 0) await writeFile(process.argv[jsonAt + 1] as string, JSON.stringify(report, null, 2))
