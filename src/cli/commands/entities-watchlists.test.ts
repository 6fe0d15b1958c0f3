import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '#cli/main.ts'
import { captureIo } from '../../../test/helpers/capture-io.ts'

// An invented report and an invented list: one listed person is in the news, one is not.
const DOCS = [
  {
    id: 'ru-arrest',
    published: '2025-03-14',
    text: 'В Алматы задержан подозреваемый в мошенничестве\n\nПолицейские Алматы задержали Ерлана Сапарова, подозреваемого в мошенничестве на 23 млн тенге.',
  },
]
const CSV =
  'name,aliases,birth_date,country,identifiers\nYerlan Saparov,Saparov Yerlan,1985-06-12,KZ,\nNurlan Bekmukhambetov,,,KZ,\n'

describe('tergeu watchlists', () => {
  let dir: string
  const run = async (...argv: string[]) => {
    const c = captureIo(dir, {
      TERGEU_DATA_DIR: join(dir, 'data'),
      TERGEU_TEST_DATABASE_URL: 'off',
    })
    const code = await main(argv, c.io)
    return { code, out: c.out(), err: c.err() }
  }
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-watchlists-'))
    await writeFile(join(dir, 'docs.jsonl'), DOCS.map((d) => JSON.stringify(d)).join('\n'))
    await writeFile(join(dir, 'local-list.csv'), CSV)
    assert.equal((await run('ingest', 'docs.jsonl')).code, 0)
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('import a CSV, list it, and cross-reference it with the record', async () => {
    const imported = await run('watchlists', 'import', 'local-list.csv', '--json')
    assert.equal(imported.code, 0, imported.err)
    assert.equal(JSON.parse(imported.out).entries, 2)
    assert.match((await run('watchlists', 'list')).out, /local-list {2}csv {2}2 entries/)
    const xref = await run('watchlists', 'xref', '--json')
    assert.equal(xref.code, 0, xref.err)
    const hits = JSON.parse(xref.out).hits as {
      name: string
      matches: { roles: { role: string }[] }[]
    }[]
    assert.deepEqual(
      hits.map((h) => h.name),
      ['Yerlan Saparov'],
    )
    assert.equal(hits[0]?.matches[0]?.roles[0]?.role, 'suspect')
  })

  test('usage errors exit 2', async () => {
    assert.equal((await run('watchlists', 'import')).code, 2)
    assert.equal((await run('watchlists', 'import', 'x.txt')).code, 2)
  })
})
