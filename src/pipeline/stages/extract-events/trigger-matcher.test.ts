import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createWordLexicon, scanWords } from '../extract-crimes/word-lexicon.ts'
import { createTriggerMatcher } from './trigger-matcher.ts'

// Entries that exercise every rule: exact and prefix words, phrases that share their first
// word, one-letter words and roots, a blocker that must win over a shorter trigger.
const ENTRIES = [
  { phrase: 'detained', value: 'arrest' },
  { phrase: 'the detention of', value: 'arrest' },
  { phrase: 'temporary detention centre', value: '-' },
  { phrase: 'detention', value: 'arrest' },
  { phrase: 'задержан*', value: 'arrest' },
  { phrase: 'задержанн*', value: 'suspect' },
  { phrase: 'в отношении', value: 'case' },
  { phrase: 'в розыск*', value: 'wanted' },
  { phrase: 'с*', value: 'short-root' },
  { phrase: 'сот* үкім*', value: 'sentence' },
  { phrase: 'o’brien', value: 'name' },
  { phrase: 'ёлка', value: 'yo' },
]

const TEXTS = [
  'Police detained two men; the detention of a third followed. He was held in a temporary detention centre.',
  'The detention, of course, ended. The Detention Of the leader was reported.',
  'Задержанный признал вину, задержанные мужчины объявлены в розыск. В отношении них, в. розыске нет.',
  'Сот үкімі шықты. Сотқа дейінгі тергеу, сот. Үкім.',
  "O’Brien and O'Brien met near the Ёлка and ёлка; с, c, С.",
  '',
  'detention detention detention of of the the detention of',
  // Letters whose fold the matcher's filter cannot read by table: "İ" lowers to two units, "Σ"
  // by what follows, "ʼ" is replaced in some words only.
  'İDETAINED ΣΑΣ Detained DETENTION OF ЗАДЕРЖАНЫ Задержанные oʼbrien O’BRIEN ЁЛКА',
]

describe('createTriggerMatcher', () => {
  it('finds the same matches as the shared word lexicon', () => {
    const shared = createWordLexicon(ENTRIES)
    const own = createTriggerMatcher(ENTRIES)
    for (const text of TEXTS) {
      const scan = scanWords(text)
      // Plain objects: the own matcher cuts a match's text when it is read.
      const plain = own.match(text, scan).map((m) => ({
        start: m.start,
        end: m.end,
        text: m.text,
        value: m.value,
        wordStart: m.wordStart,
        wordEnd: m.wordEnd,
      }))
      assert.deepEqual(plain, shared.match(text, scan), text)
    }
  })

  it('stays linear on hostile input: repeated phrase openers, one very long word', () => {
    const own = createTriggerMatcher(ENTRIES)
    // Every word opens a phrase and none completes one; then a 1 MB word with a key's head.
    const texts = ['the detention '.repeat(40_000), `в отношени${'и'.repeat(1_000_000)}`]
    for (const text of texts) {
      const scan = scanWords(text)
      const started = performance.now()
      const found = own.match(text, scan)
      assert.ok(performance.now() - started < 2000, 'took too long')
      assert.ok(found.length <= scan.norms.length)
    }
  })

  it('prefers the longer phrase and never matches across punctuation', () => {
    const own = createTriggerMatcher(ENTRIES)
    const text = 'the detention of X; the detention, of Y'
    const found = own.match(text, scanWords(text)).map((m) => [m.text, m.value])
    assert.deepEqual(found, [
      ['the detention of', 'arrest'],
      ['detention', 'arrest'],
    ])
  })
})
