/**
 * The fuzz properties, by name. `test/fuzz/*.test.ts` run each for a few hundred cases;
 * `npm run fuzz` (scripts/fuzz.ts) runs them for as many as asked. See docs/fuzzing.md.
 */
import fc from 'fast-check'
import type { Hono } from 'hono'
import { ErrorBody } from '#api/contract.ts'
import type { ExtractedDoc, RawDoc } from '#core/document.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import { decodeDeclared } from '#pipeline/ingest/charset.ts'
import { decodeBytes } from '#pipeline/ingest/decode.ts'
import { runBatch } from '#pipeline/run-batch.ts'
import { cleanHtml } from '#pipeline/stages/clean/clean.ts'
import {
  bytesArb,
  contentTypeArb,
  fragmentArb,
  htmlArb,
  rawDocArb,
  textArb,
  wellFormed,
  withoutLowControls,
} from './arbitraries.ts'
import { preview, spanProblems } from './properties.ts'

const pipeline = createDefaultPipeline()

/** Runs one document through `runBatch`; fails when it throws, reports a failure or breaks a span. */
export async function checkDocument(
  doc: RawDoc,
  options: { knownBugs?: boolean } = {},
): Promise<void> {
  let out: ExtractedDoc | undefined
  const report = await runBatch(pipeline, [doc], {
    sink: (d) => {
      out = d
    },
  })
  if (report.failed.length > 0) {
    const f = report.failed[0]
    throw new Error(`stage ${f?.stage} failed on ${doc.format} ${preview(doc.raw)}: ${f?.message}`)
  }
  if (!out) throw new Error('runBatch reported success but handed no document to the sink')
  const problems = spanProblems(out, options)
  if (problems.length > 0)
    throw new Error(
      `broken spans on ${doc.format} ${preview(doc.raw)}:\n  ${problems.slice(0, 5).join('\n  ')}`,
    )
}

/** Pipeline and decoder properties (synchronous setup). */
export function pipelineProperties(
  options: { knownBugs?: boolean } = {},
): Record<string, fc.IRawProperty<never, boolean>> {
  return {
    // Every stage, through the default pipeline, on hostile text and HTML.
    'pipeline: runBatch never fails and every span is sound': fc.asyncProperty(rawDocArb(), (doc) =>
      checkDocument(doc, options),
    ) as never,
    // The HTML cleaner alone (cheaper, so it gets many more cases in the long run).
    'clean: cleanHtml never throws and returns text': fc.property(htmlArb, (html) => {
      const out = cleanHtml(html)
      return typeof out.text === 'string' && typeof out.fallback === 'boolean'
    }) as never,
    'decode: decodeBytes never throws': fc.property(bytesArb, (bytes) => {
      const r = decodeBytes(bytes)
      return r.ok ? typeof r.text === 'string' : r.reason.length > 0
    }) as never,
    'decode: decodeDeclared never throws and counts invalid bytes sanely': fc.property(
      bytesArb,
      contentTypeArb,
      (bytes, contentType) => {
        const r = decodeDeclared(bytes, { contentType })
        if (!r.ok) return r.reason.length > 0
        return (
          typeof r.text === 'string' &&
          Number.isInteger(r.invalidBytes) &&
          r.invalidBytes >= 0 &&
          r.invalidBytes <= bytes.length
        )
      },
    ) as never,
    // Well-formed text without control characters survives UTF-8 encoding and sniffing intact.
    'decode: UTF-8 text round-trips through decodeBytes and decodeDeclared': fc.property(
      textArb(40).map((s) => withoutLowControls(wellFormed(s)).replace(/^\uFEFF+/, '')),
      (text) => {
        const bytes = Buffer.from(text, 'utf8')
        const a = decodeBytes(bytes)
        const b = decodeDeclared(bytes, { contentType: 'text/plain; charset=utf-8' })
        return a.ok && a.text === text && b.ok && b.text === text && b.invalidBytes === 0
      },
    ) as never,
  }
}

/** Fails unless `res` is a non-5xx answer, with the documented error body for a 4xx. */
async function checkAnswer(res: Response, what: string): Promise<void> {
  if (res.status >= 500) throw new Error(`${what}: HTTP ${res.status}: ${await res.text()}`)
  const body: unknown = await res.json()
  if (res.status >= 400) {
    const parsed = ErrorBody.safeParse(body)
    if (!parsed.success)
      throw new Error(
        `${what}: HTTP ${res.status} without the error shape: ${JSON.stringify(body)}`,
      )
    if (res.status === 400 && parsed.data.error.code !== 'invalid_input')
      throw new Error(`${what}: 400 with code ${parsed.data.error.code}`)
  } else if (res.status !== 200) {
    throw new Error(`${what}: unexpected HTTP ${res.status}`)
  }
}

const SEARCH_KEYS = [
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
  'facets',
  'limit',
  'cursor',
  'unknown',
  'q[]',
  '',
] as const

// Values that mean something to websearch_to_tsquery, to zod's coercion or to a cursor decoder.
const queryValueArb: fc.Arbitrary<string> = fc.oneof(
  textArb(6),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '"',
    '""',
    '" or "',
    '-',
    '- -',
    'or',
    'OR OR',
    '!',
    '&|!():*',
    "'",
    "\\'",
    '\\',
    '%',
    '_',
    '0',
    '-1',
    '1e3',
    '101',
    '20.5',
    'NaN',
    'true',
    'en',
    'KZ',
    'KZ-ALA',
    '2025-02-30',
    '2025-13',
    'eyJ4IjoxfQ',
    'AAAA',
    '\u0000',
    'x'.repeat(501),
    'ы'.repeat(300),
  ),
  fragmentArb,
)

// A raw query string: key=value pairs, some percent-encoded, some broken.
const rawQueryArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...SEARCH_KEYS), queryValueArb)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(wellFormed(v))}`),
      fc.constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '%ED%A0%80',
        'q=%FF%FE',
        '=',
        '&&',
        'q',
        'q=a=b',
        '+',
        '%00',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join('&'))

const jsonishArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      names: fc.oneof(
        fc.array(fc.oneof(textArb(4), fc.string({ unit: 'binary', maxLength: 30 }), fragmentArb), {
          maxLength: 12,
        }),
        fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
        fc.constantFrom([], [''], ['   '], ['x'.repeat(301)], 'Иванов', null),
      ),
      limit: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null)),
      articles: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.string({ maxLength: 5 })),
      minScore: fc.oneof(fc.double(), fc.constantFrom('0.5', '-1', '2', 'x')),
    },
    { requiredKeys: ['names'] },
  ),
)

const screenBodyArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: jsonishArb.map((v) => JSON.stringify(v) ?? 'null'), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '',
      '{',
      '{"names":',
      '[',
      'null',
      '{"names":["a"]}garbage',
      '\uFEFF{}',
    ),
    weight: 1,
  },
)

/**
 * Options of {@link apiProperties}: `knownBugs` would add the inputs of known, unfixed API bugs;
 * there are none now (the NUL bug is fixed), and the option is kept for the next one.
 */
export interface ApiPropertyOptions {
  readonly knownBugs?: boolean
}

/** API properties over a Hono app that has a record behind it. */
export function apiProperties(
  app: Hono,
  _options: ApiPropertyOptions = {},
): Record<string, fc.IRawProperty<never, boolean>> {
  return {
    'api: GET /api/search never answers 5xx and answers bad input with the error body':
      fc.asyncProperty(rawQueryArb, async (query) => {
        await checkAnswer(await app.request(`/api/search?${query}`), `GET /api/search?${query}`)
      }) as never,
    // The other read endpoints take the search filters too (plus their own keys).
    'api: GET /api/map, /api/stats, /api/graph never answer 5xx to hostile filters':
      fc.asyncProperty(
        fc.constantFrom('/api/map', '/api/stats', '/api/graph'),
        rawQueryArb,
        fc.constantFrom('', '&level=region', '&level=x', '&depth=9999', '&limit=-1', '&by=crime'),
        async (path, query, extra) => {
          const url = `${path}?${query}${extra}`
          await checkAnswer(await app.request(url), `GET ${url}`)
        },
      ) as never,
    'api: POST /api/screen never answers 5xx and answers bad input with the error body':
      fc.asyncProperty(screenBodyArb, async (body) => {
        const res = await app.request('/api/screen', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        await checkAnswer(res, `POST /api/screen ${preview(body)}`)
      }) as never,
  }
}

/** Invented documents for the API's record: names, places and crimes the fuzzer can hit. */
export const API_DOCS: readonly RawDoc[] = [
  {
    id: 'fuzz-ru',
    source: 'fuzz-ru.txt',
    url: null,
    format: 'text',
    published: '2025-03-14',
    raw: 'В Алматы задержан Арман Бекжанов\n\nСотрудники полиции Алматы задержали Армана Бекжанова, подозреваемого в мошенничестве на 23 млн тенге. Возбуждено уголовное дело.',
  },
  {
    id: 'fuzz-en',
    source: 'fuzz-en.txt',
    url: null,
    format: 'text',
    published: '2025-02-01',
    raw: 'Astana official detained over bribe\n\nThe Anti-Corruption Agency detained Dana Seitkali, a deputy akim of Astana, on suspicion of taking a bribe of $50,000.',
  },
  {
    id: 'fuzz-kk',
    source: 'fuzz-kk.txt',
    url: null,
    format: 'text',
    published: '2024-12-20',
    raw: 'Шымкентте есірткі сатқан күдікті ұсталды\n\nШымкент полициясы Ерлан Тұрсынбаевты ұстады. Оның үйінен 2 келі есірткі тәркіленді.',
  },
]
