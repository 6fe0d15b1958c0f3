/**
 * Expected failures at a boundary. Problems in the data are diagnostics, not errors.
 *
 * @module core/errors
 */

/** Stable, snake_case error codes: matched by code, never by message text. */
export type ErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid_input'
  | 'unavailable'
  | 'unsupported'
  | 'too_large'
  | 'internal'

/** Options shared by every {@link AppError}. */
export interface AppErrorOptions {
  readonly cause?: unknown
  readonly details?: Readonly<Record<string, unknown>>
}

/** Base class of every expected failure; carries a stable {@link ErrorCode}. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.details = options.details
  }
}

/** A lookup that had to find something found nothing. */
export class NotFoundError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('not_found', message, options)
  }
}

/** Input from a user or a caller is malformed. */
export class InvalidInputError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('invalid_input', message, options)
  }
}

/** A write collides with existing state (a unique key, a concurrent change). */
export class ConflictError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('conflict', message, options)
  }
}

/** A document cannot go on through the pipeline; the batch runner records it and moves on. */
export class StageError extends AppError {
  readonly stage: string
  readonly docId: string

  constructor(stage: string, docId: string, message: string, options: AppErrorOptions = {}) {
    super('invalid_input', message, options)
    this.stage = stage
    this.docId = docId
  }
}

/** Tells whether a value is an {@link AppError}. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
