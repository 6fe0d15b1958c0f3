/**
 * A `CommandIo` whose stdout and stderr are captured as strings, for calling `main()` in tests.
 */
import { PassThrough } from 'node:stream'
import type { CommandIo } from '#cli/command.ts'

/** Captured output of a command run. */
export interface CapturedIo {
  readonly io: CommandIo
  out(): string
  err(): string
}

/** Builds an io object for `main(argv, io)` that records what the command writes. */
export function captureIo(
  cwd: string = process.cwd(),
  env: Readonly<Record<string, string>> = {},
): CapturedIo {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => {
    out += c
  })
  stderr.on('data', (c) => {
    err += c
  })
  return { io: { stdout, stderr, env, cwd }, out: () => out, err: () => err }
}
