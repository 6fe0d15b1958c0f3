import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CleanDoc, RawDoc } from '#core/document.ts'
import { isAppError } from '#core/errors.ts'
import { clean, cleanHtml } from './clean.ts'
import { isoDate } from './metadata.ts'

const ctx = { signal: new AbortController().signal, report() {} }

function raw(
  text: string,
  format: 'text' | 'html' = 'text',
  published: string | null = null,
): RawDoc {
  return { id: 'd1', source: 'd1', url: null, format, raw: text, published }
}

function run(doc: RawDoc): CleanDoc {
  const out = clean().run(doc, ctx)
  assert.ok(!(out instanceof Promise))
  return out
}

const PARAGRAPH =
  'Officers of the Almaty police department detained a 34-year-old resident suspected of fraud. ' +
  'According to the investigation, he deceived more than twenty people by promising them loans. '

const ARTICLE_HTML = `<!doctype html><html><head>
<title>Almaty police detain loan fraud suspect | Example News</title>
<meta property="og:title" content="Almaty police detain loan fraud suspect">
<meta property="article:published_time" content="2025-03-14T09:30:00+05:00">
<meta name="author" content="Aigerim Sultanova">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Almaty police detain loan fraud suspect","datePublished":"2025-03-14T09:30:00+05:00","author":{"@type":"Person","name":"Aigerim Sultanova"}}</script>
<style>.x{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/crime">Crime</a></nav>
<article><h1>Almaty police detain loan fraud suspect</h1>
<p>${PARAGRAPH}</p><p>${PARAGRAPH}</p><p>The case was opened under Article 190 of the Criminal Code.\u0007</p>
<script>var tracking = 1;</script></article>
<footer>© 2025 Example News</footer></body></html>`

describe('clean', () => {
  it('passes plain text through unchanged, offsets included', () => {
    const text = ' date 2025-01-01 Фото: МВД\r\n\nПолиция задержала\u0007 двоих.'
    const out = run(raw(text))
    assert.equal(out.text, text)
    assert.equal(out.title, null)
  })

  it('keeps the article text of an HTML page with paragraph breaks', () => {
    const out = run(raw(ARTICLE_HTML, 'html'))
    assert.ok(out.text.includes('Officers of the Almaty police department detained'))
    assert.ok(out.text.includes('Article 190 of the Criminal Code.'))
    assert.ok(out.text.includes('\n\n'), 'paragraphs are separated by a blank line')
    assert.ok(!out.text.includes('tracking'), 'scripts are dropped')
    assert.ok(!out.text.includes('color:red'), 'styles are dropped')
    assert.ok(!out.text.includes(String.fromCharCode(7)), 'control characters are stripped')
  })

  it('reads headline, publication date and author from metadata', () => {
    const out = run(raw(ARTICLE_HTML, 'html'))
    assert.equal(out.title, 'Almaty police detain loan fraud suspect')
    assert.equal(out.published, '2025-03-14')
    assert.equal(out.author, 'Aigerim Sultanova')
    assert.equal(cleanHtml(ARTICLE_HTML).author, 'Aigerim Sultanova')
  })

  it('keeps a publication date the source already gave', () => {
    assert.equal(run(raw(ARTICLE_HTML, 'html', '2025-03-15')).published, '2025-03-15')
  })

  it('reads the date of a <time datetime> when there is no meta tag', () => {
    const html = `<html><body><time datetime="2024-11-06">6 Nov</time><p>${PARAGRAPH}</p></body></html>`
    assert.equal(run(raw(html, 'html')).published, '2024-11-06')
  })

  it('falls back to the body text when article extraction keeps little', () => {
    const html = `<html><body><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/n${i}">Court jails official number ${i} for bribery in Taraz</a></li>`).join('')}</ul></body></html>`
    const out = run(raw(html, 'html'))
    for (let i = 0; i < 8; i++) assert.ok(out.text.includes(`official number ${i}`))
  })

  it('never throws on broken markup', () => {
    for (const html of [
      '<div><p>unclosed',
      '<<<>>>',
      '',
      '<script>never closed',
      '<a href="x">'.repeat(2000),
    ]) {
      assert.equal(typeof run(raw(html, 'html')).text, 'string')
    }
  })

  it('refuses huge documents with a clear error', () => {
    const stage = clean({ maxChars: 1000 })
    assert.throws(
      () => stage.run(raw('x'.repeat(1001)), ctx),
      (e: unknown) =>
        isAppError(e) && e.code === 'too_large' && /over the limit of 1000/u.test(e.message),
    )
  })

  it('handles deeply nested hostile markup in time', () => {
    const html = `<html><body>${'<div><span>word </span>'.repeat(5_000)}${'</div>'.repeat(5_000)}</body></html>`
    const t0 = performance.now()
    const out = run(raw(html, 'html'))
    assert.ok(out.text.startsWith('word'))
    assert.ok(performance.now() - t0 < 10_000, `took ${performance.now() - t0} ms`)
  })
})

describe('isoDate', () => {
  const cases: [string | null, string | null][] = [
    ['2025-04-03T10:20:00+05:00', '2025-04-03'],
    ['2016-04', '2016-04'],
    ['03.04.2025', null],
    ['2025-13-01', null],
    [null, null],
  ]
  for (const [input, iso] of cases) it(`reads ${input}`, () => assert.equal(isoDate(input), iso))
})
