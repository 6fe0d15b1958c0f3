/**
 * Extracts persons: name mentions found with name-part lists, morphology and context cues
 * (`recognise.ts`), joined into one entry per individual (full name, surname only, inflected
 * forms, small spelling slips), named by the fullest form in the nominative, with a title and a
 * role from the context (`roles.ts`). Searches `doc.content`, so furniture yields nothing, and
 * skips words inside places and organisations the earlier stages found.
 *
 * @module pipeline/stages/extract-persons
 */
import type { OrganizationsDoc, PersonsDoc } from '#core/document.ts'
import type { Person, PersonRole } from '#core/facts.ts'
import type { Mention } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import type { Token } from '../../text/tokenize.ts'
import { readGivenName, readSurname } from './morphology.ts'
import { foldName } from './name-data.ts'
import { findNameMentions, type NameMention } from './recognise.ts'
import { chooseRole, roleOfTitle, statusAt, titleAt } from './roles.ts'
import { SLOT_BLOCKED, SLOT_TAKEN, scanTokens, scratchBytes } from './scan.ts'

const STAGE = 'extract-persons'
const VERSION = 1

/** Extracts persons from a document's content. */
export function extractPersons(): Stage<OrganizationsDoc, PersonsDoc> {
  return {
    name: STAGE,
    version: VERSION,
    run(doc) {
      let persons: Person[] = []
      try {
        const blocked: Mention[] = []
        for (const l of doc.locations) for (const m of l.mentions) blocked.push(m)
        for (const o of doc.organizations) for (const m of o.mentions) blocked.push(m)
        blocked.sort((a, b) => a.start - b.start)
        persons = findPersons(doc.content, doc.lang, blocked)
      } catch {
        // Never stop the document on odd text: an empty list is a safe answer.
        persons = []
      }
      return { ...doc, persons }
    },
  }
}

interface Cluster {
  readonly mentions: NameMention[]
  givenKey: string | undefined
  surnameKey: string | undefined
}

/**
 * Finds the persons in a text. `blocked` are spans of places and organisations: words inside
 * them are never taken as names.
 */
export function findPersons(
  content: string,
  lang: string,
  blocked: readonly { start: number; end: number }[] = [],
): Person[] {
  const tokens = scanTokens(content)
  const spans = sortedByStart(blocked)
  const blockedTokens = scratchBytes(SLOT_BLOCKED, tokens.length)
  let s = 0
  for (let i = 0; i < tokens.length && spans.length > 0; i++) {
    const t = tokens[i]!
    while (s < spans.length && spans[s]!.end <= t.start) s++
    for (let k = s; k < spans.length && spans[k]!.start < t.end; k++) {
      if (spans[k]!.end > t.start) {
        blockedTokens[i] = 1
        break
      }
    }
  }
  // A span that ends in a given name and a surname ran over a person (`Almaty Police Berik
  // Sadykov` taken as one body): the name is given back. Bodies named after people end in a
  // head word (`... Foundation`, `... Street`), so they keep their words.
  let spanEnds: Set<number> | undefined
  for (let i = 0; spans.length > 0 && i + 1 < tokens.length; i++) {
    if (!blockedTokens[i] || !blockedTokens[i + 1]) continue
    const a = tokens[i]!
    const b = tokens[i + 1]!
    if (b.start - a.end > 1) continue
    spanEnds ??= new Set(spans.map((x) => x.end))
    if (!spanEnds.has(b.end)) continue
    if (readGivenName(a.text, lang) && readSurname(b.text, lang)?.strong) {
      blockedTokens[i] = 0
      blockedTokens[i + 1] = 0
    }
  }
  const mentions = findNameMentions({
    text: content,
    tokens,
    lang,
    blocked: (i) => blockedTokens[i] === 1,
  })
  const clusters = link(mentions)
  // Tokens inside any name: a title phrase never runs across another person's name.
  const taken = scratchBytes(SLOT_TAKEN, tokens.length)
  for (const m of mentions) taken.fill(1, m.tokenStart, m.tokenEnd)
  const out: Person[] = []
  for (const c of clusters) {
    if (!c.mentions.some((m) => m.standalone) && !repeatedInflected(c)) continue
    out.push(toPerson(c, content, tokens, lang, taken))
  }
  return out
}

/** The spans by start; most lists come in order already and are not copied. */
function sortedByStart<T extends { start: number }>(spans: readonly T[]): readonly T[] {
  for (let k = 1; k < spans.length; k++)
    if (spans[k]!.start < spans[k - 1]!.start) return [...spans].sort((a, b) => a.start - b.start)
  return spans
}

/**
 * A surname with a weak ending (`Кажин`) met only alone is a person when the text declines it
 * (`Кажина`, `Кажину`): ordinary capitalised words do not turn up in two case forms mid-sentence.
 */
function repeatedInflected(c: Cluster): boolean {
  const forms = new Set<string>()
  for (const m of c.mentions) {
    if (m.sentenceInitial || m.given || !m.surname || !/\p{Script=Cyrillic}/u.test(m.text))
      return false
    forms.add(m.text)
  }
  return forms.size >= 2
}

function givenKeyOf(m: NameMention): string | undefined {
  if (m.given) return foldName(m.given.nominative)
  if (m.surname && m.middle.length > 0) return foldName(m.middle[0]!)
  return undefined
}

/** Small spelling slips (`Ablayazov` for `Ablyazov`, `Serikbaev` for `Serikbayev`): one edit on a long key. */
function sameSurname(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.min(a.length, b.length) < 6 || Math.abs(a.length - b.length) > 1) return false
  return editDistanceAtMostOne(a, b)
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  let i = 0
  let j = 0
  let edits = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++
      j++
      continue
    }
    if (++edits > 1) return false
    if (a.length > b.length) i++
    else if (b.length > a.length) j++
    else {
      i++
      j++
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1
}

function initialOf(m: NameMention): string | undefined {
  const first = /\p{L}/u.exec(m.initials)
  return first ? foldName(first[0]).slice(0, 1) : undefined
}

/**
 * The clusters, in the order they were made, whose surname key may be `sameSurname` with a key:
 * all of them while they are few; past that, a look-up by the key and its one-letter deletions
 * (two keys one edit apart share a deletion), so that a text naming thousands of people does not
 * compare every name with every person; likewise by given-name key. Callers still apply their
 * own test to each candidate, so both ways give the same links.
 */
class ClusterIndex {
  readonly all: Cluster[] = []
  private byKey: Map<string, number[]> | undefined
  private byDeletion: Map<string, number[]> | undefined
  private byGiven: Map<string, Cluster[]> | undefined

  add(c: Cluster): void {
    const n = this.all.length
    this.all.push(c)
    if (this.byKey) this.index(c, n)
    else if (this.all.length > LINEAR_CLUSTERS) {
      this.byKey = new Map()
      this.byDeletion = new Map()
      this.byGiven = new Map()
      for (let k = 0; k < this.all.length; k++) this.index(this.all[k]!, k)
    }
  }

  /** Clusters that may have this given-name key, in order. */
  withGiven(key: string): readonly Cluster[] {
    if (!this.byGiven) return this.all
    return this.byGiven.get(key) ?? []
  }

  /** Whether look-ups go through the index (more than a few clusters). */
  get indexed(): boolean {
    return this.byKey !== undefined
  }

  /** Clusters whose surname key may be one edit from `key`, in order. */
  similarSurname(key: string): readonly Cluster[] {
    if (!this.byKey || !this.byDeletion) return this.all
    const found = new Set<number>()
    const take = (list: readonly number[] | undefined) => {
      if (list) for (const k of list) found.add(k)
    }
    take(this.byKey.get(key))
    if (key.length >= 6) {
      take(this.byDeletion.get(key))
      for (const d of deletions(key)) {
        take(this.byDeletion.get(d))
        take(this.byKey.get(d))
      }
    }
    return [...found].sort((a, b) => a - b).map((k) => this.all[k]!)
  }

  private index(c: Cluster, n: number): void {
    if (c.givenKey !== undefined) {
      const list = this.byGiven!.get(c.givenKey)
      if (list) list.push(c)
      else this.byGiven!.set(c.givenKey, [c])
    }
    const key = c.surnameKey
    if (!key) return
    push(this.byKey!, key, n)
    if (key.length >= 6) for (const d of new Set(deletions(key))) push(this.byDeletion!, d, n)
  }
}

// Below this many clusters a plain scan is cheaper than keeping the index.
const LINEAR_CLUSTERS = 32

function push(map: Map<string, number[]>, key: string, n: number): void {
  const list = map.get(key)
  if (list) list.push(n)
  else map.set(key, [n])
}

function deletions(key: string): string[] {
  const out: string[] = []
  for (let k = 0; k < key.length; k++) out.push(key.slice(0, k) + key.slice(k + 1))
  return out
}

/** The first two clusters that pass: linking only asks whether there are none, one or several. */
function firstTwo(list: readonly Cluster[], test: (c: Cluster) => boolean): Cluster[] {
  const out: Cluster[] = []
  for (const c of list) if (test(c) && out.push(c) === 2) break
  return out
}

function link(mentions: readonly NameMention[]): Cluster[] {
  const index = new ClusterIndex()
  const clusters = index.all
  const full: NameMention[] = []
  const fullGiven: string[] = []
  const withInitials: NameMention[] = []
  const surnameOnly: NameMention[] = []
  const givenOnly: NameMention[] = []
  for (const m of mentions) {
    if (m.surname) {
      const gk = givenKeyOf(m)
      if (gk) {
        full.push(m)
        fullGiven.push(gk)
      } else if (m.initials) withInitials.push(m)
      else surnameOnly.push(m)
    } else if (m.given) givenOnly.push(m)
  }

  for (let k = 0; k < full.length; k++) {
    const m = full[k]!
    const gk = fullGiven[k]!
    const sk = m.surname!.key
    // Both lists hold every match, in order: the shorter is read.
    const byGiven = index.withGiven(gk)
    const bySurname = index.indexed ? index.similarSurname(sk) : byGiven
    const c = (bySurname.length < byGiven.length ? bySurname : byGiven).find(
      (x) => x.surnameKey && sameSurname(x.surnameKey, sk) && x.givenKey === gk,
    )
    if (c) c.mentions.push(m)
    else index.add({ mentions: [m], givenKey: gk, surnameKey: sk })
  }
  for (const m of withInitials) {
    const ini = initialOf(m)
    const sk = m.surname!.key
    const cands = firstTwo(
      index.similarSurname(sk),
      (x) =>
        !!x.surnameKey &&
        sameSurname(x.surnameKey, sk) &&
        (!x.givenKey || !ini || x.givenKey.startsWith(ini)),
    )
    if (cands.length === 1) cands[0]!.mentions.push(m)
    else if (cands.length === 0) index.add({ mentions: [m], givenKey: undefined, surnameKey: sk })
  }
  for (const m of surnameOnly) {
    const sk = m.surname!.key
    const cands = firstTwo(
      index.similarSurname(sk),
      (x) => !!x.surnameKey && sameSurname(x.surnameKey, sk),
    )
    if (cands.length === 1) cands[0]!.mentions.push(m)
    else if (cands.length === 0) index.add({ mentions: [m], givenKey: undefined, surnameKey: sk })
    // Several people share the surname (brothers, spouses): the bare surname cannot be placed.
  }
  for (const m of givenOnly) {
    const gk = foldName(m.given!.nominative)
    // A word that is both a given name and a surname (`Rustam`, `Kairat`): a surname match wins.
    const bySurname = firstTwo(
      index.similarSurname(gk),
      (x) => !!x.surnameKey && !!x.givenKey && sameSurname(x.surnameKey, gk),
    )
    if (bySurname.length === 1) {
      bySurname[0]!.mentions.push(m)
      continue
    }
    const cands = firstTwo(index.withGiven(gk), (x) => x.givenKey === gk)
    if (cands.length === 1) cands[0]!.mentions.push(m)
    else if (cands.length === 0) index.add({ mentions: [m], givenKey: gk, surnameKey: undefined })
  }
  // Text order.
  for (const c of clusters) c.mentions.sort((a, b) => a.start - b.start)
  return clusters.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start)
}

/**
 * The nominative of a person named only by a Russian-declined surname: `-ой` forms show a woman
 * (`Кажиной` -> `Кажина`); `-ым`, `-е`, or `-а` with `-у` show a man (`Кажина`, `Кажину` -> `Кажин`).
 */
function surnameOnlyName(c: Cluster, best: NameMention): string {
  const forms = c.mentions.map((m) => m.text.toLowerCase())
  const base = /^(.*(?:ов|ев|ёв|ин|ын))(?:а|у|ым|е|ой)?$/i.exec(best.text)?.[1]
  if (!base || !/\p{Script=Cyrillic}/u.test(best.text)) return best.nominative
  if (forms.some((f) => /(?:ов|ев|ёв|ин|ын)ой$/.test(f)))
    return `${base}${best.text === best.text.toUpperCase() ? 'А' : 'а'}`
  const masculine =
    forms.some((f) => /(?:ов|ев|ёв|ин|ын)(?:ым|е)$/.test(f)) ||
    (forms.some((f) => /(?:ов|ев|ёв|ин|ын)а$/.test(f)) &&
      forms.some((f) => /(?:ов|ев|ёв|ин|ын)у$/.test(f))) ||
    forms.some((f) => /(?:ов|ев|ёв|ин|ын)$/.test(f))
  return masculine ? base : best.nominative
}

function weight(m: NameMention): number {
  let w = 0
  if (m.given) w += 4
  if (m.surname) w += 4
  w += m.middle.length * 2
  if (m.initials) w += 1
  // Prefer a form that is already nominative in the text.
  if (m.nominative === m.text) w += 0.5
  return w
}

function toPerson(
  c: Cluster,
  content: string,
  tokens: readonly Token[],
  lang: string,
  taken: Uint8Array,
): Person {
  let best = c.mentions[0]!
  let bestWeight = weight(best)
  for (const m of c.mentions) {
    const w = weight(m)
    if (w > bestWeight) {
      best = m
      bestWeight = w
    }
  }
  const name = c.mentions.some((m) => m.given) ? best.nominative : surnameOnlyName(c, best)
  const variants: string[] = []
  const seen = new Set([name])
  for (const m of c.mentions) {
    if (seen.has(m.text)) continue
    seen.add(m.text)
    variants.push(m.text)
  }
  let title: string | null = null
  title = titleAt(content, tokens, best, lang, taken)
  // titleAt is pure: the best mention, already asked, is not asked again.
  for (let k = 0; !title && k < c.mentions.length && k < 50; k++) {
    const m = c.mentions[k]!
    if (m !== best) title = titleAt(content, tokens, m, lang, taken)
  }
  // The first mentions carry the story; a cap keeps a name repeated thousands of times cheap.
  const statuses: ('convict' | 'suspect' | 'victim')[] = []
  for (let k = 0; k < c.mentions.length && k < 50; k++) {
    const s = statusAt(tokens, c.mentions[k]!, taken)
    if (s !== undefined) statuses.push(s)
  }
  const titleRole = roleOfTitle(title)
  if (titleRole === 'convict' || titleRole === 'suspect' || titleRole === 'victim')
    statuses.push(titleRole)
  const role: PersonRole = chooseRole(statuses, titleRole, title)
  const mentions: Mention[] = c.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text }))
  return { name, variants, role, title, mentions, provenance: { stage: STAGE, version: VERSION } }
}
