/**
 * Reads and writes exchange-rate CSV files: the shipped annual table (`data/rates/annual-usd.csv`)
 * and the user's finer rates (`tergeu rates import`). Pure: text in, rows and errors out.
 *
 * @module pipeline/stages/extract-money/rates-csv
 */
import type { Rate } from './convert.ts'

/** The result of reading a rates file: good rows, and one message per bad row. */
export interface ParsedRates {
  readonly rates: Rate[]
  /** `line N: why`, one per rejected row. */
  readonly errors: string[]
}

const DATE_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/
const CODE_RE = /^[A-Z]{3}$/

/**
 * Parses `date,currency,per_usd[,source]` rows (`year` is accepted for `date`). Lines starting
 * with `#` and blank lines are skipped; an empty `per_usd` is a known gap and is skipped silently.
 * `defaultSource` names rows without a source column. Never throws.
 */
export function parseRatesCsv(text: string, defaultSource: string): ParsedRates {
  const rates: Rate[] = []
  const errors: string[] = []
  let header: string[] | null = null
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const cells = line.split(',').map((c) => c.trim())
    if (!header) {
      header = cells.map((c) => c.toLowerCase())
      const missing = ['currency', 'per_usd'].filter((c) => !header!.includes(c))
      if (!header.includes('date') && !header.includes('year')) missing.unshift('date')
      if (missing.length > 0) {
        errors.push(
          `line ${i + 1}: header must name date,currency,per_usd (missing ${missing.join(', ')})`,
        )
        return { rates, errors }
      }
      continue
    }
    const row = readRow(header, cells, defaultSource)
    if (typeof row === 'string') errors.push(`line ${i + 1}: ${row}`)
    else if (row) rates.push(row)
  }
  if (!header) errors.push('line 1: empty file, expected a header date,currency,per_usd')
  return { rates, errors }
}

function readRow(
  header: readonly string[],
  cells: readonly string[],
  defaultSource: string,
): Rate | string | null {
  const get = (name: string) => {
    const i = header.indexOf(name)
    return i >= 0 ? (cells[i] ?? '') : ''
  }
  if (cells.length < header.length - (header.includes('source') ? 1 : 0))
    return `expected ${header.length} columns, got ${cells.length}`
  const date = get('date') || get('year')
  if (!DATE_RE.test(date)) return `bad date "${date}" (expected YYYY, YYYY-MM or YYYY-MM-DD)`
  const currency = get('currency')
  if (!CODE_RE.test(currency))
    return `bad currency "${currency}" (expected an ISO 4217 code like KZT)`
  const raw = get('per_usd')
  if (raw === '') return header.includes('year') ? null : 'missing per_usd'
  const perUsd = Number(raw)
  if (!/^\d+(?:\.\d+)?$/.test(raw) || !(perUsd > 0))
    return `bad per_usd "${raw}" (expected a positive number)`
  return { date, currency, perUsd, source: get('source') || defaultSource }
}

/** Writes rates as `date,currency,per_usd,source` CSV, sorted by currency then date. */
export function formatRatesCsv(rates: readonly Rate[]): string {
  const rows = [...rates].sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date),
  )
  return `date,currency,per_usd,source\n${rows.map((r) => `${r.date},${r.currency},${r.perUsd},${r.source}`).join('\n')}\n`
}

/** Merges `incoming` into `existing`; a row for the same date and currency replaces the old one. */
export function mergeRates(existing: readonly Rate[], incoming: readonly Rate[]): Rate[] {
  const byKey = new Map<string, Rate>()
  for (const r of [...existing, ...incoming]) byKey.set(`${r.currency}|${r.date}`, r)
  return [...byKey.values()]
}
