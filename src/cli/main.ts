/**
 * The `tergeu` command line: parses the subcommand, runs it, maps errors to exit codes.
 *
 * @module cli/main
 */
import { isAppError } from '#core/errors.ts'
import { type Command, type CommandIo, EXIT, UsageError } from './command.ts'
import { alertsCommand } from './commands/alerts.ts'
import { backupCommand, restoreCommand } from './commands/backup.ts'
import { entitiesCommand } from './commands/entities.ts'
import { watchlistsCommand } from './commands/entities-watchlists.ts'
import { extractCommand } from './commands/extract.ts'
import { feedsCommand } from './commands/feeds.ts'
import { ingestCommand } from './commands/ingest.ts'
import { migrateCommand } from './commands/migrate.ts'
import { namesCommand } from './commands/names.ts'
import { ratesCommand } from './commands/rates.ts'
import { reprocessCommand } from './commands/reprocess.ts'
import { screenCommand } from './commands/screen.ts'
import { searchCommand } from './commands/search.ts'
import { serveCommand } from './commands/serve.ts'
import { startCommand } from './commands/start.ts'
import { tokensCommand } from './commands/tokens.ts'
import { usersCommand } from './commands/users.ts'
import { watchCommand } from './commands/watch.ts'
import { workerCommand } from './commands/worker.ts'
import { jobsCommand } from './commands/worker-jobs.ts'

const COMMANDS: readonly Command[] = [
  extractCommand,
  ratesCommand,
  ingestCommand,
  feedsCommand,
  watchCommand,
  searchCommand,
  serveCommand,
  migrateCommand,
  startCommand,
  namesCommand,
  screenCommand,
  entitiesCommand,
  watchlistsCommand,
  workerCommand,
  jobsCommand,
  reprocessCommand,
  backupCommand,
  restoreCommand,
  alertsCommand,
  usersCommand,
  tokensCommand,
]

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return `usage: tergeu COMMAND [options]

commands:
${lines.join('\n')}

Run "tergeu COMMAND --help" for a command's options.

exit codes: 0 ok, 1 failure, 2 usage error, 3 partial (some documents failed)`
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CommandIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${help()}\n`)
    return name ? EXIT.ok : EXIT.usage
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.stderr.write(`tergeu: unknown command "${name}" (see tergeu --help)\n`)
    return EXIT.usage
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError || isNodeArgError(error)) {
      io.stderr.write(`tergeu ${name}: ${(error as Error).message}\n${firstLine(command.usage)}\n`)
      return EXIT.usage
    }
    if (isAppError(error) || isFsError(error)) {
      io.stderr.write(`tergeu ${name}: ${(error as Error).message}\n`)
      return EXIT.failure
    }
    throw error
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}

function isNodeArgError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')
}

function isFsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}

function defaultIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }
}
