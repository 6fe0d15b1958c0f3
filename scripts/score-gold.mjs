#!/usr/bin/env node
// Scores extractions in the gold shape against gold files, per the matching rules of the gold
// annotation guide (../shared/gold/README.md, "How it is scored"). The repository keeps its own
// scorer so that CI can score test/fixtures/gold/ where ../shared is absent; it must give the same
// numbers as ../shared/eval/score.mjs (test/gold-regression.test.ts checks that when it can).
//
// usage: node scripts/score-gold.mjs GOLD_DIR PRED_DIR [--json] [--per-doc]
//   A missing or unreadable prediction file scores as an empty prediction.
//
// Per document and field, each gold item takes the first unused predicted item that matches it
// (one-to-one, greedy, in gold order); counts are summed over documents (micro-average).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

/** Fields in report order; `events+date` reads `events` and also compares dates. */
export const FIELDS = [
  'persons',
  'organizations',
  'locations',
  'money',
  'dates',
  'crimes',
  'events',
  'events+date',
  'statistics',
]

// Cyrillic (Russian and Kazakh letters) to a plain Latin spelling.
const TRANSLIT = new Map(
  Object.entries({
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'i',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'iu',
    я: 'ia',
    ә: 'a',
    ғ: 'g',
    қ: 'k',
    ң: 'n',
    ө: 'o',
    ұ: 'u',
    ү: 'u',
    һ: 'h',
    і: 'i',
  }),
)

// English-language news spells the same sounds several ways; fold them to one. Order matters:
// digraphs first, doubled letters last.
const SPELLING_FOLDS = [
  [/yu/g, 'iu'],
  [/ya/g, 'ia'],
  [/yo/g, 'io'],
  [/ye/g, 'e'],
  [/iy\b/g, 'i'],
  [/yi/g, 'i'],
  [/y/g, 'i'],
  [/q/g, 'k'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/w/g, 'v'],
  [/x/g, 'ks'],
  [/j/g, 'zh'],
  [/dzh/g, 'zh'],
  [/ts/g, 'c'],
  [/(.)\1/g, '$1'],
]

/** Folds a name for comparison: case, diacritics, script, punctuation and spelling variants. */
export function normalise(value) {
  const lowered = String(value ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
  let out = ''
  for (const ch of lowered) out += TRANSLIT.get(ch) ?? ch
  out = out.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
  for (const [pattern, replacement] of SPELLING_FOLDS) out = out.replace(pattern, replacement)
  return out
}

const wordSet = (words) => new Set(words.split(/\s+/).map(normalise).filter(Boolean))

// Words that carry no identity in an organisation name.
const ORG_STOPWORDS = wordSet(
  'the of and for in on at to a an republic rk rf respublika respubliki kazakhstan kazakhstana ' +
    'российской федерации республики казахстан казахстана қазақстан республикасы',
)
// Generic place words: "Almaty region" and "Almaty" compare as "almaty".
const PLACE_GENERIC = wordSet(
  'region oblast oblasts oblys oblysy province city town village district rayon raion the of ' +
    'область области областью г город города района район районе ' +
    'облыс облысы облысының қала қаласы қаласының аудан ауданы ауданының',
)

function words(value, drop) {
  return normalise(value)
    .split(' ')
    .filter((w) => w !== '' && !drop?.has(w))
}

const allNames = (item) => [item.name, ...(item.variants ?? [])].filter(Boolean)

function samePerson(pred, gold) {
  const name = normalise(pred.name)
  if (name === '') return false
  const names = allNames(gold)
  if (names.some((n) => normalise(n) === name)) return true
  // A surname or other partial form counts when all its words stand in the gold forms.
  const goldWords = new Set(names.flatMap((n) => words(n)))
  const predWords = words(pred.name)
  return predWords.length > 0 && predWords.every((w) => goldWords.has(w))
}

function sameOrganization(pred, gold) {
  const name = normalise(pred.name)
  if (name === '') return false
  const names = allNames(gold)
  if (names.some((n) => normalise(n) === name)) return true
  const predWords = new Set(words(pred.name, ORG_STOPWORDS))
  for (const n of names) {
    const goldWords = new Set(words(n, ORG_STOPWORDS))
    let shared = 0
    for (const w of predWords) if (goldWords.has(w)) shared++
    const smaller = Math.min(predWords.size, goldWords.size)
    if (smaller > 0 && shared / smaller >= 0.6) return true
  }
  return false
}

function sameLocation(pred, gold) {
  const key = (s) => words(s, PLACE_GENERIC).join(' ')
  const predKey = key(pred.name)
  return predKey !== '' && allNames(gold).some((n) => key(n) === predKey)
}

function sameMoney(pred, gold) {
  const currency = (m) => String(m.currency ?? '').toUpperCase()
  if (currency(pred) !== currency(gold)) return false
  const predVague = pred.amount == null
  const goldVague = gold.amount == null
  if (predVague || goldVague) {
    // Vague amounts ("billions of dollars") match on shared words.
    if (!(predVague && goldVague)) return false
    const predWords = new Set(words(pred.text))
    return words(gold.text).some((w) => predWords.has(w))
  }
  const tolerance = 1e-6 * Math.max(1, Math.abs(gold.amount))
  return Math.abs(Number(pred.amount) - Number(gold.amount)) <= tolerance
}

const MATCHERS = {
  persons: samePerson,
  organizations: sameOrganization,
  locations: sameLocation,
  money: sameMoney,
  dates: (p, g) => String(p.iso ?? '') === String(g.iso ?? ''),
  events: (p, g) => p.type === g.type,
  'events+date': (p, g) => p.type === g.type && (p.date ?? null) === (g.date ?? null),
  statistics: (p, g) =>
    Number(p.value) === Number(g.value) && String(p.period ?? '') === String(g.period ?? ''),
}

function countMatches(pred, gold, same) {
  const taken = new Set()
  let hits = 0
  for (const g of gold) {
    const i = pred.findIndex((p, k) => !taken.has(k) && same(p, g))
    if (i >= 0) {
      taken.add(i)
      hits++
    }
  }
  return hits
}

/**
 * Scores one document: `{field: {tp, np, ng}}` for every field in {@link FIELDS}, plus
 * `article_count: {ok}`.
 */
export function scoreDoc(gold, pred) {
  const out = {}
  for (const field of FIELDS) {
    const key = field === 'events+date' ? 'events' : field
    const goldItems = gold[key] ?? []
    const predItems = Array.isArray(pred?.[key]) ? pred[key] : []
    if (field === 'crimes') {
      const goldSet = new Set(goldItems)
      const predSet = new Set(predItems)
      let tp = 0
      for (const c of predSet) if (goldSet.has(c)) tp++
      out[field] = { tp, np: predSet.size, ng: goldSet.size }
      continue
    }
    out[field] = {
      tp: countMatches(predItems, goldItems, MATCHERS[field]),
      np: predItems.length,
      ng: goldItems.length,
    }
  }
  out.article_count = { ok: (pred?.article_count ?? 1) === (gold.article_count ?? 1) ? 1 : 0 }
  return out
}

/** Precision, recall and F1 from counts; an empty gold and empty prediction score 1. */
export function prf({ tp, np, ng }) {
  const p = np ? tp / np : ng ? 0 : 1
  const r = ng ? tp / ng : 1
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 }
}

/**
 * Scores a list of `{gold, pred}` pairs (pred may be `{}`): per-field totals with P/R/F1, the
 * article-count accuracy, the mean F1 over fields and per-document F1s.
 */
export function scorePairs(pairs) {
  const totals = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, np: 0, ng: 0 }]))
  let articlesOk = 0
  const perDoc = []
  for (const { id, gold, pred } of pairs) {
    const s = scoreDoc(gold, pred)
    for (const f of FIELDS) for (const m of ['tp', 'np', 'ng']) totals[f][m] += s[f][m]
    articlesOk += s.article_count.ok
    perDoc.push({ id, ...Object.fromEntries(FIELDS.map((f) => [f, prf(s[f]).f1])) })
  }
  const fields = FIELDS.map((field) => ({ field, ...totals[field], ...prf(totals[field]) }))
  return {
    docs: pairs.length,
    fields,
    article_count_accuracy: articlesOk / (pairs.length || 1),
    mean_f1: fields.reduce((sum, r) => sum + r.f1, 0) / fields.length,
    perDoc,
  }
}

/** Reads GOLD_DIR/*.json and the same names from PRED_DIR, and scores them. */
export function scoreDirs(goldDir, predDir) {
  const names = readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
  const pairs = names.map((name) => {
    const gold = JSON.parse(readFileSync(join(goldDir, name), 'utf8'))
    const file = join(predDir, name)
    let pred = {}
    if (existsSync(file)) {
      try {
        pred = JSON.parse(readFileSync(file, 'utf8'))
      } catch {
        pred = {}
      }
    }
    return { id: basename(name, '.json'), gold, pred }
  })
  return scorePairs(pairs)
}

/** The plain-text report: one line per field, then article-count accuracy and mean F1. */
export function formatReport(result, { perDoc = false } = {}) {
  const lines = []
  if (perDoc) {
    lines.push(['doc', ...FIELDS].join('\t'))
    for (const d of result.perDoc)
      lines.push([d.id, ...FIELDS.map((f) => d[f].toFixed(2))].join('\t'))
    lines.push('')
  }
  lines.push('field         \tgold\tpred\thit\tP\tR\tF1')
  for (const r of result.fields) {
    lines.push(
      `${r.field.padEnd(14)}\t${r.ng}\t${r.np}\t${r.tp}\t${r.p.toFixed(3)}\t${r.r.toFixed(3)}\t${r.f1.toFixed(3)}`,
    )
  }
  lines.push(
    `article_count accuracy: ${result.article_count_accuracy.toFixed(3)} over ${result.docs} docs`,
  )
  lines.push(`mean F1: ${result.mean_f1.toFixed(3)}`)
  return lines.join('\n')
}

function main(argv) {
  const [goldDir, predDir] = argv.filter((a) => !a.startsWith('--'))
  if (!goldDir || !predDir) {
    console.error('usage: node scripts/score-gold.mjs GOLD_DIR PRED_DIR [--json] [--per-doc]')
    process.exit(2)
  }
  const result = scoreDirs(goldDir, predDir)
  if (argv.includes('--json')) console.log(JSON.stringify(result, null, 2))
  else console.log(formatReport(result, { perDoc: argv.includes('--per-doc') }))
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2))
