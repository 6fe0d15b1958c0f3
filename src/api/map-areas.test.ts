import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadAreas, placesWithin } from './map-areas.ts'

describe('map areas', () => {
  test('every current region of Kazakhstan is drawn, the 2018 and 2022 ones inside their old polygons', () => {
    const { features, areaOf } = loadAreas('kz')
    const drawn = new Set(features.map((f) => f.id))

    for (const region of [
      'KZ-AKM',
      'KZ-AKT',
      'KZ-ALM',
      'KZ-KAR',
      'KZ-VOS',
      'KZ-TUR',
      'KZ-AST',
      'KZ-ALA',
    ]) {
      assert.ok(drawn.has(region), `${region} has a polygon`)
    }
    assert.equal(areaOf['KZ-ABA'], 'KZ-VOS', 'Abai is counted in East Kazakhstan')
    assert.equal(areaOf['KZ-ZHT'], 'KZ-ALM', 'Jetisu in Almaty region')
    assert.equal(areaOf['KZ-ULT'], 'KZ-KAR', 'Ulytau in Karaganda region')
    assert.equal(areaOf['KZ-SHY'], 'KZ-TUR', 'Shymkent in Turkistan region')
  })

  test('a city counts in its region, and a foreign place nowhere on the Kazakhstan map', () => {
    const { areaOf } = loadAreas('kz')

    assert.equal(areaOf['KZ-TAR'], 'KZ-ZHA', 'Taraz is in Zhambyl region')
    assert.equal(areaOf['KZ-ALA'], 'KZ-ALA', 'Almaty city is its own area')
    assert.equal(areaOf['KG'], undefined)
  })

  test('on the Central Asia map every place counts in its country', () => {
    const { features, areaOf } = loadAreas('asia')

    assert.deepEqual(
      ['KZ', 'KG', 'UZ', 'TJ', 'TM'].filter((c) => features.some((f) => f.id === c)),
      ['KZ', 'KG', 'UZ', 'TJ', 'TM'],
    )
    assert.equal(areaOf['KZ-ALA'], 'KZ')
  })

  test('an area filter stands for the places within it, as the map draws them', () => {
    const almatyRegion = placesWithin('KZ-ALM')
    assert.ok(almatyRegion.includes('KZ-ALM'))
    assert.ok(almatyRegion.includes('KZ-ZHT'), 'Jetisu is drawn inside Almaty region')
    assert.ok(!almatyRegion.includes('KZ-ALA'), 'Almaty city is its own area')

    const kazakhstan = placesWithin('KZ')
    assert.ok(kazakhstan.includes('KZ-ALA') && kazakhstan.includes('KZ-TAR'))
    assert.ok(!kazakhstan.includes('KG'))
  })
})
