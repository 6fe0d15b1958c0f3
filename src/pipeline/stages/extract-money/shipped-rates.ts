/**
 * Loads the exchange rates shipped in `data/rates/annual-usd.csv` and, optionally, the user's
 * imported rates. The only module of the stage that reads files; it does so once per process.
 *
 * @module pipeline/stages/extract-money/shipped-rates
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRateTable, type Rate, type RateTable } from './convert.ts'
import { parseRatesCsv } from './rates-csv.ts'

const ANNUAL_FILE = new URL('../../../../data/rates/annual-usd.csv', import.meta.url)

let annual: Rate[] | null = null

/** The shipped annual averages, with `source` spelled out (`NBK annual average`). */
export function annualRates(): readonly Rate[] {
  if (!annual) {
    const parsed = parseRatesCsv(readFileSync(ANNUAL_FILE, 'utf8'), 'shipped')
    // The shipped file is checked by its own test; a bad row here is a packaging bug.
    if (parsed.errors.length > 0) throw new Error(`data/rates/annual-usd.csv: ${parsed.errors[0]}`)
    annual = parsed.rates.map((r) => ({ ...r, source: `${r.source} annual average` }))
  }
  return annual
}

/** Reads user rates written by `tergeu rates import`; a missing file gives none. */
export function readUserRates(file: string): Rate[] {
  if (!existsSync(file)) return []
  return parseRatesCsv(readFileSync(file, 'utf8'), 'user rate').rates
}

/** The shipped annual table overlaid with the user's rates from `userRatesFile`, if given. */
export function loadRateTable(userRatesFile?: string): RateTable {
  return createRateTable([...annualRates(), ...(userRatesFile ? readUserRates(userRatesFile) : [])])
}
