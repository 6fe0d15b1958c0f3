/**
 * Every migration, keyed by its timestamped name. Listed statically (not read from the folder)
 * so that they load the same way from source, from a bundle and in tests.
 *
 * @module storage/migrations
 */
import type { Migration } from 'kysely'
import * as createDocuments from './202611221530-create-documents.ts'
import * as addRawHash from './202611222130-add-raw-hash.ts'
import * as createFeedsAndStories from './202611222200-create-feeds-and-stories.ts'
import * as createPersonNameKeys from './202611222230-create-person-name-keys.ts'
import * as createSiteFurniture from './202611230000-create-site-furniture.ts'
import * as createEntities from './202611230100-create-entities.ts'
import * as createWatchlists from './202611230110-create-watchlists.ts'
import * as createAlerts from './202611230200-create-alerts.ts'
import * as createJobs from './202611230300-create-jobs.ts'
import * as createSearchSummaries from './202611240100-create-search-summaries.ts'
import * as createUsers from './202611240200-create-users.ts'
import * as indexPersonNameKeysFact from './202611240300-index-person-name-keys-fact.ts'
import * as searchSummariesOncePerTransaction from './202611250100-search-summaries-once-per-transaction.ts'
import * as queuePersonNameKeying from './202611250200-queue-person-name-keying.ts'
import * as indexEntityMentionRefs from './202611250300-index-entity-mention-refs.ts'
import * as coverPersonNameKeysKey from './202611250310-cover-person-name-keys-key.ts'
import * as indexDocumentsPublishedDay from './202611250400-index-documents-published-day.ts'
import * as indexSearchSummariesPublished from './202611260100-index-search-summaries-published.ts'
import * as dropAnnotationLabelTrigramIndex from './202611260200-drop-annotation-label-trigram-index.ts'

/** Migrations by name; Kysely's Migrator applies them in name order. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '202611221530-create-documents': createDocuments,
  '202611222130-add-raw-hash': addRawHash,
  '202611222200-create-feeds-and-stories': createFeedsAndStories,
  '202611222230-create-person-name-keys': createPersonNameKeys,
  '202611230000-create-site-furniture': createSiteFurniture,
  '202611230100-create-entities': createEntities,
  '202611230110-create-watchlists': createWatchlists,
  '202611230200-create-alerts': createAlerts,
  '202611230300-create-jobs': createJobs,
  '202611240100-create-search-summaries': createSearchSummaries,
  '202611240200-create-users': createUsers,
  '202611240300-index-person-name-keys-fact': indexPersonNameKeysFact,
  '202611250100-search-summaries-once-per-transaction': searchSummariesOncePerTransaction,
  '202611250200-queue-person-name-keying': queuePersonNameKeying,
  '202611250300-index-entity-mention-refs': indexEntityMentionRefs,
  '202611250310-cover-person-name-keys-key': coverPersonNameKeysKey,
  '202611250400-index-documents-published-day': indexDocumentsPublishedDay,
  '202611260100-index-search-summaries-published': indexSearchSummariesPublished,
  '202611260200-drop-annotation-label-trigram-index': dropAnnotationLabelTrigramIndex,
}
