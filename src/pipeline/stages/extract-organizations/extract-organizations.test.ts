import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Organization } from '#core/facts.ts'
import type { Lang } from '#core/lang.ts'
import { findOrganizations } from './extract-organizations.ts'

function find(text: string, lang: Lang): Organization[] {
  return findOrganizations(text, lang)
}

function byName(orgs: readonly Organization[], name: string): Organization | undefined {
  return orgs.find((o) => o.name === name)
}

describe('findOrganizations: names, kinds and countries', () => {
  const cases: [Lang, string, string, string, string | null][] = [
    // lang, text, expected name, kind, country
    [
      'en',
      'Almaty police detained a Russian citizen on Monday.',
      'Almaty police',
      'law_enforcement',
      'KZ',
    ],
    [
      'en',
      'The Prosecutor General’s Office of Kazakhstan has opened a case.',
      'Prosecutor General’s Office of Kazakhstan',
      'prosecutor',
      'KZ',
    ],
    [
      'en',
      'He was detained by the State Committee for National Security of the Kyrgyz Republic.',
      'State Committee for National Security of the Kyrgyz Republic',
      'security_service',
      'KG',
    ],
    [
      'en',
      'The Karasai District Court sentenced six officers to prison.',
      'Karasai District Court',
      'court',
      'KZ',
    ],
    [
      'en',
      'The case was sent by the Turkestan regional prosecutor’s office.',
      'Turkestan regional prosecutor’s office',
      'prosecutor',
      'KZ',
    ],
    ['en', 'He was put on the Interpol wanted list.', 'Interpol', 'international', null],
    ['en', 'The money was moved through Halyk Bank accounts.', 'Halyk Bank', 'company', 'KZ'],
    [
      'en',
      'Ukrainian police said the call centre was shut.',
      'Ukrainian police',
      'law_enforcement',
      'UA',
    ],
    ['en', 'According to Orda.kz, the suspect fled.', 'Orda.kz', 'media', 'KZ'],
    [
      'ru',
      'Его задержали сотрудники управления полиции Степногорска.',
      'управление полиции Степногорска',
      'law_enforcement',
      'KZ',
    ],
    [
      'ru',
      'Дело рассматривалось в Мангистауском областном суде.',
      'Мангистауский областной суд',
      'court',
      'KZ',
    ],
    [
      'ru',
      'Приговор вынесен специализированным межрайонным судом по уголовным делам города Алматы.',
      'специализированный межрайонный суд по уголовным делам города Алматы',
      'court',
      'KZ',
    ],
    ['ru', 'Об этом сообщили в Генпрокуратуре.', 'Генпрокуратура', 'prosecutor', 'KZ'],
    [
      'ru',
      'Схему раскрыли в Агентстве по финансовому мониторингу (АФМ).',
      'Агентство по финансовому мониторингу (АФМ)',
      'law_enforcement',
      'KZ',
    ],
    ['ru', 'Операцию провели сотрудники ФСБ России.', 'ФСБ России', 'security_service', 'RU'],
    ['ru', 'Подрядчиком выступало ТОО «Строй-Сервис».', 'ТОО «Строй-Сервис»', 'company', 'KZ'],
    ['ru', 'Задержаны лидеры ОПГ «Карамурт».', 'ОПГ «Карамурт»', 'criminal_group', 'KZ'],
    [
      'ru',
      'Как сообщает ДП г. Алматы, подозреваемый задержан.',
      'ДП г. Алматы',
      'law_enforcement',
      'KZ',
    ],
    [
      'kk',
      'Бұл туралы Ішкі істер министрлігінде хабарлады.',
      'Ішкі істер министрлігі',
      'law_enforcement',
      'KZ',
    ],
    ['kk', 'Іс Алматы қалалық сотына жолданды.', 'Алматы қалалық соты', 'court', 'KZ'],
    [
      'kk',
      'Түркістан облысы полиция департаментінің қызметкерлері күдіктіні ұстады.',
      'Түркістан облысы полиция департаменті',
      'law_enforcement',
      'KZ',
    ],
    [
      'kk',
      'Есірткіні Көлік полициясының қызметкерлері тапты.',
      'Көлік полициясы',
      'law_enforcement',
      'KZ',
    ],
    [
      'kk',
      'Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі мәлімдеді.',
      'Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі',
      'law_enforcement',
      'KZ',
    ],
    // A court named by its type or its number is one body, place or no place.
    [
      'en',
      'The specialised inter-district administrative court upheld the fine.',
      'specialised inter-district administrative court',
      'court',
      'KZ',
    ],
    [
      'en',
      'Court No. 3 of Yesil district of Astana sentenced the driver.',
      'Court No. 3 of Yesil district of Astana',
      'court',
      'KZ',
    ],
    ['en', 'The Taraz City Court No. 1 heard the appeal.', 'Taraz City Court No. 1', 'court', 'KZ'],
    [
      'ru',
      'Приговор вынес районный суд №3 Бостандыкского района.',
      'районный суд №3 Бостандыкского района',
      'court',
      'KZ',
    ],
    ['kk', 'Қостанай қалалық №1 сотының үкімі', 'Қостанай қалалық №1 соты', 'court', 'KZ'],
    // A prosecutor's office named by its level stands for the document's region.
    [
      'en',
      'The regional prosecutor’s office appealed the verdict.',
      'regional prosecutor’s office',
      'prosecutor',
      'KZ',
    ],
    [
      'ru',
      'Городская прокуратура внесла протест на приговор.',
      'Городская прокуратура',
      'prosecutor',
      'KZ',
    ],
    // Customs posts and agencies "under the President".
    [
      'en',
      'Officers of the Naryn customs post seized the cargo.',
      'Naryn customs post',
      'government',
      'KG',
    ],
    [
      'ru',
      'Сотрудники таможенного поста «Нур Жолы» обнаружили тайник.',
      'таможенный пост «Нур Жолы»',
      'government',
      'KZ',
    ],
    [
      'en',
      'The Agency for State Financial Control under the President of the Republic of Tajikistan audited it.',
      'Agency for State Financial Control under the President of the Republic of Tajikistan',
      'government',
      'TJ',
    ],
    [
      'ru',
      'Агентство по контролю за наркотиками при Президенте Республики Таджикистан изъяло героин.',
      'Агентство по контролю за наркотиками при Президенте Республики Таджикистан',
      'law_enforcement',
      'TJ',
    ],
    // Companies named by a cue word or a company noun.
    ['en', 'Funds were wired to Steppe Capital accounts.', 'Steppe Capital', 'company', 'KZ'],
    ['kk', '«Шұғыла» компаниясының басшысы ұсталды.', 'Шұғыла', 'company', 'KZ'],
  ]
  for (const [lang, text, name, kind, country] of cases) {
    test(`${lang}: ${name}`, () => {
      const orgs = find(text, lang)
      const org = byName(orgs, name)
      assert.ok(org, `expected ${name}, got ${orgs.map((o) => o.name).join('; ')}`)
      assert.equal(org.kind, kind)
      assert.equal(org.country, country)
    })
  }
})

describe('findOrganizations: one entry per body', () => {
  test('inflected and abbreviated mentions join the full name', () => {
    const text =
      'Как сообщили в пресс-службе Департамента полиции Карагандинской области, женщину задержали. ' +
      'По данным ДП области, ущерб превысил 2 млн тенге. В Департаменте полиции Карагандинской области добавили детали.'
    const orgs = find(text, 'ru')
    const dp = byName(orgs, 'Департамент полиции Карагандинской области')
    assert.ok(dp)
    assert.ok(dp.variants.includes('ДП области'))
    assert.ok(dp.variants.includes('Департаменте полиции Карагандинской области'))
    assert.ok(byName(orgs, 'пресс-служба Департамента полиции Карагандинской области'))
    assert.equal(orgs.length, 2)
  })

  test('a named sub-unit and its parent are two bodies', () => {
    const orgs = find('The anti-extremism department of the Almaty police detained him.', 'en')
    assert.deepEqual(orgs.map((o) => o.name).sort(), [
      'Almaty police',
      'anti-extremism department of the Almaty police',
    ])
  })

  test('the same ministry of two countries is two bodies', () => {
    const orgs = find(
      'МВД Казахстана и МВД России провели совместную операцию. МВД сообщило о задержании.',
      'ru',
    )
    assert.deepEqual(orgs.map((o) => `${o.name}/${o.country}`).sort(), [
      'МВД Казахстана/KZ',
      'МВД России/RU',
    ])
  })

  test('a short form without the leading qualifier is the same body', () => {
    const orgs = find(
      'The State Tax Service of Uzbekistan opened a case. The Tax Service of Uzbekistan said more.',
      'en',
    )
    assert.deepEqual(
      orgs.map((o) => [o.name, o.variants]),
      [['State Tax Service of Uzbekistan', ['Tax Service of Uzbekistan']]],
    )
  })

  test('a Russian full name with its qualifier absorbs the short name', () => {
    const orgs = find(
      'Таможенная служба Узбекистана передала данные. Сотрудники Государственной таможенной службы Узбекистана задержали груз.',
      'ru',
    )
    assert.equal(orgs.length, 1)
    assert.equal(orgs[0]?.name, 'Государственная таможенная служба Узбекистана')
    assert.equal(orgs[0]?.country, 'UZ')
  })

  test('English forms of one agency are one body with variants', () => {
    const text =
      'The Ministry of Internal Affairs (MVD) said the Interior Ministry would review the case. MVD officers declined to comment.'
    const orgs = find(text, 'en')
    assert.equal(orgs.length, 1)
    assert.equal(orgs[0]?.orgId, 'mia')
  })
})

describe('findOrganizations: reconstructed and derived names', () => {
  test('a plural head over a list gives one body per item', () => {
    const orgs = find('Вовлечены руководители районных отделов финансов и ЖКХ.', 'ru')
    assert.deepEqual(orgs.map((o) => o.name).sort(), [
      'районный отдел ЖКХ',
      'районный отдел финансов',
    ])
  })

  test('a regional branch of a known body is a body of its own', () => {
    const orgs = find(
      'Антикоррупционная служба по Алматинской области задержала акима. Антикор сообщил о деле.',
      'ru',
    )
    assert.deepEqual(orgs.map((o) => o.name).sort(), [
      'Антикор',
      'Антикоррупционная служба по Алматинской области',
    ])
  })

  test('a Kazakh head without a possessive keeps its bare form', () => {
    const orgs = find('Іс аудандық сотқа жолданды.', 'kk')
    assert.deepEqual(
      orgs.map((o) => o.name),
      ['аудандық сот'],
    )
  })

  test("an owner's press service is named through its owner", () => {
    const orgs = find(
      "According to the Migration Service of the Kazakh Interior Ministry's press service, he left.",
      'en',
    )
    assert.ok(byName(orgs, "Migration Service of the Kazakh Interior Ministry's press service"))
    assert.ok(byName(orgs, 'Kazakh Interior Ministry'))
  })

  test('"police in X" and "X police department" are one body', () => {
    const orgs = find(
      'Police in Karaganda detained him. The Karaganda Region Police Department said he was wanted.',
      'en',
    )
    assert.equal(orgs.length, 1)
    assert.equal(orgs[0]?.name, 'Karaganda Region Police Department')
  })

  test('abbreviated units with their place', () => {
    const orgs = find('Дело рассмотрел СМУС г. Алматы, а ОП Ауэзовского района задержал его.', 'ru')
    assert.deepEqual(orgs.map((o) => `${o.name}/${o.kind}`).sort(), [
      'ОП Ауэзовского района/law_enforcement',
      'СМУС г. Алматы/court',
    ])
  })

  test('a Title Case headline yields known bodies only', () => {
    const orgs = find('Ukrainian Police Bust Call Center That Scammed Kazakhstan Citizens\n', 'en')
    assert.deepEqual(
      orgs.map((o) => o.name),
      ['Ukrainian Police'],
    )
  })
})

describe('findOrganizations: Central Asian forms', () => {
  const cases: [Lang, string, string[]][] = [
    [
      'ru',
      'Дело рассматривалось в Мангистауском областном суде. Мангистауский областной суд отменил приговор.',
      ['Мангистауский областной суд'],
    ],
    [
      'ru',
      'Бишкекский горсуд оставил приговор в силе, сообщила мэрия Бишкека.',
      ['Бишкекский горсуд', 'мэрия Бишкека'],
    ],
    [
      'ru',
      'Сотрудники ГКНБ Таджикистана и МВД Кыргызстана задержали его.',
      ['ГКНБ Таджикистана', 'МВД Кыргызстана'],
    ],
    ['kk', 'Алматы облысы ПД хабарлады.', ['Алматы облысы ПД']],
    [
      'en',
      'The Islamic State and Hizb ut-Tahrir are banned in Kazakhstan.',
      ['Islamic State', 'Hizb ut-Tahrir'],
    ],
  ]
  for (const [lang, text, names] of cases) {
    test(`${lang}: ${names.join(', ')}`, () => {
      assert.deepEqual(
        find(text, lang)
          .map((o) => o.name)
          .sort(),
        [...names].sort(),
      )
    })
  }

  test('a place found inside a name gives its country; the first place listed wins', () => {
    const text = 'Сотрудники Департамента полиции Жамбылской области задержали его.'
    const start = text.indexOf('Жамбылской')
    const region = { start, end: start + 'Жамбылской области'.length, text: 'Жамбылской области' }
    const word = { start, end: start + 10, text: 'Жамбылской' }
    const elsewhere = { start: 0, end: 10, text: 'Сотрудники' }
    const country = (places: { country: string; mentions: (typeof word)[] }[]) =>
      findOrganizations(text, 'ru', places).map((o) => o.country)
    // Deliberately not KZ: the hint must win over the name's own words.
    assert.deepEqual(country([{ country: 'KG', mentions: [region] }]), ['KG'])
    assert.deepEqual(
      country([
        { country: 'UZ', mentions: [elsewhere, word] },
        { country: 'KG', mentions: [region] },
      ]),
      ['UZ'],
    )
    assert.deepEqual(country([{ country: 'UZ', mentions: [elsewhere] }]), ['KZ'])
  })

  test('countries come from qualifiers', () => {
    const orgs = find('Сотрудники ГКНБ Таджикистана и МВД Кыргызстана задержали его.', 'ru')
    assert.deepEqual(orgs.map((o) => o.country).sort(), ['KG', 'TJ'])
  })
})

describe('findOrganizations: what is not a body', () => {
  const cases: [Lang, string][] = [
    ['en', 'A French court refused the request, and an Almaty court later agreed.'],
    ['en', 'Border guards stopped the car near the crossing.'],
    ['en', 'The videos were posted on YouTube, Telegram, WhatsApp, TikTok and Instagram.'],
    ['en', 'NGOs and LGBT groups criticised the new law.'],
    ['en', 'He was held at the Karatau district police station overnight.'],
    ['ru', 'Суд приговорил его к пяти годам, отдел полиции не комментирует.'],
    ['ru', 'Ролики распространялись в Telegram и WhatsApp.'],
    ['kk', 'Күдікті сотталды, қызметкерлері оны ұстады.'],
    ['kk', 'Ол мемлекеттік қызметке 2010 жылы тұрды.'],
    ['ru', 'Алматинский суд арестовал его, сотрудники полиции провели обыск.'],
    ['en', 'He served as General of the Police of the Russian Federation.'],
    ['en', 'A Shymkent city court and an inter-district court both refused.'],
    ['en', 'Astana became the Capital of Kazakhstan in 1997.'],
    ['en', 'He was charged under the Criminal Code and wrote for the Washington Post.'],
    ['ru', 'Один из судов Алматы рассмотрит дело.'],
  ]
  for (const [lang, text] of cases) {
    test(`${lang}: ${text}`, () => {
      assert.deepEqual(
        find(text, lang).map((o) => o.name),
        [],
      )
    })
  }
})

describe('findOrganizations: hostile input', () => {
  const inputs: [string, Lang][] = [
    ['1234567890 '.repeat(20_000), 'en'],
    ['Police Police Department of of the '.repeat(6_000), 'en'],
    ['департамента полиции по борьбе с '.repeat(6_000), 'ru'],
    ['«««« ТОО «'.repeat(20_000), 'ru'],
    ['полиция департаментінің басқармасы '.repeat(6_000), 'kk'],
    ['a.b.c.d.e.f.g.h.i.j.kz'.repeat(10_000), 'en'],
  ]
  for (const [text, lang] of inputs) {
    test(`${lang}: ${text.slice(0, 24)}… (${text.length} chars) stays fast`, () => {
      const t0 = performance.now()
      find(text, lang)
      const ms = performance.now() - t0
      assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`)
    })
  }
})
