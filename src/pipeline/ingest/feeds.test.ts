import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseFeed } from './feeds.ts'

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Пресс-служба ДП г. Алматы</title>
  <link>https://police.example.kz/</link>
  <item>
    <title><![CDATA[В Алматы задержан подозреваемый в мошенничестве на 12 млн тенге]]></title>
    <link>https://police.example.kz/news/2026/03/02/123</link>
    <pubDate>Mon, 02 Mar 2026 08:15:00 +0500</pubDate>
  </item>
  <item>
    <title>Полицейские изъяли 3 кг гашиша</title>
    <guid>/news/2026/03/01/120</guid>
    <dc:date>2026-03-01T12:00:00+05:00</dc:date>
  </item>
  <item><title>no link at all</title></item>
</channel>
</rss>`

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Prosecutor General's Office</title>
  <entry>
    <title type="html">Former akim sentenced to 7 years for embezzlement</title>
    <link rel="enclosure" href="https://prokuror.example.kz/img/1.jpg"/>
    <link rel="alternate" href="/en/news/4411"/>
    <published>2026-02-27T09:30:00Z</published>
    <updated>2026-02-28T10:00:00Z</updated>
  </entry>
  <entry>
    <title>Updated only</title>
    <link href="https://prokuror.example.kz/en/news/4412#top"/>
    <updated>2026-02-28T11:00:00Z</updated>
  </entry>
</feed>`

const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example.kz/kk/article/55</loc><lastmod>2026-03-03</lastmod></url>
  <url>
    <loc>https://news.example.kz/ru/article/56</loc>
    <news:news><news:title>Экстрадирован из ОАЭ</news:title>
    <news:publication_date>2026-03-04T07:00:00+06:00</news:publication_date></news:news>
  </url>
</urlset>`

const INDEX = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.kz/sitemap-2026-03.xml</loc></sitemap>
  <sitemap><loc>javascript:alert(1)</loc></sitemap>
</sitemapindex>`

describe('parseFeed', () => {
  test('RSS 2.0: links, guids resolved against the feed URL, dates in UTC', () => {
    const f = parseFeed(RSS, 'https://police.example.kz/rss')
    assert.ok(f.ok)
    assert.equal(f.kind, 'rss')
    assert.equal(f.title, 'Пресс-служба ДП г. Алматы')
    assert.deepEqual(
      f.items.map((i) => [i.url, i.published]),
      [
        ['https://police.example.kz/news/2026/03/02/123', '2026-03-02T03:15:00.000Z'],
        ['https://police.example.kz/news/2026/03/01/120', '2026-03-01T07:00:00.000Z'],
      ],
    )
    assert.equal(
      f.items[0]?.title,
      'В Алматы задержан подозреваемый в мошенничестве на 12 млн тенге',
    )
  })

  test('Atom: the alternate link, published before updated', () => {
    const f = parseFeed(ATOM, 'https://prokuror.example.kz/feed.atom')
    assert.ok(f.ok)
    assert.deepEqual(
      f.items.map((i) => [i.url, i.published]),
      [
        ['https://prokuror.example.kz/en/news/4411', '2026-02-27T09:30:00.000Z'],
        ['https://prokuror.example.kz/en/news/4412', '2026-02-28T11:00:00.000Z'],
      ],
    )
  })

  test('sitemaps: urlset with Google News titles, and sitemap indexes', () => {
    const s = parseFeed(SITEMAP, 'https://news.example.kz/sitemap.xml')
    const i = parseFeed(INDEX, 'https://news.example.kz/sitemap.xml')
    assert.ok(s.ok && i.ok)
    assert.deepEqual(
      s.items.map((x) => [x.url, x.title, x.published]),
      [
        ['https://news.example.kz/kk/article/55', null, '2026-03-03'],
        [
          'https://news.example.kz/ru/article/56',
          'Экстрадирован из ОАЭ',
          '2026-03-04T01:00:00.000Z',
        ],
      ],
    )
    assert.equal(i.kind, 'sitemapindex')
    assert.deepEqual(
      i.items.map((x) => [x.url, x.isSitemap]),
      [['https://news.example.kz/sitemap-2026-03.xml', true]],
    )
  })

  const bad: [string, string, RegExp][] = [
    ['an HTML page', '<!doctype html><html><body>hi</body></html>', /not a feed|malformed/],
    ['plain text', 'hello', /not XML/],
    ['empty input', '', /not XML/],
  ]
  for (const [name, input, reason] of bad) {
    test(`${name} gives a clear reason`, () => {
      const f = parseFeed(input, 'https://x.example/')
      assert.equal(f.ok, false)
      assert.match(f.ok ? '' : f.reason, reason)
    })
  }

  test('truncated XML yields the items before the cut', () => {
    const f = parseFeed(
      RSS.slice(0, RSS.indexOf('<item>', RSS.indexOf('<item>') + 1)),
      'https://police.example.kz/',
    )
    assert.ok(f.ok)
    assert.equal(f.items.length, 1)
  })

  test('a large hostile feed parses fast', () => {
    const big = `<rss><channel>${'<item><title>x</title><link>/a</link></item>'.repeat(20_000)}</channel></rss>`
    const started = performance.now()
    const f = parseFeed(big, 'https://x.example/')
    assert.ok(f.ok && f.items.length === 20_000)
    assert.ok(performance.now() - started < 3000)
  })
})
