import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isExcludedByContext, literalTest } from './date-context.ts'
import type { DateHit } from './find-dates.ts'

/** The hit for the first occurrence of `written` in `text`. */
function hitOf(text: string, written: string, fields: Partial<DateHit> = {}): DateHit {
  const start = text.indexOf(written)
  return {
    start,
    end: start + written.length,
    iso: written,
    relative: false,
    bareYear: true,
    ...fields,
  }
}

describe('isExcludedByContext', () => {
  const rows: [string, string, boolean][] = [
    ['The report covers the first three months of 2021 in detail.', '2021', true],
    ['Thefts fell by a third compared with 2019 in the region.', '2019', true],
    ['В 2023 году было зарегистрировано 1 204 кражи.', '2023', true],
    ['Кражи выросли по сравнению с 2018 годом.', '2018', true],
    ['За 2022 год раскрыто 87 преступлений.', '2022', true],
    ['The share of fraud grew 12 percent in 2020.', '2020', true],
    ['He was born in 1987 in Taraz.', '1987', true],
    ['Ол 1990 жылы туған.', '1990', true],
    ['В 2022 году этот показатель составлял 4,2 тонны.', '2022', true],
    ['Годом ранее их было 12 310, а в 2021 году — 13 004.', '2021', true],
    ['At the end of 2024, 21,500 people were on probation.', '2024', true],
    ['Департамент 2024 жылдың қорытындысын жариялады.', '2024', true],
    ['In 2018, 15 years after the attack, he was caught in Bishkek.', '2018', false],
    ['The man was detained in 2019 and extradited in March.', '2019', false],
    ['Полицейские задержали его в 2024 году в Астане.', '2024', false],
    ['Ол 2021 жылы Алматыға көшті.', '2021', false],
  ]
  const full = { bareYear: false }
  const thisYear = { bareYear: false, relative: true, iso: '2025' }
  const dated: [string, string, Partial<DateHit>, boolean][] = [
    ['Steppe Crime Review | 4 March 2025\nPolice detained two men.', '4 March 2025', full, true],
    [
      'Павлодарская область, 3 марта 2025 года. Полиция сообщила о задержании.',
      '3 марта 2025 года',
      full,
      true,
    ],
    ['He said the raid began on 5 May 2024. Then the court met.', '5 May 2024', full, false],
    ['This year 27 people were extradited to Uzbekistan.', 'This year', thisYear, true],
    ['Биыл шетелге 31 адам экстрадицияланды.', 'Биыл', thisYear, true],
    ['This year police opened a new station in Taraz.', 'This year', thisYear, false],
  ]
  for (const [text, written, fields, expected] of dated) {
    test(`${expected ? 'leaves out' : 'keeps'} "${written}" in ${JSON.stringify(text)}`, () => {
      const hit = hitOf(text, written, { iso: '2025-01-01', ...fields })
      assert.equal(isExcludedByContext(text, hit), expected)
    })
  }

  for (const [text, year, expected] of rows) {
    test(`${expected ? 'leaves out' : 'keeps'} ${year} in ${JSON.stringify(text)}`, () => {
      assert.equal(isExcludedByContext(text, hitOf(text, year)), expected)
    })
  }

  test('stays fast on a long sentence of repeated statistic words', () => {
    const text = `${'registered percent born за месяц '.repeat(20_000)}2020 ${'in '.repeat(20_000)}`
    const started = performance.now()
    isExcludedByContext(text, hitOf(text, '2020'))
    assert.ok(performance.now() - started < 500)
  })
})

describe('literalTest', () => {
  test('matches every letter case that the iu flags match', () => {
    // The quick tests run before `iu` regexes and must never say no where the regex says yes.
    const letters = [
      ...new Set('abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі'),
    ]
    const missed: string[] = []
    for (const letter of letters) {
      const exact = new RegExp(`^${letter}$`, 'iu')
      const quick = literalTest([letter])
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue
        const ch = String.fromCharCode(c)
        if (exact.test(ch) && !quick.test(ch)) missed.push(`${letter}: U+${c.toString(16)}`)
      }
    }
    assert.deepEqual(missed, [])
  })
})
