/**
 * Screening across entity resolution and watchlists, on invented documents: one person written
 * in Cyrillic in one article and in Latin in another is one resolved entity, so one screening
 * match with both spellings; a CSV watchlist entry for him is a watchlist hit of the same
 * screening; the cross-reference lists the entry with his role in the news.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Hono } from 'hono'
import { sql } from 'kysely'
import { createApp } from '#api/app.ts'
import { ScreenResponse, WatchlistListResponse, WatchlistXrefResponse } from '#api/contract.ts'
import { parseWatchlistCsv } from '#core/entities/watchlist.ts'
import type { CrimeFact, Person, PersonRole } from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import type { DatabaseHandle } from '#storage/database.ts'
import { createDocumentRepository } from '#storage/document-repository.ts'
import { createEntityRepository } from '#storage/entity-repository.ts'
import { createWatchlistRepository } from '#storage/entity-watchlists.ts'
import { createScreeningRepository } from '#storage/screening-repository.ts'
import { createSearchRepository } from '#storage/search-repository.ts'
import { buildExtractedDoc } from '../helpers/build-doc.ts'
import { testBackends } from '../helpers/test-database.ts'

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

function crime(category: CrimeFact['category']): CrimeFact {
  return { category, evidence: [], provenance: PROV }
}

interface DocSpec {
  id: string
  lang: Lang
  published: string
  title: string
  text: string
  persons: [string, PersonRole, string | null][]
  crimes: CrimeFact['category'][]
}

// Invented articles: the same banker in Russian and in English, a prosecutor's spokesman quoted
// in both, and an unrelated namesake by given name.
const DOCS: DocSpec[] = [
  {
    id: 'ru-bank',
    lang: 'ru',
    published: '2024-02-11',
    title: 'Экс-банкира обвинили в хищении',
    text: 'Генпрокуратура предъявила заочное обвинение Мухтару Аблязову в хищении средств банка. Об этом сообщил официальный представитель ведомства Ержан Тулегенов.',
    persons: [
      ['Мухтар Аблязов', 'suspect', null],
      ['Ержан Тулегенов', 'official', 'официальный представитель'],
    ],
    crimes: ['embezzlement'],
  },
  {
    id: 'en-bank',
    lang: 'en',
    published: '2024-06-03',
    title: 'Former banker sentenced in absentia',
    text: 'A court in Almaty sentenced Mukhtar Ablyazov in absentia for embezzling bank funds, prosecutors spokesman Yerzhan Tulegenov said.',
    persons: [
      ['Mukhtar Ablyazov', 'convict', null],
      ['Yerzhan Tulegenov', 'official', 'spokesman'],
    ],
    crimes: ['embezzlement'],
  },
  {
    id: 'kk-farm',
    lang: 'kk',
    published: '2024-08-19',
    title: 'Фермер ауданның үздігі атанды',
    text: 'Шаруа қожалығының басшысы Мұхтар Сейітқали биыл мол өнім жинады.',
    persons: [['Мұхтар Сейітқали', 'other', null]],
    crimes: [],
  },
]

const WATCHLIST_CSV = [
  'id,name,aliases,birth_date,country,identifiers',
  'wl-1,Mukhtar Ablyazov,Мухтар Аблязов;Ablyazov Mukhtar Kabulovich,1963-05-16,kz;fr,IIN-INVENTED-1',
  'wl-2,Yerzhan Tulegenov,Ержан Тулегенов,,kz,',
  'wl-3,Dmitri Volkonsky,,1970-01-01,ru,',
].join('\n')

async function getJson(app: Hono, path: string): Promise<{ status: number; body: unknown }> {
  const res = await app.request(path)
  return { status: res.status, body: await res.json() }
}

for (const backend of await testBackends()) {
  describe(`screening with entities and watchlists (${backend.name})`, () => {
    let handle: DatabaseHandle
    let app: Hono
    let entityId: string
    let entityRepo: ReturnType<typeof createEntityRepository>
    before(async () => {
      handle = await backend.open()
      const documents = createDocumentRepository(handle.db)
      for (const d of DOCS) {
        const doc = buildExtractedDoc({
          id: d.id,
          lang: d.lang,
          text: d.text,
          title: d.title,
          published: d.published,
          persons: d.persons.map(([n, r, t]) => person(d.text, n, r, t)),
          crimes: d.crimes.map(crime),
        })
        await documents.save(doc, { annotations: [], extractorVersion: 'test@1' })
      }
      const entities = createEntityRepository(handle.db)
      await entities.sync()
      const rows = await sql<{ entity_id: string }>`
        select distinct entity_id::text as entity_id from entity_mentions
        where kind = 'person' and name in ('Мухтар Аблязов', 'Mukhtar Ablyazov')
        order by 1`.execute(handle.db)
      const ids = rows.rows.map((r) => r.entity_id)
      // Resolution links the two spellings by itself.
      assert.equal(ids.length, 1, 'the banker is one entity')
      entityId = ids[0]!
      const watchlists = createWatchlistRepository(handle.db)
      await watchlists.import('invented-sanctions', 'csv', parseWatchlistCsv(WATCHLIST_CSV))
      entityRepo = entities
      app = createApp({
        documents,
        search: createSearchRepository(handle.db),
        screening: createScreeningRepository(handle.db),
        entities,
        watchlists,
        database: backend.name,
        version: 'test',
      })
    })
    after(async () => {
      await handle?.close()
    })

    test('one person under two scripts screens as one entity with both spellings', async () => {
      const res = await app.request('/api/screen', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ names: ['Аблязов Мухтар', 'Mukhtar Ablyazov'] }),
      })
      assert.equal(res.status, 200)
      const body = ScreenResponse.parse(await res.json())
      for (const r of body.results) {
        const banker = r.matches.filter((m) => m.names?.some((n) => /Абляз|Ablyaz/.test(n)))
        assert.equal(banker.length, 1, `${r.query}: one match for the banker`)
        const m = banker[0]!
        assert.equal(m.entityId, entityId)
        assert.deepEqual([...(m.names ?? [])].sort(), ['Mukhtar Ablyazov', 'Мухтар Аблязов'])
        assert.equal(m.documents, 2)
        assert.equal(m.flagged, true)
        assert.deepEqual(
          m.roles.map((x) => x.role),
          ['convict', 'suspect'],
        )
        assert.deepEqual(
          m.articles.map((a) => a.docId),
          ['en-bank', 'ru-bank'],
        )
        // The farmer shares a given name only: not a match.
        assert.ok(!r.matches.some((x) => x.name.includes('Сейітқали')))
      }
    })

    test('an analyst split parts the spellings; the undo joins them again', async () => {
      const screen = async () => {
        const res = await app.request('/api/screen', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ names: ['Mukhtar Ablyazov'] }),
        })
        return ScreenResponse.parse(await res.json()).results[0]!.matches.map((m) => [
          m.entityId,
          m.names,
        ])
      }
      const mention = await sql<{ id: string }>`
        select id::text as id from entity_mentions where name = 'Mukhtar Ablyazov'`.execute(
        handle.db,
      )
      const split = await entityRepo.split(entityId, [mention.rows[0]!.id], 'analyst')
      const parted = await screen()
      assert.equal(parted.length, 2)
      assert.deepEqual(parted.map(([, names]) => names).sort(), [
        ['Mukhtar Ablyazov'],
        ['Мухтар Аблязов'],
      ])
      assert.ok(parted.some(([id]) => id === entityId))
      assert.ok(parted.some(([id]) => id !== entityId && id !== null))
      await entityRepo.undo(split.id, 'analyst')
      assert.deepEqual(await screen(), [[entityId, ['Mukhtar Ablyazov', 'Мухтар Аблязов']]])
    })

    test('the watchlist entry is a hit of the same screening, with aliases and identifiers', async () => {
      const res = await app.request('/api/screen', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          names: ['Аблязов Мухтар', 'Dmitri Volkonsky', 'Айгерим Нурланова'],
        }),
      })
      const [banker, listedOnly, nobody] = ScreenResponse.parse(await res.json()).results
      const hits = banker!.watchlistHits ?? []
      assert.deepEqual(
        hits.map((h) => [h.watchlist, h.entryId, h.name]),
        [['invented-sanctions', 'wl-1', 'Mukhtar Ablyazov']],
      )
      const hit = hits[0]!
      assert.ok(hit.aliasesMatched.includes('Мухтар Аблязов'))
      assert.ok(!hit.aliasesMatched.includes('Mukhtar Ablyazov'), 'the main name is not an alias')
      assert.deepEqual(hit.identifiers, ['IIN-INVENTED-1'])
      assert.deepEqual(hit.countries, ['kz', 'fr'])
      assert.ok(hit.score >= 0.75 && hit.score <= 1)
      assert.ok(hit.reasons.length > 0)
      assert.deepEqual(hit.entityIds, [entityId])
      // Listed but never in the news: a watchlist hit without record matches.
      assert.equal(listedOnly!.matches.length, 0)
      assert.deepEqual(
        (listedOnly!.watchlistHits ?? []).map((h) => h.entryId),
        ['wl-3'],
      )
      assert.deepEqual(listedOnly!.watchlistHits?.[0]?.entityIds, [])
      assert.equal(nobody!.matches.length, 0)
      assert.equal(nobody!.watchlistHits?.length, 0)
    })

    test('GET /api/watchlists lists the loaded list with its count', async () => {
      const { status, body } = await getJson(app, '/api/watchlists')
      assert.equal(status, 200)
      const lists = WatchlistListResponse.parse(body).watchlists
      assert.deepEqual(
        lists.map((w) => [w.name, w.format, w.entries]),
        [['invented-sanctions', 'csv', 3]],
      )
    })

    test('GET /api/watchlists/xref lists the banker with his roles first, paged', async () => {
      const { status, body } = await getJson(app, '/api/watchlists/xref')
      assert.equal(status, 200)
      const page = WatchlistXrefResponse.parse(body)
      assert.deepEqual(
        page.hits.map((h) => h.entryId),
        ['wl-1', 'wl-2'],
        'the suspect before the spokesman; the entry not in the news is absent',
      )
      assert.equal(page.total, 2)
      const banker = page.hits[0]!.matches
      assert.equal(banker.length, 1)
      assert.equal(banker[0]!.entityId, entityId)
      assert.deepEqual(banker[0]!.roles.map((r) => r.role).sort(), ['convict', 'suspect'])
      assert.deepEqual(
        page.hits[1]!.matches[0]!.roles.map((r) => r.role),
        ['official'],
      )

      const second = WatchlistXrefResponse.parse(
        (await getJson(app, '/api/watchlists/xref?limit=1&offset=1')).body,
      )
      assert.deepEqual(
        second.hits.map((h) => h.entryId),
        ['wl-2'],
      )
      assert.equal(second.total, 2)
      const none = WatchlistXrefResponse.parse(
        (await getJson(app, '/api/watchlists/xref?watchlist=other-list')).body,
      )
      assert.deepEqual(none.hits, [])
      const bad = await getJson(app, '/api/watchlists/xref?limit=0')
      assert.equal(bad.status, 400)
    })
  })
}
