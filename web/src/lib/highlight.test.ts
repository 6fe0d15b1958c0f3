import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AnnotationDto } from '#api/contract.ts'
import { describeRun, detailOf, splitAnnotated, splitSnippet, summariseFacts } from './highlight.ts'

function ann(
  start: number,
  end: number,
  type: AnnotationDto['type'],
  label: string,
): AnnotationDto {
  return { start, end, type, label, attributes: {}, stage: 'test', stageVersion: 1 }
}

describe('splitSnippet', () => {
  const cases: [string, string, { start: number; end: number }[], [string, boolean][]][] = [
    ['no highlights', 'Задержан в Алматы', [], [['Задержан в Алматы', false]]],
    [
      'one highlight in the middle',
      'Задержан в Алматы',
      [{ start: 11, end: 17 }],
      [
        ['Задержан в ', false],
        ['Алматы', true],
      ],
    ],
    [
      'overlapping and unsorted ranges merge',
      'fraud in Almaty',
      [
        { start: 9, end: 15 },
        { start: 0, end: 5 },
        { start: 3, end: 7 },
      ],
      [
        ['fraud i', true],
        ['n ', false],
        ['Almaty', true],
      ],
    ],
    [
      'ranges past the end are clamped',
      'Алаяқ',
      [{ start: 2, end: 99 }],
      [
        ['Ал', false],
        ['аяқ', true],
      ],
    ],
    ['an empty text gives one empty run', '', [{ start: 0, end: 3 }], [['', false]]],
  ]
  for (const [name, text, highlights, expected] of cases) {
    test(name, () => {
      const runs = splitSnippet(text, highlights)

      assert.deepEqual(
        runs.map((r) => [r.text, r.highlighted]),
        expected,
      )
    })
  }
})

describe('splitAnnotated', () => {
  const text = 'Полиция задержала Асқар Бекұлы в Шымкенте.'

  test('colours a person inside an event with the person type and marks the event', () => {
    const annotations = [ann(8, 41, 'event', 'arrest'), ann(18, 30, 'person', 'Асқар Бекұлы')]

    const runs = splitAnnotated(text, annotations)

    assert.deepEqual(
      runs.map((r) => [r.text, r.primary, r.inEvent]),
      [
        ['Полиция ', null, false],
        ['задержала ', null, true],
        ['Асқар Бекұлы', 'person', true],
        [' в Шымкенте', null, true],
        ['.', null, false],
      ],
    )
  })

  test('keeps the text intact: the runs join back to the document', () => {
    const annotations = [ann(0, 7, 'organization', 'Полиция'), ann(33, 41, 'location', 'Шымкент')]

    const runs = splitAnnotated(text, annotations)

    assert.equal(runs.map((r) => r.text).join(''), text)
  })

  test('greys boilerplate and ignores empty or out-of-range spans', () => {
    const annotations = [
      ann(0, 7, 'boilerplate', 'ticker'),
      ann(5, 5, 'date', 'x'),
      ann(40, 400, 'money', 'y'),
    ]

    const runs = splitAnnotated(text, annotations)

    assert.deepEqual(runs[0], { ...runs[0], text: 'Полиция', boilerplate: true, primary: null })
    assert.equal(runs.at(-1)?.primary, 'money')
    assert.equal(runs.map((r) => r.text).join(''), text)
  })

  test('underlines a place inside an organisation name in the organisation colour', () => {
    const annotations = [
      ann(0, 7, 'location', 'Караганда'),
      ann(0, 15, 'organization', 'Полиция Караганды'),
    ]

    const runs = splitAnnotated('Караган полиция', annotations)

    assert.deepEqual(
      runs.map((r) => [r.text, r.primary, r.outer]),
      [
        ['Караган', 'location', 'organization'],
        [' полиция', 'organization', null],
      ],
    )
  })

  test('lists every covering annotation in the tooltip, the most specific first', () => {
    const annotations = [ann(8, 41, 'event', 'arrest'), ann(18, 30, 'person', 'Асқар Бекұлы')]

    const run = splitAnnotated(text, annotations).find((r) => r.primary === 'person')

    assert.ok(run)
    assert.equal(describeRun(run), 'person: Асқар Бекұлы\nevent: arrest')
  })

  test('handles thousands of annotations on a long text quickly', () => {
    const long = 'Алматы '.repeat(30_000)
    const many = Array.from({ length: 30_000 }, (_, i) =>
      ann(i * 7, i * 7 + 6, 'location', 'Алматы'),
    )

    const t0 = performance.now()
    const runs = splitAnnotated(long, many)

    assert.equal(runs.length, 60_000)
    assert.ok(performance.now() - t0 < 1000)
  })
})

describe('summariseFacts', () => {
  test('folds repeated labels into one fact per type, in legend order, boilerplate left out', () => {
    const annotations = [
      ann(40, 47, 'location', 'Шымкент'),
      ann(18, 30, 'person', 'Асқар Бекұлы'),
      ann(60, 66, 'person', 'Асқар Бекұлы'),
      ann(5, 12, 'location', 'Алматы'),
      ann(0, 4, 'boilerplate', 'ticker'),
    ]

    const facts = summariseFacts(annotations, ['person', 'location', 'boilerplate'])

    assert.deepEqual(facts, [
      { type: 'person', label: 'Асқар Бекұлы', count: 2, firstStart: 18 },
      { type: 'location', label: 'Алматы', count: 1, firstStart: 5 },
      { type: 'location', label: 'Шымкент', count: 1, firstStart: 40 },
    ])
  })
})

describe('detailOf', () => {
  const base = { start: 0, end: 1, stage: 's', stageVersion: 1 }
  test('gives an amount in tenge and dollars with the rate it used', () => {
    const detail = detailOf({
      ...base,
      type: 'money',
      label: '5000000 RUB',
      attributes: {
        amount: 5_000_000,
        currency: 'RUB',
        conversion: {
          kzt: 27_500_000,
          usd: 61_234.4,
          rateDate: '2024',
          rateSource: 'NBK annual average',
        },
      },
    })
    assert.equal(detail, '≈ 27,500,000 KZT, ≈ 61,234 USD (2024, NBK annual average)')
  })

  test("gives a person's role and title, and nothing for a bare date", () => {
    assert.equal(
      detailOf({
        ...base,
        type: 'person',
        label: 'Ерлан Жумабаев',
        attributes: { role: 'suspect', title: 'бывший аким района' },
      }),
      'suspect, бывший аким района',
    )
    assert.equal(detailOf({ ...base, type: 'date', label: '2025-03-14', attributes: {} }), '')
  })
})
