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
import { findMoney, type MoneyHit } from './find-money.ts'
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

/**
 * Every amount the money stage found in a document, repeats included, keyed by the document
 * object the stage returned. `doc.money` keeps one entry per distinct amount, while the
 * statistics stage reads each sentence's own amounts: it takes them from here instead of
 * running the finder again. Kept out of the document itself, so the output is unchanged; an
 * entry lives as long as its document object.
 */
const MENTIONS = new WeakMap<MoneyDoc, readonly MoneyHit[]>()

/**
 * Every amount mention (in text order) of a document returned by {@link extractMoney}, or
 * `undefined` for any other object (a copy made by a later stage, a hand-built document).
 */
export function moneyMentionsOf(doc: MoneyDoc): readonly MoneyHit[] | undefined {
  return MENTIONS.get(doc)
}

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
      const out: MoneyDoc = { ...doc, money }
      MENTIONS.set(out, hits)
      return out
    },
  }
}
