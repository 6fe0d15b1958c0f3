// The dependency rules of STYLE §4.2 / docs/architecture.md, checked over every import under
// src/ and web/src/. The matrix below is the source of truth; change it there and in the doc.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, test } from 'node:test'

type Layer = 'core' | 'pipeline' | 'storage' | 'api' | 'cli' | 'config' | 'bootstrap' | 'web'

/** What each layer may import (besides itself). `api/contract` is the one file web may use. */
const ALLOWED: Readonly<Record<Layer, readonly string[]>> = {
  core: [],
  pipeline: ['core'],
  storage: ['core'],
  api: ['core', 'pipeline', 'storage'],
  cli: ['core', 'pipeline', 'storage', 'api', 'config', 'bootstrap'],
  config: ['core'],
  bootstrap: ['core', 'pipeline', 'storage', 'api', 'config'],
  web: ['core', 'api/contract'],
}

/** Packages a layer must not reach: side effects (database, HTTP) stay at the edges. */
const SERVER_PACKAGES = /^(?:kysely|pg|@electric-sql\/|hono|@hono\/)/
const DENIED_PACKAGES: Readonly<Partial<Record<Layer, RegExp>>> = {
  core: SERVER_PACKAGES,
  pipeline: SERVER_PACKAGES,
  config: SERVER_PACKAGES,
  web: /^(?:node:|kysely|pg|@electric-sql\/|hono|@hono\/|linkedom|iconv-lite)/,
}

const ROOT = resolve(import.meta.dirname, '..')
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s+['"]([^'"]+)['"]/g

/** The layer of a repo-relative path, or `null` outside the layered code. */
function layerOf(path: string): Layer | 'api/contract' | 'test' | null {
  if (path.startsWith('web/src/')) return 'web'
  if (path.startsWith('test/')) return 'test'
  if (path === 'src/bootstrap.ts') return 'bootstrap'
  if (path === 'src/api/contract.ts') return 'api/contract'
  const m = /^src\/(core|pipeline|storage|api|cli|config)\//.exec(path)
  return m ? (m[1] as Layer) : null
}

function targetOf(from: string, specifier: string): string | null {
  if (specifier.startsWith('#src/')) return `src/${specifier.slice(5)}`
  const alias = /^#(core|pipeline|storage|api|cli|config)\/(.*)$/.exec(specifier)
  if (alias) return `src/${alias[1]}/${alias[2]}`
  if (specifier.startsWith('.'))
    return relative(ROOT, resolve(ROOT, dirname(from), specifier))
      .split('\\')
      .join('/')
  return null
}

/** Lists the rule violations of one file's imports, as readable messages. */
function checkImports(file: string, source: string): string[] {
  const from = layerOf(file)
  if (from === null || from === 'test') return []
  const fromLayer: Layer = from === 'api/contract' ? 'api' : from
  const problems: string[] = []
  for (const m of source.matchAll(IMPORT)) {
    const specifier = m[1] ?? m[2] ?? m[3] ?? ''
    const target = targetOf(file, specifier)
    if (target === null) {
      // Tests run in Node whatever they test (node:test, node:assert in web/src too).
      const denied = file.endsWith('.test.ts') ? undefined : DENIED_PACKAGES[fromLayer]
      if (denied?.test(specifier)) problems.push(`${file} may not import ${specifier}`)
      continue
    }
    const to = layerOf(target)
    if (to === null) continue
    if (to === 'test') {
      if (!file.endsWith('.test.ts'))
        problems.push(`${file} may not import ${specifier} (test code)`)
      continue
    }
    const toLayer: Layer = to === 'api/contract' ? 'api' : to
    if (toLayer === fromLayer) continue
    const allowed = ALLOWED[fromLayer]
    if (
      !(allowed.includes(toLayer) || (to === 'api/contract' && allowed.includes('api/contract')))
    ) {
      problems.push(`${file} may not import ${specifier}`)
    } else if (specifier.startsWith('.') && fromLayer !== 'web') {
      problems.push(
        `${file} imports ${specifier} across layers; use the #${toLayer === 'bootstrap' ? 'src' : toLayer}/… alias`,
      )
    }
  }
  return problems
}

function sourceFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[]
  try {
    entries = readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
  } catch {
    return []
  }
  return entries
    .filter((e) => e.isFile() && /\.(?:ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
}

// Comments may mention what code may not do; only code counts.
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
}

describe('architecture', () => {
  test('every import under src/ and web/src/ follows the dependency matrix', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('web/src')]

    const problems = files.flatMap((f) => checkImports(f, readFileSync(join(ROOT, f), 'utf8')))

    assert.ok(files.length > 20, 'the scan found the source files')
    assert.deepEqual(problems, [])
  })

  test('only the config module and the CLI entry (which hands it over) read process.env', () => {
    const readers = [...sourceFiles('src'), ...sourceFiles('web/src')].filter(
      (f) =>
        !f.endsWith('.test.ts') &&
        /process\.env\b/.test(stripComments(readFileSync(join(ROOT, f), 'utf8'))),
    )

    assert.deepEqual(
      readers.filter((f) => f !== 'src/config/config.ts' && f !== 'src/cli/main.ts'),
      [],
    )
  })

  test('reports a pipeline file that imports storage, in words', () => {
    const source =
      "import { sql } from 'kysely'\nimport type { Database } from '#storage/schema.ts'\n"

    assert.deepEqual(checkImports('src/pipeline/x.ts', source), [
      'src/pipeline/x.ts may not import kysely',
      'src/pipeline/x.ts may not import #storage/schema.ts',
    ])
  })

  test('lets the web UI use the API contract but nothing else of the server', () => {
    const source = [
      "import { SearchResponse } from '#api/contract.ts'",
      "import { createApp } from '#api/app.ts'",
      "import { readFile } from 'node:fs/promises'",
      "const lazy = await import('#storage/database.ts')",
    ].join('\n')

    assert.deepEqual(checkImports('web/src/pages/search.ts', source), [
      'web/src/pages/search.ts may not import #api/app.ts',
      'web/src/pages/search.ts may not import node:fs/promises',
      'web/src/pages/search.ts may not import #storage/database.ts',
    ])
  })

  test('asks for the alias when a relative path crosses layers', () => {
    const source = "import { LANGS } from '../core/lang.ts'\n"

    assert.deepEqual(checkImports('src/storage/y.ts', source), [
      'src/storage/y.ts imports ../core/lang.ts across layers; use the #core/… alias',
    ])
  })
})
