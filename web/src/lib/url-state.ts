/**
 * The UI state kept in the address bar (`?q=…&lang=…&doc=…`), so that a search or an open
 * document can be bookmarked, shared and restored with the back button.
 *
 * @module web/lib/url-state
 */
import { isLang, type Lang } from '#core/lang.ts'

/** What the page shows. */
export interface UiState {
  /** The search query, trimmed; empty when there is none. */
  readonly q: string
  /** Restricts results to one language, or `null` for all. */
  readonly lang: Lang | null
  /** The id of the open document, or `null`. */
  readonly doc: string | null
}

/** Reads the state from a query string (`location.search`); unknown keys are ignored. */
export function parseUiState(search: string): UiState {
  const params = new URLSearchParams(search)
  const lang = params.get('lang')
  const doc = params.get('doc')
  return {
    q: (params.get('q') ?? '').trim(),
    lang: isLang(lang) ? lang : null,
    doc: doc ? doc : null,
  }
}

/** Writes the state as a query string with a leading `?`, or `''` when it is empty. */
export function formatUiState(state: UiState): string {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  if (state.lang) params.set('lang', state.lang)
  if (state.doc) params.set('doc', state.doc)
  const s = params.toString()
  return s ? `?${s}` : ''
}
