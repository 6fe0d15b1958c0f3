import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Lang } from '#core/lang.ts'
import { splitSentences } from '../segment/sentences.ts'
import { findStatistics } from './find-statistics.ts'

/** An amount the money stage would report: [its text in the sentence, amount, currency]. */
type Amount = [string, number, string]

/** (value, period) pairs found in `text`, sorted, for order-free comparison. */
function stats(
  text: string,
  lang: Lang,
  referenceDate: string | null,
  amounts: readonly Amount[] = [],
): [number, string | null][] {
  const money = amounts.map(([s, amount, currency]) => {
    const start = text.indexOf(s)
    assert.ok(start >= 0, s)
    return { start, end: start + s.length, amount, currency }
  })
  return findStatistics({
    content: text,
    sentences: splitSentences(text),
    lang,
    referenceDate,
    money,
  })
    .map((h): [number, string | null] => [h.value, h.period])
    .sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1])))
}

const sorted = (xs: [number, string | null][]) =>
  [...xs].sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1])))

// Invented release paragraphs: relative years ("last year", "two years earlier"), comparison
// bases, changes "from A to B" and lead years that frame the figures after them.
describe('relative periods, comparison bases and lead years of statistics', () => {
  const cases: [string, string, Lang, string | null, [number, string | null][]][] = [
    [
      '"last year" ahead of a comparison year dates the first figure (en)',
      'Vehicle theft made up 12.4 per cent of all recorded crimes last year against 15.1 per cent in 2022.',
      'en',
      '2025-03-02',
      [
        [12.4, '2024'],
        [15.1, '2022'],
      ],
    ],
    [
      '"в прошлом году" ahead of a comparison year (ru)',
      'В прошлом году на кражи пришлось 33,2% всех преступлений против 36,5% в 2021 году.',
      'ru',
      '2024-02-11',
      [
        [33.2, '2023'],
        [36.5, '2021'],
      ],
    ],
    [
      '"two years earlier" goes back two years (en)',
      'In 2024, online scams made up 58.3 per cent of all fraud, compared with 44 per cent two years earlier.',
      'en',
      '2025-01-20',
      [
        [44, '2022'],
        [58.3, '2024'],
      ],
    ],
    [
      '"двумя годами ранее" goes back two years (ru)',
      'В 2025 году доля онлайн-мошенничеств составила 61%, против 49% двумя годами ранее.',
      'ru',
      '2026-01-14',
      [
        [49, '2023'],
        [61, '2025'],
      ],
    ],
    [
      'a change "to A from B": B is of the year before (en)',
      'In 2025 the police recorded fewer violent offences. Robberies fell to 318 from 402.',
      'en',
      '2026-02-01',
      [
        [318, '2025'],
        [402, '2024'],
      ],
    ],
    [
      'a change "с A до B": A is of the year before (ru)',
      'В 2025 году число разбоев в области снизилось на 8% — с 250 до 230.',
      'ru',
      '2026-01-25',
      [
        [-8, '2025'],
        [230, '2025'],
        [250, '2024'],
      ],
    ],
    [
      'the level a change reached after "by N%, to" (en)',
      'In 2025 the number of reported burglaries rose by 4.5 per cent, to 6,210.',
      'en',
      '2026-01-25',
      [
        [4.5, '2025'],
        [6210, '2025'],
      ],
    ],
    [
      'a Kazakh comparison base is no period; the bracketed figure is of the base year',
      '2025 жылдың қорытындысы бойынша облыста 830 ұрлық тіркелді. Бұл 2024 жылмен салыстырғанда 9,5 пайызға аз (917 ұрлық).',
      'kk',
      '2026-01-15',
      [
        [-9.5, '2025'],
        [830, '2025'],
        [917, '2024'],
      ],
    ],
    [
      'an undated summary page: "былтыр" is the summed-up year (kk)',
      'Облыстық полиция департаменті 2024 жылдың қорытындысын жариялады. Өңірде былтыр 1 250 алаяқтық тіркелген.',
      'kk',
      null,
      [[1250, '2024']],
    ],
    [
      'an undated summary page: "last year" is the summed-up year (en)',
      'The regional police department published the results of 2024. Last year 1,250 frauds were registered in the region.',
      'en',
      null,
      [[1250, '2024']],
    ],
    [
      'an undated page with no summary: "last year" stays open (en)',
      'Last year 1,250 frauds were registered in the region.',
      'en',
      null,
      [[1250, null]],
    ],
    [
      'a bracketed year dates its bracket only, and the lead year goes on (ru)',
      'По данным областной прокуратуры и департамента полиции, в 2025 году зарегистрировано 9 870 преступлений.\n\nГрабежей зарегистрировано 64 (в 2024 году — 71), разбоев — 12.\n\nДоля краж составила 40,2%.',
      'ru',
      '2026-02-03',
      [
        [12, '2025'],
        [40.2, '2025'],
        [64, '2025'],
        [71, '2024'],
        [9870, '2025'],
      ],
    ],
    [
      '"годом ранее" against the lead year of a release published the next year (ru)',
      'В 2025 году в области зарегистрировано 7 400 преступлений.\n\nЧисло интернет-мошенничеств выросло: 2 120 фактов против 1 840 годом ранее.',
      'ru',
      '2026-01-30',
      [
        [1840, '2024'],
        [2120, '2025'],
        [7400, '2025'],
      ],
    ],
    [
      'Kazakh "дерегі" counts cases',
      'Биыл өңірде интернет арқылы жасалған алаяқтықтың 940 дерегі тіркелген.',
      'kk',
      '2025-07-01',
      [[940, '2025']],
    ],
    [
      'a look back at an earlier year does not replace the release year (kk)',
      '2025 жылдың қорытындысы бойынша облыста 2,4 тонна есірткі тәркіленді. 2023 жылы бұл көрсеткіш 1,9 тонна болған.\n\nЕсірткі сататын 96 сайт бұғатталды.',
      'kk',
      '2026-01-20',
      [
        [1.9, '2023'],
        [2.4, '2025'],
        [96, '2025'],
      ],
    ],
    [
      'a look back at an earlier year does not replace the release year (en)',
      'In 2025, police recorded 2,410 drug crimes in the region. In 2022, they recorded 3,050 such crimes.\n\nOfficers also blocked 96 drug-selling websites.',
      'en',
      '2026-01-20',
      [
        [96, '2025'],
        [2410, '2025'],
        [3050, '2022'],
      ],
    ],
    [
      '"каждое пятое" is a share of 20 percent (ru)',
      'В 2025 году в области совершено 1 870 уличных преступлений, каждое пятое из них — в областном центре.',
      'ru',
      '2026-01-20',
      [
        [20, '2025'],
        [1870, '2025'],
      ],
    ],
    [
      '"әрбір төртінші" is a share of 25 percent (kk)',
      '2025 жылы облыста 1 870 қылмыс тіркелді, оның әрбір төртіншісі алаяқтық.',
      'kk',
      '2026-01-20',
      [
        [25, '2025'],
        [1870, '2025'],
      ],
    ],
    [
      '"их было" counts the noun of the sentence before; a year and a dash repeat it (ru)',
      'В 2025 году в области зарегистрировано 9 120 преступлений. Годом ранее их было 9 640, а в 2023 году — 10 015.\n\nДоля краж составила 35%.',
      'ru',
      '2026-02-02',
      [
        [35, '2025'],
        [9120, '2025'],
        [9640, '2024'],
        [10015, '2023'],
      ],
    ],
    [
      '"of which" counts a part of the figure before (en)',
      'Police recorded 8,140 fraud cases in 2025, of which 5,310 were committed online.',
      'en',
      '2026-01-20',
      [
        [5310, '2025'],
        [8140, '2025'],
      ],
    ],
    [
      '"из которых" counts a part of the figure before (ru)',
      'В 2025 году зарегистрировано 8 140 мошенничеств, из которых 5 310 совершены через интернет.',
      'ru',
      '2026-01-20',
      [
        [5310, '2025'],
        [8140, '2025'],
      ],
    ],
  ]
  for (const [name, text, lang, ref, expected] of cases) {
    it(name, () => assert.deepEqual(stats(text, lang, ref), sorted(expected)))
  }

  // Amounts as the money stage gives them: the statistics stage only decides which are figures.
  const moneyCases: [string, string, Lang, Amount, [number, string | null][]][] = [
    [
      "a damage estimate with no period is one case's (en)",
      'Investigators charged the founders of a trading club. The total damage is estimated at 2.3 billion tenge.',
      'en',
      ['2.3 billion tenge', 2_300_000_000, 'KZT'],
      [],
    ],
    [
      "a damage estimate with no period is one case's (ru)",
      'Следователи предъявили обвинение основателям клуба. Общий ущерб оценивается в 95 млн тенге.',
      'ru',
      ['95 млн тенге', 95_000_000, 'KZT'],
      [],
    ],
    [
      "a damage estimate with no period is one case's (kk)",
      'Тергеушілер клуб құрылтайшыларына айып тақты. Жалпы залал 95 миллион теңгеге бағаланады.',
      'kk',
      ['95 миллион теңге', 95_000_000, 'KZT'],
      [],
    ],
    [
      'a damage total of a stated year is still a figure',
      'In 2024, the total damage from online fraud was estimated at 2.3 billion tenge.',
      'en',
      ['2.3 billion tenge', 2_300_000_000, 'KZT'],
      [[2_300_000_000, '2024']],
    ],
    [
      'a total damage with no estimate stays a figure',
      'Investigators charged the founders of a trading club. The total damage amounted to 2.3 billion tenge.',
      'en',
      ['2.3 billion tenge', 2_300_000_000, 'KZT'],
      [[2_300_000_000, null]],
    ],
  ]
  for (const [name, text, lang, amount, expected] of moneyCases) {
    it(name, () => assert.deepEqual(stats(text, lang, '2025-05-01', [amount]), sorted(expected)))
  }

  const singleCases: [string, string, Lang, [number, string | null][]][] = [
    [
      'the few people and kilograms of one arrest (en)',
      'In 2024, police in Taraz detained 3 suspects and seized 2 kg of hashish from their car.',
      'en',
      [],
    ],
    [
      'the few people and kilograms of one arrest (ru)',
      'В 2025 году полицейские Тараза задержали 3 подозреваемых, у них изъяли 2 кг гашиша.',
      'ru',
      [],
    ],
    [
      'the few people and kilograms of one arrest (kk)',
      '2025 жылы Тараз полициясы 3 күдіктіні ұстап, 2 келі гашиш тәркіледі.',
      'kk',
      [],
    ],
    [
      'a year of arrests and seizures stays a set of figures',
      'In 2024, police in the region detained 1,240 suspects and seized 4.3 tonnes of drugs.',
      'en',
      [
        [4.3, '2024'],
        [1240, '2024'],
      ],
    ],
    [
      'a total of a few arrests over a year stays a figure',
      'В 2025 году всего задержаны 7 подозреваемых, изъято 3 кг героина.',
      'ru',
      [
        [3, '2025'],
        [7, '2025'],
      ],
    ],
    [
      "one actor's victims are no statistic (en)",
      'Last year the fraudster deceived 14 people in Aktobe.',
      'en',
      [],
    ],
    [
      "one actor's victims are no statistic (ru)",
      'В прошлом году мошенник обманул 14 человек в Актобе.',
      'ru',
      [],
    ],
    [
      "one actor's victims are no statistic (kk)",
      'Былтыр алаяқ Ақтөбеде 14 адамды алдаған.',
      'kk',
      [],
    ],
    [
      'many fraudsters over a year are a figure (ru)',
      'В прошлом году мошенники обманули 1 400 человек в Актобе.',
      'ru',
      [[1400, '2024']],
    ],
  ]
  for (const [name, text, lang, expected] of singleCases) {
    it(name, () => assert.deepEqual(stats(text, lang, '2025-06-01'), sorted(expected)))
  }
})
