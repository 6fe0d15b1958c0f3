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
