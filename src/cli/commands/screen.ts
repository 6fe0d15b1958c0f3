/**
 * `tergeu screen`: screens names against the persons in the record: who is this name in the
 * news, in which role, for which crimes, in which articles.
 *
 * @module cli/commands/screen
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ScreenRequest } from '#api/contract.ts'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { parseCsv } from '#core/names/csv.ts'
import { bootstrap } from '#src/bootstrap.ts'
import type {
  ScreenMatch,
  ScreenResult,
  ScreenWatchlistHit,
} from '#storage/screening-repository.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu screen [--csv FILE|-] [--limit 10] [--articles 5] [--min-score S] [--json] [NAME...]

Screens each NAME (quote names with spaces) against the persons in the stored documents, in any
script: "Токаев", "Tokayev" and "Тоқаев" find each other. For every matched name: the score
(0..1), why it matched, the person's roles across documents (suspects and convicts are flagged
and listed first; a quoted spokesman is shown as an official), titles, crime categories of the
documents and the latest articles.

options:
  --csv FILE|-         also screen the first column of every row of FILE (header optional;
                       - is stdin)
  --limit N            matched names per name, 1..100 (default 10)
  --articles N         articles per matched name, 0..50 (default 5)
  --min-score S        also show weaker matches, down to score S (default: the match threshold)
  --json               print {results: [...]} as JSON on stdout (the API's ScreenResponse shape)
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help

exit codes: 0 ok (also when nothing matched), 1 the database is unavailable, 2 usage error`

const MAX_NAME_LENGTH = 300

// A first row of column names rather than a name.
const HEADER_FIELD = /^(?:names?|full_?name|person|query|subject|имя|фио|аты-жөні|есімі)$/i

/** The names of a one-name-per-row CSV: the first column, without a header row or blanks. */
export function namesFromCsv(text: string): string[] {
  const rows = parseCsv(text)
  const out: string[] = []
  rows.forEach((row, i) => {
    const name = (row[0] ?? '').trim()
    if (name === '' || (i === 0 && HEADER_FIELD.test(name))) return
    out.push(name)
  })
  return out
}

async function readInput(path: string, io: CommandIo): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = []
    for await (const c of process.stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  return readFile(resolve(io.cwd, path), 'utf8')
}

/** The `screen` command. */
export const screenCommand: Command = {
  name: 'screen',
  summary: 'screen names against the persons in the record (roles, crimes, articles)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        csv: { type: 'string' },
        limit: { type: 'string', default: '10' },
        articles: { type: 'string', default: '5' },
        'min-score': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const names = positionals.map((n) => n.trim()).filter((n) => n !== '')
    if (values.csv !== undefined) names.push(...namesFromCsv(await readInput(values.csv, io)))
    if (names.length === 0)
      throw new UsageError(
        values.csv === undefined ? 'no name given (NAME... or --csv FILE)' : 'no names in --csv',
      )
    // A CSV may hold any number of names (the API takes 1,000 per request); each must be a name.
    const tooLong = names.find((n) => n.length > MAX_NAME_LENGTH)
    if (tooLong !== undefined)
      throw new UsageError(
        `a name is longer than ${MAX_NAME_LENGTH} characters: "${tooLong.slice(0, 40)}…"`,
      )
    const parsed = ScreenRequest.omit({ names: true }).safeParse({
      limit: values.limit,
      articles: values.articles,
      minScore: values['min-score'],
    })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const flag = String(issue?.path[0] ?? 'names').replace('minScore', 'min-score')
      throw new UsageError(`--${flag}: ${issue?.message ?? 'invalid'}`)
    }
    const { limit, articles, minScore } = parsed.data
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const results = await runtime.screening.screen(names, {
        limit,
        articles,
        ...(minScore === undefined ? {} : { minScore }),
      })
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`)
        return EXIT.ok
      }
      for (const r of results) io.stdout.write(formatResult(r))
      const matched = results.filter((r) => r.matches.length > 0).length
      const listed = results.filter((r) => r.watchlistHits.length > 0).length
      io.stderr.write(
        `${matched} of ${results.length} name(s) found in the record, ${listed} on a watchlist\n`,
      )
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}

/**
 * One block per screened name: a header line, one paragraph per matched person (entity), then
 * one paragraph per watchlist entry it matches.
 */
export function formatResult(r: ScreenResult): string {
  const hits = r.watchlistHits
  if (r.matches.length === 0 && hits.length === 0) return `${r.query}: no match\n\n`
  const lines = [
    `${r.query}: ${r.matches.length} match(es)${hits.length > 0 ? `, ${hits.length} watchlist hit(s)` : ''}`,
  ]
  for (const m of r.matches) lines.push(...formatMatch(m))
  for (const h of hits) lines.push(...formatWatchlistHit(h))
  return `${lines.join('\n')}\n\n`
}

function formatWatchlistHit(h: ScreenWatchlistHit): string[] {
  const lines = [`  ${h.score.toFixed(3)}  LISTED   ${h.watchlist}/${h.entryId}  ${h.name}`]
  if (h.aliasesMatched.length > 0) lines.push(`         aliases: ${h.aliasesMatched.join('; ')}`)
  if (h.identifiers.length > 0) lines.push(`         identifiers: ${h.identifiers.join(', ')}`)
  if (h.countries.length > 0) lines.push(`         countries: ${h.countries.join(', ')}`)
  if (h.birthDates.length > 0) lines.push(`         born: ${h.birthDates.join(', ')}`)
  lines.push(`         why: ${h.reasons.join('; ')}`)
  if (h.entityIds.length > 0) lines.push(`         entity: ${h.entityIds.join(', ')}`)
  return lines
}

function formatMatch(m: ScreenMatch): string[] {
  const flag = m.flagged ? 'SUSPECT' : '       '
  const roles = m.roles.map((x) => `${x.role}×${x.documents}`).join(', ')
  const lines = [
    `  ${m.score.toFixed(3)}  ${flag}  ${m.name}  (${m.documents} doc(s); ${roles})`,
    `         why: ${m.reasons.join('; ')}`,
  ]
  if (m.entityId !== null) lines.push(`         entity: ${m.entityId}`)
  if (m.names.length > 1) lines.push(`         names: ${m.names.join('; ')}`)
  if (m.titles.length > 0) lines.push(`         titles: ${m.titles.join('; ')}`)
  if (m.crimeCategories.length > 0) lines.push(`         crimes: ${m.crimeCategories.join(', ')}`)
  for (const a of m.articles) {
    const title = a.title ? `  ${a.title.replace(/\s+/g, ' ')}` : ''
    lines.push(`         ${a.published ?? 'undated   '}  ${a.docId}  [${a.role}]${title}`)
  }
  return lines
}
