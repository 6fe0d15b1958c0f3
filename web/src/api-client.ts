/**
 * The one way the UI talks to the server: typed calls over the HTTP API contract. Responses
 * are checked against the contract's schemas, so a server that drifts fails loudly here.
 *
 * @module web/api-client
 */

import {
  AlertListResponse,
  DocumentResponse,
  EntityDetailResponse,
  EntityListResponse,
  EntityTimelineResponse,
  ErrorBody,
  type GraphQuery,
  GraphResponse,
  HealthResponse,
  type MapQuery,
  MapResponse,
  type ScreenRequest,
  ScreenResponse,
  type SearchQuery,
  SearchResponse,
  type StatsQuery,
  StatsResponse,
  StoryResponse,
  WatchSubjectDeleteResponse,
  WatchSubjectListResponse,
  type WatchSubjectRequest,
  WatchSubjectResponse,
} from '#api/contract.ts'

/** The part of a contract schema the client uses: parse a body, or say why it does not fit. */
interface ResponseSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { message: string } }
}

/** A failed API call, with the server's error code when it sent one. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

/** Search parameters sent as they are, when set. */
const STRING_PARAMS = [
  'q',
  'lang',
  'source',
  'from',
  'to',
  'crime',
  'event',
  'location',
  'person',
  'organization',
  'within',
  'sort',
  'ui',
  'limit',
  'cursor',
] as const

function queryParams(query: Partial<Record<(typeof STRING_PARAMS)[number], unknown>>) {
  const params = new URLSearchParams()
  for (const key of STRING_PARAMS) {
    const value = query[key]
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  return params
}

/** Typed access to the Tergeu HTTP API. */
export interface ApiClient {
  health(signal?: AbortSignal): Promise<HealthResponse>
  search(query: Partial<SearchQuery> & { q: string }, signal?: AbortSignal): Promise<SearchResponse>
  document(id: string, signal?: AbortSignal): Promise<DocumentResponse>
  map(query: Partial<MapQuery>, signal?: AbortSignal): Promise<MapResponse>
  entities(
    query: { q: string; kind?: 'person' | 'organization'; limit?: number },
    signal?: AbortSignal,
  ): Promise<EntityListResponse>
  entity(id: string, signal?: AbortSignal): Promise<EntityDetailResponse>
  timeline(id: string, signal?: AbortSignal): Promise<EntityTimelineResponse>
  stats(query: Partial<StatsQuery>, signal?: AbortSignal): Promise<StatsResponse>
  graph(query: Partial<GraphQuery>, signal?: AbortSignal): Promise<GraphResponse>
  story(id: string, signal?: AbortSignal): Promise<StoryResponse>
  watch(request: WatchSubjectRequest): Promise<WatchSubjectResponse>
  unwatch(id: string): Promise<WatchSubjectDeleteResponse>
  subjects(signal?: AbortSignal): Promise<WatchSubjectListResponse>
  alerts(
    query?: { subject?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<AlertListResponse>
  screen(
    request: Partial<ScreenRequest> & { names: string[] },
    signal?: AbortSignal,
  ): Promise<ScreenResponse>
}

/** Creates a client for the API under `baseUrl` (default: the page's own origin). */
/** What the client tells its page besides the answers. */
export interface ApiClientOptions {
  /**
   * The server answered 401: the session ended (expired, signed out elsewhere, revoked). Called
   * before the request's `ApiError` is thrown, so the page can go back to its sign-in view.
   */
  readonly onUnauthorized?: () => void
}

export function createApiClient(baseUrl = '', options: ApiClientOptions = {}): ApiClient {
  async function get<T>(
    path: string,
    schema: ResponseSchema<T>,
    signal?: AbortSignal,
    body?: unknown,
    method?: 'DELETE',
  ): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
      ...(method ? { method } : {}),
      ...(signal ? { signal } : {}),
    })
    const answer: unknown = await response.json().catch(() => null)
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.()
      const error = ErrorBody.safeParse(answer)
      if (error.success)
        throw new ApiError(response.status, error.data.error.code, error.data.error.message)
      throw new ApiError(response.status, 'internal', `the server answered ${response.status}`)
    }
    const parsed = schema.safeParse(answer)
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'bad_response',
        `unexpected response from ${path}: ${parsed.error.message}`,
      )
    }
    return parsed.data
  }

  return {
    health: (signal) => get('/api/health', HealthResponse, signal),
    search(query, signal) {
      const params = queryParams(query)
      if (query.facets) params.set('facets', query.facets === 'only' ? 'only' : 'true')
      return get(`/api/search?${params}`, SearchResponse, signal)
    },
    map(query, signal) {
      const params = queryParams(query)
      if (query.area) params.set('area', query.area)
      return get(`/api/map?${params}`, MapResponse, signal)
    },
    entities(query, signal) {
      const params = new URLSearchParams({ q: query.q })
      if (query.kind) params.set('kind', query.kind)
      if (query.limit) params.set('limit', String(query.limit))
      return get(`/api/entities?${params}`, EntityListResponse, signal)
    },
    watch: (request) => get('/api/watch-subjects', WatchSubjectResponse, undefined, request),
    unwatch: (id) =>
      get(
        `/api/watch-subjects/${encodeURIComponent(id)}`,
        WatchSubjectDeleteResponse,
        undefined,
        undefined,
        'DELETE',
      ),
    subjects: (signal) => get('/api/watch-subjects', WatchSubjectListResponse, signal),
    alerts(query = {}, signal) {
      const params = new URLSearchParams()
      if (query.subject) params.set('subject', query.subject)
      if (query.limit) params.set('limit', String(query.limit))
      return get(`/api/alerts?${params}`, AlertListResponse, signal)
    },
    story: (id, signal) =>
      get(`/api/documents/${encodeURIComponent(id)}/story`, StoryResponse, signal),
    graph(query, signal) {
      const params = queryParams(query)
      if (query.around) params.set('around', query.around)
      if (query.nodes) params.set('nodes', String(query.nodes))
      return get(`/api/graph?${params}`, GraphResponse, signal)
    },
    stats: (query, signal) => get(`/api/stats?${queryParams(query)}`, StatsResponse, signal),
    screen: (request, signal) => get('/api/screen', ScreenResponse, signal, request),
    entity: (id, signal) =>
      get(`/api/entities/${encodeURIComponent(id)}`, EntityDetailResponse, signal),
    timeline: (id, signal) =>
      get(`/api/entities/${encodeURIComponent(id)}/timeline`, EntityTimelineResponse, signal),
    document: (id, signal) =>
      get(`/api/documents/${encodeURIComponent(id)}`, DocumentResponse, signal),
  }
}
