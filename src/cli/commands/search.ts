/**
 * `tergeu search`: full-text search over stored documents.
 *
 * @module cli/commands/search
 */
import { parseArgs } from 'node:util'
import { SearchQuery } from '#api/contract.ts'
import { searchFilters } from '#api/search-filters.ts'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import type { SearchFacets, SearchHitRecord } from '#storage/search-repository.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu search [filters] [--limit 10] [--json] [QUERY...]

Searches the stored documents (Russian and English with stemming, Kazakh by word form). QUERY
uses web-search syntax: words, "a phrase", OR, -excluded. Without a QUERY, the documents that
pass the filters are listed newest first.

options:
  --lang en|ru|kk      only documents in this language
  --source NAME        only documents from this source
  --from DATE          published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
  --to DATE            published on or before DATE
  --crime CATEGORY     only documents with this crime category (e.g. fraud)
  --event TYPE         only documents with this event type (e.g. extradition)
  --place NAME         only documents naming this place (canonical name, e.g. Almaty)
  --person NAME        only documents naming this person (canonical name)
  --org NAME           only documents naming this organisation (canonical name)
  --within AREA        only documents naming a place within a region or country (KZ-ALM, KG)
  --sort relevance|newest|oldest
  --facets             also print counts by language, source, crime, event, place, person, org
  --limit N            hits to show, 1..100 (default 10)
  --json               print the result as JSON on stdout (the API's SearchResponse shape)
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help

exit codes: 0 ok (also when nothing matched), 1 the database is unavailable, 2 usage error`

/** The `search` command. */
export const searchCommand: Command = {
  name: 'search',
  summary: 'full-text search over stored documents',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        source: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        crime: { type: 'string' },
        event: { type: 'string' },
        place: { type: 'string' },
        person: { type: 'string' },
        org: { type: 'string' },
        within: { type: 'string' },
        sort: { type: 'string' },
        facets: { type: 'boolean' },
        limit: { type: 'string', default: '10' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const parsed = SearchQuery.safeParse({
      q: positionals.join(' '),
      lang: values.lang,
      source: values.source,
      from: values.from,
      to: values.to,
      crime: values.crime,
      event: values.event,
      location: values.place,
      person: values.person,
      organization: values.org,
      within: values.within,
      sort: values.sort,
      facets: values.facets ? 'true' : undefined,
      limit: values.limit,
    })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new UsageError(`--${String(issue?.path[0] ?? 'query')}: ${issue?.message ?? 'invalid'}`)
    }
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const query = parsed.data
      const filters = searchFilters(query)
      const page = await runtime.search.search({ ...query, ...filters })
      if (values.json) {
        io.stdout.write(`${JSON.stringify(page, null, 2)}\n`)
        return EXIT.ok
      }
      if (page.items.length === 0) {
        io.stderr.write(query.q ? `no documents match "${query.q}"\n` : 'no documents match\n')
      }
      page.items.forEach((hit, i) => {
        io.stdout.write(formatHit(hit, i + 1))
      })
      if (page.items.length > 0)
        io.stderr.write(
          `${page.items.length} of ${page.totalIsEstimate ? 'about ' : ''}${page.total}${page.totalIsLowerBound ? '+' : ''} hit(s)\n`,
        )
      if (page.facets) io.stdout.write(formatFacets(page.facets))
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}

// Matches are marked with »…« so that they show without colours, in logs and pipes too.
function formatHit(hit: SearchHitRecord, n: number): string {
  let snippet = ''
  let at = 0
  for (const h of hit.snippet.highlights) {
    snippet += `${hit.snippet.text.slice(at, h.start)}»${hit.snippet.text.slice(h.start, h.end)}«`
    at = h.end
  }
  snippet += hit.snippet.text.slice(at)
  const header = [hit.lang, hit.published ?? 'undated', hit.id].join('  ')
  const title = hit.title ? `\n   ${hit.title}` : ''
  return `${n}. ${header}${title}\n   ${snippet.replace(/\s+/g, ' ').trim()}\n\n`
}

/** Facet counts as a short block: one line per facet, its top values with counts. */
function formatFacets(facets: SearchFacets): string {
  const rows: [string, keyof Omit<SearchFacets, 'sampled'>][] = [
    ['language', 'lang'],
    ['source', 'source'],
    ['crime', 'crime'],
    ['event', 'event'],
    ['place', 'location'],
    ['person', 'person'],
    ['org', 'organization'],
  ]
  let out = `\nfacets${facets.sampled ? ' (a sample of the matches)' : ''}:\n`
  for (const [name, key] of rows) {
    const values = facets[key]
    if (values.length === 0) continue
    // A resolved person or organisation shows its name and the value to filter by.
    const shown = (v: (typeof values)[number]) => (v.label ? `${v.label} [${v.value}]` : v.value)
    out += `  ${name.padEnd(9)}${values.map((v) => `${shown(v)} (${v.count})`).join(', ')}\n`
  }
  return out
}
