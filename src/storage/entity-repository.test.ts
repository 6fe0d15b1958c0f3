import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { ExtractedDoc } from '#core/document.ts'
import type {
  CrimeFact,
  EventType,
  LawEvent,
  Location,
  Organization,
  Person,
  PersonRole,
} from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import { buildExtractedDoc } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import type { DatabaseHandle } from './database.ts'
import { createDocumentRepository, type DocumentRepository } from './document-repository.ts'
import { createEntityRepository, type EntityRepository } from './entity-repository.ts'

const PROV = { stage: 'test', version: 1 }

function span(text: string, needle: string) {
  const start = Math.max(0, text.indexOf(needle))
  return { start, end: start + needle.length, text: needle }
}

function person(
  text: string,
  name: string,
  role: PersonRole,
  title: string | null = null,
  written = name,
): Person {
  return {
    name,
    variants: [],
    role,
    title,
    mentions: [span(text, written)],
    provenance: PROV,
  }
}

function org(text: string, name: string, orgId: string | null, written = name): Organization {
  return {
    name,
    variants: [],
    kind: 'law_enforcement',
    country: 'KZ',
    orgId,
    mentions: [span(text, written)],
    provenance: PROV,
  }
}

function place(text: string, name: string, placeId: string | null, written = name): Location {
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
    mentions: [span(text, written)],
    provenance: PROV,
  }
}

function crime(category: CrimeFact['category']): CrimeFact {
  return { category, evidence: [], provenance: PROV }
}

function event(
  text: string,
  type: EventType,
  date: string | null,
  subjects: string[],
  trigger: string,
): LawEvent {
  const t = span(text, trigger)
  return {
    start: t.start,
    end: t.end,
    type,
    date,
    location: null,
    subjects,
    agency: null,
    summary: `${type} of ${subjects.join(', ')}`,
    trigger: t,
    article: 0,
    penalties: [],
    amounts: [],
    items: [],
    provenance: PROV,
  }
}

interface Spec {
  id: string
  lang: Lang
  published: string
  text: string
  build: (text: string) => Partial<ExtractedDoc>
}

// Invented articles: one fraud suspect reported in Russian, English and Kazakh; a football coach
// of the same name; two women of one name told apart by their IINs.
const SUSPECT_RU: Spec = {
  id: 'ru-arrest',
  lang: 'ru',
  published: '2024-03-10',
  text: 'Полиция Алматы задержала Ерлана Сапарова, подозреваемого в мошенничестве на 40 млн тенге. Задержание провели 9 марта.',
  build: (t) => ({
    persons: [person(t, 'Ерлан Сапаров', 'suspect', null, 'Ерлана Сапарова')],
    organizations: [org(t, 'Полиция Алматы', 'kz-police-almaty')],
    locations: [place(t, 'Алматы', 'KZ-ALA')],
    crimes: [crime('fraud')],
    events: [event(t, 'arrest', '2024-03-09', ['Ерлан Сапаров'], 'задержала')],
  }),
}
const SUSPECT_EN: Spec = {
  id: 'en-charge',
  lang: 'en',
  published: '2024-06-02',
  text: 'Almaty police said Yerlan Saparov was charged with fraud on May 30. Police spokesman Daniyar Omarov said the investigation continues.',
  build: (t) => ({
    persons: [
      person(t, 'Yerlan Saparov', 'suspect'),
      person(t, 'Daniyar Omarov', 'official', 'police spokesman'),
    ],
    organizations: [org(t, 'Almaty police', 'kz-police-almaty')],
    locations: [place(t, 'Almaty', 'KZ-ALA')],
    crimes: [crime('fraud')],
    events: [event(t, 'charge', '2024-05-30', ['Yerlan Saparov'], 'charged')],
  }),
}
const SUSPECT_KK: Spec = {
  id: 'kk-sentence',
  lang: 'kk',
  published: '2024-11-20',
  text: 'Алматы қалалық соты алаяқтық жасаған Сапаров Ерланды 7 жылға бас бостандығынан айырды. Үкім 19 қарашада шықты.',
  build: (t) => ({
    persons: [person(t, 'Сапаров Ерлан', 'convict', null, 'Сапаров Ерланды')],
    organizations: [org(t, 'Алматы қалалық соты', 'kz-court-almaty')],
    locations: [place(t, 'Алматы', 'KZ-ALA')],
    crimes: [crime('fraud')],
    events: [
      event(t, 'sentence', '2024-11-19', ['Сапаров Ерлан'], 'айырды'),
      // An event of the article that names someone else: not on his timeline.
      event(t, 'case_opened', '2024-01-15', ['(unnamed) жәбірленуші'], 'Үкім'),
    ],
  }),
}
const COACH: Spec = {
  id: 'ru-football',
  lang: 'ru',
  published: '2025-02-01',
  text: 'Главный тренер ФК «Шахтёр» Ерлан Сапаров провёл первую тренировку в Караганде.',
  build: (t) => ({
    persons: [person(t, 'Ерлан Сапаров', 'other', 'главный тренер')],
    organizations: [org(t, 'ФК Шахтёр', null)],
    locations: [place(t, 'Караганда', 'KZ-KAR', 'Караганде')],
  }),
}
// Same name, same city and crime, but different IINs: two people.
const IIN_A: Spec = {
  id: 'ru-iin-a',
  lang: 'ru',
  published: '2024-04-01',
  text: 'В Алматы задержана Айгуль Нурланова (ИИН 900311401211), подозреваемая в мошенничестве.',
  build: (t) => ({
    persons: [person(t, 'Айгуль Нурланова', 'suspect')],
    locations: [place(t, 'Алматы', 'KZ-ALA')],
    crimes: [crime('fraud')],
  }),
}
const IIN_B: Spec = {
  id: 'ru-iin-b',
  lang: 'ru',
  published: '2024-04-05',
  text: 'В Алматы задержана Айгуль Нурланова (ИИН 970203400040), подозреваемая в мошенничестве.',
  build: (t) => ({
    persons: [person(t, 'Айгуль Нурланова', 'suspect')],
    locations: [place(t, 'Алматы', 'KZ-ALA')],
    crimes: [crime('fraud')],
  }),
}
// The first woman again, in another city and another case: her IIN says it is her.
const IIN_A_AGAIN: Spec = {
  id: 'en-iin-a',
  lang: 'en',
  published: '2024-09-09',
  text: 'Aigul Nurlanova, IIN 900311401211, was fined for tax evasion in Shymkent.',
  build: (t) => ({
    persons: [person(t, 'Aigul Nurlanova', 'convict')],
    locations: [place(t, 'Shymkent', 'KZ-SHY')],
    crimes: [crime('tax_evasion')],
  }),
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

for (const backend of await testBackends()) {
  describe(`entity repository (${backend.name})`, () => {
    let handle: DatabaseHandle
    let docs: DocumentRepository
    let entities: EntityRepository

    async function ingest(spec: Spec, text?: string) {
      await docs.save(docOf(spec, text), { annotations: [], extractorVersion: 'test@1' })
      return entities.resolveDocument(spec.id)
    }

    async function entityOf(docId: string, name: string): Promise<string> {
      const all = await entities.list({ q: name, limit: 50 })
      for (const e of all) {
        const d = await entities.get(e.id)
        if (d.mentions.some((m) => m.docId === docId && m.name === name)) return d.id
      }
      assert.fail(`no entity has "${name}" in ${docId}`)
    }

    before(async () => {
      handle = await backend.open()
      docs = createDocumentRepository(handle.db)
      entities = createEntityRepository(handle.db)
      for (const s of [SUSPECT_RU, SUSPECT_EN, SUSPECT_KK, COACH, IIN_A, IIN_B, IIN_A_AGAIN])
        await ingest(s)
    })
    after(() => handle.close())

    test('one person written in three scripts and cases is one entity', async () => {
      const id = await entityOf('ru-arrest', 'Ерлан Сапаров')
      assert.equal(await entityOf('en-charge', 'Yerlan Saparov'), id)
      assert.equal(await entityOf('kk-sentence', 'Сапаров Ерлан'), id)
      const detail = await entities.get(id)
      assert.deepEqual(detail.documents.map((d) => d.docId).sort(), [
        'en-charge',
        'kk-sentence',
        'ru-arrest',
      ])
      assert.deepEqual(
        detail.roles.map((r) => r.role),
        ['convict', 'suspect'],
      )
      assert.deepEqual(detail.crimeCategories, ['fraud'])
    })

    test('a namesake in another context (a football coach) stays apart', async () => {
      const suspect = await entityOf('ru-arrest', 'Ерлан Сапаров')
      const coach = await entityOf('ru-football', 'Ерлан Сапаров')
      assert.notEqual(coach, suspect)
      const hits = await entities.list({ q: 'Yerlan Saparov' })
      assert.deepEqual(hits.map((h) => h.id).sort(), [suspect, coach].sort())
      // The quoted spokesman is an entity of his own, an official.
      const spokesman = await entities.get(await entityOf('en-charge', 'Daniyar Omarov'))
      assert.deepEqual(spokesman.roles, [{ role: 'official', documents: 1 }])
    })

    test('a known body named in two languages is one organisation entity', async () => {
      const police = await entityOf('ru-arrest', 'Полиция Алматы')
      assert.equal(await entityOf('en-charge', 'Almaty police'), police)
      assert.notEqual(await entityOf('kk-sentence', 'Алматы қалалық соты'), police)
    })

    test('different IINs keep two people of one name apart; the same IIN joins across context', async () => {
      const a = await entityOf('ru-iin-a', 'Айгуль Нурланова')
      const b = await entityOf('ru-iin-b', 'Айгуль Нурланова')
      assert.notEqual(a, b)
      assert.equal(await entityOf('en-iin-a', 'Aigul Nurlanova'), a)
      assert.deepEqual((await entities.get(a)).identifiers, ['900311401211'])
      assert.deepEqual((await entities.get(b)).identifiers, ['970203400040'])
    })

    test('the timeline lists his dated events in order with their sources', async () => {
      const id = await entityOf('ru-arrest', 'Ерлан Сапаров')
      const events = await entities.timeline(id)
      assert.deepEqual(
        events.map((e) => [e.date, e.type, e.docId]),
        [
          ['2024-03-09', 'arrest', 'ru-arrest'],
          ['2024-05-30', 'charge', 'en-charge'],
          ['2024-11-19', 'sentence', 'kk-sentence'],
        ],
      )
      assert.equal(events[2]?.docTitle, 'kk-sentence title')
      assert.ok(events.every((e) => !e.approximate))
    })

    test('re-resolving a document changes nothing', async () => {
      const before = await entities.list({ limit: 100 })
      // Most mentioned first, then by id as a number (not as text: 10 after 9).
      assert.ok(before.length >= 5)
      const order = before.map((e) => [-e.mentions, Number(e.id)] as const)
      const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1])
      assert.deepEqual(order, sorted)
      const report = await entities.resolveDocument('en-charge')
      assert.deepEqual(
        { kept: report.kept, linked: report.linked, created: report.created },
        { kept: 3, linked: 0, created: 0 },
      )
      assert.deepEqual(await entities.list({ limit: 100 }), before)
    })

    test('merge, re-ingest (sticky) and undo restore the exact previous state', async () => {
      const suspect = await entityOf('ru-arrest', 'Ерлан Сапаров')
      const coach = await entityOf('ru-football', 'Ерлан Сапаров')
      const suspectBefore = await entities.get(suspect)
      const coachBefore = await entities.get(coach)
      const entry = await entities.merge(suspect, [coach], 'aliya')
      assert.equal(entry.action, 'merge')
      assert.equal(entry.by, 'aliya')
      assert.ok(!Number.isNaN(Date.parse(entry.at)))
      const merged = await entities.get(suspect)
      assert.equal(merged.mentionCount, 4)
      // The merged id answers with the survivor.
      const redirected = await entities.get(coach)
      assert.equal(redirected.id, suspect)
      assert.equal(redirected.redirectedFrom, coach)

      // The football article is ingested again with new text: the analyst's merge holds.
      await ingest(COACH, `${COACH.text} Сезон начнётся в марте.`)
      assert.equal(await entityOf('ru-football', 'Ерлан Сапаров'), suspect)

      const undone = await entities.undo(entry.id, 'aliya')
      assert.equal(undone.undoes, entry.id)
      assert.deepEqual(await entities.get(suspect), suspectBefore)
      const coachAfter = await entities.get(coach)
      assert.deepEqual(
        { ...coachAfter, mentions: coachAfter.mentions.map((m) => m.id) },
        { ...coachBefore, mentions: coachBefore.mentions.map((m) => m.id) },
      )
      const log = await entities.log({ entityId: coach })
      assert.deepEqual(
        log.map((l) => [l.action, l.undoneBy]),
        [
          ['undo', null],
          ['merge', undone.id],
        ],
      )
      await assert.rejects(entities.undo(entry.id, 'aliya'), { code: 'conflict' })
    })

    test('split moves mentions to a new entity; undo puts them back; a later change blocks undo', async () => {
      const id = await entityOf('ru-arrest', 'Ерлан Сапаров')
      const before = await entities.get(id)
      const kk = before.mentions.find((m) => m.docId === 'kk-sentence')
      assert.ok(kk)
      const entry = await entities.split(id, [kk.id], 'marat')
      const created = entry.entityIds.find((e) => e !== id)
      assert.ok(created)
      const split = await entities.get(created)
      assert.deepEqual(
        split.mentions.map((m) => [m.docId, m.decided]),
        [['kk-sentence', true]],
      )
      assert.equal((await entities.get(id)).mentionCount, 2)
      // Re-resolving the document keeps the analyst's split.
      await ingest(SUSPECT_KK, `${SUSPECT_KK.text} Сот үкімі заңды күшіне енген жоқ.`)
      assert.equal(await entityOf('kk-sentence', 'Сапаров Ерлан'), created)

      // A merge of the new entity with another one blocks undoing the split until it is undone.
      const coach = await entityOf('ru-football', 'Ерлан Сапаров')
      const merge = await entities.merge(created, [coach], 'marat')
      await assert.rejects(entities.undo(entry.id, 'marat'), (error: { code?: string }) => {
        assert.equal(error.code, 'conflict')
        return true
      })
      await entities.undo(merge.id, 'marat')
      await entities.undo(entry.id, 'marat')
      const after = await entities.get(id)
      assert.deepEqual(
        after.mentions.map((m) => [m.id, m.decided]),
        before.mentions.map((m) => [m.id, m.decided]),
      )
      assert.equal(after.mentionCount, before.mentionCount)
      await assert.rejects(entities.get(created), { code: 'not_found' })
    })

    test('invalid decisions are refused with stable codes', async () => {
      const id = await entityOf('ru-arrest', 'Ерлан Сапаров')
      await assert.rejects(entities.merge(id, [id], 'x'), { code: 'invalid_input' })
      await assert.rejects(entities.merge(id, ['99999999'], 'x'), { code: 'not_found' })
      await assert.rejects(entities.merge(id, ['abc'], 'x'), { code: 'invalid_input' })
      await assert.rejects(entities.merge(id, [id], ' '), { code: 'invalid_input' })
      const all = (await entities.get(id)).mentions.map((m) => m.id)
      await assert.rejects(entities.split(id, all, 'x'), { code: 'invalid_input' })
      await assert.rejects(entities.undo('99999999', 'x'), { code: 'not_found' })
    })
  })
}

describe('entity ids sort as numbers', () => {
  test('list and log order 10 after 9', async () => {
    const handle = await (await testBackends())[0]!.open()
    try {
      const docs = createDocumentRepository(handle.db)
      const entities = createEntityRepository(handle.db)
      const surnames = ['Абенов', 'Бекова', 'Гусев', 'Жанов', 'Иманов', 'Касенов', 'Лукин']
      const given = ['Арман', 'Болат']
      let n = 0
      for (const s of surnames)
        for (const g of given) {
          const name = `${g} ${s}`
          const text = `${name} выступил на собрании.`
          await docs.save(
            buildExtractedDoc({
              id: `order-${n++}`,
              lang: 'ru',
              text,
              persons: [person(text, name, 'other')],
            }),
            { annotations: [], extractorVersion: 'test@1' },
          )
        }
      await entities.sync()
      const ids = (await entities.list({ limit: 100 })).map((e) => Number(e.id))
      assert.equal(ids.length, 14)
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      )
    } finally {
      await handle.close()
    }
  })
})
