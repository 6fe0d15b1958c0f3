import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { firstChars, startTest } from './first-chars.ts'
import { CURRENCY_WORDS, SCALE_WORDS } from './money-patterns.ts'

const chars = (source: string) => {
  const set = firstChars(source)
  return set === null ? null : [...set].sort().join('')
}

describe('firstChars', () => {
  test('reads alternatives, optional groups, classes, escapes and lookaheads', () => {
    assert.equal(chars('(?:US\\s?)?cents?(?![\\p{L}])'), 'Uc')
    assert.equal(chars('те[нң]ге\\p{L}*|тг\\.'), 'т')
    assert.equal(chars('\\$|₸|€'), '$€₸')
    assert.equal(chars("(?:Uzbek\\s)?so['ʼ]ms?|сўм"), 'Usс')
    assert.equal(chars('x{0,2}y'), 'xy')
    assert.equal(chars('a*b+c'), 'ab')
  })

  test('gives up on what it does not enumerate', () => {
    assert.equal(chars('\\p{L}+tenge'), null)
    assert.equal(chars('[a-z]+'), null)
    assert.equal(chars('[^0-9]'), null)
    assert.equal(chars('.'), null)
    assert.equal(chars('a?'), null)
  })

  test('reads every currency and scale pattern of the money tables', () => {
    for (const w of [...CURRENCY_WORDS, ...SCALE_WORDS])
      assert.notEqual(firstChars(w.re), null, w.re)
  })
})

describe('startTest', () => {
  const mayStart = startTest([...CURRENCY_WORDS, ...SCALE_WORDS].map((w) => firstChars(w.re)))
  const starts = (s: string) => mayStart(s.codePointAt(0)!)

  test('accepts the first letter of every currency and scale word, in either case', () => {
    for (const word of [
      'tenge',
      'Теңге',
      'долларов',
      'USD',
      '$',
      '€',
      'млн',
      'Million',
      'k',
      'сом',
    ])
      assert.ok(starts(word), word)
  })

  test('folds case as the patterns do (Kelvin sign for k, long s for s)', () => {
    assert.ok(starts('\u212a'))
    assert.ok(starts('\u017f'))
  })

  test('rejects words no unit starts with', () => {
    for (const word of ['injured', 'жылғы', 'кг', 'offices', 'бет', 'new'])
      assert.ok(!starts(word), word)
  })

  test('accepts everything when a set could not be read', () => {
    assert.ok(startTest([new Set(['a']), null])('z'.charCodeAt(0)))
  })
})
