/**
 * Extracts dates (issue #4): every date, month or year in the content that anchors something,
 * normalised to ISO, one entry per distinct value. Years that only give the period of a statistic
 * are left to `statistics` (gold README, "dates").
 *
 * @module pipeline/stages/extract-dates
 */
import type { DatesDoc, StatisticsDoc } from '#core/document.ts'
import type { DateMention } from '#core/facts.ts'
import type { Stage } from '../../stage.ts'
import { isExcludedByContext } from './date-context.ts'
import { type DateHit, findDates, parseRefDate } from './find-dates.ts'
import { isStatisticPeriod } from './statistic-periods.ts'

const NAME = 'extract-dates'
const VERSION = 2

/** Extracts dates from a document's content, resolving relative ones against its reference date. */
export function extractDates(): Stage<StatisticsDoc, DatesDoc> {
  return {
    name: NAME,
    version: VERSION,
    run(doc) {
      const ref = parseRefDate(doc.referenceDate ?? doc.published)
      const hits = findDates(doc.content, doc.lang, ref)
      const seen = new Set<string>()
      const dates: DateMention[] = []
      for (const h of hits) {
        if (seen.has(h.iso) || excluded(doc, h)) continue
        seen.add(h.iso)
        dates.push({
          start: h.start,
          end: h.end,
          text: doc.text.slice(h.start, h.end),
          iso: h.iso,
          relative: h.relative,
          provenance: { stage: NAME, version: VERSION },
        })
      }
      return { ...doc, dates }
    },
  }
}

function excluded(doc: StatisticsDoc, h: DateHit): boolean {
  // The statistics' periods first: a lookup, where the context rules run a dozen regexes.
  return (h.bareYear && isStatisticPeriod(doc, h)) || isExcludedByContext(doc.content, h)
}
