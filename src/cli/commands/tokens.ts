/**
 * `tergeu tokens`: make, list and revoke API tokens. Design: docs/decisions/0014-authentication.md.
 *
 * @module cli/commands/tokens
 */
import { parseArgs } from 'node:util'
import { CONFIG_FLAGS, describeConfigFlags } from '#config/config.ts'
import { InvalidInputError } from '#core/errors.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { createUserRepository, roleAtLeast } from '#storage/user-repository.ts'
import { type Command, EXIT, UsageError } from '../command.ts'
import { loadCliConfig } from './ingest.ts'
import { auditCli, issueToken, parseRole, userNamed } from './users.ts'

const USAGE = `usage: tergeu tokens add USER [--name NAME] [--role ROLE] [--expires-days N]
       tergeu tokens list [USER] [--json]
       tergeu tokens revoke ID

API tokens: 32 random bytes, sent as "Authorization: Bearer tgu_…". "add" prints the token once;
only its SHA-256 is stored, so a lost token cannot be shown again: revoke it and make another.
A token acts with its user's role, or a lower one (--role).

options:
  --name NAME            what the token is for (default "cli")
  --role ROLE            viewer, analyst or admin; at most the user's role
  --expires-days N       the token stops working after N days (default: never)
  --json                 print JSON on stdout
${describeConfigFlags(['database-url', 'data-dir'])}
  -h, --help             this help

exit codes: 0 ok, 1 failure (no such user or token, database unavailable), 2 usage error`

/** The `tokens` command. */
export const tokensCommand: Command = {
  name: 'tokens',
  summary: 'make, list and revoke API tokens',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        'expires-days': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...CONFIG_FLAGS,
      },
    })
    const [sub, arg, ...extra] = positionals
    if (values.help || sub === undefined) {
      io.stdout.write(`${USAGE}\n`)
      return values.help ? EXIT.ok : EXIT.usage
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    if (sub !== 'add' && sub !== 'list' && sub !== 'revoke')
      throw new UsageError(`unknown subcommand "${sub}"`)
    if ((sub === 'add' || sub === 'revoke') && !arg)
      throw new UsageError(sub === 'add' ? 'add needs a user name' : 'revoke needs a token id')
    const role = values.role === undefined ? null : parseRole(values.role)
    let expiresAt: Date | null = null
    if (values['expires-days'] !== undefined) {
      const days = Number(values['expires-days'])
      if (!Number.isInteger(days) || days < 1 || days > 3650)
        throw new UsageError('--expires-days must be a whole number 1..3650')
      expiresAt = new Date(Date.now() + days * 86_400_000)
    }
    const runtime = await bootstrap(loadCliConfig(io, args), { cwd: io.cwd })
    try {
      const users = createUserRepository(runtime.database.db)
      if (sub === 'add') {
        const user = await userNamed(users, arg!)
        if (user.disabledAt) throw new InvalidInputError(`user ${user.username} is disabled`)
        if (role && !roleAtLeast(user.role, role))
          throw new InvalidInputError(`a token of ${user.username} can be ${user.role} at most`)
        const token = await issueToken(users, user, values.name ?? 'cli', role, expiresAt)
        await auditCli(runtime, 'token.add', `id=${token.id}`, { user: user.username, role })
        io.stderr.write(
          `tergeu tokens: token ${token.id} for ${user.username} (shown once, stored hashed):\n`,
        )
        io.stdout.write(`${token.secret}\n`)
      } else if (sub === 'list') {
        const userId = arg ? (await userNamed(users, arg)).id : undefined
        const tokens = await users.listTokens({
          limit: 100_000,
          offset: 0,
          ...(userId ? { userId } : {}),
        })
        if (values.json) io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`)
        else
          for (const t of tokens) {
            const state = t.revokedAt
              ? `revoked ${t.revokedAt}`
              : t.expiresAt
                ? `expires ${t.expiresAt}`
                : 'no expiry'
            io.stdout.write(`${t.id}\t${t.username}\t${t.role}\t${t.name}\t${state}\n`)
          }
      } else {
        const token = await users.revokeToken(arg!)
        await auditCli(runtime, 'token.revoke', `id=${token.id}`, { user: token.username })
        io.stderr.write(`tergeu tokens: token ${token.id} of ${token.username} revoked\n`)
      }
      return EXIT.ok
    } finally {
      await runtime.close()
    }
  },
}
