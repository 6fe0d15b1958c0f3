import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { foldsByLowerCase, lowerCasePattern, lowerCaseSource } from './lower-case-patterns.ts'

describe('foldsByLowerCase', () => {
  it('accepts Latin, Cyrillic and Kazakh text with punctuation', () => {
    assert.ok(foldsByLowerCase('Police DETAINED 5 men — «Ұстады», № 12, “quoted” 10 000 ₸.'))
    assert.ok(foldsByLowerCase('ЁЛКА ӘЙЕЛ ҚАЗАҚСТАН Ії Ұұ Үү Ғғ Ңң Өө Һһ'))
    assert.ok(foldsByLowerCase(''))
  })
  it('refuses the characters lower case and case folding treat apart', () => {
    for (const s of ['İstanbul', 'ſtop', '5 µg', 'ΣΟΦΙΑ', 'Kelvin \u212a', 'Ⅻ', 'ﬀ'])
      assert.ok(!foldsByLowerCase(s), s)
  })
})

describe('lowerCaseSource', () => {
  it('lower-cases literal letters and keeps escapes', () => {
    assert.equal(lowerCaseSource('\\bThe ОПГ\\S\\p{L}+[A-Z]'), '\\bthe опг\\S\\p{L}+[a-z]')
    assert.equal(lowerCaseSource('\\u00a0x\\x2D'), '\\u00a0x\\x2D')
  })
  it('refuses what would match otherwise in lower case', () => {
    for (const src of ['\\p{Lu}', '\\P{L}', '(?<Name>a)', '\\k<a>', '\\u0410', '\\x41'])
      assert.equal(lowerCaseSource(src), null, src)
    assert.throws(() => lowerCasePattern(/\p{Lu}/u))
  })
})

describe('lowerCasePattern', () => {
  // Patterns of the kinds the stages run: word boundaries, look-behinds, classes, \p{L}.
  const patterns = [
    /\b(?:another|second)\s+(?:\p{L}+\s+)?(?:suspects?|men)\b|ещ[её] одн|(?<!\p{L})друг(?:ой|ая)(?!\p{L})|тағы бір/iu,
    /(?:в ходе|во время) (?:рейда|обыска)|\b(?:during|in) (?:the|a|an) raid\b|ОПГ|Ол\s+\p{L}/iu,
    /(?<!\p{L})(?:задержан\p{L}*|ұстал\p{L}*)|[A-Z]{2}\d|[а-я]ё/iu,
    /this|last|этого|текущего|прошлого/iu,
  ]
  const alphabet = [
    ...'aAbBtThHeEnNrRsSxX ',
    ...'дДрРуУгГоОйЙаАёЁеЕзЗхХвВиИпПлЛьЬсСтТнНщЩ',
    ...'ҚқҰұӘәІі',
    ...'0123456789.,;-«»—\n',
  ]
  const word = fc.constantFrom(
    'another',
    'Second',
    'SUSPECTS',
    'men',
    'ещё одна',
    'Другой',
    'ТАҒЫ БІР',
    'в ходе',
    'Рейда',
    'during',
    'the',
    'a',
    'Raid',
    'ОПГ',
    'опг',
    'Ол',
    'Задержанный',
    'ұсталды',
    'AB1',
    'прошлого',
    'THIS',
  )
  const text = fc
    .array(fc.oneof(fc.constantFrom(...alphabet), word), { maxLength: 40 })
    .map((parts) => parts.join(''))
  it('answers as the `/iu` pattern on every text that folds', () => {
    const lowered = patterns.map(lowerCasePattern)
    fc.assert(
      fc.property(text, (s) => {
        if (!foldsByLowerCase(s)) return
        const low = s.toLowerCase()
        patterns.forEach((re, i) => {
          assert.equal(lowered[i]!.test(low), re.test(s), `${re.source} on ${JSON.stringify(s)}`)
        })
      }),
      { numRuns: 3000 },
    )
  })
})
