/**
 * `tergeu migrate`: brings the database schema up to date.
 *
 * @module cli/commands/migrate
 */
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { type Command, EXIT } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu migrate

Applies every pending migration to the database (the embedded one in the data directory, or the
PostgreSQL server of DATABASE_URL). Running it again does nothing.

options:
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help

exit codes: 0 up to date, 1 the database is unavailable or a migration failed, 2 usage error`

/** The `migrate` command. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'bring the database schema up to date',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { help: { type: 'boolean', short: 'h' }, ...CONFIG_FLAGS },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const runtime = await bootstrap(loadCliConfig(io, args), { cwd: io.cwd })
    try {
      const { applied } = runtime.migrations
      io.stdout.write(
        applied.length === 0
          ? `the ${runtime.database.kind} database is up to date\n`
          : `applied ${applied.length} migration(s) to the ${runtime.database.kind} database:\n${applied.map((m) => `  ${m}\n`).join('')}`,
      )
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}
