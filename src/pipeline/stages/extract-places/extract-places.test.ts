import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { SegmentedDoc } from '#core/document.ts'
import type { Location } from '#core/facts.ts'
import { extractPlaces, findPlaces } from './extract-places.ts'

function find(text: string, name: string): Location | undefined {
  return findPlaces(text).find((l) => l.name === name)
}

function names(text: string): string[] {
  return findPlaces(text).map((l) => `${l.kind}:${l.name}`)
}

describe('findPlaces: surface forms to canonical name and kind', () => {
  const cases: readonly [string, string, string, string][] = [
    // [text, expected name, kind, placeId]
    ['Police in Almaty detained a man.', 'Almaty', 'city', 'KZ-ALA'],
    ['The suspect was detained in Almaty region.', 'Almaty region', 'region', 'KZ-ALM'],
    ['Officers of the Mangistau Region police department', 'Mangistau Region', 'region', 'KZ-MAN'],
    ['in the Aktyubinsk oblast of Kazakhstan', 'Aktyubinsk oblast', 'region', 'KZ-AKT'],
    ['He was detained in Karasay District on Monday.', 'Karasay District', 'district', 'KZ-KAR-D'],
    ['a resident of the city of Oral', 'Oral', 'city', 'KZ-URA'],
    ['Полиция Шымкента задержала подозреваемого.', 'Шымкент', 'city', 'KZ-SHY'],
    ['В Актюбинской области возбуждено дело.', 'Актюбинская область', 'region', 'KZ-AKT'],
    ['жители области Улытау', 'область Улытау', 'region', 'KZ-ULT'],
    ['Прокуратура ЗКО сообщила', 'ЗКО', 'region', 'KZ-ZAP'],
    ['в Карасайском районе Алматинской области', 'Карасайский район', 'district', 'KZ-KAR-D'],
    ['Задержан житель Астаны.', 'Астана', 'city', 'KZ-AST'],
    ['Алматыда тұратын азамат ұсталды.', 'Алматы', 'city', 'KZ-ALA'],
    ['Шымкентке бара жатқан пойыз', 'Шымкент', 'city', 'KZ-SHY'],
    ['Ақтөбеде полиция рейд өткізді.', 'Ақтөбе', 'city', 'KZ-AKT-C'],
    ['Түркістан облысының полиция департаменті', 'Түркістан облысы', 'region', 'KZ-TUR'],
    ['ШҚО-да алаяқтар ұсталды', 'ШҚО', 'region', 'KZ-VOS'],
    ['Ресейге қашып кеткен', 'Ресей', 'country', 'RU'],
    ['Kazakhstan’s border guards detained him', 'Kazakhstan', 'country', 'KZ'],
    ['a court in the Republic of Uzbekistan', 'Republic of Uzbekistan', 'country', 'UZ'],
    ['в Объединённых Арабских Эмиратах', 'Объединённые Арабские Эмираты', 'country', 'AE'],
  ]
  for (const [text, name, kind, placeId] of cases) {
    test(`${text} → ${name}`, () => {
      const loc = find(text, name)
      assert.ok(loc, `expected ${name} in ${JSON.stringify(names(text))}`)
      assert.equal(loc.kind, kind)
      assert.equal(loc.placeId, placeId)
    })
  }
})

describe('findPlaces: historical names and spellings', () => {
  const cases: readonly [string, string][] = [
    ['He fled from Nur-Sultan to Moscow.', 'KZ-AST'],
    ['born in Alma-Ata in 1975', 'KZ-ALA'],
    ['the Chimkent city police', 'KZ-SHY'],
    ['a plant in Ust-Kamenogorsk', 'KZ-UKA'],
    ['the Qaraghandy prison', 'KZ-KAR-C'],
    ['в Семипалатинске', 'KZ-SEM-C'],
    ['в Капшагае задержали', 'KZ-KON'],
    ['Öskemen police', 'KZ-UKA'],
  ]
  for (const [text, placeId] of cases) {
    test(text, () => {
      assert.ok(
        findPlaces(text).some((l) => l.placeId === placeId),
        `expected ${placeId} in ${JSON.stringify(names(text))}`,
      )
    })
  }

  test('clearly different names of one place stay apart; spellings merge', () => {
    const places = findPlaces('Prisons at Zhambyl and in Taraz. Байконыр и Байконуре.')
    assert.deepEqual(
      places.map((l) => l.name),
      ['Zhambyl', 'Taraz', 'Байконыр'],
    )
    assert.deepEqual(places[2]?.variants, ['Байконуре'])
  })
})

describe('findPlaces: Russian and Kazakh case forms', () => {
  const cases: readonly [string, string, string][] = [
    [
      'Задержан в Астане, доставлен из Астаны, направлен в Астану.',
      'Астана',
      'Астане|Астаны|Астану',
    ],
    ['в Шымкенте, из Шымкента, за Шымкентом', 'Шымкент', 'Шымкенте|Шымкента|Шымкентом'],
    ['в Костанае, из Костаная', 'Костанай', 'Костанае|Костаная'],
    ['в Кызылорде и Кызылорды', 'Кызылорда', 'Кызылорде|Кызылорды'],
    ['из России, в Россию', 'Россия', 'России|Россию'],
    ['Астанадан Алматыға', 'Астана', 'Астанадан'],
    [
      'Қазақстанның, Қазақстанда, Қазақстаннан',
      'Қазақстан',
      'Қазақстанның|Қазақстанда|Қазақстаннан',
    ],
    [
      'Алматы облысында және Алматы облысындағы',
      'Алматы облысы',
      'Алматы облысында|Алматы облысындағы',
    ],
  ]
  for (const [text, name, variants] of cases) {
    test(text, () => {
      const loc = find(text, name)
      assert.ok(loc, `expected ${name} in ${JSON.stringify(names(text))}`)
      assert.deepEqual([...loc.variants].sort(), variants.split('|').sort())
    })
  }

  test('Алматы is indeclinable and never loses its ending', () => {
    assert.deepEqual(names('Жители Алматы и гости Алматы'), ['city:Алматы'])
  })
})

describe('findPlaces: lists share their generic word', () => {
  const cases: readonly [string, string[]][] = [
    [
      'raids in Almaty, Turkestan and Zhambyl regions',
      ['region:Almaty region', 'region:Turkestan region', 'region:Zhambyl region'],
    ],
    [
      'в Актюбинской, Атырауской и Мангистауской областях',
      ['region:Актюбинская область', 'region:Атырауская область', 'region:Мангистауская область'],
    ],
    ['Алматы және Жамбыл облыстарында', ['region:Алматы облысы', 'region:Жамбыл облысы']],
    ['Карасайский и Илийский районы', ['district:Карасайский район', 'district:Илийский район']],
  ]
  for (const [text, expected] of cases) {
    test(text, () => assert.deepEqual(names(text), expected))
  }

  test('a plural generic before the list reaches forward', () => {
    assert.deepEqual(names('in the regions of Almaty and Zhambyl'), [
      'region:Almaty region',
      'region:Zhambyl region',
    ])
  })

  test('a list with a bare region reads its ambiguous names as regions', () => {
    assert.deepEqual(names('higher in Pavlodar, North Kazakhstan and Aqmola'), [
      'region:Pavlodar',
      'region:North Kazakhstan',
      'region:Aqmola',
    ])
  })

  test('a city and a region of one name are two entries', () => {
    assert.deepEqual(names('Almaty police said the Almaty region is calm.'), [
      'city:Almaty',
      'region:Almaty region',
    ])
  })

  test('a list is not a region list when it has no region in it', () => {
    assert.deepEqual(names('detentions in Nur-Sultan, Almaty and Turkestan regions'), [
      'city:Nur-Sultan',
      'region:Almaty region',
      'region:Turkestan region',
    ])
  })
})

describe('findPlaces: the name follows the language of the generic word', () => {
  const cases: readonly [string, string][] = [
    ['Абай облысы Семей қаласы', 'Абай облысы'],
    ['в области Жетісу', 'область Жетісу'],
    ['the Abai region police', 'Abai region'],
  ]
  for (const [text, name] of cases) {
    test(text, () => assert.ok(find(text, name), JSON.stringify(names(text))))
  }
})

describe('findPlaces: places missing from the gazetteer', () => {
  const cases: readonly [string, string, string][] = [
    ['in the Zaamin District of Jizzakh', 'Zaamin District', 'district'],
    ['was detained in the province of Nuoro (Italy)', 'province of Nuoro', 'region'],
    ['в Шардаринском районе', 'Шардаринский район', 'district'],
    ['в Свердловской области и Пермском крае', 'Пермский край', 'region'],
    ['в г. Степногорске', 'Степногорск', 'city'],
    ['жители села Кошкарата', 'Кошкарата', 'city'],
    ['Бәйтерек ауданында', 'Бәйтерек ауданы', 'district'],
    ['at the checkpoint Kordai Auto', 'Kordai Auto', 'site'],
    ['отбывал срок в ИК-12', 'ИК-12', 'site'],
    ['Шу станциясынан шыққан', 'Шу станциясы', 'site'],
    // Rural districts are districts, named in full.
    ['житель Аксуского сельского округа', 'Аксуский сельский округ', 'district'],
    ['в Каменском сельском округе', 'Каменский сельский округ', 'district'],
    ['Бескөл ауылдық округінде тұратын', 'Бескөл ауылдық округі', 'district'],
    ['a farmer from Baiterek rural district', 'Baiterek rural district', 'district'],
    // A street's namesake keeps its title or number.
    ['кафе на проспекте Абылай хана', 'проспект Абылай хана', 'site'],
    ['на улице Райымбек батыра', 'улица Райымбек батыра', 'site'],
    ['по ул. Төле би', 'улица Төле би', 'site'],
    ['дом на улице 9 Мая', 'улица 9 Мая', 'site'],
    ['Қазыбек би көшесінде', 'Қазыбек би көшесі', 'site'],
    ['по улице Жандосова', 'улица Жандосова', 'site'],
    // Towns and border crossings of the region.
    ['был задержан в Подольске', 'Подольск', 'city'],
    ['через Торугарт в Китай', 'Торугарт', 'city'],
    ['Irkeshtam is the main crossing', 'Irkeshtam', 'city'],
  ]
  for (const [text, name, kind] of cases) {
    test(text, () => {
      const loc = find(text, name)
      assert.ok(loc, `expected ${name} in ${JSON.stringify(names(text))}`)
      assert.equal(loc.kind, kind)
    })
  }

  test('a town inside a station name is part of the site', () => {
    assert.deepEqual(names('Шу станциясынан'), ['site:Шу станциясы'])
  })
})

describe('findPlaces: exclusions', () => {
  const cases: readonly string[] = [
    'Drug routes across Central Asia and Europe.',
    'in southern Kazakhstani towns',
    'Kazakh and Uzbek police cooperated',
    'казахстанские и узбекские полицейские',
    'the Asia-Pacific region',
    'Jordan Henderson scored twice.',
    'a bribe of 5,000 US dollars',
    'the Shanghai Cooperation Organization',
    'МВД РК сообщило',
    'по статье 190 Уголовного кодекса Республики Казахстан',
    'улица имени Сатпаева',
    'the former Soviet Union and the CIS',
    'Страны СНГ и Средней Азии',
    // A country inside a currency is no mention of the country.
    'взятка в размере 3 тысяч долларов США',
    'ущерб составил 40 тыс. долл. США',
    '10 мың АҚШ доллары көлемінде пара',
    'a fine of 2,000 USA dollars',
  ]
  for (const text of cases) {
    test(text, () => {
      const found = findPlaces(text).filter((l) => l.kind !== 'site')
      assert.deepEqual(
        found.map((l) => l.name),
        [],
      )
    })
  }

  test('a weak abbreviation joins a country named elsewhere', () => {
    const kz = find('МВД РК сообщило, что в Казахстане', 'Казахстан')
    assert.deepEqual(kz?.variants, ['РК', 'Казахстане'])
  })

  test('requires a capital letter: common nouns are not places', () => {
    assert.deepEqual(names('a turkey, some china, орёл и орла'), [])
  })
})

describe('extractPlaces stage', () => {
  const base: SegmentedDoc = {
    id: 't',
    source: 't.txt',
    url: null,
    format: 'text',
    raw: '',
    published: null,
    text: 'Photo: Astana. Police in Shymkent detained him.',
    title: null,
    lang: 'en',
    langConfidence: 1,
    boilerplate: [{ start: 0, end: 14, kind: 'caption' }],
    content: `${' '.repeat(14)} Police in Shymkent detained him.`,
    articles: [{ start: 0, end: 47, title: null, titleSpan: null }],
    sentences: [],
    referenceDate: null,
  }

  test('reads content only, keeps spans into the text and records provenance', async () => {
    const out = await extractPlaces().run(base, {
      signal: new AbortController().signal,
      report() {},
    })
    assert.deepEqual(
      out.locations.map((l) => l.name),
      ['Shymkent'],
    )
    const m = out.locations[0]!.mentions[0]!
    assert.equal(base.text.slice(m.start, m.end), 'Shymkent')
    assert.deepEqual(out.locations[0]!.provenance, { stage: 'extract-places', version: 2 })
    assert.equal(out.locations[0]!.iso3166_2, 'KZ-79')
  })

  test('never throws on odd text', () => {
    const odd = [
      '',
      ' ',
      'г.',
      'области',
      'region of',
      'city of',
      '«»',
      '«Алматы',
      "'s",
      'U.S.',
      '\ud800',
      'ИК-',
      'Almaty,',
      'и и и',
      ', and regions',
    ]
    for (const text of odd) assert.doesNotThrow(() => findPlaces(text), JSON.stringify(text))
  })

  test('stays fast on long hostile input', () => {
    const chunks = [
      '1234567890 '.repeat(3000),
      'Almaty, '.repeat(4000),
      'А'.repeat(20000),
      'Область области районе '.repeat(1500),
      'Ақтөбе облысы, '.repeat(2000),
      '(((( '.repeat(4000),
      'ИК-1 Шу станциясы, '.repeat(1000),
      Array.from({ length: 1500 }, (_, i) => `Zx${i} region and`).join(' '),
    ]
    const text = chunks.join('\n')
    // Two runs, the faster counts: the first one pays for compiling the code paths.
    let ms = Number.POSITIVE_INFINITY
    let found = 0
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now()
      found = findPlaces(text).length
      ms = Math.min(ms, performance.now() - t0)
    }
    assert.ok(found > 0)
    // About 200 KB: a linear pass takes tens of milliseconds; the bound leaves room for a
    // loaded shared machine but catches anything super-linear.
    assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms for ${text.length} chars`)
  })
})
