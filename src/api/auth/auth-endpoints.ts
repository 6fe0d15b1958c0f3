/**
 * The auth endpoints as {@link Endpoint}s, for `ENDPOINTS` (api/openapi.ts), and what the
 * OpenAPI document says about credentials: the security schemes, and per operation which role
 * it needs and the 401/403/413/429 answers of the gate.
 *
 * @module api/auth/auth-endpoints
 */
import type { Endpoint } from '../openapi.ts'
import * as contract from './auth-contract.ts'
import { accessFor } from './policy.ts'

/** Sign-in, users, tokens and the audit log. */
export const AUTH_ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'Who the caller is, and whether the server needs credentials',
    response: contract.MeResponse,
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary:
      'Signs in with a user name and password: sets an HttpOnly, SameSite=Strict session cookie',
    body: contract.LoginRequest,
    response: contract.MeResponse,
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Ends the browser session',
    response: contract.LogoutResponse,
  },
  {
    method: 'get',
    path: '/api/users',
    tag: 'admin',
    summary: 'User accounts (admin)',
    query: contract.AdminListQuery,
    response: contract.UserListResponse,
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/users',
    tag: 'admin',
    summary: 'Adds a user with a role and optionally a password (admin)',
    body: contract.UserCreateRequest,
    response: contract.UserResponse,
    errors: [400, 409],
  },
  {
    method: 'delete',
    path: '/api/users/:id',
    tag: 'admin',
    summary: 'Disables a user: their tokens and sessions stop working (admin)',
    params: { id: 'user id' },
    response: contract.UserResponse,
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/tokens',
    tag: 'admin',
    summary: 'API tokens, without their secrets (admin)',
    query: contract.AdminListQuery,
    response: contract.TokenListResponse,
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/tokens',
    tag: 'admin',
    summary: 'Makes an API token for a user; the secret is in this answer only (admin)',
    body: contract.TokenCreateRequest,
    response: contract.TokenCreateResponse,
    errors: [400, 404, 409],
  },
  {
    method: 'delete',
    path: '/api/tokens/:id',
    tag: 'admin',
    summary: 'Revokes an API token (admin)',
    params: { id: 'token id' },
    response: contract.TokenResponse,
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/audit',
    tag: 'admin',
    summary: 'The audit log of every write, sign-in and failed sign-in, newest first (admin)',
    query: contract.AuditQuery,
    response: contract.AuditListResponse,
    errors: [400],
  },
]

const GATE_ANSWERS: Readonly<Record<number, string>> = {
  401: 'unauthorized: no valid token or session',
  403: 'forbidden: the role is too low, or a cross-site write',
  413: 'too_large: the request body is over TERGEU_MAX_BODY_BYTES',
  429: 'rate_limited: too many requests for this token; see Retry-After',
}

/**
 * Adds the security schemes to an OpenAPI document, and to each operation the role it needs
 * (`x-tergeu-role`), its `security` and the gate's answers. Public operations get `security: []`.
 */
export function withAuthDescription(doc: Record<string, unknown>): Record<string, unknown> {
  const paths = doc['paths'] as Record<string, Record<string, Record<string, unknown>>>
  for (const [path, operations] of Object.entries(paths)) {
    const route = path.replace(/\{(\w+)\}/g, ':$1')
    for (const [method, operation] of Object.entries(operations)) {
      const access = accessFor(method, route)
      const responses = operation['responses'] as Record<string, unknown>
      const extra = access === 'public' ? [] : [401, 403, 429]
      if (method !== 'get') extra.push(413)
      for (const status of extra)
        responses[status] ??= {
          description: GATE_ANSWERS[status],
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
        }
      operation['x-tergeu-role'] = access
      operation['security'] = access === 'public' ? [] : [{ bearer: [] }, { session: [] }]
    }
  }
  const components = doc['components'] as Record<string, unknown>
  components['securitySchemes'] = {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API token (tgu_…) from `tergeu tokens add` or POST /api/tokens',
    },
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: 'tergeu_session',
      description: 'The web UI session from POST /api/auth/login',
    },
  }
  return doc
}
