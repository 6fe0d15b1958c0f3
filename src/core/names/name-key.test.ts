import assert from 'node:assert/strict'
import { test } from 'node:test'
import { baseKey, blockingKeys, parseName, phonetic } from './name-key.ts'

const keysOf = (name: string) => parseName(name).parts.map(baseKey)

test('spellings of one name in any script share one key', () => {
  const groups: string[][] = [
    ['Тоқаев', 'Токаев', 'Tokayev', 'Toqaev', 'Tokaev', 'TOKAYEV'],
    ['Жомарт', 'Zhomart', 'Jomart', 'Dzhomart'],
    ['Аблязов', 'Ablyazov', 'Abliazov', 'Ablayazov'],
    ['Қасым', 'Касым', 'Kassym', 'Qasym', 'Kasym'],
    ['Евгений', 'Yevgeny', 'Evgeniy', 'Evgenii'],
    ['Ерғалиев', 'Yergaliyev', 'Ergaliev'],
    ['Шыңғыс', 'Shyngys', 'Şyñğys', 'Shyngghys'],
    ['Хасенов', 'Khasenov', 'Hasenov'],
    ['Фёдоров', 'Федоров', 'Fyodorov', 'Fedorov'],
  ]
  for (const g of groups) {
    const keys = new Set(g.map((n) => parseName(n).parts[0]!.key))
    assert.equal(keys.size, 1, `${g.join(', ')} → ${[...keys].join(', ')}`)
  }
})

test('case and gender forms fold to the masculine nominative stem', () => {
  const same: string[] = [
    'Аблязов',
    'Аблязова',
    'Аблязову',
    'Аблязовым',
    'Аблязове',
    'Аблязовой',
    'Ablyazova',
  ]
  assert.equal(new Set(same.map((n) => keysOf(n)[0])).size, 1)
  assert.equal(keysOf('Вишневская')[0], keysOf('Vishnevsky')[0])
  assert.equal(keysOf('Тоқаевтың')[0], keysOf('Tokayev')[0])
  assert.equal(keysOf('Мухтара')[0], keysOf('Мухтар')[0])
})

test('patronymics are set apart with the father’s name as key', () => {
  for (const name of [
    'Нурсултан Абишевич Назарбаев',
    'Нұрсұлтан Әбішұлы Назарбаев',
    'Nursultan Abishevich Nazarbayev',
  ]) {
    const p = parseName(name)
    assert.equal(p.patronymics.length, 1, name)
    assert.equal(p.patronymics[0]!.key, phonetic('abish'), name)
    assert.deepEqual(
      p.parts.map((t) => t.key),
      ['nursultan', 'nazarbaev'],
      name,
    )
  }
  // In two parts, -ұлы is the surname.
  assert.equal(parseName('Серік Ахметұлы').patronymics.length, 0)
})

test('initials, titles and stray Latin look-alike letters', () => {
  const p = parseName('г-н М. Аблязoв')
  assert.equal(p.parts.length, 2)
  assert.ok(p.parts[0]!.initial)
  assert.equal(p.parts[1]!.key, keysOf('Аблязов')[0])
})

test('blocking keys are the base keys of the full parts', () => {
  assert.deepEqual(blockingKeys(parseName('Мухтара Аблязова')).sort(), ['ablazov', 'muHtar'])
})
