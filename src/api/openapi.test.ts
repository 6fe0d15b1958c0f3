import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AlertRepository } from '#storage/alert-repository.ts'
import type { AuditRepository } from '#storage/audit-repository.ts'
import type { DocumentRepository } from '#storage/document-repository.ts'
import type { EntityRepository } from '#storage/entity-repository.ts'
import type { WatchlistRepository } from '#storage/entity-watchlists.ts'
import type { ExportRepository } from '#storage/export-repository.ts'
import type { GraphRepository } from '#storage/graph-repository.ts'
import type { ScreeningRepository } from '#storage/screening-repository.ts'
import type { SearchRepository } from '#storage/search-repository.ts'
import type { StatsRepository } from '#storage/stats-repository.ts'
import type { StoryReader } from '#storage/story-reader.ts'
import type { UserRepository } from '#storage/user-repository.ts'
import { createApp } from './app.ts'
import { ENDPOINTS } from './openapi.ts'

// Route registration never calls the repositories, so empty stand-ins are enough to list routes.
const app = createApp({
  documents: {} as DocumentRepository,
  search: {} as SearchRepository,
  screening: {} as ScreeningRepository,
  entities: {} as EntityRepository,
  watchlists: {} as WatchlistRepository,
  exports: {} as ExportRepository,
  stats: {} as StatsRepository,
  graph: {} as GraphRepository,
  stories: {} as StoryReader,
  alerts: {} as AlertRepository,
  auth: {
    users: {} as UserRepository,
    audit: {} as AuditRepository,
    settings: { required: true, sessionHours: 1, rateLimitPerMinute: 0, rateBurst: 1 },
  },
  database: 'pglite',
  version: '9.9.9',
})

type Spec = {
  openapi: string
  info: { version: string }
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required: boolean; description?: string }[]
        requestBody?: { content: { 'application/json': { schema: { required?: string[] } } } }
        responses: Record<string, unknown>
      }
    >
  >
}

describe('OpenAPI document', () => {
  test('lists exactly the API routes the app serves', () => {
    const served = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.method !== 'ALL')
      .filter((r) => !/^\/api\/(?:openapi\.json|docs(?:\.css|\.js)?)$/.test(r.path))
      .map((r) => `${r.method.toLowerCase()} ${r.path}`)
      .sort()
    const documented = ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()

    assert.deepEqual(documented, served)
  })

  test('is OpenAPI 3.1 with path parameters, query parameters and request bodies from the schemas', async () => {
    const res = await app.request('/api/openapi.json')
    assert.equal(res.status, 200)
    const spec = (await res.json()) as Spec

    assert.equal(spec.openapi, '3.1.0')
    assert.equal(spec.info.version, '9.9.9')
    const doc = spec.paths['/api/documents/{id}']?.['get']
    assert.deepEqual(
      doc?.parameters?.map((p) => [p.name, p.in, p.required]),
      [['id', 'path', true]],
    )
    const search = spec.paths['/api/search']?.['get']
    const names = search?.parameters?.map((p) => p.name) ?? []
    for (const name of ['q', 'lang', 'crime', 'from', 'facets', 'cursor']) {
      assert.ok(names.includes(name), `search documents ${name}`)
    }
    assert.match(search?.parameters?.find((p) => p.name === 'q')?.description ?? '', /full-text/)
    const screen = spec.paths['/api/screen']?.['post']
    assert.deepEqual(screen?.requestBody?.content['application/json'].schema.required, ['names'])
    assert.ok(screen?.responses['400'], 'errors are documented')
  })

  test('has a browsable page that runs no inline code', async () => {
    const page = await app.request('/api/docs')
    const html = await page.text()

    assert.equal(page.status, 200)
    assert.match(html, /<script type="module" src="\/api\/docs\.js"><\/script>/)
    assert.doesNotMatch(html, /<script>(?!<)/)
    assert.doesNotMatch(html, /style=/)
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/)
    const js = await app.request('/api/docs.js')
    assert.match(js.headers.get('content-type') ?? '', /javascript/)
    assert.doesNotMatch(await js.text(), /innerHTML/)
  })
})
