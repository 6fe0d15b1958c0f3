// Authentication end to end through the app (app.request): the zero-setup default, tokens and
// roles, browser sessions with their CSRF rules, rate and body limits, and the audit log.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Hono } from 'hono'
import { hashSecret, newToken } from '#api/auth/secrets.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { createUserRepository, type Role, type UserRepository } from '#storage/user-repository.ts'
import { testBackends } from '../helpers/test-database.ts'

const WATCH = { method: 'POST', body: JSON.stringify({ name: 'Serik Baimukhanov' }) }

async function addUser(users: UserRepository, username: string, role: Role): Promise<string> {
  const user = await users.create({ username, role, passwordHash: null })
  const token = newToken()
  await users.createToken({
    userId: user.id,
    name: 'test',
    role: null,
    tokenHash: hashSecret(token),
    expiresAt: null,
  })
  return token
}

function bearer(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as object), authorization: `Bearer ${token}` } }
}

for (const backend of await testBackends()) {
  describe(`authentication over ${backend.name}`, () => {
    describe('the zero-setup default (embedded database, loopback, no users)', () => {
      let runtime: Runtime
      let app: Hono
      before(async () => {
        runtime = await bootstrap(loadConfig({}), {
          cwd: process.cwd(),
          database: await backend.open(),
        })
        app = runtime.createHttpApp()
      })
      after(() => runtime.close())

      test('a loopback request reads and writes as the local admin, and the write is audited', async () => {
        const me = await (await app.request('/api/auth/me')).json()
        assert.deepEqual(me, {
          user: { username: 'local', role: 'admin', via: 'local' },
          authRequired: false,
        })
        assert.equal((await app.request('/api/search?q=x')).status, 200)
        const res = await app.request('/api/watch-subjects', WATCH)
        assert.equal(res.status, 200)
        const { subject } = (await res.json()) as { subject: { id: string } }
        const id = subject.id

        const audit = (await (await app.request('/api/audit')).json()) as {
          items: {
            actor: string
            action: string
            target: string
            status: number
            details: unknown
          }[]
        }
        const entry = audit.items.find((e) => e.action === 'POST /api/watch-subjects')
        assert.deepEqual(
          { ...entry, details: undefined },
          { ...entry, actor: 'local', target: `id=${id}`, status: 200, details: undefined },
        )
        assert.deepEqual(entry?.details, { body: { name: 'Serik Baimukhanov' } })
      })

      test('a body with a lone surrogate or a NUL is audited with them replaced (found by fuzzing)', async () => {
        const logged: unknown[] = []
        const quiet = runtime.createHttpApp({ logError: (e) => logged.push(e) })
        const res = await quiet.request('/api/screen', {
          method: 'POST',
          body: JSON.stringify({ names: ['\udfff Ivanov', 'a\u0000b'], ['k\ud800']: 1 }),
        })
        assert.ok(res.status < 500, String(res.status))
        assert.deepEqual(logged, [])
        const audit = (await (
          await app.request('/api/audit?action=POST%20/api/screen')
        ).json()) as {
          items: { details: { body: Record<string, unknown> } }[]
        }
        assert.deepEqual(audit.items[0]?.details.body, {
          names: ['\ufffd Ivanov', 'ab'],
          'k\ufffd': 1,
        })
      })

      test('a request relayed by a proxy, or for another host name, is not the local user', async () => {
        const relayed = await app.request('/api/search', {
          headers: { 'x-forwarded-for': '203.0.113.9' },
        })
        assert.equal(relayed.status, 401)
        // DNS rebinding: a page whose own name resolves to 127.0.0.1 still sends its name.
        const rebound = await app.request('http://evil.example:8080/api/search')
        assert.equal(rebound.status, 401)
        assert.equal((await app.request('http://127.0.0.1:8080/api/search')).status, 200)
      })

      test('a cross-site write is refused, a same-origin one passes', async () => {
        const cross = await app.request('http://localhost:8080/api/watch-subjects', {
          ...WATCH,
          headers: { origin: 'https://evil.example' },
        })
        assert.equal(cross.status, 403)
        const fetchSite = await app.request('/api/watch-subjects', {
          ...WATCH,
          headers: { 'sec-fetch-site': 'cross-site' },
        })
        assert.equal(fetchSite.status, 403)
        const same = await app.request('http://localhost:8080/api/watch-subjects', {
          method: 'POST',
          body: JSON.stringify({ name: 'Aigerim Sadykova' }),
          headers: { origin: 'http://localhost:8080' },
        })
        assert.equal(same.status, 200)
      })

      test('once a user exists, credentials are needed even on loopback', async () => {
        const users = createUserRepository(runtime.database.db)
        const token = await addUser(users, 'first', 'admin')
        // A fresh app: the "users exist" answer is cached for a few seconds per app.
        const fresh = runtime.createHttpApp()
        assert.equal((await fresh.request('/api/search')).status, 401)
        assert.equal((await fresh.request('/api/search', bearer(token))).status, 200)
        const me = await (await fresh.request('/api/auth/me')).json()
        assert.deepEqual(me, { user: null, authRequired: true })
      })
    })

    describe('credentials required', () => {
      let runtime: Runtime
      let app: Hono
      let users: UserRepository
      const tokens: Record<Role, string> = { viewer: '', analyst: '', admin: '' }
      before(async () => {
        const config = loadConfig({ TERGEU_HOST: '0.0.0.0', TERGEU_RATE_LIMIT: '0' })
        assert.equal(config.auth.required, true)
        runtime = await bootstrap(config, { cwd: process.cwd(), database: await backend.open() })
        app = runtime.createHttpApp()
        users = createUserRepository(runtime.database.db)
        for (const role of ['viewer', 'analyst', 'admin'] as const)
          tokens[role] = await addUser(users, `a-${role}`, role)
      })
      after(() => runtime.close())

      test('a merge by a signed-in analyst is logged as that analyst, whatever the body says', async () => {
        const report = await runtime.ingest([
          {
            id: 'auth-merge-1',
            source: 'auth-test',
            url: 'https://news.example.test/auth-merge-1',
            format: 'text',
            raw: 'Almaty police detained businessman Daulet Serikbayev on suspicion of fraud.',
            published: '2026-11-20',
          },
          {
            id: 'auth-merge-2',
            source: 'auth-test',
            url: 'https://news.example.test/auth-merge-2',
            format: 'text',
            raw: 'Полиция Шымкента задержала предпринимателя Нурлана Абдикаримова по подозрению в мошенничестве.',
            published: '2026-11-21',
          },
        ])
        assert.equal(report.failed.length, 0, JSON.stringify(report.failed))
        const idOf = async (q: string) => {
          const res = await app.request(
            `/api/entities?q=${encodeURIComponent(q)}`,
            bearer(tokens.viewer),
          )
          const { items } = (await res.json()) as { items: { id: string; kind: string }[] }
          const person = items.find((i) => i.kind === 'person')
          assert.ok(person, `${q}: ${JSON.stringify(items)}`)
          return person.id
        }
        const into = await idOf('Daulet Serikbayev')
        const from = await idOf('Нурлан Абдикаримов')
        const res = await app.request(
          '/api/entities/merge',
          bearer(tokens.analyst, {
            method: 'POST',
            headers: { 'x-tergeu-user': 'someone-else' },
            body: JSON.stringify({ into, from: [from], by: 'someone-else' }),
          }),
        )
        assert.equal(res.status, 200, await res.clone().text())
        const { log } = (await res.json()) as { log: { by: string } }
        assert.equal(log.by, 'a-analyst')
      })

      test('no credentials: 401 with a Bearer challenge; health stays public', async () => {
        const res = await app.request('/api/search')
        assert.equal(res.status, 401)
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/)
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthorized')
        assert.equal((await app.request('/api/health')).status, 200)
        // Not even a loopback request is the local user here.
        assert.equal((await app.request('http://127.0.0.1/api/search')).status, 401)
      })

      test('a malformed, unknown, revoked or expired token is refused', async () => {
        for (const header of ['Basic abc', 'Bearer nope', `Bearer ${newToken()}`]) {
          const res = await app.request('/api/search', { headers: { authorization: header } })
          assert.equal(res.status, 401, header)
        }
        const token = await addUser(users, 'short-lived', 'viewer')
        const [row] = await users.listTokens({
          limit: 10,
          offset: 0,
          userId: (await users.findByUsername('short-lived'))!.id,
        })
        assert.equal((await app.request('/api/search', bearer(token))).status, 200)
        const revoke = await app.request(
          `/api/tokens/${row!.id}`,
          bearer(tokens.admin, { method: 'DELETE' }),
        )
        assert.equal(revoke.status, 200)
        assert.equal((await app.request('/api/search', bearer(token))).status, 401)

        const expired = newToken()
        const user = (await users.findByUsername('short-lived'))!
        await users.createToken({
          userId: user.id,
          name: 'old',
          role: null,
          tokenHash: hashSecret(expired),
          expiresAt: new Date(Date.now() - 1000),
        })
        assert.equal((await app.request('/api/search', bearer(expired))).status, 401)
      })

      test('roles: a viewer reads, an analyst writes, only an admin manages users', async () => {
        assert.equal((await app.request('/api/search', bearer(tokens.viewer))).status, 200)
        const screen = await app.request(
          '/api/screen',
          bearer(tokens.viewer, { method: 'POST', body: JSON.stringify({ names: ['Ivanov'] }) }),
        )
        assert.equal(screen.status, 200, 'screening only reads')
        const viewerWrite = await app.request('/api/watch-subjects', bearer(tokens.viewer, WATCH))
        assert.equal(viewerWrite.status, 403)
        assert.equal(
          ((await viewerWrite.json()) as { error: { code: string } }).error.code,
          'forbidden',
        )
        assert.equal(
          (await app.request('/api/watch-subjects', bearer(tokens.analyst, WATCH))).status,
          200,
        )
        assert.equal((await app.request('/api/users', bearer(tokens.analyst))).status, 403)
        assert.equal((await app.request('/api/audit', bearer(tokens.analyst))).status, 403)
        assert.equal((await app.request('/api/users', bearer(tokens.admin))).status, 200)
      })

      test('an admin makes a capped token through the API; the secret is shown once', async () => {
        const res = await app.request(
          '/api/tokens',
          bearer(tokens.admin, {
            method: 'POST',
            body: JSON.stringify({ username: 'a-analyst', name: 'read only', role: 'viewer' }),
          }),
        )
        assert.equal(res.status, 201)
        const made = (await res.json()) as { id: string; token: string; role: string }
        assert.equal(made.role, 'viewer')
        assert.equal((await app.request('/api/search', bearer(made.token))).status, 200)
        assert.equal(
          (await app.request('/api/watch-subjects', bearer(made.token, WATCH))).status,
          403,
        )
        const list = await (await app.request('/api/tokens', bearer(tokens.admin))).text()
        assert.ok(!list.includes(made.token), 'the list never shows a secret')
        const higher = await app.request(
          '/api/tokens',
          bearer(tokens.admin, {
            method: 'POST',
            body: JSON.stringify({ username: 'a-viewer', name: 'x', role: 'admin' }),
          }),
        )
        assert.equal(higher.status, 400, 'a token cannot outrank its user')
      })

      test('hostile sign-in and token input is refused as input, not answered with a 500', async () => {
        const nul = await app.request('/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username: 'a\u0000b', password: 'whatever-long' }),
        })
        assert.equal(nul.status, 400)
        const control = await app.request(
          '/api/tokens',
          bearer(tokens.admin, {
            method: 'POST',
            body: JSON.stringify({ username: 'a-viewer', name: 'bad\u0000name' }),
          }),
        )
        assert.equal(control.status, 400)
        const huge = await app.request('/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username: 'a-viewer', password: 'x'.repeat(20_000) }),
        })
        assert.equal(huge.status, 400)
      })

      test('a disabled user is locked out; the last admin cannot be disabled', async () => {
        const token = await addUser(users, 'leaver', 'analyst')
        const user = (await users.findByUsername('leaver'))!
        const res = await app.request(
          `/api/users/${user.id}`,
          bearer(tokens.admin, { method: 'DELETE' }),
        )
        assert.equal(res.status, 200)
        assert.equal((await app.request('/api/search', bearer(token))).status, 401)
        const admin = (await users.findByUsername('a-admin'))!
        const last = await app.request(
          `/api/users/${admin.id}`,
          bearer(tokens.admin, { method: 'DELETE' }),
        )
        assert.equal(last.status, 409)
      })

      test('sign-in: a session cookie that is HttpOnly and SameSite=Strict, Secure over https', async () => {
        const create = await app.request(
          '/api/users',
          bearer(tokens.admin, {
            method: 'POST',
            body: JSON.stringify({
              username: 'dana',
              role: 'analyst',
              password: 'correct horse battery',
            }),
          }),
        )
        assert.equal(create.status, 201)
        const wrong = await app.request('/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username: 'dana', password: 'wrong password!' }),
        })
        assert.equal(wrong.status, 401)
        const nobody = await app.request('/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username: 'nobody', password: 'wrong password!' }),
        })
        assert.deepEqual(
          await nobody.json(),
          await wrong.json(),
          'one answer for name and password',
        )

        const ok = await app.request('https://tergeu.example/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username: 'Dana', password: 'correct horse battery' }),
          headers: { origin: 'https://tergeu.example' },
        })
        assert.equal(ok.status, 200)
        const setCookie = ok.headers.get('set-cookie') ?? ''
        assert.match(setCookie, /^tergeu_session=[A-Za-z0-9_-]{43};/)
        for (const flag of [/HttpOnly/, /SameSite=Strict/, /Secure/, /Path=\//])
          assert.match(setCookie, flag)
        const cookie = setCookie.split(';')[0]!

        const read = await app.request('/api/search', { headers: { cookie } })
        assert.equal(read.status, 200)
        // A write with the cookie but without an Origin did not come from a browser page of ours.
        const noOrigin = await app.request('/api/watch-subjects', { ...WATCH, headers: { cookie } })
        assert.equal(noOrigin.status, 403)
        const write = await app.request('https://tergeu.example/api/watch-subjects', {
          method: 'POST',
          body: JSON.stringify({ name: 'Nurlan Abenov' }),
          headers: { cookie, origin: 'https://tergeu.example' },
        })
        assert.equal(write.status, 200)
        const me = await (await app.request('/api/auth/me', { headers: { cookie } })).json()
        assert.deepEqual(me, {
          user: { username: 'dana', role: 'analyst', via: 'session' },
          authRequired: true,
        })

        const out = await app.request('https://tergeu.example/api/auth/logout', {
          method: 'POST',
          headers: { cookie, origin: 'https://tergeu.example' },
        })
        assert.equal(out.status, 200)
        assert.equal((await app.request('/api/search', { headers: { cookie } })).status, 401)
      })

      test('the audit log names who did what to which target, and never a password', async () => {
        const res = await app.request('/api/audit?limit=500', bearer(tokens.admin))
        assert.equal(res.status, 200)
        const { items } = (await res.json()) as {
          items: { actor: string; action: string; target: string | null; status: number }[]
        }
        const text = JSON.stringify(items)
        assert.ok(!text.includes('correct horse battery'))
        const pick = (action: string) =>
          items.filter((e) => e.action === action).map((e) => [e.actor, e.status])
        assert.deepEqual(pick('login.failed'), [
          ['nobody', 401],
          ['dana', 401],
        ])
        assert.deepEqual(pick('login'), [['dana', 200]])
        assert.deepEqual(pick('logout'), [['dana', 200]])
        assert.ok(pick('POST /api/watch-subjects').some(([a, s]) => a === 'a-viewer' && s === 403))
        assert.ok(pick('POST /api/watch-subjects').some(([a, s]) => a === 'a-analyst' && s === 200))
        const disable = items.find((e) => e.action === 'DELETE /api/users/:id' && e.status === 200)
        assert.match(disable?.target ?? '', /^id=\d+$/)
        const users = items.find((e) => e.action === 'POST /api/users')
        assert.equal(users?.actor, 'a-admin')
        // Paging: newest first, one page at a time.
        const first = (await (
          await app.request('/api/audit?limit=2', bearer(tokens.admin))
        ).json()) as {
          items: { id: string }[]
          nextBefore: string
        }
        const second = (await (
          await app.request(`/api/audit?limit=2&before=${first.nextBefore}`, bearer(tokens.admin))
        ).json()) as { items: { id: string }[] }
        assert.ok(Number(second.items[0]!.id) < Number(first.items[1]!.id))
      })
    })

    describe('limits', () => {
      let runtime: Runtime
      let app: Hono
      let token: string
      before(async () => {
        const config = loadConfig({
          TERGEU_AUTH: 'required',
          TERGEU_RATE_LIMIT: '60',
          TERGEU_RATE_BURST: '3',
          TERGEU_MAX_BODY_BYTES: '2048',
        })
        runtime = await bootstrap(config, { cwd: process.cwd(), database: await backend.open() })
        app = runtime.createHttpApp()
        token = await addUser(createUserRepository(runtime.database.db), 'busy', 'analyst')
      })
      after(() => runtime.close())

      test('a token over its rate gets 429 with Retry-After', async () => {
        const statuses = []
        for (let i = 0; i < 4; i++)
          statuses.push((await app.request('/api/search', bearer(token))).status)
        assert.deepEqual(statuses, [200, 200, 200, 429])
        const res = await app.request('/api/search', bearer(token))
        assert.equal(res.status, 429)
        assert.ok(Number(res.headers.get('retry-after')) >= 1)
      })

      test('a body over the limit gets 413, before any route reads it', async () => {
        const names = Array.from({ length: 200 }, (_, i) => `Name Number${i}`)
        const res = await app.request('/api/screen', {
          method: 'POST',
          body: JSON.stringify({ names }),
        })
        assert.equal(res.status, 413)
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'too_large')
        // Streamed without a length, too.
        const stream = new ReadableStream({
          start(controller) {
            for (let i = 0; i < 10; i++)
              controller.enqueue(new TextEncoder().encode('x'.repeat(500)))
            controller.close()
          },
        })
        const chunked = await app.request('/api/screen', {
          method: 'POST',
          body: stream,
          duplex: 'half',
        })
        assert.equal(chunked.status, 413)
      })
    })
  })
}
