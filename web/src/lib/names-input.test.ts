import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { namesFromCsv, namesFromText } from './names-input.ts'

describe('names input', () => {
  test('pasted text: one name per line, blanks and repeats dropped', () => {
    assert.deepEqual(
      namesFromText('Аблязов Мухтар\r\n\n  Mukhtar Ablyazov \nаблязов мухтар\nТоқаев'),
      ['Аблязов Мухтар', 'Mukhtar Ablyazov', 'Тоқаев'],
    )
  })

  test('CSV with a name column among others, quoted commas and a BOM', () => {
    const csv = '\uFEFFid,name,country\n1,"Серикбаев, Асхат",KZ\n2,Ksenia P.,PL\n'
    assert.deepEqual(namesFromCsv(csv), ['Серикбаев, Асхат', 'Ksenia P.'])
  })

  test('CSV from a Russian Excel: semicolons and an ФИО header', () => {
    assert.deepEqual(namesFromCsv('№;ФИО\r\n1;Жумабаев Ерлан\r\n2;"Ким ""Ли"" Сергей"\r\n'), [
      'Жумабаев Ерлан',
      'Ким "Ли" Сергей',
    ])
  })

  test('CSV without a header: the first column', () => {
    assert.deepEqual(namesFromCsv('Нұрлан Сәрсенов,1980\nAidos Bekov,1975'), [
      'Нұрлан Сәрсенов',
      'Aidos Bekov',
    ])
  })
})
