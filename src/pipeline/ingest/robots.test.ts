import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseRobots } from './robots.ts'

const ROBOTS = `# a news site
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /admin/
Disallow: /search
Allow: /search/about
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: tergeu
User-agent: otherbot
Disallow: /archive/
Allow: /archive/2026/
`

describe('parseRobots', () => {
  const star = parseRobots(ROBOTS, 'somebot')
  const ours = parseRobots(ROBOTS, 'tergeu')
  const cases: [string, string, boolean][] = [
    ['*', '/news/2026/03/police-detain', true],
    ['*', '/admin/login', false],
    ['*', '/search?q=fraud', false],
    ['*', '/search/about', true],
    ['*', '/files/report.pdf', false],
    ['*', '/files/report.pdf?x=1', true],
    ['tergeu', '/admin/login', true],
    ['tergeu', '/archive/2019/x', false],
    ['tergeu', '/archive/2026/x', true],
  ]
  for (const [agent, path, allowed] of cases) {
    test(`${agent} ${allowed ? 'may' : 'may not'} fetch ${path}`, () => {
      assert.equal((agent === '*' ? star : ours).isAllowed(path), allowed)
    })
  }

  test('reads Crawl-delay of the chosen group', () => {
    assert.equal(star.crawlDelay, 2)
    assert.equal(ours.crawlDelay, null)
  })

  test('Allow wins a tie of equal length', () => {
    const r = parseRobots('User-agent: *\nDisallow: /page\nAllow: /page\n', 'tergeu')
    assert.equal(r.isAllowed('/page'), true)
  })

  test('an empty file and garbage allow everything', () => {
    assert.equal(parseRobots('', 'tergeu').isAllowed('/x'), true)
    assert.equal(parseRobots('\u0000\u0001 junk ::: \n<html>', 'tergeu').isAllowed('/x'), true)
  })

  test('a hostile pattern stays fast', () => {
    const text = `User-agent: *\nDisallow: /${'a*'.repeat(2000)}b$\n`
    const r = parseRobots(text, 'tergeu')
    const started = performance.now()
    r.isAllowed(`/${'a'.repeat(5000)}`)
    assert.ok(performance.now() - started < 500)
  })
})
