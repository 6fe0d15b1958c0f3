import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { StatisticsDoc } from '#core/document.ts'
import type { Statistic } from '#core/facts.ts'
import { isStatisticPeriod } from './statistic-periods.ts'

function statistic(start: number, end: number, period: string | null): Statistic {
  return {
    start,
    end,
    period,
    label: 'thefts',
    value: 1,
    unit: 'count',
    text: '',
    provenance: { stage: 'extract-statistics', version: 1 },
  }
}

const docWith = (statistics: Statistic[]) => ({ statistics }) as unknown as StatisticsDoc

describe('isStatisticPeriod', () => {
  test('takes a year inside a short statistic for that period, or for a range that names it', () => {
    const doc = docWith([statistic(10, 60, '2021'), statistic(100, 150, '2019/2020')])
    assert.equal(isStatisticPeriod(doc, { start: 20, end: 24, iso: '2021' }), true)
    assert.equal(isStatisticPeriod(doc, { start: 120, end: 124, iso: '2020' }), true)
    assert.equal(isStatisticPeriod(doc, { start: 20, end: 24, iso: '2022' }), false)
    assert.equal(isStatisticPeriod(doc, { start: 70, end: 74, iso: '2021' }), false)
  })

  test('reads a range as whole parts: a year inside a longer part is not its period', () => {
    const doc = docWith([statistic(0, 60, '2019-05/2020'), statistic(100, 150, '2019/2020-03')])
    assert.equal(isStatisticPeriod(doc, { start: 20, end: 24, iso: '2019' }), false)
    assert.equal(isStatisticPeriod(doc, { start: 20, end: 24, iso: '2020' }), true)
    assert.equal(isStatisticPeriod(doc, { start: 120, end: 124, iso: '2019' }), true)
    assert.equal(isStatisticPeriod(doc, { start: 120, end: 124, iso: '2020' }), false)
  })

  test('ignores a statistic whose span is a whole long sentence', () => {
    const doc = docWith([statistic(0, 400, '2021')])
    assert.equal(isStatisticPeriod(doc, { start: 20, end: 24, iso: '2021' }), false)
  })

  test('answers the same on a long statistics table as a check of every row', () => {
    // Rows of a table: overlapping spans, long and short ones, several periods.
    const rows: Statistic[] = []
    for (let i = 0; i < 600; i++) {
      const start = (i * 37) % 5000
      rows.push(statistic(start, start + 20 + (i % 9) * 17, i % 7 ? `${2010 + (i % 12)}` : null))
      if (i % 5 === 0) rows.push(statistic(start, start + 60, `${2015 + (i % 4)}/2020`))
    }
    const doc = docWith(rows)
    const everyRow = (year: { start: number; end: number; iso: string }) =>
      rows.some(
        (s) =>
          s.period !== null &&
          s.end - s.start <= 120 &&
          s.period.split('/').includes(year.iso) &&
          s.start <= year.start &&
          year.end <= s.end,
      )
    for (let at = 0; at < 5200; at += 13) {
      for (const iso of ['2012', '2016', '2020', '2021']) {
        const year = { start: at, end: at + 4, iso }
        assert.equal(isStatisticPeriod(doc, year), everyRow(year), `${iso} at ${at}`)
      }
    }
  })

  test('stays fast with thousands of years and statistics', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => statistic(i * 10, i * 10 + 30, '2020'))
    const doc = docWith(rows)
    const started = performance.now()
    for (let i = 0; i < 20_000; i++)
      isStatisticPeriod(doc, { start: i * 10 + 3, end: i * 10 + 7, iso: '2019' })
    assert.ok(performance.now() - started < 1000)
  })
})
