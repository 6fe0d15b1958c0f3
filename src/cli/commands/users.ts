/**
 * `tergeu users`: add, list and disable user accounts, set passwords; and the first admin that
 * `serve` makes when credentials are needed and no user exists yet. Design:
 * docs/decisions/0014-authentication.md.
 *
 * @module cli/commands/users
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { hashPassword, hashSecret, newToken } from '#api/auth/secrets.ts'
import type { Config } from '#config/config.ts'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { ConflictError, NotFoundError } from '#core/errors.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createAuditRepository } from '#storage/audit-repository.ts'
import {
  createUserRepository,
  ROLES,
  type Role,
  type User,
  type UserRepository,
} from '#storage/user-repository.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'

const USAGE = `usage: tergeu users add NAME --role viewer|analyst|admin [--password-file PATH] [--no-token]
       tergeu users list [--json]
       tergeu users passwd NAME --password-file PATH
       tergeu users disable NAME

User accounts of a team deployment. Roles: viewer reads; analyst also writes (merges and splits,
watch subjects, alerts); admin also manages users and tokens and reads the audit log.
"add" prints an API token for the new user, once (it is stored hashed; --no-token skips it);
with --password-file the user can also sign in to the web UI. Passwords come from a file (its
first line), never from the command line, where other users of the machine could read them.

options:
  --role ROLE            the new user's role
  --password-file PATH   a file whose first line is the password (10 characters or more)
  --no-token             add the user without an API token
  --json                 print JSON on stdout
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help             this help

exit codes: 0 ok, 1 failure (name taken, no such user, database unavailable), 2 usage error`

/** The `users` command. */
export const usersCommand: Command = {
  name: 'users',
  summary: 'add, list and disable user accounts (roles viewer, analyst, admin)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        'password-file': { type: 'string' },
        'no-token': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    const [sub, name, ...extra] = positionals
    if (values.help || sub === undefined) {
      io.stdout.write(`${USAGE}\n`)
      return values.help ? EXIT.ok : EXIT.usage
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    const passwordFile = values['password-file']
    let action: (users: UserRepository, runtime: Runtime) => Promise<number>
    if (sub === 'add') {
      if (!name) throw new UsageError('add needs a user name')
      const role = parseRole(values.role)
      const password = passwordFile ? await readPassword(io, passwordFile) : null
      action = async (users, runtime) => {
        const user = await users.create({
          username: name.trim().toLowerCase(),
          role,
          passwordHash: password === null ? null : await hashPassword(password),
        })
        await auditCli(runtime, 'user.add', `user=${user.username}`, { role })
        io.stderr.write(`tergeu users: added ${user.username} (${user.role})\n`)
        if (values['no-token'] !== true) {
          const token = await issueToken(users, user, 'cli', null, null)
          await auditCli(runtime, 'token.add', `id=${token.id}`, { user: user.username })
          io.stderr.write('tergeu users: its API token (shown once, stored hashed):\n')
          io.stdout.write(`${token.secret}\n`)
        }
        return EXIT.ok
      }
    } else if (sub === 'list') {
      action = async (users) => {
        const list = await users.list()
        if (values.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`)
        else
          for (const u of list)
            io.stdout.write(
              `${u.id}\t${u.username}\t${u.role}\t${u.hasPassword ? 'password' : 'token only'}\t${u.disabledAt ? `disabled ${u.disabledAt}` : 'active'}\n`,
            )
        return EXIT.ok
      }
    } else if (sub === 'passwd') {
      if (!name) throw new UsageError('passwd needs a user name')
      if (!passwordFile) throw new UsageError('passwd needs --password-file PATH')
      const password = await readPassword(io, passwordFile)
      action = async (users, runtime) => {
        const user = await userNamed(users, name)
        await users.setPassword(user.id, await hashPassword(password))
        await auditCli(runtime, 'user.passwd', `user=${user.username}`, null)
        io.stderr.write(`tergeu users: password of ${user.username} set; their sessions ended\n`)
        return EXIT.ok
      }
    } else if (sub === 'disable') {
      if (!name) throw new UsageError('disable needs a user name')
      action = async (users, runtime) => {
        const user = await userNamed(users, name)
        await users.disable(user.id)
        await auditCli(runtime, 'user.disable', `user=${user.username}`, null)
        io.stderr.write(
          `tergeu users: ${user.username} disabled; their tokens and sessions no longer work\n`,
        )
        return EXIT.ok
      }
    } else throw new UsageError(`unknown subcommand "${sub}"`)
    const runtime = await bootstrap(loadCliConfig(io, args), { cwd: io.cwd })
    try {
      return await action(createUserRepository(runtime.database.db), runtime)
    } finally {
      await runtime.close()
    }
  },
}

/** Parses a `--role` value; a usage error when missing or unknown. */
export function parseRole(value: string | undefined, fallback?: Role): Role {
  if (value === undefined && fallback) return fallback
  if (value === undefined) throw new UsageError(`--role is needed: ${ROLES.join(', ')}`)
  if (!(ROLES as readonly string[]).includes(value))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`)
  return value as Role
}

/** The user of that name; `not_found` when there is none. */
export async function userNamed(users: UserRepository, name: string): Promise<User> {
  const user = await users.findByUsername(name.trim().toLowerCase())
  if (!user) throw new NotFoundError(`no user ${name}`)
  return user
}

/** Makes a token for `user` and resolves to its id and its secret (to be shown once). */
export async function issueToken(
  users: UserRepository,
  user: User,
  name: string,
  role: Role | null,
  expiresAt: Date | null,
): Promise<{ id: string; secret: string }> {
  const secret = newToken()
  const token = await users.createToken({
    userId: user.id,
    name,
    role,
    tokenHash: hashSecret(secret),
    expiresAt,
  })
  return { id: token.id, secret }
}

/** Records a command-line change in the audit log (actor `cli`). */
export async function auditCli(
  runtime: Runtime,
  action: string,
  target: string,
  details: Record<string, unknown> | null,
): Promise<void> {
  await createAuditRepository(runtime.database.db).record({
    actor: 'cli',
    userId: null,
    tokenId: null,
    action,
    target,
    status: 0,
    ip: null,
    details,
  })
}

async function readPassword(io: CommandIo, path: string): Promise<string> {
  const text = await readFile(resolve(io.cwd, path), 'utf8')
  const line = text.split(/\r?\n/, 1)[0] ?? ''
  if (line === '') throw new UsageError(`${path}: the first line (the password) is empty`)
  return line
}

/**
 * When credentials are needed and no active user exists, makes the user `admin` with an API
 * token and prints the token once on stderr (the first `serve` of a team deployment). Several
 * servers starting at once make one: the others find the name taken and print nothing.
 */
export async function announceFirstAdmin(
  runtime: Runtime,
  config: Config,
  io: CommandIo,
): Promise<void> {
  if (!config.auth.required) return
  const users = createUserRepository(runtime.database.db)
  if ((await users.countActive()) > 0) return
  let user: User
  try {
    user = await users.create({ username: 'admin', role: 'admin', passwordHash: null })
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    if ((await users.countActive()) > 0) return
    io.stderr.write(
      'tergeu: credentials are needed and no active user exists; add one with "tergeu users add NAME --role admin"\n',
    )
    return
  }
  const token = await issueToken(users, user, 'first start', null, null)
  await auditCli(runtime, 'user.add', 'user=admin', { role: 'admin', firstStart: true })
  io.stderr.write(
    `tergeu: credentials are needed (${config.auth.requiredBecause}). First admin "admin" created; its API token, shown only now:\n\n  ${token.secret}\n\nSend it as "Authorization: Bearer <token>"; make more with "tergeu tokens add" or "tergeu users add".\n`,
  )
}
