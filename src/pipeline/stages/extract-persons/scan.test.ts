import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tokenize } from '../../text/tokenize.ts'
import { scanTokens } from './scan.ts'

describe('scanTokens', () => {
  it('gives the same tokens and offsets as the shared tokenizer on mixed en/ru/kk text', () => {
    const text =
      "Қасым-Жомарт Тоқаев’s aide O'Brien said: «Нұрлановтың ісі» — 1,6 млрд ₸ (KZT) at 10:30!\u00a0Ёлка, naïve café 🙂 ж.т.б. Ksenia P. — А.Ж. Серикбаев"
    const a = tokenize(text)
    const b = scanTokens(text)
    assert.deepEqual(
      b.map((t) => [t.text, t.start, t.end, t.isWord]),
      a.map((t) => [t.text, t.start, t.end, t.isWord]),
    )
    assert.equal(b.find((t) => t.text === 'Ёлка')?.norm, 'елка')
  })
})
