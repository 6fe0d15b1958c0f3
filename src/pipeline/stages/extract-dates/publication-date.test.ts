import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { findPublicationDate } from './publication-date.ts'

describe('findPublicationDate', () => {
  const rows: [string, string, string | null][] = [
    ['date 2025-01-11\nПолиция задержала подозреваемого.', 'ru', '2025-01-11'],
    ['SOCIETY | 12:50 / 18.04.2024\nUzbek man detained in Astana.', 'en', '2024-04-18'],
    ['Тренды\n15:13, 09 февраля 2026\nВ Алматы задержали…', 'ru', '2026-02-09'],
    ['Viewing results\n03 April 2025\n\nKazakhstan cracks down on crime.', 'en', '2025-04-03'],
    ['Опубликовано: 26.12.2025\nВ Казахстане…', 'ru', '2025-12-26'],
    ['A long background page.\n\nLast updated April 2016', 'en', '2016-04'],
    [
      'Police detained a man in March 2024 in Almaty.\n© 2024 Ministry of Internal Affairs',
      'en',
      null,
    ],
  ]
  for (const [text, lang, expected] of rows) {
    test(`finds ${expected ?? 'no date'} in ${JSON.stringify(text.slice(0, 30))}`, () => {
      assert.equal(findPublicationDate(text, lang), expected)
    })
  }

  test('stays fast on a page of date labels and dates', () => {
    const text = 'Date: soon\nUpdated: 12.12.2012 text\n© 2024 May 5, 2024 '.repeat(20_000)
    const started = performance.now()
    findPublicationDate(text, 'en')
    assert.ok(performance.now() - started < 3000)
  })
})
