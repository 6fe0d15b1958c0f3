/**
 * The shape of a CLI command and the exit codes every command uses.
 *
 * @module cli/command
 */

/** Exit codes: documented in `tergeu --help` and README. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** The batch finished but some documents failed. */
  partial: 3,
} as const

/** Where a command writes: results to stdout, progress and diagnostics to stderr. */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean }
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** One `tergeu` subcommand. */
export interface Command {
  readonly name: string
  readonly summary: string
  /** Full help text (usage line, options, examples). */
  readonly usage: string
  run(args: readonly string[], io: CommandIo): Promise<number>
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
