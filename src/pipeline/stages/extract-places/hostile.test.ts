import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { findPlaces } from './extract-places.ts'

/** CPU milliseconds of the faster of two runs (the first one also pays for compiling). */
function cpuMs(run: () => void): number {
  let best = Number.POSITIVE_INFINITY
  for (let k = 0; k < 2; k++) {
    const t0 = process.cpuUsage()
    run()
    const t = process.cpuUsage(t0)
    best = Math.min(best, (t.user + t.system) / 1000)
  }
  return best
}

describe('findPlaces: cost grows linearly with hostile input', () => {
  // Four times the text must cost about four times as much, not sixteen (see the organisation
  // stage's test of the same name).
  // [what, repeated unit, whether the stage finds places in it]
  const cases: [string, string, boolean][] = [
    ['a long capitalised run', 'Алматы Астана Шымкент Департамент Полиции ', true],
    ['a list of regions', 'Almaty, Turkestan and Zhambyl regions, ', true],
    ['generic words only', 'Область области районе облысы ауданы ', false],
    ['colony numbers and stations', 'ИК-1 Шу станциясы, улица Абая, ', true],
  ]
  for (const [what, unit, reads] of cases) {
    test(what, () => {
      const small = unit.repeat(Math.ceil(60_000 / unit.length))
      const large = unit.repeat(Math.ceil(240_000 / unit.length))
      let found = 0
      const a = cpuMs(() => {
        found = findPlaces(small).length
      })
      const b = cpuMs(() => findPlaces(large))
      assert.equal(found > 0, reads)
      assert.ok(b < 8 * a + 50, `${a.toFixed(0)} ms for 60K chars, ${b.toFixed(0)} ms for 240K`)
    })
  }
})
