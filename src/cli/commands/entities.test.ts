import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '#cli/main.ts'
import { captureIo } from '../../../test/helpers/capture-io.ts'

// Invented reports of one case in Russian and English, and an article about a namesake coach.
const DOCS = [
  {
    id: 'ru-arrest',
    published: '2025-03-14',
    text: 'В Алматы задержан подозреваемый в мошенничестве\n\nПолицейские Алматы 12 марта задержали Ерлана Сапарова, подозреваемого в мошенничестве на 23 млн тенге. Возбуждено уголовное дело по статье 190 УК РК.',
  },
  {
    id: 'en-sentence',
    published: '2025-09-02',
    text: 'Almaty court sentences fraudster\n\nAn Almaty court on September 1 sentenced Yerlan Saparov to seven years in prison for fraud, police said.',
  },
]

describe('tergeu entities', () => {
  let dir: string
  const env = () => ({ TERGEU_DATA_DIR: join(dir, 'data'), TERGEU_TEST_DATABASE_URL: 'off' })
  async function run(...argv: string[]) {
    const c = captureIo(dir, env())
    const code = await main(argv, c.io)
    return { code, out: c.out(), err: c.err() }
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-entities-'))
    await writeFile(join(dir, 'docs.jsonl'), DOCS.map((d) => JSON.stringify(d)).join('\n'))
    const r = await run('ingest', 'docs.jsonl')
    assert.equal(r.code, 0, r.err)
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('list --q finds the person across scripts; show and timeline print his record', async () => {
    const list = await run('entities', 'list', '--q', 'Сапаров Ерлан', '--kind', 'person', '--json')
    assert.equal(list.code, 0, list.err)
    const items = JSON.parse(list.out).items as { id: string; mentions: number }[]
    assert.equal(items.length, 1)
    assert.equal(items[0]?.mentions, 2)
    const id = items[0]!.id

    const show = await run('entities', 'show', id)
    assert.equal(show.code, 0, show.err)
    assert.match(show.out, /ru-arrest/)
    assert.match(show.out, /en-sentence/)

    const timeline = await run('entities', 'timeline', id, '--json')
    const events = JSON.parse(timeline.out).events as { docId: string; date: string }[]
    assert.ok(events.length >= 2, timeline.out)
    assert.equal(events[0]?.docId, 'ru-arrest')
    assert.equal(events.at(-1)?.docId, 'en-sentence')
  })

  test('split and undo are logged with --by; without --by it is a usage error', async () => {
    const list = await run('entities', 'list', '--q', 'Yerlan Saparov', '--json')
    const id = (JSON.parse(list.out).items as { id: string }[])[0]!.id
    const detail = JSON.parse((await run('entities', 'show', id, '--json')).out) as {
      mentions: { id: string; docId: string }[]
    }
    const en = detail.mentions.find((m) => m.docId === 'en-sentence')!
    assert.equal((await run('entities', 'split', id, '--mentions', en.id)).code, 2)

    const split = await run('entities', 'split', id, '--mentions', en.id, '--by', 'aliya', '--json')
    assert.equal(split.code, 0, split.err)
    const log = JSON.parse(split.out).log as { id: string; by: string; entityIds: string[] }
    assert.equal(log.by, 'aliya')
    assert.equal(log.entityIds.length, 2)

    const history = await run('entities', 'log', '--entity', id)
    assert.match(history.out, /aliya {2}split 1 mention\(s\)/)

    assert.equal((await run('entities', 'undo', log.id, '--by', 'aliya')).code, 0)
    const again = await run('entities', 'undo', log.id, '--by', 'aliya')
    assert.equal(again.code, 1)
    assert.match(again.err, /already undone/)
    const after = JSON.parse((await run('entities', 'show', id, '--json')).out) as {
      mentionCount: number
    }
    assert.equal(after.mentionCount, 2)
  })

  test('an unknown entity is exit code 1, a bad action 2', async () => {
    assert.equal((await run('entities', 'show', '987654')).code, 1)
    assert.equal((await run('entities', 'frobnicate')).code, 2)
  })
})
