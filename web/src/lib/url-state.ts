/**
 * The UI state kept in the address bar (`?q=…&lang=…&crime=…&doc=…`), so that a search with its
 * filters, or an open document, can be bookmarked, shared and restored with the back button.
 *
 * @module web/lib/url-state
 */
import { isLang, type Lang } from '#core/lang.ts'

/** Filters a search can carry besides the language (the API's query parameters of the same name). */
export const FILTER_KEYS = [
  'crime',
  'event',
  'location',
  'person',
  'organization',
  'within',
  'source',
  'from',
  'to',
] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export type Filters = Readonly<Partial<Record<FilterKey, string>>>

/** How results are ordered; `null` is the server's default (relevance with a query). */
export type Sort = 'relevance' | 'newest' | 'oldest'

/** What the page shows. */
export interface UiState {
  /** The search query, trimmed; empty when there is none. */
  readonly q: string
  /** Restricts results to one language, or `null` for all. */
  readonly lang: Lang | null
  /** The id of the open document, or `null`. */
  readonly doc: string | null
  /** Active filters (absent keys are off). */
  readonly filters?: Filters
  readonly sort?: Sort | null
  /** `map`, `charts` or `graph` show the matches that way instead of as a list. */
  readonly view?: 'map' | 'charts' | 'graph' | null
  /** Which map: Kazakhstan's regions (default) or Central Asia's countries. */
  readonly area?: 'asia' | null
  /** The id of the entity whose profile is open (under an open document, if both). */
  readonly entity?: string | null
  /** `screen`: the screening page instead of search. */
  readonly page?: 'screen' | null
}

const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/

/** Reads the state from a query string (`location.search`); unknown keys are ignored. */
export function parseUiState(search: string): UiState {
  const params = new URLSearchParams(search)
  const lang = params.get('lang')
  const doc = params.get('doc')
  const filters: Partial<Record<FilterKey, string>> = {}
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim()
    if (!value) continue
    if ((key === 'from' || key === 'to') && !DATE.test(value)) continue
    filters[key] = value
  }
  const sort = params.get('sort')
  const state: UiState = {
    q: (params.get('q') ?? '').trim(),
    lang: isLang(lang) ? lang : null,
    doc: doc ? doc : null,
  }
  let out: UiState = Object.keys(filters).length ? { ...state, filters } : state
  if (sort === 'relevance' || sort === 'newest' || sort === 'oldest') out = { ...out, sort }
  const view = params.get('view')
  if (view === 'map' || view === 'charts' || view === 'graph') out = { ...out, view }
  if (params.get('area') === 'asia') out = { ...out, area: 'asia' }
  if (params.get('page') === 'screen') out = { ...out, page: 'screen' }
  const entity = params.get('entity')
  if (entity && /^\d{1,18}$/.test(entity)) out = { ...out, entity }
  return out
}

/** Writes the state as a query string with a leading `?`, or `''` when it is empty. */
export function formatUiState(state: UiState): string {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  if (state.lang) params.set('lang', state.lang)
  for (const key of FILTER_KEYS) {
    const value = state.filters?.[key]
    if (value) params.set(key, value)
  }
  if (state.sort) params.set('sort', state.sort)
  if (state.view) params.set('view', state.view)
  if (state.area) params.set('area', state.area)
  if (state.entity) params.set('entity', state.entity)
  if (state.page) params.set('page', state.page)
  if (state.doc) params.set('doc', state.doc)
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** True when the state asks for results: a query or at least one filter. */
export function hasSearch(state: UiState): boolean {
  return state.q !== '' || Boolean(state.view) || Object.values(state.filters ?? {}).some(Boolean)
}

/** The state with filter `key` set to `value`, or removed when `value` is `null`. */
export function withFilter(state: UiState, key: FilterKey, value: string | null): UiState {
  const filters: Partial<Record<FilterKey, string>> = { ...state.filters }
  if (value) filters[key] = value
  else delete filters[key]
  return { ...state, filters, doc: null }
}
