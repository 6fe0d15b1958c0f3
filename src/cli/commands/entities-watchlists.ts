/**
 * `tergeu watchlists`: imports FollowTheMoney / OpenSanctions JSON lines and simple CSV
 * watchlists, lists them, and cross-references them with the entity record (which listed
 * persons and organisations appear in the news, in what role).
 *
 * @module cli/commands/entities-watchlists
 */
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, extname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { parseFtmLine, parseWatchlistCsv, type WatchlistEntry } from '#core/entities/watchlist.ts'
import { InvalidInputError } from '#core/errors.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { createWatchlistRepository, type WatchlistHit } from '#storage/entity-watchlists.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu watchlists import FILE [--name NAME] [--format ftm|csv] [--json]
       tergeu watchlists list [--json]
       tergeu watchlists xref [--name NAME] [--min-score S] [--limit N] [--json]

import   loads a watchlist, replacing one of the same name (default: the file name).
         ftm: FollowTheMoney / OpenSanctions JSON lines (Person, Organization, Company,
         LegalEntity, PublicBody; names, aliases, birth dates, countries, identifiers, topics);
         csv: columns name, aliases, birth_date, country, identifiers (optional id, type), header
         optional, lists inside a cell separated by ";". The format follows the extension
         (.json/.jsonl/.ndjson → ftm, .csv → csv) unless --format says.
list     the loaded watchlists
xref     the entries that appear in the record: matched entities with score and reason, their
         roles across documents (suspects and convicts first) and mention counts

options:
  --json   print the result as JSON
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help  this help

exit codes: 0 ok, 1 unreadable file or database unavailable, 2 usage error`

/** The `watchlists` command. */
export const watchlistsCommand: Command = {
  name: 'watchlists',
  summary: 'import FtM/OpenSanctions or CSV watchlists and cross-reference them with the record',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        format: { type: 'string' },
        'min-score': { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const [action, file] = positionals
    if (action !== 'import' && action !== 'list' && action !== 'xref')
      throw new UsageError(action ? `unknown action "${action}"` : 'no action given')
    if (action === 'import' && !file) throw new UsageError('import needs a FILE')
    const format = values.format ?? (file ? formatOf(file) : undefined)
    if (action === 'import' && format !== 'ftm' && format !== 'csv')
      throw new UsageError('--format: ftm or csv')
    const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score'])
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1))
      throw new UsageError('--min-score: a number 0..1')
    const limit = values.limit === undefined ? undefined : Number(values.limit)
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new UsageError('--limit: a positive whole number')

    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const lists = createWatchlistRepository(runtime.database.db)
      if (action === 'import') {
        const path = resolve(io.cwd, file!)
        const name = values.name ?? basename(path, extname(path))
        const entries = format === 'ftm' ? ftmEntries(path) : await csvEntries(path)
        const report = await lists.import(name, format as 'ftm' | 'csv', entries)
        if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
        else
          io.stdout.write(
            `${report.watchlist}: ${report.entries} entries (${report.persons} persons, ${report.organizations} organisations), ${report.skipped} skipped, in ${report.seconds} s\n`,
          )
        return EXIT.ok
      }
      if (action === 'list') {
        const all = await lists.list()
        if (values.json) io.stdout.write(`${JSON.stringify({ watchlists: all }, null, 2)}\n`)
        else if (all.length === 0) io.stdout.write('no watchlists\n')
        else
          for (const w of all)
            io.stdout.write(`${w.name}  ${w.format}  ${w.entries} entries  ${w.importedAt}\n`)
        return EXIT.ok
      }
      await runtime.entities.sync()
      const hits = await lists.xref({ watchlist: values.name, minScore, limit })
      if (values.json) io.stdout.write(`${JSON.stringify({ hits }, null, 2)}\n`)
      else io.stdout.write(formatHits(hits))
      io.stderr.write(
        `${hits.length} watchlist entr${hits.length === 1 ? 'y' : 'ies'} in the record\n`,
      )
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}

function formatOf(file: string): string | undefined {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv') return 'csv'
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson' || ext === '.ftm') return 'ftm'
  return undefined
}

// JSON lines, read as a stream: an OpenSanctions export is hundreds of megabytes.
async function* ftmEntries(path: string): AsyncGenerator<WatchlistEntry | undefined> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  let n = 0
  for await (const line of lines) {
    n++
    if (line.trim() === '') continue
    try {
      yield parseFtmLine(line)
    } catch {
      throw new InvalidInputError(`${path}:${n}: not a JSON line`, { details: { line: n } })
    }
  }
}

async function csvEntries(path: string): Promise<WatchlistEntry[]> {
  return parseWatchlistCsv(await readFile(path, 'utf8'))
}

/** One block per entry: the entry, then one line per matched entity. */
export function formatHits(hits: readonly WatchlistHit[]): string {
  if (hits.length === 0) return 'no watchlist entry appears in the record\n'
  const lines: string[] = []
  for (const h of hits) {
    const topics = h.topics.length > 0 ? `  [${h.topics.join(', ')}]` : ''
    lines.push(`${h.watchlist}/${h.entryId}  ${h.schema}  ${h.name}${topics}`)
    for (const m of h.matches) {
      const roles = m.roles.map((r) => `${r.role}×${r.documents}`).join(', ')
      lines.push(
        `  ${m.score.toFixed(3)}  entity ${m.entityId}  ${m.entityName}  (${m.mentions} mention(s); ${roles})`,
        `         why: ${m.reasons.join('; ')}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}
