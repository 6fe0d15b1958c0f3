import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { ApiError, createApiClient } from './api-client.ts'

/** Canned answers by path; a real HTTP server, so the client's fetch runs as in the browser. */
const ROUTES: Record<string, [number, unknown]> = {
  '/api/search?q=%D0%B0%D0%BB%D0%B0%D1%8F%D2%9B&lang=kk': [
    200,
    {
      items: [
        {
          id: 'kk-001',
          title: 'Шымкентте алаяқ ұсталды',
          lang: 'kk',
          source: 'Дала хабары (үлгі)',
          published: '2025-03-20',
          rank: 0.5,
          snippet: { text: 'алаяқ ұсталды', highlights: [{ start: 0, end: 5 }] },
        },
      ],
      total: 1,
      nextCursor: null,
    },
  ],
  '/api/documents/nope': [404, { error: { code: 'not_found', message: 'no document "nope"' } }],
  '/api/documents/drift': [200, { id: 'drift', text: 42 }],
  '/api/documents/expired': [
    401,
    { error: { code: 'unauthorized', message: 'sign in or send a bearer token' } },
  ],
}

describe('api client', () => {
  let server: Server
  let base = ''

  before(async () => {
    server = createServer((req, res) => {
      const [status, body] = ROUTES[req.url ?? ''] ?? [500, 'not json']
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(typeof body === 'string' ? body : JSON.stringify(body))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  test('sends the query and language and returns typed hits', async () => {
    const response = await createApiClient(base).search({ q: 'алаяқ', lang: 'kk' })

    assert.deepEqual(
      response.items.map((h) => [h.id, h.title, h.snippet.highlights]),
      [['kk-001', 'Шымкентте алаяқ ұсталды', [{ start: 0, end: 5 }]]],
    )
  })

  test('turns the error body into an ApiError with its code', async () => {
    const error = await createApiClient(base)
      .document('nope')
      .catch((e: unknown) => e)

    assert.ok(error instanceof ApiError)
    assert.deepEqual(
      [error.status, error.code, error.message],
      [404, 'not_found', 'no document "nope"'],
    )
  })

  test('a 401 tells the page (its session ended) and still fails the request', async () => {
    let told = 0
    const client = createApiClient(base, { onUnauthorized: () => told++ })
    const error = await client.document('expired').catch((e: unknown) => e)

    assert.ok(error instanceof ApiError)
    assert.deepEqual([error.status, error.code, told], [401, 'unauthorized', 1])
    await client.document('nope').catch(() => undefined)
    assert.equal(told, 1, 'a 404 is not a lost session')
  })

  test('refuses a response that does not fit the contract', async () => {
    const error = await createApiClient(base)
      .document('drift')
      .catch((e: unknown) => e)

    assert.ok(error instanceof ApiError)
    assert.equal(error.code, 'bad_response')
  })

  test('reports a server error without a JSON body as internal', async () => {
    const error = await createApiClient(base)
      .health()
      .catch((e: unknown) => e)

    assert.ok(error instanceof ApiError)
    assert.deepEqual([error.status, error.code], [500, 'internal'])
  })
})
