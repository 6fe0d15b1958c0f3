import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import type { CommandIo } from '#cli/command.ts'
import { main } from '#cli/main.ts'
import { namesFromCsv } from './screen.ts'

interface Captured extends CommandIo {
  out(): string
  err(): string
}

function capture(dir: string): Captured {
  let out = ''
  let err = ''
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk))
        done()
      },
    })
  return {
    stdout: sink((s) => {
      out += s
    }),
    stderr: sink((s) => {
      err += s
    }),
    env: { TERGEU_DATA_DIR: join(dir, 'data'), TERGEU_TEST_DATABASE_URL: 'off' },
    cwd: dir,
    out: () => out,
    err: () => err,
  }
}

const DOCS = [
  {
    id: 'ru-fraud',
    published: '2025-03-14',
    text: 'В Алматы задержан подозреваемый в мошенничестве\n\nПолицейские Алматы задержали Ерлана Сапарова, подозреваемого в мошенничестве на 23 млн тенге. Возбуждено уголовное дело по статье 190 УК РК.',
  },
  {
    id: 'en-court',
    published: '2025-09-02',
    text: 'Almaty court sentences fraudster\n\nAn Almaty court sentenced Yerlan Saparov to seven years in prison for fraud, police spokeswoman Saltanat Azirbek said on Tuesday.',
  },
]

describe('tergeu screen', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-screen-'))
    await writeFile(join(dir, 'docs.jsonl'), DOCS.map((d) => JSON.stringify(d)).join('\n'))
    await writeFile(join(dir, 'names.csv'), 'name\nСапаров Ерлан\n"Azirbek, Saltanat"\n')
    const io = capture(dir)
    assert.equal(await main(['ingest', 'docs.jsonl'], io), 0, io.err())
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('prints a readable block per name: the suspect flagged, with crimes and articles', async () => {
    const io = capture(dir)

    const code = await main(['screen', 'Yerlan Saparov', 'Нурлан Ахметов'], io)

    assert.equal(code, 0, io.err())
    const out = io.out()
    // Both spellings are one resolved person: one match listing both names and both articles.
    assert.match(out, /^Yerlan Saparov: 1 match\(es\)$/m)
    assert.match(out, /SUSPECT {2}Yerlan Saparov {2}\(2 doc\(s\); convict×1, suspect×1\)/)
    assert.match(out, /^ {9}entity: \d+$/m)
    assert.match(out, /^ {9}names: Yerlan Saparov; Ерлан Сапаров$/m)
    assert.match(out, /2025-03-14 {2}ru-fraud {2}\[suspect\]/)
    assert.match(out, /crimes: fraud/)
    assert.match(out, /2025-09-02 {2}en-court {2}\[convict\] {2}Almaty court sentences fraudster/)
    assert.match(out, /^Нурлан Ахметов: no match$/m)
    assert.match(io.err(), /1 of 2 name\(s\) found/)
  })

  test('--csv with a header and --json give one result per row, spokeswoman not flagged', async () => {
    const io = capture(dir)

    const code = await main(['screen', '--csv', 'names.csv', '--json'], io)

    assert.equal(code, 0, io.err())
    const body = JSON.parse(io.out()) as {
      results: {
        query: string
        matches: { name: string; flagged: boolean; roles: { role: string }[] }[]
      }[]
    }
    assert.deepEqual(
      body.results.map((r) => r.query),
      ['Сапаров Ерлан', 'Azirbek, Saltanat'],
    )
    assert.ok(body.results[0]!.matches.every((m) => m.flagged))
    assert.deepEqual(
      body.results[1]!.matches.map((m) => [m.name, m.flagged, m.roles.map((r) => r.role)]),
      [['Saltanat Azirbek', false, ['official']]],
    )
  })

  test('a loaded watchlist entry shows in the human and the --json output', async () => {
    await writeFile(
      join(dir, 'list.csv'),
      'id,name,aliases,birth_date,country,identifiers\ninv-7,Yerlan Saparov,Ерлан Сапаров;Saparov Erlan,1981-04-02,kz,INVENTED-ID-7\n',
    )
    const load = capture(dir)
    assert.equal(await main(['watchlists', 'import', 'list.csv'], load), 0, load.err())

    const io = capture(dir)
    assert.equal(await main(['screen', 'Сапаров Ерлан'], io), 0, io.err())
    const out = io.out()
    assert.match(out, /^Сапаров Ерлан: 1 match\(es\), 1 watchlist hit\(s\)$/m)
    assert.match(out, /LISTED {3}list\/inv-7 {2}Yerlan Saparov$/m)
    assert.match(out, /^ {9}aliases: Ерлан Сапаров/m)
    assert.match(out, /^ {9}identifiers: INVENTED-ID-7$/m)
    assert.match(out, /^ {9}countries: kz$/m)
    assert.match(io.err(), /1 of 1 name\(s\) found in the record, 1 on a watchlist/)

    const json = capture(dir)
    assert.equal(await main(['screen', '--json', 'Yerlan Saparov', 'Нурлан Ахметов'], json), 0)
    const body = JSON.parse(json.out()) as {
      results: {
        matches: { entityId: string | null }[]
        watchlistHits: { watchlist: string; entryId: string; entityIds: string[] }[]
      }[]
    }
    const [saparov, nobody] = body.results
    assert.deepEqual(
      saparov!.watchlistHits.map((h) => [h.watchlist, h.entryId]),
      [['list', 'inv-7']],
    )
    assert.deepEqual(saparov!.watchlistHits[0]!.entityIds, [saparov!.matches[0]!.entityId])
    assert.deepEqual(nobody!.watchlistHits, [])
  })

  test('usage errors are one line and exit 2', async () => {
    for (const args of [['screen'], ['screen', '--limit', '0', 'x'], ['screen', '--bogus']]) {
      const io = capture(dir)

      const code = await main(args, io)

      assert.equal(code, 2)
      assert.match(io.err(), /^tergeu screen: .+\nusage: tergeu screen/)
    }
  })

  test('a CSV: first column, header and blank rows skipped', () => {
    assert.deepEqual(namesFromCsv('Name,country\nТоқаев,KZ\n\n"Ablyazov, Mukhtar",\n'), [
      'Тоқаев',
      'Ablyazov, Mukhtar',
    ])
  })
})
