/**
 * Browser smoke test of the web UI against a real server: PGlite in a temporary directory, a
 * few sample documents ingested through the real pipeline, the built UI served by the real app
 * on a random loopback port, and Debian's Chromium driven by playwright-core.
 *
 * Skips (with the reason) when Chromium is not installed: `apt-get install -y chromium`.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { after, before, describe, test } from 'node:test'
import { type Browser, chromium, type Page } from 'playwright-core'
import { startUiServer, type UiServer } from './ui-server.ts'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const SKIP = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM}: apt-get install -y chromium`
const SHOTS = 'test-results'
/** The flags a root container needs, and no network chatter from the browser itself. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Polls `check` until it holds (10 s at most). Conditions run here, through locators, not as
 * code evaluated in the page: the app's CSP forbids eval, which string predicates need.
 */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('web UI', { timeout: 180_000 }, () => {
  let server: UiServer
  let browser: Browser

  before(async () => {
    if (SKIP) return
    server = await startUiServer()
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    await mkdir(SHOTS, { recursive: true })
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function openPage(
    width: number,
    height: number,
    locale = 'en-US',
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height }, locale })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    return { page, errors }
  }

  test('searches, lists results and opens a document with highlighted spans', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(server.url)
    await page.getByText('Search the record').waitFor()

    await page.fill('#q', 'tenge')
    await page.press('#q', 'Enter')
    await page.locator('.result').first().waitFor()

    const titles = await page.locator('.result-title').allTextContents()
    assert.ok(titles.length >= 1, 'at least one result')
    assert.match(new URL(page.url()).search, /[?&]q=tenge/)
    assert.ok((await page.locator('.snippet mark').count()) >= 1, 'snippets highlight the query')

    await page.locator('.result-title').first().click()
    await page.locator('.doc-text').waitFor()
    assert.match(new URL(page.url()).search, /[?&]doc=/)
    const marks = page.locator('.doc-text mark.ann')
    assert.ok((await marks.count()) >= 3, 'the reader highlights extracted spans')
    const types = await page
      .locator('.doc-text mark[data-type]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-type')))])
    assert.ok(types.length >= 2, `several span types are highlighted, got ${types.join(', ')}`)
    assert.ok(
      ((await marks.first().getAttribute('title')) ?? '').includes(':'),
      'tooltips give the label',
    )
    assert.equal(await page.locator('.legend-chip').count(), 9)

    await page.screenshot({ path: `${SHOTS}/ui-desktop.png` })

    await page.locator('.facts summary').click()
    assert.ok(
      (await page.locator('.fact').count()) >= 3,
      'the facts panel lists what was extracted',
    )
    await page.locator('.fact').first().click()
    await page.locator('.doc-text mark.flash').waitFor()
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('shows Kazakh text on a phone and comes back to the results', { skip: SKIP }, async () => {
    const { page, errors } = await openPage(390, 844)
    await page.goto(`${server.url}/?q=${encodeURIComponent('алаяқтық')}`)
    await page.locator('.result').first().waitFor()
    await page.screenshot({ path: `${SHOTS}/ui-phone-results.png` })

    await page.locator('.result-title').first().click()
    await page.locator('.doc-text').waitFor()
    const text = (await page.locator('.doc-text').textContent()) ?? ''
    assert.match(text, /[әғқңөұүһі]/, 'Kazakh letters arrive intact')
    assert.equal(
      await page.locator('.results-pane').isVisible(),
      false,
      'the reader takes the screen',
    )
    await page.screenshot({ path: `${SHOTS}/ui-phone.png`, fullPage: true })

    await page.getByRole('button', { name: '← Results' }).click()
    await page.locator('.result').first().waitFor()
    assert.doesNotMatch(new URL(page.url()).search, /doc=/)
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('shows markup inside an article as text, never as HTML', { skip: SKIP }, async () => {
    const { page } = await openPage(1280, 900)
    await page.goto(`${server.url}/?doc=${encodeURIComponent(server.hostileDocId)}`)
    await page.locator('.doc-text').waitFor()

    const text = (await page.locator('.doc-text').textContent()) ?? ''
    assert.ok(text.includes('<img src=x onerror=alert(1)>'), 'the markup is shown literally')
    assert.equal(await page.locator('.doc-text img, .doc-text script').count(), 0)
    await page.close()
  })

  test('shows markup typed as a search query as text, in the box and the page', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900)
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    await page.goto(`${server.url}/?q=${encodeURIComponent(payload)}`)
    await page.locator('.state.empty, .result').first().waitFor()

    assert.equal(await page.locator('main img, main script, .results img').count(), 0)
    assert.equal(
      await page.locator('input[type="search"], input[name="q"]').first().inputValue(),
      payload,
    )
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('says "about" when the server estimates the total of a common word', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900, 'ru-RU')
    // A record this small is always counted; the server's answer for a record of a million
    // documents is stood in for by estimating this one's total, as the API does for common words.
    await page.route('**/api/search?**', async (route) => {
      const response = await route.fetch()
      const body = await response.json()
      if (
        Array.isArray(body.items) &&
        body.items.length > 0 &&
        !new URL(route.request().url()).searchParams.get('facets')
      )
        Object.assign(body, { total: 310_000, totalIsLowerBound: false, totalIsEstimate: true })
      await route.fulfill({ response, json: body })
    })
    await page.goto(`${server.url}/?q=tenge`)
    await page.locator('.result').first().waitFor()
    const count = (await page.locator('.result-count').textContent()) ?? ''
    assert.match(count, /из около 310\s000 документов/)
    await page.screenshot({ path: `${SHOTS}/ui-estimate.png` })
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('says so when nothing matches', { skip: SKIP }, async () => {
    const { page } = await openPage(1280, 900)
    await page.goto(`${server.url}/?q=zzxqvw`)

    await page.locator('.state.empty').waitFor()
    assert.match((await page.locator('.state.empty').textContent()) ?? '', /No documents match/)
    await page.close()
  })

  test('speaks the browser language, switches to Kazakh and remembers the choice', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900, 'ru-RU')
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Поиск по базе' }).waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'ru')
    assert.equal(await page.locator('button[type=submit]').textContent(), 'Найти')

    await page.selectOption('#ui-locale', 'kk')
    await page.getByRole('heading', { name: 'Деректер қорынан іздеу' }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Деректер қорынан іздеу' }).waitFor()

    await page.fill('#q', 'tenge')
    await page.press('#q', 'Enter')
    await page.locator('.result').first().waitFor()
    assert.match((await page.locator('.result-count').textContent()) ?? '', /\d+ құжат/)
    await page.locator('.result-title').first().click()
    await page.locator('.doc-text').waitFor()
    assert.equal(await page.locator('.back').textContent(), '← Нәтижелерге')
    assert.match((await page.locator('.legend-chip').first().textContent()) ?? '', /Тұлға/)
    await page.screenshot({ path: `${SHOTS}/ui-kazakh.png` })
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('narrows results by a facet, shows the filter as a chip, and removes it', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(`${server.url}/?q=police`)
    await page.locator('.result').first().waitFor()
    const before = await page.locator('.result').count()
    const fraud = page.locator('.facet-group[data-facet=crime] .facet-value[data-value=fraud]')
    await fraud.waitFor()
    const expected = Number(((await fraud.locator('.facet-count').textContent()) ?? '').trim())

    await fraud.click()
    await page.locator('.filter-chip').waitFor()
    assert.match(new URL(page.url()).search, /[?&]crime=fraud/)
    await until(async () => (await page.locator('.result').count()) === expected)
    assert.ok(expected >= 1 && expected <= before, `fraud narrows ${before} to ${expected}`)
    assert.match((await page.locator('.filter-chip').textContent()) ?? '', /Fraud/)
    await page.screenshot({ path: `${SHOTS}/ui-facets.png` })

    await page.locator('.filter-chip').click()
    await until(async () => !new URL(page.url()).search.includes('crime='))
    await until(async () => (await page.locator('.result').count()) === before)
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('lists documents by a filter alone, without a query', { skip: SKIP }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(`${server.url}/?event=extradition`)
    await page.locator('.result').first().waitFor()
    assert.ok((await page.locator('.result').count()) >= 1)
    assert.match((await page.locator('.filter-chip').textContent()) ?? '', /Extradition/)
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('maps the matches by region and filters by the region chosen', { skip: SKIP }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(`${server.url}/?view=map`)
    await page.locator('.map-svg path.area').first().waitFor()
    assert.ok((await page.locator('.map-svg path.area').count()) >= 17, 'every region is drawn')
    const shaded = page.locator('.map-svg path.area.has-count')
    assert.ok((await shaded.count()) >= 2, 'regions with documents are shaded')
    await page.screenshot({ path: `${SHOTS}/ui-map.png`, fullPage: true })

    const target = page.locator('.map-svg path.area[data-id="KZ-ALA"]')
    const expected = Number(await target.getAttribute('data-count'))
    assert.ok(expected >= 1, 'the sample corpus names Almaty')
    // Almaty city is a few pixels wide: the disc drawn over it takes the click.
    await page.locator('.map-svg circle[data-id="KZ-ALA"]').click()
    await page.locator('.result').first().waitFor()
    assert.match(new URL(page.url()).search, /[?&]within=KZ-ALA/)
    assert.equal(await page.locator('.result').count(), expected)
    assert.match((await page.locator('.filter-chip').textContent()) ?? '', /Almaty/)

    await page.goto(`${server.url}/?view=map&area=asia`)
    await page.locator('.map-svg path.area[data-id="KZ"]').waitFor()
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('opens the profile of a person from a document: names, timeline and sources', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(`${server.url}/?q=extradited`)
    await page.locator('.result-title').first().click()
    await page.locator('.doc-text').waitFor()
    await page.locator('.facts summary').click()
    await page.locator('.profile-link').first().click()
    await page.locator('.profile-name').waitFor()

    assert.match(new URL(page.url()).search, /[?&]entity=\d+/)
    assert.ok((await page.locator('.profile-section').count()) >= 2)
    assert.ok((await page.locator('.profile-docs a').count()) >= 1, 'the sources are listed')
    assert.match(
      (await page.locator('.profile').textContent()) ?? '',
      /Named together with.*Interpol/s,
      'who else the articles name',
    )
    await page.screenshot({ path: `${SHOTS}/ui-profile.png`, fullPage: true })

    await page.locator('.profile-docs a').first().click()
    await page.locator('.doc-text').waitFor()
    await page.goBack()
    await page.locator('.profile-name').waitFor()
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('screens pasted names and shows why each matched, with the articles', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(server.url)
    await page.locator('#nav-screen').click()
    await page.locator('#screen-names').waitFor()
    assert.match(new URL(page.url()).search, /page=screen/)

    // A Latin spelling of a person the Russian sample names in Cyrillic, and an unknown name.
    await page.fill('#screen-names', 'Dmitry Kovalev\nZzyzx Qwerty')
    await page.getByRole('button', { name: 'Screen', exact: true }).click()
    await page.locator('.screen-result').nth(1).waitFor()

    const first = page.locator('.screen-result').first()
    assert.ok((await first.locator('.screen-match').count()) >= 1, 'the transliteration matches')
    assert.match((await first.locator('.match-head strong').first().textContent()) ?? '', /Ковал/)
    assert.ok(((await first.locator('.match-reasons').first().textContent()) ?? '').length > 3)
    assert.match(
      (await page.locator('.screen-result').nth(1).textContent()) ?? '',
      /Not in the record/,
    )
    await page.screenshot({ path: `${SHOTS}/ui-screening.png`, fullPage: true })

    await first.locator('.match-articles a').first().click()
    await page.locator('.doc-text').waitFor()
    assert.equal(await page.locator('.screen-result').count(), 2, 'results stay while reading')
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('charts documents over time, money by currency and reported statistics', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(server.url)
    await page.locator('.view-switch [data-view=charts]').click()
    await page.locator('.stats-view').waitFor()
    assert.match(new URL(page.url()).search, /view=charts/)
    assert.ok((await page.locator('.chart .bar').count()) >= 1, 'a bar per month')
    assert.ok((await page.locator('.money-table tbody tr').count()) >= 2, 'several currencies')
    await page.screenshot({ path: `${SHOTS}/ui-charts.png`, fullPage: true })

    await page.locator('.chart-legend button').first().click()
    await page.locator('.filter-chip').waitFor()
    assert.match(new URL(page.url()).search, /crime=/)
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('draws the network of people and organisations and expands a node', {
    skip: SKIP,
  }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(`${server.url}/?view=graph`)
    await page.locator('.graph-svg .node').first().waitFor()
    const before = await page.locator('.graph-svg .node').count()
    assert.ok(before >= 5, `nodes drawn: ${before}`)
    assert.ok((await page.locator('.graph-svg .edge').count()) >= 1, 'edges drawn')

    await page.locator('.graph-svg .node circle').first().click()
    await page.locator('.graph-info h3').waitFor()
    await page.screenshot({ path: `${SHOTS}/ui-graph.png`, fullPage: true })
    await page.getByRole('button', { name: 'Expand' }).click()
    await until(async () => (await page.locator('.graph-actions [aria-busy]').count()) === 0)

    await page.locator('.graph-toggle[class*=organization] input').uncheck()
    assert.equal(await page.locator('.graph-svg .node.kind-organization').count(), 0)
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('watches a name and shows the alert a new article raises', { skip: SKIP }, async () => {
    const { page, errors } = await openPage(1280, 900)
    await page.goto(`${server.url}/?page=screen`)
    await page.fill('#watch-name', 'Nurlan Kasymov')
    await page.getByRole('button', { name: 'Watch', exact: true }).click()
    await page.locator('.watch-subjects li[data-id]').first().waitFor()
    assert.match((await page.locator('.watch-subjects').textContent()) ?? '', /Nurlan Kasymov/)

    // A new article names him in Russian: the Latin watch matches the Cyrillic spelling.
    await server.ingest([
      {
        id: 'e2e-watch-ru',
        source: 'e2e test',
        url: null,
        format: 'text',
        raw: 'В Таразе задержан Нурлан Касымов\n\nПолиция Тараза задержала Нурлана Касымова по подозрению в мошенничестве.\n',
        published: '2025-07-02',
      },
    ])
    await page.reload()
    await page.locator('.alerts li.alert').first().waitFor()
    assert.match((await page.locator('.alerts').textContent()) ?? '', /Касымов/)
    await page.screenshot({ path: `${SHOTS}/ui-alerts.png`, fullPage: true })

    await page.getByRole('button', { name: 'Stop watching' }).first().click()
    await until(async () => (await page.locator('.watch-subjects li[data-id]').count()) === 0)
    assert.deepEqual(errors, [])
    await page.close()
  })
})
