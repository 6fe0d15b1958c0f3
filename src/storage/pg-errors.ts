/**
 * Turns driver errors (pg, PGlite) into core errors, in one place, so that nothing above
 * `storage/` ever sees a driver's error shape.
 *
 * @module storage/pg-errors
 */
import { AppError, ConflictError, InvalidInputError } from '#core/errors.ts'

// SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const UNIQUE_VIOLATION = '23505'
const FOREIGN_KEY_VIOLATION = '23503'
const CHECK_VIOLATION = '23514'
const CONNECTION_CLASS = '08'
const SHUTDOWN_CODES = new Set(['57P01', '57P02', '57P03'])
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
])

/**
 * Maps a database error to an {@link AppError} (`conflict`, `invalid_input`, `unavailable`);
 * returns anything it does not recognise unchanged, so that bugs stay bugs.
 */
export function translateDbError(error: unknown, context: string): unknown {
  if (error instanceof AppError) return error
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return error
  const detail = error instanceof Error ? error.message : String(error)
  if (code === UNIQUE_VIOLATION) return new ConflictError(`${context}: ${detail}`, { cause: error })
  if (code === FOREIGN_KEY_VIOLATION || code === CHECK_VIOLATION) {
    return new InvalidInputError(`${context}: ${detail}`, { cause: error })
  }
  if (code.startsWith(CONNECTION_CLASS) || SHUTDOWN_CODES.has(code) || NETWORK_CODES.has(code)) {
    return new AppError('unavailable', `${context}: the database is unavailable (${detail})`, {
      cause: error,
    })
  }
  return error
}

/** Runs `work` and rethrows its failure through {@link translateDbError}. */
export async function withDbErrors<T>(context: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw translateDbError(error, context)
  }
}
