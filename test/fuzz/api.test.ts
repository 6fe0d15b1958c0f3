/**
 * Short fuzz run of the HTTP inputs: `GET /api/search` query strings and `POST /api/screen`
 * bodies against the real app over PGlite with a small invented record. Never a 5xx; bad input
 * gets the documented `{ error: { code, message } }` body.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { loadConfig } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { openTestPglite } from '../helpers/test-database.ts'
import { API_DOCS, apiProperties } from './suite.ts'

const seed = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 150)

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

  test('every fuzz property holds', { timeout: 120_000 }, async (t) => {
    const app = runtime.createHttpApp({ logError: (e: unknown) => errors.push(e) })
    for (const [name, property] of Object.entries(apiProperties(app))) {
      await t.test(name, async () => {
        await fc.assert(property, { numRuns, ...(seed === undefined ? {} : { seed }) })
      })
    }
    assert.deepEqual(errors, [])
  })
})
