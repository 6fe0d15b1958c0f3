/**
 * Token-bucket rate limiting in memory, per process: each key (a token, a user's session, an
 * address) has a bucket of `capacity` requests that refills at `perMinute / 60` a second. Several
 * `serve` processes behind a proxy each keep their own buckets, so the limit a client sees is the
 * per-process limit times the processes its requests are spread over (docs/deploy.md).
 *
 * @module api/auth/rate-limit
 */

/** Settings of a {@link RateLimiter}. */
export interface RateLimitOptions {
  /** Requests a minute in the long run; 0 turns limiting off. */
  readonly perMinute: number
  /** Requests that may come at once (the bucket's size). */
  readonly burst: number
  /** Buckets kept at most; the least recently used go first (default 10,000). */
  readonly maxKeys?: number
  /** Clock in milliseconds (tests). */
  readonly now?: () => number
}

/** The answer of {@link RateLimiter.take}: allowed, or refused with when to retry. */
export type RateDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryAfterS: number }

/** A set of token buckets, one per key. */
export interface RateLimiter {
  /** Takes one request from `key`'s bucket. */
  take(key: string): RateDecision
}

/** Builds a limiter; with `perMinute` 0 every request passes. */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now
  const maxKeys = options.maxKeys ?? 10_000
  const perMs = options.perMinute / 60_000
  const capacity = Math.max(1, options.burst)
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(key) {
      if (options.perMinute <= 0) return { ok: true }
      const t = now()
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t }
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs)
      bucket.at = t
      // Re-inserted, so that the map's order is least recently used first.
      buckets.delete(key)
      buckets.set(key, bucket)
      while (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value
        if (oldest === undefined) break
        buckets.delete(oldest)
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { ok: true }
      }
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) }
    },
  }
}
