import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ExtractedDoc } from '#core/document.ts'
import { buildExtractedDoc } from '../../../test/helpers/build-doc.ts'
import { toAnnotations } from './annotations.ts'

const TEXT =
  'Фото: пресс-служба\n5 апреля в Астане задержан Арман Беков по делу о взятке в 23 млн тенге.'
const at = (s: string) => {
  const start = TEXT.indexOf(s)
  return { start, end: start + s.length, text: s }
}

function doc(): ExtractedDoc {
  return buildExtractedDoc({
    id: 'ru-1',
    text: TEXT,
    lang: 'ru',
    boilerplate: [{ start: 0, end: 18, kind: 'credit' }],
    locations: [
      {
        name: 'Астана',
        variants: ['Астане'],
        kind: 'city',
        country: 'KZ',
        placeId: 'KZ-AST',
        iso3166_2: null,
        parentId: 'KZ',
        lat: 51.17,
        lon: 71.45,
        mentions: [at('Астане')],
        provenance: { stage: 'extract-places', version: 2 },
      },
    ],
    persons: [
      {
        name: 'Арман Беков',
        variants: [],
        role: 'suspect',
        title: null,
        mentions: [at('Арман Беков')],
        provenance: { stage: 'extract-persons', version: 4 },
      },
    ],
    money: [
      {
        ...at('23 млн тенге'),
        amount: 23_000_000,
        currency: 'KZT',
        conversion: null,
        provenance: { stage: 'extract-money', version: 3 },
      },
    ],
    dates: [
      {
        ...at('5 апреля'),
        iso: '2025-04-05',
        relative: true,
        provenance: { stage: 'extract-dates', version: 1 },
      },
    ],
    crimes: [
      {
        category: 'corruption',
        evidence: [at('взятке')],
        provenance: { stage: 'extract-crimes', version: 1 },
      },
    ],
  })
}

describe('toAnnotations', () => {
  test('lists one annotation per mention with its normalised label and stage, in text order', () => {
    const annotations = toAnnotations(doc(), { stageVersions: { segment: 2 } })

    assert.deepEqual(
      annotations.map((a) => [
        TEXT.slice(a.start, a.end),
        a.type,
        a.label,
        `${a.stage}@${a.stageVersion}`,
      ]),
      [
        ['Фото: пресс-служба', 'boilerplate', 'credit', 'segment@2'],
        ['5 апреля', 'date', '2025-04-05', 'extract-dates@1'],
        ['Астане', 'location', 'Астана', 'extract-places@2'],
        ['Арман Беков', 'person', 'Арман Беков', 'extract-persons@4'],
        ['взятке', 'crime', 'corruption', 'extract-crimes@1'],
        ['23 млн тенге', 'money', '23000000 KZT', 'extract-money@3'],
      ],
    )
  })

  test('keeps type-specific attributes (role, gazetteer id, currency)', () => {
    const byType = new Map(toAnnotations(doc()).map((a) => [a.type, a.attributes]))

    assert.equal(byType.get('person')?.['role'], 'suspect')
    assert.equal(byType.get('location')?.['placeId'], 'KZ-AST')
    assert.deepEqual(byType.get('money'), { amount: 23_000_000, currency: 'KZT', conversion: null })
  })

  test('drops a span that points outside the text instead of throwing', () => {
    const bad = {
      ...doc(),
      dates: [
        {
          start: 5,
          end: 9999,
          text: '?',
          iso: '2025',
          relative: false,
          provenance: { stage: 'extract-dates', version: 1 },
        },
      ],
    }

    assert.equal(
      toAnnotations(bad).some((a) => a.type === 'date'),
      false,
    )
  })
})
