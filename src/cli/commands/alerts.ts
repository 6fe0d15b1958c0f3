/**
 * `tergeu alerts`: watch an entity, a name or a saved search; list the subjects and the alerts
 * recorded when new documents matched them; deliver the alerts due to the configured webhook.
 * Design: docs/decisions/0009-alerts.md.
 *
 * @module cli/commands/alerts
 */
import { parseArgs } from 'node:util'
import { parseSavedSearch, presentAlert, presentSubject } from '#api/alert-routes.ts'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import type { AlertRecord, WatchSubject } from '#storage/alert-repository.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu alerts watch (--entity ID | --name NAME | --search QUERY) [--json]
       tergeu alerts subjects [--json]
       tergeu alerts unwatch ID
       tergeu alerts list [--subject ID] [--limit 50] [--cursor C] [--json]
       tergeu alerts deliver

Watches for new documents. Every document stored from then on (ingest, watch, URLs) is checked
against every subject; a match records one alert per subject and document, with why it matched,
and the alert is POSTed to the configured webhook (TERGEU_WEBHOOK_URL, signed with
TERGEU_WEBHOOK_SECRET).

subcommands:
  watch --entity ID      watch a resolved entity (see tergeu entities)
  watch --name NAME      watch a person's name in any spelling or script: "Аблязов" also
                         matches "Mukhtar Ablyazov" and "Аблязова"
  watch --search QUERY   watch a saved search, written as GET /api/search takes it:
                         "q=взятка&crime=bribery&lang=ru"
  subjects               list the subjects with their ids and alert counts
  unwatch ID             stop watching a subject (its alerts are removed with it)
  list                   the alerts, newest first (--cursor: the next page, as printed)
  deliver                deliver the alerts due now (ingest does this after every run)

options:
  --json                 print JSON (the API's shapes) on stdout
${describeConfigFlags(['database-url', 'data-dir', 'webhook-url', 'webhook-secret', 'webhook-allow-address'])}
  -h, --help             this help

exit codes: 0 ok, 1 failure (database unavailable, unknown id, some deliveries failed),
2 usage error`

/** The `alerts` command. */
export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'watch entities, names or saved searches and list the alerts new documents raise',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        entity: { type: 'string' },
        name: { type: 'string' },
        search: { type: 'string' },
        subject: { type: 'string' },
        limit: { type: 'string', default: '50' },
        cursor: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    const [sub, ...rest] = positionals
    if (values.help || sub === undefined) {
      io.stdout.write(`${USAGE}\n`)
      return values.help ? EXIT.ok : EXIT.usage
    }
    const json = values.json === true
    const write = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
    let action: (runtime: Runtime) => Promise<number>
    if (sub === 'watch') {
      const given = [values.entity, values.name, values.search].filter((v) => v !== undefined)
      if (given.length !== 1) throw new UsageError('watch needs one of --entity, --name, --search')
      const input =
        values.entity !== undefined
          ? { kind: 'entity' as const, entityId: values.entity.trim() }
          : values.name !== undefined
            ? { kind: 'name' as const, name: values.name }
            : { kind: 'search' as const, ...savedSearch(values.search ?? '') }
      action = async (runtime) => {
        const subject = await runtime.alerts.watch(input)
        if (json) write({ subject: presentSubject(subject) })
        else io.stdout.write(`${formatSubject(subject)}\n`)
        io.stderr.write(`watching subject ${subject.id}\n`)
        return EXIT.ok
      }
    } else if (sub === 'subjects') {
      action = async (runtime) => {
        const subjects = await runtime.alerts.subjects()
        if (json) write({ subjects: subjects.map(presentSubject) })
        else for (const s of subjects) io.stdout.write(`${formatSubject(s)}\n`)
        io.stderr.write(`${subjects.length} subject(s)\n`)
        return EXIT.ok
      }
    } else if (sub === 'unwatch') {
      const id = rest[0]
      if (id === undefined || rest.length > 1) throw new UsageError('unwatch needs one subject ID')
      action = async (runtime) => {
        if (!(await runtime.alerts.unwatch(id))) {
          io.stderr.write(`no watch subject ${id}\n`)
          return EXIT.failure
        }
        io.stderr.write(`subject ${id} no longer watched\n`)
        return EXIT.ok
      }
    } else if (sub === 'list') {
      const limit = Number(values.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new UsageError('--limit: a whole number 1..1000')
      action = async (runtime) => {
        const page = await runtime.alerts.list({
          limit,
          cursor: values.cursor,
          subjectId: values.subject,
        })
        if (json) write({ alerts: page.alerts.map(presentAlert), nextCursor: page.nextCursor })
        else for (const a of page.alerts) io.stdout.write(formatAlert(a))
        io.stderr.write(
          `${page.alerts.length} alert(s)${page.nextCursor ? `; more with --cursor ${page.nextCursor}` : ''}\n`,
        )
        return EXIT.ok
      }
    } else if (sub === 'deliver') {
      action = async (runtime) => {
        const report = await runtime.deliverAlerts()
        if (report === null) {
          io.stderr.write('no webhook configured (TERGEU_WEBHOOK_URL): nothing to deliver\n')
          return EXIT.ok
        }
        for (const f of report.failed) io.stderr.write(`alert ${f.id}: ${f.error}\n`)
        io.stderr.write(`${report.delivered} delivered, ${report.failed.length} failed\n`)
        return report.failed.length > 0 ? EXIT.failure : EXIT.ok
      }
    } else {
      throw new UsageError(
        `unknown alerts subcommand "${sub}" (watch, subjects, unwatch, list, deliver)`,
      )
    }
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      return await action(runtime)
    } finally {
      await runtime.close()
    }
  },
}

// A bad saved search is a usage error, with the parser's message.
function savedSearch(text: string) {
  try {
    return parseSavedSearch(text)
  } catch (error) {
    throw new UsageError(`--search: ${(error as Error).message}`)
  }
}

function formatSubject(s: WatchSubject): string {
  return `${s.id.padStart(5)}  ${s.kind.padEnd(6)}  ${s.label}${s.entityId ? `  (entity ${s.entityId})` : ''}  ${s.alerts} alert(s)`
}

/** One alert as a short block: id, subject, document, why, delivery. */
export function formatAlert(a: AlertRecord): string {
  const why =
    a.reason.kind === 'search'
      ? `search ${a.reason.query ?? ''}`
      : `${a.reason.matchedName ?? ''}${a.reason.score === undefined ? '' : ` (${a.reason.score.toFixed(3)})`}${a.reason.role ? ` [${a.reason.role}]` : ''}${a.reason.keys?.length ? `: ${a.reason.keys.join('; ')}` : ''}`
  const delivery = a.deliveredAt
    ? `delivered ${a.deliveredAt}`
    : a.attempts > 0
      ? `not delivered after ${a.attempts} attempt(s): ${a.deliveryLog.at(-1)?.error ?? ''}`
      : 'not delivered'
  return [
    `${a.id.padStart(6)}  ${a.createdAt}  subject ${a.subject.id} (${a.subject.kind} ${a.subject.label})`,
    `        ${a.document.published ?? 'undated   '}  ${a.document.id}  ${(a.document.title ?? '').replace(/\s+/g, ' ')}`,
    `        why: ${why}`,
    `        ${delivery}`,
    '',
  ].join('\n')
}
