import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { kazakhCaseStem, readSurname } from './morphology.ts'

describe('kazakhCaseStem: the bare name under a Kazakh case suffix', () => {
  const cases: [string, string | undefined][] = [
    ['Әзірбектің', 'Әзірбек'], // genitive after a voiceless consonant
    ['Сейітқалиды', 'Сейітқали'], // accusative after the glide `и`
    ['Бауыржанға', 'Бауыржан'], // dative
    ['Ерланнан', 'Ерлан'], // ablative after a nasal
    ['Мұратбектен', 'Мұратбек'],
    ['Бауыржанмен', 'Бауыржан'], // instrumental
    ['Серікпен', 'Серік'],
    ['Асанның', 'Асан'],
    ['Сатыбалды', undefined], // the name's own ending
    ['Амангелді', undefined], // a listed given name
    ['Әбдіке', undefined], // `-ке` after a vowel is not a suffix; the stem would be too short too
    ['Бекжанның', 'Бекжан'],
    ['Жанбота', undefined],
  ]
  for (const [word, stem] of cases) it(word, () => assert.equal(kazakhCaseStem(word), stem))
})

describe('readSurname in Kazakh text: case suffixes on Russian-origin surnames', () => {
  const cases: [string, string][] = [
    ['Мырзахметовтың', 'Мырзахметов'],
    ['Мырзахметовке', 'Мырзахметов'], // front suffix on a Russian stem, as news writes it
    ['Тоқаевқа', 'Тоқаев'],
    ['Ахметовпен', 'Ахметов'],
    ['Ахметовна', 'Ахметовна'], // a patronymic, not `Ахметов` + `-на`
  ]
  for (const [word, nom] of cases)
    it(word, () => assert.equal(readSurname(word, 'kk')?.nominative, nom))
})
