import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseFtmLine, parseWatchlistCsv } from './watchlist.ts'

describe('parseFtmLine', () => {
  test('reads a person with aliases, birth date, countries, identifiers and topics', () => {
    const e = parseFtmLine(
      JSON.stringify({
        id: 'test-ent-1',
        schema: 'Person',
        caption: 'Yerlan Saparov',
        properties: {
          name: ['Yerlan Saparov', 'Ерлан Сапаров'],
          alias: ['Saparov Yerlan'],
          birthDate: ['1985-06-12'],
          nationality: ['KZ'],
          idNumber: ['850612300152'],
          topics: ['crime.fraud'],
        },
      }),
    )
    assert.deepEqual(e, {
      id: 'test-ent-1',
      kind: 'person',
      schema: 'Person',
      name: 'Yerlan Saparov',
      aliases: ['Ерлан Сапаров', 'Saparov Yerlan'],
      birthDates: ['1985-06-12'],
      countries: ['kz'],
      identifiers: ['850612300152'],
      topics: ['crime.fraud'],
    })
  })
  test('skips what is not a person or organisation; a company is an organisation', () => {
    assert.equal(parseFtmLine('{"id":"s1","schema":"Sanction","properties":{}}'), undefined)
    const c = parseFtmLine(
      '{"id":"c1","schema":"Company","properties":{"name":["Steppe Trade LLP"]}}',
    )
    assert.equal(c?.kind, 'organization')
    assert.throws(() => parseFtmLine('{not json'))
  })
})

describe('parseWatchlistCsv', () => {
  test('finds columns by header name, splits lists on ";"', () => {
    const rows = parseWatchlistCsv(
      'country,name,aliases,identifiers,type\nKZ,Айгуль Нурланова,Aigul Nurlanova; Aygul Nurlanova,900311401211,person\nKZ,Steppe Trade,,,company\n,,,,\n',
    )
    assert.equal(rows.length, 2)
    assert.deepEqual(rows[0]?.aliases, ['Aigul Nurlanova', 'Aygul Nurlanova'])
    assert.deepEqual(rows[0]?.identifiers, ['900311401211'])
    assert.equal(rows[0]?.id, 'row-2')
    assert.equal(rows[1]?.kind, 'organization')
  })
  test('without a header the order is name, aliases, birth date, country, identifiers', () => {
    const rows = parseWatchlistCsv('Марат Жумабаев,Marat Zhumabayev,1979-01-02,KZ,\n')
    assert.equal(rows[0]?.name, 'Марат Жумабаев')
    assert.deepEqual(rows[0]?.birthDates, ['1979-01-02'])
  })
})
