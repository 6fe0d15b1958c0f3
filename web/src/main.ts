/**
 * The app shell: reads the state from the address bar, runs the search and opens documents
 * through the API client, and keeps the address bar in step (`?q=…&lang=…&doc=…`).
 *
 * @module web/main
 */
import type { HealthResponse } from '#api/contract.ts'
import { ApiError, createApiClient } from './api-client.ts'
import { facetPanel } from './components/facet-panel.ts'
import { replaceChildren } from './lib/dom.ts'
import {
  isUiLocale,
  LOCALE_STORAGE_KEY,
  type Messages,
  pickLocale,
  setLocale,
  t,
  type UiLocale,
} from './lib/i18n.ts'
import {
  formatUiState,
  hasSearch,
  parseUiState,
  type UiState,
  withFilter,
} from './lib/url-state.ts'
import { documentView } from './pages/document/document-page.ts'
import { entityView } from './pages/entity/entity-page.ts'
import { graphView } from './pages/graph/graph-page.ts'
import { authGate } from './pages/login/login-page.ts'
import { mapView, viewSwitch } from './pages/map/map-page.ts'
import { screenView } from './pages/screen/screen-page.ts'
import { watchPanel } from './pages/screen/watch-panel.ts'
import { errorView, loadingView, resultsView, welcomeView } from './pages/search/search-page.ts'
import { statsView } from './pages/stats/stats-page.ts'

// A 401 means the session ended while the page was open: load the page again, and the sign-in
// gate shows the form (the view's state is in the URL, so nothing is lost). At most once in ten
// seconds, so a server that refuses a signed-in session cannot make the page reload in a loop.
const api = createApiClient('', {
  onUnauthorized: () => {
    const last = Number(sessionStorage.getItem('tergeu:reauth') ?? 0)
    if (Date.now() - last < 10_000) return
    sessionStorage.setItem('tergeu:reauth', String(Date.now()))
    location.reload()
  },
})

function required<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector)
  if (!el) throw new Error(`index.html lacks ${selector}`)
  return el
}

const form = required<HTMLFormElement>('#search-form')
const input = required<HTMLInputElement>('#q')
const langSelect = required<HTMLSelectElement>('#lang')
const localeSelect = required<HTMLSelectElement>('#ui-locale')
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

/** The API query for the current state (without paging). */
function searchQuery(s: UiState) {
  return {
    q: s.q,
    ...(s.lang ? { lang: s.lang } : {}),
    ...s.filters,
    ...(s.sort ? { sort: s.sort } : {}),
    ui: t().locale,
  }
}

const searchActions = {
  openDocument: (id: string) => navigate({ ...state, doc: id }),
  search: (q: string) => navigate({ ...state, q, doc: null }),
  documentHref: (id: string) => formatUiState({ ...state, doc: id }) || '?',
  loadMore: (cursor: string) => api.search({ ...searchQuery(state), cursor }),
  watchSearch: () =>
    api.watch({
      search: formatUiState({
        q: state.q,
        lang: state.lang,
        doc: null,
        filters: state.filters ?? {},
      }).slice(1),
    }),
}

/** A phone-width screen, where results come before the refine panel. */
const narrow = window.matchMedia('(max-width: 700px)')

const setView = (view: UiState['view']) => navigate({ ...state, view: view ?? null, doc: null })

const mapActions = {
  // An area filters by every place drawn in it (a region's cities, a country's places).
  chooseArea: (id: string) => navigate({ ...withFilter(state, 'within', id), view: null }),
  setArea: (area: 'kz' | 'asia') => navigate({ ...state, area: area === 'asia' ? 'asia' : null }),
}

const facetActions = {
  setFilter: (key: Parameters<typeof withFilter>[1], value: string | null) =>
    navigate(withFilter(state, key, value)),
  clearFilters: () => navigate({ ...state, filters: {}, doc: null }),
  setSort: (sort: UiState['sort']) => navigate({ ...state, sort: sort ?? null, doc: null }),
  setLang: (lang: UiState['lang']) => navigate({ ...state, lang, doc: null }),
}

function message(error: unknown): string {
  if (error instanceof ApiError && error.code === 'not_found') return t().notFound
  if (error instanceof ApiError) return t().serverError(error.message)
  return t().unreachable
}

/** Reads the remembered locale; storage may be unavailable (private mode, sandboxed frames). */
function storedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY)
  } catch {
    return null
  }
}

/** Puts the interface in `locale`: the words of the static page, then every view. */
function applyLocale(locale: UiLocale): void {
  setLocale(locale)
  const m = t()
  document.documentElement.lang = locale
  localeSelect.value = locale
  localeSelect.title = m.pickerLabel
  input.placeholder = m.searchPlaceholder
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset['i18n'] as keyof Messages
    const text = m[key]
    if (typeof text === 'string') el.textContent = text
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    const text = m[el.dataset['i18nAria'] as keyof Messages]
    if (typeof text === 'string') el.setAttribute('aria-label', text)
  }
}

async function renderResults(): Promise<void> {
  const key = `${t().locale}${formatUiState({ ...state, doc: null, entity: null })}`
  if (state.page === 'screen') {
    // Rendered once per locale: opening an article from the results keeps them.
    if (shownQuery === key) return
    shownQuery = key
    const open = {
      openDocument: (id: string) => navigate({ ...state, doc: id }),
      documentHref: (id: string) => formatUiState({ ...state, doc: id }) || '?',
      describeError: message,
    }
    replaceChildren(
      resultsPane,
      screenView({
        screen: (request) => api.screen(request),
        ...open,
        openEntity: (id) => navigate({ ...state, doc: null, entity: id }),
        entityHref: (id) => formatUiState({ ...state, doc: null, entity: id }) || '?',
      }),
      watchPanel({
        subjects: () => api.subjects(),
        alerts: () => api.alerts({ limit: 50 }),
        watch: (request) => api.watch(request),
        unwatch: (id) => api.unwatch(id),
        ...open,
      }),
    )
    return
  }
  if (!hasSearch(state)) {
    shownQuery = null
    if (!health) health = await api.health().catch(() => null)
    replaceChildren(
      resultsPane,
      viewSwitch(state.view, setView),
      welcomeView(health, searchActions),
    )
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
  replaceChildren(resultsPane, loadingView(t().searching))
  try {
    if (state.view === 'graph') {
      const [counts, graph] = await Promise.all([
        api.search({ ...searchQuery(state), facets: 'only' }, abort.signal),
        api.graph(searchQuery(state), abort.signal),
      ])
      shownQuery = key
      replaceChildren(
        resultsPane,
        viewSwitch(state.view, setView),
        facetPanel(counts.facets, state, facetActions, counts.within?.name, { compact: true }),
        graphView(graph, {
          openEntity: (id) => navigate({ ...state, doc: null, entity: id }),
          filterBy: (kind, name) => navigate({ ...withFilter(state, kind, name), view: null }),
          expand: (id) =>
            api.graph({ ...searchQuery({ ...state, q: '', filters: {} }), around: id }),
        }),
      )
      return
    }
    if (state.view === 'charts') {
      const [counts, stats] = await Promise.all([
        api.search({ ...searchQuery(state), facets: 'only' }, abort.signal),
        api.stats(searchQuery(state), abort.signal),
      ])
      shownQuery = key
      replaceChildren(
        resultsPane,
        viewSwitch(state.view, setView),
        facetPanel(counts.facets, state, facetActions, counts.within?.name, { compact: true }),
        statsView(stats, {
          openDocument: (id) => navigate({ ...state, doc: id }),
          filterCrime: (crime) => navigate(withFilter(state, 'crime', crime)),
        }),
      )
      return
    }
    if (state.view === 'map') {
      // The map needs only the counts per area; the facets come from a counts-only search.
      const [counts, map] = await Promise.all([
        api.search({ ...searchQuery(state), facets: 'only' }, abort.signal),
        api.map({ ...searchQuery(state), area: state.area ?? 'kz' }, abort.signal),
      ])
      shownQuery = key
      replaceChildren(
        resultsPane,
        viewSwitch(state.view, setView),
        facetPanel(counts.facets, state, facetActions, counts.within?.name, { compact: true }),
        mapView(map, mapActions),
      )
      return
    }
    // Results first; the facet counts (a heavier query) follow and fill the panel in.
    const response = await api.search(searchQuery(state), abort.signal)
    shownQuery = key
    const options = { collapsed: narrow.matches }
    const panel = facetPanel(undefined, state, facetActions, response.within?.name, options)
    replaceChildren(
      resultsPane,
      viewSwitch(state.view, setView),
      panel,
      resultsView(state.q, response, state.doc, searchActions),
    )
    const shown = state
    api
      .search({ ...searchQuery(shown), facets: 'only' }, abort.signal)
      .then((counts) => {
        if (abort.signal.aborted || !panel.isConnected) return
        const open = (panel as HTMLDetailsElement).open
        const filled = facetPanel(counts.facets, shown, facetActions, counts.within?.name, options)
        ;(filled as HTMLDetailsElement).open = open
        panel.replaceWith(filled)
      })
      .catch(() => {
        // The results stand without counts; the panel keeps its filters and controls.
      })
  } catch (error) {
    if (abort.signal.aborted) return
    shownQuery = null
    replaceChildren(resultsPane, errorView(message(error)))
  } finally {
    if (searchAbort === abort) resultsPane.removeAttribute('aria-busy')
  }
}

async function renderDocument(): Promise<void> {
  document.body.classList.toggle('reading', state.doc !== null || Boolean(state.entity))
  docAbort?.abort()
  if (!state.doc && state.entity) return renderEntity(state.entity)
  if (!state.doc) {
    replaceChildren(readerPane)
    return
  }
  const id = state.doc
  const abort = new AbortController()
  docAbort = abort
  readerPane.setAttribute('aria-busy', 'true')
  replaceChildren(readerPane, loadingView(t().opening))
  try {
    const [doc, story] = await Promise.all([
      api.document(id, abort.signal),
      // A missing story is no reason to withhold the document.
      api.story(id, abort.signal).catch(() => ({ items: [] })),
    ])
    replaceChildren(
      readerPane,
      documentView(
        doc,
        {
          close: () => navigate({ ...state, doc: null }),
          openEntity: (kind, name) => void openEntityByName(kind, name),
          openDocument: (other) => navigate({ ...state, doc: other }),
          documentHref: (other) => formatUiState({ ...state, doc: other }) || '?',
        },
        story.items,
      ),
    )
    readerPane.scrollTop = 0
  } catch (error) {
    if (abort.signal.aborted) return
    replaceChildren(readerPane, errorView(message(error)))
  } finally {
    if (docAbort === abort) readerPane.removeAttribute('aria-busy')
  }
}

/** Shows an entity's profile in the reader pane. */
async function renderEntity(id: string): Promise<void> {
  const abort = new AbortController()
  docAbort = abort
  readerPane.setAttribute('aria-busy', 'true')
  replaceChildren(readerPane, loadingView(t().opening))
  try {
    const [entity, timeline, around] = await Promise.all([
      api.entity(id, abort.signal),
      // Organisations have no timeline of their own; a failed timeline still shows the profile.
      api.timeline(id, abort.signal).catch(() => null),
      api.graph({ around: `e${id}`, nodes: 40 }, abort.signal).catch(() => null),
    ])
    replaceChildren(
      readerPane,
      entityView(
        entity,
        timeline,
        {
          openDocument: (docId) => navigate({ ...state, doc: docId }),
          documentHref: (docId) => formatUiState({ ...state, doc: docId }) || '?',
          close: () => navigate({ ...state, entity: null }),
          openEntity: (other) => navigate({ ...state, doc: null, entity: other }),
          watch: () => api.watch({ entity: id }),
        },
        around,
      ),
    )
    readerPane.scrollTop = 0
  } catch (error) {
    if (abort.signal.aborted) return
    replaceChildren(readerPane, errorView(message(error)))
  } finally {
    if (docAbort === abort) readerPane.removeAttribute('aria-busy')
  }
}

/** Opens the profile of the entity a person or organisation name of a document resolved to. */
async function openEntityByName(kind: 'person' | 'organization', name: string): Promise<void> {
  try {
    const found = await api.entities({ q: name, kind, limit: 1 })
    const best = found.items[0]
    if (best) navigate({ ...state, doc: null, entity: best.id })
    else replaceChildren(readerPane, errorView(t().profileNotFound(name)))
  } catch (error) {
    replaceChildren(readerPane, errorView(message(error)))
  }
}

async function render(): Promise<void> {
  input.value = state.q
  langSelect.value = state.lang ?? ''
  required('#nav-search').toggleAttribute('aria-current', state.page !== 'screen')
  required('#nav-screen').toggleAttribute('aria-current', state.page === 'screen')
  document.title =
    state.page === 'screen'
      ? `${t().navScreen} — Tergeu`
      : state.q
        ? `${state.q} — Tergeu`
        : hasSearch(state)
          ? `${t().browseTitle} — Tergeu`
          : 'Tergeu'
  await Promise.all([renderResults(), renderDocument()])
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const q = input.value.trim()
  const lang = parseUiState(`?lang=${encodeURIComponent(langSelect.value)}`).lang
  navigate({ ...state, q, lang, doc: null, page: null })
})
// The header's links switch pages without reloading (a middle click still opens a new tab).
for (const [selector, next] of [
  ['#nav-search', { q: '', lang: null, doc: null }],
  ['#nav-screen', { q: '', lang: null, doc: null, page: 'screen' }],
] as const) {
  required<HTMLAnchorElement>(selector).addEventListener('click', (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(next)
  })
}
localeSelect.addEventListener('change', () => {
  if (!isUiLocale(localeSelect.value)) return
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, localeSelect.value)
  } catch {
    // Not remembered, but the page still switches.
  }
  applyLocale(localeSelect.value)
  shownQuery = null
  void render()
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

applyLocale(pickLocale(storedLocale(), navigator.languages))
// The sign-in page first when the server needs credentials (decision 0014); else straight on.
void authGate(resultsPane, document.querySelector('.top-nav')).then(render)
