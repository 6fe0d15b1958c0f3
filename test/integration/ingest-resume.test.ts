/**
 * Issue #5, point 7: an ingest killed at any moment (SIGKILL: no handler runs, no lock is
 * released, a transaction may be half-written) and restarted loses no document, stores none
 * twice and doubles no fact. The real binary runs over an embedded data directory in a temp
 * folder; the test kills it at several moments, restarts it, and compares the result with an
 * uninterrupted run over the same input.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { openDatabase } from '#storage/database.ts'

const BIN = new URL('../../bin/tergeu', import.meta.url).pathname

interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** When to SIGKILL a run: `delayMs` after it starts, or after its stderr first matches `after`. */
interface Kill {
  readonly after?: RegExp
  readonly delayMs: number
}

/** Runs `tergeu ingest --progress corpus` over `dataDir` and resolves with how it ended. */
function ingest(cwd: string, dataDir: string, kill?: Kill): Promise<Run & { ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [BIN, 'ingest', '--progress', 'corpus'], {
      cwd,
      env: { ...process.env, TERGEU_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    const timers = [setTimeout(() => child.kill('SIGKILL'), 300_000)]
    const arm = () => timers.push(setTimeout(() => child.kill('SIGKILL'), kill?.delayMs ?? 0))
    if (kill && !kill.after) arm()
    let armed = false
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      if (kill?.after && !armed && kill.after.test(stderr)) {
        armed = true
        arm()
      }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      for (const t of timers) clearTimeout(t)
      resolve({ code, signal, stderr, ms: performance.now() - started })
    })
  })
}

// Invented press-release sentences: every document differs in names, places and figures, so
// none is an exact duplicate of another and each yields facts (money, dates, persons, places).
const CITIES = ['Almaty', 'Astana', 'Shymkent', 'Taraz', 'Aktobe', 'Pavlodar', 'Semey', 'Oral']
const RU_CITIES = ['Алматы', 'Астане', 'Шымкенте', 'Таразе', 'Актобе', 'Павлодаре', 'Семее']
const KK_CITIES = ['Алматыда', 'Астанада', 'Шымкентте', 'Таразда', 'Ақтөбеде', 'Павлодарда']
const SURNAMES = ['Bekov', 'Omarov', 'Sadykov', 'Nurlanov', 'Tulegenov', 'Zhakupov', 'Abenov']
const RU_SURNAMES = ['Беков', 'Омаров', 'Садыков', 'Нурланов', 'Тулегенов', 'Жакупов']

function pick<T>(items: readonly T[], i: number): T {
  return items[i % items.length] as T
}

function documentText(i: number): string {
  const amount = ((i * 7919) % 90_000) + 1000
  const day = (i % 27) + 1
  if (i % 3 === 0)
    return [
      `Police in ${pick(CITIES, i)} detain suspect number ${i} in fraud case`,
      `${pick(CITIES, i)}, ${day} March 2025 — Officers of the Economic Investigation Service detained ${pick(SURNAMES, i)} Arman, ${20 + (i % 40)}, on suspicion of fraud. The damage exceeds ${amount} thousand tenge.`,
      `Investigators seized ${(i % 50) + 2} bank cards and ${(amount % 700) + 100} US dollars in cash. A criminal case has been opened under Article 190 of the Criminal Code; case file ${i}.`,
    ].join('\n\n')
  if (i % 3 === 1)
    return [
      `В ${pick(RU_CITIES, i)} задержан подозреваемый в мошенничестве (дело ${i})`,
      `${day} марта 2025 года сотрудники полиции задержали ${pick(RU_SURNAMES, i)}а Асета, ${20 + (i % 40)} лет. Ущерб превышает ${amount} тысяч тенге.`,
      `У задержанного изъяли ${(i % 50) + 2} банковских карт. Возбуждено уголовное дело по статье 190 УК, номер материала ${i}.`,
    ].join('\n\n')
  return [
    `${pick(KK_CITIES, i)} алаяқтық жасады деген күдікті ұсталды (іс ${i})`,
    `2025 жылғы ${day} наурызда полиция қызметкерлері ${20 + (i % 40)} жастағы тұрғынды ұстады. Келтірілген залал ${amount} мың теңгеден асады.`,
    `Күдіктіден ${(i % 50) + 2} банк картасы тәркіленді. Қылмыстық кодекстің 190-бабы бойынша іс қозғалды, материал нөмірі ${i}.`,
  ].join('\n\n')
}

const FILES = 240
const JSONL_LINES = 40
// Reprints of the first documents under other ids, with a line added: near duplicates that
// must join their original's story.
const REPRINTS = 20
const TOTAL = FILES + JSONL_LINES + REPRINTS

async function writeCorpus(dir: string): Promise<void> {
  await mkdir(join(dir, 'corpus', 'nested'), { recursive: true })
  for (let i = 0; i < FILES; i++) {
    const folder = i % 2 === 0 ? 'corpus' : join('corpus', 'nested')
    await writeFile(join(dir, folder, `doc-${String(i).padStart(4, '0')}.txt`), documentText(i))
  }
  const lines = []
  for (let i = FILES; i < FILES + JSONL_LINES; i++)
    lines.push(JSON.stringify({ id: `line-${i}`, text: documentText(i), published: '2025-03-01' }))
  for (let i = 0; i < REPRINTS; i++) {
    // Of documents stored before the list (even numbers lie in corpus/, read before feed.jsonl).
    const text = `${documentText(2 * i)}\n\nReprinted from the regional police press service with permission.`
    lines.push(JSON.stringify({ id: `reprint-${2 * i}`, text }))
  }
  await writeFile(join(dir, 'corpus', 'feed.jsonl'), `${lines.join('\n')}\n`)
}

interface Stored {
  readonly documents: number
  readonly ids: readonly string[]
  /** Facts and annotations per document id. */
  readonly facts: ReadonlyMap<string, number>
  readonly annotations: ReadonlyMap<string, number>
  readonly duplicateFacts: number
  readonly stories: number
  /** `doc_id kind match_of` of every story link, sorted. */
  readonly links: readonly string[]
  /** Entity mentions per document, and documents whose entities were resolved. */
  readonly mentions: ReadonlyMap<string, number>
  readonly resolved: number
}

async function readStore(dataDir: string): Promise<Stored> {
  const handle = await openDatabase({ kind: 'pglite', dataDir })
  try {
    const db = handle.db
    const ids = (await db.selectFrom('documents').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    )
    const facts = await db
      .selectFrom('facts')
      .select(['doc_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('doc_id')
      .execute()
    const annotations = await db
      .selectFrom('annotations')
      .select(['doc_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('doc_id')
      .execute()
    const doubled = await sql<{ n: string }>`
      select count(*) as n from (
        select doc_id, kind, ordinal from facts group by doc_id, kind, ordinal having count(*) > 1
      ) d`.execute(db)
    const stories = await sql<{ n: string }>`
      select count(*) as n from story_signatures`.execute(db)
    const mentions = await sql<{ doc_id: string; n: string }>`
      select doc_id, count(*) as n from entity_mentions group by doc_id`.execute(db)
    const resolved = await sql<{ n: string }>`
      select count(*) as n from entity_resolved_docs`.execute(db)
    const links = await sql<{ line: string }>`
      select doc_id || ' ' || kind || ' ' || coalesce(match_of, '-') as line
      from story_signatures order by doc_id`.execute(db)
    return {
      documents: ids.length,
      ids,
      facts: new Map(facts.map((r) => [r.doc_id, Number(r.n)])),
      annotations: new Map(annotations.map((r) => [r.doc_id, Number(r.n)])),
      duplicateFacts: Number(doubled.rows[0]?.n ?? 0),
      stories: Number(stories.rows[0]?.n ?? 0),
      links: links.rows.map((r) => r.line),
      mentions: new Map(mentions.rows.map((r) => [r.doc_id, Number(r.n)])),
      resolved: Number(resolved.rows[0]?.n ?? 0),
    }
  } finally {
    await handle.close()
  }
}

describe('tergeu ingest killed with SIGKILL and restarted', { timeout: 900_000 }, () => {
  let dir = ''
  let reference: Stored

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-resume-'))
    await writeCorpus(dir)
    const run = await ingest(dir, join(dir, 'reference'))
    assert.equal(run.code, 0, run.stderr)
    reference = await readStore(join(dir, 'reference'))
  })

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('an uninterrupted run stores every document once, with its facts', () => {
    assert.equal(reference.documents, TOTAL)
    assert.equal(reference.stories, TOTAL)
    assert.equal(reference.duplicateFacts, 0)
    assert.equal(reference.resolved, TOTAL)
    // The texts carry money, dates and places: a run that stored no facts would prove nothing.
    const withFacts = [...reference.facts.values()].filter((n) => n > 0).length
    assert.ok(withFacts > TOTAL * 0.9, `only ${withFacts} documents have facts`)
    const near = reference.links.filter((l) => l.startsWith('reprint-') && / near doc-/.test(l))
    assert.equal(
      near.length,
      REPRINTS,
      reference.links.filter((l) => l.startsWith('reprint')).join('\n'),
    )
  })

  test('killed at several moments, then finished: nothing lost, nothing doubled', async () => {
    const dataDir = join(dir, 'killed')
    // During start-up (creating the cluster, migrations), then at moments spread over the
    // storing of documents (the first progress line comes after the first document), then
    // while near duplicates are being linked into stories (after the last document).
    const started = /^progress \d+\//m
    const allDone = new RegExp(`^progress ${TOTAL}/${TOTAL} `, 'm')
    const kills: Kill[] = [
      { delayMs: 1500 },
      { after: started, delayMs: 0 },
      { after: started, delayMs: 400 },
      { after: started, delayMs: 1500 },
      { after: started, delayMs: 3000 },
      { after: allDone, delayMs: 50 },
      { after: allDone, delayMs: 300 },
    ]
    const killedRuns: Run[] = []
    for (const kill of kills) {
      const run = await ingest(dir, dataDir, kill)
      killedRuns.push(run)
      // A run may finish before its kill lands (the last delays on a fast machine): still fine.
      if (run.signal !== 'SIGKILL') assert.equal(run.code, 0, run.stderr)
    }
    assert.ok(
      killedRuns.filter((r) => r.signal === 'SIGKILL').length >= 5,
      'the runs ended before they could be killed',
    )
    // The restart must not be blocked by the lock file the killed process left behind.
    const final = await ingest(dir, dataDir)
    assert.equal(final.code, 0, final.stderr)
    assert.doesNotMatch(final.stderr, /in use by process/)

    const store = await readStore(dataDir)
    assert.equal(store.documents, TOTAL)
    assert.deepEqual(store.ids, reference.ids)
    assert.equal(store.duplicateFacts, 0)
    assert.deepEqual(store.facts, reference.facts)
    assert.deepEqual(store.annotations, reference.annotations)
    // Every document is linked into exactly one story (the links are written after the
    // documents, so a kill between the two must be caught up by the restart).
    assert.equal(store.stories, TOTAL)
    assert.deepEqual(store.links, reference.links)
    // Entities are resolved for every document, the ones stored just before a kill included.
    assert.equal(store.resolved, TOTAL)
    assert.deepEqual(store.mentions, reference.mentions)

    // And once more: nothing left to do, nothing added.
    const again = await ingest(dir, dataDir)
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stderr, new RegExp(` 0 added, 0 updated, ${TOTAL} unchanged`))
    assert.match(again.stderr, / 0 near duplicate\(s\) linked/)
    assert.deepEqual((await readStore(dataDir)).links, reference.links)
  })
})
