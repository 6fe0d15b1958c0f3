import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createPhraseMatcher } from './phrase-matcher.ts'

describe('createPhraseMatcher', () => {
  test('finds the longest phrase and its exact span', () => {
    const m = createPhraseMatcher([
      { phrase: 'Almaty', value: 'city' },
      { phrase: 'Almaty region', value: 'region' },
    ])
    const text = 'Police in Almaty region detained him.'

    const found = m.match(text)

    assert.deepEqual(
      found.map((f) => [f.text, f.value, f.start]),
      [['Almaty region', 'region', 10]],
    )
  })

  test('matches inflected Russian forms through prefix words', () => {
    const m = createPhraseMatcher([{ phrase: 'Актюбинск* област*', value: 'KZ-AKT' }])

    const found = m.match('Задержан в Актюбинской области вчера')

    assert.equal(found[0]?.text, 'Актюбинской области')
  })

  test('keeps case-sensitive abbreviations apart from ordinary words', () => {
    const m = createPhraseMatcher([{ phrase: 'ДП', value: 'police', caseSensitive: true }])

    assert.equal(m.match('дп').length, 0)
    assert.equal(m.match('ДП Алматы').length, 1)
  })
})
