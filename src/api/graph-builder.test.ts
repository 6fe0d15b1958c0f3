import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { GraphMention } from '#storage/graph-repository.ts'
import { buildGraph } from './graph-builder.ts'

function person(docId: string, name: string, key = `person:${name}`): GraphMention {
  return { docId, key, kind: 'person', name, entityId: key.startsWith('e') ? key.slice(1) : null }
}
function org(docId: string, name: string): GraphMention {
  return { docId, key: `organization:${name}`, kind: 'organization', name, entityId: null }
}

describe('buildGraph', () => {
  test('one node per entity across spellings, edges weighted by shared documents', () => {
    const { nodes, edges } = buildGraph(
      [
        person('a', 'Мухтар Аблязов', 'e7'),
        person('b', 'Mukhtar Ablyazov', 'e7'),
        person('c', 'Mukhtar Ablyazov', 'e7'),
        org('a', 'БТА Банк'),
        org('b', 'БТА Банк'),
        person('c', 'Ilyas Khrapunov'),
      ],
      [],
      10,
    )

    const ablyazov = nodes.find((n) => n.id === 'e7')
    assert.equal(ablyazov?.documents, 3)
    assert.equal(ablyazov?.name, 'Mukhtar Ablyazov', 'the most frequent spelling names the node')
    assert.equal(ablyazov?.entityId, '7')
    const bank = edges.find((e) => [e.source, e.target].includes('organization:БТА Банк'))
    assert.equal(bank?.weight, 2)
    assert.equal(edges.length, 2)
  })

  test("an event's subject and agency are tied by the event type", () => {
    const { edges } = buildGraph(
      [person('a', 'Ерлан Жумабаев'), org('a', 'КНБ'), org('a', 'Интерпол')],
      [{ docId: 'a', type: 'arrest', subjects: ['Ерлан Жумабаев'], agencies: ['КНБ'] }],
      10,
    )
    const between = (a: string, b: string) =>
      edges.find((e) => [e.source, e.target].sort().join('|') === [a, b].sort().join('|'))
    const tie = between('person:Ерлан Жумабаев', 'organization:КНБ')
    assert.deepEqual(tie?.events, { arrest: 1 })
    assert.deepEqual(
      between('organization:КНБ', 'organization:Интерпол')?.events,
      {},
      'named together only',
    )
  })

  test('keeps the most documented nodes, and the expanded one even when it is rare', () => {
    const mentions = [
      ...['a', 'b', 'c'].map((d) => person(d, 'Common Name')),
      ...['a', 'b'].map((d) => person(d, 'Second Name')),
      person('c', 'Rare Name'),
    ]
    const top = buildGraph(mentions, [], 2)
    assert.deepEqual(top.nodes.map((n) => n.name).sort(), ['Common Name', 'Second Name'])
    const expanded = buildGraph(mentions, [], 2, 'person:Rare Name')
    assert.ok(expanded.nodes.some((n) => n.name === 'Rare Name'))
  })
})
