/**
 * The network view of a search: people and organisations named together, laid out by force,
 * sized by their documents. Choosing a node shows its links and offers its profile, a filter by
 * it, and "expand" (everyone named with it in any document). Types can be hidden.
 *
 * @module web/pages/graph/graph-page
 */
import type { GraphResponse } from '#api/contract.ts'
import { eventName } from '../../lib/category-names.ts'
import { h, svg } from '../../lib/dom.ts'
import { layout, type Point } from '../../lib/force-layout.ts'
import { formatCount, plural, t } from '../../lib/i18n.ts'

/** What the graph asks of the app shell. */
export interface GraphActions {
  readonly openEntity: (entityId: string) => void
  readonly filterBy: (kind: 'person' | 'organization', name: string) => void
  /** Fetches the graph around a node (every document naming it). */
  readonly expand: (nodeId: string) => Promise<GraphResponse>
}

const W = 760
const H = 560
/** Labels are drawn for this many of the most documented nodes (and the chosen one's links). */
const LABELLED = 25

/** Builds the view. */
export function graphView(initial: GraphResponse, actions: GraphActions): HTMLElement {
  const m = t()
  let graph: GraphResponse = initial
  let positions = new Map<string, Point>()
  let selected: string | null = null
  const hidden = new Set<'person' | 'organization'>()

  const canvas = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'graph-svg',
    role: 'img',
    'aria-label': m.viewGraph,
  })
  const caption = h('p', { class: 'hint' })
  const info = h('div', { class: 'graph-info', 'aria-live': 'polite' })

  const toggles = (['person', 'organization'] as const).map((kind) => {
    const box = h('input', { type: 'checkbox', checked: true, 'data-kind': kind })
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(kind)
      else hidden.add(kind)
      draw()
    })
    return h('label', { class: `graph-toggle kind-${kind}` }, box, ` ${m.annotation[kind]}`)
  })

  function relayout(): void {
    positions = layout(
      graph.nodes.map((n) => n.id),
      graph.edges,
      W,
      H,
      { start: positions },
    )
  }

  function draw(): void {
    const visible = graph.nodes.filter((n) => !hidden.has(n.kind))
    const shown = new Set(visible.map((n) => n.id))
    const edges = graph.edges.filter((e) => shown.has(e.source) && shown.has(e.target))
    const neighbours = new Set<string>()
    if (selected) {
      for (const e of edges) {
        if (e.source === selected) neighbours.add(e.target)
        if (e.target === selected) neighbours.add(e.source)
      }
    }
    const labelled = new Set(
      [...visible]
        .sort((a, b) => b.documents - a.documents)
        .slice(0, LABELLED)
        .map((n) => n.id),
    )
    const lit = (id: string) => !selected || id === selected || neighbours.has(id)
    const lines = edges.map((e) => {
      const a = positions.get(e.source)
      const b = positions.get(e.target)
      if (!a || !b) return null
      const eventTypes = Object.keys(e.events)
      return svg(
        'line',
        {
          x1: a.x,
          y1: a.y,
          x2: b.x,
          y2: b.y,
          class: `edge${eventTypes.length ? ' has-events' : ''}${lit(e.source) && lit(e.target) && (!selected || e.source === selected || e.target === selected) ? '' : ' dim'}`,
          'stroke-width': Math.min(6, 0.6 + Math.log2(1 + e.weight)),
        },
        eventTypes.length
          ? svg('title', {}, eventTypes.map((x) => eventName(x, m.locale)).join(', '))
          : null,
      )
    })
    const dots = visible.map((n) => {
      const p = positions.get(n.id)
      if (!p) return null
      const r = 4 + 2.2 * Math.sqrt(n.documents)
      const g = svg(
        'g',
        {
          class: `node kind-${n.kind}${n.id === selected ? ' selected' : ''}${lit(n.id) ? '' : ' dim'}`,
          'data-id': n.id,
          tabindex: 0,
          role: 'button',
          'aria-label': `${n.name}, ${formatCount(n.documents)} ${plural(n.documents, m.documents)}`,
        },
        svg('circle', { cx: p.x, cy: p.y, r }),
        labelled.has(n.id) || n.id === selected || neighbours.has(n.id)
          ? svg('text', { x: p.x + r + 2, y: p.y + 4, class: 'node-label' }, n.name)
          : null,
        svg('title', {}, `${n.name} (${formatCount(n.documents)})`),
      )
      const choose = () => select(n.id === selected ? null : n.id)
      g.addEventListener('click', choose)
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          choose()
        }
      })
      return g
    })
    canvas.replaceChildren(...lines.filter((x) => x !== null), ...dots.filter((x) => x !== null))
    caption.textContent = m.graphTitle(formatCount(visible.length), formatCount(graph.documents))
  }

  function select(id: string | null): void {
    selected = id
    draw()
    const node = graph.nodes.find((n) => n.id === id)
    if (!node) {
      info.replaceChildren(h('p', { class: 'hint' }, m.graphHint))
      return
    }
    const links = graph.edges.filter((e) => e.source === node.id || e.target === node.id)
    const expand = h('button', { type: 'button', class: 'link-button' }, m.graphExpand)
    expand.addEventListener('click', async () => {
      expand.setAttribute('aria-busy', 'true')
      try {
        merge(await actions.expand(node.id))
        relayout()
        select(node.id)
      } finally {
        expand.removeAttribute('aria-busy')
      }
    })
    info.replaceChildren(
      h('h3', {}, node.name),
      h(
        'p',
        { class: 'hint' },
        `${m.annotation[node.kind]} · ${formatCount(node.documents)} ${plural(node.documents, m.documents)} · ${m.graphLinks(formatCount(links.length))}`,
      ),
      h(
        'p',
        { class: 'graph-actions' },
        node.entityId
          ? h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                onclick: () => actions.openEntity(node.entityId as string),
              },
              m.openProfile,
            )
          : null,
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            onclick: () => actions.filterBy(node.kind, node.name),
          },
          m.graphFilter,
        ),
        expand,
      ),
    )
  }

  function merge(more: GraphResponse): void {
    const nodes = new Map(graph.nodes.map((n) => [n.id, n]))
    for (const n of more.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n)
    const edges = new Map(graph.edges.map((e) => [`${e.source}\u0000${e.target}`, e]))
    for (const e of more.edges)
      if (!edges.has(`${e.source}\u0000${e.target}`)) edges.set(`${e.source}\u0000${e.target}`, e)
    graph = { documents: graph.documents, nodes: [...nodes.values()], edges: [...edges.values()] }
  }

  if (graph.nodes.length === 0) return h('p', { class: 'state empty' }, m.graphEmpty)
  relayout()
  draw()
  select(null)
  return h(
    'section',
    { class: 'graph-view' },
    h('div', { class: 'graph-controls' }, h('span', {}, `${m.graphShow}: `), toggles),
    caption,
    canvas,
    info,
  )
}
