#!/usr/bin/env node
// Runs the extractor CLI over the repository's own gold set (test/fixtures/gold/, invented
// documents annotated under ../shared/gold/README.md's rules) and scores it with
// scripts/score-gold.mjs. Works without ../shared. No document here was used to tune the
// extractor, so these numbers are the nearest thing to a held-out estimate.
//
// usage: node scripts/eval-own.mjs [GOLD_DIR] [--per-doc] [--json] [--keep]
//   GOLD_DIR defaults to test/fixtures/gold; --keep leaves the temp folder and prints its path.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { formatReport, scoreDirs } from './score-gold.mjs'

const args = process.argv.slice(2)
const goldDir = resolve(args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/gold')
const work = mkdtempSync(join(tmpdir(), 'tergeu-eval-own-'))
const inDir = join(work, 'in')
const predDir = join(work, 'pred')
mkdirSync(inDir)
mkdirSync(predDir)
try {
  const inputs = []
  for (const name of readdirSync(goldDir).filter((f) => f.endsWith('.json'))) {
    const g = JSON.parse(readFileSync(join(goldDir, name), 'utf8'))
    // The extractor sees what it would see in production: no answers.
    const doc = { id: g.id, source: g.source, text: g.text, published: g.published ?? null }
    writeFileSync(join(inDir, name), JSON.stringify(doc))
    inputs.push(join(inDir, name))
  }
  const started = process.hrtime.bigint()
  execFileSync(
    './bin/tergeu',
    ['extract', '--format', 'gold', '--out', predDir, ...inputs.sort()],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const result = scoreDirs(goldDir, predDir)
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(formatReport(result, { perDoc: args.includes('--per-doc') }))
    console.log(`extract wall time: ${seconds.toFixed(2)} s for ${inputs.length} docs`)
  }
} finally {
  if (args.includes('--keep')) console.error(`predictions kept in ${predDir}`)
  else rmSync(work, { recursive: true, force: true })
}
