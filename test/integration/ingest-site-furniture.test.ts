/**
 * Issue #5, point 4: furniture learned across the pages of one site. Pages of an invented news
 * site repeat a navigation bar, a currency ticker, a cookie banner, a "read also" box and a
 * legal footer around each article; once a few pages are stored, the same lines are removed from
 * later pages of that site, while article text is never lost: neither a line seen once, nor the
 * closing formula that the site's articles carry inside their text.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { loadConfig } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { openDatabase } from '#storage/database.ts'

const CITIES = ['Павлодаре', 'Костанае', 'Атырау', 'Кызылорде', 'Уральске', 'Семее', 'Актау']
const NAMES = ['Ержан', 'Марат', 'Серик', 'Данияр', 'Нурлан', 'Бауыржан', 'Асхат']
const CLOSING = 'Полиция призывает граждан сообщать о фактах мошенничества по номеру 102.'

function article(i: number, long: boolean): string[] {
  const city = CITIES[i % CITIES.length]
  const name = NAMES[i % NAMES.length]
  const paragraphs = [
    `В ${city} задержан ${name}, ${25 + i} лет, подозреваемый в хищении ${100 + i * 17} тысяч тенге у жителей района.`,
    `По данным следствия, с января по март он предлагал пострадавшим купить автомобили со скидкой, получал предоплату и переставал выходить на связь. Пострадавших уже ${3 + i}.`,
  ]
  if (long)
    paragraphs.push(
      `Оперативники установили подозреваемого по записям камер у банкомата на улице номер ${i + 4}, где он снимал деньги с чужой карты, и задержали его на съёмной квартире.`,
      `Изъяты ${2 + i} телефона, банковские карты и тетрадь с записями о переводах. Возбуждено уголовное дело по статье о мошенничестве, подозреваемый помещён в изолятор временного содержания.`,
      CLOSING,
    )
  return paragraphs
}

function page(i: number, options: { long: boolean; oneOff?: string }): RawDoc {
  const body = article(i, options.long)
    .map((p) => `<p>${p}</p>`)
    .join('\n')
  const raw = `<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>Задержан подозреваемый в мошенничестве ${i}</title></head><body>
<div class="cookie">Мы используем файлы cookie. Продолжая просмотр сайта, вы соглашаетесь с этим.</div>
<div class="top"><a href="/">Главная</a> | <a href="/p">Политика</a> | <a href="/i">Происшествия</a> | <a href="/r">Регионы</a></div>
<div class="ticker">USD ${470 + i},${10 + i} · EUR ${505 + i},${20 + i} · RUB 5,${i}</div>
<div class="content"><h1>Задержан подозреваемый в мошенничестве ${i}</h1>
${options.oneOff ? `<p>${options.oneOff}</p>` : ''}
${body}
<div class="also"><div>Читайте также</div>
<div><a href="/n/${i}">В Шымкенте осуждён бывший аким села</a></div>
<div><a href="/n/${i + 1}">Итоги недели: главное за семь дней</a></div></div></div>
<div class="footer">© 2026 Вести Пример. Перепечатка материалов только с гиперссылкой на источник.</div>
</body></html>`
  const url = `https://www.vesti.primer.test/news/${1000 + i}`
  return { id: `vesti-${i}`, source: url, url, format: 'html', raw, published: '2025-03-10' }
}

const FURNITURE = [
  'Мы используем файлы cookie',
  'Главная | Политика',
  'USD ',
  'Читайте также',
  'Итоги недели: главное за семь дней',
  '© 2026 Вести Пример',
]

describe('furniture learned across pages of one site', () => {
  let runtime: Runtime
  before(async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null })
    runtime = await bootstrap(loadConfig({}), { cwd: process.cwd(), database })
  })
  after(async () => {
    await runtime.close()
  })

  test('lines repeated around the articles of earlier pages are removed from a later page', async () => {
    const learnFrom = [0, 1, 2, 3, 4].map((i) => page(i, { long: true }))
    const first = await runtime.ingest(learnFrom)
    assert.equal(first.added, 5)
    // A short item whose article the cleaner cannot isolate: without learned furniture its
    // whole page text would be stored.
    const oneOff = 'Фото предоставлено пресс-службой департамента полиции области'
    const later = await runtime.ingest([page(5, { long: false, oneOff })])
    assert.equal(later.added, 1)

    const stored = await runtime.documents.findByIdOrThrow('vesti-5')
    for (const line of FURNITURE) assert.ok(!stored.text.includes(line), `kept "${line}"`)
    // The article, and a line seen on this page only, are all there.
    for (const p of article(5, false)) assert.ok(stored.text.includes(p), `lost "${p}"`)
    assert.ok(stored.text.includes(oneOff))
  })

  test('a line most articles of the site carry inside their text is never removed', async () => {
    await runtime.ingest([page(6, { long: true })])
    const stored = await runtime.documents.findByIdOrThrow('vesti-6')
    for (const p of article(6, true)) assert.ok(stored.text.includes(p), `lost "${p}"`)
    assert.ok(stored.text.includes(CLOSING))
  })

  test('re-ingesting a page counts it once', async () => {
    const count = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from site_pages`.execute(
            runtime.database.db,
          )
        ).rows[0]?.n,
      )
    const before = await count()
    await runtime.ingest([page(0, { long: true })])
    assert.equal(await count(), before)
  })

  test('pages of another site are untouched by this one', async () => {
    const other = page(7, { long: false })
    const url = 'https://another.example.test/item/7'
    await runtime.ingest([{ ...other, id: 'other-7', url, source: url }])
    const stored = await runtime.documents.findByIdOrThrow('other-7')
    assert.ok(stored.text.includes('Читайте также'))
  })
})
