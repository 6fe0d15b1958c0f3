/**
 * A polite and safe HTTP fetcher: per-host concurrency and delay (and the site's Crawl-delay),
 * robots.txt, retries with exponential backoff on 429/5xx (Retry-After honoured), conditional
 * GET, size and time limits, redirects followed by hand with every check at each hop, and an
 * SSRF guard applied to the addresses DNS returns (the socket connects to the checked address,
 * so DNS rebinding cannot slip past it). Every failure is one clear line, never a throw.
 *
 * @module pipeline/ingest/fetch-page
 */
import { lookup as dnsLookup } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import zlib from 'node:zlib'
import { type AddressPolicy, createAddressGuard } from './address-guard.ts'
import { type CharsetSource, decodeDeclared } from './charset.ts'
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from './robots.ts'

/** Options of {@link createFetcher}; every limit has a safe default. */
export interface FetcherOptions {
  /** Sent as User-Agent; its first word is the robots.txt product token. */
  readonly userAgent?: string
  /** Requests in flight per host (default 2). */
  readonly perHostConcurrency?: number
  /** Milliseconds between request starts to one host (default 1000; Crawl-delay may raise it). */
  readonly perHostDelayMs?: number
  /** Largest body accepted, after decompression (default 10 MB). */
  readonly maxBytes?: number
  /** Milliseconds one attempt may take, headers and body (default 30 s). */
  readonly timeoutMs?: number
  /** Redirects followed before giving up (default 5). */
  readonly maxRedirects?: number
  /** Retries after a 429, a 5xx or a dropped connection (default 3). */
  readonly retries?: number
  /** First backoff in ms, doubled each retry (default 1000). */
  readonly backoffMs?: number
  /** Longest wait a Retry-After may impose, in ms (default 60 s); longer gives up. */
  readonly maxRetryAfterMs?: number
  /** Honour robots.txt (default true). */
  readonly robots?: boolean
  /** Non-public addresses that may still be reached (default none). */
  readonly addresses?: AddressPolicy
  /** Resolves host names (tests); default the system resolver. */
  readonly lookup?: (host: string) => Promise<readonly { address: string; family: number }[]>
}

/** What to fetch, with the validators of an earlier fetch for a conditional GET. */
export interface FetchRequest {
  readonly url: string
  readonly etag?: string | null
  readonly lastModified?: string | null
  /** Accept only these media types (default HTML, XML, feeds, plain text, JSON). */
  readonly accept?: readonly string[]
}

/** A page fetched (or found unchanged), with everything the record keeps about the fetch. */
export interface FetchedPage {
  readonly ok: true
  readonly requestedUrl: string
  /** The URL after redirects. */
  readonly url: string
  readonly status: number
  /** ISO time the final response arrived. */
  readonly fetchedAt: string
  /** `true` for a 304: `text` is empty and the earlier copy stands. */
  readonly notModified: boolean
  readonly contentType: string | null
  readonly etag: string | null
  readonly lastModified: string | null
  readonly text: string
  readonly encoding: string | null
  readonly charsetSource: CharsetSource | null
  readonly invalidBytes: number
  readonly redirects: readonly string[]
}

/** A fetch that failed, with one line that says why. */
export interface FetchFailure {
  readonly ok: false
  readonly requestedUrl: string
  readonly url: string
  readonly reason: string
  readonly status: number | null
  readonly fetchedAt: string
}

/** The result of one fetch. */
export type FetchResult = FetchedPage | FetchFailure

/** A fetcher; share one per run so that host limits and robots caches apply across it. */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>
}

const DEFAULT_ACCEPT = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/xml',
  'application/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/json',
  'application/ld+json',
]

const RETRY_STATUS = new Set([429, 500, 502, 503, 504])
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308])

interface Hop {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: Uint8Array
}

class FetchError extends Error {
  readonly retryable: boolean
  readonly status: number | null

  constructor(message: string, retryable: boolean, status: number | null = null) {
    super(message)
    this.retryable = retryable
    this.status = status
  }
}

/** Creates a fetcher with its own per-host queues and robots.txt cache. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const userAgent = options.userAgent ?? 'tergeu/0.1 (+https://github.com/tergeu/tergeu)'
  const agentToken = (userAgent.split(/[\s/]/)[0] ?? 'tergeu').toLowerCase()
  const perHost = Math.max(1, options.perHostConcurrency ?? 2)
  const baseDelay = Math.max(0, options.perHostDelayMs ?? 1000)
  const maxBytes = options.maxBytes ?? 10_000_000
  const timeoutMs = options.timeoutMs ?? 30_000
  const maxRedirects = options.maxRedirects ?? 5
  const retries = options.retries ?? 3
  const backoffMs = options.backoffMs ?? 1000
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000
  const guard = createAddressGuard(options.addresses)
  const resolve =
    options.lookup ??
    ((host: string) =>
      new Promise<readonly { address: string; family: number }[]>((ok, fail) =>
        dnsLookup(host, { all: true }, (err, addrs) => (err ? fail(err) : ok(addrs))),
      ))
  const hosts = new Map<string, HostSlot>()
  // robots.txt per origin, re-read after a day so that a long-running watch sees changes.
  const robotsCache = new Map<string, { at: number; rules: Promise<RobotsRules | FetchError> }>()

  function slot(host: string): HostSlot {
    let s = hosts.get(host)
    if (!s) {
      s = { active: 0, nextStart: 0, delayMs: baseDelay, waiting: [] }
      hosts.set(host, s)
    }
    return s
  }

  // Waits for a free slot on the host and for its delay since the last request start.
  async function acquire(host: string): Promise<() => void> {
    const s = slot(host)
    while (s.active >= perHost) await new Promise<void>((r) => s.waiting.push(r))
    s.active++
    const now = Date.now()
    const start = Math.max(now, s.nextStart)
    s.nextStart = start + s.delayMs
    if (start > now) await sleep(start - now)
    return () => {
      s.active--
      s.waiting.shift()?.()
    }
  }

  // The socket's lookup: resolve, check every address, connect only to a checked one.
  const guardedLookup: LookupFunction = (hostname, opts, callback) => {
    resolve(hostname).then(
      (addrs) => {
        if (addrs.length === 0) {
          callback(new FetchError(`host ${hostname} has no address`, false), '', 4)
          return
        }
        for (const a of addrs) {
          const refused = guard.check(a.address)
          if (refused) {
            callback(new FetchError(`${hostname} resolves to ${refused}`, false), '', 4)
            return
          }
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
      (error: NodeJS.ErrnoException) => {
        const e = new FetchError(
          error.code === 'ENOTFOUND'
            ? `host ${hostname} not found (DNS)`
            : `DNS lookup of ${hostname} failed: ${error.code ?? error.message}`,
          error.code === 'EAI_AGAIN',
        )
        callback(e, '', 4)
      },
    )
  }

  // One request, one response: no redirects, no retries. Rejects with a FetchError.
  function request(url: URL, headers: Record<string, string>, limit: number): Promise<Hop> {
    return new Promise((resolveHop, reject) => {
      const literal = url.hostname.replace(/^\[|\]$/g, '')
      if (isIP(literal)) {
        // Node does not call `lookup` for IP literals: check them here.
        const refused = guard.check(literal)
        if (refused) {
          reject(new FetchError(refused, false))
          return
        }
      }
      const lib = url.protocol === 'https:' ? https : http
      const req = lib.request(url, {
        method: 'GET',
        headers: {
          'user-agent': userAgent,
          'accept-encoding': 'gzip, deflate, br',
          ...headers,
        },
        lookup: guardedLookup,
        agent: false,
      })
      const timer = setTimeout(() => {
        req.destroy(new FetchError(`timed out after ${timeoutMs} ms`, true))
      }, timeoutMs)
      const fail = (error: unknown) => {
        clearTimeout(timer)
        reject(toFetchError(error, url))
      }
      req.on('error', fail)
      req.on('response', (res) => {
        const status = res.statusCode ?? 0
        const declared = Number(res.headers['content-length'])
        if (status === 200 && Number.isFinite(declared) && declared > limit) {
          req.destroy()
          clearTimeout(timer)
          reject(new FetchError(`body is ${declared} bytes, over the ${limit} byte limit`, false))
          return
        }
        const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase()
        let stream: NodeJS.ReadableStream = res
        if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip())
        else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate())
        else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress())
        const chunks: Buffer[] = []
        let size = 0
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length
          // Counted after decompression, so a small gzip bomb is stopped like a big body.
          if (size > limit) {
            // Reject first: once the response is complete, destroying the request emits nothing.
            clearTimeout(timer)
            reject(new FetchError(`body is over the ${limit} byte limit`, false))
            ;(stream as NodeJS.ReadableStream & { destroy(): void }).destroy()
            req.destroy()
            return
          }
          chunks.push(chunk)
        })
        stream.on('error', fail)
        res.on('error', fail)
        stream.on('end', () => {
          clearTimeout(timer)
          resolveHop({ status, headers: res.headers, body: Buffer.concat(chunks) })
        })
      })
      req.end()
    })
  }

  async function robotsFor(url: URL): Promise<RobotsRules | FetchError> {
    if (options.robots === false) return ALLOW_ALL
    const origin = url.origin
    const hit = robotsCache.get(origin)
    if (hit && Date.now() - hit.at < 86_400_000) return hit.rules
    {
      const rules = (async () => {
        // The robots.txt request keeps the host's delay like any other.
        const release = await acquire(url.host)
        try {
          // RFC 9309 §2.3.1.2: follow at least five redirects (each hop through the guard).
          let target = new URL('/robots.txt', origin)
          let hop = await withRetries(() => request(target, {}, 500_000))
          for (let i = 0; i < 5 && REDIRECT_STATUS.has(hop.status); i++) {
            const location = header(hop.headers, 'location')
            if (!location || !URL.canParse(location, target.href)) break
            target = new URL(location, target)
            if (target.protocol !== 'http:' && target.protocol !== 'https:') break
            const next = target
            hop = await withRetries(() => request(next, {}, 500_000))
          }
          if (hop.status >= 200 && hop.status < 300) {
            const rules = parseRobots(new TextDecoder().decode(hop.body), agentToken)
            if (rules.crawlDelay !== null) {
              const s = slot(url.host)
              s.delayMs = Math.max(s.delayMs, Math.min(rules.crawlDelay, 60) * 1000)
            }
            return rules
          }
          // Unavailable (4xx, or redirects without end): allow everything.
          if (hop.status >= 500) return DISALLOW_ALL
          return ALLOW_ALL
        } catch (error) {
          return toFetchError(error, url)
        } finally {
          release()
        }
      })()
      robotsCache.set(origin, { at: Date.now(), rules })
      return rules
    }
  }

  async function withRetries(attempt: () => Promise<Hop>): Promise<Hop> {
    for (let n = 0; ; n++) {
      let wait: number
      try {
        const hop = await attempt()
        if (!RETRY_STATUS.has(hop.status) || n >= retries) return hop
        const after = parseRetryAfter(hop.headers['retry-after'])
        if (after !== null && after > maxRetryAfterMs)
          throw new FetchError(
            `HTTP ${hop.status}, Retry-After ${Math.round(after / 1000)} s is too long`,
            false,
            hop.status,
          )
        wait = after ?? backoffMs * 2 ** n
      } catch (error) {
        const e = toFetchError(error, null)
        if (!e.retryable || n >= retries) throw e
        wait = backoffMs * 2 ** n
      }
      await sleep(wait)
    }
  }

  async function fetchPage(req: FetchRequest): Promise<FetchResult> {
    const redirects: string[] = []
    let current = req.url
    const fail = (reason: string, status: number | null = null): FetchFailure => ({
      ok: false,
      requestedUrl: req.url,
      url: current,
      reason,
      status,
      fetchedAt: new Date().toISOString(),
    })
    const accept = req.accept ?? DEFAULT_ACCEPT
    try {
      for (;;) {
        let url: URL
        try {
          url = new URL(current)
        } catch {
          return fail(`not a valid URL: ${current}`)
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
          return fail(`scheme ${url.protocol} refused: only http and https are fetched`)
        if (url.username || url.password) return fail('URLs with credentials are refused')
        url.hash = ''
        const robots = await robotsFor(url)
        if (robots instanceof FetchError) return fail(robots.message, robots.status)
        if (!robots.isAllowed(url.pathname + url.search))
          return fail(`disallowed by ${url.origin}/robots.txt`)
        const headers: Record<string, string> = { accept: `${accept.join(', ')}, */*;q=0.1` }
        // Validators belong to the URL asked for; a redirect target gets a plain GET.
        if (redirects.length === 0 && req.etag) headers['if-none-match'] = req.etag
        if (redirects.length === 0 && req.lastModified)
          headers['if-modified-since'] = req.lastModified
        const release = await acquire(url.host)
        let hop: Hop
        try {
          hop = await withRetries(() => request(url, headers, maxBytes))
        } finally {
          release()
        }
        if (REDIRECT_STATUS.has(hop.status)) {
          const location = header(hop.headers, 'location')
          if (!location) return fail(`HTTP ${hop.status} without a Location`, hop.status)
          if (redirects.length >= maxRedirects)
            return fail(`more than ${maxRedirects} redirects`, hop.status)
          let next: URL
          try {
            next = new URL(location, url)
          } catch {
            return fail(`redirect to an invalid URL: ${location}`, hop.status)
          }
          redirects.push(url.href)
          current = next.href
          continue
        }
        const contentType = header(hop.headers, 'content-type')
        const base = {
          requestedUrl: req.url,
          url: url.href,
          status: hop.status,
          fetchedAt: new Date().toISOString(),
          contentType,
          etag: header(hop.headers, 'etag'),
          lastModified: header(hop.headers, 'last-modified'),
          redirects,
        }
        if (hop.status === 304)
          return {
            ok: true,
            ...base,
            notModified: true,
            text: '',
            encoding: null,
            charsetSource: null,
            invalidBytes: 0,
          }
        if (hop.status < 200 || hop.status >= 300) return fail(`HTTP ${hop.status}`, hop.status)
        const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
        if (mediaType && !accept.includes(mediaType) && !mediaType.endsWith('+xml'))
          return fail(`binary or unsupported content (${mediaType}), not fetched`, hop.status)
        const decoded = decodeDeclared(hop.body, { contentType })
        if (!decoded.ok) return fail(decoded.reason, hop.status)
        return {
          ok: true,
          ...base,
          notModified: false,
          text: decoded.text,
          encoding: decoded.encoding,
          charsetSource: decoded.charsetSource,
          invalidBytes: decoded.invalidBytes,
        }
      }
    } catch (error) {
      const e = toFetchError(error, null)
      return fail(e.message, e.status)
    }
  }

  return { fetch: fetchPage }
}

interface HostSlot {
  active: number
  nextStart: number
  delayMs: number
  readonly waiting: (() => void)[]
}

function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const v = headers[name]
  if (Array.isArray(v)) return v[0] ?? null
  return v ?? null
}

/** Reads a Retry-After value (seconds or an HTTP date) as milliseconds, or `null`. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now = Date.now(),
): number | null {
  const v = Array.isArray(value) ? value[0] : value
  if (!v) return null
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000
  const t = Date.parse(v)
  return Number.isNaN(t) ? null : Math.max(0, t - now)
}

const TLS_CODES =
  /^(?:ERR_SSL|ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/

// Maps socket, TLS and DNS errors to one line, and marks the ones worth a retry.
function toFetchError(error: unknown, url: URL | null): FetchError {
  if (error instanceof FetchError) return error
  const e = error as NodeJS.ErrnoException & { reason?: string }
  const code = e?.code ?? ''
  const where = url ? ` (${url.host})` : ''
  if (TLS_CODES.test(code) || /ssl|tls|certificate/i.test(e?.message ?? ''))
    return new FetchError(`TLS error${where}: ${e.reason ?? e.message ?? code}`, false)
  if (code === 'ECONNREFUSED') return new FetchError(`connection refused${where}`, false)
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new FetchError(`host unreachable${where}`, false)
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT')
    return new FetchError(`connection dropped${where} (${code})`, true)
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
    return new FetchError(`corrupt compressed body${where}`, false)
  return new FetchError(e?.message ?? String(error), false)
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
