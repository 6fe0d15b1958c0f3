/**
 * Checks the shipped annual rates against the published figures they cite: every `World Bank WDI`
 * row must equal the World Bank's figure kept in `data/rates/sources/`, every figure must name a
 * source and a reference, and no published WDI figure may be left out.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'

const DIR = new URL('../../../../data/rates/', import.meta.url)
const WDI_FILE = new URL('sources/wdi-pa-nus-fcrf-2026-07-13.csv', DIR)

/** ISO currency → World Bank country code of the series used for it. */
const WDI_COUNTRY: Record<string, string> = {
  KZT: 'KAZ',
  RUB: 'RUS',
  EUR: 'EMU',
  GBP: 'GBR',
  CNY: 'CHN',
  KGS: 'KGZ',
  UZS: 'UZB',
  TJS: 'TJK',
  TMT: 'TKM',
}
const SOURCES = new Set(['World Bank WDI', 'CBT fixed rate'])

interface Row {
  year: number
  currency: string
  perUsd: string
  source: string
  ref: string
}

function shippedRows(): Row[] {
  const lines = readFileSync(new URL('annual-usd.csv', DIR), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
  assert.equal(lines[0], 'year,currency,per_usd,source,source_ref')
  return lines.slice(1).map((l) => {
    const [year, currency, perUsd, source, ref, ...rest] = l.split(',')
    assert.equal(rest.length, 0, `too many columns: ${l}`)
    return { year: Number(year), currency: currency!, perUsd: perUsd!, source: source!, ref: ref! }
  })
}

/** WDI bulk-download CSV: quoted cells, one row per country, columns 1960… after four labels. */
function wdiSeries(): Map<string, Map<number, number>> {
  const text = readFileSync(WDI_FILE, 'utf8')
  const series = new Map<string, Map<number, number>>()
  let years: number[] = []
  for (const line of text.split('\n')) {
    const cells = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!)
    if (cells[0] === 'Country Name') years = cells.slice(4).map(Number)
    else if (cells.length > 4 && cells[3] === 'PA.NUS.FCRF') {
      const byYear = new Map<number, number>()
      cells.slice(4).forEach((v, i) => {
        if (v !== '') byYear.set(years[i]!, Number(v))
      })
      series.set(cells[1]!, byYear)
    }
  }
  return series
}

describe('shipped annual rates: provenance', () => {
  const rows = shippedRows()
  const wdi = wdiSeries()

  test('the WDI extract holds the nine series, years 1960-2025', () => {
    assert.deepEqual([...wdi.keys()].sort(), Object.values(WDI_COUNTRY).sort())
    assert.equal(wdi.get('KAZ')?.get(2000), 142.133333333333)
  })

  test('one row per currency and year 2000-2025', () => {
    const keys = rows.map((r) => `${r.currency} ${r.year}`)
    assert.equal(new Set(keys).size, keys.length)
    for (const c of Object.keys(WDI_COUNTRY))
      for (let y = 2000; y <= 2025; y++) assert.ok(keys.includes(`${c} ${y}`), `${c} ${y}`)
  })

  test('every figure names a known source and where it was read; a gap names none', () => {
    for (const r of rows) {
      if (r.perUsd === '') assert.equal(`${r.source}${r.ref}`, '', `${r.currency} ${r.year}`)
      else {
        assert.ok(SOURCES.has(r.source), `${r.currency} ${r.year}: ${r.source}`)
        assert.match(r.ref, /^(?:https:\/\/\S+|[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S+)$/)
      }
    }
  })

  test('every World Bank WDI row is the published figure to six significant digits', () => {
    let checked = 0
    for (const r of rows.filter((x) => x.source === 'World Bank WDI')) {
      const published = wdi.get(WDI_COUNTRY[r.currency]!)?.get(r.year)
      assert.ok(published !== undefined, `${r.currency} ${r.year} is not in the WDI extract`)
      assert.equal(Number(r.perUsd), Number(published.toPrecision(6)), `${r.currency} ${r.year}`)
      checked++
    }
    assert.ok(checked > 180, `only ${checked} WDI rows`)
  })

  test('no published WDI figure for 2000-2025 is left out', () => {
    for (const [currency, country] of Object.entries(WDI_COUNTRY))
      for (const [year] of wdi.get(country) ?? []) {
        if (year < 2000) continue
        const row = rows.find((r) => r.currency === currency && r.year === year)
        assert.equal(row?.source, 'World Bank WDI', `${currency} ${year}`)
      }
  })

  test('the fixed-rate rows are the manat pegs and stay out of years WDI covers', () => {
    const pegs = rows.filter((r) => r.source === 'CBT fixed rate')
    assert.ok(pegs.every((r) => r.currency === 'TMT'))
    for (const r of pegs) {
      const expected = r.year <= 2007 ? '5200' : r.year <= 2014 ? '2.85' : '3.5'
      assert.equal(r.perUsd, expected, `TMT ${r.year}`)
      assert.equal(wdi.get('TKM')?.has(r.year), false)
    }
  })

  test('the README names every source_ref', () => {
    const readme = readFileSync(new URL('README.md', DIR), 'utf8')
    for (const ref of new Set(rows.map((r) => r.ref).filter(Boolean))) {
      const cited = ref.startsWith('https://') ? ref : ref.replace(/:.*$/, '').replace(/^.*@/, '')
      assert.ok(readme.includes(cited), `README does not cite ${ref}`)
    }
  })
})
