/**
 * Converts amounts to KZT and USD at a dated exchange rate. Pure: the rates come in as a table.
 *
 * @module pipeline/stages/extract-money/convert
 */
import type { Conversion } from '#core/facts.ts'

/** One exchange rate: units of `currency` per 1 USD, valid for `date` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). */
export interface Rate {
  readonly date: string
  readonly currency: string
  readonly perUsd: number
  /** Who published it (`NBK`, `CBR`, `user`, …). */
  readonly source: string
}

/** Looks up the rate for a currency on a date. */
export interface RateTable {
  /**
   * The most specific rate that covers `date`: the same day, else the latest earlier day of the
   * same month, else the month, else the year. `null` when none is known. USD is always 1.
   */
  lookup(currency: string, date: string): Rate | null
}

/** Builds a table; later rates for the same date and currency win (user rates after shipped ones). */
export function createRateTable(rates: Iterable<Rate>): RateTable {
  const byCurrency = new Map<string, Map<string, Rate>>()
  for (const r of rates) {
    const m = byCurrency.get(r.currency) ?? new Map<string, Rate>()
    m.set(r.date, r)
    byCurrency.set(r.currency, m)
  }
  // Every amount of a document asks for the same few (currency, date) pairs, and the day lookup
  // scans the month's rates: answers are remembered (the table never changes once built).
  const answers = new Map<string, Map<string, Rate | null>>()
  let remembered = 0
  return {
    lookup(currency, date) {
      let byDate = answers.get(currency)
      if (byDate === undefined) {
        byDate = new Map()
        answers.set(currency, byDate)
      }
      let answer = byDate.get(date)
      if (answer === undefined) {
        answer = find(currency, date)
        // Bounded: a long ingest sees many dates.
        if (++remembered > 50_000) {
          for (const m of answers.values()) m.clear()
          remembered = 1
        }
        byDate.set(date, answer)
      }
      return answer
    },
  }

  function find(currency: string, date: string): Rate | null {
    if (currency === 'USD') return { date, currency, perUsd: 1, source: 'USD' }
    const m = byCurrency.get(currency)
    if (!m || !/^\d{4}/.test(date)) return null
    const exact = m.get(date)
    if (exact) return exact
    const month = date.slice(0, 7)
    if (date.length === 10) {
      let best: Rate | null = null
      for (const r of m.values())
        if (
          r.date.length === 10 &&
          r.date.startsWith(month) &&
          r.date <= date &&
          (!best || r.date > best.date)
        )
          best = r
      if (best) return best
    }
    return (date.length >= 7 ? m.get(month) : undefined) ?? m.get(date.slice(0, 4)) ?? null
  }
}

/**
 * Converts `amount` of `currency` to KZT and USD at the rates for `date`. `null` when the amount
 * or the date is unknown; a side whose rate is missing is `null` (KZT is always known for KZT).
 */
export function convertAmount(
  amount: number | null,
  currency: string,
  date: string | null,
  table: RateTable,
): Conversion | null {
  if (amount === null || !date) return null
  const own = table.lookup(currency, date)
  const kzt = table.lookup('KZT', date)
  const usd = own ? amount / own.perUsd : null
  const inKzt = currency === 'KZT' ? amount : usd !== null && kzt ? usd * kzt.perUsd : null
  if (usd === null && inKzt === null) return null
  const used = currency === 'USD' ? kzt : own
  // The sources of the rates used, USD's identity left out, each named once.
  const a = own && own.currency !== 'USD' ? own.source : null
  const b = kzt && kzt.currency !== 'USD' ? kzt.source : null
  let names = a ?? ''
  if (b !== null && b !== a) names = a === null ? b : `${a}; ${b}`
  const rateSource = names || 'identity'
  return {
    kzt: inKzt === null ? null : round2(inKzt),
    usd: usd === null ? null : round2(usd),
    rateDate: used?.date ?? date,
    rateSource,
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}
