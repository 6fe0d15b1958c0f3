/**
 * The HTTP API (and, when built, the web UI's static files): `createApp(deps)` builds the Hono
 * app with every route, one error handler and the security headers.
 *
 * @module api/app
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import { z } from 'zod'
import { InvalidInputError, isAppError } from '#core/errors.ts'
import type { AlertRepository } from '#storage/alert-repository.ts'
import type { DocumentRepository } from '#storage/document-repository.ts'
import type { EntityRepository } from '#storage/entity-repository.ts'
import type { WatchlistRepository } from '#storage/entity-watchlists.ts'
import type { ExportRepository } from '#storage/export-repository.ts'
import type { GraphRepository } from '#storage/graph-repository.ts'
import type { ScreeningRepository } from '#storage/screening-repository.ts'
import type { SearchRepository } from '#storage/search-repository.ts'
import type { StatsRepository } from '#storage/stats-repository.ts'
import type { StoryReader } from '#storage/story-reader.ts'
import { mountAlertRoutes } from './alert-routes.ts'
import { mountAuthRoutes } from './auth/auth-routes.ts'
import { type AuthDeps, createAuthGate, refuseCrossSite } from './auth/gate.ts'
import { type HealthResponse, SearchQuery, type StoryResponse } from './contract.ts'
import { DOCS_CSS, DOCS_HTML, DOCS_JS } from './docs-page.ts'
import { mountEntityRoutes } from './entity-routes.ts'
import { mountExportRoutes } from './export-routes.ts'
import { mountGraphRoutes } from './graph-routes.ts'
import { errorBody, parseOrThrow, STATUS_BY_CODE } from './http-errors.ts'
import { mountMapRoutes } from './map-routes.ts'
import { buildOpenApi } from './openapi.ts'
import { placeDisplayName } from './place-names.ts'
import { presentDocument, presentSearchPage } from './presenters.ts'
import { mountScreenRoutes } from './screen-routes.ts'
import { searchFilters } from './search-filters.ts'
import { mountStatsRoutes } from './stats-routes.ts'
import { mountWatchlistRoutes } from './watchlist-routes.ts'

/** What the API needs; bootstrap builds it. */
export interface AppDeps {
  readonly documents: DocumentRepository
  readonly search: SearchRepository
  /** Name screening (`POST /api/screen`); the route is absent without it. */
  readonly screening?: ScreeningRepository | undefined
  /** Resolved entities, timelines, merges and splits (`/api/entities…`); absent without it. */
  readonly entities?: EntityRepository | undefined
  /** Loaded watchlists and their cross-reference (`/api/watchlists…`); absent without it. */
  readonly watchlists?: WatchlistRepository | undefined
  /** Watch subjects and alerts (`/api/watch-subjects`, `/api/alerts`); absent without it. */
  readonly alerts?: AlertRepository | undefined
  /** Exports (`GET /api/export`); the route is absent without it. */
  readonly exports?: ExportRepository | undefined
  /** Reprints of a document (`GET /api/documents/:id/story`); the route is absent without it. */
  readonly stories?: StoryReader | undefined
  /** The network graph (`GET /api/graph`); the route is absent without it. */
  readonly graph?: GraphRepository | undefined
  /** Aggregates (`GET /api/stats`); the route is absent without it. */
  readonly stats?: StatsRepository | undefined
  /** Which back-end serves the data (reported by the health check). */
  readonly database: 'pglite' | 'postgres'
  /** The application version (package.json). */
  readonly version: string
  /** A built web UI (`web/dist`) to serve, with index.html for unknown paths; omit for API only. */
  readonly staticRoot?: string | undefined
  /** Receives unexpected errors, once each (default: `console.error`). */
  readonly logError?: ((error: unknown) => void) | undefined
  /**
   * Users, tokens, sessions, roles and the audit log (`/api/auth/…`, `/api/users`, `/api/tokens`,
   * `/api/audit`); bootstrap always passes it. Without it (route unit tests) there is no gate:
   * only the body limit and the refusal of cross-site writes.
   */
  readonly auth?: AuthDeps | undefined
  /** Largest request body in bytes (default 1 MiB); larger ones are answered 413. */
  readonly maxBodyBytes?: number | undefined
}

/** Default of {@link AppDeps.maxBodyBytes}. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576

const DocumentParams = z.object({ id: z.string().min(1).max(300) })

/** Builds the Hono app. Never starts a server: `serve` does, tests call `app.request()`. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  const logError = deps.logError ?? ((error: unknown) => console.error(error))

  app.use(
    '*',
    secureHeaders({
      // No inline scripts or styles anywhere: the built UI loads only its own files.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: true,
      referrerPolicy: 'no-referrer',
    }),
  )
  app.use('/api/*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  // PostgreSQL text cannot hold U+0000: a NUL in a path or query is bad input, said as such,
  // not a database error surfacing as a 500 (found by fuzzing).
  app.use('/api/*', async (c, next) => {
    if (hasNul(c.req.url)) throw new InvalidInputError('the request contains a NUL character')
    await next()
  })
  // Authentication, roles, CSRF, rate limits and the audit log (decision 0014), after a body
  // limit that holds for every route, including the ones that read their body themselves.
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          errorBody('too_large', `the request body is over ${maxBodyBytes} bytes`, {
            maxBytes: maxBodyBytes,
          }),
          413,
        ),
    }),
  )
  const gate = deps.auth ? createAuthGate(deps.auth, logError) : null
  app.use('/api/*', gate ? gate.middleware : refuseCrossSite)
  if (gate && deps.auth) mountAuthRoutes(app, gate, deps.auth)

  app.get('/api/health', async (c) => {
    const body: HealthResponse = {
      status: 'ok',
      database: deps.database,
      documents: await deps.documents.count(),
      version: deps.version,
    }
    return c.json(body)
  })

  app.get('/api/search', async (c) => {
    const query = parseOrThrow(SearchQuery, c.req.query(), 'query')
    const filters = searchFilters(query)
    const page = await deps.search.search({ ...query, ...filters })
    const body = presentSearchPage(page, query.ui)
    if (query.within) {
      body.within = {
        id: query.within,
        name: placeDisplayName(query.within, query.ui) ?? query.within,
      }
    }
    return c.json(body)
  })

  const openApi = buildOpenApi(deps.version)
  app.get('/api/openapi.json', (c) => c.json(openApi))
  app.get('/api/docs', (c) => c.html(DOCS_HTML))
  app.get('/api/docs.css', (c) =>
    c.body(DOCS_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }),
  )
  app.get('/api/docs.js', (c) =>
    c.body(DOCS_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  )

  if (deps.stories) {
    const stories = deps.stories
    app.get('/api/documents/:id/story', async (c) => {
      const { id } = parseOrThrow(DocumentParams, c.req.param(), 'path')
      await deps.documents.findByIdOrThrow(id)
      const body: StoryResponse = { items: await stories.siblings(id) }
      return c.json(body)
    })
  }

  app.get('/api/documents/:id', async (c) => {
    const { id } = parseOrThrow(DocumentParams, c.req.param(), 'path')
    return c.json(presentDocument(await deps.documents.findByIdOrThrow(id)))
  })

  if (deps.screening) mountScreenRoutes(app, deps.screening)
  if (deps.entities) mountEntityRoutes(app, deps.entities)
  if (deps.watchlists) mountWatchlistRoutes(app, deps.watchlists)
  if (deps.alerts) mountAlertRoutes(app, deps.alerts)
  mountMapRoutes(app, deps.search)
  if (deps.stats) mountStatsRoutes(app, deps.stats)
  if (deps.graph) mountGraphRoutes(app, deps.graph)
  if (deps.exports) mountExportRoutes(app, deps.exports, logError)

  app.all('/api/*', (c) =>
    c.json(errorBody('not_found', `no endpoint ${c.req.method} ${c.req.path}`), 404),
  )

  if (deps.staticRoot && existsSync(join(deps.staticRoot, 'index.html')))
    mountStatic(app, deps.staticRoot)

  app.notFound((c) => c.json(errorBody('not_found', `nothing at ${c.req.path}`), 404))

  app.onError((error, c) => {
    if (isAppError(error)) {
      return c.json(errorBody(error.code, error.message, error.details), STATUS_BY_CODE[error.code])
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('invalid_input', error.message || 'bad request'), error.status)
    }
    logError(error)
    return c.json(errorBody('internal', 'internal error'), 500)
  })

  return app
}

// Static files from the built UI; any other GET outside /api gets index.html, so that the
// single-page app's own routes survive a reload.
function mountStatic(app: Hono, root: string): void {
  // serveStatic resolves `root` against the working directory.
  const rootFromCwd = relative(process.cwd(), root) || '.'
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('*', serveStatic({ root: rootFromCwd }))
  const indexFile = join(root, 'index.html')
  app.get('*', async (c) => c.html(await readFile(indexFile, 'utf8')))
}

/** True when a URL's path or query holds a NUL, written raw or percent-encoded. */
function hasNul(url: string): boolean {
  if (url.includes('\u0000')) return true
  return /%00/i.test(url)
}
