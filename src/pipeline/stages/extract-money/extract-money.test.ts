import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { PersonsDoc } from '#core/document.ts'
import type { StageContext } from '../../stage.ts'
import { createRateTable } from './convert.ts'
import { extractMoney } from './extract-money.ts'

const context: StageContext = { signal: new AbortController().signal, report() {} }

/** A document as extract-money receives it; `furniture` substrings are blanked in `content`. */
function doc(
  text: string,
  options: { lang?: 'en' | 'ru' | 'kk'; published?: string | null; furniture?: string[] } = {},
): PersonsDoc {
  let content = text
  for (const f of options.furniture ?? []) content = content.split(f).join(' '.repeat(f.length))
  return {
    id: 'd1',
    source: 'd1.txt',
    url: null,
    format: 'text',
    raw: text,
    text,
    title: null,
    published: options.published ?? null,
    lang: options.lang ?? 'en',
    langConfidence: 1,
    boilerplate: [],
    content,
    articles: [{ start: 0, end: text.length, title: null, titleSpan: null }],
    sentences: [{ start: 0, end: text.length }],
    referenceDate: options.published ?? null,
    locations: [],
    organizations: [],
    persons: [],
  }
}

const rates = createRateTable([
  { date: '2025', currency: 'KZT', perUsd: 500, source: 'NBK annual average' },
])

describe('extractMoney', () => {
  test('lists each distinct amount once, with its span, text and conversion', async () => {
    const text = 'Он похитил 5 млн тенге. Позже суд взыскал те же 5 млн тенге и штраф $1,000.'

    const out = await extractMoney({ rates }).run(
      doc(text, { lang: 'ru', published: '2025-03-01' }),
      context,
    )

    assert.deepEqual(out.money, [
      {
        start: 11,
        end: 22,
        text: '5 млн тенге',
        amount: 5e6,
        currency: 'KZT',
        conversion: { kzt: 5e6, usd: 10000, rateDate: '2025', rateSource: 'NBK annual average' },
        provenance: { stage: 'extract-money', version: 1 },
      },
      {
        start: 68,
        end: 74,
        text: '$1,000',
        amount: 1000,
        currency: 'USD',
        conversion: { kzt: 500000, usd: 1000, rateDate: '2025', rateSource: 'NBK annual average' },
        provenance: { stage: 'extract-money', version: 1 },
      },
    ])
  })

  test('takes nothing from a currency ticker blanked out as furniture', async () => {
    const ticker = 'USD 512.40 ₸ · EUR 540.10 ₸ · RUB 6.25 ₸'
    const text = `${ticker}\nПолиция изъяла 2 млн тенге.`

    const out = await extractMoney({ rates }).run(
      doc(text, { lang: 'ru', furniture: [ticker] }),
      context,
    )

    assert.deepEqual(
      out.money.map((m) => [m.text, m.amount, m.currency, m.conversion]),
      [['2 млн тенге', 2e6, 'KZT', null]],
    )
  })

  test('does not mutate its input', async () => {
    const input = doc('A bribe of $5,000.')
    const copy = structuredClone(input)

    await extractMoney({ rates }).run(input, context)

    assert.deepEqual(input, copy)
  })

  test('stays fast on long hostile input', async () => {
    const hostile = `${'9'.repeat(100_000)} ${'млн млн млн '.repeat(5_000)}${'1,1,1,1 '.repeat(10_000)}${'$ '.repeat(10_000)}${'1 000 '.repeat(10_000)}`
    const stage = extractMoney({ rates })
    await stage.run(doc('5 млн тенге', { lang: 'ru' }), context)
    const started = performance.now()

    await stage.run(doc(hostile, { lang: 'ru' }), context)

    const ms = performance.now() - started
    assert.ok(hostile.length > 200_000)
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`)
  })
})
