import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { adjectiveToNominative, declinePhrase, type Gender } from './morph-ru.ts'

describe('adjectiveToNominative', () => {
  const cases: [string, Gender, string][] = [
    ['Мангистауском', 'm', 'Мангистауский'],
    ['областном', 'm', 'областной'],
    ['специализированным', 'm', 'специализированный'],
    ['межрайонного', 'm', 'межрайонный'],
    ['городского', 'n', 'городское'],
    ['городской', 'f', 'городская'],
    ['Верховного', 'm', 'Верховный'],
    ['казахстанской', 'f', 'казахстанская'],
    ['Бостандыкского', 'm', 'Бостандыкский'],
    ['внутреннего', 'm', 'внутренний'],
  ]
  for (const [word, gender, nominative] of cases) {
    test(`${word} (${gender}) → ${nominative}`, () => {
      assert.equal(adjectiveToNominative(word, gender), nominative)
    })
  }
})

describe('declinePhrase', () => {
  test('the head and its adjectives inflect, the genitive tail stays', () => {
    const forms = declinePhrase(['Генеральная', 'прокуратура']).map((f) => f.join(' '))
    assert.deepEqual(forms, [
      'Генеральная прокуратура',
      'Генеральной прокуратуры',
      'Генеральной прокуратуре',
      'Генеральную прокуратуру',
      'Генеральной прокуратурой',
      'Генеральной прокуратуре',
    ])
    const mvd = declinePhrase(['Министерство', 'внутренних', 'дел']).map((f) => f.join(' '))
    assert.ok(mvd.includes('Министерством внутренних дел'))
    assert.ok(mvd.includes('Министерстве внутренних дел'))
  })

  test('abbreviations and foreign names do not inflect', () => {
    assert.deepEqual(declinePhrase(['РИА', 'Новости']), [['РИА', 'Новости']])
    assert.deepEqual(declinePhrase(['Kazinform']), [['Kazinform']])
  })
})
