import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { formatRatesCsv, mergeRates, parseRatesCsv } from './rates-csv.ts'

describe('parseRatesCsv', () => {
  test('reads daily, monthly and yearly rates', () => {
    const csv = 'date,currency,per_usd\n2025-04-03,KZT,512.40\n2025-04,RUB,84.1\n2025,KGS,87.3\n'

    const parsed = parseRatesCsv(csv, 'user rate')

    assert.deepEqual(parsed, {
      rates: [
        { date: '2025-04-03', currency: 'KZT', perUsd: 512.4, source: 'user rate' },
        { date: '2025-04', currency: 'RUB', perUsd: 84.1, source: 'user rate' },
        { date: '2025', currency: 'KGS', perUsd: 87.3, source: 'user rate' },
      ],
      errors: [],
    })
  })

  test('reports one clear line per bad row and keeps the good ones', () => {
    const csv = [
      'date,currency,per_usd',
      '2025-13-01,KZT,500',
      'yesterday,KZT,500',
      '2025-01-02,kzt,500',
      '2025-01-02,RUB,-3',
      '2025-01-02,RUB,abc',
      '2025-01-02,RUB',
      '2025-01-02,EUR,0.95',
    ].join('\n')

    const parsed = parseRatesCsv(csv, 'user rate')

    assert.deepEqual(parsed.errors, [
      'line 2: bad date "2025-13-01" (expected YYYY, YYYY-MM or YYYY-MM-DD)',
      'line 3: bad date "yesterday" (expected YYYY, YYYY-MM or YYYY-MM-DD)',
      'line 4: bad currency "kzt" (expected an ISO 4217 code like KZT)',
      'line 5: bad per_usd "-3" (expected a positive number)',
      'line 6: bad per_usd "abc" (expected a positive number)',
      'line 7: expected 3 columns, got 2',
    ])
    assert.deepEqual(parsed.rates, [
      { date: '2025-01-02', currency: 'EUR', perUsd: 0.95, source: 'user rate' },
    ])
  })

  test('rejects a file without the needed header', () => {
    assert.deepEqual(parseRatesCsv('when,code,value\n2025,KZT,1\n', 'x').errors, [
      'line 1: header must name date,currency,per_usd (missing date, currency, per_usd)',
    ])
    assert.deepEqual(parseRatesCsv('', 'x').errors, [
      'line 1: empty file, expected a header date,currency,per_usd',
    ])
  })
})

describe('mergeRates', () => {
  test('replaces a rate for the same date and currency and writes them back sorted', () => {
    const old = [{ date: '2025-04', currency: 'KZT', perUsd: 500, source: 'user rate' }]
    const incoming = [
      { date: '2025-04', currency: 'KZT', perUsd: 510, source: 'user rate' },
      { date: '2025-04', currency: 'EUR', perUsd: 0.9, source: 'user rate' },
    ]

    const csv = formatRatesCsv(mergeRates(old, incoming))

    assert.equal(
      csv,
      'date,currency,per_usd,source\n2025-04,EUR,0.9,user rate\n2025-04,KZT,510,user rate\n',
    )
  })
})
