/**
 * `GET /api/watchlists` (the loaded lists and their sizes) and `GET /api/watchlists/xref` (the
 * entries that appear in the record, with the roles their entities have in the news; suspects
 * and convicts first, paged). See `storage/entity-watchlists.ts`. Mounted by `createApp` when a
 * watchlist repository is given.
 *
 * @module api/watchlist-routes
 */
import type { Hono } from 'hono'
import type { WatchlistRepository } from '#storage/entity-watchlists.ts'
import {
  type WatchlistListResponse,
  WatchlistXrefQuery,
  type WatchlistXrefResponse,
} from './contract.ts'
import { parseOrThrow } from './http-errors.ts'

// Entries cross-referenced per request at most: the page is cut from this ordered list.
const MAX_XREF = 100_000

/** Adds the watchlist routes to `app`. */
export function mountWatchlistRoutes(app: Hono, watchlists: WatchlistRepository): void {
  app.get('/api/watchlists', async (c) => {
    const body: WatchlistListResponse = { watchlists: await watchlists.list() }
    return c.json(body)
  })

  app.get('/api/watchlists/xref', async (c) => {
    const query = parseOrThrow(WatchlistXrefQuery, c.req.query(), 'query')
    const all = await watchlists.xref({
      watchlist: query.watchlist,
      minScore: query.minScore,
      limit: MAX_XREF,
    })
    const body: WatchlistXrefResponse = {
      hits: all.slice(query.offset, query.offset + query.limit).map((h) => ({
        ...h,
        topics: [...h.topics],
        birthDates: [...h.birthDates],
        countries: [...h.countries],
        identifiers: [...h.identifiers],
        matches: h.matches.map((m) => ({
          ...m,
          reasons: [...m.reasons],
          roles: m.roles.map((r) => ({ ...r })),
        })),
      })),
      total: all.length,
      offset: query.offset,
      limit: query.limit,
    }
    return c.json(body)
  })
}
