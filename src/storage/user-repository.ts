/**
 * Users, their API tokens and their browser sessions. Secrets never reach this module: callers
 * pass the scrypt hash of a password and the SHA-256 of a token or session id
 * (`api/auth/secrets.ts`), so a leaked database gives no working credential.
 * Design: docs/decisions/0014-authentication.md.
 *
 * @module storage/user-repository
 */
import { type Kysely, sql } from 'kysely'
import { ConflictError, InvalidInputError, NotFoundError } from '#core/errors.ts'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** The roles, least to most powerful: viewer reads, analyst also writes, admin also manages users. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number]

/** True when `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed)
}

/** Lower-case letters, digits, `.`, `_`, `-`; 1 to 64 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/

/** A user account. */
export interface User {
  readonly id: string
  readonly username: string
  readonly role: Role
  /** False for users who only use tokens. */
  readonly hasPassword: boolean
  readonly createdAt: string
  /** When the account was disabled; its tokens and sessions no longer work. */
  readonly disabledAt: string | null
}

/** An API token as listed (never the token itself). */
export interface ApiToken {
  readonly id: string
  readonly userId: string
  readonly username: string
  readonly name: string
  /** The role the token acts with: its own cap, or the user's role (whichever is lower). */
  readonly role: Role
  readonly createdAt: string
  readonly expiresAt: string | null
  readonly revokedAt: string | null
  readonly lastUsedAt: string | null
}

/** A page of a list. */
export interface Page {
  readonly limit: number
  readonly offset: number
}

const ALL: Page = { limit: 100_000, offset: 0 }

/** Who a valid token or session belongs to. */
export interface Credential {
  readonly user: User
  /** Effective role (a token may be capped below its user's role). */
  readonly role: Role
  /** The token's id, for token credentials. */
  readonly tokenId: string | null
}

/** Storage of users, tokens and sessions. */
export interface UserRepository {
  /** Users that are not disabled. */
  countActive(): Promise<number>
  /** Creates a user; `conflict` when the name is taken. */
  create(input: {
    readonly username: string
    readonly role: Role
    readonly passwordHash: string | null
  }): Promise<User>
  /** Users in the order they were added. */
  list(page?: Page): Promise<User[]>
  findById(id: string): Promise<User | null>
  findByUsername(username: string): Promise<User | null>
  /** The stored password hash of an active user, or null (no such user, disabled, no password). */
  passwordHashOf(username: string): Promise<{ user: User; hash: string } | null>
  setPassword(id: string, passwordHash: string | null): Promise<User>
  setRole(id: string, role: Role): Promise<User>
  /** Disables a user (and ends their sessions); `not_found` when there is none. */
  disable(id: string): Promise<User>
  createToken(input: {
    readonly userId: string
    readonly name: string
    readonly role: Role | null
    readonly tokenHash: string
    readonly expiresAt: Date | null
  }): Promise<ApiToken>
  /** Tokens in the order they were made, of one user or of all. */
  listTokens(page?: Page & { readonly userId?: string }): Promise<ApiToken[]>
  /** Revokes a token; `not_found` when there is none. Revoking twice keeps the first time. */
  revokeToken(id: string): Promise<ApiToken>
  /** The credential of a token hash that is neither revoked nor expired, of an active user. */
  findToken(tokenHash: string): Promise<Credential | null>
  createSession(input: {
    readonly userId: string
    readonly sessionHash: string
    readonly expiresAt: Date
  }): Promise<void>
  /** The credential of a live session of an active user. */
  findSession(sessionHash: string): Promise<Credential | null>
  deleteSession(sessionHash: string): Promise<void>
  /** Removes expired sessions; resolves to how many. */
  deleteExpiredSessions(): Promise<number>
}

interface UserRow {
  id: string
  username: string
  role: Role
  password_hash: string | null
  created_at: Date | string
  disabled_at: Date | string | null
}

interface TokenRow {
  id: string
  user_id: string
  username: string
  name: string
  role: Role | null
  user_role: Role
  created_at: Date | string
  expires_at: Date | string | null
  revoked_at: Date | string | null
  last_used_at: Date | string | null
}

const USER_COLUMNS = sql`u.id::text as id, u.username, u.role, u.password_hash, u.created_at, u.disabled_at`
const TOKEN_COLUMNS = sql`t.id::text as id, t.user_id::text as user_id, u.username, t.name, t.role,
  u.role as user_role, t.created_at, t.expires_at, t.revoked_at, t.last_used_at`

// A token's last use is written at most this often (a write per request would be the cost).
const LAST_USED_RESOLUTION_MS = 60_000

/** Builds the repository over an open database. */
export function createUserRepository(db: Kysely<Database>): UserRepository {
  async function userById(id: string): Promise<User | null> {
    if (!/^\d{1,18}$/.test(id)) return null
    const r =
      await sql<UserRow>`select ${USER_COLUMNS} from users u where u.id = ${id}::bigint`.execute(db)
    return r.rows[0] ? presentUser(r.rows[0]) : null
  }
  async function userOrThrow(id: string): Promise<User> {
    const user = await userById(id)
    if (!user) throw new NotFoundError(`no user ${id}`)
    return user
  }
  async function tokenById(id: string): Promise<ApiToken | null> {
    if (!/^\d{1,18}$/.test(id)) return null
    const r =
      await sql<TokenRow>`select ${TOKEN_COLUMNS} from api_tokens t join users u on u.id = t.user_id
      where t.id = ${id}::bigint`.execute(db)
    return r.rows[0] ? presentToken(r.rows[0]) : null
  }

  return {
    countActive: () =>
      withDbErrors('counting users', async () => {
        const r = await sql<{
          n: number
        }>`select count(*)::int as n from users where disabled_at is null`.execute(db)
        return r.rows[0]?.n ?? 0
      }),

    create: (input) =>
      withDbErrors('creating a user', async () => {
        checkUsername(input.username)
        const r = await sql<{ id: string }>`
          insert into users (username, role, password_hash)
          values (${input.username}, ${input.role}, ${input.passwordHash})
          on conflict (username) do nothing
          returning id::text as id`.execute(db)
        const id = r.rows[0]?.id
        if (!id) throw new ConflictError(`a user named "${input.username}" exists`)
        return userOrThrow(id)
      }),

    list: (page = ALL) =>
      withDbErrors('listing users', async () => {
        const r = await sql<UserRow>`select ${USER_COLUMNS} from users u order by u.id
          limit ${page.limit} offset ${page.offset}`.execute(db)
        return r.rows.map(presentUser)
      }),

    findById: (id) => withDbErrors('reading a user', () => userById(id)),

    findByUsername: (username) =>
      withDbErrors('reading a user', async () => {
        const r = await sql<UserRow>`select ${USER_COLUMNS} from users u
          where u.username = ${username}`.execute(db)
        return r.rows[0] ? presentUser(r.rows[0]) : null
      }),

    passwordHashOf: (username) =>
      withDbErrors('reading a user', async () => {
        const r = await sql<UserRow>`select ${USER_COLUMNS} from users u
          where u.username = ${username} and u.disabled_at is null`.execute(db)
        const row = r.rows[0]
        if (!row?.password_hash) return null
        return { user: presentUser(row), hash: row.password_hash }
      }),

    setPassword: (id, passwordHash) =>
      withDbErrors('setting a password', async () => {
        await userOrThrow(id)
        await sql`update users set password_hash = ${passwordHash} where id = ${id}::bigint`.execute(
          db,
        )
        // A new password ends the sessions opened with the old one.
        await sql`delete from sessions where user_id = ${id}::bigint`.execute(db)
        return userOrThrow(id)
      }),

    setRole: (id, role) =>
      withDbErrors('setting a role', async () => {
        await userOrThrow(id)
        await sql`update users set role = ${role} where id = ${id}::bigint`.execute(db)
        return userOrThrow(id)
      }),

    disable: (id) =>
      withDbErrors('disabling a user', async () => {
        await userOrThrow(id)
        await sql`update users set disabled_at = coalesce(disabled_at, now())
          where id = ${id}::bigint`.execute(db)
        await sql`delete from sessions where user_id = ${id}::bigint`.execute(db)
        return userOrThrow(id)
      }),

    createToken: (input) =>
      withDbErrors('creating a token', async () => {
        const name = input.name.trim()
        if (name === '' || name.length > 100)
          throw new InvalidInputError('a token name must have 1..100 characters')
        const user = await userOrThrow(input.userId)
        if (user.disabledAt) throw new ConflictError(`user ${user.username} is disabled`)
        const r = await sql<{ id: string }>`
          insert into api_tokens (user_id, name, role, token_hash, expires_at)
          values (${input.userId}::bigint, ${name}, ${input.role}, ${input.tokenHash},
                  ${input.expiresAt?.toISOString() ?? null}::timestamptz)
          returning id::text as id`.execute(db)
        const token = await tokenById(r.rows[0]!.id)
        return token!
      }),

    listTokens: (page = ALL) =>
      withDbErrors('listing tokens', async () => {
        const userId = page.userId
        if (userId !== undefined && !/^\d{1,18}$/.test(userId)) return []
        const r = await sql<TokenRow>`select ${TOKEN_COLUMNS}
          from api_tokens t join users u on u.id = t.user_id
          ${userId === undefined ? sql`` : sql`where t.user_id = ${userId}::bigint`}
          order by t.id limit ${page.limit} offset ${page.offset}`.execute(db)
        return r.rows.map(presentToken)
      }),

    revokeToken: (id) =>
      withDbErrors('revoking a token', async () => {
        if (!(await tokenById(id))) throw new NotFoundError(`no token ${id}`)
        await sql`update api_tokens set revoked_at = coalesce(revoked_at, now())
          where id = ${id}::bigint`.execute(db)
        return (await tokenById(id))!
      }),

    findToken: (tokenHash) =>
      withDbErrors('checking a token', async () => {
        // One query per request: the token, its user and the user's state together.
        const r = await sql<
          TokenRow & { password_hash: string | null; user_created_at: Date | string }
        >`
          select ${TOKEN_COLUMNS}, u.password_hash, u.created_at as user_created_at
          from api_tokens t join users u on u.id = t.user_id
          where t.token_hash = ${tokenHash} and t.revoked_at is null
            and (t.expires_at is null or t.expires_at > now()) and u.disabled_at is null`.execute(
          db,
        )
        const row = r.rows[0]
        if (!row) return null
        const token = presentToken(row)
        const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0
        if (Date.now() - lastUsed > LAST_USED_RESOLUTION_MS)
          await sql`update api_tokens set last_used_at = now() where id = ${token.id}::bigint`.execute(
            db,
          )
        const user = presentUser({
          id: row.user_id,
          username: row.username,
          role: row.user_role,
          password_hash: row.password_hash,
          created_at: row.user_created_at,
          disabled_at: null,
        })
        return { user, role: token.role, tokenId: token.id }
      }),

    createSession: (input) =>
      withDbErrors('opening a session', async () => {
        await sql`insert into sessions (user_id, session_hash, expires_at)
          values (${input.userId}::bigint, ${input.sessionHash},
                  ${input.expiresAt.toISOString()}::timestamptz)`.execute(db)
      }),

    findSession: (sessionHash) =>
      withDbErrors('checking a session', async () => {
        const r = await sql<UserRow>`select ${USER_COLUMNS}
          from sessions s join users u on u.id = s.user_id
          where s.session_hash = ${sessionHash} and s.expires_at > now()
            and u.disabled_at is null`.execute(db)
        const row = r.rows[0]
        if (!row) return null
        const user = presentUser(row)
        return { user, role: user.role, tokenId: null }
      }),

    deleteSession: (sessionHash) =>
      withDbErrors('closing a session', async () => {
        await sql`delete from sessions where session_hash = ${sessionHash}`.execute(db)
      }),

    deleteExpiredSessions: () =>
      withDbErrors('removing expired sessions', async () => {
        const r = await sql`delete from sessions where expires_at <= now()`.execute(db)
        return Number(r.numAffectedRows ?? 0)
      }),
  }
}

/** Throws `invalid_input` unless `username` fits {@link USERNAME_PATTERN}. */
export function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username))
    throw new InvalidInputError(
      `"${username.slice(0, 80)}" is not a valid user name (a–z, 0–9, ".", "_", "-"; at most 64)`,
    )
}

function iso(value: Date | string): string {
  return new Date(value).toISOString()
}

function presentUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    hasPassword: row.password_hash !== null,
    createdAt: iso(row.created_at),
    disabledAt: row.disabled_at === null ? null : iso(row.disabled_at),
  }
}

function presentToken(row: TokenRow): ApiToken {
  const role = row.role && !roleAtLeast(row.role, row.user_role) ? row.role : row.user_role
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    name: row.name,
    role,
    createdAt: iso(row.created_at),
    expiresAt: row.expires_at === null ? null : iso(row.expires_at),
    revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
    lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
  }
}
