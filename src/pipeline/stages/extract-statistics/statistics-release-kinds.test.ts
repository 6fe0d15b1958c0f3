/**
 * Statistics in press-release prose of the kinds that go wrong on unseen text: the sign of a
 * decrease ("fell by" against "fell to"), from/to pairs that give two values of two periods, a
 * single case's amount among the figures (a bribe, a victim's loss), a comparison base named by a
 * part of its year, and the period a headline or an earlier sentence frames. Every article here
 * was written for these tests.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DetectedDoc } from '#core/document.ts'
import type { Lang } from '#core/lang.ts'
import { extractMoney } from '../extract-money/extract-money.ts'
import { segment } from '../segment/segment.ts'
import { extractStatistics } from './extract-statistics.ts'

const ctx = { signal: new AbortController().signal, report() {} }

/** [value, period] of every statistic of an article, as the default stages before it see it. */
function figures(text: string, published: string, lang: Lang): [number, string | null][] {
  const detected: DetectedDoc = {
    id: 'k',
    source: 'k.txt',
    url: null,
    format: 'text',
    raw: text,
    text,
    title: null,
    published,
    lang,
    langConfidence: 1,
  }
  const seg = segment().run(detected, ctx)
  assert.ok(!(seg instanceof Promise))
  const withMoney = extractMoney().run(
    { ...seg, locations: [], organizations: [], persons: [] },
    ctx,
  )
  assert.ok(!(withMoney instanceof Promise))
  const out = extractStatistics().run(withMoney, ctx)
  assert.ok(!(out instanceof Promise))
  return out.statistics.map((s) => [s.value, s.period])
}

describe('statistics in quarterly and annual releases', () => {
  it("a prosecutor's quarterly report (en): changes signed, from/to pairs over two periods", () => {
    const text =
      "Karaganda region: crime down in the first quarter\n\nIn the first quarter of 2025, the Karaganda regional prosecutor's office registered 1,284 criminal offences, 9.6% fewer than in the same period of 2024. The number of thefts fell from 642 to 518, while fraud cases rose by 12% to 311. Robberies decreased to 47. Corruption offences dropped by 18 percent.\n\nInvestigators sent 402 cases to court. In one of those cases, a district official took a bribe of 5 million tenge; he was detained in March.\n"
    assert.deepEqual(figures(text, '2025-04-10', 'en'), [
      [1284, '2025'],
      [-9.6, '2025'],
      [642, '2024'],
      [518, '2025'],
      [12, '2025'],
      [311, '2025'],
      [47, '2025'],
      [-18, '2025'],
      [402, '2025'],
    ])
  })

  it('итоги года полиции (ru): «на 6,3% меньше», «со 142 до 118», «увеличилась до 72,4%»', () => {
    const text =
      'Итоги работы полиции Костанайской области\n\nПо итогам 2025 года в области зарегистрировано 8 412 уголовных правонарушений, что на 6,3% меньше, чем годом ранее. Количество краж снизилось со 142 до 118. Число мошенничеств выросло на 14% и достигло 1 905. Тяжких преступлений стало меньше на 11 процентов. Доля раскрытых преступлений увеличилась до 72,4%.\n\nКроме того, в ходе одной из операций полицейские задержали чиновника, получившего взятку в размере 5 млн тенге.\n'
    assert.deepEqual(figures(text, '2026-01-15', 'ru'), [
      [8412, '2025'],
      [-6.3, '2025'],
      [142, '2024'],
      [118, '2025'],
      [14, '2025'],
      [1905, '2025'],
      [-11, '2025'],
      [72.4, '2025'],
    ])
  })

  it('жарты жылдың қорытындысы (kk): «642-ден 518-ге дейін азайды», «пайызға төмендеді»', () => {
    const text =
      'Облыстағы қылмыс деңгейі төмендеді\n\nБиылғы жылдың алты айында облыс бойынша 2 431 қылмыс тіркелді, бұл өткен жылдың осы кезеңімен салыстырғанда 8,2 пайызға аз. Ұрлық саны 642-ден 518-ге дейін азайды. Алаяқтық 12 пайызға өсті. Жол-көлік оқиғалары 7 пайызға төмендеді.\n\nСонымен қатар бір іс бойынша лауазымды тұлға 5 миллион теңге пара алған кезде ұсталды.\n'
    assert.deepEqual(figures(text, '2025-07-08', 'kk'), [
      [2431, '2025'],
      [-8.2, '2025'],
      [642, '2024'],
      [518, '2025'],
      [12, '2025'],
      [-7, '2025'],
    ])
  })

  it("a year's results framed by the headline (en): from/to pairs, a look back, a single bribe", () => {
    const text =
      'Police of Pavlodar region sum up the results of 2024\n\nThe number of burglaries fell from 142 to 118 over the year. Vehicle thefts went down from 96 in 2023 to 71 in 2024. Drug offences decreased from 230 cases to 204 cases. The share of solved crimes fell to 64 percent, and the number of road deaths dropped by 9%.\n\nIn 2023, the department registered 3,950 offences. Officers also handled 12,400 calls to the 102 line.\n\nA single bribe of 5 million tenge was the largest recorded in 2024: the head of a district land office demanded it from a farmer and was detained on the spot. Total damage from fraud reached 1.2 billion tenge.\n'
    assert.deepEqual(figures(text, '2025-01-20', 'en'), [
      [142, '2023'],
      [118, '2024'],
      [96, '2023'],
      [71, '2024'],
      [230, '2023'],
      [204, '2024'],
      [64, '2024'],
      [-9, '2024'],
      [3950, '2023'],
      [12400, '2024'],
      [1200000000, '2024'],
    ])
  })

  it('итоги года в заголовке (ru): «со 112 случаев до 97», «снизился до 64%», одна взятка', () => {
    const text =
      'Прокуратура Жамбылской области подвела итоги 2024 года\n\nКоличество краж снизилось со 142 до 118. Число разбоев сократилось с 31 до 24 фактов. Число грабежей уменьшилось со 112 случаев до 97. Уровень раскрываемости снизился до 64%, а количество ДТП с погибшими сократилось на 12%.\n\nВ 2023 году было зарегистрировано 3 950 преступлений. Сотрудники также приняли 12 400 обращений граждан.\n\nОбщий ущерб от мошенничеств составил 1,2 млрд тенге. Крупнейшая взятка в размере 5 млн тенге была получена начальником районного отдела земельных отношений, он задержан с поличным.\n'
    assert.deepEqual(figures(text, '2025-01-20', 'ru'), [
      [142, '2023'],
      [118, '2024'],
      [31, '2023'],
      [24, '2024'],
      [112, '2023'],
      [97, '2024'],
      [64, '2024'],
      [-12, '2024'],
      [3950, '2023'],
      [12400, '2024'],
      [1200000000, '2024'],
    ])
  })

  it('қорытынды тақырыпта (kk): «31-ден 24-ке дейін қысқарды», «64 пайызға дейін төмендеді»', () => {
    const text =
      'Жамбыл облысы прокуратурасы 2024 жылдың қорытындысын шығарды\n\nҰрлық саны 142-ден 118-ге дейін азайды. Тонау фактілері 31-ден 24-ке дейін қысқарды. Қылмыстарды ашу деңгейі 64 пайызға дейін төмендеді, ал қаза болғандар саны 12 пайызға азайды.\n\n2023 жылы 3 950 қылмыс тіркелген. Қызметкерлер сондай-ақ азаматтардың 12 400 өтінішін қабылдады.\n\nАудандық жер қатынастары бөлімінің басшысы 5 миллион теңге пара алған кезде ұсталды. Алаяқтықтан келген жалпы залал 1,2 миллиард теңгені құрады.\n'
    assert.deepEqual(figures(text, '2025-01-20', 'kk'), [
      [142, '2023'],
      [118, '2024'],
      [31, '2023'],
      [24, '2024'],
      [64, '2024'],
      [-12, '2024'],
      [3950, '2023'],
      [12400, '2024'],
      [1200000000, '2024'],
    ])
  })

  it("a half-year report (en): a comparison base named by a half, «up 9% on a year earlier», victims' losses", () => {
    const text =
      'Akmola police report on the first half of 2025\n\nIn January–June 2025, police in Akmola region registered 2,104 crimes. This is a decrease of 7.4% compared with the first half of 2024. Serious crimes fell by 12% to 311, and the clearance rate rose to 68.5%. Street crime dropped to 190 cases from 245.\n\nFraud remains the main concern: 604 frauds were recorded, up 9% on a year earlier. In one case, a pensioner lost 5 million tenge after a call from fake bank employees. A Kokshetau resident transferred 2.3 million tenge to scammers.\n\nIn 2020 the region recorded 3,870 crimes.\n'
    assert.deepEqual(figures(text, '2025-07-10', 'en'), [
      [2104, '2025'],
      [-7.4, '2025'],
      [-12, '2025'],
      [311, '2025'],
      [68.5, '2025'],
      [190, '2025'],
      [245, '2024'],
      [604, '2025'],
      [9, '2025'],
      [3870, '2020'],
    ])
  })

  it('полугодие (ru): «Снижение составило 7,4%», «190 против 245 годом ранее», потери пенсионерки', () => {
    const text =
      'Прокуратура Акмолинской области: итоги первого полугодия\n\nЗа январь–июнь 2025 года в области зарегистрировано 2 104 преступления. Снижение составило 7,4% по сравнению с аналогичным периодом прошлого года. Количество тяжких преступлений снизилось на 12% — до 311, а раскрываемость выросла до 68,5%. Уличных преступлений стало меньше: 190 против 245 годом ранее.\n\nМошенничества остаются главной проблемой: зарегистрировано 604 факта, это на 9% больше, чем годом ранее. Так, пенсионерка перевела мошенникам 5 млн тенге. Житель Кокшетау отдал аферистам 2,3 млн тенге.\n\nВ 2020 году в области было зарегистрировано 3 870 преступлений.\n'
    assert.deepEqual(figures(text, '2025-07-10', 'ru'), [
      [2104, '2025'],
      [-7.4, '2025'],
      [-12, '2025'],
      [311, '2025'],
      [68.5, '2025'],
      [190, '2025'],
      [245, '2024'],
      [604, '2025'],
      [9, '2025'],
      [3870, '2020'],
    ])
  })

  it('жарты жыл (kk): «өткен жылдың осы кезеңімен салыстырғанда», «былтырғыдан 9 пайызға көп»', () => {
    const text =
      'Ақмола облысы полициясы жарты жылдың қорытындысын шығарды\n\n2025 жылдың қаңтар–маусым айларында облыста 2 104 қылмыс тіркелді. Бұл өткен жылдың осы кезеңімен салыстырғанда 7,4 пайызға аз. Ауыр қылмыстар 12 пайызға азайып, 311-ге жетті, ал қылмыстарды ашу деңгейі 68,5 пайызға дейін өсті.\n\nАлаяқтық басты мәселе болып отыр: 604 алаяқтық фактісі тіркелді, бұл былтырғыдан 9 пайызға көп. Мәселен, зейнеткер алаяқтарға 5 миллион теңге аударған. Көкшетау тұрғыны алаяқтарға 2,3 миллион теңге берген.\n\n2020 жылы облыста 3 870 қылмыс тіркелген.\n'
    assert.deepEqual(figures(text, '2025-07-10', 'kk'), [
      [2104, '2025'],
      [-7.4, '2025'],
      [-12, '2025'],
      [311, '2025'],
      [68.5, '2025'],
      [604, '2025'],
      [9, '2025'],
      [3870, '2020'],
    ])
  })

  it("a year's results (en): «declined to 204, from 230 a year earlier», one case's damage and one victim's refund", () => {
    const text =
      'Almaty police: results of 2024\n\nThe number of murders went down from 14 to 9. Drug-related crimes declined to 204, from 230 a year earlier. Crime fell by 4.1 percent to 12,334. There were 15% fewer robberies, and the crime rate was 12% lower than in 2023.\n\nOne of the detained officials had received a bribe of 5 million tenge. The damage in that case exceeded 45 million tenge. Police also returned 12 million tenge to a single victim.\n'
    assert.deepEqual(figures(text, '2025-01-25', 'en'), [
      [14, '2023'],
      [9, '2024'],
      [204, '2024'],
      [230, '2023'],
      [-4.1, '2024'],
      [12334, '2024'],
      [-15, '2024'],
      [-12, '2024'],
    ])
  })

  it('итоги года (ru): «с 14 до 9», «(в 2023 году — 1 310)», «на 8,5% (с 1 420 до 1 299)», ущерб по одному делу', () => {
    const text =
      'Итоги 2024 года: полиция Алматы\n\nКоличество убийств сократилось с 14 до 9. Преступлений против собственности зарегистрировано 1 204 (в 2023 году — 1 310). Число мошенничеств уменьшилось на 8,5% (с 1 420 до 1 299). Раскрываемость снизилась на 3,2 процентных пункта и составила 61,4%.\n\nОдин из задержанных получил взятку в размере 5 млн тенге. Ущерб по этому делу превысил 45 млн тенге.\n'
    assert.deepEqual(figures(text, '2025-01-25', 'ru'), [
      [14, '2023'],
      [9, '2024'],
      [1204, '2024'],
      [1310, '2023'],
      [-8.5, '2024'],
      [1420, '2023'],
      [1299, '2024'],
      [-3.2, '2024'],
      [61.4, '2024'],
    ])
  })

  it('жыл қорытындысы (kk): «Кісі өлтіру 14-тен 9-ға дейін», «1 204 болды», «бұл іс бойынша залал»', () => {
    const text =
      'Алматы полициясы 2024 жылдың қорытындысын шығарды\n\nКісі өлтіру 14-тен 9-ға дейін азайды. Алаяқтық 8,5 пайызға азайып, 1 420-дан 1 299-ға дейін төмендеді. Меншікке қарсы қылмыстар 1 204 болды (2023 жылы – 1 310).\n\nҰсталғандардың бірі 5 миллион теңге пара алған. Бұл іс бойынша залал 45 миллион теңгеден асты.\n'
    assert.deepEqual(figures(text, '2025-01-25', 'kk'), [
      [14, '2023'],
      [9, '2024'],
      [-8.5, '2024'],
      [1420, '2023'],
      [1299, '2024'],
      [1204, '2024'],
      [1310, '2023'],
    ])
  })

  it('periods carried and not (en): «Last year the figure was 3,200, and … this year … 2,150»', () => {
    const text =
      'Cybercrime keeps growing in Shymkent\n\nIn 2019, the city recorded 5,100 thefts. Last year the figure was 3,200, and in the first nine months of this year police registered 2,150 thefts.\n\nOn 12 March, police detained a group of scammers. Since the beginning of the year, 45 call centres have been shut down and 1,320 online frauds recorded, 18% more than a year earlier.\n'
    assert.deepEqual(figures(text, '2025-10-15', 'en'), [
      [5100, '2019'],
      [3200, '2024'],
      [2150, '2025'],
      [45, '2025'],
      [1320, '2025'],
      [18, '2025'],
    ])
  })

  it('периоды (ru): «В текущем году — 95», «на 18% больше, чем годом ранее», «снизился на 4 процента, до 58%»', () => {
    const text =
      'Киберпреступность в Шымкенте\n\nВ 2023 году было выявлено 120 фактов интернет-мошенничества. В текущем году — 95. \n\n12 марта полицейские задержали группу мошенников. С начала года пресечена деятельность 45 колл-центров, зарегистрировано 1 320 интернет-мошенничеств, что на 18% больше, чем годом ранее. Уровень раскрываемости снизился на 4 процента, до 58%.\n'
    assert.deepEqual(figures(text, '2025-10-15', 'ru'), [
      [120, '2023'],
      [95, '2025'],
      [45, '2025'],
      [1320, '2025'],
      [18, '2025'],
      [-4, '2025'],
      [58, '2025'],
    ])
  })

  it('кезеңдер (kk): «Биыл – 95», «былтырғы көрсеткіштен 18 пайызға көп»', () => {
    const text =
      'Шымкентте киберқылмыс өсіп отыр\n\n2023 жылы интернет-алаяқтықтың 120 дерегі анықталған. Биыл – 95.\n\n12 наурызда полиция алаяқтар тобын ұстады. Жыл басынан бері 1 320 интернет-алаяқтық тіркелді, бұл былтырғы көрсеткіштен 18 пайызға көп. Ашылу деңгейі 4 пайызға төмендеп, 58 пайызды құрады.\n'
    assert.deepEqual(figures(text, '2025-10-15', 'kk'), [
      [120, '2023'],
      [95, '2025'],
      [1320, '2025'],
      [18, '2025'],
      [-4, '2025'],
      [58, '2025'],
    ])
  })

  it('anti-corruption results (en): «96 of them», aggregate damage kept, one bribe and one demand left out', () => {
    const text =
      'Anti-corruption service: results of 2024\n\nIn 2024, the anti-corruption service registered 214 corruption offences, 11% fewer than in 2023. Bribery accounted for 96 of them. Officials caused damage of 3.4 billion tenge in total, and 2.1 billion tenge has been recovered.\n\nIn Taraz, the head of a district akimat department was caught taking a bribe of 5 million tenge. A customs officer in Khorgos demanded 12,000 US dollars from a trader.\n'
    assert.deepEqual(figures(text, '2025-01-30', 'en'), [
      [214, '2024'],
      [-11, '2024'],
      [96, '2024'],
      [3400000000, '2024'],
      [2100000000, '2024'],
    ])
  })

  it('итоги антикоррупционной службы (ru): «Из них 96 — взяточничество», общий ущерб, одна взятка', () => {
    const text =
      'Антикоррупционная служба: итоги 2024 года\n\nВ 2024 году антикоррупционная служба зарегистрировала 214 коррупционных правонарушений, что на 11% меньше, чем в 2023 году. Из них 96 — взяточничество. Общий ущерб составил 3,4 млрд тенге, возмещено 2,1 млрд тенге.\n\nВ Таразе руководитель отдела районного акимата задержан при получении взятки в размере 5 млн тенге. Сотрудник таможни в Хоргосе потребовал у предпринимателя 12 тысяч долларов США.\n'
    assert.deepEqual(figures(text, '2025-01-30', 'ru'), [
      [214, '2024'],
      [-11, '2024'],
      [96, '2024'],
      [3400000000, '2024'],
      [2100000000, '2024'],
    ])
  })

  it('сыбайлас жемқорлыққа қарсы қызмет (kk): жалпы залал, бір пара, бір талап', () => {
    const text =
      'Сыбайлас жемқорлыққа қарсы қызмет 2024 жылдың қорытындысын шығарды\n\n2024 жылы қызмет 214 сыбайлас жемқорлық құқықбұзушылығын тіркеді, бұл 2023 жылмен салыстырғанда 11 пайызға аз. Жалпы залал 3,4 миллиард теңгені құрады, оның 2,1 миллиард теңгесі өтелді.\n\nТаразда аудан әкімдігі бөлімінің басшысы 5 миллион теңге пара алу кезінде ұсталды. Қорғастағы кеден қызметкері кәсіпкерден 12 мың АҚШ долларын талап еткен.\n'
    assert.deepEqual(figures(text, '2025-01-30', 'kk'), [
      [214, '2024'],
      [-11, '2024'],
      [3400000000, '2024'],
      [2100000000, '2024'],
    ])
  })

  it('a headline that names a year without summing it up frames nothing', () => {
    const text =
      'Suspect in 2024 land fraud detained\n\nThe number of burglaries fell from 142 to 118, the police said.'
    assert.deepEqual(figures(text, '2025-03-02', 'en'), [
      [142, null],
      [118, null],
    ])
  })
})
