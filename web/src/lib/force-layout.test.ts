import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { layout } from './force-layout.ts'

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y)

describe('force layout', () => {
  test('linked nodes end closer than unlinked ones, inside the box', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f']
    const links = [
      { source: 'a', target: 'b', weight: 3 },
      { source: 'b', target: 'c', weight: 3 },
      { source: 'a', target: 'c', weight: 3 },
      { source: 'd', target: 'e', weight: 3 },
      { source: 'e', target: 'f', weight: 3 },
      { source: 'd', target: 'f', weight: 3 },
    ]
    const p = layout(ids, links, 600, 400)
    const at = (id: string) => p.get(id) as { x: number; y: number }

    const within = (dist(at('a'), at('b')) + dist(at('d'), at('e'))) / 2
    const across = (dist(at('a'), at('d')) + dist(at('c'), at('f'))) / 2
    assert.ok(within < across, `within ${within.toFixed(0)} < across ${across.toFixed(0)}`)
    for (const q of p.values()) assert.ok(q.x >= 0 && q.x <= 600 && q.y >= 0 && q.y <= 400)
  })

  test('is deterministic, and handles one node and no links', () => {
    const ids = ['x', 'y', 'z']
    const links = [{ source: 'x', target: 'y', weight: 1 }]
    assert.deepEqual(layout(ids, links, 300, 300), layout(ids, links, 300, 300))
    assert.equal(layout(['only'], [], 300, 300).size, 1)
  })

  test('lays out 300 nodes fast enough for a page', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `n${i}`)
    const links = ids.slice(1).map((id, i) => ({ source: `n${i}`, target: id, weight: 1 }))
    const t0 = performance.now()
    layout(ids, links, 800, 600)
    assert.ok(performance.now() - t0 < 3000)
  })
})
