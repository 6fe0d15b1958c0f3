/**
 * Who may call what: the one table from an operation (method and route) to the least role it
 * needs. Reads need a viewer, writes an analyst, user and token management and the audit log an
 * admin; a few operations are public (health for load balancers, the API description, sign-in).
 * The middleware and the test that walks the OpenAPI document both read this table.
 *
 * @module api/auth/policy
 */
import type { Role } from '#storage/user-repository.ts'
import { ENDPOINTS } from '../openapi.ts'

/** What an operation needs: nothing (`public`) or a role at least. */
export type Access = 'public' | Role

/** Operations anyone may call (`METHOD /route`). */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  // Load balancers and `tergeu` health checks call it without credentials.
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs.css',
  'GET /api/docs.js',
  // The web UI asks who it is before it knows whether to show the sign-in page.
  'GET /api/auth/me',
  'POST /api/auth/login',
  'POST /api/auth/logout',
])

/** POSTs that only read (their input is too long for a query string): a viewer may call them. */
export const READ_ONLY_POSTS: ReadonlySet<string> = new Set(['POST /api/screen'])

/** Route prefixes only an admin may call, whatever the method. */
export const ADMIN_PREFIXES: readonly string[] = ['/api/users', '/api/tokens', '/api/audit']

/** Methods that change nothing (RFC 9110 §9.2.1). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

/** A request matched to its route: `route` is the Hono pattern, `params` its values. */
export interface MatchedRoute {
  readonly route: string
  readonly params: Readonly<Record<string, string>>
}

// Compiled on first use: openapi.ts imports this module's users, so ENDPOINTS is not ready at load.
let compiled: { method: string; route: string; names: string[]; pattern: RegExp }[] | null = null

function compiledRoutes() {
  compiled ??= ENDPOINTS.map((e) => ({
    method: e.method.toUpperCase(),
    route: e.path,
    names: [...e.path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
    pattern: new RegExp(`^${e.path.replace(/[.]/g, '\\.').replace(/:(\w+)/g, '([^/]+)')}$`),
  }))
  return compiled
}

/**
 * Finds the documented route of a request (`/api/entities/42/split` → `/api/entities/:id/split`);
 * an undocumented path is its own route without parameters.
 */
export function matchRoute(method: string, path: string): MatchedRoute {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()
  // Literal routes win over parameter routes (`/api/entities/merge` over `/api/entities/:id`).
  let best: { route: string; params: Record<string, string>; literal: boolean } | null = null
  for (const e of compiledRoutes()) {
    if (e.method !== m) continue
    const found = e.pattern.exec(path)
    if (!found) continue
    const params: Record<string, string> = {}
    e.names.forEach((name, i) => {
      params[name] = safeDecode(found[i + 1]!)
    })
    const literal = e.names.length === 0
    if (!best || (literal && !best.literal)) best = { route: e.route, params, literal }
  }
  return best ? { route: best.route, params: best.params } : { route: path, params: {} }
}

/** The least role an operation needs, or `public`. */
export function accessFor(method: string, route: string): Access {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()
  const operation = `${m} ${route}`
  if (PUBLIC_OPERATIONS.has(operation)) return 'public'
  if (ADMIN_PREFIXES.some((p) => route === p || route.startsWith(`${p}/`))) return 'admin'
  if (SAFE_METHODS.has(m) || READ_ONLY_POSTS.has(operation)) return 'viewer'
  return 'analyst'
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
