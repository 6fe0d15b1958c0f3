import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { captureIo } from '../../../test/helpers/capture-io.ts'
import { EXIT } from '../command.ts'
import { ratesCommand } from './rates.ts'

describe('tergeu rates', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-rates-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('imports a good file into the data directory and uses it for lookups', async () => {
    await writeFile(
      join(dir, 'good.csv'),
      'date,currency,per_usd\n2025-04,KZT,512.5\n2025-04-03,RUB,84.1\n',
    )
    const c = captureIo(dir)

    const code = await ratesCommand.run(['import', 'good.csv'], c.io)

    assert.equal(code, EXIT.ok)
    assert.equal(
      await readFile(join(dir, '.tergeu', 'rates.csv'), 'utf8'),
      'date,currency,per_usd,source\n2025-04,KZT,512.5,user rate\n2025-04-03,RUB,84.1,user rate\n',
    )
    const l = captureIo(dir)
    assert.equal(await ratesCommand.run(['lookup', 'kzt', '2025-04-20'], l.io), EXIT.ok)
    assert.equal(l.out(), 'KZT 2025-04 512.5 per USD (user rate)\n')
  })

  test('rejects a file with bad rows, one line each, and writes nothing', async () => {
    await writeFile(
      join(dir, 'bad.csv'),
      'date,currency,per_usd\n2025-02-30x,KZT,1\n2025-05,KZT,0\n',
    )
    const c = captureIo(dir)

    const code = await ratesCommand.run(['import', 'bad.csv', '--data-dir', 'other'], c.io)

    assert.equal(code, EXIT.failure)
    assert.equal(
      c.err(),
      'tergeu rates: bad.csv: line 2: bad date "2025-02-30x" (expected YYYY, YYYY-MM or YYYY-MM-DD)\n' +
        'tergeu rates: bad.csv: line 3: bad per_usd "0" (expected a positive number)\n',
    )
    await assert.rejects(readFile(join(dir, 'other', 'rates.csv')))
  })

  test('falls back to the shipped annual average and says when there is none', async () => {
    const ok = captureIo(dir)
    assert.equal(await ratesCommand.run(['lookup', 'EUR', '2019-06-01'], ok.io), EXIT.ok)
    assert.equal(ok.out(), 'EUR 2019 0.893276 per USD (World Bank WDI annual average)\n')

    const none = captureIo(dir)
    assert.equal(await ratesCommand.run(['lookup', 'XAU', '2019'], none.io), EXIT.failure)
    assert.equal(none.err(), 'tergeu rates: no rate for XAU on 2019\n')
  })

  test('reports a missing action as a usage error', async () => {
    await assert.rejects(ratesCommand.run([], captureIo(dir).io), /missing action/)
  })
})
