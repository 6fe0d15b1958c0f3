import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Lang } from '#core/lang.ts'
import { findOrganizations } from './extract-organizations.ts'

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

describe('findOrganizations: cost grows linearly with hostile input', () => {
  // Four times the text must cost about four times as much, not sixteen: a quadratic scan over
  // heads or capitalised runs shows up as a ratio far above the bound, however loaded the
  // machine. The small input is large enough to dwarf timer noise.
  // [what, repeated unit, language, whether the stage finds bodies in it]
  const cases: [string, string, Lang, boolean][] = [
    ['a run of one head word', 'Департамент ', 'ru', false],
    ['a long capitalised run', 'Алматы Астана Шымкент Департамент Полиции ', 'ru', true],
    ['English heads and capitals', 'Police Department Almaty Region Court Ministry ', 'en', true],
    ['Kazakh heads and capitals', 'Қостанай Облысы Полиция Департаменті ', 'kk', true],
  ]
  for (const [what, unit, lang, reads] of cases) {
    test(`${lang}: ${what}`, () => {
      const small = unit.repeat(Math.ceil(60_000 / unit.length))
      const large = unit.repeat(Math.ceil(240_000 / unit.length))
      let found = 0
      const a = cpuMs(() => {
        found = findOrganizations(small, lang).length
      })
      const b = cpuMs(() => findOrganizations(large, lang))
      assert.equal(found > 0, reads)
      assert.ok(b < 8 * a + 50, `${a.toFixed(0)} ms for 60K chars, ${b.toFixed(0)} ms for 240K`)
    })
  }
})
