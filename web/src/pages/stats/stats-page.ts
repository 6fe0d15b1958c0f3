/**
 * The charts view of a search: matching documents over time, stacked by crime category; money
 * totals by currency; and the statistics the texts report, one small line chart per series with
 * the source of every point. SVG drawn here; no chart library.
 *
 * @module web/pages/stats/stats-page
 */
import type { StatsResponse } from '#api/contract.ts'
import { crimeName } from '../../lib/category-names.ts'
import { compactNumber, niceTicks, timeBuckets } from '../../lib/charts.ts'
import { h, svg } from '../../lib/dom.ts'
import { formatCount, t } from '../../lib/i18n.ts'

/** What the charts ask of the app shell. */
export interface StatsActions {
  readonly openDocument: (id: string) => void
  /** Filters by a crime category (a click on a legend entry). */
  readonly filterCrime: (crime: string) => void
}

/** Colours of the stacked categories (ColorBrewer "Set2"), then grey for the rest. */
const COLOURS = ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f'] as const
const OTHER = '#c8cdd4'

/** Builds the charts. */
export function statsView(stats: StatsResponse, actions: StatsActions): HTMLElement {
  const m = t()
  if (stats.documents === 0) return h('p', { class: 'state empty' }, m.chartNothing)
  return h(
    'section',
    { class: 'stats-view' },
    timelineChart(stats, actions),
    stats.money.length ? moneyTable(stats) : null,
    stats.series.length
      ? h(
          'section',
          { class: 'chart-block' },
          h('h3', {}, m.chartSeries),
          h(
            'div',
            { class: 'series-grid' },
            stats.series.map((s) => seriesChart(s, actions)),
          ),
        )
      : null,
    stats.figures.length
      ? h(
          'section',
          { class: 'chart-block' },
          h('h3', {}, m.chartFigures),
          h(
            'ul',
            { class: 'figures' },
            stats.figures.map((f) =>
              h(
                'li',
                {},
                h('span', { class: 'figure-value' }, formatCount(f.value)),
                ` ${f.unit === 'count' ? '' : `${f.unit} `}— ${f.label}${f.period ? ` (${f.period})` : ''} `,
                sourceLink(f.docId, f.title, actions),
              ),
            ),
          ),
        )
      : null,
  )
}

const W = 680
const H = 220
const PAD = { left: 40, right: 8, top: 8, bottom: 28 }

function timelineChart(stats: StatsResponse, actions: StatsActions): HTMLElement {
  const m = t()
  const { unit, buckets } = timeBuckets(
    stats.months.map((x) => ({ period: x.month, count: x.count, crimes: x.crimes })),
  )
  const shown = stats.crimes.slice(0, COLOURS.length)
  const max = Math.max(1, ...buckets.map((b) => b.count))
  const ticks = niceTicks(max)
  const top = ticks.at(-1) ?? max
  const innerW = W - PAD.left - PAD.right
  const innerH = H - PAD.top - PAD.bottom
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH
  const band = innerW / Math.max(buckets.length, 1)
  const barW = Math.max(2, band * 0.75)
  const every = Math.ceil(buckets.length / 12)

  const bars = buckets.map((b, i) => {
    const x = PAD.left + i * band + (band - barW) / 2
    let base = 0
    const parts = shown.map((crime, c) => {
      const n = Math.min(b.crimes[crime] ?? 0, b.count - base)
      const rect = svg('rect', {
        x,
        y: y(base + n),
        width: barW,
        height: Math.max(0, y(base) - y(base + n)),
        fill: COLOURS[c] as string,
      })
      base += n
      return rect
    })
    const rest = svg('rect', {
      x,
      y: y(b.count),
      width: barW,
      height: Math.max(0, y(base) - y(b.count)),
      fill: OTHER,
    })
    const label = `${b.period}: ${formatCount(b.count)}${shown
      .filter((c) => b.crimes[c])
      .map((c) => `\n${crimeName(c, m.locale)}: ${b.crimes[c]}`)
      .join('')}`
    return svg('g', { class: 'bar' }, svg('title', {}, label), parts, rest)
  })
  const axis = [
    ...ticks.map((v) =>
      svg(
        'g',
        {},
        svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'grid' }),
        svg(
          'text',
          { x: PAD.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' },
          compactNumber(v, m.locale),
        ),
      ),
    ),
    ...buckets.map((b, i) =>
      i % every === 0
        ? svg(
            'text',
            { x: PAD.left + i * band + band / 2, y: H - 8, 'text-anchor': 'middle', class: 'tick' },
            b.period,
          )
        : null,
    ),
  ]
  const legend = h(
    'ul',
    { class: 'chart-legend' },
    shown.map((crime, c) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => actions.filterCrime(crime) },
          swatch(COLOURS[c] as string),
          crimeName(crime, m.locale),
        ),
      ),
    ),
    h('li', {}, swatch(OTHER), m.chartOther),
  )
  return h(
    'section',
    { class: 'chart-block' },
    h('h3', {}, m.chartTimeline(unit)),
    svg(
      'svg',
      {
        viewBox: `0 0 ${W} ${H}`,
        class: 'chart',
        role: 'img',
        'aria-label': m.chartTimeline(unit),
      },
      axis,
      bars,
    ),
    legend,
    stats.undated ? h('p', { class: 'hint' }, m.chartUndated(formatCount(stats.undated))) : null,
  )
}

function moneyTable(stats: StatsResponse): HTMLElement {
  const m = t()
  const num = (v: number | null) => (v === null ? '—' : compactNumber(v, m.locale))
  return h(
    'section',
    { class: 'chart-block' },
    h('h3', {}, m.chartMoney),
    h(
      'table',
      { class: 'money-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [m.chartCurrency, m.chartAmounts, m.chartTotal, m.chartInKzt, m.chartInUsd].map((c) =>
            h('th', {}, c),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        stats.money.map((row) =>
          h(
            'tr',
            {},
            h('td', {}, row.currency),
            h('td', { class: 'num' }, formatCount(row.amounts)),
            h('td', { class: 'num', title: formatCount(row.total) }, num(row.total)),
            h('td', { class: 'num' }, num(row.totalKzt)),
            h('td', { class: 'num' }, num(row.totalUsd)),
          ),
        ),
      ),
    ),
  )
}

function seriesChart(series: StatsResponse['series'][number], actions: StatsActions): HTMLElement {
  const m = t()
  const w = 320
  const hgt = 150
  const pad = { left: 44, right: 10, top: 10, bottom: 24 }
  const values = series.points.map((p) => p.value)
  const ticks = niceTicks(Math.max(...values))
  const top = ticks.at(-1) ?? 1
  const x = (i: number) =>
    pad.left +
    (series.points.length === 1 ? 0 : (i / (series.points.length - 1)) * (w - pad.left - pad.right))
  const y = (v: number) => pad.top + (1 - v / top) * (hgt - pad.top - pad.bottom)
  const line = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)} ${y(p.value)}`).join('')
  const dots = series.points.map((p, i) => {
    const dot = svg(
      'circle',
      { cx: x(i), cy: y(p.value), r: 4, class: 'point', tabindex: 0, role: 'link' },
      svg(
        'title',
        {},
        `${p.period}: ${formatCount(p.value)}\n${m.chartSource(p.title ?? p.docId)}`,
      ),
    )
    dot.addEventListener('click', () => actions.openDocument(p.docId))
    dot.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') actions.openDocument(p.docId)
    })
    return dot
  })
  return h(
    'figure',
    { class: 'series' },
    h(
      'figcaption',
      {},
      series.unit && series.unit !== 'count' ? `${series.label} (${series.unit})` : series.label,
    ),
    svg(
      'svg',
      { viewBox: `0 0 ${w} ${hgt}`, class: 'chart small', role: 'img', 'aria-label': series.label },
      ticks.map((v) =>
        svg(
          'g',
          {},
          svg('line', { x1: pad.left, x2: w - pad.right, y1: y(v), y2: y(v), class: 'grid' }),
          svg(
            'text',
            { x: pad.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' },
            compactNumber(v, m.locale),
          ),
        ),
      ),
      series.points.map((p, i) =>
        svg(
          'text',
          { x: x(i), y: hgt - 6, 'text-anchor': 'middle', class: 'tick' },
          p.period ?? '',
        ),
      ),
      svg('path', { d: line, class: 'series-line' }),
      dots,
    ),
  )
}

function sourceLink(docId: string, title: string | null, actions: StatsActions): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'link-button', onclick: () => actions.openDocument(docId) },
    t().chartSource(title?.trim() || docId),
  )
}

function swatch(colour: string): SVGElement {
  return svg(
    'svg',
    { width: 12, height: 12, class: 'swatch', 'aria-hidden': 'true' },
    svg('rect', { width: 12, height: 12, fill: colour }),
  )
}
