import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type DateSpan, withRecurrences } from './date-recurrences.ts'

/** The first mention of each text, as the dates stage gives them. */
function first(text: string, dates: Record<string, string>): DateSpan[] {
  return Object.entries(dates).map(([t, iso]) => {
    const start = text.indexOf(t)
    return { iso, start, end: start + t.length, text: t }
  })
}

describe('withRecurrences', () => {
  test('finds the later mentions of a date and of its month or year', () => {
    const text =
      'Since late January, two bloggers have been held in custody. The agency signed a memorandum in January. In 2021 a bank was hacked; in 2021 the hackers fled.'
    const found = withRecurrences(
      text,
      first(text, { 'Since late January': '2025-01', 'In 2021': '2021' }),
    )

    assert.deepEqual(
      found.map((d) => [d.text, d.iso]),
      [
        ['Since late January', '2025-01'],
        ['January', '2025-01'],
        ['In 2021', '2021'],
        ['2021', '2021'],
      ],
    )
  })

  test('a month or year inside a longer date or a range is not a repeat', () => {
    const text =
      'В феврале задержали двоих. 13 февраля их отпустили. В 2020 году дело открыли; в марте 2020 года и в 2019-2020 годах ничего не изменилось. Суд состоялся в феврале.'
    const found = withRecurrences(
      text,
      first(text, { 'В феврале': '2025-02', 'В 2020 году': '2020' }),
    )

    assert.deepEqual(
      found.map((d) => [d.text, d.start > text.indexOf('Суд') ? 'last' : 'early']),
      [
        ['В феврале', 'early'],
        ['В 2020 году', 'early'],
        ['феврале', 'last'],
      ],
    )
  })

  test('stays fast on a megabyte of one year', () => {
    const text = `In 2025 ${'2025 '.repeat(200_000)}`
    const started = performance.now()

    const found = withRecurrences(text, first(text, { 'In 2025': '2025' }))

    assert.ok(found.length <= 5001)
    assert.ok(performance.now() - started < 2000, 'took too long')
  })
})
