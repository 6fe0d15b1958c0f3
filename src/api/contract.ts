/**
 * The HTTP API contract: zod schemas for requests and responses, and their inferred types.
 * Imports nothing from the server side, so the web UI may import it.
 *
 * @module api/contract
 */
import { z } from 'zod'

export * from './auth/auth-contract.ts'

/** The error body every failing endpoint returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('stable snake_case code: not_found, invalid_input, internal, ...'),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** `GET /api/health`. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  documents: z.number().int().nonnegative(),
  version: z.string(),
})
export type HealthResponse = z.infer<typeof HealthResponse>

/** A date filter at the precision the user gives: `2025`, `2025-03` or `2025-03-14`. */
const DateFilter = z
  .string()
  .regex(
    /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
    'YYYY, YYYY-MM or YYYY-MM-DD',
  )
/** A fact filter: the normalised label of a fact, as facets list it. */
const FactFilter = z.string().trim().min(1).max(300)

/** `GET /api/search` query. Without `q`, matching documents are listed newest first. */
export const SearchQuery = z.object({
  q: z.string().trim().max(500).default('').describe('full-text query (websearch syntax)'),
  lang: z.enum(['en', 'ru', 'kk']).optional(),
  source: z.string().trim().min(1).max(300).optional().describe('only this source'),
  from: DateFilter.optional().describe('published on or after'),
  to: DateFilter.optional().describe('published on or before'),
  crime: FactFilter.optional().describe('only documents with this crime category'),
  event: FactFilter.optional().describe('only documents with this event type'),
  location: FactFilter.optional().describe('only documents naming this place (canonical)'),
  person: FactFilter.optional().describe('only documents naming this person (canonical)'),
  organization: FactFilter.optional().describe('only documents naming this organisation'),
  within: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}(?:-[A-Z0-9]{2,4})?$/, 'a gazetteer id (KZ-ALM) or a country code (KZ)')
    .optional()
    .describe('only documents naming a place within this region or country (as the map draws it)'),
  sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
  ui: z.enum(['en', 'ru', 'kk']).default('en').describe('language of facet display names'),
  facets: z
    .enum(['true', 'false', '1', '0', 'only'])
    .optional()
    .transform((v) => (v === 'only' ? ('only' as const) : v === 'true' || v === '1'))
    .describe(
      'also count matches by language, source and fact; `only`: the counts and the total without hits (no ranking, no snippets)',
    ),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().describe('opaque cursor from nextCursor'),
})
export type SearchQuery = z.infer<typeof SearchQuery>

/** `GET /api/export` query: the search filters, a format and a cap on documents. */
export const ExportQuery = SearchQuery.omit({
  limit: true,
  cursor: true,
  facets: true,
  sort: true,
}).extend({
  format: z
    .enum(['jsonl', 'csv', 'ftm', 'geojson'])
    .describe(
      'jsonl: a document per line; csv: a fact per row; ftm: FollowTheMoney entities; geojson: places',
    ),
  max: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(100_000)
    .describe('at most this many documents'),
})
export type ExportQuery = z.infer<typeof ExportQuery>

/** `GET /api/map` query: the search filters and which map. */
export const MapQuery = SearchQuery.omit({
  limit: true,
  cursor: true,
  facets: true,
  sort: true,
}).extend({
  area: z
    .enum(['kz', 'asia'])
    .default('kz')
    .describe("kz: Kazakhstan's regions; asia: Central Asia's countries"),
})
export type MapQuery = z.infer<typeof MapQuery>

/** `GET /api/map` response: GeoJSON areas with how many matching documents name a place in each. */
export const MapResponse = z.object({
  type: z.literal('FeatureCollection'),
  area: z.enum(['kz', 'asia']),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.array(z.array(z.number()).or(z.array(z.array(z.number()))))),
      }),
      properties: z.object({
        id: z.string().describe('gazetteer id (oblast) or ISO 3166-1 alpha-2 (country)'),
        name: z.string(),
        count: z.number().int().nonnegative().describe('matching documents naming a place here'),
        includes: z
          .array(z.string())
          .describe('current areas counted in this one (the boundaries predate 2022)'),
      }),
    }),
  ),
})
export type MapResponse = z.infer<typeof MapResponse>

/** `GET /api/stats` query: the search filters. */
export const StatsQuery = SearchQuery.omit({ limit: true, cursor: true, facets: true, sort: true })
export type StatsQuery = z.infer<typeof StatsQuery>

const SourcedPoint = z.object({
  period: z.string().nullable(),
  value: z.number(),
  docId: z.string(),
  title: z.string().nullable(),
  published: z.string().nullable(),
})

/** `GET /api/stats` response: aggregates of the documents a search selects. */
export const StatsResponse = z.object({
  documents: z.number().int().nonnegative(),
  undated: z.number().int().nonnegative().describe('documents without a month of publication'),
  months: z.array(
    z.object({
      month: z.string().describe('YYYY-MM'),
      count: z.number().int(),
      crimes: z.record(z.string(), z.number().int()).describe('documents per crime category'),
    }),
  ),
  crimes: z.array(z.string()).describe('the crime categories of `months`, most frequent first'),
  money: z.array(
    z.object({
      currency: z.string(),
      amounts: z.number().int(),
      total: z.number(),
      totalKzt: z.number().nullable(),
      totalUsd: z.number().nullable(),
      documents: z.number().int(),
    }),
  ),
  series: z
    .array(z.object({ label: z.string(), unit: z.string(), points: z.array(SourcedPoint) }))
    .describe('statistics the texts report for several periods (one point per period)'),
  figures: z
    .array(SourcedPoint.extend({ label: z.string(), unit: z.string() }))
    .describe('other single figures the texts report, newest first'),
})
export type StatsResponse = z.infer<typeof StatsResponse>

/** `GET /api/graph` query: the search filters, how many nodes, and a node to expand. */
export const GraphQuery = SearchQuery.omit({
  limit: true,
  cursor: true,
  facets: true,
  sort: true,
}).extend({
  nodes: z.coerce.number().int().min(5).max(400).default(120).describe('nodes at most'),
  around: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe('a node id: only documents naming it (expands that node)'),
})
export type GraphQuery = z.infer<typeof GraphQuery>

/** `GET /api/graph` response: people and organisations named together, and events between them. */
export const GraphResponse = z.object({
  documents: z.number().int().nonnegative().describe('documents the graph was built from'),
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['person', 'organization']),
      name: z.string(),
      entityId: z.string().nullable(),
      documents: z.number().int(),
    }),
  ),
  edges: z.array(
    z.object({
      source: z.string(),
      target: z.string(),
      weight: z.number().int().describe('documents naming both'),
      events: z.record(z.string(), z.number().int()).describe('event types between them'),
    }),
  ),
})
export type GraphResponse = z.infer<typeof GraphResponse>

/** `GET /api/documents/:id/story` response: the other documents of the same story. */
export const StoryResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      source: z.string(),
      url: z.string().nullable(),
      published: z.string().nullable(),
      kind: z
        .enum(['new', 'exact', 'near'])
        .describe('exact copy, near duplicate, or the first seen'),
      similarity: z.number().min(0).max(1),
    }),
  ),
})
export type StoryResponse = z.infer<typeof StoryResponse>

/** A highlighted range inside a snippet (offsets into `snippet.text`). */
export const Highlight = z.object({ start: z.number().int(), end: z.number().int() })

/** One search hit. */
export const SearchHit = z.object({
  id: z.string(),
  title: z.string().nullable(),
  lang: z.enum(['en', 'ru', 'kk']),
  source: z.string(),
  published: z.string().nullable(),
  rank: z.number(),
  snippet: z.object({ text: z.string(), highlights: z.array(Highlight) }),
})
export type SearchHit = z.infer<typeof SearchHit>

/** Values of one facet with how many matching documents have each. */
export const FacetCounts = z.array(
  z.object({
    value: z.string().describe('what to pass back as the filter'),
    count: z.number().int(),
    label: z.string().optional().describe('display name (places: in the `ui` language)'),
  }),
)

/** Counts of the matching documents (present when `facets=true`). */
export const SearchFacets = z.object({
  lang: FacetCounts,
  source: FacetCounts,
  crime: FacetCounts,
  event: FacetCounts,
  location: FacetCounts,
  person: FacetCounts,
  organization: FacetCounts,
  sampled: z
    .boolean()
    .describe(
      'counts cover only some of the matches: the first 5,000 found, or for a query with an estimated total its newest few hundred',
    ),
})
export type SearchFacets = z.infer<typeof SearchFacets>

/** `GET /api/search` response. */
export const SearchResponse = z.object({
  items: z.array(SearchHit),
  total: z
    .number()
    .int()
    .nonnegative()
    .describe(
      'matching documents, counted up to 5,000 (see `totalIsLowerBound`), or estimated (see `totalIsEstimate`)',
    ),
  totalIsLowerBound: z
    .boolean()
    .default(false)
    .describe(
      'true when more than `total` documents match ("5,000+"); a query with more than 1,000 matches is ranked over its newest matches first, then lists the older ones newest first',
    ),
  totalIsEstimate: z
    .boolean()
    .default(false)
    .describe(
      'true when `total` is an estimate to two significant digits ("about 310,000"): a query whose words are in a large share of the record is not counted; its share among the newest documents that pass the filters is applied to all of them',
    ),
  nextCursor: z.string().nullable(),
  facets: SearchFacets.optional(),
  within: z
    .object({ id: z.string(), name: z.string() })
    .optional()
    .describe('the area of the `within` filter, named in the `ui` language'),
})
export type SearchResponse = z.infer<typeof SearchResponse>

/** Annotation types the reader highlights. */
export const ANNOTATION_TYPES = [
  'person',
  'organization',
  'location',
  'money',
  'date',
  'crime',
  'event',
  'statistic',
  'boilerplate',
] as const
export type AnnotationType = (typeof ANNOTATION_TYPES)[number]

/** One stand-off annotation with its provenance. */
export const AnnotationDto = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  type: z.enum(ANNOTATION_TYPES),
  /** Human-readable normalised value: canonical name, "23000000 RUB", "2025-04-05", ... */
  label: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  stage: z.string(),
  stageVersion: z.number().int(),
})
export type AnnotationDto = z.infer<typeof AnnotationDto>

/** The language of one paragraph of a document (offsets into its text, half-open). */
export const ParagraphLanguageDto = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  lang: z.enum(['en', 'ru', 'kk']),
  /** 0..1. */
  confidence: z.number(),
})
export type ParagraphLanguageDto = z.infer<typeof ParagraphLanguageDto>

/** `GET /api/documents/:id` response. */
export const DocumentResponse = z.object({
  id: z.string(),
  source: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  lang: z.enum(['en', 'ru', 'kk']),
  published: z.string().nullable(),
  text: z.string(),
  extractorVersion: z.string(),
  annotations: z.array(AnnotationDto),
  /**
   * The language of each paragraph, in text order (mixed pages). Absent for documents stored
   * before paragraph languages were kept (re-ingest them to fill it in).
   */
  paragraphs: z.array(ParagraphLanguageDto).optional(),
})
export type DocumentResponse = z.infer<typeof DocumentResponse>

/** `POST /api/screen` body: names to screen against the persons in the record. */
export const ScreenRequest = z.object({
  names: z
    .array(z.string().trim().min(1).max(300))
    .min(1)
    .max(1000)
    .describe('names in any script (Cyrillic Russian or Kazakh, Latin)'),
  limit: z.coerce.number().int().min(1).max(100).default(10).describe('matches per name'),
  articles: z.coerce.number().int().min(0).max(50).default(5).describe('articles per match'),
  minScore: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('also report matches under the default threshold, down to this score'),
})
export type ScreenRequest = z.infer<typeof ScreenRequest>

/** One article a matched person appears in. */
export const ScreenArticleDto = z.object({
  docId: z.string(),
  title: z.string().nullable(),
  published: z.string().nullable(),
  role: z.string().describe("the person's role in this article"),
  personTitle: z.string().nullable(),
})

/** One matched person name, aggregated over the documents it appears in. */
export const ScreenMatchDto = z.object({
  name: z.string(),
  score: z.number().min(0).max(1),
  same: z.boolean(),
  reasons: z.array(z.string()).describe('which keys matched, which transliteration or fold'),
  flagged: z.boolean().describe('a suspect or convict in at least one document'),
  roles: z.array(z.object({ role: z.string(), documents: z.number().int().nonnegative() })),
  titles: z.array(z.string()),
  crimeCategories: z.array(z.string()),
  documents: z.number().int().nonnegative(),
  articles: z.array(ScreenArticleDto),
  entityId: z
    .string()
    .nullable()
    .optional()
    .describe('the resolved entity of the matched names (after merges); null when not resolved'),
  names: z
    .array(z.string())
    .optional()
    .describe("every matched spelling of the entity, best score first ('name' is the first)"),
})
export type ScreenMatchDto = z.infer<typeof ScreenMatchDto>

/** A loaded watchlist entry a screened name matches. */
export const ScreenWatchlistHitDto = z.object({
  watchlist: z.string().describe('the list name'),
  entryId: z.string().describe("the entry's id in its list"),
  name: z.string().describe("the entry's main name"),
  schema: z.string(),
  aliasesMatched: z.array(z.string()).describe('aliases that match the screened name'),
  identifiers: z.array(z.string()),
  countries: z.array(z.string()),
  birthDates: z.array(z.string()),
  topics: z.array(z.string()),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()).describe('which name of the entry matched, which keys matched'),
  entityIds: z.array(z.string()).describe('matches of this result that are the listed person too'),
})
export type ScreenWatchlistHitDto = z.infer<typeof ScreenWatchlistHitDto>

/** `POST /api/screen` response: one result per requested name, in order. */
export const ScreenResponse = z.object({
  results: z.array(
    z.object({
      query: z.string(),
      matches: z.array(ScreenMatchDto),
      watchlistHits: z
        .array(ScreenWatchlistHitDto)
        .optional()
        .describe('loaded watchlist entries the name matches, best score first'),
    }),
  ),
})
export type ScreenResponse = z.infer<typeof ScreenResponse>

/** `GET /api/watchlists` response: the loaded watchlists. */
export const WatchlistListResponse = z.object({
  watchlists: z.array(
    z.object({
      name: z.string(),
      format: z.string().describe('ftm or csv'),
      entries: z.number().int().nonnegative(),
      importedAt: z.string(),
    }),
  ),
})
export type WatchlistListResponse = z.infer<typeof WatchlistListResponse>

/** `GET /api/watchlists/xref` query. */
export const WatchlistXrefQuery = z.object({
  watchlist: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('only this watchlist (default: all)'),
  minScore: z.coerce.number().min(0).max(1).optional().describe('lowest name score reported'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type WatchlistXrefQuery = z.infer<typeof WatchlistXrefQuery>

/** A record entity a watchlist entry matched, with its roles in the news. */
export const WatchlistXrefMatchDto = z.object({
  entityId: z.string(),
  entityName: z.string(),
  kind: z.string(),
  score: z.number().min(0).max(1).describe('1 for an identifier match, else the name score'),
  reasons: z.array(z.string()),
  roles: z.array(z.object({ role: z.string(), documents: z.number().int().nonnegative() })),
  mentions: z.number().int().nonnegative(),
})

/** A watchlist entry found in the record. */
export const WatchlistXrefHitDto = z.object({
  watchlist: z.string(),
  entryId: z.string(),
  name: z.string(),
  schema: z.string(),
  topics: z.array(z.string()),
  birthDates: z.array(z.string()),
  countries: z.array(z.string()),
  identifiers: z.array(z.string()),
  matches: z.array(WatchlistXrefMatchDto),
})

/** `GET /api/watchlists/xref` response: entries found in the record, suspects/convicts first. */
export const WatchlistXrefResponse = z.object({
  hits: z.array(WatchlistXrefHitDto),
  total: z.number().int().nonnegative().describe('entries found in all'),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
})
export type WatchlistXrefResponse = z.infer<typeof WatchlistXrefResponse>

/** An entity id (digits) as it appears in paths and bodies. */
const EntityId = z
  .string()
  .trim()
  .regex(/^\d{1,18}$/, 'an entity id (digits)')

/** `GET /api/entities` query: entities by name (any script), or the most mentioned. */
export const EntityListQuery = z.object({
  q: z.string().trim().max(300).optional().describe('a name in any script'),
  kind: z.enum(['person', 'organization']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
})
export type EntityListQuery = z.infer<typeof EntityListQuery>

/** One entity in a list. */
export const EntitySummaryDto = z.object({
  id: z.string(),
  kind: z.enum(['person', 'organization']),
  name: z.string(),
  mentions: z.number().int().nonnegative(),
  score: z.number().min(0).max(1).nullable().describe('name match with q, when q is given'),
})

/** `GET /api/entities` response. */
export const EntityListResponse = z.object({ items: z.array(EntitySummaryDto) })
export type EntityListResponse = z.infer<typeof EntityListResponse>

/** One mention of an entity: a person or organisation of one document. */
export const EntityMentionDto = z.object({
  id: z.string().describe('mention id, what a split takes'),
  docId: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  title: z.string().nullable(),
  iin: z.string().nullable(),
  decided: z.boolean().describe("placed by an analyst's merge or split"),
  docTitle: z.string().nullable(),
  published: z.string().nullable(),
})

/** `GET /api/entities/:id` response. */
export const EntityDetailResponse = z.object({
  id: z.string(),
  kind: z.enum(['person', 'organization']),
  name: z.string(),
  redirectedFrom: z.string().nullable().describe('the id asked for, when it was merged into this'),
  mentionCount: z.number().int().nonnegative(),
  names: z.array(z.object({ name: z.string(), mentions: z.number().int() })),
  roles: z.array(z.object({ role: z.string(), documents: z.number().int() })),
  titles: z.array(z.string()),
  identifiers: z.array(z.string()).describe('IIN/BIN numbers'),
  crimeCategories: z.array(z.string()),
  documents: z.array(
    z.object({ docId: z.string(), title: z.string().nullable(), published: z.string().nullable() }),
  ),
  mentions: z.array(EntityMentionDto),
})
export type EntityDetailResponse = z.infer<typeof EntityDetailResponse>

/** One event of a person's case timeline. */
export const TimelineEventDto = z.object({
  date: z.string().nullable(),
  approximate: z.boolean().describe("the article's date stands in for a missing event date"),
  type: z.string(),
  summary: z.string(),
  location: z.string().nullable(),
  agency: z.string().nullable(),
  subjects: z.array(z.string()),
  as: z.string().describe('the name under which the entity is a subject'),
  docId: z.string(),
  docTitle: z.string().nullable(),
  published: z.string().nullable(),
})

/** `GET /api/entities/:id/timeline` response: oldest first. */
export const EntityTimelineResponse = z.object({
  entity: z.object({ id: z.string(), name: z.string() }),
  events: z.array(TimelineEventDto),
  /** Dated events of the person in all, over every page. */
  total: z.number().int(),
  nextCursor: z.string().nullable(),
})

/** `GET /api/entities/:id/timeline` query: pages of the timeline, oldest first. */
export const EntityTimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'a cursor from nextCursor')
    .optional()
    .describe('opaque cursor from nextCursor'),
})
export type EntityTimelineQuery = z.infer<typeof EntityTimelineQuery>
export type EntityTimelineResponse = z.infer<typeof EntityTimelineResponse>

/** Who made a change: the body's `by`, else the `X-Tergeu-User` header. */
const ByUser = z.string().trim().min(1).max(100).optional()

/** `POST /api/entities/merge` body: `from` entities merge into `into`. */
export const EntityMergeRequest = z.object({
  into: EntityId,
  from: z.array(EntityId).min(1).max(50),
  by: ByUser,
})
export type EntityMergeRequest = z.infer<typeof EntityMergeRequest>

/** `POST /api/entities/:id/split` body: these mentions move to a new entity. */
export const EntitySplitRequest = z.object({
  mentions: z.array(EntityId).min(1).max(1000),
  by: ByUser,
})
export type EntitySplitRequest = z.infer<typeof EntitySplitRequest>

/** `POST /api/entity-log/:id/undo` body (may be empty). */
export const EntityUndoRequest = z.object({ by: ByUser })

/** One analyst action in the entity log. */
export const EntityLogEntryDto = z.object({
  id: z.string(),
  action: z.enum(['merge', 'split', 'undo']),
  by: z.string(),
  at: z.string().describe('ISO timestamp'),
  entityIds: z.array(z.string()),
  undoes: z.string().nullable(),
  undoneBy: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type EntityLogEntryDto = z.infer<typeof EntityLogEntryDto>

/** Response of merge, split and undo: the log entry written. */
export const EntityLogResponse = z.object({ log: EntityLogEntryDto })
export type EntityLogResponse = z.infer<typeof EntityLogResponse>

/** `GET /api/entity-log` query: the log, newest first, optionally of one entity. */
export const EntityLogQuery = z.object({
  entity: EntityId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})

/** `GET /api/entity-log` response. */
export const EntityLogListResponse = z.object({ entries: z.array(EntityLogEntryDto) })
export type EntityLogListResponse = z.infer<typeof EntityLogListResponse>

/**
 * `POST /api/watch-subjects` body: exactly one of an entity id, a name (matched in any spelling
 * or script) or a saved search (the query string `GET /api/search` takes: `q=..&crime=fraud`).
 */
export const WatchSubjectRequest = z
  .object({
    entity: z
      .string()
      .trim()
      .regex(/^\d{1,18}$/, 'an entity id')
      .optional(),
    name: z.string().trim().min(1).max(300).optional(),
    search: z.string().trim().min(1).max(2000).optional().describe('a search query string'),
  })
  .refine(
    (v) => [v.entity, v.name, v.search].filter((x) => x !== undefined).length === 1,
    'give exactly one of entity, name, search',
  )
export type WatchSubjectRequest = z.infer<typeof WatchSubjectRequest>

/** A watch subject. */
export const WatchSubjectDto = z.object({
  id: z.string(),
  kind: z.enum(['entity', 'name', 'search']),
  label: z.string(),
  entityId: z.string().nullable(),
  name: z.string().nullable(),
  search: z.record(z.string(), z.unknown()).nullable().describe('the saved search filters'),
  createdAt: z.string(),
  alerts: z.number().int().nonnegative().describe('alerts recorded so far'),
})
export type WatchSubjectDto = z.infer<typeof WatchSubjectDto>

/** `POST /api/watch-subjects` response. */
export const WatchSubjectResponse = z.object({ subject: WatchSubjectDto })
export type WatchSubjectResponse = z.infer<typeof WatchSubjectResponse>

/** `GET /api/watch-subjects` response. */
export const WatchSubjectListResponse = z.object({
  subjects: z.array(WatchSubjectDto),
  nextCursor: z.string().nullable(),
})

/** `GET /api/watch-subjects` query: oldest first, `limit` at a time. */
export const WatchSubjectListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'a cursor from nextCursor')
    .optional()
    .describe('opaque cursor from nextCursor'),
})
export type WatchSubjectListQuery = z.infer<typeof WatchSubjectListQuery>
export type WatchSubjectListResponse = z.infer<typeof WatchSubjectListResponse>

/** `DELETE /api/watch-subjects/:id` response. */
export const WatchSubjectDeleteResponse = z.object({ deleted: z.literal(true), id: z.string() })
export type WatchSubjectDeleteResponse = z.infer<typeof WatchSubjectDeleteResponse>

/** `GET /api/alerts` query. */
export const AlertListQuery = z.object({
  subject: z
    .string()
    .regex(/^\d{1,18}$/, 'a subject id')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(40).optional().describe('opaque cursor from nextCursor'),
})
export type AlertListQuery = z.infer<typeof AlertListQuery>

/** One recorded alert: which subject, which document, why, and its webhook delivery. */
export const AlertDto = z.object({
  id: z.string(),
  subject: z.object({ id: z.string(), kind: z.string(), label: z.string() }),
  document: z.object({
    id: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    source: z.string(),
    lang: z.string(),
    published: z.string().nullable(),
  }),
  reason: z
    .object({
      kind: z.enum(['entity', 'name', 'search']),
      matchedName: z.string().optional(),
      score: z.number().optional(),
      keys: z.array(z.string()).optional(),
      entityId: z.string().optional(),
      role: z.string().optional(),
      query: z.string().optional(),
    })
    .describe('why it matched: the name and keys, the entity, or the saved search'),
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
  deliveryLog: z.array(
    z.object({ at: z.string(), status: z.number().int().nullable(), error: z.string().nullable() }),
  ),
  deliveredAt: z.string().nullable(),
})
export type AlertDto = z.infer<typeof AlertDto>

/** `GET /api/alerts` response, newest first. */
export const AlertListResponse = z.object({
  alerts: z.array(AlertDto),
  nextCursor: z.string().nullable(),
})
export type AlertListResponse = z.infer<typeof AlertListResponse>
