import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Lang } from '#core/lang.ts'
import { findCrimes } from './extract-crimes.ts'

function categories(text: string, lang: Lang): string[] {
  return findCrimes(text, lang).map((c) => c.category)
}

describe('findCrimes', () => {
  const cases: readonly [string, Lang, string, readonly string[]][] = [
    [
      'fraud on a large scale',
      'en',
      'Police detained a man suspected of fraud on an especially large scale.',
      ['fraud'],
    ],
    [
      'call centre is phone fraud',
      'en',
      'Officers raided an underground call center that scammed pensioners.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      'SIM boxes',
      'en',
      'Four SIM banks and 3,200 SIM cards were found in a rented garage.',
      ['fraud', 'cyber_fraud'],
    ],
    ['torture is assault', 'en', 'Two detainees said they were tortured by officers.', ['assault']],
    [
      'riots are public order',
      'en',
      'He was charged with taking part in mass riots.',
      ['public_order'],
    ],
    [
      'hashish is drugs',
      'en',
      'Border guards found 19 kg of hashish in the truck.',
      ['drug_trafficking'],
    ],
    [
      'bribe and embezzlement',
      'en',
      'The minister was convicted of bribery and embezzlement of budget funds.',
      ['corruption', 'embezzlement'],
    ],
    [
      'ru fraud stem',
      'ru',
      'Задержан подозреваемый в мошенничестве в особо крупном размере.',
      ['fraud'],
    ],
    ['ru bribe', 'ru', 'Аким района задержан при получении взятки.', ['corruption']],
    [
      'ru financial pyramid',
      'ru',
      'Организаторы финансовой пирамиды привлекли 89 млн тенге.',
      ['fraud'],
    ],
    [
      'ru organised group',
      'ru',
      'Задержаны 18 членов ОПГ, подозреваемых в похищении людей и вымогательстве.',
      ['kidnapping', 'extortion', 'organized_crime'],
    ],
    [
      'ru terrorism propaganda',
      'ru',
      'Женщину осудили за пропаганду терроризма в социальных сетях.',
      ['terrorism_extremism'],
    ],
    [
      'ru laundering',
      'ru',
      'Выявлены факты отмывания денег через криптобиржи.',
      ['money_laundering'],
    ],
    [
      'ru budget theft is embezzlement',
      'ru',
      'Чиновника обвиняют в хищении бюджетных средств.',
      ['embezzlement'],
    ],
    [
      'ru goods theft is theft',
      'ru',
      'Выявлена схема хищения нефтепродуктов с предприятия.',
      ['theft'],
    ],
    ['kk fraud', 'kk', 'Алаяқтық жасаған күдікті ұсталды.', ['fraud']],
    ['kk drugs', 'kk', 'Полицейлер 25 келі есірткі тәркіледі.', ['drug_trafficking']],
    ['kk bribe', 'kk', 'Пара алған шенеунік ұсталды.', ['corruption']],
    [
      'kk organised group',
      'kk',
      'Ұйымдасқан қылмыстық топтың 27 мүшесі ұсталды.',
      ['organized_crime'],
    ],
    ['no crime', 'en', 'The minister met the ambassador to discuss trade.', []],
    [
      '"tried to" is not torture',
      'ru',
      'Мужчина пытался провезти через границу 2 тонны овощей.',
      [],
    ],
    ['riot police are not a riot', 'en', 'Riot police stood outside the court.', []],
    ['hooliganism is public order', 'ru', 'Его задержали за мелкое хулиганство.', ['public_order']],
    // Abuse of office and exceeding authority are corruption offences, unless the abuse is violence.
    [
      'en abuse of office',
      'en',
      'The former district head is charged with abuse of office over a land deal.',
      ['corruption'],
    ],
    [
      'en exceeding authority',
      'en',
      'A customs inspector was detained for exceeding his authority at the checkpoint.',
      ['corruption'],
    ],
    [
      'ru abuse of office, verb',
      'ru',
      'Следствие установило, что директор коммунального предприятия злоупотребил должностными полномочиями.',
      ['corruption'],
    ],
    [
      'ru exceeding authority',
      'ru',
      'Бывшему начальнику отдела предъявлено обвинение в превышении должностных полномочий.',
      ['corruption'],
    ],
    [
      'kk abuse of authority',
      'kk',
      'Әкім орынбасары лауазымдық өкілеттіктерді асыра пайдаланғаны үшін сотталды.',
      ['corruption'],
    ],
    [
      'kk misuse of authority',
      'kk',
      'Бөлім басшысы өкілеттіктерін теріс пайдаланды деген күдікпен ұсталды.',
      ['corruption'],
    ],
    [
      'abuse of power by torturing is the assault',
      'en',
      'Three guards were convicted of torture and abuse of power against an inmate.',
      ['assault'],
    ],
    [
      'ru exceeding authority by beating is the assault',
      'ru',
      'Полицейские превысили полномочия, избив задержанного в отделе.',
      ['assault'],
    ],
    // Grievous harm and beatings are assault.
    [
      'en grievous bodily harm',
      'en',
      'The man faces up to eight years for causing grievous harm to a neighbour.',
      ['assault'],
    ],
    ['en beat up', 'en', 'Two teenagers beat up a taxi driver near the market.', ['assault']],
    [
      'ru grave harm to health',
      'ru',
      'Возбуждено дело по факту умышленного причинения тяжкого вреда здоровью.',
      ['assault'],
    ],
    ['ru was beating', 'ru', 'Нетрезвый мужчина избивал прохожего у остановки.', ['assault']],
    [
      'kk grave harm to health',
      'kk',
      'Күдікті денсаулыққа ауыр зиян келтіргені үшін қамауға алынды.',
      ['assault'],
    ],
    ['kk beaten up', 'kk', 'Бір топ жас жүргізушіні соққыға жықты.', ['assault']],
    // Phone and online scams are fraud and cyber_fraud.
    [
      "ru online loans in a victim's name",
      'ru',
      'Злоумышленник оформил онлайн-кредиты на имя своей соседки.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      'ru calls "from the bank"',
      'ru',
      'Пенсионерке звонили от имени банка и просили назвать код.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      'ru fraud by phone',
      'ru',
      'Мошенники по телефону убедили студента перевести 300 тысяч тенге.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      'en online loan',
      'en',
      'A man took out online loans using the ID card of his relative.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      'en fraud over the phone',
      'en',
      'Scammers called the pensioner by phone and took her savings.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      'kk fraud by phone',
      'kk',
      'Телефон арқылы алаяқтық жасаған екі күдікті ұсталды.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      "ru loan in another's name",
      'ru',
      'Сотрудница банка оформила кредиты на имя пенсионеров без их ведома.',
      ['fraud'],
    ],
    [
      'en loans in her name',
      'en',
      'Her nephew took out three loans in her name without telling her.',
      ['fraud'],
    ],
    [
      "kk loan in another's name by phone",
      'kk',
      'Белгісіз адам қоңырау шалып, зейнеткердің атына несие рәсімдеген.',
      ['fraud', 'cyber_fraud'],
    ],
    [
      'an online pyramid stays fraud',
      'en',
      'The bloggers advertised the pyramid scheme on Instagram.',
      ['fraud'],
    ],
    // Forged documents are `other`, and part of a fraud in the same sentence; forged money stays
    // counterfeiting.
    [
      'ru forged documents alone',
      'ru',
      'У иностранца изъяли поддельные документы о регистрации.',
      ['other'],
    ],
    [
      'ru forged documents in a fraud',
      'ru',
      'Мошенник по поддельным документам продал чужую квартиру.',
      ['fraud'],
    ],
    [
      'en forged papers in a fraud',
      'en',
      'The fraudster used forged papers to sell a flat he did not own.',
      ['fraud'],
    ],
    [
      'kk forged documents in a fraud',
      'kk',
      'Алаяқ жалған құжаттар арқылы несие рәсімдеді.',
      ['fraud'],
    ],
    [
      'ru forged banknotes',
      'ru',
      'В обменнике выявили поддельные купюры номиналом 100 долларов.',
      ['counterfeiting'],
    ],
    // An official's embezzlement is embezzlement, not corruption.
    [
      'ru official embezzles',
      'ru',
      'Бухгалтер акимата похитила бюджетные средства на 12 млн тенге.',
      ['embezzlement'],
    ],
    [
      'kk official embezzles',
      'kk',
      'Мемлекеттік мекеме басшысы бюджет қаражатын ұрлады.',
      ['embezzlement'],
    ],
    [
      'en agency investigating embezzlement',
      'en',
      'The Anti-Corruption Agency detained a hospital director who embezzled budget funds.',
      ['embezzlement'],
    ],
    [
      'ru agency investigating embezzlement',
      'ru',
      'Антикоррупционная служба задержала бухгалтера, присвоившего средства школы.',
      ['embezzlement'],
    ],
    [
      'kk agency investigating embezzlement',
      'kk',
      'Сыбайлас жемқорлыққа қарсы қызмет бюджет қаражатын жымқырған шенеунікті ұстады.',
      ['embezzlement'],
    ],
    [
      'an agency reporting on its field is corruption',
      'en',
      'The Anti-Corruption Agency said it returned 300 million dollars to the budget.',
      ['corruption'],
    ],
    [
      'corrupting minors is child abuse',
      'en',
      'The teacher is accused of corrupting minors.',
      ['child_abuse'],
    ],
    // The gold counts a crime named as a prior record (it happened).
    ['ru prior conviction counts', 'ru', 'Задержанный ранее судим за кражу.', ['theft']],
  ]
  for (const [name, lang, text, expected] of cases) {
    test(name, () => {
      assert.deepEqual(categories(text, lang), expected)
    })
  }

  test('a police unit named after a crime does not report that crime', () => {
    const text = 'Об этом сообщил руководитель управления по противодействию киберпреступности.'

    assert.deepEqual(categories(text, 'ru'), [])
  })

  test('money taken in a fraud is not also theft', () => {
    const text = 'Fraudsters posing as charity workers stole money from the victims.'

    assert.deepEqual(categories(text, 'en'), ['fraud'])
  })

  test('a ransom in a kidnapping is part of the kidnapping', () => {
    const text = 'The businessman was kidnapped and held for ransom.'

    assert.deepEqual(categories(text, 'en'), ['kidnapping'])
  })

  test('Kazakh "пара" (a bribe) is not read in Russian text, where it means "a pair"', () => {
    assert.deepEqual(categories('Пара туристов задержана на границе.', 'ru'), [])
    assert.deepEqual(categories('Ол пара алды.', 'kk'), ['corruption'])
  })

  test('keeps evidence spans that point at the words', () => {
    const text = 'He was arrested for smuggling.'
    const [fact] = findCrimes(text, 'en')

    assert.equal(fact?.category, 'smuggling')
    assert.equal(text.slice(fact.evidence[0]!.start, fact.evidence[0]!.end), 'smuggling')
  })

  test('odd input gives no crimes and does not throw', () => {
    for (const text of ['', ' ', '\u0000\uFFFF', '****', 'İSTANBUL İÇİN ÇOK']) {
      assert.deepEqual(findCrimes(text, 'en'), [])
    }
  })

  test('stays fast on long hostile input', () => {
    const hostile = `${'1234567890 '.repeat(10_000)}${'мошенничество взятка '.repeat(5_000)}${'ааааа'.repeat(10_000)}`
    const started = performance.now()

    const found = findCrimes(hostile, 'ru')

    assert.ok(performance.now() - started < 2000, 'took too long')
    assert.deepEqual(
      found.map((c) => c.category),
      ['fraud', 'corruption'],
    )
  })
})
