import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { CrimesDoc } from '#core/document.ts'
import type { DateMention, Person } from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import type { Span } from '#core/span.ts'
import { findCrimes } from '../extract-crimes/extract-crimes.ts'
import { spanOf, weekdayDate } from './event-dates.ts'
import { findEvents } from './extract-events.ts'

const provenance = { stage: 'test', version: 1 }

function sentencesOf(text: string): Span[] {
  const out: Span[] = []
  let start = 0
  for (const m of text.matchAll(/[.!?]\s+|\n+/g)) {
    const end = (m.index ?? 0) + m[0].length
    out.push({ start, end })
    start = end
  }
  if (start < text.length) out.push({ start, end: text.length })
  return out
}

/** A document as the earlier stages would leave it: dates and persons given by their text. */
function docOf(
  text: string,
  lang: Lang,
  extras: { dates?: Record<string, string>; persons?: Record<string, Person['role']> } = {},
): CrimesDoc {
  const sentences = sentencesOf(text)
  const dates: DateMention[] = Object.entries(extras.dates ?? {}).map(([t, iso]) => {
    const start = text.indexOf(t)
    return { start, end: start + t.length, text: t, iso, relative: false, provenance }
  })
  const persons: Person[] = Object.entries(extras.persons ?? {}).map(([name, role]) => {
    const mentions = [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({
      start: m.index ?? 0,
      end: (m.index ?? 0) + name.length,
      text: name,
    }))
    return { name, variants: [], role, title: null, mentions, provenance }
  })
  return {
    id: 't',
    source: 't.txt',
    url: null,
    format: 'text',
    raw: text,
    published: null,
    text,
    title: null,
    lang,
    langConfidence: 1,
    boilerplate: [],
    content: text,
    articles: [{ start: 0, end: text.length, title: null, titleSpan: null }],
    sentences,
    referenceDate: null,
    locations: [],
    organizations: [],
    persons,
    money: [],
    statistics: [],
    dates,
    crimes: findCrimes(text, lang, sentences),
  }
}

function types(doc: CrimesDoc): string[] {
  return findEvents(doc)
    .map((e) => e.type)
    .sort()
}

describe('findEvents', () => {
  const cases: readonly [string, Lang, string, readonly string[]][] = [
    [
      'one sentence gives incident, wanted and arrest',
      'en',
      'A foreign citizen who was wanted for organising call routing for fraud was detained in Petropavlovsk.',
      ['arrest', 'incident', 'wanted'],
    ],
    [
      'ru detention and a criminal case',
      'ru',
      'Полицейские задержали 30-летнего мужчину. По данному факту возбуждено уголовное дело.',
      ['arrest', 'case_opened'],
    ],
    [
      'kk detention and a criminal case',
      'kk',
      'Полицейлер күдіктіні ұстады. Осы оқиғаға қатысты қылмыстық іс қозғалды.',
      ['arrest', 'case_opened'],
    ],
    ['ru sentence', 'ru', 'Суд приговорил бывшего акима к 10 годам лишения свободы.', ['sentence']],
    [
      'kk sentence',
      'kk',
      'Алматы қаласында пара берген адам 7 жылға бас бостандығынан айырылды.',
      ['incident', 'sentence'],
    ],
    [
      'en extradition',
      'en',
      'Prosecutors have initiated extradition proceedings against him.',
      ['extradition'],
    ],
    ['ru flight', 'ru', 'После совершения преступления мужчина скрылся.', ['flight', 'incident']],
    ['en release', 'en', 'The journalist was acquitted and released from custody.', ['release']],
    [
      'ru seizure of drugs is also the drug crime',
      'ru',
      'С места происшествия изъято около 20 килограммов мефедрона.',
      ['incident', 'seizure'],
    ],
    [
      'en legislation',
      'en',
      'The president signed a law on preventing domestic violence.',
      ['legislation'],
    ],
    [
      'ru cooperation',
      'ru',
      'КНБ Казахстана и ФСБ России провели совместную спецоперацию в Байконуре.',
      ['cooperation'],
    ],
    [
      'aggregate cases are statistics',
      'en',
      'In 2025, 70 criminal cases were opened over organised crime.',
      [],
    ],
    ['ru aggregate seizures', 'ru', 'С начала года изъято более 600 сим-банков.', []],
    [
      'kk aggregate',
      'kk',
      'Жыл басынан бері 240 есірткі қылмысы анықталды және 281 келі есірткі тәркіленді.',
      [],
    ],
    ['negated step', 'en', 'A criminal case against him has not been opened yet.', []],
    ['a penalty the law provides', 'en', 'The suspects face up to 20 years in prison.', []],
    ['statements are not events', 'en', 'The minister said the police would work harder.', []],
    [
      'counts of crimes are statistics',
      'en',
      'Police recorded 1,120 drug-related crimes and seized 14.6 tonnes of drugs.',
      [],
    ],
    ['a detainee is not a new detention', 'ru', 'Задержанные пояснили, что собирали коноплю.', []],
    [
      'a released statement is not a release',
      'en',
      'The ministry released a statement on Monday.',
      [],
    ],
    ['a dismissal is not a release', 'ru', 'Аким района освобожден от должности.', []],
    ['kk dismissal is not a release', 'kk', 'Әкім қызметінен босатылды.', []],
    [
      'kk drugs found in a home are a seizure',
      'kk',
      'Тінту кезінде оның үйінен 2 келі героин табылды.',
      ['incident', 'seizure'],
    ],
    [
      'kk a registered case and a started investigation are one case opening',
      'kk',
      'Алаяқтық дерегі бойынша қылмыстық іс тіркелді. Сотқа дейінгі тергеп-тексеру басталды.',
      ['case_opened', 'incident'],
    ],
    ['kk a case sent to court is a charge', 'kk', 'Қылмыстық іс сотқа жолданды.', ['charge']],
    [
      'en a guilty plea is a sentence',
      'en',
      'The former accountant pleaded guilty in court on Tuesday.',
      ['sentence'],
    ],
    [
      'ru a guilty plea is a sentence',
      'ru',
      'В суде бывший бухгалтер полностью признал свою вину.',
      ['sentence'],
    ],
    [
      'kk a guilty plea is a sentence',
      'kk',
      'Сот отырысында айыпталушы кінәсін толық мойындады.',
      ['sentence'],
    ],
    [
      'kk a prison term given by a court is a sentence',
      'kk',
      'Сот оған 4 жыл бас бостандығынан айыру жазасын тағайындады.',
      ['sentence'],
    ],
    [
      'en house arrest is the arrest',
      'en',
      'The investigating judge placed the suspect under house arrest.',
      ['arrest'],
    ],
    [
      'ru house arrest is the arrest',
      'ru',
      'Суд избрал подозреваемому меру пресечения в виде домашнего ареста.',
      ['arrest'],
    ],
    [
      'kk house arrest is the arrest',
      'kk',
      'Сот күдіктіге үй қамағы түріндегі бұлтартпау шарасын таңдады.',
      ['arrest'],
    ],
    [
      'ru a court remand after a detention is the same arrest',
      'ru',
      'Полицейские задержали мужчину. Суд санкционировал его арест, он взят под стражу на два месяца.',
      ['arrest'],
    ],
    [
      'en a court remand after a detention is the same arrest',
      'en',
      'Police detained a man in Kostanay. A court later remanded him in custody for two months.',
      ['arrest'],
    ],
    [
      'kk a court remand after a detention is the same arrest',
      'kk',
      'Қостанайда ер адам ұсталды. Сот оны екі айға қамауға алды.',
      ['arrest'],
    ],
    [
      'en a prior conviction is background to the arrest',
      'en',
      'A previously convicted resident of Taraz was detained for theft.',
      ['arrest', 'incident'],
    ],
    [
      'ru a prior conviction is background to the arrest',
      'ru',
      'Ранее судимый житель Караганды задержан за кражу.',
      ['arrest', 'incident'],
    ],
    [
      'kk a prior conviction is background to the arrest',
      'kk',
      'Бұрын сотталған тұрғын ұрлық жасағаны үшін ұсталды.',
      ['arrest', 'incident'],
    ],
    [
      'kk a seizure beside a pre-trial investigation is no court confiscation',
      'kk',
      'Тінту кезінде 5 келі марихуана тәркіленіп, сотқа дейінгі тергеу басталды.',
      ['case_opened', 'incident', 'seizure'],
    ],
    [
      'kk a detention facility is a place; the custody order is the same arrest',
      'kk',
      'Күдікті уақытша ұстау изоляторына қамалды. Оған күзетпен қамауға алу түріндегі бұлтартпау шарасы таңдалды.',
      ['arrest'],
    ],
  ]
  for (const [name, lang, text, expected] of cases) {
    test(name, () => {
      assert.deepEqual(types(docOf(text, lang)), expected)
    })
  }

  test('the same arrest told twice is one event', () => {
    const text =
      'Astana police detained a citizen of Uzbekistan who was on the wanted list. ' +
      'According to the department, officers detained the man in the city centre.'

    const arrests = findEvents(docOf(text, 'en')).filter((e) => e.type === 'arrest')

    assert.equal(arrests.length, 1)
  })

  test('arrests on different dates are different events', () => {
    const text =
      'On July 25, 2025, citizen A.Sh., 35, was detained in Turkey. ' +
      'Earlier, on May 26, citizen A.K., 40, was detained in Italy.'
    const doc = docOf(text, 'en', {
      dates: { 'July 25, 2025': '2025-07-25', 'May 26': '2025-05-26' },
    })

    const arrests = findEvents(doc).filter((e) => e.type === 'arrest')

    assert.deepEqual(
      arrests.map((e) => e.date),
      ['2025-07-25', '2025-05-26'],
    )
  })

  test('a date in the main clause does not date a relative clause', () => {
    const text =
      'A Belarusian national, who had been on an interstate wanted list, was detained by border guards on April 5, 2025.'
    const doc = docOf(text, 'en', { dates: { 'April 5, 2025': '2025-04-05' } })

    const byType = Object.fromEntries(findEvents(doc).map((e) => [e.type, e.date]))

    assert.equal(byType['arrest'], '2025-04-05')
    assert.equal(byType['wanted'], null)
  })

  test('a dateline dates the report, not the event', () => {
    const text =
      'ASTANA, 22 January 2025 — A former director wanted for fraud was detained in Dubai.'
    const doc = docOf(text, 'en', { dates: { '22 January 2025': '2025-01-22' } })

    assert.ok(findEvents(doc).every((e) => e.date === null))
  })

  test('a span of dates gives an interval', () => {
    const text = 'The man ran an illegal crypto exchange and defrauded clients from 2020 to 2022.'
    const doc = docOf(text, 'en', { dates: { '2020': '2020', '2022': '2022' } })

    const incident = findEvents(doc).find((e) => e.type === 'incident')

    assert.equal(incident?.date, '2020/2022')
  })

  test('a sentence that goes on with the story takes the date of the one before', () => {
    const cases: readonly [Lang, string, Record<string, string>, string][] = [
      [
        'en',
        'On 3 May police detained a man in Taraz. He was charged with fraud.',
        { '3 May': '2025-05-03' },
        '2025-05-03',
      ],
      [
        'ru',
        '7 мая полицейские задержали мужчину. На следующий день ему предъявили обвинение.',
        { '7 мая': '2025-05-07' },
        '2025-05-08',
      ],
      [
        'kk',
        '7 тамызда полицейлер ер адамды ұстады. Оған айып тағылды.',
        { '7 тамызда': '2025-08-07' },
        '2025-08-07',
      ],
    ]
    for (const [lang, text, dates, expected] of cases) {
      const charge = findEvents(docOf(text, lang, { dates })).find((e) => e.type === 'charge')
      assert.equal(charge?.date, expected, text)
    }
  })

  test('a step does not take the span of a crime told before it; the crime told again does', () => {
    const cases: readonly [Lang, string, Record<string, string>][] = [
      [
        'en',
        'Between March 2023 and July 2025 the official embezzled budget funds. He was charged with embezzlement.',
        { 'March 2023': '2023-03', 'July 2025': '2025-07' },
      ],
      [
        'ru',
        'В 2017-2019 годах чиновник похитил бюджетные средства. Ему предъявлено обвинение.',
        { '2017': '2017', '2019': '2019' },
      ],
    ]
    for (const [lang, text, dates] of cases) {
      const events = findEvents(docOf(text, lang, { dates }))
      assert.equal(events.find((e) => e.type === 'charge')?.date, null, text)
    }
    const text =
      'The group laundered money in 2017-2019. Its leader was charged with money laundering in March 2024.'
    const doc = docOf(text, 'en', {
      dates: { '2017': '2017', '2019': '2019', 'March 2024': '2024-03' },
    })
    assert.deepEqual(
      findEvents(doc).map((e) => [e.type, e.date]),
      [
        ['charge', '2024-03'],
        ['incident', '2017/2019'],
      ],
    )
  })

  test("a second defendant's penalty of another kind is another sentence", () => {
    const cases: readonly [Lang, string, Record<string, Person['role']>, number][] = [
      [
        'en',
        'The court sentenced Aidar Bekov to five years in prison, and his accomplice Marat Serikov was fined 2 million tenge.',
        { 'Aidar Bekov': 'convict', 'Marat Serikov': 'convict' },
        2,
      ],
      [
        'ru',
        'Суд приговорил Ерлана Касымова к 5 годам лишения свободы. Нурлан Ахметов оштрафован на 500 тысяч тенге.',
        { 'Ерлана Касымова': 'convict', 'Нурлан Ахметов': 'convict' },
        2,
      ],
      [
        'kk',
        'Сот Асхат Нұрлановқа 4 жыл бас бостандығынан айыру жазасын тағайындады, ал оның сыбайласына айыппұл салынды.',
        {},
        2,
      ],
      [
        'en',
        'The court sentenced Aidar Bekov to five years in prison. He was also fined 2 million tenge.',
        { 'Aidar Bekov': 'convict' },
        1,
      ],
      [
        'en',
        'A court sentenced Suhrob Tagoev, and his colleague Nasim Rahimov was sentenced to 30 and 20 years respectively.',
        { 'Suhrob Tagoev': 'convict', 'Nasim Rahimov': 'convict' },
        1,
      ],
    ]
    for (const [lang, text, persons, expected] of cases) {
      const found = findEvents(docOf(text, lang, { persons })).filter((e) => e.type === 'sentence')
      assert.equal(found.length, expected, text)
    }
  })

  test('a date that opens the sentence dates each step, not the wanted notice or the crime', () => {
    const cases: readonly [
      Lang,
      string,
      Record<string, string>,
      readonly [string, string | null][],
    ][] = [
      [
        'ru',
        '3 мая сотрудники полиции задержали 25-летнего мужчину, находившегося в розыске, и изъяли у него 2 кг героина.',
        { '3 мая': '2025-05-03' },
        [
          ['arrest', '2025-05-03'],
          ['seizure', '2025-05-03'],
          ['wanted', null],
        ],
      ],
      [
        'kk',
        '7 тамызда полицейлер іздеуде жүрген 25 жастағы ер адамды ұстап, оның көлігінен 2 келі героин тәркіледі.',
        { '7 тамызда': '2025-08-07' },
        [
          ['arrest', '2025-08-07'],
          ['seizure', '2025-08-07'],
          ['wanted', null],
        ],
      ],
      [
        'kk',
        '20 мамырда қалалық сот бұрынғы әкімді пара алғаны үшін 8 жылға соттады.',
        { '20 мамырда': '2025-05-20' },
        [
          ['sentence', '2025-05-20'],
          ['incident', null],
        ],
      ],
    ]
    for (const [lang, text, dates, expected] of cases) {
      const events = findEvents(docOf(text, lang, { dates }))
      for (const [type, date] of expected)
        assert.equal(events.find((e) => e.type === type)?.date, date, `${type}: ${text}`)
    }
  })

  test('a span told after the crime dates the crime, not the charge', () => {
    const cases: readonly [Lang, string][] = [
      ['en', 'The former director was charged with embezzling budget funds between 2017 and 2019.'],
      [
        'ru',
        'Бывшему директору предъявлено обвинение в хищении бюджетных средств в 2017-2019 годах.',
      ],
      ['kk', 'Бұрынғы директорға 2017-2019 жылдары бюджет қаражатын жымқырғаны үшін айып тағылды.'],
    ]
    for (const [lang, text] of cases) {
      const events = findEvents(docOf(text, lang, { dates: { '2017': '2017', '2019': '2019' } }))
      assert.equal(events.find((e) => e.type === 'charge')?.date, null, text)
      assert.equal(events.find((e) => e.type === 'incident')?.date, '2017/2019', text)
    }
  })

  test('a year followed by "-YYYY" is a span', () => {
    const text = '2018-2020 жылдары шенеунік бюджет қаражатын жымқырды. Оған айып тағылды.'
    const events = findEvents(docOf(text, 'kk', { dates: { '2018': '2018' } }))

    assert.deepEqual(
      events.map((e) => [e.type, e.date]),
      [
        ['incident', '2018/2020'],
        ['charge', null],
      ],
    )
  })

  test('a court remand on a later day is the same arrest', () => {
    const cases: readonly [Lang, string, Record<string, string>][] = [
      [
        'en',
        'On May 3 police in Kostanay detained a 30-year-old man. On May 5 the court remanded him in custody for two months.',
        { 'May 3': '2025-05-03', 'May 5': '2025-05-05' },
      ],
      [
        'ru',
        '3 мая в Костанае задержан 30-летний мужчина. 5 мая суд санкционировал арест, он заключен под стражу.',
        { '3 мая': '2025-05-03', '5 мая': '2025-05-05' },
      ],
      [
        'kk',
        '3 мамырда Қостанайда 30 жастағы ер адам ұсталды. 5 мамырда сот оны екі айға қамауға алды.',
        { '3 мамырда': '2025-05-03', '5 мамырда': '2025-05-05' },
      ],
    ]
    for (const [lang, text, dates] of cases) {
      const arrests = findEvents(docOf(text, lang, { dates })).filter((e) => e.type === 'arrest')
      assert.deepEqual(
        arrests.map((e) => e.date),
        ['2025-05-03'],
        text,
      )
    }
  })

  test('a joint operation is cooperation only with a foreign or international party', () => {
    const cases: readonly [Lang, string, boolean][] = [
      [
        'en',
        'Police and the financial monitoring agency carried out a joint operation in Almaty.',
        false,
      ],
      ['ru', 'Сотрудники полиции и КНБ провели совместную операцию в Шымкенте.', false],
      ['kk', 'Полиция мен ҰҚК бірлескен операция жүргізді.', false],
      ['ru', 'КНБ Казахстана и ФСБ России провели совместную спецоперацию в Байконуре.', true],
      [
        'en',
        'Ukrainian cyber police investigated the call centre in cooperation with law enforcement from Kazakhstan.',
        true,
      ],
      ['kk', 'Полиция шетелдік әріптестерімен бірлескен операция жүргізді.', true],
    ]
    for (const [lang, text, expected] of cases) {
      const found = findEvents(docOf(text, lang)).some((e) => e.type === 'cooperation')
      assert.equal(found, expected, text)
    }
  })

  test('a guilty plea is the sentence, not a charge told back', () => {
    const cases: readonly [Lang, string][] = [
      ['en', 'Aidar Bekov, who was charged with fraud, pleaded guilty at the Almaty court.'],
      ['ru', 'Обвиняемый в мошенничестве Ерлан Касымов признал вину в суде.'],
      ['kk', 'Алаяқтық жасады деп айыпталған Асхат Нұрланов сотта кінәсін мойындады.'],
    ]
    for (const [lang, text] of cases) {
      const found = findEvents(docOf(text, lang)).map((e) => e.type)
      assert.ok(found.includes('sentence') && !found.includes('charge'), `${text}: ${found}`)
    }
  })

  test('"the next day" later in the sentence is the day after; the crime keeps no date', () => {
    const text = 'On 3 May police detained a man in Taraz. He was charged with fraud the next day.'
    const events = findEvents(docOf(text, 'en', { dates: { '3 May': '2025-05-03' } }))

    assert.equal(events.find((e) => e.type === 'charge')?.date, '2025-05-04')
    assert.equal(events.find((e) => e.type === 'incident')?.date, null)
  })

  test('a sentence that starts another story does not take the date before', () => {
    const text =
      'On 3 May police detained a man in Taraz. Meanwhile, an official was charged with fraud.'
    const doc = docOf(text, 'en', { dates: { '3 May': '2025-05-03' } })

    assert.equal(findEvents(doc).find((e) => e.type === 'charge')?.date, null)
  })

  test('named suspects become subjects; officials do not', () => {
    const text = 'Nurlan Sydykov was detained, spokesman Askar Beisenov said.'
    const doc = docOf(text, 'en', {
      persons: { 'Nurlan Sydykov': 'suspect', 'Askar Beisenov': 'official' },
    })

    const arrest = findEvents(doc).find((e) => e.type === 'arrest')

    assert.deepEqual(arrest?.subjects, ['Nurlan Sydykov'])
  })

  test('unnamed subjects are described', () => {
    const arrest = findEvents(
      docOf('Police detained a 42-year-old citizen of Uzbekistan.', 'en'),
    )[0]

    assert.equal(arrest?.subjects[0], '(unnamed) 42-year-old citizen of Uzbekistan')
  })

  test('sentences carry their penalties', () => {
    const sentence = findEvents(docOf('The court sentenced him to 12 years in prison.', 'en'))[0]

    assert.equal(sentence?.type, 'sentence')
    assert.deepEqual(
      sentence?.penalties.map((p) => [p.kind, p.value]),
      [['prison', 12]],
    )
  })

  test('seizures carry their quantities, with Cyrillic units too', () => {
    const ru = findEvents(
      docOf('У задержанного изъяли 5 кг героина и 300 граммов гашиша.', 'ru'),
    ).find((e) => e.type === 'seizure')
    assert.deepEqual(ru?.items, ['5 кг героина', '300 граммов гашиша'])

    const kk = findEvents(docOf('Олардан 120 келі гашиш тәркіленді.', 'kk')).find(
      (e) => e.type === 'seizure',
    )
    assert.deepEqual(kk?.items, ['120 келі гашиш'])

    const en = findEvents(docOf('Police seized 12 kg of heroin in Shymkent.', 'en')).find(
      (e) => e.type === 'seizure',
    )
    assert.deepEqual(en?.items, ['12 kg of heroin'])
  })

  test('works when no earlier stage found anything', () => {
    const doc = { ...docOf('Police detained two men.', 'en'), crimes: [], dates: [], persons: [] }

    assert.deepEqual(
      findEvents(doc).map((e) => e.type),
      ['arrest'],
    )
  })

  test('odd input gives no events and does not throw', () => {
    for (const text of ['', ' ', '\u0000\uFFFF', '....', 'İSTANBUL İÇİN ÇOK']) {
      assert.deepEqual(findEvents(docOf(text, 'en')), [])
    }
  })

  test('stays fast on long hostile input', () => {
    const text = `${'detained arrested seized 2025 '.repeat(6_000)}${'7'.repeat(50_000)}${' задержан изъято'.repeat(3_000)}`
    const doc = docOf(text, 'en')
    const started = performance.now()

    findEvents(doc)

    assert.ok(performance.now() - started < 3000, 'took too long')
  })
})

describe('dates from the context of a sentence', () => {
  const dateOf = (events: readonly { type: string; date: string | null }[], type: string) =>
    events.find((e) => e.type === type)?.date

  test('a paragraph date governs its sentences without one; a new paragraph does not inherit', () => {
    const cases: readonly [string, Lang, Record<string, string>][] = [
      [
        'On 12 March police in Taraz detained two men suspected of robbing a jewellery shop. Stolen rings and a pistol were seized in their flat.\nA criminal case was opened.',
        'en',
        { '12 March': '2025-03-12' },
      ],
      [
        '12 марта в Таразе полицейские задержали двух мужчин. При обыске у них изъяли пистолет и похищенные кольца.\nВозбуждено уголовное дело.',
        'ru',
        { '12 марта': '2025-03-12' },
      ],
      [
        '12 наурызда Таразда полицейлер екі ер адамды ұстады. Олардан тапанша мен ұрланған сақиналар тәркіленді.\nҚылмыстық іс қозғалды.',
        'kk',
        { '12 наурызда': '2025-03-12' },
      ],
    ]
    for (const [text, lang, dates] of cases) {
      const events = findEvents(docOf(text, lang, { dates }))
      assert.equal(dateOf(events, 'seizure'), '2025-03-12', text)
      assert.equal(dateOf(events, 'case_opened'), null, text)
    }
  })

  test("a person's background and what happens now do not take the paragraph's date", () => {
    const background = findEvents(
      docOf(
        'In 2021 the group hacked the servers of a bank in Almaty. Serik Bekov, the former head of its security, fled to Dubai after being charged with fraud.',
        'en',
        { dates: { '2021': '2021' } },
      ),
    )
    assert.equal(dateOf(background, 'flight'), null)
    assert.equal(dateOf(background, 'charge'), null)

    const now = findEvents(
      docOf(
        'On 4 June 2019 police detained a customs officer in Aktau. He is currently on trial.',
        'en',
        {
          dates: { '4 June 2019': '2019-06-04' },
        },
      ),
    )
    assert.equal(dateOf(now, 'arrest'), '2019-06-04')
    assert.equal(dateOf(now, 'charge'), null)
  })

  test('a date told again later in the text dates the sentence that repeats it', () => {
    // The dates stage keeps the first mention of each value only.
    const text =
      'В 2023 году в Караганде задержали торговца оружием. Суд вынес приговор в 2024 году. Процесс был закрытым. Адвокат обжаловал решение.\nВ 2023 году полиция также изъяла у него три пистолета.'
    const events = findEvents(
      docOf(text, 'ru', { dates: { '2023 году': '2023', '2024 году': '2024' } }),
    )

    assert.equal(dateOf(events, 'seizure'), '2023')
    assert.equal(dateOf(events, 'sentence'), '2024')
  })

  test('a report word after the date of a step leaves the date to the step', () => {
    const told = findEvents(
      docOf('Экстрадиция состоялась 10 сентября, сообщает Генеральная прокуратура.', 'ru', {
        dates: { '10 сентября': '2025-09-10' },
      }),
    )
    assert.equal(dateOf(told, 'extradition'), '2025-09-10')

    const reported = findEvents(
      docOf('Полиция сообщила 10 сентября, что мужчину задержали.', 'ru', {
        dates: { '10 сентября': '2025-09-10' },
      }),
    )
    assert.equal(dateOf(reported, 'arrest'), null)
  })

  test('a month that dates a case opened on finding a crime dates the crime too', () => {
    const events = findEvents(
      docOf(
        'In May 2024, police opened a murder investigation after two bodies were found near Shymkent.',
        'en',
        {
          dates: { 'May 2024': '2024-05' },
        },
      ),
    )
    assert.equal(dateOf(events, 'case_opened'), '2024-05')
    assert.equal(dateOf(events, 'incident'), '2024-05')
  })

  test("a crime named in the headline takes the date the article's findings give it", () => {
    const cases: readonly [string, Lang, Record<string, string>][] = [
      [
        'В Актау задержали подозреваемых в краже скота\nПо данным полиции, в октябре двое мужчин совершили кражу 12 лошадей с пастбища. Подозреваемые задержаны.',
        'ru',
        { 'в октябре': '2025-10' },
      ],
      [
        'Ақтауда мал ұрлаған топ ұсталды\nПолицейлердің мәліметінше, күдіктілер қазан айында жайылымнан 12 жылқы ұрлаған. Күдіктілер ұсталды.',
        'kk',
        { 'қазан айында': '2025-10' },
      ],
    ]
    for (const [text, lang, dates] of cases) {
      const events = findEvents(docOf(text, lang, { dates }))
      assert.equal(dateOf(events, 'incident'), '2025-10', text)
      assert.equal(dateOf(events, 'arrest'), null, text)
    }
  })

  test('the crimes of one sentence are one occurrence', () => {
    const text =
      'In December 2019 riots broke out in the town and two protesters were shot and killed.'
    const events = findEvents(docOf(text, 'en', { dates: { 'December 2019': '2019-12' } }))

    assert.deepEqual(
      events.map((e) => [e.type, e.date]),
      [['incident', '2019-12']],
    )
  })

  test('a previous conviction is background, not an event', () => {
    const events = findEvents(
      docOf('В Актобе задержан 40-летний мужчина, ранее судимый за кражу.', 'ru'),
    )

    assert.ok(!events.some((e) => e.type === 'sentence'))
    assert.ok(events.some((e) => e.type === 'arrest'))
  })
})

describe('spanOf', () => {
  test('turns one range mention into an interval', () => {
    assert.equal(spanOf('from March to April 2020', '2020-03'), '2020-03/2020-04')
    assert.equal(spanOf('2017–2019', '2017'), '2017/2019')
    assert.equal(spanOf('в 2017–2018 годах', '2017'), '2017/2018')
  })

  test('leaves single dates alone', () => {
    assert.equal(spanOf('April 5, 2025', '2025-04-05'), '2025-04-05')
    assert.equal(spanOf('в июле 2013 года', '2013-07'), '2013-07')
  })
})

describe('weekdayDate', () => {
  test('a weekday told without a date is the latest such day before the report', () => {
    const cases: readonly [string, string | null][] = [
      ['В минувшую субботу полицейские задержали мужчину.', '2025-06-07'],
      ['Өткен сенбіде Астанада ер адам ұсталды.', '2025-06-07'],
      ['Police detained a man in Astana on Saturday.', '2025-06-07'],
      ['Police detained a man on Tuesday.', '2025-06-03'],
      ['The press service reported on Monday that a man was detained.', null],
      ['Police detained a man.', null],
    ]
    for (const [text, expected] of cases)
      assert.equal(weekdayDate(text, '2025-06-10'), expected, text)
  })

  test('needs a day to count back from', () => {
    assert.equal(weekdayDate('Өткен сенбіде ер адам ұсталды.', '2025-06'), null)
    assert.equal(weekdayDate('Өткен сенбіде ер адам ұсталды.', null), null)
  })
})

describe('time on hostile input grows linearly', () => {
  // A full collection before each run: each run then starts from the same heap, and pays only
  // for the garbage it makes itself.
  setFlagsFromString('--expose-gc')
  const collectGarbage = runInNewContext('gc') as () => void

  /** Milliseconds of one run of the stage on a document. */
  function timed(doc: CrimesDoc): number {
    collectGarbage()
    const started = performance.now()
    findEvents(doc)
    return performance.now() - started
  }

  /**
   * How much longer the stage takes on `large` than on `small`. The two are timed in turns,
   * best of three each, so that a loaded machine slows both alike; times under 2 ms count as
   * 2 ms (a timer's noise is not growth).
   */
  function growth(small: CrimesDoc, large: CrimesDoc) {
    findEvents(small)
    findEvents(large)
    let t1 = Number.POSITIVE_INFINITY
    let t4 = Number.POSITIVE_INFINITY
    for (let run = 0; run < 3; run++) {
      t1 = Math.min(t1, timed(small))
      t4 = Math.min(t4, timed(large))
    }
    const ratio = t4 / Math.max(t1, 2)
    return { ratio, text: `${t1.toFixed(1)} ms → ${t4.toFixed(1)} ms (x${ratio.toFixed(1)})` }
  }

  // Each shape at a quarter of its size (n) and at its size (4n): a linear stage takes about
  // four times as long, a quadratic one sixteen. Where 4n no longer fits the processor's cache (a megabyte or two of text and
  // its lower case), or the machine stalls, the step costs more than fourfold: a shape that
  // grows by 6 or more is timed twice more, and fails only if it grows as much each time.
  const shapes: readonly [string, Lang, Record<string, string>, (scale: number) => string][] = [
    ['200 KB of one trigger word', 'en', {}, (scale) => 'detained '.repeat(5_555 * scale)],
    [
      'a number of 100,000 digits in a sentence with steps and a date',
      'en',
      { '5 May 2024': '2024-05-05' },
      (scale) =>
        `On 5 May 2024 police detained a man and seized ${'7'.repeat(25_000 * scale)} kg of heroin.`,
    ],
    [
      '50,000 times "задержан задержан"',
      'ru',
      {},
      (scale) => 'задержан задержан '.repeat(12_500 * scale),
    ],
  ]
  for (const [name, lang, dates, text] of shapes) {
    test(name, { timeout: 180_000 }, () => {
      const small = docOf(text(1), lang, { dates })
      const large = docOf(text(4), lang, { dates })
      const tries: string[] = []
      for (let attempt = 0; attempt < 3; attempt++) {
        const { ratio, text: told } = growth(small, large)
        if (ratio < 6) return
        tries.push(told)
      }
      assert.fail(`n to 4n: ${tries.join('; ')}`)
    })
  }
})
