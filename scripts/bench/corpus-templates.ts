/**
 * Sentence templates and slot fillers for the benchmark corpus: invented press-release prose
 * in English, Russian and Kazakh. Every name, place pairing and figure is made up; the point is
 * text that exercises every extractor (names, bodies, places, money, dates, crimes, events,
 * statistics) at a realistic density.
 *
 * `{slot}` markers are filled by `scripts/bench/generate-corpus.ts`.
 */
import type { Lang } from '#core/lang.ts'

/** Slot fillers shared by the templates of one language. */
export interface LangTemplates {
  readonly headlines: readonly string[]
  readonly paragraphs: readonly string[]
  readonly slots: Readonly<Record<string, readonly string[]>>
}

const EN: LangTemplates = {
  headlines: [
    'Police in {city} detain suspect in {crime} case',
    '{person} extradited to Kazakhstan from {country}',
    'Court in {city} sentences {person} to {years} years',
    'Former official wanted for {crime} detained in {country}',
    '{agency} uncovers {crime} scheme worth {amountKzt} tenge',
  ],
  paragraphs: [
    '{city}, {day} {monthEn} {year} — Officers of the {agency} have detained a {age}-year-old resident of {city}, {person}, on suspicion of {crime}. According to investigators, the damage exceeds {amountKzt} tenge.',
    'The suspect was detained on {day} {monthEn} at a rented flat in {city2}. Officers seized {count} bank cards, two laptops and {amountUsd} US dollars in cash. A criminal case has been opened under Article {article} of the Criminal Code.',
    '{person} had been on the international wanted list through Interpol since {year0}. He was detained in {country} and handed over to Kazakhstan under the treaty on mutual legal assistance.',
    'The court in {city} found {person} guilty of {crime} and sentenced him to {years} years in prison with confiscation of property. He must also pay a fine of {amountKzt} tenge.',
    'According to the {agency}, {count} crimes of this kind were registered in {region} in {year0}, {pct} percent more than a year earlier. Losses reached {amountKzt} tenge, of which {amountKzt2} tenge has been returned to victims.',
    'Police seized {kg} kilograms of {drug} worth about {amountKzt} tenge on the black market. The detainees, aged {age} and {age2}, planned to sell the drugs in {city2}.',
    '"We urge residents not to transfer money to strangers and to check any offer of quick profit," said police spokesman {person2}. Investigators believe there may be more victims.',
    'Searches were carried out at the homes of the suspects; investigators seized documents, {amountUsd} dollars and {amountRub} rubles in cash. The {agency} said the investigation is continuing.',
  ],
  slots: {
    city: [
      'Almaty',
      'Astana',
      'Shymkent',
      'Karaganda',
      'Aktobe',
      'Taraz',
      'Pavlodar',
      'Oskemen',
      'Atyrau',
      'Kostanay',
      'Kyzylorda',
      'Semey',
    ],
    region: [
      'Almaty region',
      'Karaganda region',
      'Turkestan region',
      'Zhambyl region',
      'Aktobe region',
      'Mangystau region',
      'Abai region',
    ],
    country: [
      'the United Arab Emirates',
      'Turkey',
      'Russia',
      'Georgia',
      'Kyrgyzstan',
      'Uzbekistan',
      'Spain',
    ],
    person: [
      'Daniyar Omarov',
      'Marat Zhunusov',
      'Serik Baimukhanov',
      'Arman Tleuberdin',
      'Ruslan Kaliyev',
      'Yerzhan Abenov',
      'Timur Sadykov',
      'Nurlan Iskakov',
    ],
    person2: ['Colonel Yerlan Seitkali', 'Major Aliya Nurpeisova', 'Lieutenant Colonel Asan Dosov'],
    agency: [
      'regional police department',
      'Anti-Corruption Agency',
      'Economic Investigations Department',
      'National Security Committee',
      "Prosecutor General's Office",
    ],
    crime: [
      'fraud',
      'embezzlement',
      'bribery',
      'drug trafficking',
      'theft',
      'money laundering',
      'smuggling',
      'tax evasion',
    ],
    drug: ['hashish', 'mephedrone', 'heroin', 'marijuana'],
  },
}

const RU: LangTemplates = {
  headlines: [
    'В {cityRu} задержан подозреваемый в {crimeRuPrep}',
    'Экстрадирован из {countryRuGen}: {personRu} доставлен в Казахстан',
    'Суд {cityRuGen} приговорил {personRuAcc} к {years} годам',
    'Разыскиваемый за {crimeRuAcc} задержан в {countryRuPrep}',
  ],
  paragraphs: [
    'Сотрудники {agencyRuGen} задержали {age}-летнего жителя {cityRuGen}, подозреваемого в {crimeRuPrep}. По данным следствия, ущерб составил {amountKzt} тенге.',
    'Подозреваемый задержан {day} {monthRu} {year} года в {cityRu2}. В ходе обысков изъяты {count} банковских карт, ноутбуки и {amountUsd} долларов США. Возбуждено уголовное дело по статье {article} УК РК.',
    '{personRu} с {year0} года находился в международном розыске по линии Интерпола. Он был задержан в {countryRuPrep} и экстрадирован в Казахстан.',
    'Суд признал {personRuAcc} виновным в {crimeRuPrep} и назначил наказание в виде {years} лет лишения свободы с конфискацией имущества. Также взыскан штраф в размере {amountKzt} тенге.',
    'По данным {agencyRuGen}, в {year0} году в {regionRu} зарегистрировано {count} таких преступлений, что на {pct}% больше, чем годом ранее. Ущерб составил {amountKzt} тенге, потерпевшим возвращено {amountKzt2} тенге.',
    'У задержанных изъято {kg} кг {drugRuGen}, стоимость которого на чёрном рынке составляет около {amountKzt} тенге. Мужчины {age} и {age2} лет намеревались сбыть партию в {cityRu2}.',
    'На имущество подозреваемых наложен арест. Изъято {amountUsd} долларов и {amountRub} рублей наличными. Расследование продолжается.',
  ],
  slots: {
    cityRu: [
      'Алматы',
      'Астане',
      'Шымкенте',
      'Караганде',
      'Актобе',
      'Таразе',
      'Павлодаре',
      'Усть-Каменогорске',
    ],
    cityRu2: ['Алматы', 'Астане', 'Атырау', 'Костанае', 'Семее'],
    cityRuGen: ['Алматы', 'Астаны', 'Шымкента', 'Караганды', 'Актобе', 'Тараза', 'Павлодара'],
    regionRu: [
      'Алматинской области',
      'Карагандинской области',
      'Туркестанской области',
      'Жамбылской области',
      'Мангистауской области',
    ],
    countryRuGen: ['ОАЭ', 'Турции', 'России', 'Грузии', 'Кыргызстана'],
    countryRuPrep: ['ОАЭ', 'Турции', 'России', 'Грузии', 'Кыргызстане'],
    personRu: [
      'Тимур Ахметжанов',
      'Ержан Кусаинов',
      'Нурлан Бекетов',
      'Галымжан Сериккалиев',
      'Артём Соколов',
    ],
    personRuAcc: [
      'Тимура Ахметжанова',
      'Ержана Кусаинова',
      'Нурлана Бекетова',
      'Галымжана Сериккалиева',
    ],
    agencyRuGen: [
      'департамента полиции',
      'Агентства по противодействию коррупции',
      'Комитета национальной безопасности',
      'Генеральной прокуратуры',
    ],
    crimeRuPrep: [
      'мошенничестве',
      'хищении бюджетных средств',
      'получении взятки',
      'незаконном обороте наркотиков',
      'краже',
      'легализации преступных доходов',
    ],
    crimeRuAcc: ['мошенничество', 'убийство', 'хищение', 'контрабанду'],
    drugRuGen: ['гашиша', 'героина', 'мефедрона', 'марихуаны'],
  },
}

const KK: LangTemplates = {
  headlines: [
    '{cityKkLoc} {crimeKk} күдікті ұсталды',
    'Халықаралық іздеуде жүрген {personKk} экстрадицияланды',
    '{personKk} {years} жылға сотталды',
    '{regionKk} {kg} келі есірткі тәркіленді',
  ],
  paragraphs: [
    '{agencyKk} қызметкерлері {crimeKk} күдікті {age} жастағы ер адамды ұстады. Тергеу деректеріне сәйкес, келтірілген залал {amountKzt} теңгені құрайды.',
    'Күдікті {year} жылғы {day} {monthKk} {cityKkLoc} ұсталды. Оқиға орнынан {count} банк картасы мен {amountUsd} доллар тәркіленді. ҚР ҚК-нің {article}-бабы бойынша қылмыстық іс қозғалды.',
    '{personKk} {year0} жылдан бері Интерпол арқылы халықаралық іздеуде болған. Ол {countryKkLoc} ұсталып, Қазақстанға экстрадицияланды.',
    'Сот {personKk} кінәлі деп танып, оған {years} жылға бас бостандығынан айыру жазасын тағайындады. Сонымен қатар {amountKzt} теңге айыппұл өндірілді.',
    '{year0} жылы {regionKk} осындай {count} қылмыс тіркелген, бұл былтырғыдан {pct} пайызға көп. Залал {amountKzt} теңге болды, жәбірленушілерге {amountKzt2} теңге қайтарылды.',
    'Ұсталғандардың көлігінен {kg} келі есірткі табылды. Оның «қара нарықтағы» құны шамамен {amountKzt} теңге.',
    'Күдіктілердің мүлкіне тыйым салынды. Олардан {amountUsd} доллар мен {amountRub} рубль тәркіленді. Тергеу жалғасуда.',
  ],
  slots: {
    cityKkLoc: [
      'Алматыда',
      'Астанада',
      'Шымкентте',
      'Қарағандыда',
      'Ақтөбеде',
      'Таразда',
      'Павлодарда',
      'Өскеменде',
    ],
    regionKk: [
      'Алматы облысында',
      'Қарағанды облысында',
      'Түркістан облысында',
      'Жамбыл облысында',
      'Маңғыстау облысында',
    ],
    countryKkLoc: ['БАӘ-де', 'Түркияда', 'Ресейде', 'Грузияда', 'Қырғызстанда'],
    personKk: [
      'Қанат Әбдірахманов',
      'Бауыржан Сәрсенбаев',
      'Ерболат Жақыпов',
      'Нұрсұлтан Ермеков',
      'Асқар Бекұлы',
    ],
    agencyKk: [
      'Полиция департаментінің',
      'Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің',
      'Ұлттық қауіпсіздік комитетінің',
      'Экономикалық тергеп-тексеру департаментінің',
    ],
    crimeKk: ['алаяқтыққа', 'пара алуға', 'есірткі сатуға', 'ұрлыққа', 'бюджет қаржысын жымқыруға'],
  },
}

/** Templates per language. */
export const TEMPLATES: Readonly<Record<Lang, LangTemplates>> = { en: EN, ru: RU, kk: KK }

/** Month names, for dates in running text. */
export const MONTHS: Readonly<Record<'monthEn' | 'monthRu' | 'monthKk', readonly string[]>> = {
  monthEn: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  monthRu: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  monthKk: [
    'қаңтарда',
    'ақпанда',
    'наурызда',
    'сәуірде',
    'мамырда',
    'маусымда',
    'шілдеде',
    'тамызда',
    'қыркүйекте',
    'қазанда',
    'қарашада',
    'желтоқсанда',
  ],
}

/**
 * The number a template's `{slot}` gets when it is one of the plain numeric slots (years, days,
 * ages, terms, counts, percentages, kilograms, article numbers), drawing from `int`/`pick`; else
 * `undefined`, and the generator fills the slot itself (amounts). Shared by the benchmark corpora
 * so a template reads the same in each.
 */
export function plainNumber(
  slot: string,
  date: { readonly year: number; readonly day: number },
  int: (min: number, max: number) => number,
  pick: <T>(items: readonly T[]) => T,
): string | undefined {
  switch (slot) {
    case 'year':
      return String(date.year)
    case 'year0':
      return String(date.year - int(1, 3))
    case 'day':
      return String(date.day)
    case 'age':
    case 'age2':
      return String(int(19, 64))
    case 'years':
      return String(int(2, 15))
    case 'count':
      return String(int(3, 1500))
    case 'pct':
      return String(int(2, 40))
    case 'kg':
      return String(int(1, 90))
    case 'article':
      return pick(['189', '190', '218', '297', '366', '234'])
    default:
      return undefined
  }
}
