/**
 * Generates HTML news pages for the ingest benchmark, deterministically: the articles of
 * `generate-corpus.ts` (invented en/ru/kk press releases) framed by the furniture of a handful
 * of invented news sites (navigation, a ticker, a cookie banner, "read also" links, a legal
 * footer), 2–10 KB each, with near duplicates: about one page in eight reprints an earlier
 * article on another site, re-edited (a paragraph dropped, a line added).
 */
import type { RawDoc } from '#core/document.ts'
import type { Lang } from '#core/lang.ts'
import { generateCorpus } from './generate-corpus.ts'
import { createRandom } from './random.ts'

/** Options of {@link generatePages}. */
export interface PageOptions {
  readonly pages: number
  /** Default: 20261123. */
  readonly seed?: number
  /** Share of pages that reprint an earlier article (default 0.12). */
  readonly reprintShare?: number
  /** Number of the first page (ids are `page-NNNNNN`); default 0. */
  readonly first?: number
}

interface Site {
  readonly host: string
  readonly lang: Lang
  readonly nav: readonly string[]
  readonly ticker: string
  readonly cookie: string
  readonly readAlso: string
  readonly footer: string
}

// Invented sites: names, links and legal lines are made up.
const SITES: readonly Site[] = [
  {
    host: 'news.example-kz.test',
    lang: 'en',
    nav: ['Home', 'Politics', 'Economy', 'Incidents', 'Regions', 'Sport', 'Contacts'],
    ticker: 'USD 478.20 · EUR 512.40 · RUB 5.31 · Brent 81.3',
    cookie: 'We use cookies to improve your experience. By continuing to browse you agree.',
    readAlso: 'Read also',
    footer: '© 2026 Example KZ News. Reproduction only with a hyperlink to the source.',
  },
  {
    host: 'vesti.primer.test',
    lang: 'ru',
    nav: ['Главная', 'Политика', 'Экономика', 'Происшествия', 'Регионы', 'Спорт', 'Контакты'],
    ticker: 'USD 478,20 · EUR 512,40 · RUB 5,31 · нефть 81,3',
    cookie: 'Мы используем файлы cookie. Продолжая просмотр сайта, вы соглашаетесь с этим.',
    readAlso: 'Читайте также',
    footer: '© 2026 Вести Пример. Перепечатка материалов только с гиперссылкой на источник.',
  },
  {
    host: 'zhanalyq.mysal.test',
    lang: 'kk',
    nav: ['Басты бет', 'Саясат', 'Экономика', 'Оқиға', 'Аймақтар', 'Спорт', 'Байланыс'],
    ticker: 'USD 478,20 · EUR 512,40 · RUB 5,31 · мұнай 81,3',
    cookie: 'Біз cookie файлдарын қолданамыз. Сайтты қарауды жалғастыра отырып, келісесіз.',
    readAlso: 'Тағы оқыңыз',
    footer: '© 2026 Жаңалық Мысал. Материалдарды көшіру тек сілтеме арқылы рұқсат етіледі.',
  },
  {
    host: 'aqparat.mysal.test',
    lang: 'kk',
    nav: ['Жаңалықтар', 'Қоғам', 'Құқық', 'Өңірлер', 'Мәдениет', 'Байланыс'],
    ticker: 'Ауа райы: Астана −3 · Алматы +8 · Шымкент +12',
    cookie: 'Сайт cookie файлдарын пайдаланады. Толығырақ құпиялылық саясатында.',
    readAlso: 'Ұқсас жаңалықтар',
    footer: '© 2026 Ақпарат Мысал. Барлық құқықтар қорғалған. Жарнама бөлімі: 8 700 000 00 00',
  },
  {
    host: 'police-press.example.test',
    lang: 'ru',
    nav: ['Новости', 'Обращения', 'Розыск', 'Документы', 'Контакты'],
    ticker: 'Телефон доверия 102 · Единый контакт-центр 1414',
    cookie: 'Сайт использует cookie для статистики посещений.',
    readAlso: 'Другие новости',
    footer: '© 2026 Пресс-служба полиции (пример). Все права защищены.',
  },
  {
    host: 'daily.example-asia.test',
    lang: 'en',
    nav: ['World', 'Central Asia', 'Business', 'Crime', 'Opinion'],
    ticker: 'Breaking: markets open higher · Weather: Almaty +12',
    cookie: 'This site uses cookies. Accept all cookies or manage your preferences.',
    readAlso: 'More stories',
    footer: '© 2026 Daily Example Asia Ltd. Terms of use · Privacy policy · Advertising',
  },
]

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/** Frames an article (headline + paragraphs) in a site's page furniture. */
export function renderPage(
  site: Site,
  article: { headline: string; paragraphs: readonly string[]; published: string | null },
  related: readonly string[],
): string {
  const nav = site.nav.map((n, i) => `<li><a href="/section/${i}">${escapeHtml(n)}</a></li>`)
  const also = related.map((h, i) => `<li><a href="/news/${i}">${escapeHtml(h)}</a></li>`)
  const body = article.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')
  return `<!doctype html>
<html lang="${site.lang}"><head><meta charset="utf-8">
<title>${escapeHtml(article.headline)} | ${site.host}</title>
<meta property="og:title" content="${escapeHtml(article.headline)}">
${article.published ? `<meta property="article:published_time" content="${article.published}T09:00:00+05:00">` : ''}
<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js"></script>
</head><body>
<div class="cookie-banner">${escapeHtml(site.cookie)}</div>
<header><div class="logo"><a href="/">${site.host}</a></div><nav><ul>${nav.join('')}</ul></nav>
<div class="ticker">${escapeHtml(site.ticker)}</div></header>
<main><article><h1>${escapeHtml(article.headline)}</h1>
${article.published ? `<time datetime="${article.published}">${article.published}</time>` : ''}
${body}
</article>
<aside class="read-also"><h3>${escapeHtml(site.readAlso)}</h3><ul>${also.join('')}</ul></aside></main>
<footer><p>${escapeHtml(site.footer)}</p></footer>
</body></html>
`
}

/**
 * Builds `options.pages` HTML pages. Each article comes from the benchmark corpus (one to three
 * of its stories joined, so pages span 2–10 KB); reprints copy an earlier page's article to
 * another site, re-edited.
 */
export function generatePages(options: PageOptions): RawDoc[] {
  const random = createRandom(options.seed ?? 20261123)
  const reprintShare = options.reprintShare ?? 0.12
  // About 1.5 KB of text per corpus story; up to three per page, plus slack.
  const stories = generateCorpus({
    bytes: options.pages * 3200 + 10_000,
    seed: options.seed ?? 20261123,
  })
  const byLang = new Map<Lang, RawDoc[]>()
  for (const s of stories) {
    const lang = (s.id.split('-')[1] ?? 'en') as Lang
    const list = byLang.get(lang) ?? []
    list.push(s)
    byLang.set(lang, list)
  }
  const cursor = new Map<Lang, number>()
  const nextStory = (lang: Lang): RawDoc => {
    const list = byLang.get(lang) ?? stories
    const i = cursor.get(lang) ?? 0
    cursor.set(lang, i + 1)
    return list[i % list.length] as RawDoc
  }
  const pages: RawDoc[] = []
  const articles: {
    lang: Lang
    headline: string
    paragraphs: string[]
    published: string | null
    site: number
  }[] = []
  for (let i = 0; i < options.pages; i++) {
    const reprint = articles.length > 20 && random() < reprintShare
    let siteIndex: number
    let article: (typeof articles)[number]
    if (reprint) {
      const original = articles[Math.floor(random() * articles.length)]!
      const candidates = SITES.map((s, k) => ({ s, k })).filter(
        (x) => x.s.lang === original.lang && x.k !== original.site,
      )
      siteIndex = candidates.length > 0 ? candidates[i % candidates.length]!.k : original.site
      // Re-edited: the last paragraph dropped (when there are enough), a closing line added.
      const paragraphs =
        original.paragraphs.length > 4 ? original.paragraphs.slice(0, -1) : original.paragraphs
      article = {
        ...original,
        site: siteIndex,
        paragraphs: [...paragraphs, `${SITES[siteIndex]!.readAlso}: ${SITES[siteIndex]!.host}`],
      }
    } else {
      siteIndex = Math.floor(random() * SITES.length)
      const lang = SITES[siteIndex]!.lang
      const parts = 1 + Math.floor(random() * random() * 3.5)
      const texts = Array.from({ length: parts }, () => nextStory(lang))
      const [first, ...rest] = texts.map((t) => t.raw.trim().split(/\n\n+/))
      const paragraphs = [...(first ?? []).slice(1), ...rest.flatMap((p) => p.slice(1))]
      article = {
        lang,
        headline: first?.[0] ?? '',
        paragraphs,
        published: texts[0]?.published ?? null,
        site: siteIndex,
      }
      articles.push(article)
    }
    const site = SITES[siteIndex]!
    // Headlines of earlier articles of the same language: the site's "read also" box.
    const sameLang = articles.filter((a) => a.lang === site.lang)
    const related = Array.from(
      { length: Math.min(5, sameLang.length) },
      (_, k) => sameLang[sameLang.length - 1 - ((i + k * 3) % sameLang.length)]!.headline,
    )
    const n = String(i + (options.first ?? 0)).padStart(6, '0')
    const url = `https://${site.host}/news/${n}`
    pages.push({
      id: `page-${n}`,
      source: url,
      url,
      format: 'html',
      raw: renderPage(site, article, related),
      published: article.published,
    })
  }
  return pages
}

/**
 * Yields `options.pages` pages generated `chunk` at a time (each chunk with its own seed and
 * its own reprints), so that a 100,000-page run does not hold every page in memory at once.
 */
export function* streamPages(
  options: PageOptions & { readonly chunk?: number },
): Generator<RawDoc> {
  const chunk = options.chunk ?? 1000
  const seed = options.seed ?? 20261123
  for (let first = 0; first < options.pages; first += chunk) {
    yield* generatePages({
      ...options,
      pages: Math.min(chunk, options.pages - first),
      seed: seed + first,
      first,
    })
  }
}
