/**
 * Passwords, API tokens and session ids. Passwords are hashed with scrypt (RFC 7914) under a
 * random 16-byte salt per hash; tokens and session ids are 32 random bytes, stored as their
 * SHA-256 only (they carry 256 bits of entropy, so a slow hash adds nothing).
 *
 * Stored password format: `scrypt$N$r$p$salt$key` (salt and key in base64url), so the parameters
 * can be raised later without invalidating existing hashes.
 *
 * @module api/auth/secrets
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { InvalidInputError } from '#core/errors.ts'

/**
 * scrypt cost: N = 2^15, r = 8, p = 1 (OWASP's 2023 minimum is N = 2^17 with r = 8 for a
 * server-side login; N = 2^15 keeps a sign-in near 50–100 ms on the 2-core machines Tergeu runs
 * on, and only sign-ins pay it: tokens and sessions are checked by SHA-256).
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const

/** Passwords shorter than this are refused (NIST SP 800-63B asks for 8 at least). */
export const MIN_PASSWORD_LENGTH = 10
/** Longest password accepted: scrypt's cost does not grow with it, but requests stay small. */
export const MAX_PASSWORD_LENGTH = 512

/** Prefix of every API token, so that secret scanners and people can tell what one is. */
export const TOKEN_PREFIX = 'tgu_'

function scryptAsync(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number; keyLength: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      params.keyLength,
      // Memory is 128·N·r bytes (32 MiB here); the default ceiling is exactly 32 MiB.
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

/** Throws `invalid_input` unless the password has an acceptable length. */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new InvalidInputError(`a password must have ${MIN_PASSWORD_LENGTH} characters or more`)
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new InvalidInputError(`a password may have ${MAX_PASSWORD_LENGTH} characters at most`)
}

/** Hashes a password for storage (checks its length first). */
export async function hashPassword(password: string): Promise<string> {
  checkPassword(password)
  const salt = randomBytes(SCRYPT_PARAMS.saltLength)
  const key = await scryptAsync(password, salt, SCRYPT_PARAMS)
  const { N, r, p } = SCRYPT_PARAMS
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

// Verifying against this when there is no such user keeps a wrong name as slow as a wrong password.
let dummyHash: Promise<string> | null = null

/**
 * True when `password` matches the stored hash, compared in constant time. With `stored` null
 * (no such user) it still spends one scrypt and resolves to false.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false
  if (stored === null) {
    dummyHash ??= hashPassword('x'.repeat(MIN_PASSWORD_LENGTH))
    await verifyPassword(password, await dummyHash)
    return false
  }
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  // Parameters come from our own database; bounds keep a corrupted row from costing gigabytes.
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > 2 ** 20 || r < 1 || r > 32 || p !== 1)
    return false
  const salt = Buffer.from(parts[4]!, 'base64url')
  const expected = Buffer.from(parts[5]!, 'base64url')
  if (expected.length < 16 || expected.length > 64) return false
  const key = await scryptAsync(password, salt, { N, r, p, keyLength: expected.length })
  return timingSafeEqual(key, expected)
}

/** A new API token: the prefix and 32 random bytes (base64url). Shown once, never stored. */
export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
}

/** A new browser session id: 32 random bytes (base64url). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url')
}

/** SHA-256 (hex) of a token or session id: what the database stores and looks up. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** True when a string has the shape of a token from {@link newToken} (checked before any lookup). */
export function looksLikeToken(value: string): boolean {
  return /^tgu_[A-Za-z0-9_-]{43}$/.test(value)
}
