import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseName } from '../names/name-key.ts'
import {
  type Candidate,
  contextOf,
  identifierNear,
  type MentionContext,
  type MentionInput,
  organizationKey,
  scoreCandidate,
  titleKeys,
} from './resolution.ts'

const NONE: MentionContext = { orgs: [], places: [], crimes: [], titles: [], iin: null }

function mention(name: string, context: Partial<MentionContext> = {}): MentionInput {
  return { kind: 'person', name, docId: 'new', context: { ...NONE, ...context } }
}

function candidate(names: string[], contexts: Partial<MentionContext>[] = []): Candidate {
  return {
    kind: 'person',
    names,
    context: contextOf(contexts.map((c) => ({ ...NONE, ...c }))),
    docIds: new Set(),
  }
}

function score(m: MentionInput, c: Candidate) {
  return scoreCandidate(m, parseName(m.name), c)
}

describe('titleKeys', () => {
  test('one office in Russian, Kazakh-Cyrillic and English meets on a key', () => {
    const ru = titleKeys('Президент Казахстана')
    const en = titleKeys('President of Kazakhstan')
    assert.ok(
      ru.some((k) => en.includes(k)),
      `${ru} / ${en}`,
    )
    assert.deepEqual(titleKeys(null), [])
  })
})

describe('identifierNear', () => {
  const text = 'Задержаны Ерлан Сапаров (ИИН 850612300152) и Марат Ахметов. Сумма — 5 млн.'
  const saparov = { start: text.indexOf('Ерлан'), end: text.indexOf(' (') }
  const akhmetov = { start: text.indexOf('Марат'), end: text.indexOf('.') }
  test('an IIN right after a name is that person’s', () => {
    assert.equal(identifierNear(text, [saparov], 'person', [akhmetov]), '850612300152')
  })
  test('not the next person’s: another name stands between', () => {
    assert.equal(identifierNear(text, [akhmetov], 'person', [saparov]), null)
  })
  test('an invalid checksum is no identifier', () => {
    const bad = text.replace('850612300152', '850612300153')
    assert.equal(identifierNear(bad, [saparov], 'person', [akhmetov]), null)
  })
})

describe('scoreCandidate', () => {
  const almatyFraud = { places: ['KZ-ALA'], crimes: ['fraud'], orgs: ['org:kz-police-almaty'] }

  test('the same person in another script with shared context links', () => {
    const s = score(
      mention('Yerlan Saparov', almatyFraud),
      candidate(['Ерлан Сапаров'], [almatyFraud]),
    )
    assert.equal(s.link, true)
    assert.ok(s.score > 1, String(s.score))
  })

  test('the same full name with no shared places or organisations stays apart', () => {
    const coach = { places: ['KZ-KAR'], orgs: ['name:fk Sahter'] }
    const s = score(mention('Ерлан Сапаров', coach), candidate(['Ерлан Сапаров'], [almatyFraud]))
    assert.equal(s.link, false)
    assert.ok(s.reasons.some((r) => r.startsWith('no shared places')))
  })

  test('the same full name with no context on one side links', () => {
    assert.equal(
      score(mention('Ерлан Сапаров'), candidate(['Ерлан Сапаров'], [almatyFraud])).link,
      true,
    )
  })

  test('a surname alone links only with shared context', () => {
    const c = candidate(['Ерлан Сапаров'], [almatyFraud])
    assert.equal(score(mention('Сапаров'), c).link, false)
    assert.equal(score(mention('Сапаров', almatyFraud), c).link, true)
  })

  test('the son does not join the father through a bare surname of the entity', () => {
    const c = candidate(['Мухтар Аблязов', 'Аблязов'])
    assert.equal(score(mention('Мадияр Аблязов'), c).link, false)
  })

  test('IINs decide: different numbers never link, the same number links', () => {
    const c = candidate(['Айгуль Нурланова'], [{ ...almatyFraud, iin: '900311401211' }])
    assert.equal(
      score(mention('Айгуль Нурланова', { ...almatyFraud, iin: '970203400040' }), c).link,
      false,
    )
    assert.equal(
      score(mention('Aigul Nurlanova', { places: ['KZ-SHY'], iin: '900311401211' }), c).link,
      true,
    )
  })

  test('never joins an entity already in the same document', () => {
    const c = { ...candidate(['Ерлан Сапаров']), docIds: new Set(['new']) }
    assert.equal(score(mention('Ерлан Сапаров'), c).link, false)
  })
})

describe('organizationKey', () => {
  test('word order and script do not matter', () => {
    assert.equal(organizationKey('Алматы полициясы'), organizationKey('Politsiyasy Almaty'))
  })
})
