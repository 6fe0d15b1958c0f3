/**
 * A Kysely dialect for PGlite (embedded WASM PostgreSQL). Kysely ships one from 0.29, which needs
 * Node 22; on Node 20 we pin Kysely 0.28 and keep this small adapter (docs/decisions/0001).
 *
 * @module storage/pglite-driver
 */
import type { PGlite } from '@electric-sql/pglite'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/** Builds a Kysely dialect over one open PGlite instance (which the caller closes). */
export function createPgliteDialect(pglite: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => createPgliteDriver(pglite),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }
}

// PGlite is a single connection. A transaction must own it from BEGIN to COMMIT, so connections
// are handed out one at a time through a promise-chain mutex.
function createPgliteDriver(pglite: PGlite): Driver {
  let tail: Promise<void> = Promise.resolve()
  const releases = new WeakMap<DatabaseConnection, () => void>()
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      const result = await pglite.query<R>(compiled.sql, [...compiled.parameters], {
        rowMode: 'object',
      })
      return result.affectedRows === undefined
        ? { rows: result.rows }
        : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) }
    },
    // biome-ignore lint/correctness/useYield: streaming is not supported by this adapter
    async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
      throw new Error('the PGlite adapter does not support streaming queries')
    },
  }
  return {
    async init() {},
    async acquireConnection() {
      const previous = tail
      let release!: () => void
      tail = new Promise<void>((resolve) => {
        release = resolve
      })
      await previous
      // One logical connection object is reused; the mutex guarantees a single holder.
      releases.set(connection, release)
      return connection
    },
    async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
      const mode = [
        settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
        settings.accessMode ?? '',
      ]
        .filter(Boolean)
        .join(', ')
      await conn.executeQuery(CompiledQuery.raw(mode ? `begin transaction ${mode}` : 'begin'))
    },
    async commitTransaction(conn: DatabaseConnection) {
      await conn.executeQuery(CompiledQuery.raw('commit'))
    },
    async rollbackTransaction(conn: DatabaseConnection) {
      await conn.executeQuery(CompiledQuery.raw('rollback'))
    },
    async savepoint(conn, name) {
      await conn.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`))
    },
    async rollbackToSavepoint(conn, name) {
      await conn.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`))
    },
    async releaseSavepoint(conn, name) {
      await conn.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`))
    },
    async releaseConnection(conn: DatabaseConnection) {
      const release = releases.get(conn)
      releases.delete(conn)
      release?.()
    },
    async destroy() {},
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
