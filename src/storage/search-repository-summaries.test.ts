import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import type { ExtractedDoc } from '#core/document.ts'
import type {
  CrimeFact,
  LawEvent,
  Location,
  Money,
  Organization,
  Person,
  Statistic,
} from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import { buildExtractedDoc } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import { createDocumentRepository, type DocumentRepository } from './document-repository.ts'
import { createEntityRepository, type EntityRepository } from './entity-repository.ts'
import { createSearchRepository, type SearchRepository } from './search-repository.ts'
import { createStatsRepository } from './stats-repository.ts'

const PROV = { stage: 'test', version: 1 }

function at(text: string, needle: string) {
  const start = text.indexOf(needle)
  assert.ok(start >= 0, `"${needle}" is not in the text`)
  return { start, end: start + needle.length, text: needle }
}

function person(text: string, name: string, written = name): Person {
  return {
    name,
    variants: [],
    role: 'suspect',
    title: null,
    mentions: [at(text, written)],
    provenance: PROV,
  }
}

function org(text: string, name: string, orgId: string): Organization {
  return {
    name,
    variants: [],
    kind: 'law_enforcement',
    country: 'KZ',
    orgId,
    mentions: [at(text, name)],
    provenance: PROV,
  }
}

function place(text: string, name: string, placeId: string | null): Location {
  return {
    name,
    variants: [],
    kind: 'city',
    country: 'KZ',
    placeId,
    iso3166_2: null,
    parentId: null,
    lat: null,
    lon: null,
    mentions: [at(text, name)],
    provenance: PROV,
  }
}

function crime(category: CrimeFact['category']): CrimeFact {
  return { category, evidence: [], provenance: PROV }
}

function arrest(text: string, trigger: string, subject: string): LawEvent {
  const t = at(text, trigger)
  return {
    start: t.start,
    end: t.end,
    type: 'arrest',
    date: null,
    location: null,
    subjects: [subject],
    agency: null,
    summary: `arrest of ${subject}`,
    trigger: t,
    article: 0,
    penalties: [],
    amounts: [],
    items: [],
    provenance: PROV,
  }
}

function money(
  text: string,
  written: string,
  amount: number,
  currency: string,
  kzt: number,
): Money {
  return {
    ...at(text, written),
    amount,
    currency,
    conversion: { kzt, usd: null, rateDate: '2025', rateSource: 'test' },
    provenance: PROV,
  }
}

function figure(text: string, written: string, label: string, value: number): Statistic {
  return { ...at(text, written), label, period: '2024', value, unit: 'cases', provenance: PROV }
}

interface Spec {
  readonly id: string
  readonly lang: Lang
  readonly published: string | null
  readonly text: string
  readonly build: (text: string) => Partial<ExtractedDoc>
}

// Invented articles: one smuggling suspect reported in Russian and in English (two scripts,
// one entity), a Kazakh report from another city, and an undated note without facts.
const RU: Spec = {
  id: 'ru-smuggling',
  lang: 'ru',
  published: '2025-02-11',
  text: 'Департамент полиции Караганды задержал Бауыржана Токтарова по делу о контрабанде. Ущерб составил 12 млн тенге. Токтаров задержан в Караганде.',
  build: (t) => ({
    persons: [person(t, 'Бауыржан Токтаров', 'Бауыржана Токтарова')],
    organizations: [org(t, 'Департамент полиции Караганды', 'kz-police-karaganda')],
    locations: [place(t, 'Караганды', 'KZ-KAR'), place(t, 'Караганде', 'KZ-KAR')],
    crimes: [crime('smuggling')],
    events: [arrest(t, 'задержал', 'Бауыржан Токтаров'), arrest(t, 'задержан', 'Токтаров')],
    money: [money(t, '12 млн тенге', 12_000_000, 'KZT', 12_000_000)],
  }),
}
const EN: Spec = {
  id: 'en-smuggling',
  lang: 'en',
  published: '2025-03-04',
  text: 'Karaganda police detained Bauyrzhan Toktarov on smuggling charges; customs valued the goods at 20,000 dollars. Registered smuggling cases: 312 in 2024.',
  build: (t) => ({
    persons: [person(t, 'Bauyrzhan Toktarov')],
    organizations: [org(t, 'Karaganda police', 'kz-police-karaganda')],
    locations: [place(t, 'Karaganda', 'KZ-KAR')],
    crimes: [crime('smuggling')],
    events: [arrest(t, 'detained', 'Bauyrzhan Toktarov')],
    money: [money(t, '20,000 dollars', 20_000, 'USD', 10_000_000)],
    statistics: [figure(t, '312 in 2024', 'registered smuggling cases', 312)],
  }),
}
const KK: Spec = {
  id: 'kk-drugs',
  lang: 'kk',
  published: '2024-12-30',
  text: 'Шымкентте есірткі сатқан Нұрлан Әбілов ұсталды. Ол Сайрам ауылында тұрады.',
  build: (t) => ({
    persons: [person(t, 'Нұрлан Әбілов')],
    locations: [place(t, 'Шымкентте', 'KZ-SHY'), place(t, 'Сайрам ауылында', null)],
    crimes: [crime('drug_trafficking')],
    events: [arrest(t, 'ұсталды', 'Нұрлан Әбілов')],
  }),
}
const NOTE: Spec = {
  id: 'en-note',
  lang: 'en',
  published: null,
  text: 'A short editorial note with no facts at all.',
  build: () => ({}),
}

function docOf(spec: Spec, text = spec.text): ExtractedDoc {
  return buildExtractedDoc({
    id: spec.id,
    lang: spec.lang,
    published: spec.published,
    title: `${spec.id} title`,
    text,
    ...spec.build(text),
  })
}

interface SummaryRow {
  doc_id: string
  crimes: string[]
  events: string[]
  place_ids: string[]
  place_names: string[]
  persons: string[]
  organizations: string[]
  money_currencies: string[]
  money: (number | null)[][] | null
  statistics: number
}

for (const backend of await testBackends()) {
  describe(`search summaries (${backend.name})`, () => {
    let handle: DatabaseHandle
    let docs: DocumentRepository
    let entities: EntityRepository
    let search: SearchRepository

    async function ingest(spec: Spec, text?: string) {
      await docs.save(docOf(spec, text), { annotations: [], extractorVersion: 'test@1' })
      await entities.resolveDocument(spec.id)
    }

    async function summary(id: string): Promise<SummaryRow | undefined> {
      const { rows } = await sql<SummaryRow>`
        select doc_id, crimes, events, place_ids, place_names, persons, organizations, money_currencies, money, statistics
        from search_summaries where doc_id = ${id}`.execute(handle.db)
      return rows[0]
    }

    async function entityOf(docId: string, name: string): Promise<string> {
      const { rows } = await sql<{ id: string }>`
        select entity_id::text as id from entity_mentions where doc_id = ${docId} and name = ${name}`.execute(
        handle.db,
      )
      assert.ok(rows[0], `no mention "${name}" in ${docId}`)
      return rows[0].id
    }

    before(async () => {
      handle = await backend.open()
      docs = createDocumentRepository(handle.db)
      entities = createEntityRepository(handle.db)
      search = createSearchRepository(handle.db)
      for (const spec of [RU, EN, KK, NOTE]) await ingest(spec)
    })
    after(async () => {
      await handle.close()
    })

    test('a saved document is summarised: distinct values, places by id, money per currency', async () => {
      const ru = await summary(RU.id)
      const person = await entityOf(RU.id, 'Бауыржан Токтаров')
      const police = await entityOf(RU.id, 'Департамент полиции Караганды')
      assert.deepEqual(ru, {
        doc_id: RU.id,
        crimes: ['smuggling'],
        events: ['arrest'],
        place_ids: ['KZ-KAR'],
        place_names: [],
        persons: [`entity:${person}`],
        organizations: [`entity:${police}`],
        money_currencies: ['KZT'],
        money: [[1, 12_000_000, 12_000_000, null]],
        statistics: 0,
      })
      const kk = await summary(KK.id)
      assert.deepEqual([kk?.place_ids, kk?.place_names], [['KZ-SHY'], ['Сайрам ауылында']])
      assert.equal((await summary(EN.id))?.statistics, 1)
      const note = await summary(NOTE.id)
      assert.deepEqual(
        [note?.crimes, note?.persons, note?.money_currencies, note?.money],
        [[], [], [], null],
      )
    })

    test('one person written in two scripts counts once, named in the reader’s script', async () => {
      const id = await entityOf(RU.id, 'Бауыржан Токтаров')
      assert.equal(await entityOf(EN.id, 'Bauyrzhan Toktarov'), id, 'resolution links the two')

      const ru = await search.search({ q: '', facets: 'only', ui: 'ru', limit: 1 })
      const en = await search.search({ q: '', facets: 'only', ui: 'en', limit: 1 })
      const inRu = ru.facets?.person.find((p) => p.value === `entity:${id}`)
      const inEn = en.facets?.person.find((p) => p.value === `entity:${id}`)
      assert.deepEqual(inRu, { value: `entity:${id}`, count: 2, label: 'Бауыржан Токтаров' })
      assert.deepEqual(inEn, { value: `entity:${id}`, count: 2, label: 'Bauyrzhan Toktarov' })
      assert.equal(ru.facets?.person.length, 2, JSON.stringify(ru.facets?.person))
    })

    test('facets only: no hits, the exact total, counts per document', async () => {
      const page = await search.search({ q: '', facets: 'only', limit: 20 })
      assert.deepEqual([page.items, page.total, page.nextCursor], [[], 4, null])
      const f = page.facets
      assert.ok(f)
      assert.deepEqual(f.location.slice(0, 1), [{ value: 'KZ-KAR', count: 2 }])
      assert.deepEqual(
        f.event.map((e) => `${e.value}:${e.count}`),
        ['arrest:3'],
        'two arrests in one document count once',
      )
      assert.deepEqual(
        f.lang.map((l) => `${l.value}:${l.count}`),
        ['en:2', 'kk:1', 'ru:1'],
      )
      assert.equal(f.sampled, false)

      const smuggling = await search.search({
        q: 'smuggling OR контрабанде',
        facets: 'only',
        limit: 1,
      })
      assert.equal(smuggling.total, 2)
      assert.deepEqual(
        smuggling.facets?.crime.map((c) => `${c.value}:${c.count}`),
        ['smuggling:2'],
      )
    })

    test('filtering by an entity value selects its documents in every language', async () => {
      const id = await entityOf(EN.id, 'Bauyrzhan Toktarov')
      const page = await search.search({
        q: '',
        facts: [{ kind: 'person', label: `entity:${id}` }],
        limit: 10,
      })
      assert.deepEqual(
        page.items.map((h) => h.id),
        [EN.id, RU.id],
      )
      const byName = await search.search({
        q: 'Toktarov',
        facts: [{ kind: 'person', label: 'Bauyrzhan Toktarov' }],
        limit: 10,
      })
      assert.deepEqual(
        byName.items.map((h) => h.id),
        [EN.id],
        'a name still filters as the facts have it',
      )
      const ranked = await search.search({
        q: 'Karaganda OR Караганде',
        facts: [{ kind: 'person', label: `entity:${id}` }],
        limit: 10,
      })
      assert.deepEqual(ranked.items.map((h) => h.id).sort(), [EN.id, RU.id])
    })

    test('browsing without a query lists the newest first from the summaries, undated last', async () => {
      const page = await search.search({ q: '', limit: 3 })
      assert.deepEqual(
        page.items.map((h) => h.id),
        [EN.id, RU.id, KK.id],
      )
      assert.equal(page.total, 4)
      assert.ok(page.nextCursor)
      const next = await search.search({ q: '', limit: 3, cursor: page.nextCursor })
      assert.deepEqual(
        next.items.map((h) => h.id),
        [NOTE.id],
      )
      const dated = await search.search({ q: '', from: '2025', to: '2025-02-28', limit: 10 })
      assert.deepEqual(
        dated.items.map((h) => h.id),
        [RU.id],
      )
    })

    test('map counts every matching document once per area', async () => {
      const counts = await search.countByArea(
        { q: '' },
        { 'KZ-KAR': 'KZ-KAR', 'KZ-SHY': 'KZ-TUR', 'KZ-TUR': 'KZ-TUR' },
      )
      assert.deepEqual(counts, [
        { value: 'KZ-KAR', count: 2 },
        { value: 'KZ-TUR', count: 1 },
      ])
      const within = await search.search({ q: '', placeIn: ['KZ-SHY'], limit: 5 })
      assert.deepEqual(
        within.items.map((h) => h.id),
        [KK.id],
      )
    })

    test('statistics read months, money and figures from the summaries', async () => {
      const stats = await createStatsRepository(handle.db).stats({ q: '' })
      assert.deepEqual([stats.documents, stats.undated], [4, 1])
      assert.deepEqual(
        stats.months.map((m) => `${m.month}:${m.crime ?? '*'}:${m.count}`),
        [
          '2024-12:*:1',
          '2024-12:drug_trafficking:1',
          '2025-02:*:1',
          '2025-02:smuggling:1',
          '2025-03:*:1',
          '2025-03:smuggling:1',
        ],
      )
      assert.deepEqual(stats.money, [
        {
          currency: 'KZT',
          amounts: 1,
          total: 12_000_000,
          totalKzt: 12_000_000,
          totalUsd: null,
          documents: 1,
        },
        {
          currency: 'USD',
          amounts: 1,
          total: 20_000,
          totalKzt: 10_000_000,
          totalUsd: null,
          documents: 1,
        },
      ])
      assert.deepEqual(
        stats.figures.map((f) => `${f.docId}:${f.label}:${f.value}`),
        [`${EN.id}:registered smuggling cases:312`],
      )
    })

    test('a re-saved document, a merge and a deletion keep the summaries current', async () => {
      // The Kazakh report is re-extracted with another place and crime.
      const text = `${KK.text} Оны Түркістан полициясы ұстады.`
      await docs.save(
        buildExtractedDoc({
          id: KK.id,
          lang: KK.lang,
          published: KK.published,
          title: 'kk-drugs title',
          text,
          persons: [person(text, 'Нұрлан Әбілов')],
          locations: [place(text, 'Түркістан', 'KZ-TUR')],
          crimes: [crime('theft')],
        }),
        { annotations: [], extractorVersion: 'test@2' },
      )
      await entities.resolveDocument(KK.id)
      const kk = await summary(KK.id)
      assert.deepEqual([kk?.crimes, kk?.place_ids, kk?.place_names], [['theft'], ['KZ-TUR'], []])

      // Merging the Kazakh person into the smuggling suspect moves their mentions: one value.
      const suspect = await entityOf(RU.id, 'Бауыржан Токтаров')
      const other = await entityOf(KK.id, 'Нұрлан Әбілов')
      assert.notEqual(other, suspect)
      await entities.merge(suspect, [other], 'analyst')
      assert.deepEqual((await summary(KK.id))?.persons, [`entity:${suspect}`])
      const facets = await search.search({ q: '', facets: 'only', ui: 'kk', limit: 1 })
      assert.deepEqual(
        facets.facets?.person.map((p) => `${p.value}:${p.count}`),
        [`entity:${suspect}:3`],
      )

      await sql`delete from documents where id = ${RU.id}`.execute(handle.db)
      assert.equal(await summary(RU.id), undefined)
      const after = await search.search({ q: '', facets: 'only', limit: 1 })
      assert.equal(after.total, 3)
    })
  })
}
