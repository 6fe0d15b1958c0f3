/**
 * Browser test of the screening page's watchlist hits and profile links, against the real
 * server of `ui-server.ts`. That server loads no watchlist, so the page's `POST /api/screen` is
 * answered with the server's own answer for the same name plus one watchlist hit written here
 * (with markup in its text, which must show as text). The profile links lead to the real entity.
 *
 * Skips (with the reason) when Chromium is not installed: `apt-get install -y chromium`.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { type Browser, chromium } from 'playwright-core'
import type { ScreenResponse } from '#api/contract.ts'
import { startUiServer, type UiServer } from './ui-server.ts'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const SKIP = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM}: apt-get install -y chromium`
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

describe('web UI: screening against watchlists', { timeout: 180_000 }, () => {
  let server: UiServer
  let browser: Browser

  before(async () => {
    if (SKIP) return
    server = await startUiServer()
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  test('shows each watchlist hit (list, entry, score) and links matches to their profiles', {
    skip: SKIP,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })

    // The server's own answer: the Latin spelling matches the Cyrillic one of a sample article.
    const real = await page.request.post(`${server.url}/api/screen`, {
      data: { names: ['Dmitry Kovalev'], limit: 5, articles: 5 },
    })
    assert.equal(real.status(), 200)
    const body = (await real.json()) as ScreenResponse
    const match = body.results[0]?.matches[0]
    assert.ok(match?.entityId, 'the match is a resolved entity')
    const entityId = match.entityId
    const listed: ScreenResponse = {
      results: [
        {
          ...body.results[0]!,
          watchlistHits: [
            {
              watchlist: 'e2e-list <img src=x onerror=alert(1)>',
              entryId: 'NK-0042',
              name: 'KOVALEV, Dmitriy',
              schema: 'Person',
              aliasesMatched: ['Dmitry Kovalev'],
              identifiers: [],
              countries: ['kz'],
              birthDates: ['1971'],
              topics: ['sanction'],
              score: 0.93,
              reasons: ['alias "Dmitry Kovalev"'],
              entityIds: [entityId],
            },
          ],
        },
      ],
    }
    await page.route('**/api/screen', (route) => route.fulfill({ json: listed }))

    await page.goto(`${server.url}/?page=screen`)
    await page.fill('#screen-names', 'Dmitry Kovalev')
    await page.getByRole('button', { name: 'Screen', exact: true }).click()
    const hit = page.locator('.screen-results .watchlist-hit')
    await hit.waitFor()

    assert.equal(await hit.getAttribute('data-entry'), 'NK-0042')
    const head = (await hit.locator('.match-head').textContent()) ?? ''
    assert.match(head, /KOVALEV, Dmitriy/)
    assert.match(head, /list e2e-list <img src=x onerror=alert\(1\)>, entry NK-0042/)
    assert.match(head, /93%/)
    assert.match((await hit.locator('.match-meta').textContent()) ?? '', /kz · 1971 · sanction/)
    assert.equal(await page.locator('.screen-results img').count(), 0, 'markup shows as text')
    // The listed person is the one in the record: the link names them as the record does.
    const listedLink = hit.locator('.match-profiles a.profile-link')
    assert.equal(await listedLink.textContent(), match.name)
    assert.equal(await listedLink.getAttribute('data-entity'), entityId)

    await page
      .locator('.screen-results .screen-match:not(.watchlist-hit) .profile-link')
      .first()
      .click()
    await page.locator('.profile-name').waitFor()
    assert.match(new URL(page.url()).search, new RegExp(`[?&]entity=${entityId}(?:&|$)`))
    assert.match((await page.locator('.profile-name').textContent()) ?? '', /Ковал/)
    assert.equal(await page.locator('.screen-result').count(), 1, 'results stay while reading')

    await listedLink.click()
    assert.match(new URL(page.url()).search, new RegExp(`[?&]entity=${entityId}(?:&|$)`))
    assert.deepEqual(errors, [])
    await page.close()
  })
})
