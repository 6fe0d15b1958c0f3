/**
 * Builds the network graph from the people and organisations of a set of documents: a node per
 * entity (or name, before resolution) sized by its documents, an edge per pair named in the same
 * document (weighted by how many), and event types on the edges between an event's subjects and
 * its agency ("arrest", "extradition"). Pure: tested without a database.
 *
 * @module api/graph-builder
 */
import type { GraphEvent, GraphMention } from '#storage/graph-repository.ts'

/** A node of the graph. */
export interface GraphNode {
  readonly id: string
  readonly kind: 'person' | 'organization'
  readonly name: string
  readonly entityId: string | null
  readonly documents: number
}

/** An edge: two nodes named together, and the events that tie them. */
export interface GraphEdge {
  readonly source: string
  readonly target: string
  /** Documents naming both. */
  readonly weight: number
  /** Event types between them (subject ↔ agency), with counts. */
  readonly events: Readonly<Record<string, number>>
}

/** Nodes in one document beyond this are left out of its pairs (a long list is not a tie). */
const MAX_PER_DOCUMENT = 40

/** Builds the graph: at most `maxNodes` nodes (most documents first) and 4× as many edges. */
export function buildGraph(
  mentions: readonly GraphMention[],
  events: readonly GraphEvent[],
  maxNodes: number,
  /** A node that must stay in (the one being expanded). */
  keep?: string,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const docsOf = new Map<string, Set<string>>()
  const names = new Map<string, Map<string, number>>()
  const meta = new Map<string, { kind: GraphMention['kind']; entityId: string | null }>()
  const keysOfDoc = new Map<string, Set<string>>()
  const keyOfName = new Map<string, string>()
  for (const m of mentions) {
    docsOf.set(m.key, (docsOf.get(m.key) ?? new Set()).add(m.docId))
    const counts = names.get(m.key) ?? new Map<string, number>()
    counts.set(m.name, (counts.get(m.name) ?? 0) + 1)
    names.set(m.key, counts)
    meta.set(m.key, { kind: m.kind, entityId: m.entityId })
    keysOfDoc.set(m.docId, (keysOfDoc.get(m.docId) ?? new Set()).add(m.key))
    keyOfName.set(`${m.docId}\u0000${m.name}`, m.key)
  }
  const ranked = [...docsOf].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
  const kept = new Set(ranked.slice(0, maxNodes).map(([k]) => k))
  if (keep && docsOf.has(keep)) kept.add(keep)

  const edges = new Map<
    string,
    { source: string; target: string; weight: number; events: Record<string, number> }
  >()
  const edgeOf = (a: string, b: string) => {
    const [source, target] = a < b ? [a, b] : [b, a]
    const id = `${source}\u0000${target}`
    let edge = edges.get(id)
    if (!edge) {
      edge = { source, target, weight: 0, events: {} }
      edges.set(id, edge)
    }
    return edge
  }
  for (const keys of keysOfDoc.values()) {
    const inDoc = [...keys]
      .filter((k) => kept.has(k))
      .sort((a, b) => (docsOf.get(b)?.size ?? 0) - (docsOf.get(a)?.size ?? 0))
      .slice(0, MAX_PER_DOCUMENT)
    for (let i = 0; i < inDoc.length; i++) {
      for (let j = i + 1; j < inDoc.length; j++)
        edgeOf(inDoc[i] as string, inDoc[j] as string).weight++
    }
  }
  for (const e of events) {
    const keyOf = (name: string) => keyOfName.get(`${e.docId}\u0000${name}`)
    for (const subject of e.subjects) {
      const s = keyOf(subject)
      if (!s || !kept.has(s)) continue
      for (const agency of e.agencies) {
        const a = keyOf(agency)
        if (!a || a === s || !kept.has(a)) continue
        const edge = edgeOf(s, a)
        edge.events[e.type] = (edge.events[e.type] ?? 0) + 1
        if (edge.weight === 0) edge.weight = 1
      }
    }
  }
  const nodes = [...kept].map((id) => {
    const counts = [...(names.get(id) ?? new Map<string, number>())]
    counts.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    const m = meta.get(id)
    return {
      id,
      kind: m?.kind ?? 'person',
      name: counts[0]?.[0] ?? id,
      entityId: m?.entityId ?? null,
      documents: docsOf.get(id)?.size ?? 0,
    }
  })
  const kept4 = [...edges.values()]
    .sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source))
    .slice(0, Math.max(4 * maxNodes, 8))
  return { nodes, edges: kept4 }
}
