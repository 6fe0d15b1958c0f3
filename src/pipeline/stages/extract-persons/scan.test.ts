import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeWord, tokenize } from '../../text/tokenize.ts'
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

  it('folds capitalised words like the shared normaliser, for every capital letter', () => {
    const capitals = 'ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІЎҲ'
    const words = [...capitals].flatMap((c) => [
      `${c}ерлан`,
      `${c}olat`,
      `${c}ёлка`,
      `${c}-Жан`,
      `${c}’s`,
      `${c}ұлы`,
      `${c}`,
    ])
    const tokens = scanTokens(words.join(' '))
    for (const t of tokens)
      if (t.isWord) assert.equal(t.norm, normalizeWord(t.text), `norm of ${t.text}`)
    assert.equal(tokens.filter((t) => t.isWord).length, words.length)
  })
})
