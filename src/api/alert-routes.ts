/**
 * Watch subjects and alerts over HTTP: `POST/GET /api/watch-subjects`,
 * `DELETE /api/watch-subjects/:id` and `GET /api/alerts` (newest first, cursor paging). Mounted by
 * `createApp` when an alert repository is given. Design: docs/decisions/0009-alerts.md.
 *
 * @module api/alert-routes
 */
import type { Hono } from 'hono'
import { InvalidInputError, NotFoundError } from '#core/errors.ts'
import type {
  AlertRecord,
  AlertRepository,
  SavedSearch,
  WatchSubject,
} from '#storage/alert-repository.ts'
import {
  AlertListQuery,
  type AlertListResponse,
  SearchQuery,
  type WatchSubjectDeleteResponse,
  type WatchSubjectDto,
  WatchSubjectListQuery,
  type WatchSubjectListResponse,
  WatchSubjectRequest,
  type WatchSubjectResponse,
} from './contract.ts'
import { parseOrThrow } from './http-errors.ts'
import { searchFilters } from './search-filters.ts'

const MAX_BODY_BYTES = 100_000

/**
 * Parses a saved search written as the query string `GET /api/search` takes
 * (`q=взятка&crime=bribery&lang=ru`, a leading `?` allowed) into the repository's filters and a
 * canonical label. Throws `invalid_input` naming the bad parameter.
 */
export function parseSavedSearch(text: string): { search: SavedSearch; label: string } {
  const params = new URLSearchParams(text.trim().replace(/^\?/, ''))
  const known = new Set(Object.keys(SearchQuery.shape))
  const input: Record<string, string> = {}
  for (const [key, value] of params) {
    if (!known.has(key)) throw new InvalidInputError(`saved search: unknown parameter "${key}"`)
    if (['limit', 'cursor', 'sort', 'facets', 'ui'].includes(key)) continue
    input[key] = value
  }
  const parsed = SearchQuery.safeParse(input)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'search'}: ${i.message}`)
    throw new InvalidInputError(`saved search: ${problems.join('; ')}`, { details: { problems } })
  }
  const q = parsed.data
  const filters = searchFilters(q)
  const search: SavedSearch = {
    q: q.q,
    ...(q.lang ? { lang: q.lang } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(filters.facts.length ? { facts: filters.facts } : {}),
    ...(filters.placeIn ? { placeIn: filters.placeIn } : {}),
  }
  // Readable in any script: only the characters that would change the query are escaped.
  const label = Object.entries(input)
    .filter(([, v]) => v.trim() !== '')
    .map(([k, v]) => `${k}=${v.trim().replace(/[&%=#+]/g, encodeURIComponent)}`)
    .join('&')
  return { search, label }
}

/** The subject as the API shows it. */
export function presentSubject(s: WatchSubject): WatchSubjectDto {
  return { ...s, search: s.search === null ? null : { ...s.search } }
}

/** The alert as the API shows it (mutable arrays for the contract types). */
export function presentAlert(a: AlertRecord): AlertListResponse['alerts'][number] {
  return {
    ...a,
    reason: (({ keys, ...rest }) => (keys ? { ...rest, keys: [...keys] } : rest))(a.reason),
    deliveryLog: [...a.deliveryLog],
  }
}

/** Adds the watch-subject and alert routes to `app`. */
export function mountAlertRoutes(app: Hono, alerts: AlertRepository): void {
  app.post('/api/watch-subjects', async (c) => {
    const text = await c.req.text()
    if (text.length > MAX_BODY_BYTES) throw new InvalidInputError('the request body is too large')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new InvalidInputError('the request body is not JSON')
    }
    const parsed = WatchSubjectRequest.safeParse(body)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      throw new InvalidInputError(`invalid body: ${problems.join('; ')}`, { details: { problems } })
    }
    const r = parsed.data
    const subject =
      r.entity !== undefined
        ? await alerts.watch({ kind: 'entity', entityId: r.entity })
        : r.name !== undefined
          ? await alerts.watch({ kind: 'name', name: r.name })
          : await alerts.watch({ kind: 'search', ...parseSavedSearch(r.search ?? '') })
    const response: WatchSubjectResponse = { subject: presentSubject(subject) }
    return c.json(response)
  })

  app.get('/api/watch-subjects', async (c) => {
    const query = parseOrThrow(WatchSubjectListQuery, c.req.query(), 'query')
    // One more than a page tells whether another page follows.
    const rows = await alerts.subjects({ limit: query.limit + 1, after: query.cursor })
    const page = rows.slice(0, query.limit)
    const response: WatchSubjectListResponse = {
      subjects: page.map(presentSubject),
      nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    }
    return c.json(response)
  })

  app.delete('/api/watch-subjects/:id', async (c) => {
    const id = c.req.param('id')
    if (!(await alerts.unwatch(id))) throw new NotFoundError(`no watch subject ${id}`)
    const response: WatchSubjectDeleteResponse = { deleted: true, id }
    return c.json(response)
  })

  app.get('/api/alerts', async (c) => {
    const query = parseOrThrow(AlertListQuery, c.req.query(), 'query')
    const page = await alerts.list({
      limit: query.limit,
      cursor: query.cursor,
      subjectId: query.subject,
    })
    const response: AlertListResponse = {
      alerts: page.alerts.map(presentAlert),
      nextCursor: page.nextCursor,
    }
    return c.json(response)
  })
}
