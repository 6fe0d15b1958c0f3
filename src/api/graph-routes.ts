/**
 * `GET /api/graph`: the network of people and organisations named together in the documents a
 * search selects (the newest 2,000), with the events that tie subjects to agencies; `around`
 * expands one node over every document that names it.
 *
 * @module api/graph-routes
 */
import type { Hono } from 'hono'
import type { GraphRepository } from '#storage/graph-repository.ts'
import { GraphQuery, type GraphResponse } from './contract.ts'
import { buildGraph } from './graph-builder.ts'
import { parseOrThrow } from './http-errors.ts'
import { searchFilters } from './search-filters.ts'

/** Documents a graph is built from at most (the newest). */
const MAX_DOCUMENTS = 2000

/** Adds `GET /api/graph` to `app`. */
export function mountGraphRoutes(app: Hono, graph: GraphRepository): void {
  app.get('/api/graph', async (c) => {
    const query = parseOrThrow(GraphQuery, c.req.query(), 'query')
    const { mentions, events, documents } = await graph.read(
      { ...query, ...searchFilters(query) },
      { maxDocs: MAX_DOCUMENTS, ...(query.around ? { around: query.around } : {}) },
    )
    const built = buildGraph(mentions, events, query.nodes, query.around)
    const body: GraphResponse = {
      documents,
      nodes: built.nodes.map((n) => ({ ...n })),
      edges: built.edges.map((e) => ({ ...e, events: { ...e.events } })),
    }
    return c.json(body)
  })
}
