/**
 * Display names of gazetteer places in the interface's language, for facets and maps: the
 * first name the gazetteer lists in that language, written out in full ("Актюбинская область",
 * "Ақтөбе облысы", "Aktobe Region"), so one place reads the same whatever language its
 * documents were in.
 *
 * @module api/place-names
 */
import type { Lang } from '#core/lang.ts'
import { loadGazetteer, type PlaceName } from '#pipeline/stages/extract-places/gazetteer.ts'

const EN_GENERIC: Readonly<Record<string, string>> = { region: 'Region', district: 'District' }

/** The name of gazetteer place `id` in `lang`, or `null` when the id is not a gazetteer place. */
export function placeDisplayName(id: string, lang: Lang): string | null {
  const place = loadGazetteer().places.get(id)
  if (!place) return null
  const names = place.names.filter((n) => n.role !== 'weak')
  const name = names.find((n) => n.lang === lang) ?? names.find((n) => n.lang === 'en')
  if (!name) return null
  return fullName(name, place.kind)
}

function fullName(name: PlaceName, kind: string): string {
  if (name.generic && name.genericPosition === 'after') return `${name.text} ${name.generic}`
  if (name.generic && name.genericPosition === 'before') return `${name.generic} ${name.text}`
  if (name.lang === 'en' && name.role === 'base' && EN_GENERIC[kind]) {
    return `${name.text} ${EN_GENERIC[kind]}`
  }
  return name.text
}
