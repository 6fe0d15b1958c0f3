/**
 * Sign-in and sign-out for the web UI (a session cookie), `GET /api/auth/me`, and the admin's
 * routes: users, API tokens and the audit log. The gate (`gate.ts`) has already checked the
 * caller's role when a handler runs.
 *
 * @module api/auth/auth-routes
 */
import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { ConflictError, InvalidInputError, NotFoundError } from '#core/errors.ts'
import type { ApiToken, User } from '#storage/user-repository.ts'
import { roleAtLeast } from '#storage/user-repository.ts'
import { parseOrThrow } from '../http-errors.ts'
import {
  AdminListQuery,
  AuditListResponse,
  AuditQuery,
  LoginRequest,
  type LogoutResponse,
  type MeResponse,
  TokenCreateRequest,
  type TokenCreateResponse,
  type TokenListResponse,
  type TokenResponse,
  UserCreateRequest,
  type UserListResponse,
  type UserResponse,
} from './auth-contract.ts'
import { type AuthDeps, type AuthGate, principalOf, SESSION_COOKIE } from './gate.ts'
import { createRateLimiter } from './rate-limit.ts'
import { hashPassword, hashSecret, newSessionId, newToken, verifyPassword } from './secrets.ts'

// Sign-in attempts per address and user name: 10 at once, then one every 30 s.
const LOGIN_LIMIT = { perMinute: 2, burst: 10 }
const MAX_JSON_BYTES = 10_000

/** Adds the auth routes to `app`. */
export function mountAuthRoutes(app: Hono, gate: AuthGate, deps: AuthDeps): void {
  const { users } = deps
  const loginLimiter = createRateLimiter(LOGIN_LIMIT)

  app.get('/api/auth/me', async (c) => {
    const p = principalOf(c)
    const body: MeResponse = {
      user: p ? { username: p.username, role: p.role, via: p.via } : null,
      authRequired: !(await gate.localMode()),
    }
    return c.json(body)
  })

  app.post('/api/auth/login', async (c) => {
    const input = parseOrThrow(LoginRequest, await smallJson(c), 'body')
    const ip = gate.clientIp(c) ?? 'in-process'
    const decision = loginLimiter.take(`${ip}|${input.username}`)
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfterS))
      return c.json(
        { error: { code: 'rate_limited', message: 'too many sign-in attempts; wait and retry' } },
        429,
      )
    }
    const stored = await users.passwordHashOf(input.username)
    const ok = await verifyPassword(input.password, stored?.hash ?? null)
    if (!ok || !stored) {
      await gate.audit(c, {
        principal: null,
        actor: input.username,
        action: 'login.failed',
        target: null,
        status: 401,
      })
      // One answer for a wrong name and a wrong password.
      return c.json(
        { error: { code: 'unauthorized', message: 'wrong user name or password' } },
        401,
      )
    }
    const session = newSessionId()
    const expires = new Date(Date.now() + deps.settings.sessionHours * 3_600_000)
    await users.createSession({
      userId: stored.user.id,
      sessionHash: hashSecret(session),
      expiresAt: expires,
    })
    setCookie(c, SESSION_COOKIE, session, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c),
      path: '/',
      expires,
    })
    const user = stored.user
    await gate.audit(c, {
      principal: {
        username: user.username,
        role: user.role,
        via: 'session',
        userId: user.id,
        tokenId: null,
      },
      action: 'login',
      target: `user=${user.username}`,
      status: 200,
    })
    void users.deleteExpiredSessions().catch(() => undefined)
    const body: MeResponse = {
      user: { username: user.username, role: user.role, via: 'session' },
      authRequired: !(await gate.localMode()),
    }
    return c.json(body)
  })

  app.post('/api/auth/logout', async (c) => {
    const session = getCookie(c, SESSION_COOKIE)
    const p = principalOf(c)
    if (session !== undefined) {
      await users.deleteSession(hashSecret(session))
      gate.usersChanged()
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
    if (p?.via === 'session')
      await gate.audit(c, {
        principal: p,
        action: 'logout',
        target: `user=${p.username}`,
        status: 200,
      })
    const body: LogoutResponse = { ok: true }
    return c.json(body)
  })

  app.get('/api/users', async (c) => {
    const page = parseOrThrow(AdminListQuery, c.req.query(), 'query')
    const body: UserListResponse = { items: (await users.list(page)).map(presentUser) }
    return c.json(body)
  })

  app.post('/api/users', async (c) => {
    const input = parseOrThrow(UserCreateRequest, await smallJson(c), 'body')
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
    const user = await users.create({ username: input.username, role: input.role, passwordHash })
    gate.usersChanged()
    return c.json(presentUser(user), 201)
  })

  app.delete('/api/users/:id', async (c) => {
    const id = c.req.param('id')
    const user = await users.findById(id)
    if (!user) throw new NotFoundError(`no user ${id}`)
    if (user.role === 'admin' && !user.disabledAt) {
      const admins = (await users.list({ limit: 100_000, offset: 0 })).filter(
        (u) => u.role === 'admin' && !u.disabledAt,
      )
      if (admins.length <= 1) throw new ConflictError('the last admin cannot be disabled')
    }
    const disabled = await users.disable(id)
    gate.usersChanged()
    return c.json(presentUser(disabled))
  })

  app.get('/api/tokens', async (c) => {
    const page = parseOrThrow(AdminListQuery, c.req.query(), 'query')
    const body: TokenListResponse = { items: (await users.listTokens(page)).map(presentToken) }
    return c.json(body)
  })

  app.post('/api/tokens', async (c) => {
    const input = parseOrThrow(TokenCreateRequest, await smallJson(c), 'body')
    const user = await users.findByUsername(input.username)
    if (!user) throw new NotFoundError(`no user ${input.username}`)
    if (input.role && !roleAtLeast(user.role, input.role))
      throw new InvalidInputError(`a token of ${user.username} can be ${user.role} at most`)
    const token = newToken()
    const created = await users.createToken({
      userId: user.id,
      name: input.name,
      role: input.role ?? null,
      tokenHash: hashSecret(token),
      expiresAt: input.expiresInDays
        ? new Date(Date.now() + input.expiresInDays * 86_400_000)
        : null,
    })
    const body: TokenCreateResponse = { ...presentToken(created), token }
    return c.json(body, 201)
  })

  app.delete('/api/tokens/:id', async (c) => {
    const token = await users.revokeToken(c.req.param('id'))
    gate.usersChanged()
    return c.json(presentToken(token))
  })

  app.get('/api/audit', async (c) => {
    const query = parseOrThrow(AuditQuery, c.req.query(), 'query')
    const items = await deps.audit.list(query)
    const body = AuditListResponse.parse({
      items: items.map((e) => ({
        id: e.id,
        at: e.at,
        actor: e.actor,
        action: e.action,
        target: e.target,
        status: e.status,
        ip: e.ip,
        via: e.tokenId,
        details: e.details,
      })),
      nextBefore: items.length === query.limit ? (items.at(-1)?.id ?? null) : null,
    })
    return c.json(body)
  })
}

/** Over https (directly, or as the proxy in front says): the cookie is then `Secure`. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}

async function smallJson(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.length > MAX_JSON_BYTES)
    throw new InvalidInputError('the request body is too large', {
      details: { maxBytes: MAX_JSON_BYTES },
    })
  try {
    return JSON.parse(text)
  } catch {
    throw new InvalidInputError('the request body is not JSON')
  }
}

function presentUser(user: User): UserResponse {
  return { ...user }
}

function presentToken(token: ApiToken): TokenResponse {
  return {
    id: token.id,
    username: token.username,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    lastUsedAt: token.lastUsedAt,
  }
}
