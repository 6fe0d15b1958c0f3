/**
 * The standard order of stages, from a raw document to a full extraction.
 *
 * @module pipeline/default-pipeline
 */
import type { ExtractedDoc, RawDoc } from '#core/document.ts'
import { createPipeline, type Pipeline } from './pipeline.ts'
import { clean } from './stages/clean/clean.ts'
import { detectLanguage } from './stages/detect-language/detect-language.ts'
import { extractCrimes } from './stages/extract-crimes/extract-crimes.ts'
import { extractDates } from './stages/extract-dates/extract-dates.ts'
import { extractEvents } from './stages/extract-events/extract-events.ts'
import { extractMoney } from './stages/extract-money/extract-money.ts'
import { extractOrganizations } from './stages/extract-organizations/extract-organizations.ts'
import { extractPersons } from './stages/extract-persons/extract-persons.ts'
import { extractPlaces } from './stages/extract-places/extract-places.ts'
import { extractStatistics } from './stages/extract-statistics/extract-statistics.ts'
import { segment } from './stages/segment/segment.ts'

/** Options for {@link createDefaultPipeline}. */
export interface DefaultPipelineOptions {
  /** Rates imported with `tergeu rates import` (`<data dir>/rates.csv`). Default: none. */
  readonly userRatesFile?: string
}

/** Builds the standard extraction pipeline. */
export function createDefaultPipeline(
  options: DefaultPipelineOptions = {},
): Pipeline<RawDoc, ExtractedDoc> {
  return createPipeline<RawDoc>()
    .pipe(clean())
    .pipe(detectLanguage())
    .pipe(segment())
    .pipe(extractPlaces())
    .pipe(extractOrganizations())
    .pipe(extractPersons())
    .pipe(extractMoney(options.userRatesFile ? { userRatesFile: options.userRatesFile } : {}))
    .pipe(extractStatistics())
    .pipe(extractDates())
    .pipe(extractCrimes())
    .pipe(extractEvents())
}
