/**
 * Loads the place gazetteer (`data/gazetteer/*.tsv`, see its README) once per process.
 *
 * @module pipeline/stages/extract-places/gazetteer
 */
import { readFileSync } from 'node:fs'
import type { LocationKind } from '#core/facts.ts'

/** A language the gazetteer writes names in. */
export type NameLang = 'en' | 'ru' | 'kk'

/** How a name is used in text. */
export type NameRole =
  /** The name alone names the place ("Almaty", "Россия", "ЗКО"). */
  | 'standalone'
  /** The name needs a generic word ("Aktobe" + "region", "Актюбинская" + "область"). */
  | 'base'
  /** Both: "Mangistau" and "Mangistau region" name the same region. */
  | 'both'
  /** Only joins a place already found by a stronger name ("РК" next to "Казахстан"). */
  | 'weak'

/** One name of a place in one language. */
export interface PlaceName {
  readonly lang: NameLang
  /** Nominative written form of the name without generic words ("Актюбинская", "Улытау"). */
  readonly text: string
  readonly role: NameRole
  /** Where the generic word stands in the full written name: "Актюбинская область" (after),
   *  "область Улытау" (before); `null` when the name is written without one. */
  readonly genericPosition: 'before' | 'after' | null
  /** The generic word of the full written name ("область", "облысы", "район"), or `null`. */
  readonly generic: string | null
  /** Explicit inflected forms from the gazetteer (`~`-separated), nominative first. */
  readonly forms: readonly string[] | null
}

/** A gazetteer place. */
export interface Place {
  /** Stable id: ISO 3166-1 alpha-2 for countries, else a gazetteer id (`KZ-ALA`). */
  readonly id: string
  readonly kind: LocationKind
  readonly country: string
  readonly parentId: string | null
  readonly iso3166_2: string | null
  readonly lat: number
  readonly lon: number
  readonly names: readonly PlaceName[]
}

/** A phrase that names an area the gold rules exclude (Central Asia, Europe, СНГ). */
export interface ExcludedArea {
  readonly lang: NameLang
  readonly text: string
  readonly forms: readonly string[] | null
}

/** The loaded gazetteer. */
export interface Gazetteer {
  readonly places: ReadonlyMap<string, Place>
  readonly excluded: readonly ExcludedArea[]
}

const RU_GENERIC_NOUNS = new Set([
  'область',
  'край',
  'район',
  'округ',
  'велаят',
  'республика',
  'вилоят',
])
const KK_GENERIC_NOUNS = new Set(['облысы', 'ауданы', 'өлкесі', 'уәлаяты', 'қаласы', 'ауылы'])

let cache: Gazetteer | null = null

/** Returns the gazetteer, reading the data files on first use. */
export function loadGazetteer(): Gazetteer {
  if (cache) return cache
  const dir = new URL('../../../../data/gazetteer/', import.meta.url)
  const places = new Map<string, Place>()
  for (const row of readTsv(new URL('countries.tsv', dir))) {
    const [iso2, lat, lon, en, ru, kk] = row
    if (!iso2) continue
    places.set(iso2, {
      id: iso2,
      kind: 'country',
      country: iso2,
      parentId: null,
      iso3166_2: null,
      lat: Number(lat),
      lon: Number(lon),
      names: [
        ...parseNames('en', en, 'country'),
        ...parseNames('ru', ru, 'country'),
        ...parseNames('kk', kk || ru, 'country'),
      ],
    })
  }
  for (const file of ['places-kz.tsv', 'places-world.tsv']) {
    for (const row of readTsv(new URL(file, dir))) {
      const [id, kind, country, parent, iso, lat, lon, , en, ru, kk] = row
      if (!id || !isKind(kind) || !country) continue
      places.set(id, {
        id,
        kind,
        country,
        parentId: parent || null,
        iso3166_2: iso || null,
        lat: Number(lat),
        lon: Number(lon),
        names: [
          ...parseNames('en', en, kind),
          ...parseNames('ru', ru, kind),
          ...parseNames('kk', kk || ru, kind),
        ],
      })
    }
  }
  const excluded: ExcludedArea[] = []
  for (const [lang, phrase] of readTsv(new URL('excluded-areas.tsv', dir))) {
    if ((lang !== 'en' && lang !== 'ru' && lang !== 'kk') || !phrase) continue
    const forms = phrase.split('~')
    excluded.push({ lang, text: forms[0]!, forms: forms.length > 1 ? forms : null })
  }
  cache = { places, excluded }
  return cache
}

function readTsv(url: URL): string[][] {
  const rows: string[][] = []
  const lines = readFileSync(url, 'utf8').split('\n')
  // The first non-comment line is the header.
  let header = true
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue
    if (header) {
      header = false
      continue
    }
    rows.push(line.split('\t').map((c) => c.trim()))
  }
  return rows
}

function isKind(k: string | undefined): k is LocationKind {
  return k === 'country' || k === 'region' || k === 'city' || k === 'district' || k === 'site'
}

/** Parses one `|`-separated name cell (conventions in data/gazetteer/README.md). */
function parseNames(lang: NameLang, cell: string | undefined, kind: LocationKind): PlaceName[] {
  if (!cell) return []
  const out: PlaceName[] = []
  for (const raw of cell.split('|')) {
    let text = raw.trim()
    if (!text) continue
    let role: NameRole | null = null
    if (text.startsWith('?')) role = 'weak'
    else if (text.startsWith('=')) role = 'standalone'
    else if (text.startsWith('!')) role = 'both'
    if (role) text = text.slice(1)
    const forms = text.includes('~') ? text.split('~') : null
    if (forms) text = forms[0]!
    const words = text.split(' ')
    let genericPosition: PlaceName['genericPosition'] = null
    let generic: string | null = null
    if (role === null && (kind === 'region' || kind === 'district') && lang === 'en') role = 'base'
    if (role === null && lang === 'ru' && words.length > 1) {
      const first = words[0]!.toLowerCase()
      const last = words.at(-1)!.toLowerCase()
      if (RU_GENERIC_NOUNS.has(last) && kind !== 'country') {
        genericPosition = 'after'
        generic = words.at(-1)!
        text = words.slice(0, -1).join(' ')
        role = 'base'
      } else if (RU_GENERIC_NOUNS.has(first) && kind !== 'country' && !forms) {
        genericPosition = 'before'
        generic = words[0]!
        text = words.slice(1).join(' ')
        role = 'base'
      }
    }
    if (role === null && lang === 'kk' && words.length > 1 && KK_GENERIC_NOUNS.has(words.at(-1)!)) {
      genericPosition = 'after'
      generic = words.at(-1)!
      text = words.slice(0, -1).join(' ')
      role = 'base'
    }
    out.push({ lang, text, role: role ?? 'standalone', genericPosition, generic, forms })
  }
  return out
}
