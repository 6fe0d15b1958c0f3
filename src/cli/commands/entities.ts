/**
 * `tergeu entities`: the persons and organisations resolved across documents: list and show
 * them, a person's case timeline, and an analyst's merges, splits and undos (logged with who and
 * when). Design: docs/decisions/0008-entity-resolution.md.
 *
 * @module cli/commands/entities
 */
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import type {
  EntityDetail,
  EntityLogEntry,
  EntitySummary,
  TimelineEvent,
} from '#storage/entity-repository.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu entities list [--q NAME] [--kind person|organization] [--limit 20] [--offset 0] [--json]
       tergeu entities show ID [--mentions 50] [--json]
       tergeu entities timeline ID [--json]
       tergeu entities merge INTO FROM... --by NAME [--json]
       tergeu entities split ID --mentions M1,M2,... --by NAME [--json]
       tergeu entities undo LOG_ID --by NAME [--json]
       tergeu entities log [--entity ID] [--limit 50] [--json]
       tergeu entities sync [--json]

Persons and organisations resolved across documents, languages and scripts ("Ерлан Сапаров",
"Yerlan Saparov" and "Сапаров Ерлан" are one entity when names and context agree).

list       entities matching NAME in any script (best match first), or the most mentioned
show       an entity: names, roles, titles, IIN/BIN, crime categories, documents and mentions
           (mention ids are what split takes); a merged id shows the entity it went into
timeline   the dated events a person is a subject of across all documents, oldest first, with
           the source document of each (an undated event takes its article's date, marked ~)
merge      merges FROM entities into INTO; logged with --by and the time
split      moves the given mentions of ID to a new entity; logged
undo       undoes a merge or split (refused while a later change touches the same entities)
log        analysts' merges, splits and undos, newest first
sync       resolves every stored document not resolved yet (ingest resolves as it stores)

Analysts' decisions stay when documents are ingested again.

options:
  --by NAME          who makes the change (required for merge, split, undo)
  --json             print the result as JSON (the API's shapes)
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help         this help

exit codes: 0 ok, 1 not found, conflict or database unavailable, 2 usage error`

const ACTIONS = ['list', 'show', 'timeline', 'merge', 'split', 'undo', 'log', 'sync'] as const
type Action = (typeof ACTIONS)[number]

/** The `entities` command. */
export const entitiesCommand: Command = {
  name: 'entities',
  summary: 'entities across documents: list, show, timeline, merge, split, undo',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        q: { type: 'string' },
        kind: { type: 'string' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        mentions: { type: 'string' },
        entity: { type: 'string' },
        by: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const [action, ...rest] = positionals
    if (!isAction(action))
      throw new UsageError(
        action === undefined
          ? 'no action given'
          : `unknown action "${action}" (${ACTIONS.join(', ')})`,
      )
    const needs = (n: number, what: string) => {
      if (rest.length < n) throw new UsageError(`${action} needs ${what}`)
    }
    const by = () => {
      const name = values.by?.trim()
      if (!name) throw new UsageError(`${action} needs --by NAME (who makes the change)`)
      return name
    }
    const int = (flag: string, value: string | undefined, fallback: number, max: number) => {
      if (value === undefined) return fallback
      const n = Number(value)
      if (!Number.isInteger(n) || n < 0 || n > max)
        throw new UsageError(`--${flag}: a whole number 0..${max}`)
      return n
    }
    if (values.kind !== undefined && values.kind !== 'person' && values.kind !== 'organization')
      throw new UsageError('--kind: person or organization')
    if (action === 'show' || action === 'timeline') needs(1, 'an entity ID')
    if (action === 'merge') needs(2, 'INTO and at least one FROM entity')
    if (action === 'undo') needs(1, 'a LOG_ID')
    if (action === 'split') {
      needs(1, 'an entity ID')
      if (!values.mentions) throw new UsageError('split needs --mentions M1,M2,...')
    }
    const decision = action === 'merge' || action === 'split' || action === 'undo'
    const user = decision ? by() : ''

    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const print = (json: unknown, text: string) =>
        io.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : text)
      switch (action) {
        case 'sync': {
          const n = await runtime.entities.sync()
          print({ resolved: n }, `${n} document(s) resolved\n`)
          break
        }
        case 'list': {
          await runtime.entities.sync()
          const items = await runtime.entities.list({
            q: values.q,
            kind: values.kind as 'person' | 'organization' | undefined,
            limit: int('limit', values.limit, 20, 100),
            offset: int('offset', values.offset, 0, 10_000),
          })
          print({ items }, formatList(items))
          break
        }
        case 'show': {
          await runtime.entities.sync()
          const e = await runtime.entities.get(rest[0]!, {
            mentionLimit: int('mentions', values.mentions, 50, 10_000),
          })
          print(e, formatEntity(e))
          break
        }
        case 'timeline': {
          await runtime.entities.sync()
          const e = await runtime.entities.get(rest[0]!, { mentionLimit: 1 })
          const events = await runtime.entities.timeline(rest[0]!)
          print({ entity: { id: e.id, name: e.name }, events }, formatTimeline(e, events))
          break
        }
        case 'merge': {
          const log = await runtime.entities.merge(rest[0]!, rest.slice(1), user)
          print({ log }, formatLog([log]))
          break
        }
        case 'split': {
          const ids = (values.mentions ?? '')
            .split(/[\s,]+/)
            .map((s) => s.trim())
            .filter(Boolean)
          const log = await runtime.entities.split(rest[0]!, ids, user)
          print({ log }, formatLog([log]))
          break
        }
        case 'undo': {
          const log = await runtime.entities.undo(rest[0]!, user)
          print({ log }, formatLog([log]))
          break
        }
        case 'log': {
          const entries = await runtime.entities.log({
            ...(values.entity === undefined ? {} : { entityId: values.entity }),
            limit: int('limit', values.limit, 50, 500),
          })
          print({ entries }, formatLog(entries))
          break
        }
      }
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}

function isAction(value: string | undefined): value is Action {
  return value !== undefined && (ACTIONS as readonly string[]).includes(value)
}

/** One line per entity: id, kind, mentions, name (and the match score with a query). */
export function formatList(items: readonly EntitySummary[]): string {
  if (items.length === 0) return 'no entities\n'
  return `${items
    .map(
      (e) =>
        `${e.id.padStart(6)}  ${e.kind === 'person' ? 'person' : 'org   '}  ${String(e.mentions).padStart(5)} mention(s)  ${e.name}${e.score === null ? '' : `  (${e.score.toFixed(3)})`}`,
    )
    .join('\n')}\n`
}

/** An entity as a readable block. */
export function formatEntity(e: EntityDetail): string {
  const lines = [
    `${e.id}  ${e.kind}  ${e.name}${e.redirectedFrom ? `  (entity ${e.redirectedFrom} was merged into it)` : ''}`,
    `  mentions: ${e.mentionCount} in ${e.documents.length}${e.mentions.length < e.mentionCount ? '+' : ''} document(s)`,
    `  names: ${e.names.map((n) => `${n.name} ×${n.mentions}`).join('; ')}`,
  ]
  if (e.roles.length > 0)
    lines.push(`  roles: ${e.roles.map((r) => `${r.role}×${r.documents}`).join(', ')}`)
  if (e.titles.length > 0) lines.push(`  titles: ${e.titles.join('; ')}`)
  if (e.identifiers.length > 0) lines.push(`  IIN/BIN: ${e.identifiers.join(', ')}`)
  if (e.crimeCategories.length > 0) lines.push(`  crimes: ${e.crimeCategories.join(', ')}`)
  lines.push('  mentions (id, date, document, role, name):')
  for (const m of e.mentions) {
    const title = m.docTitle ? `  ${m.docTitle.replace(/\s+/g, ' ').slice(0, 80)}` : ''
    lines.push(
      `  ${m.id.padStart(6)}  ${m.published ?? 'undated   '}  ${m.docId}  [${m.role ?? 'other'}]${m.decided ? ' *' : ''}  ${m.name}${title}`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** A timeline as one line per event. */
export function formatTimeline(e: EntityDetail, events: readonly TimelineEvent[]): string {
  const lines = [`${e.id}  ${e.name}: ${events.length} event(s)`]
  for (const ev of events) {
    const date = `${ev.approximate ? '~' : ' '}${ev.date ?? 'undated'}`
    lines.push(`  ${date.padEnd(22)}  ${ev.type.padEnd(13)}  ${ev.docId}  ${ev.summary}`)
  }
  return `${lines.join('\n')}\n`
}

/** Log entries, one line each. */
export function formatLog(entries: readonly EntityLogEntry[]): string {
  if (entries.length === 0) return 'no entries\n'
  return `${entries
    .map((l) => {
      const what =
        l.action === 'undo'
          ? `undo of ${l.undoes}`
          : l.action === 'merge'
            ? `merge ${(l.details['from'] as string[] | undefined)?.join(', ')} into ${l.details['into']}`
            : `split ${(l.details['mentions'] as string[] | undefined)?.length ?? 0} mention(s) of ${l.details['from']} into ${l.details['into']}`
      const undone = l.undoneBy ? `  (undone by ${l.undoneBy})` : ''
      return `${l.id.padStart(6)}  ${l.at}  ${l.by}  ${what}${undone}`
    })
    .join('\n')}\n`
}
