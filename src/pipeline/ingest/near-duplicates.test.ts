import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compareSignatures, createStoryIndex, signText } from './near-duplicates.ts'

// A generated test set: invented press releases (Russian and English, the same press services
// writing about the same kinds of crime in the same phrasing), each published in several
// variants: reprints under other site furniture, re-edited reprints, truncated teasers. The hard
// negatives are different articles of one press service on one crime type: same template
// sentences, same closing advice, other facts.

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 0x100000000
  }
}

const CITIES_RU = [
  'Алматы',
  'Астаны',
  'Шымкента',
  'Караганды',
  'Актобе',
  'Павлодара',
  'Тараза',
  'Усть-Каменогорска',
  'Семея',
  'Костаная',
]
const NAMES_RU = [
  'Ахметов',
  'Сериков',
  'Жумабаев',
  'Ким',
  'Иванов',
  'Нурланов',
  'Оспанов',
  'Петренко',
  'Калиев',
  'Тулегенов',
  'Абдрахманов',
  'Исаев',
]
const CITIES_EN = [
  'Almaty',
  'Astana',
  'Shymkent',
  'Karaganda',
  'Aktobe',
  'Pavlodar',
  'Taraz',
  'Oskemen',
  'Semey',
  'Kostanay',
]
const INITIALS = [...'ABDEGKMNRSTVZ'].map((c) => `${c}.`)
const INITIALS_RU = [...'АБДЕГКМНРСТ'].map((c) => `${c}.`)
const NAMES_EN = [
  'Akhmetov',
  'Serikov',
  'Zhumabayev',
  'Kim',
  'Ivanov',
  'Nurlanov',
  'Ospanov',
  'Petrenko',
  'Kaliyev',
  'Tulegenov',
]

type Pick = <T>(xs: readonly T[]) => T

// Each sentence builder draws its own facts, so two articles of one type differ in detail.
const RU_FRAUD: ((p: Pick, r: () => number) => string)[] = [
  (p, r) =>
    `В ${p(['январе', 'феврале', 'марте', 'апреле'])} ${2020 + Math.floor(r() * 6)} года в полицию ${p(CITIES_RU)} обратилась ${20 + Math.floor(r() * 60)}-летняя жительница города.`,
  (p, r) =>
    `По её словам, неизвестный представился сотрудником ${p(['банка', 'службы безопасности банка', 'Национального банка', 'налоговой службы'])} и убедил её перевести ${1 + Math.floor(r() * 40)} млн тенге на «безопасный счёт».`,
  (p, r) =>
    `В ходе оперативно-розыскных мероприятий сотрудники ${p(['управления по противодействию киберпреступности', 'криминальной полиции', 'следственного управления'])} установили личность подозреваемого — ${18 + Math.floor(r() * 50)}-летнего ${p(NAMES_RU)}а ${p(INITIALS_RU)}`,
  (p) =>
    `Подозреваемый задержан в ${p(['Шымкенте', 'Таразе', 'Кызылорде', 'Туркестане', 'Актау'])} и водворён в изолятор временного содержания.`,
  (p, r) =>
    `Установлено, что он причастен ещё к ${2 + Math.floor(r() * 15)} аналогичным фактам мошенничества в ${p(['Алматинской', 'Жамбылской', 'Карагандинской', 'Костанайской'])} области.`,
  (p, r) =>
    `У задержанного изъяты ${2 + Math.floor(r() * 9)} мобильных телефонов, ${1 + Math.floor(r() * 30)} SIM-карт и банковские карты, оформленные на ${p(['подставных лиц', 'родственников', 'иностранцев'])}.`,
  (_p, r) =>
    `Начато досудебное расследование по части ${2 + Math.floor(r() * 3)} статьи 190 УК РК («Мошенничество»), санкция которой предусматривает до ${5 + Math.floor(r() * 6)} лет лишения свободы.`,
  (p) =>
    `Деньги потерпевшая перевела через ${p(['терминал', 'мобильное приложение', 'кассу банка'])}, после чего злоумышленник перестал выходить на связь.`,
  (p, r) =>
    `Ущерб, причинённый ${p(['пенсионерке', 'учительнице', 'предпринимательнице', 'студентке'])}, составил ${100 + Math.floor(r() * 900)} тысяч тенге.`,
]
const RU_ADVICE =
  'Полиция напоминает: сотрудники банков никогда не просят назвать код из SMS и не предлагают перевести деньги на безопасный счёт.'

const EN_DRUGS: ((p: Pick, r: () => number) => string)[] = [
  (p, r) =>
    `Police in ${p(CITIES_EN)} have detained a ${17 + Math.floor(r() * 50)}-year-old man suspected of selling synthetic drugs through ${p(['a Telegram channel', 'a darknet shop', 'stash drops', 'a messaging app'])}.`,
  (p, r) =>
    `Officers of the ${p(['anti-drug department', 'criminal police', 'Interior Ministry'])} seized ${1 + Math.floor(r() * 20)} kilograms of ${p(['mephedrone', 'hashish', 'heroin', 'marijuana', 'alpha-PVP'])} during a search of his ${p(['flat', 'car', 'garage', 'summer house'])}.`,
  (p, r) =>
    `According to investigators, the suspect, identified as ${p(NAMES_EN)} ${p(INITIALS)}, had been operating since ${2012 + Math.floor(r() * 14)} and recruited ${2 + Math.floor(r() * 40)} couriers among students.`,
  (p) =>
    `A pre-trial investigation has been opened under Article ${p(['296', '297', '299'])} of the Criminal Code, which carries a sentence of up to ${p(['ten', 'fifteen', 'twenty'])} years.`,
  (p, r) =>
    `Equipment for packaging the drugs, scales and ${100 + Math.floor(r() * 900)} empty bags were also found at the scene in ${p(['the Bostandyk district', 'the Almaly district', 'the city centre', 'a suburb'])}.`,
  (p) =>
    `The suspect has been placed in a temporary detention facility, and the court has ordered his arrest for ${p(['two months', 'one month', 'three months'])}.`,
  (_p, r) =>
    `The police said the laboratory could have produced up to ${10 + Math.floor(r() * 90)} kilograms of the substance a month.`,
  (p) =>
    `His accomplices, a ${p(['woman', 'man', 'teenager'])} and ${p(['her brother', 'his cousin', 'a former classmate'])}, are being sought.`,
]
const EN_ADVICE =
  'The police urge anyone with information about drug sales to call 102; anonymity is guaranteed.'

const FURNITURE: readonly { head: string; foot: string }[] = [
  {
    head: 'Главная Новости Происшествия Общество Экономика Курс валют USD 470.12 EUR 508.33',
    foot: 'Подписывайтесь на наш Telegram-канал. При использовании материалов ссылка на сайт обязательна. © 2026 Все права защищены.',
  },
  {
    head: 'Home | News | Crime | Politics | Business | Weather Almaty +12°C',
    foot: 'Read also: Court sentences former akim for embezzlement. Share: Facebook Twitter Telegram. All rights reserved.',
  },
  {
    head: 'Басты бет Жаңалықтар Қоғам Оқиға',
    foot: 'Материал подготовлен по данным пресс-службы ДП. Фото: пресс-служба. Мнение редакции может не совпадать с мнением автора.',
  },
]

interface Sample {
  readonly id: string
  readonly story: number
  readonly text: string
}

function makeArticle(
  r: () => number,
  builders: readonly ((p: Pick, r: () => number) => string)[],
  advice: string,
): string[] {
  const p: Pick = (xs) => xs[Math.floor(r() * xs.length)]!
  // Five to seven of the type's sentences, in the service's usual order, plus its advice line.
  const chosen = builders.filter(() => r() < 0.75).slice(0, 7)
  while (chosen.length < 5) chosen.push(builders[chosen.length]!)
  return [...chosen.map((b) => b(p, r)), advice]
}

function edit(sentences: string[], r: () => number, lang: 'ru' | 'en'): string[] {
  const out = [...sentences]
  // Drop one sentence, rephrase the opening, add an attribution: a typical re-edited reprint.
  out.splice(1 + Math.floor(r() * (out.length - 2)), 1)
  out[0] =
    lang === 'ru'
      ? `Как сообщает пресс-служба ДП, ${out[0]!.charAt(0).toLowerCase()}${out[0]!.slice(1)}`
      : `As the police press service reported, ${out[0]!.charAt(0).toLowerCase()}${out[0]!.slice(1)}`
  out.push(lang === 'ru' ? 'Подробности выясняются.' : 'Details are being established.')
  return out
}

function buildSet(seed: number): Sample[] {
  const r = rng(seed)
  const samples: Sample[] = []
  for (let story = 0; story < 80; story++) {
    const ru = story % 2 === 0
    const base = ru ? makeArticle(r, RU_FRAUD, RU_ADVICE) : makeArticle(r, EN_DRUGS, EN_ADVICE)
    const lang = ru ? 'ru' : 'en'
    const f = (i: number) => FURNITURE[(story + i) % FURNITURE.length]!
    const variants: string[] = [
      base.join(' '),
      // reprint under another site's furniture
      `${f(1).head}\n${base.join(' ')}\n${f(1).foot}`,
      // re-edited reprint
      `${f(2).head}\n${edit(base, r, lang).join(' ')}\n${f(2).foot}`,
      // truncated teaser: the first two thirds
      `${base.slice(0, Math.ceil((base.length * 2) / 3)).join(' ')} …`,
    ]
    // Not every story is reprinted in every way.
    for (const [v, text] of variants.entries())
      if (v === 0 || r() < 0.8) samples.push({ id: `s${story}-v${v}`, story, text })
  }
  // Shuffle: reprints can arrive before the original.
  for (let i = samples.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[samples[i], samples[j]] = [samples[j]!, samples[i]!]
  }
  return samples
}

function pairScores(samples: readonly Sample[], storyOf: (id: string) => string | undefined) {
  let tp = 0
  let fp = 0
  let fn = 0
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const a = samples[i]!
      const b = samples[j]!
      const truth = a.story === b.story
      const predicted = storyOf(a.id) === storyOf(b.id)
      if (truth && predicted) tp++
      else if (predicted) fp++
      else if (truth) fn++
    }
  }
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), tp, fp, fn }
}

describe('near-duplicate stories', () => {
  for (const seed of [7, 1234, 99991]) {
    test(`links reprints, re-edits and truncations, not look-alike reports (seed ${seed})`, (t) => {
      const samples = buildSet(seed)
      const index = createStoryIndex()
      for (const s of samples) index.add(s.id, s.text)

      const s = pairScores(samples, (id) => index.storyOf(id))
      t.diagnostic(`precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)}`)

      assert.ok(s.precision >= 0.98, `precision ${s.precision.toFixed(3)} (${s.fp} false pairs)`)
      assert.ok(s.recall >= 0.95, `recall ${s.recall.toFixed(3)} (${s.fn} missed pairs)`)
    })
  }

  test('an exact copy with other spacing and case is an exact match', () => {
    const index = createStoryIndex()
    index.add('a', 'Полиция Алматы задержала   подозреваемого в мошенничестве.')
    const m = index.add('b', 'ПОЛИЦИЯ АЛМАТЫ задержала подозреваемого в мошенничестве')
    assert.deepEqual([m.kind, m.storyId, m.matchOf], ['exact', 'a', 'a'])
  })

  test('adding an id twice changes nothing', () => {
    const index = createStoryIndex()
    const first = index.add('a', RU_ADVICE)
    assert.deepEqual(index.add('a', 'other text'), first)
    assert.equal(index.size, 1)
  })

  test('empty and tiny texts never match each other by accident', () => {
    const index = createStoryIndex()
    index.add('e1', '')
    const m = index.add('e2', '   ')
    assert.equal(m.kind, 'new')
  })

  test('signatures estimate similarity: unrelated texts score near zero', () => {
    const r = rng(5)
    const p: Pick = (xs) => xs[Math.floor(r() * xs.length)]!
    const a = signText(RU_FRAUD.map((b) => b(p, r)).join(' '))
    const b = signText(EN_DRUGS.map((x) => x(p, r)).join(' '))
    assert.ok(compareSignatures(a, b).jaccard < 0.05)
    assert.equal(compareSignatures(a, a).jaccard, 1)
  })

  test('signing 1 MB of hostile input stays fast', () => {
    const hostile = `${'1 '.repeat(250_000)}${'а'.repeat(500_000)}`
    const started = performance.now()
    signText(hostile)
    assert.ok(performance.now() - started < 2000)
  })
})
