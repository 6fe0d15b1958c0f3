/**
 * Extracts monetary amounts (issue #4): every amount in the content with its ISO 4217 currency,
 * one entry per distinct (amount, currency), vague amounts with `amount: null`, each converted to
 * KZT and USD at the rate of the article's date.
 *
 * @module pipeline/stages/extract-money
 */
import type { MoneyDoc, PersonsDoc } from '#core/document.ts'
import type { Money } from '#core/facts.ts'
import type { Stage } from '../../stage.ts'
import { convertAmount, type RateTable } from './convert.ts'
import { findMoney } from './find-money.ts'
import { loadRateTable } from './shipped-rates.ts'

/** Options for {@link extractMoney}. */
export interface ExtractMoneyOptions {
  /** Rates to convert with. Default: the shipped annual table plus `userRatesFile`. */
  readonly rates?: RateTable
  /** A file written by `tergeu rates import` (e.g. `.tergeu/rates.csv`). Default: none. */
  readonly userRatesFile?: string
}

const NAME = 'extract-money'
const VERSION = 1

/** Extracts money from a document's content (furniture is blanked there, so tickers yield nothing). */
export function extractMoney(options: ExtractMoneyOptions = {}): Stage<PersonsDoc, MoneyDoc> {
  let table = options.rates ?? null
  return {
    name: NAME,
    version: VERSION,
    run(doc) {
      table ??= loadRateTable(options.userRatesFile)
      const date = doc.referenceDate ?? doc.published
      const hits = findMoney(doc.content, { decimalComma: doc.lang !== 'en' })
      const seen = new Set<string>()
      const money: Money[] = []
      for (const h of hits) {
        const text = doc.text.slice(h.start, h.end)
        // gold README: one entry per distinct (amount, currency); vague ones per expression.
        const key =
          h.amount === null ? `~${h.currency}|${text.toLowerCase()}` : `${h.currency}|${h.amount}`
        if (seen.has(key)) continue
        seen.add(key)
        money.push({
          start: h.start,
          end: h.end,
          text,
          amount: h.amount,
          currency: h.currency,
          conversion: convertAmount(h.amount, h.currency, date, table),
          provenance: { stage: NAME, version: VERSION },
        })
      }
      return { ...doc, money }
    },
  }
}
