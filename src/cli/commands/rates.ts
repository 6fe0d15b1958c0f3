/**
 * `tergeu rates`: imports finer exchange rates (monthly, daily) that `extract-money` uses ahead of
 * the shipped annual averages, and looks a rate up.
 *
 * @module cli/commands/rates
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createRateTable } from '#pipeline/stages/extract-money/convert.ts'
import {
  formatRatesCsv,
  mergeRates,
  parseRatesCsv,
} from '#pipeline/stages/extract-money/rates-csv.ts'
import { annualRates, readUserRates } from '#pipeline/stages/extract-money/shipped-rates.ts'
import { type Command, EXIT, UsageError } from '../command.ts'

const USAGE = `usage: tergeu rates import FILE.csv [--data-dir DIR]
       tergeu rates lookup CURRENCY DATE [--data-dir DIR]

import   validates FILE.csv (header date,currency,per_usd; date YYYY, YYYY-MM or YYYY-MM-DD;
         per_usd = units of the currency per 1 US dollar) and merges its rows into
         DIR/rates.csv, replacing earlier rows for the same date and currency. Bad rows are
         reported one per line on stderr; nothing is written if any row is bad.
lookup   prints the rate extract-money would use for CURRENCY on DATE, and its source.

options:
  --data-dir DIR   where user rates are kept (default: .tergeu)
  -h, --help       this help

exit codes: 0 ok, 1 bad rows or rate not found, 2 usage error`

/** The file under the data directory that holds imported rates. */
export function userRatesPath(dataDir: string): string {
  return join(dataDir, 'rates.csv')
}

/** The `rates` command. */
export const ratesCommand: Command = {
  name: 'rates',
  summary: 'import exchange rates for money conversion, or look one up',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string', default: '.tergeu' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const file = userRatesPath(resolve(io.cwd, values['data-dir']))
    const [action, ...rest] = positionals
    if (action === 'import') {
      if (rest.length !== 1) throw new UsageError('import takes exactly one FILE.csv')
      const source = resolve(io.cwd, rest[0]!)
      const parsed = parseRatesCsv(await readFile(source, 'utf8'), 'user rate')
      for (const e of parsed.errors) io.stderr.write(`tergeu rates: ${rest[0]}: ${e}\n`)
      if (parsed.errors.length > 0) return EXIT.failure
      const merged = mergeRates(readUserRates(file), parsed.rates)
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, formatRatesCsv(merged))
      io.stdout.write(
        `imported ${parsed.rates.length} rate(s) into ${file} (${merged.length} in all)\n`,
      )
      return EXIT.ok
    }
    if (action === 'lookup') {
      const [currency, date] = rest
      if (!currency || !date || rest.length !== 2)
        throw new UsageError('lookup takes CURRENCY DATE')
      const rate = createRateTable([...annualRates(), ...readUserRates(file)]).lookup(
        currency.toUpperCase(),
        date,
      )
      if (!rate) {
        io.stderr.write(`tergeu rates: no rate for ${currency.toUpperCase()} on ${date}\n`)
        return EXIT.failure
      }
      io.stdout.write(`${rate.currency} ${rate.date} ${rate.perUsd} per USD (${rate.source})\n`)
      return EXIT.ok
    }
    throw new UsageError(action ? `unknown action "${action}"` : 'missing action: import or lookup')
  },
}
