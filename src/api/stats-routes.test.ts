import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ReportedFigure } from '#storage/stats-repository.ts'
import { presentStats } from './stats-routes.ts'

function figure(
  label: string,
  period: string | null,
  value: number,
  docId: string,
): ReportedFigure {
  return { label, period, value, unit: 'count', docId, title: null, published: null }
}

describe('presentStats', () => {
  test('a label over several periods is a series, one point per period, newest source first', () => {
    const out = presentStats({
      documents: 3,
      undated: 0,
      months: [],
      money: [],
      // Newest documents first, as the repository reads them.
      figures: [
        figure('registered crimes', '2024', 41_370, 'new'),
        figure('Registered crimes', '2023', 45_002, 'old'),
        figure('registered crimes', '2024', 41_000, 'old'),
        figure('drug seizures', '2024', 12, 'new'),
      ],
    })

    assert.equal(out.series.length, 1)
    assert.deepEqual(
      out.series[0]?.points.map((p) => [p.period, p.value, p.docId]),
      [
        ['2023', 45_002, 'old'],
        ['2024', 41_370, 'new'],
      ],
    )
    assert.deepEqual(
      out.figures.map((f) => f.label),
      ['drug seizures'],
    )
  })

  test('months in order with documents per crime category, categories by frequency', () => {
    const out = presentStats({
      documents: 5,
      undated: 1,
      months: [
        { month: '2025-02', crime: null, count: 3 },
        { month: '2025-02', crime: 'theft', count: 1 },
        { month: '2025-01', crime: null, count: 1 },
        { month: '2025-01', crime: 'fraud', count: 1 },
        { month: '2025-02', crime: 'fraud', count: 2 },
      ],
      money: [],
      figures: [],
    })

    assert.deepEqual(
      out.months.map((m) => [m.month, m.count, m.crimes]),
      [
        ['2025-01', 1, { fraud: 1 }],
        ['2025-02', 3, { theft: 1, fraud: 2 }],
      ],
    )
    assert.deepEqual(out.crimes, ['fraud', 'theft'])
  })
})
