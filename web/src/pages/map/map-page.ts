/**
 * The map view of a search: Kazakhstan's regions (or Central Asia's countries) shaded by how many
 * of the matching documents name a place in each, drawn as SVG from the boundaries the API
 * sends. Choosing an area filters the results by it. A table under the map gives the same
 * numbers for keyboards and screen readers.
 *
 * @module web/pages/map/map-page
 */
import type { MapResponse } from '#api/contract.ts'
import { h, svg } from '../../lib/dom.ts'
import {
  classBreaks,
  colourClass,
  fitProjection,
  labelPoint,
  NONE,
  type Projection,
  pathOf,
  SCALE,
} from '../../lib/geo.ts'
import { formatCount, plural, t } from '../../lib/i18n.ts'

/** What the map asks of the app shell. */
export interface MapActions {
  /** Filters the results by an area (a gazetteer id or a country code) and shows the list. */
  readonly chooseArea: (id: string) => void
  readonly setArea: (area: 'kz' | 'asia') => void
}

const WIDTH = 720
const HEIGHT = 400
/** Areas narrower than this (in pixels) get a disc. */
const SMALL_PX = 12

function pixelSize(geometry: Parameters<typeof labelPoint>[0], project: Projection): number {
  const d = pathOf(geometry, project)
  const xs = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[1]))
  return xs.length ? Math.max(...xs) - Math.min(...xs) : 0
}

/** Builds the map with its switch, legend, note and table. */
export function mapView(map: MapResponse, actions: MapActions): HTMLElement {
  const m = t()
  const project = fitProjection(
    map.features.map((f) => f.geometry),
    WIDTH,
    HEIGHT,
  )
  const max = Math.max(0, ...map.features.map((f) => f.properties.count))
  const describe = (f: MapResponse['features'][number]) => {
    const p = f.properties
    const count = m.mapCount(formatCount(p.count), plural(p.count, m.documents))
    return p.includes.length
      ? `${p.name} (${m.mapIncludes(p.includes.join(', '))}): ${count}`
      : `${p.name}: ${count}`
  }

  // Zero areas first, so the borders of shaded areas are drawn on top.
  const ordered = [...map.features].sort((a, b) => a.properties.count - b.properties.count)
  const shapes = ordered.map((f) => {
    const cls = colourClass(f.properties.count, max)
    const choose = () => actions.chooseArea(f.id)
    const path = svg(
      'path',
      {
        d: pathOf(f.geometry, project),
        fill: cls < 0 ? NONE : (SCALE[cls] as string),
        class: f.properties.count > 0 ? 'area has-count' : 'area',
        'data-id': f.id,
        'data-count': f.properties.count,
        tabindex: f.properties.count > 0 ? 0 : -1,
        role: f.properties.count > 0 ? 'button' : undefined,
        'aria-label': describe(f),
        'fill-rule': 'evenodd',
      },
      svg('title', {}, describe(f)),
    )
    if (f.properties.count > 0) {
      path.addEventListener('click', choose)
      path.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          choose()
        }
      })
    }
    return path
  })
  // Cities of republican significance are a few pixels wide: a disc marks them, same colour.
  const discs = map.features
    .filter((f) => pixelSize(f.geometry, project) < SMALL_PX)
    .map((f) => {
      const [cx, cy] = labelPoint(f.geometry, project)
      const cls = colourClass(f.properties.count, max)
      const disc = svg(
        'circle',
        {
          cx,
          cy,
          r: 7,
          fill: cls < 0 ? NONE : (SCALE[cls] as string),
          class: f.properties.count > 0 ? 'area city has-count' : 'area city',
          'data-id': f.id,
          'aria-hidden': 'true',
        },
        svg('title', {}, describe(f)),
      )
      if (f.properties.count > 0) disc.addEventListener('click', () => actions.chooseArea(f.id))
      return disc
    })
  const labels = map.features
    .filter((f) => f.properties.count > 0)
    .map((f) => {
      const [x, y] = labelPoint(f.geometry, project)
      const small = pixelSize(f.geometry, project) < SMALL_PX
      return svg(
        'text',
        {
          x: small ? x + 10 : x,
          y: small ? y - 8 : y + 4,
          class: 'area-count',
          'text-anchor': small ? 'start' : 'middle',
          'aria-hidden': 'true',
        },
        formatCount(f.properties.count),
      )
    })

  const areaSwitch = h(
    'div',
    { class: 'map-switch', role: 'group' },
    (['kz', 'asia'] as const).map((area) =>
      h(
        'button',
        {
          type: 'button',
          class: 'tab',
          'aria-pressed': String(map.area === area),
          onclick: () => actions.setArea(area),
        },
        area === 'kz' ? m.mapKazakhstan : m.mapCentralAsia,
      ),
    ),
  )
  const title = m.mapTitle(map.area === 'kz' ? m.mapKazakhstan : m.mapCentralAsia)
  const figure = h(
    'figure',
    { class: 'map' },
    svg(
      'svg',
      {
        viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
        class: 'map-svg',
        role: 'img',
        'aria-label': title,
      },
      shapes,
      discs,
      labels,
    ),
    h('figcaption', {}, title),
  )
  const legend = h(
    'div',
    { class: 'map-legend', 'aria-label': m.mapLegend },
    h('span', { class: 'legend-title' }, `${m.mapLegend}: `),
    classBreaks(max).map((b) =>
      h(
        'span',
        { class: 'legend-step' },
        h('span', { class: 'legend-box', 'data-colour': b.colour }),
        `≥ ${formatCount(b.from)}`,
      ),
    ),
  )
  // Colours without inline styles (the CSP forbids them): each box gets its fill as an SVG.
  for (const box of legend.querySelectorAll<HTMLElement>('.legend-box')) {
    box.append(
      svg(
        'svg',
        { width: 14, height: 14, 'aria-hidden': 'true' },
        svg('rect', { width: 14, height: 14, fill: box.dataset['colour'] ?? NONE }),
      ),
    )
  }
  const rows = map.features
    .filter((f) => f.properties.count > 0)
    .sort((a, b) => b.properties.count - a.properties.count)
  const table = rows.length
    ? h(
        'table',
        { class: 'map-table' },
        h('thead', {}, h('tr', {}, h('th', {}, m.mapTableArea), h('th', {}, m.mapTableCount))),
        h(
          'tbody',
          {},
          rows.map((f) =>
            h(
              'tr',
              {},
              h(
                'td',
                {},
                h(
                  'button',
                  { type: 'button', class: 'link-button', onclick: () => actions.chooseArea(f.id) },
                  f.properties.includes.length
                    ? `${f.properties.name} (${m.mapIncludes(f.properties.includes.join(', '))})`
                    : f.properties.name,
                ),
              ),
              h('td', { class: 'num' }, formatCount(f.properties.count)),
            ),
          ),
        ),
      )
    : h('p', { class: 'hint' }, m.mapNone)
  return h(
    'section',
    { class: 'map-view' },
    areaSwitch,
    figure,
    legend,
    map.area === 'kz' ? h('p', { class: 'hint map-note' }, m.mapNote) : null,
    table,
  )
}

/** The List | Map | Charts | Network switch above the results. */
export function viewSwitch(
  view: 'map' | 'charts' | 'graph' | null | undefined,
  onChange: (view: 'map' | 'charts' | 'graph' | null) => void,
): HTMLElement {
  const m = t()
  const tabs = [
    [null, m.viewList],
    ['map', m.viewMap],
    ['charts', m.viewCharts],
    ['graph', m.viewGraph],
  ] as const
  return h(
    'div',
    { class: 'view-switch', role: 'group', 'aria-label': m.views },
    tabs.map(([value, label]) =>
      h(
        'button',
        {
          type: 'button',
          class: 'tab',
          'data-view': value ?? 'list',
          'aria-pressed': String((view ?? null) === value),
          onclick: () => onChange(value),
        },
        label,
      ),
    ),
  )
}
