import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { StatisticsDoc } from '#core/document.ts'
import type { Statistic } from '#core/facts.ts'
import type { StageContext } from '../../stage.ts'
import { extractDates } from './extract-dates.ts'

const context: StageContext = { signal: new AbortController().signal, report() {} }

/** A document as extract-dates receives it; `furniture` substrings are blanked in `content`. */
function doc(
  text: string,
  options: {
    lang?: 'en' | 'ru' | 'kk'
    ref?: string | null
    furniture?: string[]
    statistics?: Statistic[]
  } = {},
): StatisticsDoc {
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
    published: options.ref ?? null,
    lang: options.lang ?? 'en',
    langConfidence: 1,
    boilerplate: [],
    content,
    articles: [{ start: 0, end: text.length, title: null, titleSpan: null }],
    sentences: [{ start: 0, end: text.length }],
    referenceDate: options.ref ?? null,
    locations: [],
    organizations: [],
    persons: [],
    money: [],
    statistics: options.statistics ?? [],
  }
}

const run = async (d: StatisticsDoc) =>
  (await extractDates().run(d, context)).dates.map((x) => [x.text, x.iso, x.relative])

describe('extractDates', () => {
  test('lists each distinct value once and marks the ones resolved against the reference date', async () => {
    const text =
      'Задержание произошло 23 декабря 2025 года. 23 декабря 2025 года его арестовали, а 26 декабря суд…'

    assert.deepEqual(await run(doc(text, { lang: 'ru', ref: '2025-12-26' })), [
      ['23 декабря 2025 года', '2025-12-23', false],
      ['26 декабря', '2025-12-26', true],
    ])
  })

  test('takes nothing from page furniture', async () => {
    const header = '12:50 / 18.04.2024'
    const text = `${header}\nPolice detained the man in March 2024.`

    assert.deepEqual(await run(doc(text, { furniture: [header] })), [
      ['March 2024', '2024-03', false],
    ])
  })

  test('leaves out years that are only the period of a statistic, of a title, a birth or a copyright', async () => {
    const text = [
      'In 2023, 1,234 crimes were registered in Almaty.',
      'Crime fell by 15% in 2022.',
      'A 2016 Crime and Safety Report was cited, and the Criminal Law Act 1977 applied.',
      'The suspect, born in 1985, fled in 2019.',
      'В 2024 году по фактам мошенничества возбуждено 70 дел.',
      'Его задержали в 2021 году.',
      'Ол 1990 жылы туған.',
      '© 2024 Ministry of Internal Affairs.',
    ].join('\n')

    assert.deepEqual(await run(doc(text)), [
      ['2019', '2019', false],
      ['2021', '2021', false],
    ])
  })

  test('leaves out a year that the statistics stage gave as a period', async () => {
    const text = 'Over 2020 the courts heard 6 appeals; in 2020 the law changed.'
    const end = text.indexOf(';')
    const stat: Statistic = {
      start: 0,
      end,
      label: 'sentences',
      period: '2020',
      value: 6,
      unit: 'sentences',
      text: text.slice(0, end),
      provenance: { stage: 'extract-statistics', version: 1 },
    }

    assert.deepEqual(await run(doc(text, { statistics: [stat] })), [['2020', '2020', false]])
    assert.equal(
      (await extractDates().run(doc(text, { statistics: [stat] }), context)).dates[0]?.start,
      text.lastIndexOf('2020'),
    )
  })

  test('leaves out a relative period that only frames a count', async () => {
    const text = 'Last year police carried out 14 joint operations. Yesterday they detained 3 men.'

    assert.deepEqual(await run(doc(text, { ref: '2025-07-21' })), [
      ['Yesterday', '2025-07-20', true],
    ])
  })

  test('leaves out relative dates on a page without a date', async () => {
    assert.deepEqual(
      await run(doc('The joint collegium met today and approved the plan for 2026.')),
      [['2026', '2026', false]],
    )
  })
})

describe('extractDates on forms met in fresh text', () => {
  const REF = '2025-03-12'
  const texts = (out: unknown[][]) => out.map(([text, iso]) => [text, iso])
  // One row per error class and language: [sentence, lang, expected [text, iso]].
  const rows: [string, 'en' | 'ru' | 'kk', [string, string][]][] = [
    // A month with a relative year is one date, not a year plus a month.
    [
      'Өткен жылдың қараша айында полиция алаяқты ұстады.',
      'kk',
      [['Өткен жылдың қараша айында', '2024-11']],
    ],
    [
      'Прошлого года в ноябре полиция задержала мошенника.',
      'ru',
      [['Прошлого года в ноябре', '2024-11']],
    ],
    [
      'Police detained the suspect in November last year.',
      'en',
      [['November last year', '2024-11']],
    ],
    // A year-less month right after a year takes that year, and the pair is one date.
    [
      '2022 жылы 5 қарашада полиция алаяқты ұстады.',
      'kk',
      [['2022 жылы 5 қарашада', '2022-11-05']],
    ],
    [
      'В 2022 году в ноябре полиция задержала мошенника.',
      'ru',
      [['2022 году в ноябре', '2022-11']],
    ],
    [
      'Last year in November police detained the man.',
      'en',
      [['Last year in November', '2024-11']],
    ],
    // A year that only frames a count of offences is the statistic's period.
    ['Биыл облыста 1 200 қылмыс тіркелді, ал 2023 жылы 87 кісі өлтіру болды.', 'kk', []],
    ['В 2023 году было совершено 87 убийств, в прошлом году осуждены 312 человек.', 'ru', []],
    ['In 2023 there were 87 murders in the city.', 'en', []],
    ['This year 45 drug labs were shut down.', 'en', []],
    // …but a year framing one event stays.
    ['2023 жылы полиция аудан әкімін ұстады.', 'kk', [['2023', '2023']]],
    ['В 2023 году полиция задержала главу акимата.', 'ru', [['2023', '2023']]],
    // Header lines and datelines are page furniture.
    ['ASTANA, March 3 — Police detained a man on March 2.', 'en', [['March 2', '2025-03-02']]],
    [
      'АЛМАТЫ, 3 марта (Reuters) – Полиция задержала мужчину 2 марта.',
      'ru',
      [['2 марта', '2025-03-02']],
    ],
    [
      'Жаңартылды: 4 наурыз 2025\nПолиция ер адамды 2 наурызда ұстады.',
      'kk',
      [['2 наурызда', '2025-03-02']],
    ],
    ['Астана. 3 наурыз. ҚазАқпарат - Полиция ер адамды ұстады.', 'kk', []],
    ['Published: 4 March 2025 | Updated: 5 March 2025\nPolice detained a man.', 'en', []],
    [
      '19 октября 2024, 11:18\nПолиция задержала мужчину 17 октября.',
      'ru',
      [['17 октября', '2024-10-17']],
    ],
    ['A 2023 ranking by the watchdog put the country 93rd.', 'en', []],
    // Seasons of last year give that year (as "осенью 2025 года" gives 2025).
    ['The fraud scheme began last autumn.', 'en', [['last autumn', '2024']]],
    ['Мошенничество началось прошлой осенью.', 'ru', [['прошлой осенью', '2024']]],
    ['Алаяқтық былтыр күзде басталды.', 'kk', [['былтыр күзде', '2024']]],
    // "that year" takes the year written last before it.
    [
      'Іс 2021 жылы қозғалды. Сол жылдың қыркүйегінде ол ұсталды.',
      'kk',
      [
        ['2021', '2021'],
        ['Сол жылдың қыркүйегінде', '2021-09'],
      ],
    ],
    [
      'Дело возбудили в 2021 году. Того же года в сентябре его задержали.',
      'ru',
      [
        ['2021', '2021'],
        ['Того же года в сентябре', '2021-09'],
      ],
    ],
    [
      'Өткен жылдың 15 қарашасында полиция алаяқты ұстады.',
      'kk',
      [['Өткен жылдың 15 қарашасында', '2024-11-15']],
    ],
    ['Его задержали 15 ноября прошлого года.', 'ru', [['15 ноября прошлого года', '2024-11-15']]],
    // Weekdays resolve to the last one on or before the reference day (a Wednesday).
    ['Өткен сенбіде полиция ер адамды ұстады.', 'kk', [['Өткен сенбіде', '2025-03-08']]],
    ['В минувшую субботу полиция задержала мужчину.', 'ru', [['В минувшую субботу', '2025-03-08']]],
    // "The next day" is the day after the full date before it.
    [
      'He was detained on March 3, 2025. The next day he was charged.',
      'en',
      [
        ['March 3, 2025', '2025-03-03'],
        ['The next day', '2025-03-04'],
      ],
    ],
    [
      'Его задержали 3 марта 2025 года. На следующий день ему предъявили обвинение.',
      'ru',
      [
        ['3 марта 2025 года', '2025-03-03'],
        ['На следующий день', '2025-03-04'],
      ],
    ],
    [
      'Ол 2025 жылғы 3 наурызда ұсталды. Келесі күні оған айып тағылды.',
      'kk',
      [
        ['2025 жылғы 3 наурызда', '2025-03-03'],
        ['Келесі күні', '2025-03-04'],
      ],
    ],
  ]
  for (const [text, lang, expected] of rows) {
    test(`reads ${JSON.stringify(text)}`, async () => {
      assert.deepEqual(texts(await run(doc(text, { lang, ref: REF }))), expected)
    })
  }
})
