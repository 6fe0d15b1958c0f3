import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createRateLimiter } from './rate-limit.ts'

test('a bucket lets the burst through, then refills at the rate, per key', () => {
  let now = 0
  const limiter = createRateLimiter({ perMinute: 60, burst: 2, now: () => now })
  assert.deepEqual([limiter.take('a'), limiter.take('a')], [{ ok: true }, { ok: true }])
  assert.deepEqual(limiter.take('a'), { ok: false, retryAfterS: 1 })
  assert.deepEqual(limiter.take('b'), { ok: true }, 'another key has its own bucket')
  now += 1000
  assert.deepEqual(limiter.take('a'), { ok: true })
  assert.equal(limiter.take('a').ok, false)
  now += 60_000
  assert.deepEqual(
    [limiter.take('a'), limiter.take('a'), limiter.take('a').ok],
    [{ ok: true }, { ok: true }, false],
  )
})

test('Retry-After rounds up to whole seconds at slow rates; 0 means no limit', () => {
  const limiter = createRateLimiter({ perMinute: 2, burst: 1, now: () => 0 })
  limiter.take('k')
  assert.deepEqual(limiter.take('k'), { ok: false, retryAfterS: 30 })
  const off = createRateLimiter({ perMinute: 0, burst: 1 })
  for (let i = 0; i < 100; i++) assert.equal(off.take('k').ok, true)
})

test('keeps at most maxKeys buckets, dropping the least recently used', () => {
  const limiter = createRateLimiter({ perMinute: 1, burst: 1, maxKeys: 2, now: () => 0 })
  limiter.take('a')
  limiter.take('b')
  limiter.take('a')
  limiter.take('c') // evicts b, the least recently used
  assert.equal(limiter.take('a').ok, false, 'a was kept')
  assert.equal(limiter.take('b').ok, true, 'b starts afresh')
})
