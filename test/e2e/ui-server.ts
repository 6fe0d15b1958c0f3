/**
 * Starts the real application for the browser test: a fresh PGlite data directory, a few
 * sample documents ingested through the real pipeline, the web UI built by Vite, and the HTTP
 * app served on a random loopback port.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { build } from 'vite'
import { loadConfig } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { readFiles } from '#pipeline/ingest/read-files.ts'
import { bootstrap } from '#src/bootstrap.ts'

/** A running server; `close()` stops it and deletes its data. */
export interface UiServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string
  /** A document whose text contains HTML markup, to check that the reader shows it as text. */
  readonly hostileDocId: string
  /** Stores more documents (as a later ingest would), to see what the UI makes of new ones. */
  ingest(docs: readonly RawDoc[]): Promise<void>
  close(): Promise<void>
}

/** Two documents per language, enough to search in each. */
const SAMPLE_FILES = [
  'en/en-001.json',
  'en/en-002.json',
  'ru/ru-001.json',
  'ru/ru-004.json',
  'kk/kk-002.json',
  'kk/kk-008.json',
]

const HOSTILE: RawDoc = {
  id: 'e2e-markup',
  source: 'e2e test',
  url: 'javascript:alert(1)',
  format: 'text',
  raw: 'Police in Taraz detained a man. The page contained <img src=x onerror=alert(1)> and <script>alert(2)</script> as text.\n',
  published: '2025-01-01',
}

/** Builds the UI, fills a temporary database and serves both. */
export async function startUiServer(): Promise<UiServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tergeu-e2e-'))
  const webRoot = join(dir, 'web')
  await build({
    configFile: join(import.meta.dirname, '../../web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
  })

  const config = loadConfig({ TERGEU_DATA_DIR: join(dir, 'db') })
  const runtime = await bootstrap(config, { cwd: dir })
  const docs: RawDoc[] = [HOSTILE]
  const samples = SAMPLE_FILES.map((f) => join(import.meta.dirname, '../../samples', f))
  for await (const r of readFiles(samples)) {
    if (!r.ok) throw new Error(`sample ${r.source}: ${r.reason}`)
    docs.push(r.doc)
  }
  const report = await runtime.ingest(docs)
  if (report.failed.length > 0) throw new Error(`ingest failed: ${JSON.stringify(report.failed)}`)

  const app = runtime.createHttpApp({ staticRoot: webRoot })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hostileDocId: HOSTILE.id,
    async ingest(more) {
      const added = await runtime.ingest(more)
      if (added.failed.length > 0) throw new Error(`ingest failed: ${JSON.stringify(added.failed)}`)
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runtime.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
