import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type FetchLike, needsSignIn, signIn, whoAmI } from './auth.ts'

function answering(
  status: number,
  body: unknown,
  seen: { url: string; init?: RequestInit }[] = [],
): FetchLike {
  return async (url, init) => {
    seen.push({ url, ...(init ? { init } : {}) })
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  }
}

test('the sign-in page comes first only when credentials are needed and there are none', async () => {
  const local = await whoAmI(
    answering(200, {
      user: { username: 'local', role: 'admin', via: 'local' },
      authRequired: false,
    }),
  )
  assert.equal(needsSignIn(local), false)
  const anonymous = await whoAmI(answering(200, { user: null, authRequired: true }))
  assert.equal(needsSignIn(anonymous), true)
  const signedIn = await whoAmI(
    answering(200, {
      user: { username: 'dana', role: 'viewer', via: 'session' },
      authRequired: true,
    }),
  )
  assert.equal(needsSignIn(signedIn), false)
  await assert.rejects(whoAmI(answering(500, {})))
  await assert.rejects(whoAmI(answering(200, { user: 'x' })), 'a drifting server fails loudly')
})

test('signIn posts JSON and tells a wrong password from a rate limit', async () => {
  const seen: { url: string; init?: RequestInit }[] = []
  const ok = await signIn(
    'dana',
    'secret password',
    answering(
      200,
      { user: { username: 'dana', role: 'analyst', via: 'session' }, authRequired: true },
      seen,
    ),
  )
  assert.equal(ok.ok, true)
  assert.equal(seen[0]?.url, '/api/auth/login')
  assert.equal(seen[0]?.init?.method, 'POST')
  assert.deepEqual(JSON.parse(String(seen[0]?.init?.body)), {
    username: 'dana',
    password: 'secret password',
  })

  const wrong = await signIn(
    'dana',
    'x',
    answering(401, { error: { code: 'unauthorized', message: 'wrong user name or password' } }),
  )
  assert.deepEqual(wrong, { ok: false, reason: 'wrong', message: 'wrong user name or password' })
  const limited = await signIn(
    'dana',
    'x',
    answering(429, { error: { code: 'rate_limited', message: 'wait' } }),
  )
  assert.equal(limited.ok === false && limited.reason, 'limited')
  const down = await signIn('dana', 'x', async () => {
    throw new Error('network down')
  })
  assert.deepEqual(down, { ok: false, reason: 'failed', message: 'network down' })
})
