import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Lang } from '#core/lang.ts'
import { splitSentences } from '../segment/sentences.ts'
import { findStatistics } from './find-statistics.ts'

/** (value, period) pairs found in `text`, sorted, for order-free comparison. */
function stats(text: string, lang: Lang, referenceDate: string | null): [number, string | null][] {
  return findStatistics({ content: text, sentences: splitSentences(text), lang, referenceDate })
    .map((h): [number, string | null] => [h.value, h.period])
    .sort((a, b) => a[0] - b[0])
}

const sorted = (xs: [number, string | null][]) => [...xs].sort((a, b) => a[0] - b[0])

// Press-release style paragraphs written for these tests: periods framed by a lead sentence,
// comparisons with the year before, and counted nouns of police statistics.
describe('statistics periods and counted nouns of police releases', () => {
  const cases: [string, string, Lang, string | null, [number, string | null][]][] = [
    [
      'a parenthesised comparison year belongs to its own figure only',
      'Доля раскрытых краж в 2025 году составила 38,4% (в 2024 году — 42,1%).',
      'ru',
      '2025-12-10',
      [
        [38.4, '2025'],
        [42.1, '2024'],
      ],
    ],
    [
      '"годом ранее" is the year before the framing year',
      'По итогам 9 месяцев 2025 года зарегистрировано 1 105 мошенничеств против 1 204 годом ранее.',
      'ru',
      '2025-10-15',
      [
        [1105, '2025'],
        [1204, '2024'],
      ],
    ],
    [
      '"в прошлом году" after a comparison figure',
      'В 2024 году в области выявлено 412 наркопреступлений, тогда как в прошлом году — 377.',
      'ru',
      '2025-02-01',
      [
        [377, '2023'],
        [412, '2024'],
      ],
    ],
    [
      'a lead year carried to the figures of the next paragraphs',
      'В 2025 году в области зарегистрировано снижение преступности.\n\nПоступило 5 230 обращений граждан.\n\nКоличество тяжких преступлений уменьшилось на 12,5%, зарегистрировано 640 уголовных дел.',
      'ru',
      '2026-01-20',
      [
        [-12.5, '2025'],
        [640, '2025'],
        [5230, '2025'],
      ],
    ],
    [
      'an English lead year over several sentences',
      'In 2024, police recorded 3,415 crimes in the region. Of these, 1,020 were thefts. Officers also registered 215 road accidents and 96 fugitives were detained.',
      'en',
      '2025-01-15',
      [
        [96, '2024'],
        [215, '2024'],
        [1020, '2024'],
        [3415, '2024'],
      ],
    ],
    [
      'a Kazakh year-end lead',
      '2025 жылдың қорытындысы бойынша облыста 2 340 қылмыс тіркелді. Оның ішінде 410 алаяқтық фактісі анықталды, 87 жәбірленушіге залал өтелді.',
      'kk',
      '2026-01-12',
      [
        [87, '2025'],
        [410, '2025'],
        [2340, '2025'],
      ],
    ],
    [
      'Kazakh "өткен жылы" compared with the reference year',
      'Биыл 10 айда 1 150 құқық бұзушылық тіркелді, ал өткен жылы осы кезеңде 1 320 болған.',
      'kk',
      '2025-11-05',
      [
        [1150, '2025'],
        [1320, '2024'],
      ],
    ],
    [
      'an English half-year with a decrease and a rate',
      'In the first half of 2024, the number of registered offences fell by 8.3% to 14,205, or 142 crimes per 100,000 population.',
      'en',
      '2024-07-20',
      [
        [-8.3, '2024'],
        [142, '2024'],
        [14205, '2024'],
      ],
    ],
    [
      '"a year earlier" against the framing year',
      'Police recorded 2,150 drug offences in 2023, up from 1,870 a year earlier.',
      'en',
      null,
      [
        [1870, '2022'],
        [2150, '2023'],
      ],
    ],
    [
      'Russian counted nouns: convicts, victims, wanted persons',
      'За 2025 год осуждено 1 340 лиц, установлено 2 115 потерпевших, задержано 64 разыскиваемых и 120 осуждённых за мошенничество.',
      'ru',
      '2026-01-10',
      [
        [64, '2025'],
        [120, '2025'],
        [1340, '2025'],
        [2115, '2025'],
      ],
    ],
    [
      'a quarter period with accidents and calls',
      'За первый квартал 2025 года на линию 102 поступило 18 450 звонков, зарегистрировано 312 ДТП.',
      'ru',
      '2025-04-10',
      [
        [312, '2025'],
        [18450, '2025'],
      ],
    ],
    [
      'a comparison base "прошлого года" does not date the level after it',
      'За 6 месяцев 2025 года количество зарегистрированных преступлений снизилось на 7,2% по сравнению с аналогичным периодом прошлого года и составило 10 315.',
      'ru',
      '2025-07-10',
      [
        [-7.2, '2025'],
        [10315, '2025'],
      ],
    ],
    [
      'a month period',
      'В октябре 2025 года зарегистрировано 150 краж и 42 грабежа.',
      'ru',
      '2025-11-03',
      [
        [42, '2025-10'],
        [150, '2025-10'],
      ],
    ],
    [
      'a month range is its year',
      'За январь–сентябрь 2025 года в суд направлено 2 310 уголовных дел.',
      'ru',
      '2025-10-03',
      [[2310, '2025']],
    ],
    [
      'a Kazakh 10-month period and a decrease against last year',
      '2025 жылдың 10 айында 3 450 қылмыс тіркелді, бұл өткен жылдың осы кезеңімен салыстырғанда 8,1%-ға аз.',
      'kk',
      '2025-11-10',
      [
        [-8.1, '2025'],
        [3450, '2025'],
      ],
    ],
    [
      '"compared with ... last year" dates only the comparison figure',
      'Police registered 1,230 frauds in the first nine months of 2025, compared with 1,410 in the same period last year.',
      'en',
      '2025-10-20',
      [
        [1230, '2025'],
        [1410, '2024'],
      ],
    ],
    [
      '"больше, чем в прошлом году" is the current year',
      'Зарегистрировано 789 фактов мошенничества, больше чем в прошлом году.',
      'ru',
      '2025-03-01',
      [[789, '2025']],
    ],
    [
      'a share a year earlier',
      'In 2024, 61.3% of crimes were solved, against 58.9% a year earlier.',
      'en',
      '2025-02-01',
      [
        [58.9, '2023'],
        [61.3, '2024'],
      ],
    ],
    [
      'a parenthesised comparison after a carried year',
      'С начала 2025 года зарегистрировано 640 преступлений. Зарегистрировано 1 105 мошенничеств (в 2024 году – 1 204).',
      'ru',
      '2025-10-10',
      [
        [640, '2025'],
        [1105, '2025'],
        [1204, '2024'],
      ],
    ],
    [
      'a Kazakh parenthesised comparison year',
      '2025 жылдың 10 айында облыста 1 250 қылмыс тіркелді (2024 жылы – 1 410).',
      'kk',
      '2025-11-10',
      [
        [1250, '2025'],
        [1410, '2024'],
      ],
    ],
    [
      'a month range and a comparison with the same period of an earlier year',
      'Between January and June 2025, 64 criminal groups were dismantled, compared with 51 in the same period of 2024.',
      'en',
      '2025-07-01',
      [
        [51, '2024'],
        [64, '2025'],
      ],
    ],
    [
      'Kazakh groups counted after a numeral (singular form, plural meaning)',
      '2025 жылы бопсалаумен айналысатын 160 қылмыстық топтың заңсыз әрекеттері тыйылды.',
      'kk',
      '2026-01-10',
      [[160, '2025']],
    ],
    [
      '"since January" is the year to date',
      'Since January, police have seized 1.2 tonnes of drugs in the region.',
      'en',
      '2025-10-10',
      [[1.2, '2025']],
    ],
    [
      'a lead year over one-sentence paragraphs',
      'В 2025 году в области зарегистрировано 4 310 преступлений.\n\nВ суд направлено 2 115 уголовных дел.\n\nУстановлено 1 870 потерпевших.',
      'ru',
      '2026-01-15',
      [
        [1870, '2025'],
        [2115, '2025'],
        [4310, '2025'],
      ],
    ],
    [
      'a Kazakh lead year over one-sentence paragraphs',
      '2025 жылы облыста 3 200 қылмыс тіркелді.\n\nСотқа 1 900 қылмыстық іс жолданды.\n\nІздеудегі 75 адам ұсталды.',
      'kk',
      '2026-01-15',
      [
        [75, '2025'],
        [1900, '2025'],
        [3200, '2025'],
      ],
    ],
    [
      'the base year of a comparison is not the period',
      'Last year, police registered 12,400 crimes, 8% fewer than in 2023.',
      'en',
      '2025-05-01',
      [
        [-8, '2024'],
        [12400, '2024'],
      ],
    ],
    [
      'a Kazakh rate per 100 thousand residents',
      '2024 жылы 100 мың тұрғынға шаққанда 95 қылмыс тіркелді.',
      'kk',
      '2025-05-01',
      [[95, '2024']],
    ],
    [
      'a rate and its comparison year',
      'In 2023, the crime rate stood at 142 per 100,000 people, compared to 151 in 2022.',
      'en',
      '2025-05-01',
      [
        [142, '2023'],
        [151, '2022'],
      ],
    ],
    [
      'a share with the year before in parentheses',
      'По итогам 2025 года раскрываемость составила 71,4% (годом ранее — 68,9%).',
      'ru',
      '2026-01-14',
      [
        [68.9, '2024'],
        [71.4, '2025'],
      ],
    ],
    [
      'the counted noun before a registering verb',
      'В 2025 году интернет-мошенничеств зарегистрировано 1 412, против 1 590 годом ранее.',
      'ru',
      '2026-01-14',
      [
        [1412, '2025'],
        [1590, '2024'],
      ],
    ],
    [
      'a level reached by a fall',
      'In the first half of 2024, the number of burglaries fell to 1,204, compared with 1,466 a year earlier.',
      'en',
      '2024-07-20',
      [
        [1204, '2024'],
        [1466, '2023'],
      ],
    ],
    [
      '"преступников" is a counted noun, not a modifier',
      'С начала года разыскано 176 преступников.',
      'ru',
      '2025-10-10',
      [[176, '2025']],
    ],
    [
      '"last year" next to the comparison figure only (reference date)',
      'Police registered 500 burglaries, against 620 last year.',
      'en',
      '2025-10-10',
      [
        [500, '2025'],
        [620, '2024'],
      ],
    ],
    [
      '"в прошлом году" after the comparison figure (reference date)',
      'Зарегистрировано 500 краж против 620 в прошлом году.',
      'ru',
      '2025-10-10',
      [
        [500, '2025'],
        [620, '2024'],
      ],
    ],
    [
      '"годом ранее" without a stated year (reference date)',
      'Зарегистрировано 500 краж против 620 годом ранее.',
      'ru',
      '2025-10-10',
      [
        [500, '2025'],
        [620, '2024'],
      ],
    ],
    [
      '"last year" as the period of all figures',
      'Last year 620 burglaries were registered.',
      'en',
      '2025-10-10',
      [[620, '2024']],
    ],
    [
      'a rate per 100 thousand stated before its value',
      'В 2025 году уровень преступности на 100 тыс. населения составил 512.',
      'ru',
      '2026-01-10',
      [[512, '2025']],
    ],
    [
      'a half-year abbreviation',
      'In H1 2024, the number of registered crimes was 5,400.',
      'en',
      '2024-08-01',
      [[5400, '2024']],
    ],
    [
      'a Kazakh part of the figure before ("оның 870-і")',
      'Жыл басынан бері 1 340 шағым түсті, оның 870-і қаралды.',
      'kk',
      '2025-12-10',
      [
        [870, '2025'],
        [1340, '2025'],
      ],
    ],
    [
      'victims of many schemes stay a statistic',
      'В 2024 году выявлено 12 финансовых пирамид, их жертвами стали 900 человек.',
      'ru',
      '2025-01-10',
      [
        [12, '2024'],
        [900, '2024'],
      ],
    ],
    [
      "the year after a comparison figure is not the first figure's",
      'In 2025, police recorded 4,310 crimes.\n\nThey registered 1,105 thefts against 1,204 in 2024.',
      'en',
      '2026-01-10',
      [
        [1105, '2025'],
        [1204, '2024'],
        [4310, '2025'],
      ],
    ],
    [
      'a year after two figures of one clause applies to both',
      'Prosecutors opened 312 criminal cases against 415 civil servants in the first nine months of 2023.',
      'en',
      null,
      [
        [312, '2023'],
        [415, '2023'],
      ],
    ],
    [
      'tonnes seized over a reporting period',
      'За 9 месяцев 2025 года изъято 4,2 тонны наркотиков.',
      'ru',
      '2025-10-10',
      [[4.2, '2025']],
    ],
    [
      'a noun containing "up" or "on" does not block "a year earlier"',
      'In 2024, police dismantled 64 groups, against 60 groups a year earlier.',
      'en',
      '2026-01-10',
      [
        [60, '2023'],
        [64, '2024'],
      ],
    ],
    [
      '"up from last year" compares: the figure keeps its year',
      'In 2025, police recorded 2,150 drug offences up from last year.',
      'en',
      '2026-01-10',
      [[2150, '2025']],
    ],
  ]
  for (const [name, text, lang, ref, expected] of cases) {
    it(name, () => assert.deepEqual(stats(text, lang, ref), sorted(expected)))
  }

  const single: [string, string, Lang][] = [
    [
      'the victims of one call centre',
      'В 2025 году полицейские ликвидировали колл-центр, сотрудники которого обманули 900 граждан.',
      'ru',
    ],
    [
      'the sum of one group scheme',
      'In 2024, the group laundered 7.8 billion tenge through one scheme and deceived 312 people.',
      'en',
    ],
    [
      'kilograms seized in one operation',
      'В марте 2025 года в ходе одной операции изъято 120 кг гашиша.',
      'ru',
    ],
    [
      'Kazakh single operation',
      '2025 жылы бір операция барысында 45 келі есірткі тәркіленді.',
      'kk',
    ],
    [
      'a man who deceived people',
      'В 2025 году в Алматы задержан мужчина, который обманул 34 человек.',
      'ru',
    ],
    [
      'a suspect detained in a month',
      'In March 2025 police detained a man who had defrauded 34 people.',
      'en',
    ],
    ['the size of one group', 'Преступная группа из 8 человек обманула 900 граждан.', 'ru'],
    ['the size of one chat', 'С начала года удалён чат с 957 участниками.', 'ru'],
    [
      'the damage of one group',
      'В 2024 году ущерб от деятельности группы составил 7,8 млрд тенге.',
      'ru',
    ],
    ['the investors of one pyramid', 'Жертвами пирамиды в 2024 году стали 900 вкладчиков.', 'ru'],
    ['a Kazakh demonstrative group', 'Осы топтың әрекетінен 900 адам зардап шекті.', 'kk'],
    [
      'a man of a given age',
      'In June 2024, a 41-year-old man was detained after defrauding 63 people.',
      'en',
    ],
    [
      'a resident of a given age',
      'В 2025 году задержан 32-летний житель Темиртау, обманувший 47 человек.',
      'ru',
    ],
    [
      'the victims of one scheme',
      'In 2024, a fraudulent scheme deceived 900 people across five regions.',
      'en',
    ],
    [
      'the investors of one organiser',
      'В 2024 году организатор пирамиды привлёк средства 900 вкладчиков.',
      'ru',
    ],
    [
      'kilograms seized in a given month',
      'В сентябре 2025 года пограничники изъяли 120 кг гашиша.',
      'ru',
    ],
    [
      'a seizure during a raid',
      'In March 2025, police seized 45 kg of heroin during a raid.',
      'en',
    ],
    ['a seizure during a search', 'В ходе обыска у задержанных изъято 3 кг героина.', 'ru'],
  ]
  for (const [name, text, lang] of single) {
    it(`ignores ${name}`, () => assert.deepEqual(stats(text, lang, '2025-06-01'), []))
  }

  // Counted nouns of police statistics, inflected as after a numeral, in a frame that states
  // the period and a registering verb.
  const nouns: [Lang, string, string][] = [
    [
      'ru',
      'В 2025 году зарегистрировано 317 {}.',
      'преступлений правонарушений наркопреступлений фактов лиц осуждённых осужденных потерпевших подозреваемых разыскиваемых беглецов обращений жалоб звонков вызовов ДТП аварий заявлений нарушений протоколов арестов несовершеннолетних мигрантов краж грабежей убийств мошенничеств',
    ],
    [
      'en',
      'In 2025, police registered 317 {}.',
      'crimes offences offenses cases persons people suspects convicts victims fugitives calls appeals complaints accidents arrests detentions thefts robberies frauds homicides applications minors migrants',
    ],
    [
      'kk',
      '2025 жылы облыста 317 {} тіркелді.',
      'қылмыс бұзушылық іс адам жәбірленуші сотталған күдікті факт өтініш шағым қоңырау ұрлық алаяқтық оқиғасы',
    ],
  ]
  for (const [lang, frame, words] of nouns) {
    for (const w of words.split(' ')) {
      it(`counts "317 ${w}" (${lang})`, () =>
        assert.deepEqual(stats(frame.replace('{}', w), lang, '2026-01-10'), [[317, '2025']]))
    }
  }
})
