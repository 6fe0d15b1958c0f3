/**
 * Feeds to poll, the items seen in them, and the fetch record of every URL (time, HTTP status,
 * validators for the next conditional GET).
 *
 * @module storage/feed-repository
 */
import { type Kysely, sql } from 'kysely'
import { withDbErrors } from './pg-errors.ts'
import type { Database } from './schema.ts'

/** The tables this repository owns (migration 202611222200). */
export type FeedTables = {
  feeds: {
    url: string
    title: string | null
    kind: string | null
    interval_seconds: number
    etag: string | null
    last_modified: string | null
    last_polled_at: Date | string | null
    next_poll_at: Date | string
    last_status: number | null
    last_error: string | null
  }
  feed_items: {
    feed_url: string
    url: string
    title: string | null
    published: string | null
    doc_id: string | null
  }
  fetches: {
    url: string
    final_url: string | null
    doc_id: string | null
    feed_url: string | null
    fetched_at: Date | string
    http_status: number | null
    etag: string | null
    last_modified: string | null
    content_type: string | null
    encoding: string | null
    invalid_bytes: number
    error: string | null
  }
}

/** A feed as stored. */
export interface Feed {
  readonly url: string
  readonly title: string | null
  readonly kind: string | null
  readonly intervalSeconds: number
  readonly etag: string | null
  readonly lastModified: string | null
  readonly lastPolledAt: string | null
  readonly nextPollAt: string
  readonly lastStatus: number | null
  readonly lastError: string | null
}

/** What one poll of a feed found. */
export interface FeedPoll {
  readonly status: number | null
  readonly error: string | null
  readonly etag?: string | null
  readonly lastModified?: string | null
  readonly title?: string | null
  readonly kind?: string | null
}

/** The stored record of one fetch. */
export interface FetchRecord {
  readonly url: string
  readonly finalUrl: string | null
  readonly docId: string | null
  readonly feedUrl: string | null
  readonly fetchedAt: string
  readonly httpStatus: number | null
  readonly etag: string | null
  readonly lastModified: string | null
  readonly contentType: string | null
  readonly encoding: string | null
  readonly invalidBytes: number
  readonly error: string | null
}

/** Reads and writes feeds, feed items and fetch records. */
export interface FeedRepository {
  /** Adds a feed (or changes its interval); resolves to whether it was new. */
  add(url: string, intervalSeconds: number): Promise<boolean>
  list(): Promise<Feed[]>
  /** Feeds whose next poll is due at `now`, oldest first. */
  due(now: Date): Promise<Feed[]>
  /** Records a poll and schedules the next one `intervalSeconds` after `now`. */
  recordPoll(url: string, poll: FeedPoll, now: Date): Promise<void>
  /** The item URLs of `feedUrl` not seen before, in the order given. */
  unseen(feedUrl: string, urls: readonly string[]): Promise<string[]>
  /** Marks items as seen (idempotent), with the document each became, if any. */
  markSeen(
    feedUrl: string,
    items: readonly {
      url: string
      title: string | null
      published: string | null
      docId: string | null
    }[],
  ): Promise<void>
  /** Saves the latest fetch of a URL (replacing an earlier record). */
  recordFetch(record: FetchRecord): Promise<void>
  findFetch(url: string): Promise<FetchRecord | undefined>
}

function iso(v: Date | string | null): string | null {
  if (v === null) return null
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString()
}

/** Creates the feed repository over an open database. */
export function createFeedRepository(database: Kysely<Database>): FeedRepository {
  const db = database.withTables<FeedTables>()
  const toFeed = (r: FeedTables['feeds']): Feed => ({
    url: r.url,
    title: r.title,
    kind: r.kind,
    intervalSeconds: r.interval_seconds,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolledAt: iso(r.last_polled_at),
    nextPollAt: iso(r.next_poll_at) ?? '',
    lastStatus: r.last_status,
    lastError: r.last_error,
  })
  return {
    add: (url, intervalSeconds) =>
      withDbErrors(`adding feed ${url}`, async () => {
        const existing = await db
          .selectFrom('feeds')
          .select('url')
          .where('url', '=', url)
          .executeTakeFirst()
        await db
          .insertInto('feeds')
          .values({ url, interval_seconds: intervalSeconds } as never)
          .onConflict((oc) => oc.column('url').doUpdateSet({ interval_seconds: intervalSeconds }))
          .execute()
        return !existing
      }),
    list: () =>
      withDbErrors('listing feeds', async () =>
        (await db.selectFrom('feeds').selectAll().orderBy('url').execute()).map(toFeed),
      ),
    due: (now) =>
      withDbErrors('listing due feeds', async () =>
        (
          await db
            .selectFrom('feeds')
            .selectAll()
            .where('next_poll_at', '<=', now.toISOString())
            .orderBy('next_poll_at')
            .execute()
        ).map(toFeed),
      ),
    recordPoll: (url, poll, now) =>
      withDbErrors(`recording a poll of ${url}`, async () => {
        await db
          .updateTable('feeds')
          .set({
            last_polled_at: now.toISOString(),
            next_poll_at: sql<string>`${now.toISOString()}::timestamptz + make_interval(secs => interval_seconds)`,
            last_status: poll.status,
            last_error: poll.error,
            ...(poll.etag !== undefined ? { etag: poll.etag } : {}),
            ...(poll.lastModified !== undefined ? { last_modified: poll.lastModified } : {}),
            ...(poll.title ? { title: poll.title } : {}),
            ...(poll.kind ? { kind: poll.kind } : {}),
          })
          .where('url', '=', url)
          .execute()
      }),
    unseen: (feedUrl, urls) =>
      withDbErrors(`reading items of ${feedUrl}`, async () => {
        const unique = [...new Set(urls)]
        const seen = new Set<string>()
        // In slices: a sitemap can list 50,000 URLs, beyond one statement's parameter limit.
        for (let i = 0; i < unique.length; i += 5000) {
          const rows = await db
            .selectFrom('feed_items')
            .select('url')
            .where('feed_url', '=', feedUrl)
            .where('url', 'in', unique.slice(i, i + 5000))
            .execute()
          for (const r of rows) seen.add(r.url)
        }
        return unique.filter((u) => !seen.has(u))
      }),
    markSeen: (feedUrl, items) =>
      withDbErrors(`recording items of ${feedUrl}`, async () => {
        for (let start = 0; start < items.length; start += 1000) {
          await db
            .insertInto('feed_items')
            .values(
              items.slice(start, start + 1000).map((i) => ({
                feed_url: feedUrl,
                url: i.url,
                title: i.title,
                published: i.published,
                doc_id: i.docId,
              })),
            )
            .onConflict((oc) => oc.columns(['feed_url', 'url']).doNothing())
            .execute()
        }
      }),
    recordFetch: (r) =>
      withDbErrors(`recording the fetch of ${r.url}`, async () => {
        const row = {
          url: r.url,
          final_url: r.finalUrl,
          doc_id: r.docId,
          feed_url: r.feedUrl,
          fetched_at: r.fetchedAt,
          http_status: r.httpStatus,
          etag: r.etag,
          last_modified: r.lastModified,
          content_type: r.contentType,
          encoding: r.encoding,
          invalid_bytes: r.invalidBytes,
          error: r.error,
        }
        const { url: _url, ...update } = row
        await db
          .insertInto('fetches')
          .values(row)
          .onConflict((oc) => oc.column('url').doUpdateSet(update))
          .execute()
      }),
    findFetch: (url) =>
      withDbErrors(`reading the fetch of ${url}`, async () => {
        const r = await db
          .selectFrom('fetches')
          .selectAll()
          .where('url', '=', url)
          .executeTakeFirst()
        if (!r) return undefined
        return {
          url: r.url,
          finalUrl: r.final_url,
          docId: r.doc_id,
          feedUrl: r.feed_url,
          fetchedAt: iso(r.fetched_at) ?? '',
          httpStatus: r.http_status,
          etag: r.etag,
          lastModified: r.last_modified,
          contentType: r.content_type,
          encoding: r.encoding,
          invalidBytes: r.invalid_bytes,
          error: r.error,
        }
      }),
  }
}
