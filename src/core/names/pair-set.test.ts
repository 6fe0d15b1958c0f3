// Pairwise precision/recall/F1 of compareNames on the labelled name-pair set
// (test/fixtures/name-pairs/pairs.csv), split into a tune half (even rows) and a check half (odd
// rows): the best threshold is searched on the tune half only, and the check half is scored at
// the default threshold and at the tuned one.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { compareNames, DEFAULT_THRESHOLD } from './compare.ts'
import { parseCsv } from './csv.ts'

interface Row {
  readonly a: string
  readonly b: string
  readonly same: boolean
  readonly kind: string
  readonly score: number
}

const FILE = join(import.meta.dirname, '../../../test/fixtures/name-pairs/pairs.csv')
const rows: Row[] = parseCsv(readFileSync(FILE, 'utf8'))
  .slice(1)
  .map(([a, b, same, kind]) => ({
    a: a!,
    b: b!,
    same: same === 'true',
    kind: kind ?? '',
    score: compareNames(a!, b!).score,
  }))
const tune = rows.filter((_, i) => i % 2 === 0)
const check = rows.filter((_, i) => i % 2 === 1)

function prf(set: readonly Row[], threshold: number) {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const r of set) {
    const p = r.score >= threshold
    if (p && r.same) tp++
    else if (p && !r.same) fp++
    else if (!p && r.same) fn++
  }
  const precision = tp / (tp + fp || 1)
  const recall = tp / (tp + fn || 1)
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) }
}

const fmt = (m: ReturnType<typeof prf>) =>
  `P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)}`

test('the pair set has at least 600 labelled pairs of both kinds', () => {
  assert.ok(rows.length >= 600, `${rows.length} pairs`)
  assert.ok(rows.filter((r) => r.same).length >= 250)
  assert.ok(rows.filter((r) => !r.same).length >= 250)
})

test('pairwise F1 >= 0.95 on the tune and the check half at the default threshold', (t) => {
  // The best F1 on the tune half is usually a plateau of thresholds: take its middle.
  const grid = Array.from({ length: 50 }, (_, i) => 0.5 + i / 100)
  const f1s = grid.map((th) => prf(tune, th).f1)
  const top = Math.max(...f1s)
  const plateau = grid.filter((_, i) => f1s[i]! >= top - 1e-9)
  const best = { threshold: plateau[Math.floor(plateau.length / 2)]!, f1: top }
  const tuneDefault = prf(tune, DEFAULT_THRESHOLD)
  const checkDefault = prf(check, DEFAULT_THRESHOLD)
  const checkTuned = prf(check, best.threshold)
  t.diagnostic(`pairs ${rows.length} (tune ${tune.length}, check ${check.length})`)
  t.diagnostic(`tune  @ default ${DEFAULT_THRESHOLD}: ${fmt(tuneDefault)}`)
  t.diagnostic(`check @ default ${DEFAULT_THRESHOLD}: ${fmt(checkDefault)}`)
  t.diagnostic(
    `best threshold on tune: ${best.threshold} (F1 ${best.f1.toFixed(3)}); check at it: ${fmt(checkTuned)}`,
  )
  const errors = rows.filter((r) => r.score >= DEFAULT_THRESHOLD !== r.same)
  for (const e of errors.slice(0, 40))
    t.diagnostic(`${e.same ? 'miss' : 'false'} [${e.kind}] ${e.a} | ${e.b} = ${e.score}`)
  assert.ok(tuneDefault.f1 >= 0.95, fmt(tuneDefault))
  assert.ok(checkDefault.f1 >= 0.95, fmt(checkDefault))
})
