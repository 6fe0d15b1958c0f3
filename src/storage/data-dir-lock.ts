/**
 * A lock file that keeps two processes out of one PGlite data directory: PGlite runs PostgreSQL
 * in-process, with no postmaster to arbitrate, and two writers would corrupt the cluster.
 *
 * @module storage/data-dir-lock
 */
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '#core/errors.ts'

const LOCK_FILE = 'tergeu.lock'

/**
 * Takes the lock of `dataDir` (which must exist) and resolves to its release function. A lock
 * left by a process that no longer runs is taken over. Throws an `unavailable` AppError naming
 * the process that holds it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return async () => {
        await rm(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
      if (Number.isInteger(holder) && (holder === process.pid || isRunning(holder))) {
        throw new AppError(
          'unavailable',
          `the data directory ${dataDir} is in use by process ${holder} (another tergeu serve or ingest); stop it first, or use a PostgreSQL server (DATABASE_URL) to share the data`,
          { details: { dataDir, pid: holder } },
        )
      }
      // Stale: the process that wrote it is gone.
      await rm(file, { force: true })
    }
  }
  throw new AppError('unavailable', `cannot lock the data directory ${dataDir}`)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
