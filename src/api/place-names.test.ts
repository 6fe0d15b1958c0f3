import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { placeDisplayName } from './place-names.ts'

describe('placeDisplayName', () => {
  test('writes a region out in full in each language', () => {
    assert.equal(placeDisplayName('KZ-AKT', 'ru'), 'Актюбинская область')
    assert.equal(placeDisplayName('KZ-AKT', 'kk'), 'Ақтөбе облысы')
    assert.equal(placeDisplayName('KZ-AKT', 'en'), 'Aktobe Region')
  })

  test('names cities and countries without a generic word', () => {
    assert.equal(placeDisplayName('KZ-ALA', 'en'), 'Almaty')
    assert.equal(placeDisplayName('KZ-ALA', 'kk'), 'Алматы')
    assert.equal(placeDisplayName('KG', 'ru'), 'Кыргызстан')
  })

  test('returns null for an id the gazetteer does not know', () => {
    assert.equal(placeDisplayName('Springfield', 'en'), null)
  })
})
