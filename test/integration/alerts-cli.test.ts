/**
 * `tergeu alerts` over an embedded database: watch a name in Latin and a saved search, ingest
 * invented articles, list the alerts (text and JSON), unwatch; mistakes are usage errors.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { CommandIo } from '#cli/command.ts'
import { main } from '#cli/main.ts'
import { captureIo } from '../helpers/capture-io.ts'

/** The shared captured io, shaped as this file uses it (`io.out()` beside `io.stdout`). */
function capture(dir: string): CommandIo & { out(): string; err(): string } {
  const c = captureIo(dir, { TERGEU_DATA_DIR: join(dir, 'data') })
  return { ...c.io, out: c.out, err: c.err }
}

describe('tergeu alerts', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-alerts-cli-'))
    await writeFile(
      join(dir, 'kk-arrest.txt'),
      'Атырауда кәсіпкер Бауыржан Сейтқалиев ұсталды\n\nАтырау облысы полиция департаментінің қызметкерлері кәсіпкер Бауыржан Сейтқалиевті алаяқтық жасады деген күдікпен ұстады. Ол үлескерлерден 120 миллион теңге алған.',
    )
    await writeFile(
      join(dir, 'ru-roads.txt'),
      'В Атырау отремонтируют дороги\n\nАкимат Атырау объявил о ремонте двенадцати улиц летом. Работы оценены в 900 миллионов тенге.',
    )
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('watches a Latin name, alerts on the Kazakh article only, once', async () => {
    let io = capture(dir)
    assert.equal(await main(['alerts', 'watch', '--name', 'Baurzhan Seitkaliyev', '--json'], io), 0)
    const { subject } = JSON.parse(io.out()) as { subject: { id: string; kind: string } }
    assert.equal(subject.kind, 'name')

    io = capture(dir)
    assert.equal(await main(['alerts', 'watch', '--search', 'q=ремонт&lang=ru'], io), 0)
    assert.match(io.out(), /search\s+q=ремонт&lang=ru/)

    io = capture(dir)
    assert.equal(await main(['ingest', 'kk-arrest.txt', 'ru-roads.txt'], io), 0, io.err())
    // The same files again: nothing new.
    assert.equal(await main(['ingest', 'kk-arrest.txt', 'ru-roads.txt'], capture(dir)), 0)

    io = capture(dir)
    assert.equal(await main(['alerts', 'list', '--json'], io), 0)
    const { alerts } = JSON.parse(io.out()) as {
      alerts: {
        subject: { id: string; kind: string }
        document: { id: string }
        reason: { matchedName?: string }
      }[]
    }
    assert.equal(alerts.length, 2, io.out())
    const byName = alerts.find((a) => a.subject.id === subject.id)
    assert.equal(byName?.document.id, 'kk-arrest')
    assert.match(byName?.reason.matchedName ?? '', /Сейтқалиев/)
    assert.equal(alerts.find((a) => a.subject.kind === 'search')?.document.id, 'ru-roads')

    io = capture(dir)
    assert.equal(await main(['alerts', 'list'], io), 0)
    assert.match(io.out(), /why: .*Baurzhan.*~/)

    io = capture(dir)
    assert.equal(await main(['alerts', 'unwatch', subject.id], io), 0)
    io = capture(dir)
    assert.equal(await main(['alerts', 'unwatch', subject.id], io), 1)
    io = capture(dir)
    assert.equal(await main(['alerts', 'subjects'], io), 0)
    assert.doesNotMatch(io.out(), /Baurzhan/)
  })

  test('mistakes are usage errors', async () => {
    const io = capture(dir)
    assert.equal(await main(['alerts', 'watch', '--name', 'X Y', '--search', 'q=a'], io), 2)
    assert.equal(await main(['alerts', 'watch', '--search', 'q=a&colour=red'], capture(dir)), 2)
    assert.equal(await main(['alerts', 'frobnicate'], capture(dir)), 2)
  })
})
