import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Lang } from '#core/lang.ts'
import { splitSentences } from '../segment/sentences.ts'
import {
  byFirstLetter,
  findStatistics,
  type MoneySpan,
  parseWritten,
  splitTester,
  tailTester,
} from './find-statistics.ts'
import { SINGLE_CASE_RE } from './statistics-data.ts'

function stats(
  text: string,
  lang: Lang = 'en',
  referenceDate: string | null = null,
  money: MoneySpan[] = [],
): [number, string | null][] {
  return findStatistics({
    content: text,
    sentences: splitSentences(text),
    lang,
    referenceDate,
    money,
  }).map((h) => [h.value, h.period])
}

/** A money span over the first occurrence of `written` in `text`. */
function moneyAt(text: string, written: string, amount: number, currency: string): MoneySpan {
  const start = text.indexOf(written)
  return { start, end: start + written.length, amount, currency }
}

describe('findStatistics', () => {
  const cases: [string, string, Lang, string | null, [number, string | null][]][] = [
    [
      'counts with a year and the comparison year',
      'In 2023, 98,454 crimes were registered against 116,101 in 2022.',
      'en',
      null,
      [
        [98454, '2023'],
        [116101, '2022'],
      ],
    ],
    [
      'an inline series',
      'Registered burglaries in the region, 2001-2003: 16,204 in 2001; 14,950 in 2002; 11,873 in 2003.',
      'en',
      null,
      [
        [16204, '2001'],
        [14950, '2002'],
        [11873, '2003'],
      ],
    ],
    [
      'a signed change and a comparison',
      'The number of thefts has fallen by 12.5% from 20,100 to 17,588 cases, the prosecutor said.',
      'en',
      null,
      [
        [-12.5, null],
        [20100, null],
        [17588, null],
      ],
    ],
    [
      'a stock without period',
      'A total of 1,240 persons are on the international wanted list.',
      'en',
      null,
      [[1240, null]],
    ],
    [
      'list items that share a noun',
      'In the first half of 2024, 310 cases were opened for fraud, 95 for bribery and 12 for forgery.',
      'en',
      null,
      [
        [310, '2024'],
        [95, '2024'],
        [12, '2024'],
      ],
    ],
    [
      'Russian relative period',
      'За 9 месяцев зарегистрировано 789 фактов интернет-мошенничества, что на 24% больше, чем в прошлом году.',
      'ru',
      '2025-10-20',
      [
        [789, '2025'],
        [24, '2025'],
      ],
    ],
    [
      'Russian explicit year with a dash item',
      'В 2025 году возбуждено 70 уголовных дел по фактам создания ОПГ, по транснациональным ОПГ – 10.',
      'ru',
      null,
      [
        [70, '2025'],
        [10, '2025'],
      ],
    ],
    [
      'Kazakh year and "more than" suffix',
      '2024 жылы облыс бойынша 1 200 қылмыс тіркелді, оның ішінде 300-ден астам алаяқтық фактісі анықталды.',
      'kk',
      null,
      [
        [1200, '2024'],
        [300, '2024'],
      ],
    ],
    [
      'Kazakh levels and a from-to comparison',
      'Ұрлық саны 15 пайызға азайып, 19 400-ге жетті. Адам өлтіру фактілері 231-ден 198-ге дейін төмендеді.',
      'kk',
      null,
      [
        [-15, null],
        [19400, null],
        [231, null],
        [198, null],
      ],
    ],
    [
      'a Kazakh decrease in percent',
      'Биыл қылмыс саны 15 пайызға азайды.',
      'kk',
      '2025-03-01',
      [[-15, '2025']],
    ],
    [
      'an open period gives no period',
      'Since the beginning of 2023, more than 130 fugitives have been found.',
      'en',
      '2024-05-01',
      [[130, null]],
    ],
    [
      'a range keeps its lower bound',
      'Since the new law took effect, 25 to 27 individuals have received life sentences.',
      'en',
      null,
      [[25, null]],
    ],
    [
      'a rate per population, not its denominator',
      'Уровень преступности в 2024 году составил 95 на 100 тысяч населения.',
      'ru',
      null,
      [[95, '2024']],
    ],
    [
      'a named kind of crime with a scale word',
      'Всего за 2024 год раскрыто свыше 3 тыс. краж.',
      'ru',
      null,
      [[3000, '2024']],
    ],
    [
      'one in four',
      'Activists estimated that one in four families suffered from domestic violence.',
      'en',
      null,
      [[25, null]],
    ],
  ]
  for (const [name, text, lang, ref, expected] of cases) {
    it(`finds ${name}`, () => {
      assert.deepEqual(stats(text, lang, ref), expected)
    })
  }

  const negatives: [string, string, Lang][] = [
    [
      'quantities of one seizure',
      'During the search, 21 kg of heroin and 6 SIM boxes were seized in one flat.',
      'en',
    ],
    [
      'ages and durations',
      'A 42-year-old man was sentenced to 7 years in prison under Article 190.',
      'en',
    ],
    ['a single group', 'The court sentenced 34 members of the group to prison terms.', 'en'],
    ['article numbers', 'Дело возбуждено по части 4 статьи 190 УК РК.', 'ru'],
    ['dates', 'On April 15, 2024, the president signed the law.', 'en'],
    ['a promised return', 'The scheme promised investors a 240 percent return.', 'en'],
    ['victims of one scheme', 'Investigators identified 45 victims of the pyramid scheme.', 'en'],
    [
      'facts in one shop',
      'Полицейские выявили 3 факта незаконной продажи алкоголя в одном магазине.',
      'ru',
    ],
    [
      "one suspect's deeds",
      'По данным следствия, он проник в 12 квартир и похитил вещи на общую сумму 9 млн тенге.',
      'ru',
    ],
    [
      'counts of one operation told over several sentences',
      'В ходе операции проверено более 600 объектов. Задержаны 7 подозреваемых, возбуждено 9 уголовных дел.',
      'ru',
    ],
    [
      'one seizure in Kazakh',
      'Полицейлер 2 күдіктіні ұстады, олардан 15 келі марихуана тәркіленді.',
      'kk',
    ],
  ]
  for (const [name, text, lang] of negatives) {
    it(`ignores ${name}`, () => {
      assert.deepEqual(stats(text, lang), [])
    })
  }

  it('takes an aggregate sum of money but not the damage of one case', () => {
    const aggregate =
      'Since the start of the year, damage from online fraud exceeded 552 million tenge.'
    assert.deepEqual(
      stats(aggregate, 'en', '2025-09-29', [moneyAt(aggregate, '552 million tenge', 552e6, 'KZT')]),
      [[552e6, '2025']],
    )
    const single = 'Investigators established that the official caused damage of 290 million tenge.'
    assert.deepEqual(
      stats(single, 'en', '2025-09-29', [moneyAt(single, '290 million tenge', 290e6, 'KZT')]),
      [],
    )
  })

  it('carries a reporting period to the next sentences', () => {
    const text =
      'Over the last three years, 13 criminal cases related to financial pyramids were registered. ' +
      'More than 1,000 residents suffered. Verdicts were delivered in nine cases.'
    assert.deepEqual(stats(text, 'en', '2025-09-28'), [
      [13, '2023/2025'],
      [1000, '2023/2025'],
      [9, '2023/2025'],
    ])
  })

  it('keeps figures an official reports ("he noted")', () => {
    assert.deepEqual(stats('He noted that in 2024 the police registered 1,200 fraud cases.'), [
      [1200, '2024'],
    ])
  })

  it('dates a comparison figure a year before the sentence period', () => {
    const text =
      'In the first five months of 2025, 41,370 criminal offences were registered, against 47,010 a year earlier.'
    assert.deepEqual(stats(text, 'en', '2025-06-03'), [
      [41370, '2025'],
      [47010, '2024'],
    ])
  })

  it('treats a sentence about a suspect as a single case', () => {
    const text =
      'In 2022 Kanat Abdirakhmanov collected 1.6 billion tenge from 87 people registered as buyers.'
    const start = text.indexOf('Kanat')
    const parties = [{ start, end: start + 'Kanat Abdirakhmanov'.length }]
    const found = findStatistics({
      content: text,
      sentences: splitSentences(text),
      lang: 'en',
      referenceDate: null,
      caseParties: parties,
    })
    assert.deepEqual(found, [])
  })

  it('reads index scores and their signed changes since a year', () => {
    const text =
      'A 2024 index compiled by an anti-corruption watchdog ranks countries from 0 to 100. ' +
      'Kazakhstan scored 40, up one point since 2023; Georgia scored 53 points, down two points since 2023.'
    assert.deepEqual(stats(text), [
      [40, '2024'],
      [1, '2023/2024'],
      [53, '2024'],
      [-2, '2023/2024'],
    ])
  })

  it('reads no number in an English word that names an object property ("constructor")', () => {
    const text =
      'In 2024 the police registered two thefts and the constructor cases of the city court.'
    assert.deepEqual(stats(text), [[2, '2024']])
  })

  it('lists a figure restated in the text once', () => {
    const text =
      'In 2006, 10,423 crimes were registered. Of 10,423 criminal cases initiated in 2006, most were drug cases.'
    assert.deepEqual(stats(text), [[10423, '2006']])
  })

  it('is fast on 200 KB of digits and repeated tokens', () => {
    const text = `${'1 234 567, '.repeat(10_000)} ${'cases in 2020; '.repeat(5_000)} ${'9'.repeat(50_000)}`
    const t0 = performance.now()
    findStatistics({
      content: text,
      sentences: splitSentences(text),
      lang: 'en',
      referenceDate: null,
    })
    assert.ok(performance.now() - t0 < 3000, `took ${performance.now() - t0} ms`)
  })

  it('reads no figure in 200 KB of a counting list or of 100k separated numbers, fast', () => {
    let list = ''
    for (let i = 1; list.length < 200_000; i++) list += `${i}, `
    const inputs: [string, Lang][] = [
      [list, 'en'],
      [`In 2024 the police registered ${list}and more.`, 'ru'],
      ['1,234.5 '.repeat(100_000), 'ru'],
      ['12 345 678 '.repeat(100_000), 'kk'],
    ]
    for (const [text, lang] of inputs) {
      const t0 = performance.now()
      const hits = findStatistics({
        content: text,
        sentences: splitSentences(text),
        lang,
        referenceDate: '2024-05-01',
      })
      const ms = performance.now() - t0
      // Linear: a few hundred ms here; a scan per number or per window would take minutes.
      assert.ok(ms < 4000, `${text.slice(0, 20)}…: took ${ms} ms`)
      // Bare numbers count nothing.
      assert.deepEqual(hits, [])
    }
  })

  it('reads a figure repeated 8,000 times in one run-on sentence once', () => {
    const text = '12,345,678 cases in 2023; '.repeat(8_000)
    const t0 = performance.now()
    const hits = findStatistics({
      content: text,
      sentences: splitSentences(text),
      lang: 'en',
      referenceDate: null,
    })
    assert.ok(performance.now() - t0 < 4000, `took ${performance.now() - t0} ms`)
    assert.deepEqual(
      hits.map((h) => [h.value, h.unit, h.period, h.text === text.slice(h.start, h.end)]),
      [[12345678, 'cases', '2023', true]],
    )
  })
})

describe('parseWritten', () => {
  const cases: [string, Lang, number][] = [
    ['1,499', 'en', 1499],
    ['1 200', 'kk', 1200],
    ['10,5', 'kk', 10.5],
    ['15.2', 'en', 15.2],
    ['1.234.567', 'ru', 1234567],
  ]
  for (const [text, lang, value] of cases) {
    it(`reads ${text}`, () => assert.equal(parseWritten(text, lang), value))
  }

  it('reads a lone English comma as thousands and refuses odd groupings', () => {
    const odd: [string, number | null][] = [
      ['1,23', 123],
      ['1234,567', 1234567],
      ['1.234', 1.234],
      ['1.2.3', null],
      ['12,345,67', null],
      [',5', null],
      ['5.', null],
      ['1..2', null],
      ['', null],
    ]
    for (const [text, value] of odd) assert.equal(parseWritten(text, 'en'), value, text)
  })

  it('answers as the rules written as regexes, on random strings of digits and separators', () => {
    // The rules as they were first written; parseWritten reads them with character tests.
    const byRegex = (text: string, lang: Lang): number | null => {
      const t = text.replace(/[ \u00a0]/gu, '')
      if (/^\d{1,3}(?:,\d{3})+$/u.test(t)) return Number(t.replace(/,/gu, ''))
      if (/^\d{1,3}(?:\.\d{3}){2,}$/u.test(t)) return Number(t.replace(/\./gu, ''))
      if (/^\d+,\d+$/u.test(t))
        return lang === 'en' ? Number(t.replace(',', '')) : Number(t.replace(',', '.'))
      if (/^\d+(?:\.\d+)?$/u.test(t)) return Number(t)
      return null
    }
    const alphabet = ['1', '2', '0', '9', ',', '.', ' ', '\u00a0', '1', '5']
    // A fixed linear congruential sequence: the same strings on every run.
    let seed = 7
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed
    }
    for (let n = 0; n < 20_000; n++) {
      let text = ''
      const length = 1 + (next() % 12)
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length]
      for (const lang of ['en', 'ru'] as const) {
        assert.equal(parseWritten(text, lang), byRegex(text, lang), JSON.stringify(text))
      }
    }
  })
})

describe('byFirstLetter', () => {
  it('matches at the same positions as the plain alternation', () => {
    const words = [
      'registered',
      'recorded',
      'in\\s+total',
      'increase',
      'всего',
      'выявлен',
      'Ә',
      'two',
    ]
    const plain = new RegExp(words.join('|'), 'giu')
    const grouped = new RegExp(byFirstLetter(words), 'giu')
    const positions = (re: RegExp, s: string) => {
      const out: number[] = []
      re.lastIndex = 0
      for (let m = re.exec(s); m !== null; m = re.exec(s)) {
        out.push(m.index)
        re.lastIndex = m.index + 1
      }
      return out
    }
    for (const s of [
      'Police RECORDED two thefts; in  total 40 were Registered, an increase.',
      'Всего выявлено 12 фактов, ВЫЯВЛЕНЫ ещё два. ә ӘӘ',
      'Nothing here.',
    ]) {
      assert.deepEqual(positions(grouped, s), positions(plain, s), s)
    }
  })
})

describe('splitTester', () => {
  // The fast tester must give the regex's own answer, assertions at the edges included.
  const cases = [
    'Police said one of them had fled to Almaty.',
    'Someone of them fled.',
    'The suspect deceived 87 people.',
    'The suspects were detained in 14 regions.',
    '_the suspect and 5 others',
    'ſthe suspect',
    'В ходе операции задержаны 12 человек.',
    'Подозреваемый обманул 40 вкладчиков.',
    'Неподозреваемый гражданин',
    'Бір күдікті 15 адамды алдаған.',
    '317 күдікті ұсталды.',
    'A 45-year-old man was detained.',
    'In 2024, 1,429 criminal cases were registered.',
    '',
  ]
  it('answers as SINGLE_CASE_RE.test does', () => {
    const fast = splitTester(SINGLE_CASE_RE)
    for (const c of cases) assert.equal(fast(c), SINGLE_CASE_RE.test(c), c)
  })
  it('answers for several regexes as the first that matches does', () => {
    const raid = /(?:в ходе|во время) (?:рейда|обыска)|\b(?:during|in) (?:the|a|an) raid\b/iu
    const actor = /(?<!\p{L})(?:мошенник|вор)\s+(?:обманул|украл)а?(?!\p{L})|\bthe thief stole\b/iu
    const fast = splitTester(SINGLE_CASE_RE, raid, actor)
    const more = [
      ...cases,
      'Police seized it during a raid on Monday.',
      'В ходе рейда изъято 5 кг.',
      'Мошенник обманула 3 человек.',
      'The thief stole 40 phones.',
      'Бывший вор украл 2 машины.',
      'Thethief stole 40 phones.',
    ]
    for (const c of more) {
      const any = SINGLE_CASE_RE.test(c) || raid.test(c) || actor.test(c)
      assert.equal(fast(c), any, c)
    }
    assert.ok(fast('The thief stole 40 phones.'))
    assert.ok(!fast('Thethief stole 40 phones.'))
  })
  it('tests regexes with back-references one by one', () => {
    const twice = /(\p{L})\1/iu
    const fast = splitTester(/zz/iu, twice)
    assert.ok(fast('book'))
    assert.ok(!fast('bok'))
  })
  it('answers as a regex without top-level alternatives does', () => {
    const re = /(?:(?<!\p{L})(?:he|she)\s+\p{L}|^\s*Ол\s+\p{L})/iu
    const fast = splitTester(re)
    for (const c of ['he went', 'the went', '  Ол алды', 'she', '']) {
      assert.equal(fast(c), re.test(c), c)
    }
  })
})

describe('tailTester', () => {
  const more = /(?:more than|over|above|exceeding|in excess of|более|свыше|более чем|артық)\s*$/iu
  const cases = [
    'police seized more than ',
    'police seized MORE THAN\u00a0 \n',
    'police seized more than 5 and then',
    'moreover ',
    'over',
    'ver ',
    '',
    '   ',
    'изъято более чем  ',
    'изъято БОЛЕЕ',
    'in excess of\u2003',
    'ſome in excess of',
    'not exceedingly ',
    'жалпы артық ',
  ]
  it('answers as the regex does, on the tail only', () => {
    const fast = tailTester(more)
    for (const c of cases) assert.equal(fast(c), more.test(c), JSON.stringify(c))
  })
  it('tests other shapes as they are', () => {
    const re = /(?<!\p{L})(?:to|до)\s*$/iu
    const fast = tailTester(re)
    for (const c of ['up to ', 'upto', 'от 5 до', 'undo ']) assert.equal(fast(c), re.test(c), c)
    const multi = /(?:to)\s*$/imu
    assert.equal(tailTester(multi)('to\nnext'), true)
  })
})
