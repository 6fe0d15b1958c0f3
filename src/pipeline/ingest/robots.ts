/**
 * robots.txt (RFC 9309): the group for our user agent (else `*`), Allow/Disallow with `*` and
 * `$`, the longest match wins and Allow wins a tie; Crawl-delay is read too.
 *
 * @module pipeline/ingest/robots
 */

/** The rules that apply to one user agent on one site. */
export interface RobotsRules {
  /** Whether `pathAndQuery` (`/news/1?x=2`) may be fetched. */
  isAllowed(pathAndQuery: string): boolean
  /** Seconds between requests the site asks for, or `null`. */
  readonly crawlDelay: number | null
}

interface Rule {
  readonly allow: boolean
  readonly pattern: string
  readonly glob: string
}

interface Group {
  readonly agents: string[]
  readonly rules: Rule[]
  crawlDelay: number | null
}

/** Rules that allow everything (no robots.txt, or a 4xx for it). */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelay: null }
/** Rules that allow nothing (robots.txt unreachable with a 5xx: RFC 9309 §2.3.1.3). */
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelay: null }

/** Parses robots.txt for `agent` (a product token such as `tergeu`). Never throws. */
export function parseRobots(text: string, agent: string): RobotsRules {
  const groups: Group[] = []
  let current: Group | null = null
  let lastWasAgent = false
  for (const raw of text.slice(0, 500_000).split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group.
      if (!lastWasAgent || !current) {
        current = { agents: [], rules: [], crawlDelay: null }
        groups.push(current)
      }
      current.agents.push(value.toLowerCase())
      lastWasAgent = true
      continue
    }
    lastWasAgent = false
    if (!current) continue
    if (key === 'allow' || key === 'disallow') {
      // An empty Disallow allows everything: it adds no rule.
      if (value === '') continue
      current.rules.push({ allow: key === 'allow', pattern: value, glob: compilePattern(value) })
    } else if (key === 'crawl-delay') {
      const n = Number(value)
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n
    }
  }
  const me = agent.toLowerCase()
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && me.includes(a)))
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'))
  const rules = chosen.flatMap((g) => g.rules)
  const crawlDelay = chosen.find((g) => g.crawlDelay !== null)?.crawlDelay ?? null
  return {
    crawlDelay,
    isAllowed(pathAndQuery) {
      const path = normalizePath(pathAndQuery)
      let best: Rule | null = null
      for (const r of rules) {
        if (!globMatch(r.glob, path)) continue
        if (
          !best ||
          r.pattern.length > best.pattern.length ||
          (r.pattern.length === best.pattern.length && r.allow && !best.allow)
        )
          best = r
      }
      return best ? best.allow : true
    },
  }
}

// `*` is any run of characters and a final `$` anchors the end; everything else is literal.
// Without `$` a rule is a prefix, i.e. it ends in an implicit `*`. Matched by {@link globMatch},
// not a RegExp: a pattern like `/a*a*a*…b` would make a backtracking regex explode.
function compilePattern(pattern: string): string {
  const anchored = pattern.endsWith('$')
  const body = normalizePath(anchored ? pattern.slice(0, -1) : pattern).replace(/\*+/g, '*')
  return anchored ? body : `${body}*`
}

// Classic greedy wildcard matching with one backtrack point: O(pattern × text) at worst.
function globMatch(pattern: string, text: string): boolean {
  let p = 0
  let t = 0
  let star = -1
  let mark = 0
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++
      t++
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++
      mark = t
    } else if (star >= 0) {
      p = star + 1
      t = ++mark
    } else return false
  }
  while (p < pattern.length && pattern[p] === '*') p++
  return p === pattern.length
}

// Percent-encodings compare case-insensitively and unreserved characters decoded, so that
// `/%7Euser` and `/~user` match the same rule.
function normalizePath(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (m, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16))
    return /[A-Za-z0-9\-._~]/.test(c) ? c : m.toUpperCase()
  })
}
