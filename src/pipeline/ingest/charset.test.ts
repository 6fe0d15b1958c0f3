import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import iconv from 'iconv-lite'
import { charsetFromContentType, charsetFromMarkup, decodeDeclared } from './charset.ts'

const KK = 'Алматы облысының полициясы алаяқтық бойынша күдіктіні ұстады'
const RU = 'Прокуратура направила в суд уголовное дело о хищении'

describe('decodeDeclared', () => {
  test('the header charset wins over sniffing', () => {
    const r = decodeDeclared(iconv.encode(RU, 'koi8-r'), {
      contentType: 'text/html; charset=KOI8-R',
    })
    assert.deepEqual(r.ok && [r.text, r.charsetSource], [RU, 'header'])
  })

  test('a BOM wins over a wrong header', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(KK, 'utf16le')])
    const r = decodeDeclared(bytes, { contentType: 'text/html; charset=windows-1251' })
    assert.deepEqual(r.ok && [r.text, r.charsetSource], [KK, 'bom'])
  })

  test('reads <meta charset> and the XML declaration', () => {
    const html = iconv.encode(
      `<html><head><meta charset="windows-1251"></head>${RU}`,
      'windows-1251',
    )
    const xml = iconv.encode(`<?xml version="1.0" encoding="KOI8-R"?><rss>${RU}</rss>`, 'koi8-r')
    const a = decodeDeclared(html)
    const b = decodeDeclared(xml)
    assert.ok(a.ok && a.text.includes(RU) && a.charsetSource === 'meta')
    assert.ok(b.ok && b.text.includes(RU) && b.charsetSource === 'meta')
  })

  test('Kazakh letters survive UTF-8 with an unknown declared charset (sniffed)', () => {
    const r = decodeDeclared(new TextEncoder().encode(KK), {
      contentType: 'text/html; charset=x-nonsense',
    })
    assert.deepEqual(r.ok && [r.text, r.charsetSource], [KK, 'sniffed'])
  })

  test('counts invalid bytes and never throws', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(RU), 0xc3, 0x28, 0xa0])
    const r = decodeDeclared(bytes, { contentType: 'text/plain; charset=utf-8' })
    assert.ok(r.ok)
    assert.equal(r.invalidBytes, 2)
  })

  test('refuses binary content', () => {
    const r = decodeDeclared(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), {
      contentType: 'text/html; charset=utf-8',
    })
    assert.equal(r.ok, false)
  })

  test('header parsing', () => {
    assert.equal(charsetFromContentType('text/html; Charset="UTF-8"'), 'utf-8')
    assert.equal(charsetFromContentType('text/html'), null)
    assert.equal(charsetFromMarkup(new TextEncoder().encode('<p>no meta</p>')), null)
  })
})
