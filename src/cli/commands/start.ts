/**
 * `tergeu start` (what `npm start` runs): migrate, ingest the bundled samples into an empty
 * database, then serve the API and web UI.
 *
 * @module cli/commands/start
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { type Command, EXIT } from '../command.ts'
import { ingestFiles, listFiles, loadCliConfig } from './ingest.ts'
import { serveUntilStopped } from './serve.ts'

/** The sample corpus shipped with the code base. */
export const SAMPLES_DIR = fileURLToPath(new URL('../../../samples', import.meta.url))

const USAGE = `usage: tergeu start [--port 8080] [--host 127.0.0.1]

Gets a fresh checkout running: brings the database schema up to date, ingests the bundled
sample articles (samples/) when the database holds no documents yet, then serves the web UI and
the API (as "tergeu serve"). Stops cleanly on Ctrl-C.

options:
${describeConfigFlags(['port', 'host', 'database-url', 'data-dir', 'log-level'])}
  -h, --help           this help

exit codes: 0 stopped cleanly, 1 the database or the port is unavailable, 2 usage error`

/** The `start` command. */
export const startCommand: Command = {
  name: 'start',
  summary: 'migrate, load the samples into an empty database, and serve',
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
    const config = loadCliConfig(io, args)
    const runtime = await bootstrap(config, { cwd: io.cwd })
    try {
      const { applied } = runtime.migrations
      if (applied.length > 0) io.stderr.write(`tergeu: applied ${applied.length} migration(s)\n`)
      if ((await runtime.documents.count()) === 0 && existsSync(SAMPLES_DIR)) {
        io.stderr.write(
          'tergeu: the database is empty; ingesting the sample articles from samples/\n',
        )
        await ingestFiles(runtime, await listFiles([SAMPLES_DIR], io.cwd), io)
      }
      await serveUntilStopped(runtime, config, io)
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}
