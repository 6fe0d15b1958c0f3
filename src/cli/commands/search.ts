/**
 * `tergeu search`: full-text search over stored documents.
 *
 * @module cli/commands/search
 */
import { parseArgs } from 'node:util'
import { SearchQuery } from '#api/contract.ts'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import type { SearchHitRecord } from '#storage/search-repository.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu search [--lang en|ru|kk] [--limit 10] [--json] QUERY...

Searches the stored documents (Russian and English with stemming, Kazakh by word form). QUERY
uses web-search syntax: words, "a phrase", OR, -excluded.

options:
  --lang en|ru|kk      only documents in this language
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
    if (positionals.length === 0) throw new UsageError('no query given')
    const parsed = SearchQuery.safeParse({
      q: positionals.join(' '),
      lang: values.lang,
      limit: values.limit,
    })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new UsageError(`--${String(issue?.path[0] ?? 'query')}: ${issue?.message ?? 'invalid'}`)
    }
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const page = await runtime.search.search(parsed.data)
      if (values.json) {
        io.stdout.write(`${JSON.stringify(page, null, 2)}\n`)
        return EXIT.ok
      }
      if (page.items.length === 0) io.stderr.write(`no documents match "${parsed.data.q}"\n`)
      page.items.forEach((hit, i) => {
        io.stdout.write(formatHit(hit, i + 1))
      })
      if (page.items.length > 0) io.stderr.write(`${page.items.length} of ${page.total} hit(s)\n`)
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
