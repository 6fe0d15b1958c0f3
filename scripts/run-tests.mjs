#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and web/src/ with node:test through tsx.
// node --test does not discover .ts files on Node 20, so the list is built here.
// usage: node scripts/run-tests.mjs [PATH_FILTER...]
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const roots = ['src', 'test', 'web/src']
const filters = process.argv.slice(2)
const files = []
for (const root of roots) {
  let entries = []
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true })
  } catch {
    continue
  }
  for (const e of entries) {
    if (e.isFile() && e.name.endsWith('.test.ts')) files.push(join(e.parentPath, e.name))
  }
}
const selected = files
  .sort()
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
if (selected.length === 0) {
  console.error('no test files found')
  process.exit(1)
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...selected], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC' },
})
process.exit(result.status ?? 1)
