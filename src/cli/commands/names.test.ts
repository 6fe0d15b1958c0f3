import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { captureIo } from '../../../test/helpers/capture-io.ts'
import { main } from '../main.ts'

describe('tergeu names', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-names-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('compare --csv writes a,b,score,same for every row, keeping the input text', async () => {
    await writeFile(
      join(dir, 'pairs.csv'),
      'a,b\r\n"Ablyazov, Mukhtar",Мухтар Аблязов\r\nТоқаев,Tokayev\r\nИванов Сергей,Иванов Павел\r\n',
    )
    const c = captureIo(dir)
    assert.equal(await main(['names', 'compare', '--csv', 'pairs.csv'], c.io), 0)
    const lines = c.out().trimEnd().split('\n')
    assert.equal(lines[0], 'a,b,score,same')
    assert.match(lines[1]!, /^"Ablyazov, Mukhtar",Мухтар Аблязов,(0|1)\.\d{3},true$/)
    assert.match(lines[2]!, /^Тоқаев,Tokayev,\d\.\d{3},true$/)
    assert.match(lines[3]!, /^Иванов Сергей,Иванов Павел,0\.\d{3},false$/)
  })

  test('compare --csv without a header writes no header', async () => {
    await writeFile(join(dir, 'bare.csv'), 'Аблязова,Аблязов\n')
    const c = captureIo(dir)
    assert.equal(await main(['names', 'compare', '--csv', 'bare.csv'], c.io), 0)
    assert.match(c.out(), /^Аблязова,Аблязов,0\.\d{3},true\n$/)
  })

  test('compare A B prints score, decision and reasons', async () => {
    const c = captureIo(dir)
    assert.equal(await main(['names', 'compare', 'Мухтар Аблязов', 'Мадияр Аблязов'], c.io), 0)
    assert.match(c.out(), /^score 0\.\d{3}\nsame false\n/)
    assert.match(c.out(), /conflict: Мухтар ~ Мадияр/)
  })

  test('variants prints one variant per line', async () => {
    const c = captureIo(dir)
    assert.equal(await main(['names', 'variants', 'Тоқаев'], c.io), 0)
    const lines = c.out().trimEnd().split('\n')
    for (const v of ['Toqaev', 'Tokayev', 'Tokaev', 'Токаев', 'Тоқаева', 'Токаеву'])
      assert.ok(lines.includes(v), v)
  })

  test('ids lists checksum-valid IIN and phones', async () => {
    await writeFile(
      join(dir, 'text.txt'),
      'ИИН 850101300124, тел. +7 701 123 45 67, ИИН 850101300125',
    )
    const c = captureIo(dir)
    assert.equal(await main(['names', 'ids', 'text.txt'], c.io), 0)
    assert.equal(
      c.out(),
      'iin\t850101300124\tKZ\t4-16\t1985-01-01 m\nphone\t+77011234567\tKZ\t23-39\n',
    )
  })

  test('usage errors exit 2 with one line; a missing file exits 1', async () => {
    for (const args of [
      ['names'],
      ['names', 'frobnicate'],
      ['names', 'compare', 'only-one'],
      ['names', 'compare', 'a', 'b', '--threshold', '2'],
    ]) {
      const c = captureIo(dir)
      assert.equal(await main(args, c.io), 2, args.join(' '))
      assert.match(c.err(), /^tergeu names: .+\n/)
    }
    const c = captureIo(dir)
    assert.equal(await main(['names', 'compare', '--csv', 'missing.csv'], c.io), 1)
    assert.match(c.err(), /ENOENT|no such file/)
  })

  test('hostile CSV (unterminated quote, NUL bytes, 10,000-character names) is answered fast', async () => {
    const long = 'Аблязов'.repeat(1500)
    await writeFile(
      join(dir, 'hostile.csv'),
      `${long},Ablyazov\n\u0000\u0001,💥\nonly-one-field\n"unterminated,x\n`,
    )
    const c = captureIo(dir)
    const t0 = performance.now()
    assert.equal(await main(['names', 'compare', '--csv', 'hostile.csv'], c.io), 0)
    assert.ok(performance.now() - t0 < 2000)
    const lines = c.out().trimEnd().split('\n')
    assert.equal(lines.length, 2)
    assert.equal(lines[1], '\u0000\u0001,💥,0.000,false')
    assert.match(c.err(), /row 3: expected two fields/)
  })

  test('--help exits 0', async () => {
    const c = captureIo(dir)
    assert.equal(await main(['names', '--help'], c.io), 0)
    assert.match(c.out(), /usage: tergeu names variants NAME/)
  })
})
