/**
 * `GET /api/export`: the documents a search selects, with every fact, as JSON lines, CSV,
 * FollowTheMoney entities or GeoJSON. Streams: the response starts at once and memory stays
 * flat however many documents match (GeoJSON aggregates places, which stay few).
 *
 * @module api/export-routes
 */
import type { Hono } from 'hono'
import { stream } from 'hono/streaming'
import type { ExportRepository } from '#storage/export-repository.ts'
import { ExportQuery } from './contract.ts'
import {
  csvHeader,
  csvRows,
  EXPORT_MEDIA,
  ftmEntities,
  geoCollector,
  jsonLine,
} from './export-formats.ts'
import { parseOrThrow } from './http-errors.ts'
import { searchFilters } from './search-filters.ts'

/** Adds `GET /api/export` to `app`. */
export function mountExportRoutes(
  app: Hono,
  exports: ExportRepository,
  logError: (error: unknown) => void,
): void {
  app.get('/api/export', (c) => {
    const query = parseOrThrow(ExportQuery, c.req.query(), 'query')
    const filters = searchFilters(query)
    const media = EXPORT_MEDIA[query.format]
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '')
    c.header('content-type', media.type)
    c.header('content-disposition', `attachment; filename="tergeu-${day}.${media.ext}"`)
    const documents = exports.documents({ ...query, ...filters }, { max: query.max })
    return stream(
      c,
      async (out) => {
        if (query.format === 'csv') await out.write(csvHeader())
        const geo = query.format === 'geojson' ? geoCollector(query.ui) : null
        for await (const doc of documents) {
          if (query.format === 'jsonl') await out.write(jsonLine(doc))
          else if (query.format === 'csv') await out.write(csvRows(doc))
          else if (query.format === 'ftm') {
            await out.write(
              ftmEntities(doc)
                .map((e) => `${JSON.stringify(e)}\n`)
                .join(''),
            )
          } else geo?.add(doc)
        }
        if (geo) await out.write(geo.finish())
      },
      // Headers are gone once the body streams: a failure cuts the file short and is logged.
      async (error) => logError(error),
    )
  })
}
