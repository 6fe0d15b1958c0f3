/**
 * Entity routes: list and read resolved entities, a person's case timeline, and analysts'
 * merges, splits and undos (and their log) (each logged with who and when; who comes from the body's `by` or
 * the `X-Tergeu-User` header). Mounted by `createApp` when an entity repository is given.
 *
 * @module api/entity-routes
 */
import type { Context, Hono } from 'hono'
import { InvalidInputError } from '#core/errors.ts'
import type { EntityLogEntry, EntityRepository } from '#storage/entity-repository.ts'
import { principalOf } from './auth/gate.ts'
import {
  type EntityDetailResponse,
  EntityListQuery,
  type EntityListResponse,
  type EntityLogListResponse,
  EntityLogQuery,
  type EntityLogResponse,
  EntityMergeRequest,
  EntitySplitRequest,
  EntityTimelineQuery,
  type EntityTimelineResponse,
  EntityUndoRequest,
} from './contract.ts'
import { parseOrThrow } from './http-errors.ts'

/** The header that names the analyst when the body does not. */
export const USER_HEADER = 'X-Tergeu-User'

const MAX_BODY_BYTES = 200_000
const ID = /^\d{1,18}$/

/** Adds the entity routes to `app`. */
export function mountEntityRoutes(app: Hono, entities: EntityRepository): void {
  app.get('/api/entities', async (c) => {
    const query = parseOrThrow(EntityListQuery, c.req.query(), 'query')
    const items = await entities.list(query)
    const body: EntityListResponse = { items: [...items] }
    return c.json(body)
  })

  app.get('/api/entities/:id', async (c) => {
    const e = await entities.get(pathId(c.req.param('id')))
    const body: EntityDetailResponse = {
      ...e,
      names: [...e.names],
      roles: [...e.roles],
      titles: [...e.titles],
      identifiers: [...e.identifiers],
      crimeCategories: [...e.crimeCategories],
      documents: [...e.documents],
      mentions: [...e.mentions],
    }
    return c.json(body)
  })

  app.get('/api/entities/:id/timeline', async (c) => {
    const id = pathId(c.req.param('id'))
    const query = parseOrThrow(EntityTimelineQuery, c.req.query(), 'query')
    const entity = await entities.get(id, { mentionLimit: 1 })
    // The timeline is put in order as a whole (dates of several precisions), then paged; the
    // cursor is the position of the next event.
    const events = await entities.timeline(id)
    const from = Math.min(Number(query.cursor ?? 0), events.length)
    const to = from + query.limit
    const body: EntityTimelineResponse = {
      entity: { id: entity.id, name: entity.name },
      events: events.slice(from, to).map((e) => ({ ...e, subjects: [...e.subjects] })),
      total: events.length,
      nextCursor: to < events.length ? String(to) : null,
    }
    return c.json(body)
  })

  app.post('/api/entities/merge', async (c) => {
    const body = parseOrThrow(EntityMergeRequest, await jsonBody(c), 'body')
    return c.json(logResponse(await entities.merge(body.into, body.from, who(c, body.by))))
  })

  app.post('/api/entities/:id/split', async (c) => {
    const id = pathId(c.req.param('id'))
    const body = parseOrThrow(EntitySplitRequest, await jsonBody(c), 'body')
    return c.json(logResponse(await entities.split(id, body.mentions, who(c, body.by))))
  })

  app.get('/api/entity-log', async (c) => {
    const query = parseOrThrow(EntityLogQuery, c.req.query(), 'query')
    const entries = await entities.log({
      limit: query.limit,
      ...(query.entity === undefined ? {} : { entityId: query.entity }),
    })
    const body: EntityLogListResponse = {
      entries: entries.map((e) => logResponse(e).log),
    }
    return c.json(body)
  })

  app.post('/api/entity-log/:id/undo', async (c) => {
    const id = pathId(c.req.param('id'))
    const body = parseOrThrow(EntityUndoRequest, await jsonBody(c, true), 'body')
    return c.json(logResponse(await entities.undo(id, who(c, body.by))))
  })
}

function logResponse(entry: EntityLogEntry): EntityLogResponse {
  return { log: { ...entry, entityIds: [...entry.entityIds], details: { ...entry.details } } }
}

/**
 * Who makes a change: the signed-in user (session or token) — a body or header cannot name
 * someone else then — or, for the loopback user of the zero-setup default, `by` or the header.
 */
function who(c: Context, by: string | undefined): string {
  const principal = principalOf(c)
  if (principal !== null && principal.via !== 'local') return principal.username
  const user = by ?? c.req.header(USER_HEADER)?.trim()
  if (!user)
    throw new InvalidInputError(`say who makes the change: "by" in the body or ${USER_HEADER}`, {
      details: { field: 'by', header: USER_HEADER },
    })
  return user
}

function pathId(id: string): string {
  if (!ID.test(id))
    throw new InvalidInputError(`invalid path: id must be digits, got "${id.slice(0, 40)}"`, {
      details: { problems: ['id: digits'] },
    })
  return id
}

async function jsonBody(c: Context, emptyOk = false): Promise<unknown> {
  const text = await c.req.text()
  if (text.length > MAX_BODY_BYTES)
    throw new InvalidInputError('the request body is too large', {
      details: { maxBytes: MAX_BODY_BYTES },
    })
  if (emptyOk && text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new InvalidInputError('the request body is not JSON')
  }
}
