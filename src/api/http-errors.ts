/**
 * The one table from error codes to HTTP statuses, and the error body every endpoint returns.
 *
 * @module api/http-errors
 */
import type { z } from 'zod'
import { type ErrorCode, InvalidInputError } from '#core/errors.ts'
import type { ErrorBody } from './contract.ts'

/** HTTP status for each {@link ErrorCode}. */
export const STATUS_BY_CODE = {
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  unsupported: 415,
  too_large: 413,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>

/** An HTTP status the API answers errors with. */
export type ErrorStatus = (typeof STATUS_BY_CODE)[ErrorCode]

/** Builds the `{ error: { code, message, details? } }` body. */
export function errorBody(
  code: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): ErrorBody {
  return { error: details ? { code, message, details: { ...details } } : { code, message } }
}

/** Parses `value` with `schema`, or throws `invalid_input` naming every problem (`where`: query, path, body). */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`)
  throw new InvalidInputError(`invalid ${where}: ${problems.join('; ')}`, { details: { problems } })
}
