import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  codePointAt,
  isLetter,
  isLower,
  isNumber,
  isUpper,
  isWhitespace,
  isWordChar,
} from './char-class.ts'

describe('char-class', () => {
  it('answers as the Unicode property expressions do, for every code point', () => {
    const checks: [(cp: number) => boolean, RegExp][] = [
      [isLetter, /^\p{L}$/u],
      [isUpper, /^\p{Lu}$/u],
      [isLower, /^\p{Ll}$/u],
      [isNumber, /^\p{N}$/u],
      [isWordChar, /^[\p{L}\p{N}\p{M}]$/u],
      [isWhitespace, /^\s$/u],
    ]
    for (let cp = 0; cp < 0x110000; cp += cp < 0x10000 ? 1 : 97) {
      const s = String.fromCodePoint(cp)
      for (const [fn, re] of checks) assert.equal(fn(cp), re.test(s), `${re} U+${cp.toString(16)}`)
    }
  })
  it('reads surrogate pairs as one code point and lone surrogates as themselves', () => {
    const s = 'a𝐁\ud800b'
    assert.equal(codePointAt(s, 1), 0x1d401)
    assert.equal(codePointAt(s, 3), 0xd800)
    assert.equal(codePointAt(s, 5), -1)
    assert.equal(isLetter(0xd800), false)
  })
})
