import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'

const BIN = new URL('../../bin/tergeu', import.meta.url).pathname

function tergeu(args: string[], cwd: string) {
  const env = { ...process.env, TERGEU_DATA_DIR: join(cwd, 'data'), DATABASE_URL: '' }
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  })
}

describe('bin/tergeu', () => {
  test('ingests a file from a fresh directory and prints the summary, with exit code 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tergeu-bin-'))
    try {
      await writeFile(
        join(dir, 'kk-taraz.txt'),
        'Таразда пара алған шенеунік ұсталды\n\nСыбайлас жемқорлыққа қарсы агенттік Тараз қаласында 2 млн теңге пара алған шенеунікті ұстады.',
      )

      const result = tergeu(['ingest', 'kk-taraz.txt'], dir)

      assert.equal(result.status, 0, result.stderr)
      assert.match(result.stderr, /1 added, 0 updated, 0 unchanged, 0 duplicate\(s\), 0 failed/)
      assert.equal(result.stdout, '')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('answers an unknown flag with one usage line and exit code 2', () => {
    const result = tergeu(['search', '--colour', 'x'], tmpdir())

    assert.equal(result.status, 2)
    assert.equal(result.stderr.trim().split('\n').length, 2)
    assert.match(result.stderr, /^tergeu search: Unknown option '--colour'/)
  })
})
