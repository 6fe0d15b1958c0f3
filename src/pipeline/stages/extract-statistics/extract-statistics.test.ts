import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DetectedDoc, MoneyDoc } from '#core/document.ts'
import { extractMoney, moneyMentionsOf } from '../extract-money/extract-money.ts'
import { segment } from '../segment/segment.ts'
import { extractStatistics } from './extract-statistics.ts'

const ctx = { signal: new AbortController().signal, report() {} }

function prepare(text: string, published: string | null, lang: 'en' | 'ru' | 'kk'): MoneyDoc {
  const detected: DetectedDoc = {
    id: 's',
    source: 's.txt',
    url: null,
    format: 'text',
    raw: text,
    text,
    title: null,
    published,
    lang,
    langConfidence: 1,
  }
  const seg = segment().run(detected, ctx)
  assert.ok(!(seg instanceof Promise))
  // The money stage's own output: the statistics stage reads it (an empty list there means
  // there is no amount to look for).
  const withMoney = extractMoney().run(
    { ...seg, locations: [], organizations: [], persons: [] },
    ctx,
  )
  assert.ok(!(withMoney instanceof Promise))
  return withMoney
}

describe('extractStatistics stage', () => {
  it('reads figures from the body, not from the headline or page furniture', () => {
    const text = [
      'Crime in the region fell by 12 percent',
      '',
      'USD 470.5',
      '',
      'In 2024, police in the region registered 4,310 crimes against 4,897 in 2023, the department said.',
      '',
      'Photo: 2,000 officers on patrol',
    ].join('\n')
    const out = extractStatistics().run(prepare(text, '2025-01-20', 'en'), ctx)
    assert.ok(!(out instanceof Promise))
    assert.deepEqual(
      out.statistics.map((s) => [s.value, s.period]),
      [
        [4310, '2024'],
        [4897, '2023'],
      ],
    )
    const first = out.statistics[0]!
    assert.equal(text.slice(first.start, first.end), first.text)
    assert.equal(first.provenance.stage, 'extract-statistics')
  })

  it('finds the amounts itself, so a sum in a period sentence is read even when repeated', () => {
    const text =
      'Ущерб превысил 1,1 миллиарда тенге.\n\nЗа последние три года зарегистрировано 13 уголовных дел, а общий ущерб превысил 1,1 миллиарда тенге.'
    const out = extractStatistics().run(prepare(text, '2025-09-28', 'ru'), ctx)
    assert.ok(!(out instanceof Promise))
    assert.deepEqual(
      out.statistics.map((s) => [s.value, s.period, s.unit]),
      [
        [13, '2023/2025', 'cases'],
        [1.1e9, '2023/2025', 'KZT'],
      ],
    )
  })
  it('reads every mention the money stage found, repeats included, and the same on a copy', () => {
    const text =
      'Damage exceeded 2.4 billion tenge.\n\nIn 2024, the department registered 310 fraud cases, and the total damage exceeded 2.4 billion tenge.'
    const withMoney = prepare(text, '2025-02-01', 'en')
    // One entry per distinct amount in doc.money, both mentions handed on to statistics.
    assert.equal(withMoney.money.length, 1)
    assert.deepEqual(
      moneyMentionsOf(withMoney)?.map((m) => text.slice(m.start, m.end)),
      ['2.4 billion tenge', '2.4 billion tenge'],
    )
    const direct = extractStatistics().run(withMoney, ctx)
    // A copy is not the money stage's object: the amounts are found again, with the same result.
    const copy = { ...withMoney }
    assert.equal(moneyMentionsOf(copy), undefined)
    const again = extractStatistics().run(copy, ctx)
    assert.ok(!(direct instanceof Promise) && !(again instanceof Promise))
    assert.deepEqual(
      direct.statistics.map((s) => [s.value, s.period, s.unit]),
      [
        [310, '2024', 'cases'],
        [2.4e9, '2024', 'KZT'],
      ],
    )
    assert.deepEqual(again.statistics, direct.statistics)
  })
})
