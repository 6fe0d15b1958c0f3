/**
 * `tergeu serve`: the HTTP API, plus the web UI from `web/dist` when it has been built.
 *
 * @module cli/commands/serve
 */
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import type { Config } from '#config/config.ts'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { AppError } from '#core/errors.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { type Command, type CommandIo, EXIT } from '../command.ts'
import { loadCliConfig } from './ingest.ts'
import { announceFirstAdmin } from './users.ts'

const USAGE = `usage: tergeu serve [--port 8080] [--host 127.0.0.1]

Serves the HTTP API under /api (health, search, documents) and the web UI from web/dist when it
has been built (npm run build:web). Stops cleanly on Ctrl-C (SIGINT) or SIGTERM: no new
connections are accepted, the requests in flight finish (30 s at most; a second signal cuts them
off), then the database is closed. The server keeps no session state: run several behind a proxy.

options:
${describeConfigFlags(['port', 'host', 'database-url', 'data-dir', 'log-level'])}
  -h, --help           this help

exit codes: 0 stopped cleanly, 1 the database or the port is unavailable, 2 usage error`

/** The built web UI, if there is one. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url))

/** The `serve` command. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the HTTP API and the web UI',
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
      await serveUntilStopped(runtime, config, io)
      return EXIT.ok
    } finally {
      await runtime.close()
      io.stderr.write('tergeu: database closed\n')
    }
  },
}

/** Options of {@link serveUntilStopped}. */
export interface ServeOptions {
  /** Stops the server when aborted (default: SIGINT or SIGTERM). */
  readonly signal?: AbortSignal
  /** Called once the server listens, with its URL. */
  readonly onListening?: (url: string) => void
  /** Longest wait for requests in flight after a stop, in milliseconds (default 30000). */
  readonly drainMs?: number
}

/**
 * Listens on `config.api` and resolves once the server has stopped (on SIGINT/SIGTERM or
 * `options.signal`), after in-flight requests finish. Throws an `unavailable` AppError when the
 * port cannot be bound.
 */
export async function serveUntilStopped(
  runtime: Runtime,
  config: Config,
  io: CommandIo,
  options: ServeOptions = {},
): Promise<void> {
  await announceFirstAdmin(runtime, config, io)
  const hasUi = existsSync(`${WEB_DIST}/index.html`)
  const app = runtime.createHttpApp({
    ...(hasUi ? { staticRoot: WEB_DIST } : {}),
    logError: (error) => io.stderr.write(`tergeu serve: internal error: ${errorText(error)}\n`),
  })
  const { port, host } = config.api
  const server = serve({ fetch: app.fetch, port, hostname: host })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message
      reject(
        new AppError('unavailable', `cannot listen on ${host}:${port}: ${why}`, { cause: error }),
      )
    })
  })
  const actualPort = (server.address() as AddressInfo).port
  const shownHost = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host
  const url = `http://${shownHost}:${actualPort}`
  io.stderr.write(
    `tergeu: serving ${hasUi ? 'the web UI and ' : ''}the API on ${url} (${runtime.database.kind}); Ctrl-C stops\n`,
  )
  if (!hasUi)
    io.stderr.write('tergeu: web/dist not built; only /api is served (npm run build:web)\n')
  options.onListening?.(url)

  // Graceful shutdown: stop accepting connections, let the requests in flight finish (at most
  // `drainMs`; a second signal cuts them off at once), then the caller closes the database.
  const http = server as typeof server & {
    closeIdleConnections?: () => void
    closeAllConnections?: () => void
  }
  await new Promise<void>((resolve) => {
    let force: NodeJS.Timeout | undefined
    const forceClose = () => http.closeAllConnections?.()
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      options.signal?.removeEventListener('abort', stop)
      io.stderr.write('tergeu: stopping: no new connections; finishing the requests in flight\n')
      server.close(() => {
        clearTimeout(force)
        process.off('SIGINT', forceClose)
        process.off('SIGTERM', forceClose)
        resolve()
      })
      // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
      http.closeIdleConnections?.()
      force = setTimeout(forceClose, options.drainMs ?? 30_000)
      force.unref()
      process.once('SIGINT', forceClose)
      process.once('SIGTERM', forceClose)
    }
    if (options.signal?.aborted) return stop()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    options.signal?.addEventListener('abort', stop, { once: true })
  })
  io.stderr.write('tergeu: server stopped\n')
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}
