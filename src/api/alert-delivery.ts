/**
 * Delivers recorded alerts to a configured webhook: one POST of JSON per alert, signed with
 * HMAC-SHA256 over `timestamp.body` with a shared secret, a time limit per attempt, retries with
 * exponential backoff, every attempt logged on the alert and `delivered_at` set on a 2xx. The
 * connection goes through the fetcher's SSRF guard (`pipeline/ingest/address-guard.ts`): the
 * addresses DNS returns are checked and the socket connects to a checked one, so a webhook that
 * is (or redirects to) a private, loopback or metadata address is refused unless allowed.
 * Design: docs/decisions/0009-alerts.md.
 *
 * @module api/alert-delivery
 */
import { createHmac } from 'node:crypto'
import { lookup as dnsLookup } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { InvalidInputError } from '#core/errors.ts'
import { type AddressPolicy, createAddressGuard } from '#pipeline/ingest/address-guard.ts'
import type { AlertRecord, AlertRepository, DeliveryAttempt } from '#storage/alert-repository.ts'

/** Where and how alerts are delivered. */
export interface WebhookOptions {
  readonly url: string
  /** The HMAC-SHA256 key of the `x-tergeu-signature` header. */
  readonly secret: string
  /** Milliseconds one attempt may take (default 10 s). */
  readonly timeoutMs?: number
  /** Attempts per alert within one delivery run (default 3). */
  readonly attemptsPerRun?: number
  /** Attempts per alert over all runs, then it is given up (default 10). */
  readonly maxAttempts?: number
  /** First backoff in ms, doubled after each failed attempt (default 1000). */
  readonly backoffMs?: number
  /** Non-public addresses the webhook may still reach (default none), as for fetching. */
  readonly addresses?: AddressPolicy
  /** Resolves host names (tests); default the system resolver. */
  readonly lookup?: (host: string) => Promise<readonly { address: string; family: number }[]>
}

/** What one delivery run did. */
export interface DeliveryReport {
  readonly delivered: number
  /** Alerts still undelivered after this run (tried again later, or given up). */
  readonly failed: readonly { readonly id: string; readonly error: string }[]
}

/** The signature header value of a body sent at `timestamp` (seconds): `sha256=<hex>`. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** The JSON an alert is delivered as. */
export function alertPayload(alert: AlertRecord): Record<string, unknown> {
  return {
    type: 'tergeu.alert',
    alert: {
      id: alert.id,
      createdAt: alert.createdAt,
      subject: alert.subject,
      document: alert.document,
      reason: alert.reason,
    },
  }
}

// Redirects that keep the method and body (RFC 9110 §15.4.8, §15.4.9); others are not followed:
// a 301/302/303 would turn the POST into a GET.
const REDIRECT_STATUS = new Set([307, 308])
const MAX_REDIRECTS = 3
// A failure that no retry can mend (a refused address, a bad URL).
class PermanentError extends Error {}

/** Creates the deliverer. Throws `invalid_input` on a malformed URL or CIDR (a configuration error). */
export function createAlertDelivery(repository: AlertRepository, options: WebhookOptions) {
  const parsed = URL.canParse(options.url) ? new URL(options.url) : null
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new InvalidInputError(`webhook URL must be an http or https URL: ${options.url}`)
  const target: URL = parsed
  const timeoutMs = options.timeoutMs ?? 10_000
  const attemptsPerRun = Math.max(1, options.attemptsPerRun ?? 3)
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10)
  const backoffMs = options.backoffMs ?? 1000
  let guard: ReturnType<typeof createAddressGuard>
  try {
    guard = createAddressGuard(options.addresses)
  } catch (error) {
    throw new InvalidInputError(`webhook allowed addresses: ${(error as Error).message}`)
  }
  const resolve =
    options.lookup ??
    ((host: string) =>
      new Promise<readonly { address: string; family: number }[]>((ok, fail) =>
        dnsLookup(host, { all: true }, (err, addrs) => (err ? fail(err) : ok(addrs))),
      ))

  // Resolve, check every address, connect only to a checked one (as the fetcher does).
  const guardedLookup: LookupFunction = (hostname, opts, callback) => {
    resolve(hostname).then(
      (addrs) => {
        const refused = addrs.length === 0 ? `host ${hostname} has no address` : null
        const blocked = addrs.map((a) => guard.check(a.address)).find((r) => r !== null)
        if (refused || blocked) {
          callback(new PermanentError(refused ?? `${hostname} resolves to ${blocked}`), '', 4)
          return
        }
        const first = addrs[0]!
        if ((opts as { all?: boolean }).all)
          (
            callback as unknown as (
              e: null,
              a: readonly { address: string; family: number }[],
            ) => void
          )(null, addrs)
        else callback(null, first.address, first.family)
      },
      (error: NodeJS.ErrnoException) =>
        callback(
          new Error(`DNS lookup of ${hostname} failed: ${error.code ?? error.message}`),
          '',
          4,
        ),
    )
  }

  // One POST, no redirects. Resolves with the status and Location; rejects on no answer.
  function post(url: URL, body: string, headers: Record<string, string>) {
    return new Promise<{ status: number; location: string | undefined }>((done, fail) => {
      const literal = url.hostname.replace(/^\[|\]$/g, '')
      // Node does not call `lookup` for IP literals: check them here.
      const refused = isIP(literal) ? guard.check(literal) : null
      if (refused) {
        fail(new PermanentError(refused))
        return
      }
      const lib = url.protocol === 'https:' ? https : http
      const req = lib.request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup,
        agent: false,
      })
      const timer = setTimeout(
        () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)),
        timeoutMs,
      )
      req.on('error', (error) => {
        clearTimeout(timer)
        fail(error)
      })
      req.on('response', (res) => {
        // The answer's body is not needed; read it off so the socket closes.
        res.resume()
        res.on('end', () => {
          clearTimeout(timer)
          done({ status: res.statusCode ?? 0, location: res.headers.location })
        })
        res.on('error', (error) => {
          clearTimeout(timer)
          fail(error)
        })
      })
      req.end(body)
    })
  }

  // One attempt, redirects followed through the guard. Never throws.
  async function attempt(alert: AlertRecord): Promise<DeliveryAttempt & { permanent: boolean }> {
    const body = JSON.stringify(alertPayload(alert))
    const timestamp = String(Math.floor(Date.now() / 1000))
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'tergeu-alerts/1',
      'x-tergeu-event': 'alert',
      'x-tergeu-delivery': alert.id,
      'x-tergeu-timestamp': timestamp,
      'x-tergeu-signature': signPayload(options.secret, timestamp, body),
    }
    const at = new Date().toISOString()
    let url = target
    try {
      for (let hop = 0; ; hop++) {
        if (url.username || url.password)
          throw new PermanentError('URLs with credentials are refused')
        const res = await post(url, body, headers)
        if (REDIRECT_STATUS.has(res.status) && res.location) {
          if (hop >= MAX_REDIRECTS) throw new PermanentError(`more than ${MAX_REDIRECTS} redirects`)
          const next = URL.canParse(res.location, url.href) ? new URL(res.location, url) : null
          if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:'))
            throw new PermanentError(`redirect to an invalid URL: ${res.location}`)
          url = next
          continue
        }
        const ok = res.status >= 200 && res.status < 300
        return {
          at,
          status: res.status,
          error: ok ? null : `HTTP ${res.status} from ${url.host}`,
          // A 4xx other than 408/429 will answer the same next time.
          permanent:
            !ok &&
            res.status >= 400 &&
            res.status < 500 &&
            res.status !== 408 &&
            res.status !== 429,
        }
      }
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause
      const permanent = error instanceof PermanentError || cause instanceof PermanentError
      const message = error instanceof Error ? error.message : String(error)
      return { at, status: null, error: `${message} (${url.host})`, permanent }
    }
  }

  return {
    /**
     * Delivers every alert due (undelivered, retry time reached, attempts left), oldest first;
     * each is tried up to `attemptsPerRun` times with backoff in between, then left for a later
     * run (its retry time set) or given up when permanent or out of attempts. Never throws for
     * one alert.
     */
    async deliverDue(limit = 1000): Promise<DeliveryReport> {
      const due = await repository.due({ limit, maxAttempts })
      let delivered = 0
      const failed: { id: string; error: string }[] = []
      for (const alert of due) {
        let tried = alert.attempts
        for (let n = 0; ; n++) {
          const result = await attempt(alert)
          tried++
          const { permanent, ...logged } = result
          const ok = result.error === null
          const wait = backoffMs * 2 ** (tried - 1)
          const giveUp = permanent || tried >= maxAttempts
          await repository.recordAttempt(alert.id, logged, {
            delivered: ok,
            retryAt: ok || giveUp ? null : new Date(Date.now() + wait),
          })
          if (ok) {
            delivered++
            break
          }
          if (giveUp || n + 1 >= attemptsPerRun) {
            failed.push({ id: alert.id, error: result.error ?? 'failed' })
            break
          }
          await new Promise((r) => setTimeout(r, wait))
        }
      }
      return { delivered, failed }
    },
  }
}

/** A deliverer of alerts (see {@link createAlertDelivery}). */
export type AlertDelivery = ReturnType<typeof createAlertDelivery>
