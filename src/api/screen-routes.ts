/**
 * `POST /api/screen`: screens names against the persons in the record and the loaded watchlists (see
 * `storage/screening-repository.ts`). Mounted by `createApp` when a screening repository is given.
 *
 * @module api/screen-routes
 */
import type { Hono } from 'hono'
import { InvalidInputError } from '#core/errors.ts'
import type { ScreeningRepository } from '#storage/screening-repository.ts'
import { ScreenRequest, type ScreenResponse } from './contract.ts'

// 1,000 names of 300 characters fit well under this; more is not a screening request.
const MAX_BODY_BYTES = 1_000_000

/** Adds `POST /api/screen` to `app`. */
export function mountScreenRoutes(app: Hono, screening: ScreeningRepository): void {
  app.post('/api/screen', async (c) => {
    const text = await c.req.text()
    if (text.length > MAX_BODY_BYTES)
      throw new InvalidInputError('the request body is too large', {
        details: { maxBytes: MAX_BODY_BYTES },
      })
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new InvalidInputError('the request body is not JSON')
    }
    const parsed = ScreenRequest.safeParse(body)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      throw new InvalidInputError(`invalid body: ${problems.join('; ')}`, { details: { problems } })
    }
    const { names, limit, articles, minScore } = parsed.data
    const results = await screening.screen(names, {
      limit,
      articles,
      ...(minScore === undefined ? {} : { minScore }),
    })
    const response: ScreenResponse = {
      results: results.map((r) => ({
        query: r.query,
        matches: r.matches.map((m) => ({
          ...m,
          names: [...m.names],
          reasons: [...m.reasons],
          roles: [...m.roles],
          titles: [...m.titles],
          crimeCategories: [...m.crimeCategories],
          articles: [...m.articles],
        })),
        watchlistHits: r.watchlistHits.map((h) => ({
          ...h,
          aliasesMatched: [...h.aliasesMatched],
          identifiers: [...h.identifiers],
          countries: [...h.countries],
          birthDates: [...h.birthDates],
          topics: [...h.topics],
          reasons: [...h.reasons],
          entityIds: [...h.entityIds],
        })),
      })),
    }
    return c.json(response)
  })
}
