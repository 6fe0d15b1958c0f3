/**
 * The "Refine" panel above the results: the active filters as removable chips, the sort order
 * and date range, and the facet counts of the current search (crime, event, place, person,
 * organisation, language, source) as buttons that add a filter.
 *
 * @module web/components/facet-panel
 */
import type { SearchFacets } from '#api/contract.ts'
import type { Lang } from '#core/lang.ts'
import { crimeName, eventName } from '../lib/category-names.ts'
import { h } from '../lib/dom.ts'
import { langName } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import type { FilterKey, Sort, UiState } from '../lib/url-state.ts'

/** What the panel asks of the app shell. */
export interface FacetActions {
  /** Sets (or with `null` removes) one filter and searches again. */
  readonly setFilter: (key: FilterKey, value: string | null) => void
  /** Removes every filter. */
  readonly clearFilters: () => void
  readonly setSort: (sort: Sort | null) => void
}

type FacetKey = Exclude<keyof SearchFacets, 'sampled'>

/** Facets in the order the panel shows them, with the filter each one sets. */
const GROUPS: readonly (readonly [FacetKey, FilterKey | 'lang'])[] = [
  ['crime', 'crime'],
  ['event', 'event'],
  ['location', 'location'],
  ['person', 'person'],
  ['organization', 'organization'],
  ['lang', 'lang'],
  ['source', 'source'],
]

/** How a facet value reads in the current interface language. */
export function facetValueName(
  key: FacetKey | FilterKey,
  value: string,
  facets: SearchFacets | undefined,
  withinName?: string,
): string {
  if (key === 'within') return withinName ?? value
  const locale = t().locale
  if (key === 'crime') return crimeName(value, locale)
  if (key === 'event') return eventName(value, locale)
  if (key === 'lang' && (value === 'en' || value === 'ru' || value === 'kk')) {
    return langName(value as Lang)
  }
  // Places are counted by gazetteer id, persons and organisations by resolved entity
  // (`entity:42`): the server names them in the interface language (its script for names).
  if (key === 'location' || key === 'person' || key === 'organization') {
    return facets?.[key].find((f) => f.value === value)?.label ?? value
  }
  return value
}

/**
 * Builds the panel. `onLang` is the language filter, which lives in the search form; the other
 * filters go through `actions`.
 */
export function facetPanel(
  facets: SearchFacets | undefined,
  state: UiState,
  actions: FacetActions & { readonly setLang: (lang: Lang | null) => void },
  /** The display name of the `within` area, as the server gave it. */
  withinName?: string,
  /**
   * `compact`: closed unless a filter is on, and no sort (map, charts, network); `collapsed`:
   * closed unless a filter is on (a phone, where the results should come first).
   */
  options: { readonly compact?: boolean; readonly collapsed?: boolean } = {},
): HTMLElement {
  const m = t()
  const active = Object.entries(state.filters ?? {}).filter(([, v]) => v) as [FilterKey, string][]
  const chips = active.length
    ? h(
        'div',
        { class: 'active-filters', role: 'group', 'aria-label': m.activeFilters },
        active.map(([key, value]) => {
          const what = `${filterName(key)}: ${facetValueName(key, value, facets, withinName)}`
          return h(
            'button',
            {
              type: 'button',
              class: 'filter-chip',
              title: m.removeFilter(what),
              'aria-label': m.removeFilter(what),
              onclick: () => actions.setFilter(key, null),
            },
            what,
            h('span', { 'aria-hidden': 'true' }, ' ×'),
          )
        }),
        h(
          'button',
          { type: 'button', class: 'link-button', onclick: actions.clearFilters },
          m.clearFilters,
        ),
      )
    : null

  const sort = h(
    'select',
    { class: 'sort', 'aria-label': m.sortLabel, title: m.sortLabel },
    h('option', { value: '' }, state.q ? m.sortNames.relevance : m.sortNames.newest),
    (['newest', 'oldest'] as const).map((s) =>
      h('option', { value: s, selected: state.sort === s }, m.sortNames[s]),
    ),
  )
  sort.addEventListener('change', () => {
    const v = sort.value
    actions.setSort(v === 'newest' || v === 'oldest' ? v : null)
  })

  const groups = GROUPS.flatMap(([facet, filter]) => {
    const values = facets?.[facet] ?? []
    if (values.length === 0) return []
    const current = filter === 'lang' ? state.lang : state.filters?.[filter]
    return [
      h(
        'div',
        { class: 'facet-group', 'data-facet': facet },
        h('h3', { class: 'facet-title' }, m.facet[facet]),
        h(
          'ul',
          { class: 'facet-values' },
          values.map((v, i) => {
            const selected = current === v.value
            const choose = () => {
              if (filter === 'lang') actions.setLang(selected ? null : (v.value as Lang))
              else actions.setFilter(filter, selected ? null : v.value)
            }
            // The first few values show; the rest wait behind "more" (selected ones always show).
            return h(
              'li',
              { class: i >= SHOWN && !selected ? 'facet-extra' : undefined },
              h(
                'button',
                {
                  type: 'button',
                  class: 'facet-value',
                  'aria-pressed': String(selected),
                  'data-value': v.value,
                  onclick: choose,
                },
                facetValueName(facet, v.value, facets),
                h('span', { class: 'facet-count' }, ` ${v.count.toLocaleString()}`),
              ),
            )
          }),
        ),
        values.length > SHOWN ? moreToggle() : null,
      ),
    ]
  })

  return h(
    'details',
    {
      class: 'facets-panel',
      open: !(options.compact || options.collapsed) || active.length > 0,
    },
    h('summary', {}, m.facetsLabel),
    chips,
    h(
      'div',
      { class: 'facet-controls' },
      dateInput('from', m.dateFrom, state, actions),
      dateInput('to', m.dateTo, state, actions),
      options.compact ? null : sort,
    ),
    h('div', { class: 'facet-groups' }, groups),
    facets?.sampled ? h('p', { class: 'hint' }, m.facetsSampled) : null,
  )
}

/** Values shown per facet before "more". */
const SHOWN = 5

/** Shows or hides a facet's values beyond the first {@link SHOWN}. */
function moreToggle(): HTMLElement {
  const m = t()
  const button = h(
    'button',
    { type: 'button', class: 'link-button facet-more', 'aria-expanded': 'false' },
    m.moreValues,
  )
  button.addEventListener('click', () => {
    const group = button.closest('.facet-group')
    const open = group?.classList.toggle('expanded') ?? false
    button.setAttribute('aria-expanded', String(open))
    button.textContent = open ? m.fewerValues : m.moreValues
  })
  return button
}

function filterName(key: FilterKey): string {
  const m = t()
  if (key === 'from') return m.dateFrom
  if (key === 'to') return m.dateTo
  return m.facet[key]
}

function dateInput(
  key: 'from' | 'to',
  label: string,
  state: UiState,
  actions: FacetActions,
): HTMLElement {
  const input = h('input', {
    type: 'date',
    class: 'date-filter',
    value: normaliseDate(state.filters?.[key], key),
    'aria-label': label,
  })
  input.addEventListener('change', () => actions.setFilter(key, input.value || null))
  return h('label', { class: 'date-label' }, `${label} `, input)
}

/** A filter date (`2025`, `2025-03`) widened to the day a date input can show. */
function normaliseDate(value: string | undefined, key: 'from' | 'to'): string {
  if (!value) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  if (/^\d{4}-\d{2}$/.test(value)) {
    if (key === 'from') return `${value}-01`
    const [y, mo] = value.split('-').map(Number) as [number, number]
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate()
    return `${value}-${String(last).padStart(2, '0')}`
  }
  return key === 'from' ? `${value}-01-01` : `${value}-12-31`
}
