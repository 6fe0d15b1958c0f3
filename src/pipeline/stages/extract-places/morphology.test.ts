import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { kkCaseForms } from './morphology-kk.ts'
import { ruAdjectiveNominative, ruCaseForms, ruNounNominative } from './morphology-ru.ts'

describe('ruCaseForms', () => {
  const cases: readonly [string, boolean, string[]][] = [
    // [nominative, adjective only, forms that must be among the generated ones]
    ['Астана', false, ['Астаны', 'Астане', 'Астану', 'Астаной']],
    ['Шымкент', false, ['Шымкента', 'Шымкенту', 'Шымкентом', 'Шымкенте']],
    ['Костанай', false, ['Костаная', 'Костанаю', 'Костанаем', 'Костанае']],
    ['Россия', false, ['России', 'Россию', 'Россией']],
    ['Польша', false, ['Польши', 'Польшей']],
    ['Нур-Султан', false, ['Нур-Султана', 'Нур-Султане']],
    ['Тюмень', false, ['Тюмени', 'Тюменью']],
    ['Южная Корея', false, ['Южной Кореи', 'Южную Корею']],
    ['Актюбинская', true, ['Актюбинской', 'Актюбинскую', 'Актюбинские', 'Актюбинских']],
    ['Карасайский', true, ['Карасайского', 'Карасайскому', 'Карасайским', 'Карасайском']],
  ]
  for (const [name, adjectiveOnly, expected] of cases) {
    test(name, () => {
      const forms = ruCaseForms(name, { adjectiveOnly })
      for (const f of expected) assert.ok(forms.includes(f), `${f} not in ${forms.join(', ')}`)
    })
  }

  test('indeclinable names keep one form', () => {
    for (const name of ['Алматы', 'Актобе', 'Атырау', 'Душанбе'])
      assert.deepEqual(ruCaseForms(name), [name])
  })
})

describe('ruAdjectiveNominative', () => {
  const cases: readonly [string, 'f' | 'm', string][] = [
    ['Шардаринского', 'm', 'Шардаринский'],
    ['Карасайском', 'm', 'Карасайский'],
    ['Актюбинской', 'f', 'Актюбинская'],
    ['Свердловскую', 'f', 'Свердловская'],
    ['Пермском', 'm', 'Пермский'],
  ]
  for (const [word, gender, expected] of cases) {
    test(word, () => assert.equal(ruAdjectiveNominative(word, gender), expected))
  }
})

describe('ruNounNominative', () => {
  test('rebuilds -ск towns and leaves unknown endings alone', () => {
    assert.equal(ruNounNominative('Степногорске', false), 'Степногорск')
    assert.equal(ruNounNominative('Кошкарата', false), 'Кошкарата')
    assert.equal(ruNounNominative('Степногорске', true), 'Степногорске')
  })
})

describe('kkCaseForms', () => {
  const cases: readonly [string, string[]][] = [
    ['Алматы', ['Алматыда', 'Алматыға', 'Алматының', 'Алматыдан', 'Алматыдағы']],
    ['Астана', ['Астанада', 'Астанаға', 'Астананың', 'Астанадан']],
    ['Шымкент', ['Шымкентте', 'Шымкентке', 'Шымкенттің', 'Шымкенттен']],
    ['Ақтөбе', ['Ақтөбеде', 'Ақтөбеге', 'Ақтөбенің']],
    ['Қазақстан', ['Қазақстанда', 'Қазақстанға', 'Қазақстанның', 'Қазақстаннан']],
    ['Ресей', ['Ресейде', 'Ресейге', 'Ресейдің']],
    ['Атырау', ['Атырауда', 'Атырауға', 'Атыраудың']],
    ['Тараз', ['Таразда', 'Таразға', 'Тараздың']],
    ['АҚШ', ['АҚШ-та', 'АҚШ-қа', 'АҚШ-тың']],
    [
      'Қазақстан Республикасы',
      ['Қазақстан Республикасында', 'Қазақстан Республикасына', 'Қазақстан Республикасының'],
    ],
  ]
  for (const [name, expected] of cases) {
    test(name, () => {
      const forms = kkCaseForms(name)
      for (const f of expected) assert.ok(forms.includes(f), `${f} not in ${forms.join(', ')}`)
    })
  }

  test('vowel harmony: back-vowel names never take front suffixes', () => {
    assert.ok(!kkCaseForms('Алматы').includes('Алматыде'))
    assert.ok(!kkCaseForms('Шымкент').includes('Шымкентта'))
  })
})
