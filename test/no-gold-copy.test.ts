/**
 * Guards the rule that the repository never contains text from the gold sets in ../shared:
 * no run of 12 words from a gold document's text may appear in a file we ship (official names of
 * bodies alone reach 10 words, so shorter runs flag names, not copies). Skips cleanly when
 * ../shared is absent.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

const GOLD_DIRS = ['../shared/gold/seeds', '../shared/gold/dev']
const N = 12

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

function shingles(ws: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (let i = 0; i + N <= ws.length; i++) out.add(ws.slice(i, i + N).join(' '))
  return out
}

test('no file in the repository copies 12 consecutive words of a gold text', (t) => {
  const dirs = GOLD_DIRS.filter((d) => existsSync(d))
  if (dirs.length === 0) {
    t.skip('../shared is absent')
    return
  }
  const gold = new Set<string>()
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { text: string }
      for (const s of shingles(words(doc.text))) gold.add(s)
    }
  }
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && /\.(ts|mjs|js|json|jsonl|tsv|txt|md|html)$/.test(f) && existsSync(f))
    // Lexicons list official names of real bodies, which can be eight words long by themselves.
    .filter((f) => !/^data\/.*\.tsv$/.test(f))
  const leaks: string[] = []
  for (const file of files) {
    for (const s of shingles(words(readFileSync(file, 'utf8')))) {
      if (gold.has(s)) {
        leaks.push(`${file}: "${s}"`)
        break
      }
    }
  }
  assert.deepEqual(leaks, [])
})
