/**
 * `tergeu reprocess` on an embedded database: documents that match a watch subject after
 * re-extraction raise alerts, once per subject and document, however often they are reprocessed.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { main } from '#cli/main.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'
import { captureIo } from '../../../test/helpers/capture-io.ts'
import { parseSinceVersion } from './reprocess.ts'

describe('tergeu reprocess', () => {
  let dir = ''
  let env: Record<string, string> = {}
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-reprocess-alerts-'))
    env = { TERGEU_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }
    await writeFile(
      join(dir, 'ru-fraud.txt'),
      'В Караганде задержан предприниматель Тимур Абдрахманов\n\nСотрудники департамента полиции Карагандинской области задержали предпринимателя Тимура Абдрахманова по подозрению в мошенничестве. По данным следствия, он получил от дольщиков 85 миллионов тенге.',
    )
    await writeFile(
      join(dir, 'ru-park.txt'),
      'В Караганде откроют новый парк\n\nАкимат Караганды сообщил, что летом в городе откроют парк на берегу озера. Работы оценены в 300 миллионов тенге.',
    )
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const run = async (argv: string[]) => {
    const c = captureIo(dir, env)
    const code = await main(argv, c.io)
    return { code, out: c.out(), err: c.err() }
  }
  const alertDocs = async () => {
    const r = await run(['alerts', 'list', '--json'])
    assert.equal(r.code, 0, r.err)
    const { alerts } = JSON.parse(r.out) as { alerts: { document: { id: string } }[] }
    return alerts.map((a) => a.document.id)
  }
  /** Marks every stored document as produced by the previous version of the first stage. */
  const makeOutdated = async (): Promise<string> => {
    const runtime = await bootstrap(loadConfig(env, []), { cwd: dir })
    try {
      const first = runtime.pipeline.stages[0]!
      const older = runtime.pipeline.version.replace(
        `${first.name}@${first.version}`,
        `${first.name}@${first.version - 1}`,
      )
      await sql`update documents set extractor_version = ${older}`.execute(runtime.database.db)
      return `${first.name}@${first.version}`
    } finally {
      await runtime.close()
    }
  }

  test('raises an alert for a re-extracted document that now matches a subject, once', async () => {
    const ingest = await run(['ingest', 'ru-fraud.txt', 'ru-park.txt'])
    assert.equal(ingest.code, 0, ingest.err)
    // Watched after the documents were stored: the ingest check had nothing to match.
    const watch = await run(['alerts', 'watch', '--name', 'Timur Abdrakhmanov'])
    assert.equal(watch.code, 0, watch.err)
    assert.deepEqual(await alertDocs(), [])

    const since = await makeOutdated()
    const first = await run(['reprocess', '--since-version', since])
    assert.equal(first.code, 0, first.err)
    assert.match(first.err, /^2 stored document\(s\)/m)
    assert.deepEqual(await alertDocs(), ['ru-fraud'])

    // Reprocessed again: the document still matches, but its alert is not raised twice.
    await makeOutdated()
    const second = await run(['reprocess', '--since-version', since])
    assert.equal(second.code, 0, second.err)
    assert.match(second.err, /queued 2 extract job\(s\)/)
    assert.deepEqual(await alertDocs(), ['ru-fraud'])
  })

  test('reads --since-version as N, STAGE@N or current', () => {
    const current = new Map([
      ['extract-money', 3],
      ['extract-persons', 2],
    ])
    assert.deepEqual([...parseSinceVersion('3', current)], [['extract-money', 3]])
    assert.deepEqual([...parseSinceVersion('extract-persons@2', current)], [['extract-persons', 2]])
    assert.deepEqual(parseSinceVersion('current', current), current)
    assert.throws(() => parseSinceVersion('9', current), /no stage is at version 9/)
    assert.throws(() => parseSinceVersion('nope@1', current), /no stage "nope"/)
  })
})
