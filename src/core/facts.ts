/**
 * The facts the extractor produces. Shapes follow `../shared/gold/README.md`; every fact also
 * keeps its provenance (character spans into `doc.text` and the stage that made it).
 *
 * @module core/facts
 */
import type { Mention, Span } from './span.ts'

/** Which stage (and which version of it) produced a fact. */
export interface Provenance {
  readonly stage: string
  readonly version: number
}

/** Person roles, in the precedence order of the gold README (first that fits wins). */
export const PERSON_ROLES = [
  'convict',
  'suspect',
  'victim',
  'official',
  'politician',
  'lawyer',
  'journalist',
  'other',
] as const
export type PersonRole = (typeof PERSON_ROLES)[number]

export const ORGANIZATION_KINDS = [
  'law_enforcement',
  'prosecutor',
  'court',
  'security_service',
  'government',
  'legislature',
  'international',
  'criminal_group',
  'company',
  'ngo',
  'media',
  'political_party',
  'other',
] as const
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]

export const LOCATION_KINDS = ['country', 'region', 'city', 'district', 'site'] as const
export type LocationKind = (typeof LOCATION_KINDS)[number]

/** Crime categories, in the order the gold files list them. */
export const CRIME_CATEGORIES = [
  'homicide',
  'assault',
  'sexual_violence',
  'domestic_violence',
  'child_abuse',
  'human_trafficking',
  'organ_trafficking',
  'kidnapping',
  'robbery',
  'theft',
  'fraud',
  'cyber_fraud',
  'cybercrime',
  'drug_trafficking',
  'corruption',
  'embezzlement',
  'money_laundering',
  'tax_evasion',
  'smuggling',
  'extortion',
  'organized_crime',
  'terrorism_extremism',
  'espionage',
  'weapons_trafficking',
  'public_order',
  'treason',
  'counterfeiting',
  'illegal_gambling',
  'other',
] as const
export type CrimeCategory = (typeof CRIME_CATEGORIES)[number]

export const EVENT_TYPES = [
  'arrest',
  'wanted',
  'extradition',
  'charge',
  'case_opened',
  'sentence',
  'seizure',
  'asset_recovery',
  'legislation',
  'cooperation',
  'incident',
  'flight',
  'release',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** A named individual, aggregated over all its mentions in one document. */
export interface Person {
  /** The fullest form in the text; Russian/Kazakh names in the nominative. */
  readonly name: string
  /** Other forms of the name in the text (surname only, inflected forms, typos), verbatim. */
  readonly variants: readonly string[]
  readonly role: PersonRole
  /** Position, office, rank or descriptor the text gives, or `null`. */
  readonly title: string | null
  readonly mentions: readonly Mention[]
  readonly provenance: Provenance
}

/** A named body, aggregated over its mentions in one document. */
export interface Organization {
  readonly name: string
  readonly variants: readonly string[]
  readonly kind: OrganizationKind
  /** ISO 3166-1 alpha-2, or `null` (always `null` for international bodies). */
  readonly country: string | null
  /** Lexicon id when the body is a known one, else `null`. */
  readonly orgId: string | null
  readonly mentions: readonly Mention[]
  readonly provenance: Provenance
}

/** A place, normalised to the gazetteer where possible. */
export interface Location {
  /** Canonical name (gazetteer name in the document's language family, see the gazetteer README). */
  readonly name: string
  readonly variants: readonly string[]
  readonly kind: LocationKind
  /** ISO 3166-1 alpha-2 of the country the place lies in, or `null`. */
  readonly country: string | null
  /** Gazetteer id (e.g. `KZ-ALA`), or `null` for a place not in the gazetteer. */
  readonly placeId: string | null
  /** ISO 3166-2 code for first-level regions, else `null`. */
  readonly iso3166_2: string | null
  /** Gazetteer id of the parent (oblast, country), or `null`. */
  readonly parentId: string | null
  readonly lat: number | null
  readonly lon: number | null
  readonly mentions: readonly Mention[]
  readonly provenance: Provenance
}

/** An amount converted at a dated exchange rate. */
export interface Conversion {
  readonly kzt: number | null
  readonly usd: number | null
  /** The date whose rate was used (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  readonly rateDate: string
  /** Where the rate comes from (e.g. `NBK annual average`). */
  readonly rateSource: string
}

/** A monetary amount. */
export interface Money extends Mention {
  /** The number in the stated currency; `null` for vague amounts ("billions of dollars"). */
  readonly amount: number | null
  /** ISO 4217 code. */
  readonly currency: string
  readonly conversion: Conversion | null
  readonly provenance: Provenance
}

/** A date that anchors something that happened or is scheduled. */
export interface DateMention extends Mention {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  readonly iso: string
  /** True when resolved against a reference date ("yesterday", "26 декабря"). */
  readonly relative: boolean
  readonly provenance: Provenance
}

/** A crime category the document reports, with the text that shows it. */
export interface CrimeFact {
  readonly category: CrimeCategory
  readonly evidence: readonly Mention[]
  readonly provenance: Provenance
}

/** A sentence term, fine or other penalty attached to a `sentence` event. */
export interface Penalty {
  readonly kind: 'prison' | 'life' | 'fine' | 'restriction' | 'other'
  /** Term in years (prison/restriction) or amount (fine), `null` when not stated. */
  readonly value: number | null
  readonly currency: string | null
  readonly text: string
}

/** A law-enforcement event with its arguments. */
export interface LawEvent extends Span {
  readonly type: EventType
  /** As precise as the text allows, or an interval `start/end`, or `null`. */
  readonly date: string | null
  /** `Location.name` values joined with `"; "`, or `null`. */
  readonly location: string | null
  /** `Person.name` values, or `"(unnamed) <description>"`. */
  readonly subjects: readonly string[]
  /** `Organization.name` (or a person's name) values joined with `"; "`, or `null`. */
  readonly agency: string | null
  readonly summary: string
  /** The trigger word or phrase. */
  readonly trigger: Mention
  /** Index into `doc.articles` of the article the event belongs to. */
  readonly article: number
  readonly penalties: readonly Penalty[]
  /** Amounts involved, as `Money` spans' text. */
  readonly amounts: readonly string[]
  /** Seized items and quantities, verbatim. */
  readonly items: readonly string[]
  readonly provenance: Provenance
}

/** An aggregate figure reported in the text. */
export interface Statistic extends Span {
  readonly label: string
  /** `YYYY`, `YYYY-MM` or `YYYY/YYYY`, or `null`. */
  readonly period: string | null
  readonly value: number
  readonly unit: string
  readonly text: string
  readonly provenance: Provenance
}

/** The span of one article on a page (a listing page has several). */
export interface ArticleSegment extends Span {
  readonly title: string | null
  readonly titleSpan: Span | null
}

/** Kinds of page furniture, for reporting and for learning furniture per site. */
export type BoilerplateKind =
  | 'ticker'
  | 'navigation'
  | 'caption'
  | 'credit'
  | 'byline'
  | 'header-date'
  | 'rubric'
  | 'related'
  | 'share'
  | 'legal'
  | 'pagination'
  | 'other'

/** A span of page furniture: nothing inside it yields facts. */
export interface BoilerplateSpan extends Span {
  readonly kind: BoilerplateKind
}
