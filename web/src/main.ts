/**
 * The app shell: reads the state from the address bar, runs the search and opens documents
 * through the API client, and keeps the address bar in step (`?q=…&lang=…&doc=…`).
 *
 * @module web/main
 */
import type { HealthResponse } from '#api/contract.ts'
import { ApiError, createApiClient } from './api-client.ts'
import { replaceChildren } from './lib/dom.ts'
import { formatUiState, parseUiState, type UiState } from './lib/url-state.ts'
import { documentView } from './pages/document/document-page.ts'
import { errorView, loadingView, resultsView, welcomeView } from './pages/search/search-page.ts'

const api = createApiClient()

function required<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector)
  if (!el) throw new Error(`index.html lacks ${selector}`)
  return el
}

const form = required<HTMLFormElement>('#search-form')
const input = required<HTMLInputElement>('#q')
const langSelect = required<HTMLSelectElement>('#lang')
const resultsPane = required<HTMLElement>('#results')
const readerPane = required<HTMLElement>('#reader')

let state: UiState = parseUiState(location.search)
let health: HealthResponse | null = null
let searchAbort: AbortController | null = null
let docAbort: AbortController | null = null
/** The query (with language) whose results are on screen, so opening a document keeps them. */
let shownQuery: string | null = null

function navigate(next: UiState, replace = false): void {
  state = next
  const url = `${location.pathname}${formatUiState(next)}`
  if (replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  void render()
}

const searchActions = {
  openDocument: (id: string) => navigate({ ...state, doc: id }),
  search: (q: string) => navigate({ ...state, q, doc: null }),
  documentHref: (id: string) => formatUiState({ ...state, doc: id }) || '?',
  loadMore: (cursor: string) =>
    api.search({ q: state.q, cursor, ...(state.lang ? { lang: state.lang } : {}) }),
}

function message(error: unknown): string {
  if (error instanceof ApiError && error.code === 'not_found')
    return 'That document is not in the record.'
  if (error instanceof ApiError) return `The server could not answer: ${error.message}`
  return 'The server cannot be reached. Is `tergeu serve` running?'
}

async function renderResults(): Promise<void> {
  const key = `${state.lang ?? ''}:${state.q}`
  if (!state.q) {
    shownQuery = null
    if (!health) health = await api.health().catch(() => null)
    replaceChildren(resultsPane, welcomeView(health, searchActions))
    return
  }
  if (shownQuery === key) {
    for (const li of resultsPane.querySelectorAll('.result')) {
      li.classList.toggle('active', li.getAttribute('data-id') === state.doc)
    }
    return
  }
  searchAbort?.abort()
  const abort = new AbortController()
  searchAbort = abort
  resultsPane.setAttribute('aria-busy', 'true')
  replaceChildren(resultsPane, loadingView('Searching…'))
  try {
    const response = await api.search(
      { q: state.q, ...(state.lang ? { lang: state.lang } : {}) },
      abort.signal,
    )
    shownQuery = key
    replaceChildren(resultsPane, resultsView(state.q, response, state.doc, searchActions))
  } catch (error) {
    if (abort.signal.aborted) return
    shownQuery = null
    replaceChildren(resultsPane, errorView(message(error)))
  } finally {
    if (searchAbort === abort) resultsPane.removeAttribute('aria-busy')
  }
}

async function renderDocument(): Promise<void> {
  document.body.classList.toggle('reading', state.doc !== null)
  docAbort?.abort()
  if (!state.doc) {
    replaceChildren(readerPane)
    return
  }
  const id = state.doc
  const abort = new AbortController()
  docAbort = abort
  readerPane.setAttribute('aria-busy', 'true')
  replaceChildren(readerPane, loadingView('Opening the document…'))
  try {
    const doc = await api.document(id, abort.signal)
    replaceChildren(
      readerPane,
      documentView(doc, { close: () => navigate({ ...state, doc: null }) }),
    )
    readerPane.scrollTop = 0
  } catch (error) {
    if (abort.signal.aborted) return
    replaceChildren(readerPane, errorView(message(error)))
  } finally {
    if (docAbort === abort) readerPane.removeAttribute('aria-busy')
  }
}

async function render(): Promise<void> {
  input.value = state.q
  langSelect.value = state.lang ?? ''
  document.title = state.q ? `${state.q} — Tergeu` : 'Tergeu'
  await Promise.all([renderResults(), renderDocument()])
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const q = input.value.trim()
  const lang = parseUiState(`?lang=${encodeURIComponent(langSelect.value)}`).lang
  navigate({ q, lang, doc: null })
})
langSelect.addEventListener('change', () => {
  if (state.q) form.requestSubmit()
})
// "/" jumps to the search box and Escape closes the reader, as on most search sites.
document.addEventListener('keydown', (event) => {
  const typing =
    event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault()
    input.focus()
    input.select()
  } else if (event.key === 'Escape' && !typing && state.doc) {
    navigate({ ...state, doc: null })
  }
})
window.addEventListener('popstate', () => {
  state = parseUiState(location.search)
  void render()
})

void render()
