import assert from 'node:assert/strict'
import { test } from 'node:test'
import { editDistance, jaroWinkler } from './similarity.ts'

test('editDistance counts substitutions, insertions and adjacent transpositions as one edit', () => {
  const cases: [string, string, number][] = [
    ['ablazov', 'ablazov', 0],
    ['ahmetov', 'ahmedov', 1],
    ['nazarbaev', 'nazrabaev', 1],
    ['tokaev', 'tokaaev', 1],
    ['ivanov', 'petrov', 4],
    ['', 'abc', 3],
  ]
  for (const [a, b, d] of cases) assert.equal(editDistance(a, b), d, `${a}/${b}`)
})

test('editDistance stops early beyond the cap', () => {
  assert.equal(editDistance('aaaaaaaaaa', 'bbbbbbbbbb', 2), 3)
})

test('jaroWinkler is 1 for equal strings and favours a shared prefix', () => {
  assert.equal(jaroWinkler('martha', 'martha'), 1)
  assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.961) < 0.001)
  assert.ok(jaroWinkler('ablazov', 'ablazof') > jaroWinkler('ablazov', 'zablaov'))
  assert.equal(jaroWinkler('abc', ''), 0)
})
