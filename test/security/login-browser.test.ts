/**
 * The sign-in page in a real browser (Debian's Chromium through playwright-core) against a
 * server that needs credentials: the page comes first, a wrong password is said in the chosen
 * language, the right one opens the app on an HttpOnly, SameSite=Strict cookie the page's script
 * cannot read, the app's own writes pass the Origin check, and signing out ends the session.
 *
 * Skips (with the reason) when Chromium is not installed: `apt-get install -y chromium`.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { type Browser, chromium } from 'playwright-core'
import { build } from 'vite'
import { hashPassword } from '#api/auth/secrets.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createUserRepository } from '#storage/user-repository.ts'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const SKIP = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM}: apt-get install -y chromium`
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
]

describe('sign-in in the browser', { timeout: 240_000 }, () => {
  let dir: string
  let runtime: Runtime
  let server: ReturnType<typeof serve>
  let url: string
  let browser: Browser

  before(async () => {
    if (SKIP) return
    dir = await mkdtemp(join(tmpdir(), 'tergeu-login-'))
    const webRoot = join(dir, 'web')
    await build({
      configFile: join(import.meta.dirname, '../../web/vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
    })
    const config = loadConfig({ TERGEU_DATA_DIR: join(dir, 'db'), TERGEU_AUTH: 'required' })
    runtime = await bootstrap(config, { cwd: dir })
    await createUserRepository(runtime.database.db).create({
      username: 'gulnara',
      role: 'analyst',
      passwordHash: await hashPassword('Tergeu-e2e-password'),
    })
    const app = runtime.createHttpApp({ staticRoot: webRoot })
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
    })
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  })

  after(async () => {
    await browser?.close()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    await runtime?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('the sign-in page comes first, then the app; sign-out ends the session', {
    skip: SKIP,
  }, async () => {
    const context = await browser.newContext({ locale: 'ru-RU' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(url)
    await page.locator('#login-form').waitFor()
    assert.equal(await page.locator('#login-form h1').textContent(), 'Вход')

    await page.fill('#login-username', 'gulnara')
    await page.fill('#login-password', 'wrong-password-here')
    await page.click('#login-form button[type=submit]')
    await page.getByText('Неверное имя пользователя или пароль.').waitFor()

    await page.fill('#login-password', 'Tergeu-e2e-password')
    await page.click('#login-form button[type=submit]')
    await page.locator('#sign-out').waitFor()
    assert.equal(await page.locator('#login-form').count(), 0)

    const [cookie] = await context.cookies()
    assert.equal(cookie?.name, 'tergeu_session')
    assert.equal(cookie?.httpOnly, true)
    assert.equal(cookie?.sameSite, 'Strict')
    assert.equal(
      await page.evaluate(
        () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
      ),
      '',
      'the script never sees the session',
    )

    // A write from the page itself (same origin, cookie + Origin) passes the gate.
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/watch-subjects', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Erlan Sadykov' }),
      })
      return res.status
    })
    assert.equal(status, 200)

    await page.click('#sign-out')
    await page.locator('#login-form').waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })
})
