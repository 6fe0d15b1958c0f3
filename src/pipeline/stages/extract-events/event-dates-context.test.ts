// Event dates on whole short articles run through the default pipeline (the real dates stage
// included): a date told in the sentence before, a date that opens the clause, a span of
// months, and the report's own date next to the event's. The articles are written for these
// tests.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createDefaultPipeline } from '../../default-pipeline.ts'

const pipeline = createDefaultPipeline()

async function datesOf(text: string, published: string | null = '2025-04-20'): Promise<string[]> {
  const { doc } = await pipeline.run({
    id: 't',
    source: 't.txt',
    url: null,
    format: 'text',
    raw: text,
    published,
  })
  return doc.events.map((e) => `${e.type} ${e.date ?? '-'}`).sort()
}

function has(got: readonly string[], want: string): void {
  assert.ok(got.includes(want), `expected "${want}" in ${JSON.stringify(got)}`)
}

describe('a date told in the sentence before', () => {
  test('a report word in the sentence before does not make the date the report’s (en)', async () => {
    const got = await datesOf(
      'Police in Shymkent broke up a drug ring, the city police department said.\n\n' +
        'On 12 March officers searched a flat in the Abay district. The suspect was detained at ' +
        'the scene. About 2 kg of hashish were seized from him.',
    )
    has(got, 'arrest 2025-03-12')
    has(got, 'seizure 2025-03-12')
  })

  test('the date of the sentence before dates the arrest (ru)', async () => {
    const got = await datesOf(
      'Полиция Павлодара пресекла канал сбыта наркотиков, сообщили в ДП области.\n\n' +
        '5 февраля 2025 года полицейские провели обыск в гараже. Владелец гаража был задержан.',
    )
    has(got, 'arrest 2025-02-05')
  })

  test('a wanted notice told after a dated arrest is older than the arrest', async () => {
    const got = await datesOf(
      'The leader of the gang, Serik Omarov, was detained in Taraz on 3 June. His brother, ' +
        'Nurlan Omarov, is on the wanted list.',
    )
    has(got, 'arrest 2025-06-03')
    assert.ok(!got.includes('wanted 2025-06-03'), JSON.stringify(got))
  })

  test('"detained at the scene" takes the date of the find, across a paragraph break', async () => {
    const en = await datesOf(
      'On 5 May customs officers found 3 kg of heroin hidden in a car at the Kordai checkpoint.\n\n' +
        'The car was driven by a 40-year-old resident of Bishkek. He was detained at the scene.',
    )
    has(en, 'arrest 2025-05-05')
    const ru = await datesOf(
      '6 мая 2025 года на трассе Алматы – Бишкек в грузовике обнаружили 2 кг героина.\n\n' +
        'Грузовиком управлял житель Бишкека. Он был задержан на месте.',
    )
    has(ru, 'arrest 2025-05-06')
  })

  test('a span in the sentence before does not date a step told after it', async () => {
    const got = await datesOf(
      'The agency said the woman ran an illegal money exchange from 2021 to 2023. ' +
        'It said it had confiscated property worth $50,000.',
    )
    assert.ok(!got.includes('seizure 2023'), JSON.stringify(got))
  })
})

describe('a date that opens the clause', () => {
  test('ru: "В марте 2025 года сотрудники … задержали"', async () => {
    const got = await datesOf(
      'В марте 2025 года сотрудники ДЭР задержали жителя Караганды, подозреваемого в ' +
        'мошенничестве. Он обманул пенсионеров на 3 млн тенге.',
    )
    has(got, 'arrest 2025-03')
  })

  test('kk: "2025 жылғы наурызда … ұстады"', async () => {
    const got = await datesOf(
      '2025 жылғы наурызда полиция қызметкерлері есірткі сатқан ер адамды ұстады. ' +
        'Одан 500 грамм героин тәркіленді.',
    )
    has(got, 'arrest 2025-03')
    has(got, 'seizure 2025-03')
  })
})

describe('a span of months', () => {
  test('en: "From January to March 2025" dates the crime as an interval', async () => {
    const got = await datesOf(
      'From January to March 2025, a gang stole cars in Almaty, police said. Three members ' +
        'were detained on 2 April.',
    )
    has(got, 'incident 2025-01/2025-03')
    has(got, 'arrest 2025-04-02')
  })

  test('what investigators found over a span dates the crime, whatever the count of victims', async () => {
    const got = await datesOf(
      'Police in Aktobe have charged the organisers of a pyramid scheme with large-scale fraud. ' +
        'According to investigators, between May 2022 and June 2024 the scheme took deposits ' +
        'from more than 2,000 people.',
    )
    has(got, 'incident 2022-05/2024-06')
  })

  test('kk: "қаңтар-наурыз аралығында" is an interval, not its first month', async () => {
    const got = await datesOf(
      'Тергеу мәліметінше, 2024 жылғы қаңтар-наурыз аралығында күдікті зейнеткерлерді ' +
        'алдап, 2 млн теңге ұрлаған. Ол 2 сәуірде ұсталды.',
    )
    has(got, 'arrest 2025-04-02')
    assert.ok(
      got.every((e) => !e.endsWith(' 2024-01')),
      `the span is not its first month: ${JSON.stringify(got)}`,
    )
  })
})

describe('the report’s date next to the event’s', () => {
  test('ru: the report’s date opens the sentence, the event’s follows "что"', async () => {
    const got = await datesOf(
      '20 апреля 2025 года пресс-служба полиции сообщила, что 15 апреля в Астане был задержан ' +
        'подозреваемый в убийстве.',
    )
    has(got, 'arrest 2025-04-15')
    assert.ok(!got.includes('arrest 2025-04-20'), JSON.stringify(got))
  })

  test('en: "said on Sunday that … had been detained on 15 April"', async () => {
    const got = await datesOf(
      'The anti-corruption agency said on Sunday that an official of the akimat had been ' +
        'detained on 15 April for taking a bribe.',
    )
    has(got, 'arrest 2025-04-15')
  })

  test('a year that names a law does not date the recovery the law helped', async () => {
    const got = await datesOf(
      'Kazakhstan’s 2022 asset recovery law has helped the state to recover stolen assets ' +
        'held abroad, the prosecutor’s office said.',
    )
    assert.ok(!got.includes('asset_recovery 2022'), JSON.stringify(got))
  })
})
