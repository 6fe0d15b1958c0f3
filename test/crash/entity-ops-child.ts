/**
 * Child process of `crash-*.test.ts`: applies a plan of analysts' entity changes (merges,
 * splits, undos) through the same repository the CLI and the API use (`tergeu entities merge` /
 * `split` / `undo`), one transaction each, and prints `done KEY` after each. Every change is
 * made with `by` = its plan key, so a restarted run sees in the entity log which changes were
 * committed before the kill and skips them: resuming must end in the same state as one
 * uninterrupted run.
 *
 * usage: node --import tsx test/crash/entity-ops-child.ts PLAN.json
 * (the database comes from DATABASE_URL / TERGEU_DATA_DIR, as for the CLI)
 */
import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import { loadConfig } from '#config/config.ts'
import { bootstrap } from '#src/bootstrap.ts'

/** One change of the plan. */
export type Op =
  | {
      readonly key: string
      readonly action: 'merge'
      readonly into: string
      readonly from: string[]
    }
  | {
      readonly key: string
      readonly action: 'split'
      readonly id: string
      readonly mentions: string[]
    }
  | { readonly key: string; readonly action: 'undo'; readonly undoes: string }

const planFile = process.argv[2]
if (!planFile) {
  process.stderr.write('usage: entity-ops-child.ts PLAN.json\n')
  process.exit(2)
}
const plan = JSON.parse(await readFile(planFile, 'utf8')) as Op[]
const runtime = await bootstrap(loadConfig(process.env), { cwd: process.cwd() })
try {
  const db = runtime.database.db
  const logIdOf = async (key: string): Promise<string | null> => {
    const r = await sql<{ id: string }>`
      select id::text as id from entity_log where by_user = ${key} order by id limit 1`.execute(db)
    return r.rows[0]?.id ?? null
  }
  process.stdout.write('ready\n')
  for (const op of plan) {
    if ((await logIdOf(op.key)) !== null) {
      process.stdout.write(`skip ${op.key}\n`)
      continue
    }
    if (op.action === 'merge') await runtime.entities.merge(op.into, op.from, op.key)
    else if (op.action === 'split') await runtime.entities.split(op.id, op.mentions, op.key)
    else {
      const target = await logIdOf(op.undoes)
      if (target === null) throw new Error(`${op.key}: ${op.undoes} is not in the log`)
      await runtime.entities.undo(target, op.key)
    }
    process.stdout.write(`done ${op.key}\n`)
  }
} finally {
  await runtime.close()
}
