/**
 * Creates the accounts of a team deployment: users with a role, their API tokens and browser
 * sessions (both stored as SHA-256 hashes only), and the audit log of every write.
 * Design: docs/decisions/0014-authentication.md.
 *
 * @module storage/migrations/202611240200-create-users
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('viewer', 'analyst', 'admin')`),
    )
    // `scrypt$N$r$p$salt$key` (base64url); null: the user signs in with tokens only.
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A disabled user's tokens and sessions stop working; the row stays for the audit log.
    .addColumn('disabled_at', 'timestamptz')
    .execute()
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // At most the user's role; null: the user's role.
    .addColumn('role', 'text', (c) => c.check(sql`role in ('viewer', 'analyst', 'admin')`))
    // SHA-256 (hex) of the token: the token itself is shown once and never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute()
  await sql`create index api_tokens_user_idx on api_tokens (user_id)`.execute(db)
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('session_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index sessions_expires_idx on sessions (expires_at)`.execute(db)
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Who: a username, `local` (the loopback user of the zero-setup default) or `anonymous`.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('user_id', 'bigint')
    .addColumn('token_id', 'bigint')
    // What: `POST /api/entities/merge`, `login`, `login.failed`, `token.create`…
    .addColumn('action', 'text', (c) => c.notNull())
    // The target: the path's ids, or the created object's id.
    .addColumn('target', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb')
    .execute()
  await sql`create index audit_log_actor_idx on audit_log (actor, id)`.execute(db)
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
  await db.schema.dropTable('sessions').execute()
  await db.schema.dropTable('api_tokens').execute()
  await db.schema.dropTable('users').execute()
}
