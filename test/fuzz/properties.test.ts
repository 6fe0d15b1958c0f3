/** The fuzz invariants themselves catch what they claim to catch. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { DateMention, Money } from '#core/facts.ts'
import { buildExtractedDoc } from '../helpers/build-doc.ts'
import { spanProblems } from './properties.ts'

const TEXT = 'Суд оштрафовал его на 5 млн тенге 12 марта 2025 года.'
const provenance = { stage: 'test', version: 1 }
const money = (start: number, end: number, text: string): Money => ({
  start,
  end,
  text,
  amount: 5_000_000,
  currency: 'KZT',
  conversion: null,
  provenance,
})

test('a sound document has no problems', () => {
  const start = TEXT.indexOf('5 млн')
  const date: DateMention = {
    start: TEXT.indexOf('12 марта'),
    end: TEXT.indexOf(' года'),
    text: '12 марта 2025',
    iso: '2025-03-12',
    relative: false,
    provenance,
  }
  const doc = buildExtractedDoc({
    text: TEXT,
    money: [money(start, start + 11, '5 млн тенге')],
    dates: [date],
  })
  assert.deepEqual(spanProblems(doc), [])
})

test('a mention whose text is not the slice it points at is caught', () => {
  const start = TEXT.indexOf('5 млн')
  const doc = buildExtractedDoc({
    text: TEXT,
    money: [money(start + 1, start + 12, '5 млн тенге')],
  })
  const problems = spanProblems(doc)
  assert.equal(problems.length, 1)
  assert.match(problems[0] ?? '', /^money\[0\]: mention text/)
})

test('spans outside the text, reversed spans and a content of another length are caught', () => {
  const doc = buildExtractedDoc({
    text: TEXT,
    content: TEXT.slice(1),
    sentences: [
      { start: 0, end: TEXT.length + 1 },
      { start: 5, end: 4 },
      { start: -1, end: 2 },
    ],
  })
  assert.deepEqual(spanProblems(doc), [
    `content length ${TEXT.length - 1} != text length ${TEXT.length}`,
    `sentences[0]: span [0, ${TEXT.length + 1}) outside [0, ${TEXT.length}]`,
    `sentences[1]: span [5, 4) outside [0, ${TEXT.length}]`,
    `sentences[2]: span [-1, 2) outside [0, ${TEXT.length}]`,
  ])
})
