import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parseFtmLine, parseWatchlistCsv } from '#core/entities/watchlist.ts'
import type { Person, PersonRole } from '#core/facts.ts'
import { buildExtractedDoc } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import { createDocumentRepository } from './document-repository.ts'
import { createEntityRepository } from './entity-repository.ts'
import { createWatchlistRepository, type WatchlistRepository } from './entity-watchlists.ts'

const PROV = { stage: 'test', version: 1 }

function person(text: string, name: string, role: PersonRole, title: string | null = null): Person {
  const start = Math.max(0, text.indexOf(name))
  return {
    name,
    variants: [],
    role,
    title,
    mentions: [{ start, end: start + name.length, text: name }],
    provenance: PROV,
  }
}

// Invented articles: a suspect, a spokesman quoted about him, a woman identified by her IIN.
const DOCS = [
  {
    id: 'ru-1',
    text: 'Полиция задержала Ерлана Сапарова. Официальный представитель полиции Даурен Ермеков сообщил подробности.',
    persons: (t: string) => [
      person(t, 'Ерлан Сапаров', 'suspect'),
      person(t, 'Даурен Ермеков', 'official', 'официальный представитель полиции'),
    ],
  },
  {
    id: 'ru-2',
    text: 'Задержана Айгуль Нурланова (ИИН 900311401211).',
    persons: (t: string) => [person(t, 'Айгуль Нурланова', 'suspect')],
  },
]

const FTM = [
  {
    id: 'wl-saparov',
    schema: 'Person',
    properties: { name: ['Yerlan Saparov'], topics: ['crime'] },
  },
  {
    id: 'wl-yermekov',
    schema: 'Person',
    properties: { name: ['Dauren Yermekov'], topics: ['role.pep'] },
  },
  { id: 'wl-absent', schema: 'Person', properties: { name: ['Nurlan Bekmukhambetov'] } },
  { id: 'wl-sanction', schema: 'Sanction', properties: {} },
].map((o) => JSON.stringify(o))

for (const backend of await testBackends()) {
  describe(`watchlists (${backend.name})`, () => {
    let handle: DatabaseHandle
    let lists: WatchlistRepository
    before(async () => {
      handle = await backend.open()
      const docs = createDocumentRepository(handle.db)
      for (const d of DOCS)
        await docs.save(
          buildExtractedDoc({ id: d.id, lang: 'ru', text: d.text, persons: d.persons(d.text) }),
          { annotations: [], extractorVersion: 'test@1' },
        )
      await createEntityRepository(handle.db).sync()
      lists = createWatchlistRepository(handle.db)
    })
    after(() => handle.close())

    test('imports FtM lines (persons only, sanctions skipped) and replaces on re-import', async () => {
      const first = await lists.import('opensanctions-test', 'ftm', FTM.map(parseFtmLine))
      assert.deepEqual(
        { entries: first.entries, persons: first.persons, skipped: first.skipped },
        { entries: 3, persons: 3, skipped: 1 },
      )
      const again = await lists.import('opensanctions-test', 'ftm', FTM.map(parseFtmLine))
      assert.equal(again.entries, 3)
      assert.deepEqual(
        (await lists.list()).map((l) => [l.name, l.entries]),
        [['opensanctions-test', 3]],
      )
    })

    test('cross-reference: listed names in the record across scripts, with roles; an IIN matches outright', async () => {
      await lists.import(
        'local-csv',
        'csv',
        parseWatchlistCsv('name,identifiers\nAigul Nurlanova-Smith,900311401211\n'),
      )
      const hits = await lists.xref()
      const by = new Map(hits.map((h) => [h.entryId, h]))
      assert.deepEqual([...by.keys()].sort(), ['row-2', 'wl-saparov', 'wl-yermekov'])
      const saparov = by.get('wl-saparov')!
      assert.equal(saparov.matches[0]?.entityName, 'Ерлан Сапаров')
      assert.deepEqual(saparov.matches[0]?.roles, [{ role: 'suspect', documents: 1 }])
      assert.deepEqual(by.get('wl-yermekov')?.matches[0]?.roles, [
        { role: 'official', documents: 1 },
      ])
      assert.match(by.get('row-2')?.matches[0]?.reasons[0] ?? '', /identifier 900311401211/)
      // Suspects first: the quoted official comes last.
      assert.equal(hits.at(-1)?.entryId, 'wl-yermekov')
      const only = await lists.xref({ watchlist: 'local-csv' })
      assert.deepEqual(
        only.map((h) => h.entryId),
        ['row-2'],
      )
    })
  })
}
