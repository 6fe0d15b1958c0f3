/**
 * The crash-safety scenarios (issue #9, point 3), run on one back-end by
 * `test/integration/crash-pglite.test.ts` and `crash-postgres.test.ts`. In each, a child
 * process (the real CLI, or the entity-change child) is SIGKILLed at random moments and
 * restarted, then the result is compared with an uninterrupted run: nothing committed is lost,
 * nothing is doubled, the work completes.
 *
 * - migrations: `tergeu migrate` on a fresh database, killed, then run to the end: the schema
 *   (every column, index and applied migration) equals that of an uninterrupted migration;
 * - ingest with extraction and entity resolution: `tergeu ingest --progress` killed while
 *   storing, then run to the end: the same documents, facts and entity mentions, no fact twice,
 *   every document resolved once, every entity's mention count equal to its mentions;
 * - analysts' merges, splits and undos (`entities merge` / `split` / `undo` through the same
 *   repository): killed in the middle of a plan of changes, then resumed: every change that
 *   was reported done is in the log exactly once, and the entities, their mentions and the log
 *   are those of an uninterrupted run.
 *
 * `CRASH_ROUNDS` sets the rounds per scenario (1; the nightly job uses 10), `CRASH_SEED`
 * replays the random kill moments of a failing run (its seed is printed).
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { DatabaseHandle } from '#storage/database.ts'
import type { Op } from './entity-ops-child.ts'
import {
  type Backend,
  cli,
  type Db,
  pgliteBackend,
  postgresAvailable,
  postgresBackend,
  ROUNDS,
  random,
  rows,
  run,
  SEED,
  schemaOf,
  withDb,
  writeCorpus,
} from './harness.ts'

const DOCS = 24
const CHILD = new URL('./entity-ops-child.ts', import.meta.url).pathname

/** What the ingest of the corpus stored, comparable across runs. */
async function storeOf(h: DatabaseHandle) {
  const docs = await rows<{ id: string; facts: string; mentions: string }>(
    h,
    `select d.id,
       (select count(*) from facts f where f.doc_id = d.id)::text as facts,
       (select count(*) from entity_mentions m where m.doc_id = d.id)::text as mentions
     from documents d order by d.id`,
  )
  const doubled = await rows<{ n: string }>(
    h,
    `select count(*)::text as n from (select doc_id, kind, ordinal from facts
     group by doc_id, kind, ordinal having count(*) > 1) d`,
  )
  const resolved = await rows<{ n: string; distinct_docs: string }>(
    h,
    `select count(*)::text as n, count(distinct doc_id)::text as distinct_docs
     from entity_resolved_docs`,
  )
  return {
    docs: docs.map((d) => `${d.id} facts=${d.facts} mentions=${d.mentions}`),
    doubledFacts: Number(doubled[0]?.n),
    resolved: Number(resolved[0]?.n),
    resolvedDistinct: Number(resolved[0]?.distinct_docs),
    counts: await mentionCounts(h),
  }
}

/** Entities whose stored mention count differs from their mentions, and the totals. */
async function mentionCounts(h: DatabaseHandle) {
  const wrong = await rows<{ line: string }>(
    h,
    `select e.id || ' count=' || e.mention_count || ' actual=' ||
       (select count(*) from entity_mentions m where m.entity_id = e.id) as line
     from entities e
     where e.mention_count <> (select count(*) from entity_mentions m where m.entity_id = e.id)`,
  )
  const totals = await rows<{ mentions: string; counted: string; orphans: string }>(
    h,
    `select (select count(*) from entity_mentions)::text as mentions,
       (select coalesce(sum(mention_count), 0) from entities)::text as counted,
       (select count(*) from entity_mentions m
         where not exists (select 1 from entities e where e.id = m.entity_id))::text as orphans`,
  )
  return { wrong: wrong.map((r) => r.line), ...totals[0] }
}

/**
 * The entities as a partition of the mentions (entity ids made by a split may differ between
 * runs: a killed transaction still uses up sequence values), the merges of the original
 * entities, and the log.
 */
async function entitiesOf(h: DatabaseHandle, baseMaxId: number) {
  const live = await rows<{ mentions: string }>(
    h,
    `select string_agg(m.id::text, ',' order by m.id) as mentions
     from entities e join entity_mentions m on m.entity_id = e.id
     where e.merged_into is null group by e.id order by 1`,
  )
  const merged = await rows<{ line: string }>(
    h,
    `select e.id || ' -> ' || case when e.merged_into <= ${baseMaxId} then e.merged_into::text
       else 'new' end as line
     from entities e where e.merged_into is not null and e.id <= ${baseMaxId} order by e.id`,
  )
  const log = await rows<{ line: string }>(
    h,
    `select by_user || ' ' || action || case when undoes is null then '' else ' undoes' end ||
       case when undone_by is null then '' else ' undone' end as line
     from entity_log order by id`,
  )
  return {
    partition: live.map((r) => r.mentions),
    merged: merged.map((r) => r.line),
    log: log.map((r) => r.line),
    counts: await mentionCounts(h),
  }
}

/** A plan of changes over the persons of the ingested corpus. */
async function planOf(h: DatabaseHandle): Promise<{ plan: Op[]; baseMaxId: number }> {
  const people = await rows<{ id: string }>(
    h,
    `select id::text as id from entities where merged_into is null and kind = 'person'
     and mention_count > 0 order by id`,
  )
  const mentions = await rows<{ id: string; entity_id: string }>(
    h,
    `select id::text as id, entity_id::text as entity_id from entity_mentions order by id`,
  )
  const max = await rows<{ n: string }>(h, `select coalesce(max(id), 0)::text as n from entities`)
  const ids = people.map((p) => p.id)
  assert.ok(ids.length >= 8, `the corpus made only ${ids.length} persons`)
  const of = (id: string) => mentions.filter((m) => m.entity_id === id).map((m) => m.id)
  const plan: Op[] = []
  const pairs = Math.min(5, Math.floor((ids.length - 3) / 2))
  for (let k = 0; k < pairs; k++)
    plan.push({
      key: `merge-${k}`,
      action: 'merge',
      into: ids[2 * k] as string,
      from: [ids[2 * k + 1] as string],
    })
  const rest = ids.slice(2 * pairs)
  plan.push({
    key: 'merge-3way',
    action: 'merge',
    into: rest[0] as string,
    from: [rest[1] as string, rest[2] as string],
  })
  // Move the mentions that came with a merge back out, to a new entity.
  for (let k = 0; k < Math.min(2, pairs); k++)
    plan.push({
      key: `split-${k}`,
      action: 'split',
      id: ids[2 * k] as string,
      mentions: of(ids[2 * k + 1] as string),
    })
  plan.push({ key: 'undo-split-0', action: 'undo', undoes: 'split-0' })
  if (pairs > 3) plan.push({ key: 'undo-merge-3', action: 'undo', undoes: 'merge-3' })
  plan.push({ key: 'undo-merge-3way', action: 'undo', undoes: 'merge-3way' })
  return { plan, baseMaxId: Number(max[0]?.n) }
}

/** Registers the scenarios for one back-end. */
export function crashSuite(kind: 'pglite' | 'postgres'): void {
  describe(`crash safety (${kind}): SIGKILL at random moments, then restart`, {
    timeout: 1_200_000,
  }, async () => {
    const available = kind === 'pglite' || (await postgresAvailable())
    let dir = ''
    let backend: Backend
    let corpus = ''
    let base: Db
    const rand = random(SEED + (kind === 'pglite' ? 0 : 1))

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), `tergeu-crash-${kind}-`))
      backend = kind === 'pglite' ? pgliteBackend(dir) : postgresBackend()
      corpus = await writeCorpus(dir, DOCS)
    })

    after(async () => {
      await backend?.cleanup()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    const skip = available ? false : 'PostgreSQL does not answer on 127.0.0.1:5432'

    test('migrations: killed, then run again, the schema equals an uninterrupted run', {
      skip,
    }, async (t) => {
      t.diagnostic(`CRASH_SEED=${SEED} CRASH_ROUNDS=${ROUNDS}`)
      const ref = await backend.fresh('migrate_ref')
      const first = await cli(['migrate'], ref.env)
      assert.equal(first.code, 0, first.stderr)
      const expected = await withDb(ref, schemaOf)
      assert.ok(expected.some((l) => l.startsWith('migration ')))
      let killed = 0
      // The kill moments are drawn from the uninterrupted run's time; when the machine got faster
      // and a run finished first, they are drawn earlier, on a fresh database (up to 5 runs).
      let span = first.ms
      let fresh = 0
      for (let round = 0; round < ROUNDS; round++) {
        let db = await backend.fresh(`migrate_${round}_${fresh++}`)
        let killedNow = 0
        for (let k = 0; k < 2 || (killedNow === 0 && k < 5); k++) {
          const delayMs = Math.round((0.2 + 0.8 * rand()) * span)
          const r = await cli(['migrate'], db.env, { delayMs })
          t.diagnostic(`round ${round}: migrate killed at ${delayMs} ms: ${r.signal ?? r.code}`)
          if (r.signal === 'SIGKILL') {
            killed++
            killedNow++
            continue
          }
          assert.equal(r.code, 0, r.stderr)
          assert.deepEqual(await withDb(db, schemaOf), expected)
          span = Math.min(span, r.ms) * 0.8
          db = await backend.fresh(`migrate_${round}_${fresh++}`)
        }
        const final = await cli(['migrate'], db.env)
        assert.equal(final.code, 0, final.stderr)
        assert.deepEqual(await withDb(db, schemaOf), expected)
      }
      assert.ok(killed > 0, 'no run was killed before it finished')
    })

    test('ingest with extraction and entity resolution: killed, then finished, nothing lost or doubled', {
      skip,
    }, async (t) => {
      base = await backend.fresh('ingest_ref')
      const ref = await cli(['ingest', '--progress', corpus], base.env, {
        delayMs: 600_000,
        after: /^progress \d+\//m,
      })
      assert.equal(ref.code, 0, ref.stderr)
      const expected = await withDb(base, storeOf)
      assert.equal(expected.docs.length, DOCS)
      assert.equal(expected.doubledFacts, 0)
      assert.equal(expected.resolved, DOCS)
      assert.deepEqual(expected.counts.wrong, [])
      assert.ok(Number(expected.counts.mentions) > DOCS, 'the corpus made no entity mentions')
      let storing = ref.ms - (ref.readyMs ?? 0)
      let midway = 0
      let fresh = 0
      for (let round = 0; round < ROUNDS; round++) {
        let db = await backend.fresh(`ingest_${round}_${fresh++}`)
        let killedNow = 0
        for (let k = 0; k < 2 || (killedNow === 0 && k < 5); k++) {
          const delayMs = Math.round(rand() * storing)
          const r = await cli(['ingest', '--progress', corpus], db.env, {
            delayMs,
            after: /^progress \d+\//m,
          })
          t.diagnostic(
            `round ${round}: ingest killed ${delayMs} ms into storing: ${r.signal ?? r.code}`,
          )
          if (r.signal === 'SIGKILL') {
            midway++
            killedNow++
            continue
          }
          // It finished before the kill (the machine got faster): aim earlier, on a fresh one.
          assert.equal(r.code, 0, r.stderr)
          assert.deepEqual(await withDb(db, storeOf), expected)
          storing = Math.min(storing, r.ms - (r.readyMs ?? 0)) * 0.8
          db = await backend.fresh(`ingest_${round}_${fresh++}`)
        }
        const final = await cli(['ingest', corpus], db.env)
        assert.equal(final.code, 0, final.stderr)
        assert.doesNotMatch(final.stderr, /in use by process/)
        assert.deepEqual(await withDb(db, storeOf), expected)
      }
      assert.ok(midway > 0, 'no ingest was killed while storing')
    })

    test("analysts' merges, splits and undos: killed mid-plan, then resumed, same as uninterrupted", {
      skip,
    }, async (t) => {
      assert.ok(base, 'the ingest scenario made the base database')
      const { plan, baseMaxId } = await withDb(base, planOf)
      const planFile = join(dir, 'plan.json')
      await writeFile(planFile, JSON.stringify(plan))
      const child = (db: Db, kill?: { delayMs: number; after: RegExp }) =>
        run(['--import', 'tsx', CHILD, planFile], db.env, kill)

      const refDb = await backend.copy(base, 'ops_ref')
      const ref = await child(refDb, { delayMs: 600_000, after: /^ready$/m })
      assert.equal(ref.code, 0, ref.stderr)
      assert.equal(ref.stdout.match(/^done /gm)?.length, plan.length, ref.stdout)
      const expected = await withDb(refDb, (h) => entitiesOf(h, baseMaxId))
      assert.deepEqual(expected.counts.wrong, [])
      assert.equal(expected.log.length, plan.length)
      const working = ref.ms - (ref.readyMs ?? 0)

      let midPlan = 0
      for (let round = 0; round < ROUNDS; round++) {
        const db = await backend.copy(base, `ops_${round}`)
        let committed: string[] = []
        for (let k = 0; k < 3; k++) {
          const delayMs = Math.round(rand() * working)
          const r = await child(db, { delayMs, after: /^ready$/m })
          const done = [...r.stdout.matchAll(/^done (\S+)$/gm)].map((m) => m[1] as string)
          const skipped = [...r.stdout.matchAll(/^skip (\S+)$/gm)].map((m) => m[1] as string)
          committed = [...new Set([...committed, ...done])]
          t.diagnostic(
            `round ${round}: killed ${delayMs} ms after ready: ${r.signal ?? r.code}, ${done.length} done, ${skipped.length} skipped`,
          )
          if (r.signal === 'SIGKILL' && committed.length > 0 && committed.length < plan.length)
            midPlan++
          if (r.signal !== 'SIGKILL') {
            assert.equal(r.code, 0, r.stderr)
            break
          }
        }
        const final = await child(db)
        assert.equal(final.code, 0, final.stderr)
        // Every change reported done before a kill is found committed by the restart.
        for (const key of committed)
          assert.match(final.stdout, new RegExp(`^skip ${key}$`, 'm'), `${key} was done, then lost`)
        assert.deepEqual(await withDb(db, (h) => entitiesOf(h, baseMaxId)), expected)
      }
      // A kill can land before the first change or after the last; over rounds some must not.
      if (ROUNDS >= 3) assert.ok(midPlan > 0, 'no run was killed in the middle of the plan')
    })
  })
}
