import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { convertAmount, createRateTable, type Rate } from './convert.ts'
import { annualRates } from './shipped-rates.ts'

const rates: Rate[] = [
  { date: '2024', currency: 'KZT', perUsd: 469.44, source: 'NBK annual average' },
  { date: '2024', currency: 'RUB', perUsd: 92, source: 'test annual' },
  { date: '2024-03', currency: 'KZT', perUsd: 450, source: 'user rate' },
  { date: '2024-03-05', currency: 'KZT', perUsd: 448, source: 'user rate' },
]
const table = createRateTable(rates)

describe('createRateTable', () => {
  test('takes the most specific rate that covers the date', () => {
    assert.equal(table.lookup('KZT', '2024-03-05')?.perUsd, 448)
    assert.equal(table.lookup('KZT', '2024-03-20')?.perUsd, 448)
    assert.equal(table.lookup('KZT', '2024-03-01')?.perUsd, 450)
    assert.equal(table.lookup('KZT', '2024-07-01')?.perUsd, 469.44)
    assert.equal(table.lookup('KZT', '2024')?.perUsd, 469.44)
  })

  test('knows no rate outside its years, and USD is always 1', () => {
    assert.equal(table.lookup('KZT', '2019-01-01'), null)
    assert.equal(table.lookup('USD', '1990')?.perUsd, 1)
  })
})

describe('convertAmount', () => {
  test('converts tenge to dollars at the rate of the date', () => {
    assert.deepEqual(convertAmount(469_440, 'KZT', '2024-06-01', table), {
      kzt: 469_440,
      usd: 1000,
      rateDate: '2024',
      rateSource: 'NBK annual average',
    })
  })

  test('converts dollars to tenge and names the rate used', () => {
    assert.deepEqual(convertAmount(1000, 'USD', '2024-03-05', table), {
      kzt: 448_000,
      usd: 1000,
      rateDate: '2024-03-05',
      rateSource: 'user rate',
    })
  })

  test('crosses two currencies through the dollar', () => {
    assert.deepEqual(convertAmount(92_000, 'RUB', '2024-11-02', table), {
      kzt: 469_440,
      usd: 1000,
      rateDate: '2024',
      rateSource: 'test annual; NBK annual average',
    })
  })

  test('gives no conversion without a date, an amount or any rate', () => {
    assert.equal(convertAmount(5, 'KZT', null, table), null)
    assert.equal(convertAmount(null, 'USD', '2024', table), null)
    assert.equal(convertAmount(5, 'EUR', '2024', table), null)
  })

  test('keeps the known side when only one rate is missing', () => {
    assert.deepEqual(convertAmount(100, 'USD', '2030', table), {
      kzt: null,
      usd: 100,
      rateDate: '2030',
      rateSource: 'identity',
    })
  })
})

describe('shipped annual rates', () => {
  const shipped = createRateTable(annualRates())

  test('cover 2000-2025 for the tenge and name a source for every figure', () => {
    for (let y = 2000; y <= 2025; y++) assert.ok(shipped.lookup('KZT', String(y)), `KZT ${y}`)
    for (const r of annualRates())
      assert.match(r.source, /^(?:World Bank WDI|CBT fixed rate) annual average$/)
  })

  test('convert 120 million tenge of 2019 at the WDI average of 382.747 to 313,523 dollars', () => {
    const c = convertAmount(120e6, 'KZT', '2019-04-05', shipped)
    assert.equal(Math.round(c?.usd ?? 0), 313_523)
    assert.equal(c?.rateSource, 'World Bank WDI annual average')
  })

  test('leave years without a published figure unconverted', () => {
    assert.equal(convertAmount(1e6, 'UZS', '2008-05-01', shipped), null)
    assert.equal(convertAmount(1e6, 'TMT', '2008-05-01', shipped), null)
    assert.ok(convertAmount(1e6, 'UZS', '2024-05-01', shipped))
  })

  test('hold plausible magnitudes (no figure off by a factor of ten)', () => {
    const bounds: Record<string, [number, number]> = {
      KZT: [100, 600],
      RUB: [20, 110],
      EUR: [0.6, 1.2],
      GBP: [0.45, 0.85],
      CNY: [6, 8.5],
      KGS: [30, 100],
      UZS: [200, 15000],
      TJS: [1, 12],
      TMT: [1, 6000],
    }
    for (const r of annualRates()) {
      const [lo, hi] = bounds[r.currency] ?? [0, Infinity]
      assert.ok(r.perUsd >= lo && r.perUsd <= hi, `${r.currency} ${r.date} ${r.perUsd}`)
    }
  })
})
