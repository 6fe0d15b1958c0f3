/**
 * `tergeu backup FILE` and `tergeu restore FILE`: the whole record to one file and back.
 *
 * Embedded PGlite is backed up as PGlite's own data-directory tarball (a physical snapshot under
 * the data-directory lock: byte-for-byte, every table others add included, no dependency order to
 * maintain); PostgreSQL with `pg_dump --format=custom` / `pg_restore`. See storage/backup.
 *
 * @module cli/commands/backup
 */
import { isAbsolute, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, type Config, describeConfigFlags } from '#config/config.ts'
import {
  type BackupHeader,
  type BackupTarget,
  backupDatabase,
  restoreDatabase,
} from '#storage/backup.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const FORMAT_NOTE = `The embedded database is saved as PGlite's data-directory snapshot (exact, every table, taken
while no other process holds the data directory); a PostgreSQL server with pg_dump --format=custom
(pg_dump and pg_restore must be on PATH). The file starts with a header (format, version,
migration level, document count, time, SHA-256) checked before anything is restored.`

const BACKUP_USAGE = `usage: tergeu backup FILE

Writes the whole record (documents, annotations, facts, entities, stories, everything) to FILE.

${FORMAT_NOTE}

options:
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help

exit codes: 0 written, 1 the database is unavailable or in use, 2 usage error`

const RESTORE_USAGE = `usage: tergeu restore [--force] FILE

Restores a backup written by "tergeu backup" into the configured database: the data directory
(which must be empty or absent; built beside it and renamed in, so a failed restore leaves
nothing half-done) or the PostgreSQL database of DATABASE_URL (which must have no tables; restored
in one transaction).

${FORMAT_NOTE}

options:
      --force          replace a data directory or database that already holds data
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help           this help

exit codes: 0 restored, 1 refused (damaged file, non-empty target) or failed, 2 usage error`

/** The `backup` command. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'write the whole record to a backup file',
  usage: BACKUP_USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, ...CONFIG_FLAGS },
    })
    if (values.help) {
      io.stdout.write(`${BACKUP_USAGE}\n`)
      return EXIT.ok
    }
    const file = oneFile(positionals, io)
    const target = targetOf(loadCliConfig(io, args), io)
    const started = performance.now()
    const header = await backupDatabase(target, file)
    io.stdout.write(`backed up ${describe(header)} to ${file} in ${seconds(started)}\n`)
    return EXIT.ok
  },
}

/** The `restore` command. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore a backup file into an empty database',
  usage: RESTORE_USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        force: { type: 'boolean' },
        ...CONFIG_FLAGS,
      },
    })
    if (values.help) {
      io.stdout.write(`${RESTORE_USAGE}\n`)
      return EXIT.ok
    }
    const file = oneFile(positionals, io)
    const target = targetOf(loadCliConfig(io, args), io)
    const started = performance.now()
    const header = await restoreDatabase(target, file, { force: values.force === true })
    io.stdout.write(
      `restored ${describe(header)} (taken ${header.createdAt}) from ${file} in ${seconds(started)}\n`,
    )
    return EXIT.ok
  },
}

function oneFile(positionals: readonly string[], io: CommandIo): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError('give exactly one FILE')
  return resolve(io.cwd, positionals[0])
}

function targetOf(config: Config, io: CommandIo): BackupTarget {
  const db = config.database
  if (db.kind === 'postgres') return { kind: 'postgres', url: db.url, env: io.env }
  return {
    kind: 'pglite',
    dataDir: isAbsolute(db.dataDir) ? db.dataDir : resolve(io.cwd, db.dataDir),
  }
}

function describe(header: BackupHeader): string {
  const level = header.migration ? `, schema at ${header.migration}` : ''
  return `${header.documents} document(s) (${header.backend}${level}, ${header.payloadBytes} bytes)`
}

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(2)} s`
}
