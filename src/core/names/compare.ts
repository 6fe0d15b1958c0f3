/**
 * Compares two person names written in any script or romanisation: `compareNames(a, b)` gives a
 * score in 0..1, a decision at the default threshold, and the reasons (which keys matched, which
 * transliteration or fold explained a difference). The rules and their trade-offs are in
 * docs/decisions/0004-name-keys.md.
 *
 * @module core/names/compare
 */
import {
  aliasGroup,
  baseKey,
  knownDistinct,
  type NameToken,
  type ParsedName,
  parseName,
} from './name-key.ts'
import { editDistance, jaroWinkler } from './similarity.ts'

/** The score at and above which two names are taken for the same person. */
export const DEFAULT_THRESHOLD = 0.75

/** How two names compare. */
export interface NameComparison {
  /** 0..1: 1 the same spelling, ≥ threshold the same person, lower less likely. */
  readonly score: number
  /** `score >= threshold`. */
  readonly same: boolean
  /** Why: one line per matched or conflicting part, and per penalty. */
  readonly reasons: readonly string[]
}

/** Options of {@link compareNames}. */
export interface CompareOptions {
  /** Decision threshold (default {@link DEFAULT_THRESHOLD}). */
  readonly threshold?: number
}

/** How two tokens compare. */
interface TokenMatch {
  readonly sim: number
  readonly how: string
}

// Token similarities. A part below CONFLICT means "a different name" and sinks the whole pair.
const SIM_SPELLING = 0.98
const SIM_FORM = 0.94
const SIM_ALIAS = 0.93
const SIM_INITIAL = 0.85
const SIM_TYPO_1 = 0.88
const SIM_TYPO_2 = 0.82
const CONFLICT = 0.8
// Name-level factors.
const EXTRA_PART = 0.92
const SURNAME_ONLY = 0.86
const GIVEN_ONLY = 0.6
const PATRONYMIC_ONE_SIDED = 0.99

// Voiced/voiceless pairs: one of these swapped in a name is another name (Ахметов / Ахмедов).
const VOICING = new Set(['td', 'dt', 'kg', 'gk', 'sz', 'zs', 'pb', 'bp', 'fv', 'vf', 'SJ', 'JS'])

/** Latin tokens are not inflected; this crude stem meets the stem of an inflected Cyrillic one. */
export function latinStem(t: NameToken): string {
  return t.key.replace(/[aeiou]+$/, '')
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u'])

function consonants(key: string): string {
  return key.replace(/[aeiou]/g, '')
}

/** The one substituted pair of letters when `a` and `b` differ by exactly one substitution. */
function substitution(a: string, b: string): string | undefined {
  if (a.length !== b.length) return undefined
  let diff: string | undefined
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    if (diff !== undefined) return undefined
    diff = `${a[i]}${b[i]}`
  }
  return diff
}

function describe(a: NameToken, b: NameToken): string {
  return `${a.text} ~ ${b.text}`
}

/** Compares two tokens (neither a patronymic). */
function compareTokens(a: NameToken, b: NameToken): TokenMatch {
  if (a.text.toLowerCase() === b.text.toLowerCase()) return { sim: 1, how: 'same spelling' }
  if (a.initial || b.initial) {
    const [init, full] = a.initial ? [a, b] : [b, a]
    if (full.initial)
      return init.key === full.key
        ? { sim: SIM_INITIAL, how: 'same initial' }
        : { sim: 0, how: 'different initials' }
    return full.key.startsWith(init.key) || full.key[0] === init.key[0]
      ? { sim: SIM_INITIAL, how: `initial ${init.text} of ${full.text}` }
      : { sim: 0.2, how: `initial ${init.text} does not fit ${full.text}` }
  }
  if (a.key === b.key) {
    const how =
      a.script === b.script ? `spelling variant, key ${a.key}` : `transliteration, key ${a.key}`
    return { sim: SIM_SPELLING, how }
  }
  const ab = baseKey(a)
  const bb = baseKey(b)
  if (ab === bb) return { sim: SIM_FORM, how: `case/gender form, stem ${ab}` }
  if (
    (a.script === 'cyr' && a.stem !== null && b.script === 'lat' && a.stem === latinStem(b)) ||
    (b.script === 'cyr' && b.stem !== null && a.script === 'lat' && b.stem === latinStem(a))
  )
    return { sim: SIM_FORM, how: 'case form of a given name' }
  const ga = aliasGroup(a.key) ?? aliasGroup(ab)
  if (ga !== undefined && ga === (aliasGroup(b.key) ?? aliasGroup(bb)))
    return { sim: SIM_ALIAS, how: 'English form of the name' }
  return fuzzy(ab, bb, a.plain, b.plain)
}

/** Typo tolerance on the phonetic stems, with the rules that keep distinct names apart. */
function fuzzy(a: string, b: string, plainA = a, plainB = b): TokenMatch {
  const different = (why: string): TokenMatch => ({
    sim: Math.min(0.6, 0.6 * jaroWinkler(a, b)),
    how: why,
  })
  const sub = substitution(a, b)
  // Kazakh қ is written k, q, or (after the Russian х) kh: Бақытжан / Бахытжан / Bakhytzhan.
  if (sub === 'kH' || sub === 'Hk') return { sim: SIM_FORM, how: 'қ/х/k spelling' }
  if (knownDistinct(a, b)) return different('distinct common names')
  const d = editDistance(a, b, 2)
  const short = Math.min(a.length, b.length)
  if (d === 1) {
    if (sub !== undefined && VOICING.has(sub))
      return different(`one voiced/voiceless letter apart (${sub[0]}/${sub[1]})`)
    // Only a final -a added: a female given name beside the male one (Aleksandr / Aleksandra).
    if ((a === `${b}a` || b === `${a}a`) && !/(?:ov|ev|in)a?$/.test(a))
      return different('male and female forms of a given name')
    // A vowel for a vowel is mostly transliteration (ә, ө, ы, і have no one Latin letter); a
    // consonant for a consonant is mostly another family (Мамытов / Мамыров) unless the name is
    // long enough for a slip to be the likelier story.
    if (sub !== undefined && !(VOWELS.has(sub[0]!) && VOWELS.has(sub[1]!)) && short < 9)
      return different(`one consonant apart (${sub[0]}/${sub[1]})`)
    if (short >= 6 || (short === 5 && sub === undefined))
      return { sim: SIM_TYPO_1, how: 'one edit apart (typo)' }
    return different('short names one letter apart')
  }
  // Two edits only when the consonants agree (vowels are what transliteration blurs), or differ
  // by two swapped neighbours (Тілеубедриев / Тлеубердиев).
  if (d === 2 && short >= 8) {
    const ca = consonants(a)
    const cb = consonants(b)
    if (ca === cb) return { sim: SIM_TYPO_2, how: 'two vowels apart (spelling)' }
    if (
      ca.length === cb.length &&
      substitution(ca, cb) === undefined &&
      editDistance(ca, cb, 1) === 1
    )
      return { sim: SIM_TYPO_2, how: 'swapped letters and a vowel (typo)' }
  }
  // A typo can break a digraph (Akhmetov → Akmhetov) and so move the phonetic keys two apart:
  // one edit on the plain spellings, on a long enough word, is still a typo.
  if (
    d === 2 &&
    Math.min(plainA.length, plainB.length) >= 6 &&
    editDistance(plainA, plainB, 1) === 1
  ) {
    const sub = substitution(plainA, plainB)
    if (sub === undefined || !VOICING.has(sub))
      return { sim: SIM_TYPO_2, how: 'one edit apart in spelling (typo)' }
  }
  return different('different names')
}

interface Pair {
  readonly a: NameToken
  readonly b: NameToken
  readonly m: TokenMatch
}

/** Greedy one-to-one alignment of the parts, best pairs first (token order is free). */
function align(as: readonly NameToken[], bs: readonly NameToken[]): Pair[] {
  const all: (Pair & { i: number; j: number })[] = []
  as.forEach((a, i) => {
    bs.forEach((b, j) => {
      all.push({ a, b, i, j, m: compareTokens(a, b) })
    })
  })
  // Ties go to full tokens before initials, then to written order (given-first on both sides).
  all.sort((x, y) => y.m.sim - x.m.sim || Math.abs(x.i - x.j) - Math.abs(y.i - y.j))
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  const pairs: Pair[] = []
  for (const p of all) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue
    usedA.add(p.i)
    usedB.add(p.j)
    pairs.push(p)
  }
  return pairs
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}

/**
 * A name written in one word on one side and two on the other (Kassymjomart / Kassym-Jomart,
 * Абдулла Хан / Абдуллахан): the two parts are read as one, on the side that split them.
 */
function joinSplitParts(a: ParsedName, b: ParsedName): [ParsedName, ParsedName] {
  const join = (split: ParsedName, whole: ParsedName): ParsedName | undefined => {
    for (let i = 0; i + 1 < split.parts.length; i++) {
      const x = split.parts[i]!
      const y = split.parts[i + 1]!
      if (x.initial || y.initial) continue
      const key = x.key + y.key
      const plain = x.plain + y.plain
      if (!whole.parts.some((t) => t.key === key || t.plain === plain)) continue
      const merged: NameToken = { ...y, text: `${x.text}-${y.text}`, key, plain, stem: null }
      return { ...split, parts: [...split.parts.slice(0, i), merged, ...split.parts.slice(i + 2)] }
    }
    return undefined
  }
  if (a.parts.length > b.parts.length) {
    const j = join(a, b)
    if (j) return [j, b]
  } else if (b.parts.length > a.parts.length) {
    const j = join(b, a)
    if (j) return [a, j]
  }
  return [a, b]
}

/** A Latin surname in the feminine form (Latin text does not decline, so it is a woman's). */
function femaleLatin(t: NameToken): boolean {
  return t.script === 'lat' && t.stem !== null && t.surnameShaped
}

/** A surname written in the masculine nominative. */
function maleSurface(t: NameToken): boolean {
  return t.stem === null && t.surnameShaped
}

/** Compares two parsed names; see {@link compareNames}. */
export function compareParsed(
  first: ParsedName,
  second: ParsedName,
  options: CompareOptions = {},
): NameComparison {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD
  const reasons: string[] = []
  const [a, b] = joinSplitParts(first, second)
  const done = (score: number): NameComparison => {
    const s = round3(Math.max(0, Math.min(1, score)))
    return { score: s, same: s >= threshold, reasons }
  }
  if (a.parts.length === 0 || b.parts.length === 0) {
    reasons.push('no name parts to compare')
    return done(0)
  }
  const pairs = align(a.parts, b.parts)
  for (const p of pairs)
    reasons.push(
      `${p.m.sim >= CONFLICT ? 'match' : 'conflict'}: ${describe(p.a, p.b)} (${p.m.how})`,
    )
  const mean = pairs.reduce((s, p) => s + p.m.sim, 0) / pairs.length
  const conflict = pairs.some((p) => p.m.sim < CONFLICT)
  if (conflict) return done(Math.min(0.6, 0.7 * mean))

  let score = mean
  const single = a.parts.length === 1 ? a : b.parts.length === 1 ? b : undefined
  const other = single === a ? b : a
  if (single !== undefined && other.parts.length > 1) {
    const p = pairs[0]!
    const matched = single === a ? p.b : p.a
    const asGiven =
      !matched.surnameShaped &&
      (matched.knownGiven || other.parts.some((t) => t !== matched && t.surnameShaped))
    if (asGiven || matched.initial) {
      reasons.push(`only a given name (${matched.text}) in common`)
      return done(Math.min(GIVEN_ONLY, score * GIVEN_ONLY))
    }
    // English does not decline: a Latin -ova alone is a woman, and cannot be the man of a full
    // name whose surname is written masculine (Ablyazova vs Mukhtar Ablyazov), nor the reverse.
    if (
      (femaleLatin(single.parts[0]!) && maleSurface(matched)) ||
      (single.parts[0]!.script === 'lat' && maleSurface(single.parts[0]!) && femaleLatin(matched))
    ) {
      reasons.push(`surname in the other gender (${single.parts[0]!.text} / ${matched.text})`)
      return done(Math.min(GIVEN_ONLY, score * GIVEN_ONLY))
    }
    reasons.push('surname only on one side')
    score *= SURNAME_ONLY
  } else if (a.parts.length === 1 && b.parts.length === 1) {
    // Surnames alone: a Cyrillic -ова may be the genitive of -ов (same person), a Latin -ova
    // beside a masculine -ov is a woman beside a man (Nazarbayeva / Назарбаев).
    const [x, y] = [a.parts[0]!, b.parts[0]!]
    if ((femaleLatin(x) && maleSurface(y)) || (femaleLatin(y) && maleSurface(x))) {
      reasons.push(`a woman's surname in Latin beside a man's (${x.text} / ${y.text})`)
      return done(Math.min(0.7, score))
    }
  } else {
    const extra = a.parts.length + b.parts.length - 2 * pairs.length
    if (extra > 0) {
      reasons.push(`${extra} part(s) on one side only`)
      score *= EXTRA_PART ** extra
    }
    if (pairs.every((p) => p.a.initial || p.b.initial)) {
      reasons.push('initials only')
      return done(Math.min(score, 0.6))
    }
  }
  // Patronymics: both given and different → different fathers, different people.
  if (a.patronymics.length > 0 && b.patronymics.length > 0) {
    const pa = a.patronymics[0]!
    const pb = b.patronymics[0]!
    const m =
      pa.key === pb.key ? { sim: 1, how: `same father's name ${pa.key}` } : fuzzy(pa.key, pb.key)
    if (m.sim < CONFLICT) {
      reasons.push(`conflict: patronymic ${describe(pa, pb)} (${m.how})`)
      return done(Math.min(0.6, 0.7 * score))
    }
    reasons.push(`match: patronymic ${describe(pa, pb)} (${m.how})`)
  } else if (a.patronymics.length + b.patronymics.length > 0) {
    reasons.push('patronymic on one side only')
    score *= PATRONYMIC_ONE_SIDED
  }
  return done(score)
}

/**
 * Compares two person names in any script (Cyrillic Russian or Kazakh, Latin in any common
 * romanisation), any token order, with case and gender forms, patronymics and typos.
 * `compareNames('Мухтар Аблязов', 'Ablyazov Mukhtar')` → same; `'Мухтар Аблязов'` vs
 * `'Мадияр Аблязов'` → not the same (father and son).
 */
export function compareNames(a: string, b: string, options: CompareOptions = {}): NameComparison {
  return compareParsed(parseName(a), parseName(b), options)
}
