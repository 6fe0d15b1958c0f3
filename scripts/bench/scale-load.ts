/**
 * Bulk-loads generated rows into PostgreSQL for `npm run bench:scale`: one `psql \copy … from
 * pstdin` per table, fed in parallel from one generator (PostgreSQL parses, computes the
 * documents' search vectors and writes on one backend per table, so the load uses every core).
 *
 * The tables are the repository's own (created by the migrations); the secondary indexes are
 * dropped before the load and created again after it from their own definitions (a GIN or btree
 * built once over a million rows is several times faster than kept up row by row). Foreign keys
 * are not checked during the load (`session_replication_role = replica`, a superuser setting):
 * the generator writes every child row after its parent, in one run.
 *
 * @module scripts/bench/scale-load
 */
import { type ChildProcess, spawn } from 'node:child_process'
import pg from 'pg'

/** A COPY stream into one table through `psql`. */
export class CopyStream {
  private readonly child: ChildProcess
  private readonly done: Promise<void>
  private buffer: string[] = []
  private size = 0
  rows = 0

  constructor(url: string, table: string, columns: readonly string[]) {
    this.child = spawn(
      'psql',
      [
        url,
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy ${table} (${columns.join(', ')}) from pstdin`,
      ],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
        env: {
          ...process.env,
          PGOPTIONS: '-c session_replication_role=replica -c synchronous_commit=off',
        },
      },
    )
    let stderr = ''
    this.child.stderr?.setEncoding('utf8')
    this.child.stderr?.on('data', (s: string) => {
      stderr += s
    })
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', reject)
      this.child.on('exit', (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`psql \\copy ${table} exited ${code}: ${stderr.trim()}`)),
      )
    })
    // A failed psql rejects `done`; surface it even before `end` is awaited.
    this.done.catch(() => {})
  }

  /** Queues one row of values (escaped here). */
  row(values: readonly (string | number | null)[]): void {
    this.line(`${values.map(copyValue).join('\t')}\n`)
  }

  /** Queues one row already in COPY's text format, newline included. */
  line(text: string): void {
    this.buffer.push(text)
    this.size += text.length
    this.rows++
  }

  /** Writes what is queued once it passes 1 MB; waits while the pipe is full. */
  async drain(): Promise<void> {
    if (this.size >= 1 << 20) await this.flush()
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return
    const chunk = this.buffer.join('')
    this.buffer = []
    this.size = 0
    const stdin = this.child.stdin
    if (!stdin) throw new Error('psql has no stdin')
    if (!stdin.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.child.off('exit', onExit)
          resolve()
        }
        const onExit = () => {
          stdin.off('drain', onDrain)
          reject(new Error('psql exited during the load'))
        }
        stdin.once('drain', onDrain)
        this.child.once('exit', onExit)
      })
    }
  }

  /** Sends the rest and waits for psql to commit. */
  async end(): Promise<void> {
    await this.flush()
    this.child.stdin?.end()
    await this.done
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM')
  }
}

const SPECIAL = /[\\\n\r\t]/

/** A value in COPY's text format. */
export function copyValue(v: string | number | null): string {
  if (v === null) return '\\N'
  if (typeof v === 'number') return String(v)
  if (!SPECIAL.test(v)) return v
  return v.replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  )
}

/** A secondary index: its name and the statement that creates it. */
export interface IndexDef {
  readonly name: string
  readonly table: string
  readonly def: string
}

/** The indexes of `tables` that no constraint owns (primary keys and unique constraints stay). */
export async function secondaryIndexes(
  client: pg.Client,
  tables: readonly string[],
): Promise<IndexDef[]> {
  const { rows } = await client.query<{ indexname: string; tablename: string; indexdef: string }>(
    `select i.indexname, i.tablename, i.indexdef from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = any($1::text[])
       and not exists (select 1 from pg_constraint c
                       where c.conname = i.indexname and c.connamespace = current_schema()::regnamespace)
     order by i.tablename, i.indexname`,
    [tables],
  )
  return rows.map((r) => ({ name: r.indexname, table: r.tablename, def: r.indexdef }))
}

/** Creates `indexes` on `parallel` connections, longest tables first; returns seconds per index. */
export async function createIndexes(
  url: string,
  indexes: readonly IndexDef[],
  parallel: number,
  log: (line: string) => void,
): Promise<void> {
  const queue = [...indexes]
  const work = async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query(`set maintenance_work_mem = '1GB'`)
      for (let next = queue.shift(); next; next = queue.shift()) {
        const t = performance.now()
        await client.query(next.def)
        log(`index       ${next.name} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
      }
    } finally {
      await client.end()
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, work))
}
