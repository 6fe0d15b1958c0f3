import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ExportDocument } from '#storage/export-repository.ts'
import {
  CSV_COLUMNS,
  csvCell,
  csvHeader,
  csvRows,
  ftmEntities,
  geoCollector,
  jsonLine,
} from './export-formats.ts'

const DOC: ExportDocument = {
  id: 'ru-taraz-1',
  title: 'В Таразе задержан подозреваемый в мошенничестве',
  lang: 'ru',
  source: 'Жамбыл ақпарат',
  url: 'https://example.kz/news/1',
  published: '2025-05-12',
  facts: [
    {
      kind: 'person',
      label: 'Ерлан Жумабаев',
      entityId: '42',
      data: {
        name: 'Ерлан Жумабаев',
        variants: ['Жумабаева'],
        role: 'suspect',
        title: null,
        mentions: [{ start: 30, end: 44, text: 'Ерлан Жумабаев' }],
        provenance: { stage: 'extract-persons' },
      },
    },
    {
      kind: 'organization',
      label: 'ДП Жамбылской области',
      entityId: null,
      data: { name: 'ДП Жамбылской области', variants: [], country: 'KZ', mentions: [] },
    },
    {
      kind: 'location',
      label: 'Тараз',
      entityId: null,
      data: { name: 'Тараз', placeId: 'KZ-TAR', kind: 'city', lat: 42.9, lon: 71.37 },
    },
    {
      kind: 'money',
      label: '12000000 KZT',
      entityId: null,
      data: {
        amount: 12_000_000,
        currency: 'KZT',
        start: 90,
        end: 102,
        conversion: { kzt: 12_000_000, usd: 25_000 },
      },
    },
    { kind: 'crime', label: 'fraud', entityId: null, data: { category: 'fraud' } },
    {
      kind: 'event',
      label: 'arrest',
      entityId: null,
      data: {
        type: 'arrest',
        date: '2025-05-11',
        location: 'Тараз',
        subjects: ['Ерлан Жумабаев'],
        agency: 'ДП Жамбылской области',
        summary: 'Полицейские задержали подозреваемого.',
        start: 0,
        end: 40,
      },
    },
  ],
}

describe('export formats', () => {
  test('a JSON line holds the document and its facts by kind, with resolved entity ids', () => {
    const line = jsonLine(DOC)
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'))
    const parsed = JSON.parse(line)

    assert.equal(parsed.id, 'ru-taraz-1')
    assert.equal(parsed.persons[0].entityId, '42')
    assert.equal(parsed.persons[0].provenance, undefined)
    assert.equal(parsed.money[0].conversion.usd, 25_000)
    assert.deepEqual(parsed.statistics, [])
  })

  test('CSV has one row per fact with the amount in tenge and dollars', () => {
    const lines = (csvHeader() + csvRows(DOC)).trimEnd().split('\r\n')
    assert.equal(lines.length, 1 + DOC.facts.length)
    assert.equal(lines[0], CSV_COLUMNS.join(','))
    const money = lines.find((l) => l.includes(',money,'))?.split(',') ?? []
    assert.equal(money[CSV_COLUMNS.indexOf('amount_kzt')], '12000000')
    assert.equal(money[CSV_COLUMNS.indexOf('amount_usd')], '25000')
    assert.equal(money[CSV_COLUMNS.indexOf('start')], '90')
  })

  test('CSV quotes separators and defuses spreadsheet formulas in untrusted text', () => {
    assert.equal(csvCell('a,b'), '"a,b"')
    assert.equal(csvCell('say "hi"'), '"say ""hi"""')
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`)
    assert.equal(csvCell('-2+3'), "'-2+3")
    assert.equal(csvCell(-5), '-5', 'numbers stay numbers')
    assert.equal(csvCell(null), '')
  })

  test('FollowTheMoney: an article, people and bodies linked to it, and the event with its parties', () => {
    const entities = ftmEntities(DOC)
    const by = (schema: string) => entities.filter((e) => e.schema === schema)

    assert.equal(by('Article').length, 1)
    assert.deepEqual(by('Article')[0]?.properties['language'], ['rus'])
    const person = by('Person')[0]
    assert.equal(person?.id, 'tergeu-entity-42', 'a resolved person keeps its entity id')
    assert.deepEqual(person?.properties['alias'], ['Жумабаева'])
    assert.equal(by('Organization').length, 1)
    assert.deepEqual(
      by('Documentation').map((d) => d.properties['role']?.[0] ?? null),
      ['suspect', null],
    )
    const event = by('Event')[0]
    assert.deepEqual(event?.properties['involved'], ['tergeu-entity-42'])
    assert.deepEqual(event?.properties['organizer'], [by('Organization')[0]?.id])
    assert.deepEqual(event?.properties['date'], ['2025-05-11'])
    assert.equal(new Set(entities.map((e) => e.id)).size, entities.length, 'ids are unique')
    assert.deepEqual(ftmEntities(DOC), entities, 'ids are stable')
  })

  test('GeoJSON counts each place once per document, with its crimes, named in the asked language', () => {
    const geo = geoCollector('en')
    geo.add(DOC)
    geo.add({ ...DOC, id: 'other' })
    const collection = JSON.parse(geo.finish())

    assert.equal(collection.type, 'FeatureCollection')
    const [feature] = collection.features
    assert.deepEqual(feature.geometry, { type: 'Point', coordinates: [71.37, 42.9] })
    assert.equal(feature.properties.documents, 2)
    assert.deepEqual(feature.properties.crimes, { fraud: 2 })
    assert.equal(feature.properties.name, 'Taraz')
  })
})
