import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import type { Database } from './schema.ts'
import { buildFacetSql, buildSearchSql, parseHeadline } from './search-repository.ts'

// Compiles without a connection: reviewers see the hot query's SQL change in the golden file.
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

describe('buildSearchSql', () => {
  test('matches the committed search-repository.sql (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const file = new URL('./search-repository.sql', import.meta.url)
    const all = buildSearchSql({ q: 'задержан', limit: 20 }, { limit: 20, offset: 0 }).compile(
      compiler,
    )
    const ru = buildSearchSql(
      { q: 'задержан', lang: 'ru', limit: 20 },
      { limit: 20, offset: 40 },
    ).compile(compiler)
    const browse = buildSearchSql(
      {
        q: '',
        from: '2025-01',
        to: '2025-06-30',
        facts: [{ kind: 'crime', label: 'fraud' }],
        limit: 20,
      },
      { limit: 20, offset: 0 },
    ).compile(compiler)
    const counted = buildSearchSql(
      { q: 'задержан', limit: 20 },
      { limit: 20, offset: 0 },
      undefined,
      { cap: 5000, rankAll: 1000 },
    ).compile(compiler)
    const browseCounted = buildSearchSql(
      { q: '', facts: [{ kind: 'crime', label: 'fraud' }], limit: 20 },
      { limit: 20, offset: 0 },
      undefined,
      { cap: 5000, rankAll: null },
    ).compile(compiler)
    const window = buildSearchSql(
      { q: 'задержан', limit: 20 },
      { limit: 20, offset: 0 },
      { cutoff: '2025-11-20', part: 'ranked' },
    ).compile(compiler)
    const rest = buildSearchSql(
      { q: 'задержан', limit: 20 },
      { limit: 8, offset: 0 },
      { cutoff: '2025-11-20', part: 'rest' },
    ).compile(compiler)
    const facets = buildFacetSql({ q: 'задержан', limit: 20 }).compile(compiler)
    const golden = [
      '-- search, every language (GET /api/search?q=…)',
      `${all.sql.trim()};`,
      `-- parameters: ${JSON.stringify(all.parameters)}`,
      '',
      '-- search, one language (GET /api/search?q=…&lang=ru&cursor=…)',
      `${ru.sql.trim()};`,
      `-- parameters: ${JSON.stringify(ru.parameters)}`,
      '',
      '-- browse without a query, newest first (GET /api/search?from=…&to=…&crime=fraud)',
      `${browse.sql.trim()};`,
      `-- parameters: ${JSON.stringify(browse.parameters)}`,
      '',
      '-- first page with its capped count; ranked only under 1,000 matches (decision 0015)',
      `${counted.sql.trim()};`,
      `-- parameters: ${JSON.stringify(counted.parameters)}`,
      '',
      '-- browse, first page with its capped count: the summaries read once under the cap',
      `${browseCounted.sql.trim()};`,
      `-- parameters: ${JSON.stringify(browseCounted.parameters)}`,
      '',
      '-- broad query: the window of the newest documents, ranked (decision 0015)',
      `${window.sql.trim()};`,
      `-- parameters: ${JSON.stringify(window.parameters)}`,
      '',
      '-- broad query: the older matches after the window, newest first',
      `${rest.sql.trim()};`,
      `-- parameters: ${JSON.stringify(rest.parameters)}`,
      '',
      '-- facets (GET /api/search?q=…&facets=true)',
      `${facets.sql.trim()};`,
      `-- parameters: ${JSON.stringify(facets.parameters)}`,
      '',
    ].join('\n')
    if (process.env['UPDATE_GOLDEN']) await writeFile(file, golden)

    assert.equal(golden, await readFile(file, 'utf8'))
  })
})

describe('parseHeadline', () => {
  test('strips the match markers and returns highlight offsets into the plain snippet', () => {
    const marked =
      'Сотрудники полиции \uE000задержали\uE001 мужчину по делу о \uE000мошенничестве\uE001.'

    const { text, highlights } = parseHeadline(marked)

    assert.equal(text, 'Сотрудники полиции задержали мужчину по делу о мошенничестве.')
    assert.deepEqual(
      highlights.map((h) => text.slice(h.start, h.end)),
      ['задержали', 'мошенничестве'],
    )
  })

  test('ignores an unbalanced or empty marker', () => {
    assert.deepEqual(parseHeadline('a \uE000\uE001b \uE001c'), { text: 'a b c', highlights: [] })
  })
})
