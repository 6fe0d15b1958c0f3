import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { lockDataDir } from './data-dir-lock.ts'

describe('lockDataDir', () => {
  test('refuses a second holder with a message naming the process, and frees on release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tergeu-lock-'))
    try {
      const release = await lockDataDir(dir)

      await assert.rejects(lockDataDir(dir), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'unavailable')
        assert.match(error.message, new RegExp(`in use by process ${process.pid}`))
        return true
      })
      await release()
      const again = await lockDataDir(dir)
      await again()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('takes over a lock left by a process that is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tergeu-lock-'))
    try {
      // PIDs stop well below 2^22 on Linux, so this one cannot be running.
      await writeFile(join(dir, 'tergeu.lock'), '4194999')

      const release = await lockDataDir(dir)

      assert.equal(await readFile(join(dir, 'tergeu.lock'), 'utf8'), String(process.pid))
      await release()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
