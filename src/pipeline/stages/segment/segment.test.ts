import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DetectedDoc, SegmentedDoc } from '#core/document.ts'
import { classifyLine, findFurniture, isDateLine } from './furniture.ts'
import { readDate } from './page-date.ts'
import { segment } from './segment.ts'
import { splitSentences } from './sentences.ts'

function run(
  text: string,
  published: string | null = null,
  lang: 'en' | 'ru' | 'kk' = 'en',
): SegmentedDoc {
  const doc: DetectedDoc = {
    id: 't',
    source: 't.txt',
    url: null,
    format: 'text',
    raw: text,
    text,
    title: null,
    published,
    lang,
    langConfidence: 1,
  }
  const out = segment().run(doc, { signal: new AbortController().signal, report() {} })
  assert.ok(!(out instanceof Promise))
  return out
}

/** The furniture strings of a page, in order. */
function furniture(doc: SegmentedDoc): string[] {
  return doc.boilerplate.map((b) => doc.text.slice(b.start, b.end))
}

const RU_PAGE = [
  'Происшествия',
  '',
  'Полиция Караганды задержала мошенников, обманувших пенсионеров',
  '',
  'Задержание, полиция, наручники - Новости от 14.03.2025 11:20 Фото: пресс-служба ДП',
  'В Караганде задержаны двое мужчин, которые представлялись сотрудниками банка и похищали деньги пенсионеров.',
  '',
  'По данным полиции, ущерб составил более 12 млн тенге. Возбуждено уголовное дело по ст. 190 УК РК.',
  '',
  'Читайте также: В Астане задержали курьера наркодилеров',
  '',
  'Фото Асель Нурланова',
  'Асель Нурланова',
].join('\n')

const KK_PAGE = [
  'Шымкентте есірткі сатқан күдікті ұсталды',
  '',
  '12 Наурыз 2024, 09:41',
  '1520',
  'Бөлісу:',
  'Шымкентте есірткі сатқан күдікті ұсталды',
  'Сурет: polisia.kz',
  '',
  'Шымкент қаласының полицейлері есірткі сатумен айналысқан 24 жастағы тұрғынды ұстады, деп хабарлайды ведомство.',
  '',
  'Жаңалықтар',
  '',
  'барлық жаңалықтар',
].join('\n')

const EN_TICKER_PAGE = [
  '  • KZT/USD = 0.00201 0%',
  '  • UZS/USD = 0.00008 0%',
  '  • KZT/USD = 0.00201 0%',
  '14 May 2025',
  '',
  'SOCIETY | 12:50 / 14.05.2025',
  '2 min read',
  '',
  'Astana police detain man wanted by Interpol for fraud',
  '',
  'Astana police detained a Kyrgyz citizen listed as internationally wanted since 2019. He is suspected of fraud.',
  '',
  'Photo: Frame from the video',
  '',
  'The extradition request is being considered by the Prosecutor General’s Office.',
  '',
  'Related News',
  '© 2025 Example Media. All rights reserved.',
].join('\n')

describe('segment furniture', () => {
  it('blanks the rubric, caption, credit, read-more link and author box of a Russian page', () => {
    const doc = run(RU_PAGE, null, 'ru')
    const f = furniture(doc)
    assert.ok(f.includes('Происшествия'))
    assert.ok(f.some((s) => s.startsWith('Задержание, полиция, наручники')))
    assert.ok(f.some((s) => s.startsWith('Читайте также')))
    assert.ok(f.includes('Фото Асель Нурланова'))
    assert.ok(f.includes('Асель Нурланова'))
    // Article sentences stay.
    assert.ok(doc.content.includes('В Караганде задержаны двое мужчин'))
    assert.ok(doc.content.includes('ущерб составил более 12 млн тенге'))
    assert.ok(doc.content.includes('Полиция Караганды задержала мошенников'))
  })

  it('keeps offsets: content has the length and newlines of the text', () => {
    for (const page of [RU_PAGE, KK_PAGE, EN_TICKER_PAGE]) {
      const doc = run(page)
      assert.equal(doc.content.length, page.length)
      for (let i = 0; i < page.length; i++) {
        if (page[i] === '\n') assert.equal(doc.content[i], '\n')
        else assert.ok(doc.content[i] === page[i] || doc.content[i] === ' ')
      }
    }
  })

  it('finds the header date, counters, share label, credit and footer links of a Kazakh page', () => {
    const doc = run(KK_PAGE, null, 'kk')
    const f = furniture(doc)
    for (const s of [
      '12 Наурыз 2024, 09:41',
      '1520',
      'Бөлісу:',
      'Сурет: polisia.kz',
      'Жаңалықтар',
    ]) {
      assert.ok(f.includes(s), s)
    }
    assert.ok(doc.content.includes('Шымкент қаласының полицейлері'))
    assert.equal(doc.referenceDate, '2024-03-12')
  })

  it('finds tickers, bylines, "Related News" and the copyright line of an English page', () => {
    const doc = run(EN_TICKER_PAGE)
    const f = furniture(doc)
    assert.ok(f.includes('• KZT/USD = 0.00201 0%'))
    assert.ok(f.includes('SOCIETY | 12:50 / 14.05.2025'))
    assert.ok(f.includes('2 min read'))
    assert.ok(f.includes('Photo: Frame from the video'))
    assert.ok(f.includes('Related News'))
    assert.ok(f.some((s) => s.startsWith('© 2025')))
    assert.ok(doc.content.includes('The extradition request is being considered'))
    assert.equal(doc.articles.length, 1)
    assert.equal(doc.title, 'Astana police detain man wanted by Interpol for fraud')
    assert.equal(doc.referenceDate, '2025-05-14')
  })

  it('blanks a short label repeated on the page but keeps the headline', () => {
    const text = [
      'Latest',
      '',
      'Court jails former akim of Taraz for bribery',
      '',
      'The Zhambyl regional court sentenced the former akim to nine years in prison for bribery.',
      '',
      'Latest',
      'Kazakhstan',
      'Latest',
    ].join('\n')
    const doc = run(text)
    assert.equal(doc.content.split('Latest').length - 1, 0)
    assert.ok(doc.content.includes('Court jails former akim of Taraz for bribery'))
  })

  it('prefers the given publication date', () => {
    assert.equal(run(EN_TICKER_PAGE, '2025-05-15').referenceDate, '2025-05-15')
  })

  it('does not take a copyright year for the page date', () => {
    assert.equal(
      run('Police detained two suspects in Aktobe on Monday.\n\n© 2024 Example').referenceDate,
      null,
    )
  })

  const lines: [string, string | null][] = [
    ['USD 86.50', 'ticker'],
    ['$1 – 12844.21', 'ticker'],
    ['Viewing results 1 - 6 of 138', 'pagination'],
    ['Фото: МВД РК', 'caption'],
    ['cover Фото: Envanto', 'caption'],
    ['Tags:', 'navigation'],
    ['Comments (0)', 'share'],
    ['Last updated April 2016', 'header-date'],
    ['15:13, 09 Февраль 2026 | GMT +5', 'header-date'],
    ['The police detained him on 9 April 2025 in Taraz after a long search.', null],
    ['Photographs of the suspect were shared with Interpol, the ministry said.', null],
    ['He was sentenced to 7 years.', null],
    ['We use cookies to improve your experience on our site.', 'legal'],
    ['Мы используем файлы cookie', 'legal'],
    ['By Aigerim Sultanova', 'byline'],
    ['Главная | Новости | Политика | Общество | Криминал', 'navigation'],
    ['Алматы | 15 | 12 | 9', null],
    ['1 2 3 … 12', 'pagination'],
    ['Police may detain', null],
    ['1 200 000', null],
    ['By the end of 2024 the police had registered 1,200 crimes.', null],
  ]
  for (const [line, kind] of lines) {
    it(`classifies ${JSON.stringify(line)} as ${kind}`, () => {
      assert.equal(classifyLine(line), kind)
    })
  }

  it('reads date lines only when they are stamps', () => {
    assert.equal(isDateLine('03 April 2025'), true)
    assert.equal(isDateLine('On 3 April 2025 the court sentenced two men to prison terms'), false)
  })

  it('handles a caption shortcode inside a paragraph', () => {
    const text =
      'The trial lasted months. [caption id="a1" align="aligncenter" width="1600"] The court; image: TCA, John Smith[/caption] The verdict followed.'
    const f = findFurniture(text).map((b) => text.slice(b.start, b.end))
    assert.ok(f.some((s) => s.startsWith('[caption') && s.endsWith('[/caption]')))
  })

  it('segments 300 KB of hostile input fast', () => {
    const parts = [
      '1'.repeat(100_000),
      'Фото: '.repeat(10_000),
      '\n'.repeat(20_000),
      'a. '.repeat(30_000),
    ]
    const text = parts.join('\n')
    const t0 = performance.now()
    const doc = run(text)
    assert.equal(doc.content.length, text.length)
    assert.ok(performance.now() - t0 < 1500, `took ${performance.now() - t0} ms`)
  })

  it('segments 1 MB without sentence punctuation in linear time', () => {
    const text = 'полиция задержала подозреваемого в мошенничестве '.repeat(21_000)
    const t0 = performance.now()
    const doc = run(text)
    assert.equal(doc.sentences.length, 1)
    assert.equal(doc.content, text)
    assert.ok(performance.now() - t0 < 1500, `took ${performance.now() - t0} ms`)
  })

  it('reads a feed of thousands of dated items in linear time', () => {
    const item = (n: number) =>
      `Police detain suspects in fraud case number ${n}\n12.03.2024\n` +
      `Officers in district ${n} detained two men who had sold fake tickets to a concert that never took place, police said on Monday.`
    const text = Array.from({ length: 8000 }, (_, n) => item(n)).join('\n')
    const t0 = performance.now()
    const doc = run(text)
    assert.equal(doc.articles.length, 8000)
    assert.equal(doc.articles[1]!.title, 'Police detain suspects in fraud case number 1')
    assert.ok(performance.now() - t0 < 3000, `took ${performance.now() - t0} ms`)
  })
})

describe('segment articles', () => {
  const teaser = (n: number) =>
    `Police in city number ${n} detained a group of suspects on Tuesday after a long investigation into fraud. ` +
    'Investigators said the group had deceived dozens of residents by promising high returns on investments. '.repeat(
      3,
    )

  it('splits a tag listing page into headline-led articles', () => {
    const text = [
      'Viewing results 1 - 3 of 40',
      '',
      'Almaty Police Detain Fraud Suspects',
      '',
      teaser(1),
      '',
      'Court Jails Former Akim for Bribery',
      '',
      teaser(2),
      '',
      'Interpol Notice Leads to Arrest in Dubai',
      '',
      teaser(3),
    ].join('\n')
    const doc = run(text)
    assert.equal(doc.articles.length, 3)
    assert.deepEqual(
      doc.articles.map((a) => a.title),
      [
        'Almaty Police Detain Fraud Suspects',
        'Court Jails Former Akim for Bribery',
        'Interpol Notice Leads to Arrest in Dubai',
      ],
    )
    assert.equal(doc.title, null)
    assert.ok(doc.articles[1]!.start >= doc.articles[0]!.end)
  })

  it('keeps an article with subheadings whole', () => {
    const text = [
      'Crime in the Region',
      '',
      teaser(1),
      '',
      teaser(2),
      '',
      'Drug Trafficking Trends',
      '',
      teaser(3),
      '',
      teaser(4),
    ].join('\n')
    assert.equal(run(text).articles.length, 1)
  })

  it('keeps an article whose sentence-case subheadings each lead one paragraph', () => {
    const text = [
      'Police report on fraud in the region',
      '',
      teaser(1),
      '',
      'How the scheme worked',
      '',
      teaser(2),
      '',
      'What the court decided',
      '',
      teaser(3),
    ].join('\n')
    assert.equal(run(text).articles.length, 1)
  })

  it('splits a news feed whose headlines carry date stamps', () => {
    const text = [
      'В Семее задержан водитель с грузом рыбы',
      '',
      '12 марта 2025',
      '',
      'Сотрудники полиции остановили на трассе автомобиль, в багажнике которого находилась рыба без документов.',
      '',
      'В Петропавловске осуждён телефонный мошенник',
      '',
      '11 марта 2025',
      '',
      'Суд приговорил 23-летнего мужчину к пяти годам лишения свободы за мошенничество с банковскими картами.',
    ].join('\n')
    const doc = run(text, null, 'ru')
    assert.equal(doc.articles.length, 2)
    assert.ok(furniture(doc).includes('12 марта 2025'))
  })

  it('splits a Russian listing page when it has a "load more" control', () => {
    const body = (n: number) =>
      `Полиция города ${n} задержала подозреваемых в мошенничестве после долгого расследования. `.repeat(
        5,
      )
    const text = [
      'В Алматы задержали мошенников',
      '',
      body(1),
      '',
      'Суд приговорил бывшего акима',
      '',
      body(2),
      '',
      'Показать ещё',
    ].join('\n')
    assert.equal(run(text, null, 'ru').articles.length, 2)
  })
})

describe('splitSentences', () => {
  const cases: [string, string, number][] = [
    ['Russian abbreviations', 'Дело возбуждено по ст. 190 УК РК. Задержан гр. Иванов.', 2],
    ['year abbreviation', 'В 2024 г. задержано 15 человек. Следствие продолжается.', 2],
    ['initials', 'Судья А.Ж. Серикбаев огласил приговор. Осужденный обжаловал его.', 2],
    ['English titles', 'Mr. Smith met U.S. officials in Astana. They discussed extradition.', 2],
    ['decimals', 'Crime fell by 15.2 % last year. Fraud rose.', 2],
    ['paragraph break', 'First paragraph without stop\n\nSecond paragraph.', 2],
  ]
  for (const [name, text, n] of cases) {
    it(`handles ${name}`, () => {
      assert.equal(splitSentences(text).length, n)
    })
  }
})

describe('readDate', () => {
  const cases: [string, string | null][] = [
    ['16 January, 2019, 13:10', '2019-01-16'],
    ['Новости Zakon.kz от 26.12.2025 10:33', '2025-12-26'],
    ['11 Қыркүйек 2023, 11:18', '2023-09-11'],
    ['Last updated April 2016', '2016-04'],
    ['Kazakhstan Materials 9 September 2013 16:55', '2013-09-09'],
    ['no date here', null],
  ]
  for (const [s, iso] of cases) {
    it(`reads ${JSON.stringify(s)}`, () => assert.equal(readDate(s), iso))
  }
})
