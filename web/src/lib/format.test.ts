import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { fallbackTitle, formatLabel, formatPublished, langName } from './format.ts'

describe('format', () => {
  test('shows dates at the precision the source gave', () => {
    assert.equal(formatPublished('2025-04-05T10:00:00Z'), '2025-04-05')
    assert.equal(formatPublished('2024-11'), '2024-11')
    assert.equal(formatPublished(null), 'undated')
  })

  test('names each language in itself', () => {
    assert.deepEqual(
      ['en', 'ru', 'kk'].map((l) => langName(l as 'en')),
      ['English', 'Русский', 'Қазақша'],
    )
  })

  test('makes a title from the text at a word boundary when there is none', () => {
    const text =
      'Алматы облысында полиция қызметкерлері есірткі сатумен айналысқан 32 жастағы ер адамды ұстады.'

    const title = fallbackTitle(null, text, 40)

    assert.equal(title, 'Алматы облысында полиция қызметкерлері…')
    assert.equal(fallbackTitle('  Detained in Taraz ', text), 'Detained in Taraz')
  })
})

describe('formatLabel', () => {
  test('groups the digits of money and statistic values, and leaves dates and names alone', () => {
    assert.equal(formatLabel('money', '182000000 KZT'), '182,000,000 KZT')
    assert.equal(formatLabel('money', '5600.12345 USD'), '5600.12345 USD')
    assert.equal(formatLabel('statistic', 'registered crimes: 41370'), 'registered crimes: 41,370')
    assert.equal(formatLabel('date', '2025-03-14'), '2025-03-14')
    assert.equal(formatLabel('person', 'Agent 00700000'), 'Agent 00700000')
  })
})
