/**
 * Request and response schemas of sign-in, users, tokens and the audit log (re-exported by
 * `api/contract.ts`, which the web UI imports). Imports nothing but zod.
 *
 * @module api/auth/auth-contract
 */
import { z } from 'zod'

/** The roles, least to most powerful. */
export const Role = z.enum(['viewer', 'analyst', 'admin'])
/** One of the roles. */
export type Role = z.infer<typeof Role>

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a–z, 0–9, ".", "_", "-"; at most 64 characters')

/** `POST /api/auth/login`. */
export const LoginRequest = z.object({
  username: Username,
  password: z.string().min(1).max(512),
})
export type LoginRequest = z.infer<typeof LoginRequest>

/** Who the caller is: `local` is the loopback user of the zero-setup default. */
export const Principal = z.object({
  username: z.string(),
  role: Role,
  via: z.enum(['local', 'session', 'token']),
})
export type Principal = z.infer<typeof Principal>

/** `GET /api/auth/me` (and the answer of a sign-in). */
export const MeResponse = z.object({
  user: Principal.nullable().describe('null: not signed in'),
  authRequired: z
    .boolean()
    .describe('false in the zero-setup default (loopback, embedded database, no users yet)'),
})
export type MeResponse = z.infer<typeof MeResponse>

/** A user account. */
export const UserResponse = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  hasPassword: z.boolean(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
})
export type UserResponse = z.infer<typeof UserResponse>

/** Paging of the user and token lists. */
export const AdminListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type AdminListQuery = z.infer<typeof AdminListQuery>

/** `GET /api/users`. */
export const UserListResponse = z.object({ items: z.array(UserResponse) })
export type UserListResponse = z.infer<typeof UserListResponse>

/** `POST /api/users`. */
export const UserCreateRequest = z.object({
  username: Username,
  role: Role,
  password: z.string().min(10).max(512).optional().describe('omit for a token-only account'),
})
export type UserCreateRequest = z.infer<typeof UserCreateRequest>

/** An API token as listed (never the secret). */
export const TokenResponse = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
})
export type TokenResponse = z.infer<typeof TokenResponse>

/** `GET /api/tokens`. */
export const TokenListResponse = z.object({ items: z.array(TokenResponse) })
export type TokenListResponse = z.infer<typeof TokenListResponse>

/** `POST /api/tokens`. */
export const TokenCreateRequest = z.object({
  username: Username.describe('whose token'),
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]+$/u, 'no control characters')
    .describe('what the token is for'),
  role: Role.optional().describe("at most the user's role; default the user's role"),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('default: no expiry'),
})
export type TokenCreateRequest = z.infer<typeof TokenCreateRequest>

/** The answer of `POST /api/tokens`: the only time the secret is shown. */
export const TokenCreateResponse = TokenResponse.extend({
  token: z.string().describe('send as "Authorization: Bearer …"; shown once, stored hashed'),
})
export type TokenCreateResponse = z.infer<typeof TokenCreateResponse>

/** `GET /api/audit`. */
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .describe("the previous page's nextBefore"),
  actor: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(200).optional().describe('entries whose action starts so'),
})
export type AuditQuery = z.infer<typeof AuditQuery>

/** One audited action. */
export const AuditEntryResponse = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  status: z.number().int(),
  ip: z.string().nullable(),
  via: z.string().nullable().describe('token id, when a token was used'),
  details: z.record(z.string(), z.unknown()).nullable(),
})
export type AuditEntryResponse = z.infer<typeof AuditEntryResponse>

/** `GET /api/audit`: newest first. */
export const AuditListResponse = z.object({
  items: z.array(AuditEntryResponse),
  nextBefore: z.string().nullable(),
})
export type AuditListResponse = z.infer<typeof AuditListResponse>

/** `POST /api/auth/logout`. */
export const LogoutResponse = z.object({ ok: z.literal(true) })
export type LogoutResponse = z.infer<typeof LogoutResponse>
