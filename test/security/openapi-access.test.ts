// Walks the served OpenAPI document and checks every operation against the access policy with
// real credentials (issue #9, point 4): without credentials it is refused (401) unless public; a
// viewer is refused writes (403); an analyst may write but not manage users or read the audit
// log; an admin may call everything. And every list endpoint bounds its page size.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Hono } from 'hono'
import { hashSecret, newToken } from '#api/auth/secrets.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createUserRepository, type Role } from '#storage/user-repository.ts'
import { openTestPglite } from '../helpers/test-database.ts'

interface Operation {
  readonly method: string
  readonly path: string
  readonly role: 'public' | Role
  readonly parameters: readonly { name: string; in: string; schema: Record<string, unknown> }[]
  readonly responses: Record<string, unknown>
  readonly security: readonly unknown[]
}

// Operations callable without credentials, and why.
const EXPECTED_PUBLIC = [
  'GET /api/auth/me', // the UI asks before it knows whether to show the sign-in page
  'GET /api/health', // load balancers
  'POST /api/auth/login',
  'POST /api/auth/logout',
]

// GET answers with arrays but without a limit parameter, and what bounds them instead. A new
// such endpoint fails the walk until it is paged or listed here with its bound.
const UNPAGED_LISTS: Readonly<Record<string, string>> = {
  'GET /api/documents/{id}': "one document's annotations and paragraphs",
  'GET /api/documents/{id}/story': 'the storage caps a story at 200 siblings',
  'GET /api/map': 'one feature per region or country of the fixed boundaries',
  'GET /api/stats': 'aggregates by month and category; figures capped by the storage',
  'GET /api/graph': 'the nodes parameter, at most 400',
  'GET /api/watchlists': 'one row per loaded watchlist; lists are loaded from the CLI only',
  'GET /api/entities/{id}': 'names, titles and mentions capped by the storage (100, 20, 200)',
}

let runtime: Runtime
let app: Hono
let operations: Operation[] = []
const tokens: Record<Role, string> = { viewer: '', analyst: '', admin: '' }

before(async () => {
  const config = loadConfig({ TERGEU_AUTH: 'required', TERGEU_RATE_LIMIT: '0' })
  runtime = await bootstrap(config, { cwd: process.cwd(), database: await openTestPglite() })
  app = runtime.createHttpApp()
  const users = createUserRepository(runtime.database.db)
  for (const role of ['viewer', 'analyst', 'admin'] as const) {
    const user = await users.create({ username: `walk-${role}`, role, passwordHash: null })
    tokens[role] = newToken()
    await users.createToken({
      userId: user.id,
      name: 'walk',
      role: null,
      tokenHash: hashSecret(tokens[role]),
      expiresAt: null,
    })
  }
  const spec = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        Omit<Operation, 'method' | 'path' | 'role'> & { 'x-tergeu-role': Operation['role'] }
      >
    >
  }
  operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      ...op,
      parameters: op.parameters ?? [],
      method: method.toUpperCase(),
      path,
      role: op['x-tergeu-role'],
    })),
  )
})
after(() => runtime.close())

// A request for the operation: path ids filled in, an empty JSON body for writes. Whether the
// handler then finds anything does not matter: only the gate's answer is checked.
async function call(op: Operation, token: string | null): Promise<Response> {
  const url = op.path.replace(/\{(\w+)\}/g, '1')
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  const init: RequestInit =
    op.method === 'GET' ? { headers } : { method: op.method, headers, body: '{}' }
  return app.request(url, init)
}

function label(op: Operation): string {
  return `${op.method} ${op.path}`
}

const WRITE_ROLES: readonly string[] = ['analyst', 'admin']

describe('every operation of the OpenAPI document', () => {
  test('the document lists the operations and their roles, with a security requirement each', () => {
    assert.ok(operations.length >= 30, `only ${operations.length} operations`)
    const open = operations
      .filter((op) => op.role === 'public')
      .map(label)
      .sort()
    assert.deepEqual(open, EXPECTED_PUBLIC)
    for (const op of operations) {
      if (op.role === 'public') assert.deepEqual(op.security, [], label(op))
      else {
        assert.ok(op.security.length > 0, `${label(op)} has no security requirement`)
        for (const status of ['401', '403', '429'])
          assert.ok(op.responses[status], `${label(op)} documents ${status}`)
      }
      // Every write needs an analyst at least, except reads sent as POST (screening).
      if (op.method !== 'GET' && op.role !== 'public' && op.path !== '/api/screen')
        assert.ok(WRITE_ROLES.includes(op.role), `${label(op)} is a write open to ${op.role}`)
    }
  })

  test('without credentials, every non-public operation answers 401', async () => {
    for (const op of operations) {
      const res = await call(op, null)
      if (op.role === 'public') assert.notEqual(res.status, 401, label(op))
      else assert.equal(res.status, 401, label(op))
    }
  })

  test('a viewer may read but is refused every write and every admin operation (403)', async () => {
    for (const op of operations) {
      const res = await call(op, tokens.viewer)
      if (op.role === 'analyst' || op.role === 'admin') assert.equal(res.status, 403, label(op))
      else assert.ok(res.status !== 401 && res.status !== 403, `${label(op)}: ${res.status}`)
    }
  })

  test('an analyst may write but not manage users or tokens or read the audit log', async () => {
    for (const op of operations) {
      const res = await call(op, tokens.analyst)
      if (op.role === 'admin') assert.equal(res.status, 403, label(op))
      else assert.ok(res.status !== 401 && res.status !== 403, `${label(op)}: ${res.status}`)
    }
  })

  test('an admin may call every operation', async () => {
    for (const op of operations) {
      // Signing out would not end a token; disabling user 1 would lock the walk out.
      if (op.method === 'DELETE' && op.path === '/api/users/{id}') continue
      const res = await call(op, tokens.admin)
      assert.ok(res.status !== 401 && res.status !== 403, `${label(op)}: ${res.status}`)
    }
  })

  test('every paged list caps its page size, and a larger page is refused (400)', async () => {
    const unpaged: string[] = []
    for (const op of operations) {
      const limit = op.parameters.find((p) => p.in === 'query' && p.name === 'limit')
      const res200 = op.responses['200'] as {
        content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }>
      }
      const props = res200.content?.['application/json']?.schema?.properties ?? {}
      const isList = Object.values(props).some((p) => p.type === 'array')
      if (!limit) {
        if (isList && op.method === 'GET') unpaged.push(label(op))
        continue
      }
      const max = limit.schema['maximum']
      assert.equal(typeof max, 'number', `${label(op)}: limit has no maximum`)
      assert.ok((max as number) <= 500, `${label(op)}: a page of ${max} is too large`)
      const url = `${op.path.replace(/\{(\w+)\}/g, '1')}?limit=${(max as number) + 1}`
      const res = await app.request(url, { headers: { authorization: `Bearer ${tokens.admin}` } })
      assert.equal(res.status, 400, `${label(op)} accepted limit=${(max as number) + 1}`)
    }
    assert.deepEqual(unpaged.sort(), Object.keys(UNPAGED_LISTS).sort())
  })
})
