/**
 * Watchlist entries from FollowTheMoney / OpenSanctions JSON lines and from a simple CSV
 * (name, aliases, birth date, country, identifiers), read into one shape. Pure: no I/O.
 * Design: docs/decisions/0008-entity-resolution.md (watchlists).
 *
 * @module core/entities/watchlist
 */
import { parseCsv } from '../names/csv.ts'
import type { EntityKind } from './resolution.ts'

/** One watchlist entry, whatever the file format. */
export interface WatchlistEntry {
  /** The entry's id in its source (FtM `id`, CSV `id` column, else the row number). */
  readonly id: string
  readonly kind: EntityKind
  /** FtM schema (`Person`, `Company`, …) or `Person`/`Organization` for CSV rows. */
  readonly schema: string
  readonly name: string
  /** Other names, weak aliases included, without the main name, at most 50. */
  readonly aliases: readonly string[]
  readonly birthDates: readonly string[]
  /** Lowercase ISO country codes or names as given. */
  readonly countries: readonly string[]
  /** Identifier values (IIN/BIN, passport, tax and registration numbers), digits kept as given. */
  readonly identifiers: readonly string[]
  /** FtM topics (`sanction`, `crime`, `role.pep`, …). */
  readonly topics: readonly string[]
}

const PERSON_SCHEMAS = new Set(['Person'])
const ORG_SCHEMAS = new Set(['Organization', 'Company', 'LegalEntity', 'PublicBody'])
const ID_PROPERTIES = [
  'idNumber',
  'innCode',
  'taxNumber',
  'registrationNumber',
  'passportNumber',
  'vatCode',
  'ogrnCode',
  'okpoCode',
]
const MAX_ALIASES = 50

/**
 * Reads one FtM JSON line. Returns `undefined` for a line that is not a person or organisation
 * (sanction records, addresses, relations) or has no name; throws on a line that is not JSON.
 */
export function parseFtmLine(line: string): WatchlistEntry | undefined {
  const obj = JSON.parse(line) as {
    id?: unknown
    schema?: unknown
    caption?: unknown
    properties?: Record<string, unknown>
  }
  const schema = typeof obj.schema === 'string' ? obj.schema : ''
  const kind: EntityKind | undefined = PERSON_SCHEMAS.has(schema)
    ? 'person'
    : ORG_SCHEMAS.has(schema)
      ? 'organization'
      : undefined
  if (!kind || typeof obj.id !== 'string') return undefined
  const props = obj.properties ?? {}
  const list = (key: string) =>
    (Array.isArray(props[key]) ? (props[key] as unknown[]) : []).filter(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    )
  const names = list('name')
  const caption = typeof obj.caption === 'string' && obj.caption.trim() !== '' ? obj.caption : null
  const name = caption ?? names[0]
  if (!name) return undefined
  const aliases = unique(
    [...names, ...list('alias'), ...list('weakAlias'), ...list('previousName')].filter(
      (n) => n !== name,
    ),
  ).slice(0, MAX_ALIASES)
  return {
    id: obj.id,
    kind,
    schema,
    name: name.trim(),
    aliases,
    birthDates: unique(list('birthDate')),
    countries: unique(
      [...list('country'), ...list('nationality'), ...list('jurisdiction')].map((c) =>
        c.toLowerCase(),
      ),
    ),
    identifiers: unique(ID_PROPERTIES.flatMap(list).map((v) => v.trim())),
    topics: unique(list('topics')),
  }
}

// A header cell → the field it fills.
const CSV_FIELDS: Readonly<Record<string, keyof CsvColumns>> = {
  id: 'id',
  name: 'name',
  full_name: 'name',
  fullname: 'name',
  aliases: 'aliases',
  alias: 'aliases',
  birth_date: 'birthDate',
  birthdate: 'birthDate',
  dob: 'birthDate',
  country: 'country',
  countries: 'country',
  nationality: 'country',
  identifiers: 'identifiers',
  identifier: 'identifiers',
  iin: 'identifiers',
  bin: 'identifiers',
  id_number: 'identifiers',
  type: 'type',
  schema: 'type',
  kind: 'type',
}

interface CsvColumns {
  id?: number
  name?: number
  aliases?: number
  birthDate?: number
  country?: number
  identifiers?: number
  type?: number
}

/**
 * Reads a CSV watchlist. With a header row, columns are found by name (`name`, `aliases`,
 * `birth_date`, `country`, `identifiers`, optional `id` and `type`: person or organization);
 * without one, the order is name, aliases, birth date, country, identifiers. Lists inside a cell
 * are separated by `;` or `|`. Rows without a name are skipped.
 */
export function parseWatchlistCsv(text: string): WatchlistEntry[] {
  const rows = parseCsv(text)
  if (rows.length === 0) return []
  const header = rows[0]!.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  )
  const columns: CsvColumns = {}
  const named = header.some((h) => CSV_FIELDS[h] === 'name')
  if (named) {
    header.forEach((h, i) => {
      const field = CSV_FIELDS[h]
      if (field && columns[field] === undefined) columns[field] = i
    })
  } else {
    Object.assign(columns, { name: 0, aliases: 1, birthDate: 2, country: 3, identifiers: 4 })
  }
  const out: WatchlistEntry[] = []
  const cell = (row: string[], i: number | undefined) =>
    i === undefined ? '' : (row[i] ?? '').trim()
  const cells = (row: string[], i: number | undefined) =>
    unique(
      cell(row, i)
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
  rows.slice(named ? 1 : 0).forEach((row, n) => {
    const name = cell(row, columns.name)
    if (name === '') return
    const type = cell(row, columns.type).toLowerCase()
    const kind: EntityKind = /^(?:org|organi[sz]ation|company|legal_?entity|entity)$/.test(type)
      ? 'organization'
      : 'person'
    out.push({
      id: cell(row, columns.id) || `row-${n + (named ? 2 : 1)}`,
      kind,
      schema: kind === 'person' ? 'Person' : 'Organization',
      name,
      aliases: cells(row, columns.aliases)
        .filter((a) => a !== name)
        .slice(0, MAX_ALIASES),
      birthDates: cells(row, columns.birthDate),
      countries: cells(row, columns.country).map((c) => c.toLowerCase()),
      identifiers: cells(row, columns.identifiers),
      topics: [],
    })
  })
  return out
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))]
}
