/**
 * The search results list: title, language, source, date and a snippet with the matched words
 * highlighted. Also the states around it: welcome, loading, nothing found, error.
 *
 * @module web/pages/search/search-page
 */
import type { HealthResponse, SearchHit, SearchResponse } from '#api/contract.ts'
import { h } from '../../lib/dom.ts'
import { formatPublished, langName } from '../../lib/format.ts'
import { splitSnippet } from '../../lib/highlight.ts'
import { formatCount, plural, t } from '../../lib/i18n.ts'
import { watchButton } from '../entity/entity-page.ts'

/** Example queries the welcome screen offers, one per language. */
const EXAMPLES = ['extradition', 'мошенничество', 'есірткі'] as const

/** Callbacks the results list needs from the app shell. */
export interface SearchPageActions {
  /** Opens a document in the reader. */
  readonly openDocument: (id: string) => void
  /** Runs a query (from the welcome screen's examples). */
  readonly search: (q: string) => void
  /** Builds the link of a document, so results work with a middle click too. */
  readonly documentHref: (id: string) => string
  /** Fetches the page of results after `cursor`. */
  readonly loadMore: (cursor: string) => Promise<SearchResponse>
  /** Saves this search as a watched subject. */
  readonly watchSearch?: () => Promise<unknown>
}

/** The screen before any query: what the tool holds and what to try. */
export function welcomeView(
  health: HealthResponse | null,
  actions: SearchPageActions,
): HTMLElement {
  const m = t()
  const count = health
    ? m.inRecord(formatCount(health.documents), plural(health.documents, m.documents))
    : ''
  return h(
    'div',
    { class: 'state welcome' },
    h('h2', {}, m.welcomeTitle),
    h('p', {}, `${m.welcomeText} `, count),
    h(
      'p',
      { class: 'examples' },
      m.tryExamples,
      EXAMPLES.map((q) =>
        h('button', { type: 'button', class: 'link-button', onclick: () => actions.search(q) }, q),
      ),
    ),
  )
}

/** The placeholder shown while a search runs. */
export function loadingView(what: string): HTMLElement {
  return h(
    'div',
    { class: 'state loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    what,
  )
}

/** A failed request, said plainly. */
export function errorView(message: string): HTMLElement {
  return h('div', { class: 'state error', role: 'alert' }, message)
}

/** The results of one search (or the "nothing found" state). */
export function resultsView(
  q: string,
  response: SearchResponse,
  activeId: string | null,
  actions: SearchPageActions,
): HTMLElement {
  const m = t()
  if (response.items.length === 0 && !q) {
    return h('div', { class: 'state empty', role: 'status' }, h('p', {}, m.noMatchFilters))
  }
  if (response.items.length === 0) {
    const [before, , after] = m.noMatch(q)
    return h(
      'div',
      { class: 'state empty', role: 'status' },
      h('p', {}, before, h('q', {}, q), after),
      h('p', { class: 'hint' }, m.noMatchHint),
    )
  }
  const list = h(
    'ol',
    { class: 'results' },
    response.items.map((hit) => resultItem(hit, hit.id === activeId, actions)),
  )
  const count = h('p', { class: 'result-count', role: 'status' })
  let shown = response.items.length
  // Past 5,000 matches the server stops counting: "20 of 5,000+ documents"; a query whose
  // words are in a large share of the record is estimated: "20 of about 310,000 documents".
  const total = response.totalIsEstimate
    ? m.about(formatCount(response.total))
    : `${formatCount(response.total)}${response.totalIsLowerBound ? '+' : ''}`
  const showCount = (): void => {
    count.textContent =
      response.total > shown || response.totalIsLowerBound || response.totalIsEstimate
        ? m.shownOf(formatCount(shown), total, plural(response.total, m.documents))
        : m.shownAll(formatCount(shown), plural(shown, m.documents))
  }
  showCount()
  const more = moreButton(response.nextCursor, async (cursor) => {
    const page = await actions.loadMore(cursor)
    for (const hit of page.items) list.append(resultItem(hit, hit.id === activeId, actions))
    shown += page.items.length
    showCount()
    return page.nextCursor
  })
  const watch = actions.watchSearch
    ? watchButton(m.watchSearch, m.watching, actions.watchSearch)
    : null
  return h('div', {}, h('div', { class: 'result-head' }, count, watch), list, more)
}

/**
 * The "More results" button: fetches the page after `cursor`, appends it (through `load`) and
 * hides itself when there is no next page. A failed fetch leaves the button to try again.
 */
function moreButton(
  cursor: string | null,
  load: (cursor: string) => Promise<string | null>,
): HTMLElement | null {
  if (!cursor) return null
  let next: string | null = cursor
  const button = h('button', { type: 'button', class: 'more-results' }, t().loadMore)
  button.addEventListener('click', async () => {
    if (!next || button.hasAttribute('aria-busy')) return
    button.setAttribute('aria-busy', 'true')
    try {
      next = await load(next)
      if (!next) button.remove()
    } catch {
      button.textContent = `${t().loadMore} ⟳`
    } finally {
      button.removeAttribute('aria-busy')
    }
  })
  return button
}

function resultItem(hit: SearchHit, active: boolean, actions: SearchPageActions): HTMLElement {
  const link = h(
    'a',
    { href: actions.documentHref(hit.id), class: 'result-title' },
    hit.title?.trim() || hit.id,
  )
  link.addEventListener('click', (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    actions.openDocument(hit.id)
  })
  const snippet = splitSnippet(hit.snippet.text, hit.snippet.highlights).map((run) =>
    run.highlighted ? h('mark', {}, run.text) : run.text,
  )
  return h(
    'li',
    { class: active ? 'result active' : 'result', 'data-id': hit.id, lang: hit.lang },
    link,
    h(
      'div',
      { class: 'result-meta' },
      h(
        'span',
        { class: `lang-badge lang-${hit.lang}`, title: langName(hit.lang) },
        hit.lang.toUpperCase(),
      ),
      h('span', { class: 'source' }, hit.source),
      h('time', { datetime: hit.published ?? undefined }, formatPublished(hit.published)),
    ),
    h('p', { class: 'snippet' }, snippet),
  )
}
