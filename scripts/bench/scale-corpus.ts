/**
 * Generates the rows of a large record for `npm run bench:scale`, deterministically: documents
 * made from the invented press-release templates of `corpus-templates.ts` (en/ru/kk, a third
 * each), with their facts, annotations, persons' screening keys and entity mentions, without
 * running the extractor over every document (hours at 1,000,000).
 *
 * Where the facts come from:
 * - Persons: every `{person…}` slot is filled with a generated name (Kazakh and Russian given
 *   names and surnames, synthetic surnames, Latin spellings in English text), so a million
 *   documents name about a million distinct people (a fifth recur); the slot's span is the fact.
 * - Places, organisations, crimes and events: a lexicon learned by running the real extractor
 *   over a few hundred documents of the same templates (`learnLexicon`): each surface string the
 *   extractor turned into a place, an organisation, a crime category or an event trigger, with
 *   the fact's label and data (gazetteer id and all). Generated texts are scanned for those
 *   strings with one regular expression (linear), so the facts are the extractor's, at the
 *   extractor's density.
 * Money, dates and statistics are not generated: nothing the benchmark times reads them.
 *
 * @module scripts/bench/scale-corpus
 */
import { createHash } from 'node:crypto'
import { LANGS, type Lang } from '#core/lang.ts'
import { GIVEN_NAMES, SURNAMES } from '#core/names/name-lists-data.ts'
import { SCHEMES } from '#core/names/translit-data.ts'
import { transliterate } from '#core/names/transliterate.ts'
import { MONTHS, plainNumber, TEMPLATES } from './corpus-templates.ts'
import { createRandom } from './random.ts'

/** A fact the extractor made from a surface string, as learned from the seed documents. */
export interface LexiconEntry {
  readonly kind: 'location' | 'organization' | 'crime' | 'event'
  readonly label: string
  /** The fact's data without its mentions/evidence/trigger (added per occurrence). */
  readonly data: Readonly<Record<string, unknown>>
  readonly stage: string
  readonly stageVersion: number
}

/** Surface string → what the extractor made of it. */
export type Lexicon = ReadonlyMap<string, LexiconEntry>

/** A fact row as stored (`facts`), before its id is given. */
export interface ScaleFact {
  readonly kind: string
  readonly ordinal: number
  readonly start: number
  readonly end: number
  readonly label: string
  readonly data: Record<string, unknown>
  readonly stage: string
  readonly stageVersion: number
  /** Every mention's span (one annotation each). */
  readonly spans: readonly (readonly [number, number])[]
}

/** One generated document with its facts. */
export interface ScaleDoc {
  readonly id: string
  readonly source: string
  readonly title: string
  readonly lang: Lang
  readonly published: string
  readonly text: string
  readonly textHash: string
  readonly facts: readonly ScaleFact[]
}

// Invented sources (no real outlet's name).
const SOURCES = [
  'vesti.primer.test',
  'news.example-kz.test',
  'zhanalyq.mysal.test',
  'police-press.example.test',
  'court-news.example.test',
  'regional-daily.example.test',
  'tengri-mysal.test',
  'orda-primer.test',
]

const ROLE_PATTERNS: readonly [RegExp, string][] = [
  [/sentence|guilty|приговор|виновн|сотталды|кінәлі/i, 'convict'],
  [
    /detain|suspect|wanted|extradit|задерж|подозрева|разыскива|экстрадир|ұстал|күдікті|іздеу/i,
    'suspect',
  ],
  [/said|spokes|сообщил|заявил|пресс|мәлімде/i, 'official'],
]

/** Generated person names: Cyrillic given name + surname, Latin in English text. */
class NamePool {
  private readonly given: string[]
  private readonly surnames: string[]
  private readonly recent: string[] = []
  private readonly random: () => number
  constructor(random: () => number) {
    this.random = random
    const syllables =
      'ах мет бек нұр сейт жұма ер ғали тұр сын қа сым о мар и са мұ сап ар сұл тан әбіл бай жан дос ым ерм ек есен жақ сы қал қо жа құр ман мұх нұр лан ос пан ра хым сағ ын сәт тә жі то тө ле үс ен ша і ораз әлі бақ ыт дәу лет'.split(
        ' ',
      )
    const middles = ['', '', 'бай', 'бек', 'жан', 'ғали', 'құл', 'тай', 'мұрат']
    const endings = ['ов', 'ев', 'ов', 'ұлы', 'ин']
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T
    const synthetic = new Set<string>()
    while (synthetic.size < 30_000) {
      const s = pick(syllables) + pick(syllables) + pick(middles) + pick(endings)
      synthetic.add(s[0]!.toUpperCase() + s.slice(1))
    }
    this.surnames = [...SURNAMES.split(/\s+/).filter(Boolean), ...synthetic]
    const compound = Array.from({ length: 1500 }, () => {
      const s = pick(syllables) + pick(syllables) + pick(['бек', 'жан', 'гүл', 'ай', 'бол', ''])
      return s[0]!.toUpperCase() + s.slice(1)
    })
    this.given = [...GIVEN_NAMES.split(/\s+/).filter(Boolean), ...compound]
  }

  /** A name in Cyrillic; about one in five is someone already named before. */
  next(): string {
    const r = this.random()
    if (this.recent.length > 1000 && r < 0.2)
      return this.recent[Math.floor(this.random() * this.recent.length)]!
    const g = this.given[Math.floor(this.random() * this.given.length)]!
    let s = this.surnames[Math.floor(this.random() * this.surnames.length)]!
    if (this.random() < 0.35 && /(ов|ев|ин)$/.test(s)) s += 'а'
    const name = `${g} ${s}`
    if (this.recent.length < 200_000) this.recent.push(name)
    else this.recent[Math.floor(this.random() * this.recent.length)] = name
    return name
  }

  spell(cyr: string, lang: Lang): string {
    if (lang !== 'en') return cyr
    return transliterate(cyr, SCHEMES[Math.floor(this.random() * SCHEMES.length)]!)
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Options of {@link generateScaleDocs}. */
export interface ScaleOptions {
  readonly docs: number
  /** Number of the first document (ids and the language round robin follow it); default 0. */
  readonly first?: number
  readonly lexicon: Lexicon
  /** Default 20261124. */
  readonly seed?: number
}

/**
 * Yields `docs` documents with their facts, the same for the same seed and lexicon. Memory stays
 * flat (a bounded pool of recurring names).
 */
export function* generateScaleDocs(options: ScaleOptions): Generator<ScaleDoc> {
  const random = createRandom(options.seed ?? 20261124)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const names = new NamePool(random)
  const surfaces = [...options.lexicon.keys()].sort((a, b) => b.length - a.length)
  const scan = surfaces.length ? new RegExp(surfaces.map(escapeRegExp).join('|'), 'gu') : /(?!)/gu

  const first = options.first ?? 0
  for (let i = first; i < first + options.docs; i++) {
    const lang = LANGS[i % LANGS.length] as Lang
    const t = TEMPLATES[lang]
    const year = int(2015, 2026)
    const month = int(1, 12)
    const day = int(1, 28)
    let text = ''
    const persons: { name: string; start: number; end: number; role: string }[] = []
    const number = (slot: string): string =>
      plainNumber(slot, { year, day }, int, pick) ?? String(int(10, 99_999) * 10 ** int(2, 4))
    // Appends a filled template to `text`, recording person slots with their spans.
    const append = (template: string) => {
      const role =
        ROLE_PATTERNS.find(([re]) => re.test(template))?.[1] ??
        (template.includes('{person2}') ? 'official' : 'other')
      let last = 0
      for (const m of template.matchAll(/\{(\w+)\}/g)) {
        text += template.slice(last, m.index)
        last = m.index + m[0].length
        const slot = m[1]!
        if (slot.startsWith('person')) {
          const name = names.spell(names.next(), lang)
          persons.push({
            name,
            start: text.length,
            end: text.length + name.length,
            role: slot === 'person2' ? 'official' : role,
          })
          text += name
          continue
        }
        const values = t.slots[slot]
        const months = (MONTHS as Record<string, readonly string[]>)[slot]
        text += values ? pick(values) : months ? (months[month - 1] ?? '') : number(slot)
      }
      text += template.slice(last)
    }
    append(pick(t.headlines))
    const title = text
    const order = t.paragraphs.map((p) => ({ p, key: random() })).sort((a, b) => a.key - b.key)
    for (const { p } of order.slice(0, int(3, order.length))) {
      text += '\n\n'
      append(p)
    }
    text += '\n'

    const facts: ScaleFact[] = []
    const ordinals = new Map<string, number>()
    const nextOrdinal = (kind: string) => {
      const n = ordinals.get(kind) ?? 0
      ordinals.set(kind, n + 1)
      return n
    }
    // Persons, places, organisations and crimes: one fact per label per document, with every
    // mention; events: one per trigger.
    const byLabel = new Map<string, { fact: ScaleFact; spans: [number, number][] }>()
    const addOnce = (
      kind: string,
      label: string,
      start: number,
      end: number,
      make: () => Omit<ScaleFact, 'ordinal' | 'spans'>,
    ) => {
      const key = `${kind}\u0001${label}`
      const seen = byLabel.get(key)
      if (seen) {
        seen.spans.push([start, end])
        return
      }
      const spans: [number, number][] = [[start, end]]
      const fact: ScaleFact = { ...make(), ordinal: nextOrdinal(kind), spans }
      byLabel.set(key, { fact, spans })
      facts.push(fact)
    }
    for (const p of persons) {
      addOnce('person', p.name, p.start, p.end, () => ({
        kind: 'person',
        start: p.start,
        end: p.end,
        label: p.name,
        data: {
          name: p.name,
          role: p.role,
          variants: [],
          provenance: { stage: 'extract-persons', version: 1 },
        },
        stage: 'extract-persons',
        stageVersion: 1,
      }))
    }
    scan.lastIndex = 0
    for (const m of text.matchAll(scan)) {
      const e = options.lexicon.get(m[0])
      if (!e) continue
      const start = m.index
      const end = start + m[0].length
      if (e.kind === 'event') {
        facts.push({
          kind: 'event',
          ordinal: nextOrdinal('event'),
          start,
          end,
          label: e.label,
          data: { ...e.data, trigger: { start, end, text: m[0] } },
          stage: e.stage,
          stageVersion: e.stageVersion,
          spans: [[start, end]],
        })
        continue
      }
      addOnce(e.kind, e.label, start, end, () => ({
        kind: e.kind,
        start,
        end,
        label: e.label,
        data: { ...e.data },
        stage: e.stage,
        stageVersion: e.stageVersion,
      }))
    }
    for (const f of facts) {
      if (f.kind === 'event') continue
      const spans = f.spans.map(([s, e]) => ({ start: s, end: e, text: text.slice(s, e) }))
      if (f.kind === 'crime') f.data['evidence'] = spans
      else f.data['mentions'] = spans
    }

    yield {
      id: `scale-${lang}-${String(i).padStart(7, '0')}`,
      source: pick(SOURCES),
      title,
      lang,
      published: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      text,
      textHash: createHash('sha256').update(text).digest('hex'),
      facts,
    }
  }
}

/** A fact as read back from the seed documents the real extractor stored. */
export interface SeedFact {
  readonly kind: string
  readonly label: string
  readonly data: Record<string, unknown>
  readonly stage: string
  readonly stageVersion: number
}

/**
 * Learns the surface strings the extractor turned into places, organisations, crimes and event
 * triggers from its facts over seed documents.
 */
export function learnLexicon(facts: readonly SeedFact[]): Map<string, LexiconEntry> {
  const out = new Map<string, LexiconEntry>()
  const spanTexts = (v: unknown): string[] =>
    Array.isArray(v)
      ? v
          .map((m) => (m as { text?: unknown }).text)
          .filter((s): s is string => typeof s === 'string' && s.trim().length >= 3)
      : []
  for (const f of facts) {
    const { mentions, evidence, trigger, ...rest } = f.data
    let surfaces: string[] = []
    if (f.kind === 'location' || f.kind === 'organization') surfaces = spanTexts(mentions)
    else if (f.kind === 'crime') surfaces = spanTexts(evidence)
    else if (f.kind === 'event') {
      const text = (trigger as { text?: unknown } | undefined)?.text
      if (typeof text === 'string' && text.trim().length >= 3) surfaces = [text]
      // The generated event carries its type and provenance only: the rest (subjects, dates,
      // amounts) belonged to the seed's sentence.
      for (const k of Object.keys(rest)) if (k !== 'type' && k !== 'provenance') delete rest[k]
    } else continue
    for (const s of surfaces) {
      if (out.has(s)) continue
      out.set(s, {
        kind: f.kind as LexiconEntry['kind'],
        label: f.label,
        data: rest,
        stage: f.stage,
        stageVersion: f.stageVersion,
      })
    }
  }
  return out
}
