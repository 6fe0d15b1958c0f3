/**
 * The document model: text plus stand-off annotations. Each stage's output extends its input,
 * so the type of a document tells which stages it has been through.
 *
 * Offsets everywhere are UTF-16 code-unit offsets into `doc.text` (JavaScript string indices).
 *
 * @module core/document
 */
import type { Diagnostic } from './diagnostic.ts'
import type {
  ArticleSegment,
  BoilerplateSpan,
  CrimeFact,
  DateMention,
  LawEvent,
  Location,
  Money,
  Organization,
  Person,
  Statistic,
} from './facts.ts'
import type { Lang } from './lang.ts'
import type { Span } from './span.ts'

/** A document id: stable, unique within a record (file stem, or a hash of the source URL). */
export type DocId = string

/** A document as it arrives, before any cleaning. */
export interface RawDoc {
  readonly id: DocId
  /** Where it came from: a file name, a path or a URL. */
  readonly source: string
  readonly url: string | null
  /** `html` when `raw` is markup to clean, `text` when it is already plain text. */
  readonly format: 'text' | 'html'
  /** The decoded content. */
  readonly raw: string
  /** The publication date the source states (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`), or `null`. */
  readonly published: string | null
  /**
   * Furniture learned from other pages of the same site (normalised lines, as in
   * {@link PageLine.key}): `clean` removes these lines from the page text. Set by the ingest.
   */
  readonly siteFurniture?: ReadonlySet<string>
}

/** A line of a cleaned HTML page, for learning a site's furniture (see `CleanDoc.pageLines`). */
export interface PageLine {
  /** The normalised line (lower case, digits as 0, one space). */
  readonly key: string
  /** Whether the line lies inside the article the cleaner found. */
  readonly inArticle: boolean
}

/** A document reduced to plain text. For `text` input, `text === raw`. */
export interface CleanDoc extends RawDoc {
  readonly text: string
  /** The headline, or `null` (listing pages carry their headlines in `articles`). */
  readonly title: string | null
  /** The byline from the page metadata (HTML input only), when there is one. */
  readonly author?: string | null
  /**
   * The distinct short lines of an HTML page whose article was found, inside the article or
   * not: what the ingest counts per site to learn its furniture. Absent for plain text.
   */
  readonly pageLines?: readonly PageLine[]
}

/** A document whose language is known. */
export interface DetectedDoc extends CleanDoc {
  readonly lang: Lang
  /** 0..1. */
  readonly langConfidence: number
}

/** A document split into furniture, articles and sentences. */
export interface SegmentedDoc extends DetectedDoc {
  /** Page furniture; facts are never taken from inside these spans. */
  readonly boilerplate: readonly BoilerplateSpan[]
  /**
   * `text` with every boilerplate character replaced by a space: same length, same offsets.
   * Extractors search this string so that furniture yields nothing.
   */
  readonly content: string
  /** At least one; several on a listing page. */
  readonly articles: readonly ArticleSegment[]
  readonly sentences: readonly Span[]
  /** The reference date for relative dates: the source's date, else the one found on the page. */
  readonly referenceDate: string | null
}

/** After `extract-places`. */
export interface PlacesDoc extends SegmentedDoc {
  readonly locations: readonly Location[]
}

/** After `extract-organizations`. */
export interface OrganizationsDoc extends PlacesDoc {
  readonly organizations: readonly Organization[]
}

/** After `extract-persons`. */
export interface PersonsDoc extends OrganizationsDoc {
  readonly persons: readonly Person[]
}

/** After `extract-money`. */
export interface MoneyDoc extends PersonsDoc {
  readonly money: readonly Money[]
}

/** After `extract-statistics`. */
export interface StatisticsDoc extends MoneyDoc {
  readonly statistics: readonly Statistic[]
}

/** After `extract-dates`. */
export interface DatesDoc extends StatisticsDoc {
  readonly dates: readonly DateMention[]
}

/** After `extract-crimes`. */
export interface CrimesDoc extends DatesDoc {
  readonly crimes: readonly CrimeFact[]
}

/** After `extract-events`: the full extraction. */
export interface ExtractedDoc extends CrimesDoc {
  readonly events: readonly LawEvent[]
}

/** A processed document with what the run learned about it. */
export interface ProcessedDoc<T> {
  readonly doc: T
  readonly diagnostics: readonly Diagnostic[]
  /** `name@version` of every stage it went through, in order. */
  readonly stages: readonly string[]
}
