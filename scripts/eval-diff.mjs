#!/usr/bin/env node
// Developer tool: runs the extractor on a gold set (read from ../shared, never copied) and prints,
// per document, what one field got wrong: gold items missed and predicted items not in gold,
// using the same matchers as ../shared/eval/score.mjs.
//
// usage: node scripts/eval-diff.mjs FIELD [GOLD_DIR] [--doc ID] [--reuse]
//   FIELD is persons | organizations | locations | money | dates | crimes | events | events+date |
//   statistics
//   GOLD_DIR defaults to ../shared/gold/seeds; --reuse skips extraction and rereads /tmp/tergeu-eval
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const args = process.argv.slice(2)
const field = args[0]
const goldDir = resolve(
  args.find((a, i) => i > 0 && !a.startsWith('--') && args[i - 1] !== '--doc') ??
    '../shared/gold/seeds',
)
const onlyDoc = args.includes('--doc') ? args[args.indexOf('--doc') + 1] : null
const scorer = resolve('../shared/eval/score.mjs')
if (!field || !existsSync(scorer)) {
  console.error(
    'usage: node scripts/eval-diff.mjs FIELD [GOLD_DIR] [--doc ID] [--reuse] (needs ../shared)',
  )
  process.exit(2)
}
const { scoreDoc } = await import(scorer)
const work = `/tmp/tergeu-eval-${field}-${goldDir.split('/').pop()}`
if (!args.includes('--reuse')) {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(`${work}/in`, { recursive: true })
  for (const f of readdirSync(goldDir).filter((f) => f.endsWith('.json'))) {
    const g = JSON.parse(readFileSync(join(goldDir, f), 'utf8'))
    if (onlyDoc && g.id !== onlyDoc) continue
    writeFileSync(
      join(work, 'in', f),
      JSON.stringify({ id: g.id, source: g.source, text: g.text, published: g.published ?? null }),
    )
  }
  execFileSync(
    './bin/tergeu',
    [
      'extract',
      '--format',
      'gold',
      '--out',
      `${work}/pred`,
      ...readdirSync(`${work}/in`).map((f) => `${work}/in/${f}`),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
}
const show = (x) => (typeof x === 'string' ? x : JSON.stringify(x))
let tp = 0,
  np = 0,
  ng = 0
for (const f of readdirSync(goldDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8'))
  if (onlyDoc && gold.id !== onlyDoc) continue
  const pf = join(work, 'pred', f)
  const pred = existsSync(pf) ? JSON.parse(readFileSync(pf, 'utf8')) : {}

  // events+date is scored over the events lists, matching type and date.
  const key = field === 'events+date' ? 'events' : field
  const g = gold[key] ?? [],
    p = pred[key] ?? []
  // Greedy one-to-one matching, as the scorer does: find which gold and which predictions matched.
  const usedP = new Set(),
    usedG = new Set()
  for (let gi = 0; gi < g.length; gi++) {
    for (let pi = 0; pi < p.length; pi++) {
      if (usedP.has(pi)) continue
      const s = scoreDoc({ [key]: [g[gi]] }, { [key]: [p[pi]] })[field]
      if (s.tp === 1) {
        usedP.add(pi)
        usedG.add(gi)
        break
      }
    }
  }
  tp += usedG.size
  np += p.length
  ng += g.length
  const missed = g.filter((_, i) => !usedG.has(i)),
    extra = p.filter((_, i) => !usedP.has(i))
  if (missed.length === 0 && extra.length === 0) continue
  console.log(`\n== ${gold.id} (${gold.lang}) hit ${usedG.size}/${g.length}, predicted ${p.length}`)
  for (const m of missed) console.log(`  - missed  ${show(m)}`)
  for (const e of extra) console.log(`  + extra   ${show(e)}`)
}
const P = np ? tp / np : 1,
  R = ng ? tp / ng : 1
console.log(
  `\n${field}: P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${((2 * P * R) / (P + R || 1)).toFixed(3)} (${tp}/${ng} gold, ${np} predicted)`,
)
