import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { findDates, parseRefDate } from './find-dates.ts'

const isos = (text: string, lang: string, ref: string | null) =>
  findDates(text, lang, parseRefDate(ref)).map((h) => [text.slice(h.start, h.end), h.iso])

describe('findDates', () => {
  // One row per surface form: [sentence, lang, reference date, expected [text, iso]].
  const rows: [string, string, string | null, [string, string][]][] = [
    ['He was detained on April 5, 2025 in Almaty.', 'en', null, [['April 5, 2025', '2025-04-05']]],
    ['The verdict came on 5 April 2025.', 'en', null, [['5 April 2025', '2025-04-05']]],
    [
      'Задержание произошло 5 апреля 2025 года.',
      'ru',
      null,
      [['5 апреля 2025 года', '2025-04-05']],
    ],
    ['Протокол от 26.12.2025 подписан.', 'ru', null, [['26.12.2025', '2025-12-26']]],
    ['The hearing is set for 2025-01-11.', 'en', null, [['2025-01-11', '2025-01-11']]],
    [
      'Сот 2025 жылғы 26 желтоқсанда үкім шығарды.',
      'kk',
      null,
      [['2025 жылғы 26 желтоқсанда', '2025-12-26']],
    ],
    [
      'Хабарлама 26 желтоқсан 2025 ж. жарияланды.',
      'kk',
      null,
      [['26 желтоқсан 2025 ж.', '2025-12-26']],
    ],
    ['The scheme collapsed in March 2024.', 'en', null, [['March 2024', '2024-03']]],
    ['Его задержали в марте 2024 года.', 'ru', null, [['в марте 2024 года', '2024-03']]],
    ['Ол 2024 жылдың наурызында ұсталды.', 'kk', null, [['2024 жылдың наурызында', '2024-03']]],
    ['The law was adopted in 2019.', 'en', null, [['2019', '2019']]],
    ['Закон принят в 2024 году.', 'ru', null, [['2024', '2024']]],
    ['Заң 2024 жылы қабылданды.', 'kk', null, [['2024', '2024']]],
    ['Sentenced on November 1st in 2017.', 'en', null, [['November 1st in 2017', '2017-11-01']]],
    ['Figures of December, 2006 show it.', 'en', null, [['December, 2006', '2006-12']]],
    ['Police said on Sept. 14 that…', 'en', '2023-09-20', [['Sept. 14', '2023-09-14']]],
    ['The trial ran from March to May 2024.', 'en', null, [['from March to May 2024', '2024-03']]],
    [
      'Between April and August 2019 she was threatened.',
      'en',
      null,
      [['Between April and August 2019', '2019-04']],
    ],
    [
      'The group operated between 2017 and 2019.',
      'en',
      null,
      [
        ['2017', '2017'],
        ['2019', '2019'],
      ],
    ],
    [
      'В 2017–2018 годах она входила в группу.',
      'ru',
      null,
      [
        ['2017', '2017'],
        ['2018', '2018'],
      ],
    ],
    ['He was arrested today.', 'en', '2025-04-03', [['today', '2025-04-03']]],
    ['He was arrested yesterday.', 'en', '2025-04-03', [['yesterday', '2025-04-02']]],
    ['The raid took place on Saturday.', 'en', '2025-04-03', [['on Saturday', '2025-03-29']]],
    ['Border guards detained him on Monday.', 'en', '2013-09-09', [['on Monday', '2013-09-09']]],
    ['Protests began last month.', 'en', '2025-04-03', [['last month', '2025-03']]],
    ['He fled two years ago.', 'en', '2015-03-04', [['two years ago', '2013']]],
    ['The law passed a decade ago.', 'en', '2019-12-13', [['a decade ago', '2009']]],
    ['Задержан вчера.', 'ru', '2025-12-26', [['вчера', '2025-12-25']]],
    ['Сегодня суд огласил приговор.', 'ru', '2025-12-26', [['Сегодня', '2025-12-26']]],
    ['Дело возбудили в прошлом году.', 'ru', '2025-12-26', [['в прошлом году', '2024']]],
    [
      'Его задержали в минувшую пятницу.',
      'ru',
      '2025-12-26',
      [['в минувшую пятницу', '2025-12-26']],
    ],
    ['Обыски прошли на прошлой неделе.', 'ru', '2025-12-26', [['на прошлой неделе', '2025-12']]],
    ['Былтыр ол сотталды.', 'kk', '2025-12-26', [['Былтыр', '2024']]],
    ['Кеше ол ұсталды.', 'kk', '2025-12-26', [['Кеше', '2025-12-25']]],
    ['Биыл заң қабылданды.', 'kk', '2025-12-26', [['Биыл', '2025']]],
    ['Приговор вынесен 26 декабря.', 'ru', '2025-12-30', [['26 декабря', '2025-12-26']]],
    ['He was detained on February 13.', 'en', '2025-04-03', [['February 13', '2025-02-13']]],
    ['In June the bodies were found.', 'en', '2012-08-14', [['In June', '2012-06']]],
    [
      'Suspects were held since early February.',
      'en',
      '2025-04-03',
      [['since early February', '2025-02']],
    ],
    [
      'On October 14 of this year they fled.',
      'en',
      '2023-10-19',
      [['October 14 of this year', '2023-10-14']],
    ],
    [
      'In January 2022 the trader was jailed, and he walked free in February of the same year.',
      'en',
      null,
      [
        ['January 2022', '2022-01'],
        ['February of the same year', '2022-02'],
      ],
    ],
    ['Ол 5 сәуірде ұсталды.', 'kk', '2025-04-07', [['5 сәуірде', '2025-04-05']]],
    ['Суд состоялся 3 января.', 'ru', '2025-01-10', [['3 января', '2025-01-03']]],
    ['В декабре прошли обыски.', 'ru', '2025-01-10', [['В декабре', '2024-12']]],
    [
      'С ноября по январь он проник в 12 квартир.',
      'ru',
      '2025-01-15',
      [['С ноября по январь', '2024-11']],
    ],
    [
      'From November to January he stole cars.',
      'en',
      '2025-01-15',
      [['From November to January', '2024-11']],
    ],
    ['Его задержали во вторник.', 'ru', '2025-01-15', [['во вторник', '2025-01-14']]],
    [
      'Сот 2025 жылдың 5 наурызында үкім шығарды.',
      'kk',
      null,
      [['2025 жылдың 5 наурызында', '2025-03-05']],
    ],
    ['Ол желтоқсанда ұсталды, Қазанда тұрады.', 'kk', '2025-04-01', [['желтоқсанда', '2024-12']]],
    ['The hearing resumes next month.', 'en', '2025-04-01', [['next month', '2025-05']]],
    ['В 2020-м году его осудили.', 'ru', null, [['2020', '2020']]],
    ['Ол 2024-жылы сотталды.', 'kk', null, [['2024', '2024']]],
    [
      'Рейд прошёл с 1 по 5 марта 2025 года.',
      'ru',
      null,
      [['с 1 по 5 марта 2025 года', '2025-03-01']],
    ],
    [
      'Заседания прошли 10 и 12 апреля.',
      'ru',
      '2025-04-20',
      [
        ['10', '2025-04-10'],
        ['12 апреля', '2025-04-12'],
      ],
    ],
    ['The raids ran from 3 to 5 March 2025.', 'en', null, [['3 to 5 March 2025', '2025-03-03']]],
    ['Операция «Мак-2025» завершена; в mid-2021 началась.', 'ru', null, []],
    ['The scheme began in mid-2021.', 'en', null, [['2021', '2021']]],
    [
      'Его задержали в ноябре прошлого года.',
      'ru',
      '2025-04-10',
      [['в ноябре прошлого года', '2024-11']],
    ],
    ['Police today quoted Kazakhstan Today.', 'en', '2025-04-10', [['today', '2025-04-10']]],
    ['Схему раскрыли летом прошлого года.', 'ru', '2025-04-10', [['летом прошлого года', '2024']]],
    [
      'Ол 2024 жылдың қыркүйегінде қашып кетті.',
      'kk',
      null,
      [['2024 жылдың қыркүйегінде', '2024-09']],
    ],
    ['Ол қыркүйекте ұсталды.', 'kk', '2024-12-20', [['қыркүйекте', '2024-09']]],
    [
      'Investigators opened the case in January 2022, and the driver was charged in February of the same year.',
      'en',
      '2023-07-03',
      [
        ['January 2022', '2022-01'],
        ['February of the same year', '2022-02'],
      ],
    ],
  ]
  for (const [text, lang, ref, expected] of rows) {
    test(`reads ${JSON.stringify(text)}${ref ? ` on ${ref}` : ''}`, () => {
      assert.deepEqual(isos(text, lang, ref), expected)
    })
  }

  test('leaves relative and year-less dates out when there is no reference date', () => {
    assert.deepEqual(
      isos('Yesterday, on February 13, and last month, два года назад, 26 декабря.', 'en', null),
      [],
    )
  })

  test('takes no decades, quantities, money, URLs or phone numbers as years', () => {
    const text =
      'In the 1990s crime rose; 2000 people and 1500 тонн; $2019; see site.kz/2025/09/news; В 1990-х годах; tel 8 701 2019 55.'
    assert.deepEqual(isos(text, 'en', null), [])
  })

  test('dates a quoted passage by the inline citation that closes it', () => {
    const text = '“Two men fled in June to Bishkek,” police said. [Source: BBC, August 14, 2012]'

    assert.deepEqual(isos(text, 'en', '2016-04'), [
      ['in June', '2012-06'],
      ['August 14, 2012', '2012-08-14'],
    ])
  })

  test('dates a year-less day on an undated page by the full date just before it', () => {
    const text = 'Watchdogs reported on May 2, 2024 that he disappeared on March 10 in Turkey.'

    assert.deepEqual(isos(text, 'en', null), [
      ['May 2, 2024', '2024-05-02'],
      ['March 10', '2024-03-10'],
    ])
  })

  test('stays fast on long hostile input', () => {
    const hostile =
      '9'.repeat(100_000) +
      ' 2019'.repeat(10_000) +
      ' 12.12.2012.'.repeat(5_000) +
      ' в марте в марте 2024 года вчера'.repeat(2_000) +
      ' [Source: BBC, August 14, 2012] two years ago'.repeat(500)
    const started = performance.now()

    findDates(hostile, 'ru', parseRefDate('2025-04-03'))

    const ms = performance.now() - started
    assert.ok(hostile.length > 200_000)
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`)
  })

  // Each input packs one kind of cue as densely as it can: every rule then runs on one window
  // as long as the text, which must stay linear.
  const floods: [string, string][] = [
    ['repeated English months', 'May June March '.repeat(15_000)],
    ['repeated Russian months', 'марта мая в июне '.repeat(15_000)],
    ['repeated Kazakh months', 'наурызда қазан мамыр айында '.repeat(10_000)],
    ['months glued together', 'MayMarchJune'.repeat(20_000)],
    ['relative words', 'this year last year в этом году өткен жылы ago назад '.repeat(5_000)],
    ['one letter', 'a'.repeat(1_000_000)],
    ['a month and day far apart', `May${' '.repeat(300_000)}5, 2024 ${'\n'.repeat(100_000)}`],
    ['long digit runs', `${'2024'.repeat(50_000)} ${'1'.repeat(200_000)}.12.2024`],
  ]
  for (const [what, text] of floods) {
    test(`stays fast on ${what}`, () => {
      const started = performance.now()
      findDates(text, 'ru', parseRefDate('2025-04-03'))
      findDates(text, 'en', null)
      const ms = performance.now() - started
      assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`)
    })
  }
})
