import assert from 'node:assert/strict'
import { test } from 'node:test'
import { tokenize } from '../../text/tokenize.ts'
import { orgTokens } from './org-tokens.ts'

// The hand-written scanner must cut the same tokens as the shared tokenizer's pattern.
const TEXTS = [
  'Департамент полиции г. Усть-Каменогорска задержал 2 подозреваемых.',
  'ШҚО Полиция департаментінің қызметкерлері «Қазақтелеком» АҚ-да тексеру жүргізді.',
  "The KNB officers and O'Brien met the delegation — 12,5 млн тенге!",
  'Ёлкин и ЁЛКИН, Жаңаөзен, ӘКІМДІГІ, Қостанай облысы; iPhone-15 and ʼapostrophes’ too.',
  'Emoji 😀 and 𝐀𝐁𝐂-𝐃 letters, a lone \ud800 surrogate, combining e\u0301 and \u0301 alone.',
  'no\u00a0break\u2028line\u3000ideographic\ufeffbom\u200bzero-width\ttab\r\nCRLF',
  '-- - -x x- x--y ’’ ʼʼ',
]

test('orgTokens cuts and folds words like the shared tokenizer', () => {
  for (const text of TEXTS) {
    const mine = orgTokens(text).map((t) => [t.start, t.fullEnd, t.norm])
    const shared = tokenize(text).map((t) => [t.start, t.end, t.norm])
    assert.deepEqual(mine, shared, text)
  }
})

test('orgTokens marks line starts, capitals and abbreviations', () => {
  const toks = orgTokens('МВД РК сообщило.\nПолиция задержала')
  assert.deepEqual(
    toks.map((t) => [t.text, t.upper, t.cap, t.sentStart, t.nlBefore]),
    [
      ['МВД', true, true, true, false],
      ['РК', true, true, false, false],
      ['сообщило', false, false, false, false],
      ['.', false, false, false, false],
      ['Полиция', false, true, true, true],
      ['задержала', false, false, false, false],
    ],
  )
})
