/**
 * `tergeu feeds add URL [--every 30m]` and `tergeu feeds list`: the RSS/Atom feeds and sitemaps
 * that `tergeu watch` polls.
 *
 * @module cli/commands/feeds
 */
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { createFeedRepository } from '#storage/feed-repository.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu feeds add URL [--every DURATION]
       tergeu feeds list [--json]

Adds an RSS 2.0 / Atom feed or a sitemap (urlset or sitemap index) for "tergeu watch" to poll,
or lists the feeds with their last poll. Adding a feed again changes its interval.

options:
  --every DURATION   how often to poll: 90s, 15m, 2h, 1d (default 30m, at least 60s)
  --json             list as JSON on stdout
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help         this help`

/** Parses `90s`, `15m`, `2h`, `1d` (or plain seconds) into seconds; `null` when malformed. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,7})\s*([smhd]?)$/.exec(text.trim())
  if (!m) return null
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd']
  return Number(m[1]) * unit
}

/** The `feeds` command. */
export const feedsCommand: Command = {
  name: 'feeds',
  summary: 'add and list the RSS/Atom feeds and sitemaps that watch polls',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        every: { type: 'string' },
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
    if (action !== 'add' && action !== 'list') throw new UsageError('expected "add URL" or "list"')
    let url = ''
    let interval = 1800
    if (action === 'add') {
      if (rest.length !== 1) throw new UsageError('feeds add takes one URL')
      const parsed = URL.canParse(rest[0]!) ? new URL(rest[0]!) : null
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
        throw new UsageError(`not an http(s) URL: ${rest[0]}`)
      url = parsed.href
      if (values.every !== undefined) {
        const s = parseDuration(values.every)
        if (s === null || s < 60) throw new UsageError('--every must be a duration of at least 60s')
        interval = s
      }
    }
    const runtime = await bootstrap(loadCliConfig(io, args), { cwd: io.cwd })
    try {
      const feeds = createFeedRepository(runtime.database.db)
      if (action === 'add') {
        const isNew = await feeds.add(url, interval)
        io.stderr.write(`${isNew ? 'added' : 'updated'} feed ${url}, polled every ${interval}s\n`)
        return EXIT.ok
      }
      const list = await feeds.list()
      if (values.json) {
        io.stdout.write(`${JSON.stringify(list, null, 2)}\n`)
        return EXIT.ok
      }
      if (list.length === 0) io.stderr.write('no feeds yet (tergeu feeds add URL)\n')
      for (const f of list) {
        const last = f.lastPolledAt
          ? `last polled ${f.lastPolledAt} (${f.lastError ? `failed: ${f.lastError}` : `HTTP ${f.lastStatus}`})`
          : 'never polled'
        io.stdout.write(`${f.url}\t${f.kind ?? '-'}\tevery ${f.intervalSeconds}s\t${last}\n`)
      }
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}
