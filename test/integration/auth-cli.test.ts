/**
 * `tergeu users` and `tergeu tokens` over an embedded database, the tokens they print working
 * against the API, and the first admin `serve` makes when credentials are needed.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { announceFirstAdmin } from '#cli/commands/users.ts'
import { main } from '#cli/main.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { captureIo } from '../helpers/capture-io.ts'

describe('tergeu users and tergeu tokens', () => {
  let dir: string
  const env = () => ({ TERGEU_DATA_DIR: join(dir, 'data') })
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-auth-cli-'))
    await writeFile(join(dir, 'pw.txt'), 'a long enough password\n')
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function run(args: string[]) {
    const c = captureIo(dir, env())
    const code = await main(args, c.io)
    return { code, out: c.out(), err: c.err() }
  }

  test('adds an admin with a password and prints a working token once', async () => {
    const added = await run([
      'users',
      'add',
      'Aliya',
      '--role',
      'admin',
      '--password-file',
      'pw.txt',
    ])
    assert.equal(added.code, 0, added.err)
    const token = added.out.trim()
    assert.match(token, /^tgu_[\w-]{43}$/)
    assert.match(added.err, /added aliya \(admin\)/)

    const list = await run(['users', 'list'])
    assert.match(list.out, /^1\taliya\tadmin\tpassword\tactive$/m)

    // The embedded default now needs credentials: a user exists.
    const runtime = await bootstrap(loadConfig(env()), { cwd: dir })
    try {
      const app = runtime.createHttpApp()
      assert.equal((await app.request('/api/search')).status, 401)
      const res = await app.request('/api/users', { headers: { authorization: `Bearer ${token}` } })
      assert.equal(res.status, 200)
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'aliya', password: 'a long enough password' }),
      })
      assert.equal(login.status, 200)
    } finally {
      await runtime.close()
    }
  })

  test('makes a capped, expiring token, lists it and revokes it', async () => {
    assert.equal((await run(['users', 'add', 'bolat', '--role', 'analyst', '--no-token'])).code, 0)
    const made = await run([
      'tokens',
      'add',
      'bolat',
      '--name',
      'nightly',
      '--role',
      'viewer',
      '--expires-days',
      '30',
    ])
    assert.equal(made.code, 0, made.err)
    const id = /token (\d+) for bolat/.exec(made.err)?.[1]
    assert.ok(id, made.err)
    const list = await run(['tokens', 'list', 'bolat'])
    assert.match(list.out, new RegExp(`^${id}\\tbolat\\tviewer\\tnightly\\texpires 20`, 'm'))
    assert.ok(!list.out.includes(made.out.trim()), 'a listed token never shows its secret')
    assert.equal((await run(['tokens', 'revoke', id])).code, 0)
    assert.match((await run(['tokens', 'list', 'bolat'])).out, /\trevoked 20/)
  })

  test('refuses a token above its user, unknown users and bad roles', async () => {
    const above = await run(['tokens', 'add', 'bolat', '--role', 'admin'])
    assert.equal(above.code, 1)
    assert.match(above.err, /analyst at most/)
    assert.equal((await run(['tokens', 'add', 'nobody'])).code, 1)
    assert.equal((await run(['users', 'add', 'x', '--role', 'root'])).code, 2)
    assert.equal((await run(['users', 'add', 'aliya', '--role', 'viewer'])).code, 1, 'name taken')
    assert.equal((await run(['users', 'add', 'Not Valid', '--role', 'viewer'])).code, 1)
    assert.equal((await run(['users', 'disable', 'bolat'])).code, 0)
    assert.match((await run(['users', 'list'])).out, /\tbolat\tanalyst\ttoken only\tdisabled /)
  })

  test('the audit log holds the command-line changes', async () => {
    const runtime = await bootstrap(loadConfig(env()), { cwd: dir })
    try {
      const { createAuditRepository } = await import('#storage/audit-repository.ts')
      const entries = await createAuditRepository(runtime.database.db).list({ limit: 50 })
      assert.deepEqual(entries.map((e) => [e.actor, e.action]).reverse(), [
        ['cli', 'user.add'],
        ['cli', 'token.add'],
        ['aliya', 'login'],
        ['cli', 'user.add'],
        ['cli', 'token.add'],
        ['cli', 'token.revoke'],
        ['cli', 'user.disable'],
      ])
    } finally {
      await runtime.close()
    }
  })
})

describe('the first admin of a team deployment', () => {
  test('is made once, with a token printed once, when credentials are needed and nobody exists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tergeu-first-admin-'))
    try {
      const config = loadConfig({ TERGEU_DATA_DIR: join(dir, 'data'), TERGEU_HOST: '0.0.0.0' })
      const runtime = await bootstrap(config, { cwd: dir })
      try {
        const first = captureIo(dir)
        await announceFirstAdmin(runtime, config, first.io)
        const token = /\n {2}(tgu_[\w-]{43})\n/.exec(first.err())?.[1]
        assert.ok(token, first.err())
        assert.match(first.err(), /binds 0\.0\.0\.0, not a loopback address/)
        const again = captureIo(dir)
        await announceFirstAdmin(runtime, config, again.io)
        assert.equal(again.err(), '', 'printed only the first time')
        const app = runtime.createHttpApp()
        const me = await app.request('/api/auth/me', {
          headers: { authorization: `Bearer ${token}` },
        })
        assert.deepEqual(await me.json(), {
          user: { username: 'admin', role: 'admin', via: 'token' },
          authRequired: true,
        })
        // The zero-setup default makes nobody.
        const local = captureIo(dir)
        await announceFirstAdmin(runtime, loadConfig({}), local.io)
        assert.equal(local.err(), '')
      } finally {
        await runtime.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
