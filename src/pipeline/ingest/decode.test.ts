import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import iconv from 'iconv-lite'
import { decodeBytes } from './decode.ts'

const RU = 'Полиция Алматы задержала подозреваемого в мошенничестве'

describe('decodeBytes', () => {
  const cases: [string, Uint8Array, string][] = [
    ['utf-8', new TextEncoder().encode(RU), 'utf-8'],
    [
      'utf-8 with BOM',
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(RU)]),
      'utf-8',
    ],
    ['windows-1251', iconv.encode(RU, 'windows-1251'), 'windows-1251'],
    ['koi8-r', iconv.encode(RU, 'koi8-r'), 'koi8-r'],
    ['utf-16le with BOM', new Uint8Array([0xff, 0xfe, ...iconv.encode(RU, 'utf16le')]), 'utf-16le'],
  ]
  for (const [name, bytes, encoding] of cases) {
    test(`reads Russian text encoded as ${name}`, () => {
      assert.deepEqual(decodeBytes(bytes), { ok: true, text: RU, encoding })
    })
  }

  test('refuses binary content with a clear reason', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])

    const result = decodeBytes(png)

    assert.equal(result.ok, false)
    assert.match(result.ok ? '' : result.reason, /binary/)
  })
})
