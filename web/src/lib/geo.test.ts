import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { classBreaks, colourClass, fitProjection, type Geometry, pathOf, SCALE } from './geo.ts'

const SQUARE: Geometry = {
  type: 'Polygon',
  coordinates: [
    [
      [50, 40],
      [60, 40],
      [60, 50],
      [50, 50],
      [50, 40],
    ],
  ],
}

describe('geo', () => {
  test('fits the geometries into the box, north up, keeping the aspect', () => {
    const project = fitProjection([SQUARE], 400, 400, 0)

    const [x1, y1] = project(50, 50)
    const [x2, y2] = project(60, 40)
    assert.ok(y1 < y2, 'north is up')
    assert.ok(x1 < x2, 'east is right')
    assert.ok(x1 >= 0 && x2 <= 400 && y1 >= 0 && y2 <= 400, 'inside the box')
    // At 45°N a degree of longitude is shorter than one of latitude.
    assert.ok(x2 - x1 < y2 - y1)
  })

  test('writes one closed subpath per ring', () => {
    const d = pathOf(
      { type: 'MultiPolygon', coordinates: [SQUARE.coordinates, SQUARE.coordinates] },
      fitProjection([SQUARE], 100, 100),
    )
    assert.equal(d.match(/M/g)?.length, 2)
    assert.equal(d.match(/Z/g)?.length, 2)
  })

  test('colours zero apart and darkens with the count, the maximum darkest', () => {
    assert.equal(colourClass(0, 100), -1)
    assert.equal(colourClass(100, 100), SCALE.length - 1)
    assert.ok(colourClass(1, 100) < colourClass(30, 100))
    const breaks = classBreaks(100)
    assert.equal(breaks[0]?.from, 1)
    assert.ok(breaks.every((b, i) => i === 0 || b.from > (breaks[i - 1]?.from ?? 0)))
    assert.deepEqual(classBreaks(1), [{ from: 1, colour: SCALE[SCALE.length - 1] }])
    for (const b of classBreaks(100)) assert.equal(SCALE[colourClass(b.from, 100)], b.colour)
  })
})
