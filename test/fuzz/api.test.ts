/**
 * Short fuzz run of the HTTP inputs: `GET /api/search` query strings and `POST /api/screen`
 * bodies against the real app over PGlite with a small invented record. Never a 5xx; bad input
 * gets the documented `{ error: { code, message } }` body.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { ErrorBody } from '#api/contract.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { openTestPglite } from '../helpers/test-database.ts'
import { API_DOCS, apiProperties } from './suite.ts'

const seed = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 150)
const knownBugs = process.env['FUZZ_KNOWN_BUGS'] === '1'

describe('fuzz the HTTP API over PGlite', () => {
  let runtime: Runtime
  const errors: unknown[] = []
  before(async () => {
    runtime = await bootstrap(loadConfig({}), {
      cwd: process.cwd(),
      database: await openTestPglite(),
    })
    const report = await runtime.ingest(API_DOCS)
    assert.deepEqual(report.failed, [])
  })
  after(async () => {
    await runtime?.close()
  })

  test('the app answers search and screening at all', async () => {
    const app = runtime.createHttpApp()
    const search = await app.request(`/api/search?q=${encodeURIComponent('Бекжанов')}`)
    assert.equal(search.status, 200)
    const screen = await app.request('/api/screen', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ names: ['Арман Бекжанов'] }),
    })
    assert.equal(screen.status, 200)
  })

  // Found by `npm run fuzz -- --runs 600 --only api --seed 11`; fixed in src/api/app.ts.
  test('a NUL in a search parameter is bad input (400), not a server error', async () => {
    const app = runtime.createHttpApp({ logError: () => {} })
    for (const url of [
      '/api/search?q=%00',
      '/api/search?q=a%00b',
      '/api/search?location=%00',
      '/api/search?person=%00',
      '/api/search?source=%00',
      '/api/map?q=%00',
      '/api/stats?q=%00',
      '/api/graph?q=%00',
      '/api/documents/%00',
    ]) {
      const res = await app.request(url)
      assert.equal(res.status, 400, url)
      assert.equal(ErrorBody.parse(await res.json()).error.code, 'invalid_input')
    }
  })

  test('every fuzz property holds', { timeout: 120_000 }, async (t) => {
    const app = runtime.createHttpApp({ logError: (e: unknown) => errors.push(e) })
    for (const [name, property] of Object.entries(apiProperties(app, { knownBugs }))) {
      await t.test(name, async () => {
        await fc.assert(property, { numRuns, ...(seed === undefined ? {} : { seed }) })
      })
    }
    assert.deepEqual(errors, [])
  })
})
