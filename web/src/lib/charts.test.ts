import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compactNumber, niceTicks, timeBuckets } from './charts.ts'

describe('charts', () => {
  test('ticks are round numbers from zero past the maximum', () => {
    assert.deepEqual(niceTicks(7), [0, 2, 4, 6, 8])
    assert.deepEqual(niceTicks(100), [0, 50, 100])
    assert.deepEqual(niceTicks(0), [0, 1])
    const big = niceTicks(41_370)
    assert.ok(big.at(-1)! >= 41_370 && big.length <= 6)
  })

  test('fills missing months with zeros and keeps the crime counts', () => {
    const { unit, buckets } = timeBuckets([
      { period: '2025-03', count: 2, crimes: { fraud: 1 } },
      { period: '2025-01', count: 1, crimes: {} },
    ])
    assert.equal(unit, 'month')
    assert.deepEqual(
      buckets.map((b) => [b.period, b.count, b.crimes['fraud'] ?? 0]),
      [
        ['2025-01', 1, 0],
        ['2025-02', 0, 0],
        ['2025-03', 2, 1],
      ],
    )
  })

  test('folds a long span into years', () => {
    const { unit, buckets } = timeBuckets([
      { period: '2019-05', count: 2, crimes: { theft: 2 } },
      { period: '2019-11', count: 1, crimes: { theft: 1 } },
      { period: '2024-02', count: 4, crimes: {} },
    ])
    assert.equal(unit, 'year')
    assert.deepEqual(
      buckets.map((b) => [b.period, b.count]),
      [
        ['2019', 3],
        ['2020', 0],
        ['2021', 0],
        ['2022', 0],
        ['2023', 0],
        ['2024', 4],
      ],
    )
    assert.equal(buckets[0]?.crimes['theft'], 3)
  })

  test('writes large numbers compactly in each language', () => {
    assert.equal(compactNumber(12_300_000, 'en'), '12.3M')
    assert.match(compactNumber(12_300_000, 'ru'), /^12,3\s?млн$/u)
  })
})
