import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createWordLexicon, scanWords } from './word-lexicon.ts'

const words = (text: string) => {
  const s = scanWords(text)
  return s.norms.map((n, i) => [n, text.slice(s.starts[i], s.ends[i]), s.breakBefore[i]])
}

describe('scanWords', () => {
  it('folds case, ё and typographic apostrophes, and keeps offsets into the text', () => {
    assert.deepEqual(words('Ещё ПОЛИЦИЯ задержала O’Brien, экс-акима.'), [
      ['еще', 'Ещё', false],
      ['полиция', 'ПОЛИЦИЯ', false],
      ['задержала', 'задержала', false],
      ["o'brien", 'O’Brien', false],
      ['экс-акима', 'экс-акима', true],
    ])
  })

  it('ends a word at a hyphen or apostrophe that no letter follows', () => {
    assert.deepEqual(
      words("Kazakh- and Kyrgyz' police").map((w) => w[0]),
      ['kazakh', 'and', 'kyrgyz', 'police'],
    )
  })

  it('reads letters outside the Basic Multilingual Plane as part of a word', () => {
    assert.deepEqual(
      words('𝐏olice 𝐝etained').map((w) => w[1]),
      ['𝐏olice', '𝐝etained'],
    )
  })

  it('folds a final sigma as lower-casing the whole text does', () => {
    // "ΑΣ.Β": the sigma is not final, since a letter follows the full stop.
    assert.deepEqual(
      words('ΑΣ.Β ΟΔΥΣΣΕΥΣ').map((w) => w[0]),
      ['ασ', 'β', 'οδυσσευς'],
    )
  })

  it('keeps offsets when lower-casing would lengthen the text (İ)', () => {
    const text = 'İstanbul polisi Almaty'
    assert.deepEqual(
      words(text).map((w) => w[1]),
      ['İstanbul', 'polisi', 'Almaty'],
    )
  })
})

describe('createWordLexicon', () => {
  const lexicon = createWordLexicon([
    { phrase: 'кража', value: 'theft' },
    { phrase: 'мошенни*', value: 'fraud' },
    { phrase: 'мошенничество в особо крупном размере', value: 'big fraud' },
    { phrase: 'взят*', value: 'bribe' },
    { phrase: 'взятк*', value: 'bribe, longer root' },
    { phrase: 'ст', value: 'short' },
    { phrase: 'KNB', value: 'agency', caseSensitive: true },
  ])
  const match = (text: string) => lexicon.match(text).map((m) => [m.text, m.value])

  it('finds exact words, prefix roots and phrases, longest first', () => {
    assert.deepEqual(
      match('Кража и Мошенничество в особо крупном размере; мошенник дал взятку по ст. 366.'),
      [
        ['Кража', 'theft'],
        ['Мошенничество в особо крупном размере', 'big fraud'],
        ['мошенник', 'fraud'],
        ['взятку', 'bribe, longer root'],
        ['ст', 'short'],
      ],
    )
  })

  it('does not match a phrase across punctuation or a case-sensitive entry in another case', () => {
    assert.deepEqual(match('мошенничество, в особо крупном размере; knb и KNB'), [
      ['мошенничество', 'fraud'],
      ['KNB', 'agency'],
    ])
  })

  it('stays linear on thousands of repeated crime words', () => {
    const text = 'мошенничество взятка кража '.repeat(20_000)
    const started = performance.now()
    assert.equal(lexicon.match(text).length, 60_000)
    assert.ok(performance.now() - started < 2000, 'took too long')
  })
})
