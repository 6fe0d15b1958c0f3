import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { captureIo } from '../../../test/helpers/capture-io.ts'
import { main } from '../main.ts'

describe('tergeu extract', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-extract-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('writes one gold-shaped file per document and skips a binary file with a reason', async () => {
    const doc = {
      id: 'kk-sample-1',
      source: 'kk-sample-1.txt',
      text: 'Алматыда полиция қызметкерлері алаяқтық жасады деген күдікпен 34 жастағы ер адамды ұстады.',
      published: '2025-03-14',
    }
    await writeFile(join(dir, 'a.json'), JSON.stringify(doc))
    await writeFile(join(dir, 'b.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]))
    const c = captureIo()

    const code = await main(
      [
        'extract',
        '--format',
        'gold',
        '--out',
        join(dir, 'out'),
        join(dir, 'a.json'),
        join(dir, 'b.txt'),
      ],
      c.io,
    )

    assert.equal(code, 3)
    assert.match(c.err(), /skipped .*b\.txt: binary file/)
    const gold = JSON.parse(await readFile(join(dir, 'out', 'kk-sample-1.json'), 'utf8'))
    assert.equal(gold.id, 'kk-sample-1')
    assert.equal(gold.lang, 'kk')
    assert.equal(gold.article_count, 1)
    for (const key of [
      'persons',
      'organizations',
      'locations',
      'money',
      'dates',
      'crimes',
      'events',
      'statistics',
    ]) {
      assert.ok(Array.isArray(gold[key]), `${key} is a list`)
    }
  })

  test('answers a missing --out with one usage line and exit code 2', async () => {
    const c = captureIo()

    const code = await main(['extract', 'x.txt'], c.io)

    assert.equal(code, 2)
    assert.match(c.err(), /^tergeu extract: --out DIR is required\n/)
    assert.doesNotMatch(c.err(), /\n\s+at /)
  })

  test('answers an unknown flag with exit code 2 and no stack trace', async () => {
    const c = captureIo()

    const code = await main(['extract', '--bogus'], c.io)

    assert.equal(code, 2)
    assert.doesNotMatch(c.err(), /\n\s+at /)
  })
})
