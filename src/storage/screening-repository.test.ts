import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import type { CrimeFact, Person, PersonRole } from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import { parseName } from '#core/names/name-key.ts'
import { buildExtractedDoc } from '../../test/helpers/build-doc.ts'
import { testBackends } from '../../test/helpers/test-database.ts'
import { type DatabaseHandle, openDatabase } from './database.ts'
import { createDocumentRepository, saveDocumentsIn } from './document-repository.ts'
import { createScreeningRepository, queryKeys, storedKeys } from './screening-repository.ts'

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

/** The document's key rows are the stored name's keys, each once: the document was keyed once. */
async function assertKeyedOnce(
  db: DatabaseHandle['db'],
  docId: string,
  name: string,
): Promise<void> {
  const rows = await sql<{ n: number }>`
    select count(*)::int as n from person_name_keys where doc_id = ${docId}`.execute(db)
  assert.equal(rows.rows[0]!.n, storedKeys(name).keys.length)
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

const DOCS: DocSpec[] = [
  {
    id: 'ru-fraud',
    lang: 'ru',
    published: '2025-03-14',
    title: 'В Алматы задержан подозреваемый в мошенничестве',
    text: 'Полиция Алматы задержала Ерлана Сапарова, подозреваемого в мошенничестве на 23 млн тенге. Об этом сообщил официальный представитель ДП Алматы Салтанат Азирбек.',
    persons: [
      ['Ерлан Сапаров', 'suspect', null],
      ['Салтанат Азирбек', 'official', 'официальный представитель ДП Алматы'],
    ],
    crimes: ['fraud'],
  },
  {
    id: 'en-court',
    lang: 'en',
    published: '2025-09-02',
    title: 'Almaty court sentences fraudster',
    text: 'An Almaty court sentenced Yerlan Saparov to seven years in prison for fraud, police spokeswoman Saltanat Azirbek said.',
    persons: [
      ['Yerlan Saparov', 'convict', null],
      ['Saltanat Azirbek', 'official', 'police spokeswoman'],
    ],
    crimes: ['fraud'],
  },
  {
    id: 'kk-drugs',
    lang: 'kk',
    published: '2025-05-20',
    title: 'Шымкентте есірткі тәркіленді',
    text: 'Шымкент қаласы полиция департаментінің баспасөз хатшысы Салтанат Әзірбек есірткі тәркіленгенін хабарлады. Қасым-Жомарт Тоқаев құқық қорғау органдарына тапсырма берді.',
    persons: [
      ['Салтанат Әзірбек', 'official', 'баспасөз хатшысы'],
      ['Қасым-Жомарт Тоқаев', 'politician', 'Президент'],
    ],
    crimes: ['drug_trafficking'],
  },
]

for (const backend of await testBackends()) {
  describe(`screening repository (${backend.name})`, () => {
    let handle: DatabaseHandle
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
    })
    after(async () => {
      await handle.close()
    })

    test('a name in any script finds the same person in ru, kk and en documents', async () => {
      const screening = createScreeningRepository(handle.db)

      const results = await screening.screen(['Tokayev', 'Токаев', 'Saparov Yerlan'])

      assert.deepEqual(
        results.map((r) => [r.query, r.matches.map((m) => m.name)]),
        [
          ['Tokayev', ['Қасым-Жомарт Тоқаев']],
          ['Токаев', ['Қасым-Жомарт Тоқаев']],
          ['Saparov Yerlan', ['Yerlan Saparov', 'Ерлан Сапаров']],
        ],
      )
    })

    test('a suspect is flagged with roles, crimes and articles; a spokeswoman is not', async () => {
      const screening = createScreeningRepository(handle.db)

      const [saparov, azirbek] = await screening.screen(['Сапаров Ерлан', 'Saltanat Azirbek'])

      const top = saparov!.matches[0]!
      assert.equal(top.flagged, true)
      assert.ok(top.score >= 0.75 && top.score <= 1)
      assert.ok(top.reasons.length > 0)
      assert.deepEqual(top.crimeCategories, ['fraud'])
      assert.deepEqual(
        azirbek!.matches.map((m) => [m.name, m.flagged, m.roles.map((r) => r.role)]),
        [
          ['Saltanat Azirbek', false, ['official']],
          ['Салтанат Азирбек', false, ['official']],
          ['Салтанат Әзірбек', false, ['official']],
        ],
      )
      const kk = azirbek!.matches.find((m) => m.name === 'Салтанат Әзірбек')!
      assert.deepEqual(kk.titles, ['баспасөз хатшысы'])
      assert.deepEqual(kk.articles, [
        {
          docId: 'kk-drugs',
          title: 'Шымкентте есірткі тәркіленді',
          published: '2025-05-20',
          role: 'official',
          personTitle: 'баспасөз хатшысы',
        },
      ])
    })

    test('a different person with the same surname is not reported', async () => {
      const screening = createScreeningRepository(handle.db)

      const [r] = await screening.screen(['Мадияр Сапаров'])

      assert.deepEqual(r!.matches, [])
    })

    test('a typo in the query still finds the person', async () => {
      const screening = createScreeningRepository(handle.db)

      const [r] = await screening.screen(['Yerlan Sapparov'])

      assert.ok(r!.matches.some((m) => m.name === 'Yerlan Saparov'))
    })

    test('keying is incremental: a new document is screened without re-keying the others', async () => {
      const screening = createScreeningRepository(handle.db)
      await screening.sync()
      const text = 'Мухтар Аблязов объявлен в розыск.'
      await createDocumentRepository(handle.db).save(
        buildExtractedDoc({
          id: 'ru-wanted',
          lang: 'ru',
          text,
          persons: [person(text, 'Мухтар Аблязов', 'suspect')],
        }),
        { annotations: [], extractorVersion: 'test@1' },
      )

      assert.equal(await screening.sync(), 1)
      const [r] = await screening.screen(['Mukhtar Ablyazov'])
      assert.deepEqual(
        r!.matches.map((m) => [m.name, m.flagged]),
        [['Мухтар Аблязов', true]],
      )
    })

    test('two screenings at once key a new document once', async () => {
      const screening = createScreeningRepository(handle.db)
      const text = 'Суд приговорил Бауыржана Нурланова к пяти годам лишения свободы.'
      await createDocumentRepository(handle.db).save(
        buildExtractedDoc({
          id: 'ru-sentence',
          lang: 'ru',
          text,
          persons: [person(text, 'Бауыржан Нурланов', 'convict')],
        }),
        { annotations: [], extractorVersion: 'test@1' },
      )

      const [a, b] = await Promise.all([
        screening.screen(['Baurzhan Nurlanov']),
        screening.screen(['Нурланов Бауыржан']),
      ])

      assert.equal(a![0]!.matches[0]!.name, 'Бауыржан Нурланов')
      assert.equal(b![0]!.matches[0]!.name, 'Бауыржан Нурланов')
      await assertKeyedOnce(handle.db, 'ru-sentence', 'Бауыржан Нурланов')
    })

    test('a stored document is found by the very next screen, and nothing is left queued', async () => {
      const screening = createScreeningRepository(handle.db)
      await screening.sync()
      assert.equal(await screening.sync(), 0)
      const text = 'Полиция задержала Асылбека Жумабаева.'
      await createDocumentRepository(handle.db).save(
        buildExtractedDoc({
          id: 'ru-next',
          lang: 'ru',
          text,
          persons: [person(text, 'Асылбек Жумабаев', 'suspect')],
        }),
        { annotations: [], extractorVersion: 'test@1' },
      )

      const [r] = await screening.screen(['Asylbek Zhumabayev'])

      assert.deepEqual(
        r!.matches.map((m) => m.name),
        ['Асылбек Жумабаев'],
      )
      const queued = await sql<{ n: number }>`
        select count(*)::int as n from person_name_dirty_docs`.execute(handle.db)
      assert.equal(queued.rows[0]!.n, 0)
      assert.equal(await screening.sync(), 0)
    })

    test('a re-extracted document loses its old names and is found under its new ones', async () => {
      const screening = createScreeningRepository(handle.db)
      const documents = createDocumentRepository(handle.db)
      const before = 'Суд арестовал Данияра Кенжебаева.'
      await documents.save(
        buildExtractedDoc({
          id: 'ru-reprocess',
          lang: 'ru',
          text: before,
          persons: [person(before, 'Данияр Кенжебаев', 'suspect')],
        }),
        { annotations: [], extractorVersion: 'test@1' },
      )
      const [found] = await screening.screen(['Daniyar Kenzhebayev'])
      assert.deepEqual(
        found!.matches.map((m) => m.name),
        ['Данияр Кенжебаев'],
      )

      const after = 'Суд арестовал Тимура Оспанова.'
      await documents.save(
        buildExtractedDoc({
          id: 'ru-reprocess',
          lang: 'ru',
          text: after,
          persons: [person(after, 'Тимур Оспанов', 'suspect')],
        }),
        { annotations: [], extractorVersion: 'test@2' },
      )
      const [gone, renamed] = await screening.screen(['Daniyar Kenzhebayev', 'Timur Ospanov'])

      assert.deepEqual(gone!.matches, [])
      assert.deepEqual(
        renamed!.matches.map((m) => m.name),
        ['Тимур Оспанов'],
      )
      await assertKeyedOnce(handle.db, 'ru-reprocess', 'Тимур Оспанов')
      const keyed = await sql<{ v: string }>`
        select extractor_version as v from person_name_keyed_docs where doc_id = 'ru-reprocess'`.execute(
        handle.db,
      )
      assert.deepEqual(
        keyed.rows.map((r) => r.v),
        ['test@2'],
      )
    })

    test('keys lost outside the triggers come back after reconcile', async () => {
      const screening = createScreeningRepository(handle.db)
      await screening.sync()
      // As a bulk load with triggers off would leave it: facts without keys, nothing queued.
      await sql`delete from person_name_keys where doc_id = 'kk-drugs'`.execute(handle.db)
      const [missing] = await screening.screen(['Tokayev'])
      assert.deepEqual(missing!.matches, [])

      assert.equal(await screening.reconcile(), 1)
      const [back] = await screening.screen(['Tokayev'])

      assert.deepEqual(
        back!.matches.map((m) => m.name),
        ['Қасым-Жомарт Тоқаев'],
      )
      assert.equal(await screening.reconcile(), 0)
    })

    if (backend.name === 'postgres') {
      test('two processes screening at once key new documents once and both find them', async () => {
        // A second connection pool on the same schema: another process, as PostgreSQL sees it.
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(handle.db))
          .rows[0]!.s
        const url =
          process.env['TERGEU_TEST_DATABASE_URL'] ||
          process.env['DATABASE_URL'] ||
          'postgres://postgres@127.0.0.1:5432/test'
        const other = await openDatabase({ kind: 'postgres', url }, { schema })
        try {
          // More than one sync batch (200), stored in one transaction.
          const names = Array.from(
            { length: 250 },
            (_, i) => `Нурлан Сейтказиев${String.fromCharCode(1072 + (i % 32))}${i}`,
          )
          await handle.db.transaction().execute((trx) =>
            saveDocumentsIn(
              trx,
              names.map((name, i) => {
                const text = `Задержан ${name}.`
                return {
                  doc: buildExtractedDoc({
                    id: `ru-many-${i}`,
                    lang: 'ru',
                    text,
                    persons: [person(text, name, 'suspect')],
                  }),
                  input: { annotations: [], extractorVersion: 'test@1' },
                }
              }),
            ),
          )
          const a = createScreeningRepository(handle.db)
          const b = createScreeningRepository(other.db)

          const [ra, rb] = await Promise.all([
            a.screen(['Нурлан Сейтказиевб1']),
            b.screen(['Нурлан Сейтказиевб1']),
          ])

          assert.ok(ra![0]!.matches.some((m) => m.name === 'Нурлан Сейтказиевб1'))
          assert.ok(rb![0]!.matches.some((m) => m.name === 'Нурлан Сейтказиевб1'))
          const keys = await sql<{ n: number }>`
            select count(*)::int as n from person_name_keys where doc_id like 'ru-many-%'`.execute(
            handle.db,
          )
          assert.equal(
            keys.rows[0]!.n,
            names.reduce((n, name) => n + storedKeys(name).keys.length, 0),
          )
        } finally {
          await other.close()
        }
      })

      test('a document re-extracted while a sync keys it is keyed with its new names', async () => {
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(handle.db))
          .rows[0]!.s
        const url =
          process.env['TERGEU_TEST_DATABASE_URL'] ||
          process.env['DATABASE_URL'] ||
          'postgres://postgres@127.0.0.1:5432/test'
        const other = await openDatabase({ kind: 'postgres', url }, { schema })
        const save = (name: string, version: string) => {
          const text = `Суд рассмотрел дело ${name}.`
          return {
            doc: buildExtractedDoc({
              id: 'ru-race',
              lang: 'ru',
              text,
              persons: [person(text, name, 'suspect')],
            }),
            input: { annotations: [], extractorVersion: version },
          }
        }
        try {
          const screening = createScreeningRepository(handle.db)
          await screening.sync()
          await handle.db
            .transaction()
            .execute((trx) => saveDocumentsIn(trx, [save('Арман Жаксылыков', 'test@1')]))
          // Another process re-extracts the queued document and commits only once the sync has
          // read the old facts and waits on the writer's rows.
          let release = () => {}
          const gate = new Promise<void>((r) => {
            release = r
          })
          let written = () => {}
          const saved = new Promise<void>((r) => {
            written = r
          })
          const writer = other.db.transaction().execute(async (trx) => {
            await saveDocumentsIn(trx, [save('Ержан Мукашев', 'test@2')])
            written()
            await gate
          })
          await saved
          const syncing = screening.sync()
          await new Promise((r) => setTimeout(r, 300))
          release()
          await writer
          await syncing

          const [old, renamed] = await screening.screen(['Arman Zhaksylykov', 'Yerzhan Mukashev'])

          assert.deepEqual(old!.matches, [])
          assert.deepEqual(
            renamed!.matches.map((m) => m.name),
            ['Ержан Мукашев'],
          )
          await assertKeyedOnce(handle.db, 'ru-race', 'Ержан Мукашев')
        } finally {
          await other.close()
        }
      })
    }
  })
}

describe('screening keys', () => {
  test('a stored name and a query one edit away share a key', () => {
    const stored = new Set(storedKeys('Yerlan Saparov').keys)
    const { byKey } = queryKeys(parseName('Yerlan Sapparov'))

    assert.ok([...byKey.keys()].some((k) => stored.has(k)))
  })

  test('hostile input stays bounded', () => {
    const t0 = performance.now()
    const { keys } = storedKeys('Ааааааааааааааааааааа'.repeat(10_000))
    assert.ok(keys.length < 500)
    assert.ok(performance.now() - t0 < 500)
  })
})
