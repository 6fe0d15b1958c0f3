/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas of `contract.ts`
 * (JSON Schema 2020-12, which OpenAPI 3.1 uses as is), so the documentation cannot drift from
 * what the server validates. Served at `/api/openapi.json`; `/api/docs` renders it.
 *
 * Every endpoint is listed once in {@link ENDPOINTS}; a test checks that the app serves exactly
 * these routes.
 *
 * @module api/openapi
 */
import { type ZodType, z } from 'zod'
import { AUTH_ENDPOINTS, withAuthDescription } from './auth/auth-endpoints.ts'
import * as contract from './contract.ts'

/** One endpoint of the API. */
export interface Endpoint {
  readonly method: 'get' | 'post' | 'delete'
  /** Hono path syntax (`/api/documents/:id`). */
  readonly path: string
  readonly summary: string
  readonly tag: string
  /** An object schema whose properties are the query parameters. */
  readonly query?: z.ZodObject
  /** Path parameters and what they are. */
  readonly params?: Readonly<Record<string, string>>
  readonly body?: ZodType
  /** The JSON response, or the media types of a file download. */
  readonly response: ZodType | { readonly files: readonly string[] }
  /** Error codes this endpoint answers besides `internal` (HTTP status: code). */
  readonly errors?: readonly number[]
}

/** Every endpoint the app serves. */
export const ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'system',
    summary: 'Liveness, back-end and number of documents',
    response: contract.HealthResponse,
  },
  {
    method: 'get',
    path: '/api/search',
    tag: 'documents',
    summary:
      'Full-text search (en/ru/kk) with highlighted snippets, filters, facets and cursor paging; without q, lists the documents that pass the filters',
    query: contract.SearchQuery,
    response: contract.SearchResponse,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/documents/:id',
    tag: 'documents',
    summary: 'A stored document: cleaned text, annotations with normalised labels, provenance',
    params: { id: 'document id' },
    response: contract.DocumentResponse,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/export',
    tag: 'documents',
    summary:
      'The documents a search selects, with every fact: JSON lines, CSV (a fact per row), FollowTheMoney entities or GeoJSON places; streamed',
    query: contract.ExportQuery,
    response: {
      files: ['application/x-ndjson', 'text/csv', 'application/geo+json'],
    },
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/map',
    tag: 'documents',
    summary:
      "Boundaries of Kazakhstan's regions or Central Asia's countries (GeoJSON) with how many matching documents name a place in each",
    query: contract.MapQuery,
    response: contract.MapResponse,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/stats',
    tag: 'documents',
    summary:
      'Aggregates of the matching documents: by month and crime category, money totals by currency, and the statistics the texts report (series with sources)',
    query: contract.StatsQuery,
    response: contract.StatsResponse,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/graph',
    tag: 'entities',
    summary:
      'People and organisations named together in the matching documents, with the events between them; `around` expands one node',
    query: contract.GraphQuery,
    response: contract.GraphResponse,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/documents/:id/story',
    tag: 'documents',
    summary: 'The other documents of the same story: reprints, re-edited versions, copies',
    params: { id: 'document id' },
    response: contract.StoryResponse,
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/screen',
    tag: 'screening',
    summary: 'Screens names (any script) against the persons in the record',
    body: contract.ScreenRequest,
    response: contract.ScreenResponse,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/watchlists',
    tag: 'screening',
    summary: 'The loaded watchlists, with their entry counts',
    response: contract.WatchlistListResponse,
  },
  {
    method: 'get',
    path: '/api/watchlists/xref',
    tag: 'screening',
    summary:
      'Watchlist entries that appear in the record, with the roles of their entities (suspects and convicts first), paged',
    query: contract.WatchlistXrefQuery,
    response: contract.WatchlistXrefResponse,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/entities',
    tag: 'entities',
    summary: 'Entities by name in any script, or the most mentioned',
    query: contract.EntityListQuery,
    response: contract.EntityListResponse,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/entities/:id',
    tag: 'entities',
    summary: 'An entity: names, roles, titles, identifiers, documents and mentions',
    params: { id: 'entity id' },
    response: contract.EntityDetailResponse,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/entities/:id/timeline',
    tag: 'entities',
    summary: "A person's case timeline: dated events across documents, oldest first",
    params: { id: 'entity id' },
    query: contract.EntityTimelineQuery,
    response: contract.EntityTimelineResponse,
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/entities/merge',
    tag: 'entities',
    summary: 'Merges entities (logged with who and when; undoable)',
    body: contract.EntityMergeRequest,
    response: contract.EntityLogResponse,
    errors: [400, 404, 409],
  },
  {
    method: 'post',
    path: '/api/entities/:id/split',
    tag: 'entities',
    summary: 'Moves mentions of an entity to a new entity (logged; undoable)',
    params: { id: 'entity id' },
    body: contract.EntitySplitRequest,
    response: contract.EntityLogResponse,
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/api/entity-log',
    tag: 'entities',
    summary: "Analysts' merges, splits and undos, newest first (optionally of one entity)",
    query: contract.EntityLogQuery,
    response: contract.EntityLogListResponse,
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/entity-log/:id/undo',
    tag: 'entities',
    summary: 'Undoes a merge or split, restoring the exact previous state',
    params: { id: 'log entry id' },
    body: contract.EntityUndoRequest,
    response: contract.EntityLogResponse,
    errors: [400, 404, 409],
  },
  {
    method: 'post',
    path: '/api/watch-subjects',
    tag: 'alerts',
    summary: 'Watches an entity, a name (any script) or a saved search for new documents',
    body: contract.WatchSubjectRequest,
    response: contract.WatchSubjectResponse,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/watch-subjects',
    tag: 'alerts',
    summary: 'Watch subjects, oldest first, with the number of alerts each has',
    query: contract.WatchSubjectListQuery,
    response: contract.WatchSubjectListResponse,
    errors: [400],
  },
  {
    method: 'delete',
    path: '/api/watch-subjects/:id',
    tag: 'alerts',
    summary: 'Stops watching a subject (its alerts go with it)',
    params: { id: 'watch subject id' },
    response: contract.WatchSubjectDeleteResponse,
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/alerts',
    tag: 'alerts',
    summary: 'Alerts (new documents matching a subject), newest first, with webhook delivery',
    query: contract.AlertListQuery,
    response: contract.AlertListResponse,
    errors: [400],
  },
  ...AUTH_ENDPOINTS,
]

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'invalid_input: a parameter or body does not fit the schema',
  404: 'not_found',
  409: 'conflict: the change no longer applies',
  500: 'internal',
}

/** Builds the OpenAPI 3.1 document. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const e of ENDPOINTS) {
    const path = e.path.replace(/:(\w+)/g, '{$1}')
    const parameters = [
      ...Object.entries(e.params ?? {}).map(([name, description]) => ({
        name,
        in: 'path',
        required: true,
        description,
        schema: { type: 'string' },
      })),
      ...queryParameters(e.query),
    ]
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        content:
          'files' in e.response
            ? Object.fromEntries(e.response.files.map((m) => [m, { schema: { type: 'string' } }]))
            : { 'application/json': { schema: jsonSchema(e.response, 'output') } },
      },
    }
    for (const status of [...(e.errors ?? []), 500]) {
      responses[status] = {
        description: STATUS_TEXT[status] ?? String(status),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
      }
    }
    paths[path] = {
      ...paths[path],
      [e.method]: {
        summary: e.summary,
        tags: [e.tag],
        operationId: operationId(e),
        ...(parameters.length ? { parameters } : {}),
        ...(e.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(e.body, 'input') } },
              },
            }
          : {}),
        responses,
      },
    }
  }
  return withAuthDescription({
    openapi: '3.1.0',
    info: {
      title: 'Tergeu API',
      version,
      description:
        'Structured record of crime and law-enforcement reporting in Kazakhstan and Central Asia (English, Russian, Kazakh). Every error answers `{error:{code,message}}`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { ErrorBody: jsonSchema(contract.ErrorBody, 'output') } },
  })
}

function queryParameters(query: z.ZodObject | undefined): Record<string, unknown>[] {
  if (!query) return []
  const schema = jsonSchema(query, 'input') as {
    properties?: Record<string, Record<string, unknown>>
    required?: string[]
  }
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }
  })
}

function jsonSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' })
  return rest
}

function operationId(e: Endpoint): string {
  const words = e.path
    .replace(/^\/api\//, '')
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w))
  return [e.method, ...words].join('-').replace(/-(\w)/g, (_, c: string) => c.toUpperCase())
}
