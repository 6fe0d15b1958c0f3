/**
 * The gate in front of every `/api` route: who is calling (a bearer token, a browser session,
 * or — in the zero-setup default only — the local user on loopback), whether that role may call
 * this operation (`policy.ts`), cross-site request refusal for unsafe methods, per-credential
 * rate limits, and the audit record of every write. Design: docs/decisions/0014-authentication.md.
 *
 * @module api/auth/gate
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AuditRepository } from '#storage/audit-repository.ts'
import { type Role, roleAtLeast, type UserRepository } from '#storage/user-repository.ts'
import { errorBody } from '../http-errors.ts'
import { accessFor, type MatchedRoute, matchRoute, SAFE_METHODS } from './policy.ts'
import { createRateLimiter, type RateLimiter } from './rate-limit.ts'
import { hashSecret, looksLikeToken } from './secrets.ts'

/** The settings of the gate (from `config.auth`). */
export interface AuthSettings {
  /**
   * Credentials are needed for everything but public operations. False only in the zero-setup
   * default (embedded database, loopback address): then, while no user exists, loopback
   * requests act as the local admin.
   */
  readonly required: boolean
  /** Lifetime of a browser session, in hours. */
  readonly sessionHours: number
  /** Requests a minute per token or session (0: unlimited), and how many may come at once. */
  readonly rateLimitPerMinute: number
  readonly rateBurst: number
}

/** What the gate needs. */
export interface AuthDeps {
  readonly users: UserRepository
  readonly audit: AuditRepository
  readonly settings: AuthSettings
}

/** Who made a request. */
export interface RequestPrincipal {
  readonly username: string
  readonly role: Role
  /** `local`: the loopback user of the zero-setup default. */
  readonly via: 'local' | 'session' | 'token'
  readonly userId: string | null
  readonly tokenId: string | null
}

/** Name of the session cookie (HttpOnly, SameSite=Strict, Secure over https). */
export const SESSION_COOKIE = 'tergeu_session'

/** The user name the audit log gives the loopback user of the zero-setup default. */
export const LOCAL_ACTOR = 'local'

// Whether users exist is read again after this long (another process may have added one).
const USERS_CACHE_MS = 5_000
// How long a checked token or session is trusted without asking the database again.
const CREDENTIAL_CACHE_MS = 5_000
const MAX_CACHED_CREDENTIALS = 10_000

const principals = new WeakMap<Request, RequestPrincipal>()

/** The principal the gate found for this request, or null (anonymous). */
export function principalOf(c: Context): RequestPrincipal | null {
  return principals.get(c.req.raw) ?? null
}

/** The gate: its middleware, and what the auth routes share with it. */
export interface AuthGate {
  readonly middleware: MiddlewareHandler
  /** True while loopback requests act as the local admin (zero-setup default, no users). */
  localMode(): Promise<boolean>
  /**
   * Forgets the cached answer of {@link localMode} and the cached credentials (after a user is
   * added or disabled, a token revoked, a session ended).
   */
  usersChanged(): void
  /** The client's address, as the socket says (proxies' headers are not trusted). */
  clientIp(c: Context): string | null
  /** Records an action in the audit log; a failure is logged, not thrown. */
  audit(
    c: Context,
    entry: {
      readonly principal: RequestPrincipal | null
      readonly actor?: string
      readonly action: string
      readonly target: string | null
      readonly status: number
      readonly details?: Record<string, unknown> | null
    },
  ): Promise<void>
}

/** Builds the gate. `logError` receives failures of the audit log itself. */
export function createAuthGate(deps: AuthDeps, logError: (error: unknown) => void): AuthGate {
  const { users, settings } = deps
  const limiter: RateLimiter = createRateLimiter({
    perMinute: settings.rateLimitPerMinute,
    burst: settings.rateBurst,
  })
  let usersCache: { exist: boolean; at: number } | null = null

  async function localMode(): Promise<boolean> {
    if (settings.required) return false
    if (!usersCache || Date.now() - usersCache.at > USERS_CACHE_MS)
      usersCache = { exist: (await users.countActive()) > 0, at: Date.now() }
    return !usersCache.exist
  }

  async function audit(c: Context, entry: Parameters<AuthGate['audit']>[1]): Promise<void> {
    const p = entry.principal
    try {
      await deps.audit.record({
        actor: entry.actor ?? p?.username ?? 'anonymous',
        userId: p?.userId ?? null,
        tokenId: p?.tokenId ?? null,
        action: entry.action,
        target: entry.target,
        status: entry.status,
        ip: clientIp(c),
        details: entry.details ?? null,
      })
    } catch (error) {
      logError(error)
    }
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method.toUpperCase()
    const matched = matchRoute(method, c.req.path)
    const access = accessFor(method, matched.route)
    const unsafe = !SAFE_METHODS.has(method)

    // Cross-site requests may not change anything, whoever the browser is signed in as (and the
    // local user is "signed in" for every page the browser visits). OWASP CSRF cheat sheet:
    // verifying the origin with standard headers.
    if (unsafe && isCrossSite(c)) return refuse(c, 403, 'forbidden', 'cross-site request refused')

    const found = await identify(c)
    if (found === 'invalid')
      return refuse(c, 401, 'unauthorized', 'the token or session is invalid, revoked or expired')
    let principal = found
    if (principal?.via === 'session' && unsafe && !hasBrowserOrigin(c))
      return refuse(c, 403, 'forbidden', 'a session-authenticated write needs an Origin header')
    if (!principal && (await localMode()) && isLocalRequest(c)) principal = LOCAL_PRINCIPAL
    if (principal) principals.set(c.req.raw, principal)

    if (access !== 'public') {
      if (!principal) return refuse(c, 401, 'unauthorized', 'sign in or send a bearer token')
      if (!roleAtLeast(principal.role, access)) {
        if (unsafe) await auditWrite(c, principal, matched, 403)
        return refuse(
          c,
          403,
          'forbidden',
          `this needs the ${access} role (you are ${principal.role})`,
        )
      }
    }
    if (principal && principal.via !== 'local') {
      const decision = limiter.take(
        principal.tokenId ? `t:${principal.tokenId}` : `u:${principal.userId}`,
      )
      if (!decision.ok) {
        c.header('Retry-After', String(decision.retryAfterS))
        return refuse(
          c,
          429,
          'rate_limited',
          `too many requests; retry in ${decision.retryAfterS} s`,
        )
      }
    }
    await next()
    // Sign-in and sign-out record themselves (with the user they name).
    if (unsafe && principal && !matched.route.startsWith('/api/auth/'))
      await auditWrite(c, principal, matched, c.res.status)
    return undefined
  }

  // Valid credentials seen in the last CREDENTIAL_CACHE_MS: a token or session lookup costs a
  // query (2.6 ms on PGlite under load) on every request otherwise. Revoking, disabling and
  // signing out through this process clear it at once; another process's change is seen within
  // CREDENTIAL_CACHE_MS.
  const credentials = new Map<string, { principal: RequestPrincipal; until: number }>()

  async function cached(
    key: string,
    lookup: () => Promise<RequestPrincipal | null>,
  ): Promise<RequestPrincipal | null> {
    const hit = credentials.get(key)
    if (hit && hit.until > Date.now()) return hit.principal
    credentials.delete(key)
    const principal = await lookup()
    if (principal) {
      if (credentials.size >= MAX_CACHED_CREDENTIALS) credentials.clear()
      credentials.set(key, { principal, until: Date.now() + CREDENTIAL_CACHE_MS })
    }
    return principal
  }

  async function identify(c: Context): Promise<RequestPrincipal | null | 'invalid'> {
    const header = c.req.header('authorization')
    if (header !== undefined) {
      const bearer = /^Bearer +(\S+) *$/i.exec(header)
      if (!bearer || !looksLikeToken(bearer[1]!)) return 'invalid'
      const hash = hashSecret(bearer[1]!)
      const principal = await cached(`t:${hash}`, async () => {
        const credential = await users.findToken(hash)
        return credential
          ? {
              username: credential.user.username,
              role: credential.role,
              via: 'token',
              userId: credential.user.id,
              tokenId: credential.tokenId,
            }
          : null
      })
      return principal ?? 'invalid'
    }
    const session = getCookie(c, SESSION_COOKIE)
    if (session !== undefined && /^[A-Za-z0-9_-]{43}$/.test(session)) {
      const hash = hashSecret(session)
      const principal = await cached(`s:${hash}`, async () => {
        const credential = await users.findSession(hash)
        return credential
          ? {
              username: credential.user.username,
              role: credential.role,
              via: 'session',
              userId: credential.user.id,
              tokenId: null,
            }
          : null
      })
      if (principal) return principal
    }
    // A stale cookie is no credential: the caller is anonymous (and may sign in again).
    return null
  }

  async function auditWrite(
    c: Context,
    principal: RequestPrincipal,
    matched: MatchedRoute,
    status: number,
  ): Promise<void> {
    const params = Object.entries(matched.params)
    let target = params.length ? params.map(([k, v]) => `${k}=${v}`).join(' ') : null
    const body = await requestBody(c)
    if (target === null && status < 300) target = await createdId(c)
    await audit(c, {
      principal,
      action: `${c.req.method.toUpperCase()} ${matched.route}`,
      target,
      status,
      details: body === undefined ? null : { body },
    })
  }

  return {
    middleware,
    localMode,
    usersChanged: () => {
      usersCache = null
      credentials.clear()
    },
    clientIp,
    audit,
  }
}

const LOCAL_PRINCIPAL: RequestPrincipal = {
  username: LOCAL_ACTOR,
  role: 'admin',
  via: 'local',
  userId: null,
  tokenId: null,
}

function refuse(c: Context, status: 401 | 403 | 429, code: string, message: string): Response {
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="tergeu"')
  return c.json(errorBody(code, message), status)
}

// The socket's peer; app.request() in tests has none.
function remoteAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? null
}

function clientIp(c: Context): string | null {
  return remoteAddress(c)
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped form. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '')
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a)
}

/**
 * A request the local user may make: from a loopback peer, to a loopback host name (a page
 * that rebinds its own DNS name to 127.0.0.1 still sends its own name), not relayed by a proxy.
 */
function isLocalRequest(c: Context): boolean {
  const peer = remoteAddress(c)
  if (peer !== null && !isLoopbackAddress(peer)) return false
  const host = new URL(c.req.url).hostname.toLowerCase()
  if (!LOOPBACK_NAMES.has(host) && !host.endsWith('.localhost')) return false
  for (const h of ['forwarded', 'x-forwarded-for', 'x-real-ip'])
    if (c.req.header(h) !== undefined) return false
  return true
}

function hasBrowserOrigin(c: Context): boolean {
  return c.req.header('origin') !== undefined || c.req.header('sec-fetch-site') !== undefined
}

// An Origin other than this server's (as the Host or a proxy's X-Forwarded-Host names it), or
// a browser's own word that the request is cross-site. Browsers never let a page set either.
function isCrossSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true
  const origin = c.req.header('origin')
  if (origin === undefined) return false
  if (origin === 'null' || !URL.canParse(origin)) return true
  const originHost = new URL(origin).host.toLowerCase()
  const hosts = [new URL(c.req.url).host, c.req.header('host'), c.req.header('x-forwarded-host')]
  return !hosts.some((h) => h !== undefined && h.toLowerCase() === originHost)
}

const SECRET_KEY = /pass|token|secret|authorization|cookie/i

// The request's JSON body as the route read it, secrets redacted and long values cut.
async function requestBody(c: Context): Promise<unknown> {
  const cache = c.req.bodyCache as { text?: string | Promise<string>; json?: unknown }
  let value: unknown
  try {
    if (cache.json !== undefined) value = await cache.json
    else if (cache.text !== undefined) {
      const text = await cache.text
      if (text.trim() === '') return undefined
      value = JSON.parse(text)
    } else return undefined
  } catch {
    return undefined
  }
  return compact(value, 0)
}

function compact(value: unknown, depth: number): unknown {
  // Cut at a code point, so that no half of a surrogate pair is left.
  if (typeof value === 'string')
    return value.length > 200 ? `${value.slice(0, 200).replace(/[\uD800-\uDBFF]$/, '')}…` : value
  if (value === null || typeof value !== 'object') return value
  if (depth >= 3) return '…'
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => compact(v, depth + 1))
    return value.length > 20 ? [...items, `… ${value.length - 20} more`] : items
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value).slice(0, 30))
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : compact(v, depth + 1)
  return out
}

// The `id` of a created object, from the JSON answer.
async function createdId(c: Context): Promise<string | null> {
  if (!c.res.headers.get('content-type')?.includes('application/json')) return null
  try {
    const body = (await c.res.clone().json()) as Record<string, unknown>
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number'
    if (scalar(body['id'])) return `id=${body['id']}`
    // `{ subject: { id } }`, `{ entry: { id } }`: the one wrapped object's id.
    const ids = Object.values(body)
      .map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>)['id'] : undefined))
      .filter(scalar)
    return ids.length === 1 ? `id=${ids[0]}` : null
  } catch {
    return null
  }
}

/** Without a gate (route unit tests): cross-site writes are still refused. */
export const refuseCrossSite: MiddlewareHandler = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method.toUpperCase()) && isCrossSite(c))
    return refuse(c, 403, 'forbidden', 'cross-site request refused')
  await next()
  return undefined
}
