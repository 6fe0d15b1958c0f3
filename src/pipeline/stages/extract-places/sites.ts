/**
 * Named sites: prisons and colonies ("ИК-12", "HMP Bronzefield"), border checkpoints ("Kordai
 * checkpoint", "пункт пропуска «Алтынколь»"), railway stations ("Шу станциясы"), national
 * parks, airports, highways and streets ("улица Абая", "Abay Avenue", "Сәтпаев көшесі").
 *
 * @module pipeline/stages/extract-places/sites
 */
import type { PlaceMention } from './extract-places.ts'
import { foldWord, type PlaceToken } from './place-tokens.ts'
import { exactWordFilter, mayBeIn, secondUnitFilter } from './word-filter.ts'

/** English site words after a capitalised name, by how many words they take. */
const EN_SITE_AFTER: readonly (readonly string[])[] = [
  ['border', 'crossing'],
  ['border', 'checkpoint'],
  ['border', 'post'],
  ['railway', 'station'],
  ['penal', 'colony'],
  ['national', 'park'],
  ['international', 'airport'],
  ['checkpoint'],
  ['airport'],
  ['frontier'],
  ['outpost'],
  ['highway'],
  ['street'],
  ['avenue'],
]

/** English site words that make a name only when capitalised ("Butyrka Prison"). */
const EN_SITE_PROPER: ReadonlySet<string> = new Set([
  'Prison',
  'Penitentiary',
  'Square',
  'Bridge',
  'Bazaar',
])

/** Kazakh site words by prefix after a capitalised name, with their nominative. */
const KK_SITE_AFTER: readonly (readonly [string, string])[] = [
  ['станция', 'станциясы'],
  ['бекет', 'бекеті'],
  ['көше', 'көшесі'],
  ['даңғыл', 'даңғылы'],
]

/** Russian site words before a name, with their nominative. */
const RU_SITE_BEFORE: ReadonlyMap<string, string> = new Map([
  ['улица', 'улица'],
  ['улице', 'улица'],
  ['улицу', 'улица'],
  ['улицы', 'улица'],
  ['улицей', 'улица'],
  ['ул', 'улица'],
  ['проспект', 'проспект'],
  ['проспекте', 'проспект'],
  ['проспекта', 'проспект'],
  ['станция', 'станция'],
  ['станции', 'станция'],
  ['станцию', 'станция'],
  ['аэропорт', 'аэропорт'],
  ['аэропорту', 'аэропорт'],
  ['аэропорта', 'аэропорт'],
])

// Colony numbers: "ИК-12", "УГ-157/12", "ЛА-155/14"; checkpoint names in quotes.
const COLONY_RE =
  /(?<![\p{L}\p{N}])(?:ИК|УГ|ЛА|ЕЦ|АК|СИЗО|EC|LA|UG)-\d{1,4}(?:\/\d{1,4})?(?![\p{L}\p{N}])/gu
// Kazakh checkpoints: "«Қордай» өткізу бекеті", "«Нұр жолы» өткізу пункті".
const KK_CHECKPOINT_RE = /«([^«»\n]{2,40})» өткізу (?:бекет|пункт)\p{L}*/gu
/**
 * What every colony number contains. Its look-behind makes `COLONY_RE` slow to scan a whole
 * text with, and most texts have none: this plain pattern tells which ones to scan.
 */
const COLONY_HINT_RE = /(?:ИК|УГ|ЛА|ЕЦ|АК|СИЗО|EC|LA|UG)-\d/
const RU_CHECKPOINT_RE = /(?:пункт(?:а|е|ом|у)? пропуска|КПП|пост(?:а|у|е)?) «([^«»\n]{2,40})»/gu

/** Lower-case titles that end a street's namesake: "Тауке хана", "Қабанбай батыр", "Төле би". */
const HONORIFICS: ReadonlySet<string> = new Set(
  'хан хана батыр батыра батыры би бия ата аты акына ақын ақынның баба бабы датқа датки'.split(' '),
)
/** A number or an ordinal that starts a street name: "8", "100-летия", "1-я". */
const ORDINAL_RE = /^\d{1,4}(?:-\p{L}{1,8})?$/u

const capitalise = (w: string) => w[0]!.toUpperCase() + w.slice(1)
/** Every word that can start a site pattern, lower case and capitalised. */
const TRIGGERS = new Set(
  [
    'checkpoint',
    ...RU_SITE_BEFORE.keys(),
    ...EN_SITE_AFTER.map((w) => w[0]!),
    ...EN_SITE_PROPER,
  ].flatMap((w) => [w, capitalise(w)]),
)
/** First letters of the Kazakh site words (which take suffixes, so they are matched by prefix). */
const KK_FIRST = new Set(KK_SITE_AFTER.map(([p]) => p.charCodeAt(0)))
/** First UTF-16 units of every trigger: one array read skips most words before a set lookup. */
const MAY_TRIGGER = new Uint8Array(0x10000)
for (const w of [...TRIGGERS, 'HMP']) MAY_TRIGGER[w.charCodeAt(0)] = 1
for (const c of KK_FIRST) MAY_TRIGGER[c] = 1
/** Words that may be a trigger, by first and last letter and length: most are not. */
const MAY_BE_TRIGGER = exactWordFilter([...TRIGGERS, 'HMP'])
/**
 * Second letters of the site words a word starting with a lower-case Kazakh first letter can
 * begin, in any case: the Kazakh ones by prefix and the Russian ones ("станции").
 */
const KK_SECOND = secondUnitFilter([...KK_SITE_AFTER.map(([p]) => p), ...RU_SITE_BEFORE.keys()])

/** Adds a site mention to `out` (a function, not a closure made for every document). */
function pushSite(out: PlaceMention[], display: string, start: number, end: number): void {
  out.push({
    key: `site:${foldWord(display)}`,
    lexeme: '',
    place: null,
    kind: 'site',
    country: null,
    display,
    start,
    end,
    weak: false,
  })
}

/** Finds named sites. */
export function findSites(text: string, tokens: readonly PlaceToken[]): PlaceMention[] {
  const out: PlaceMention[] = []
  // `exec` loops on the shared regexes rather than `matchAll`, which clones its regex per call
  // (none of these can match an empty string, so the two walk the same matches).
  if (COLONY_HINT_RE.test(text)) {
    COLONY_RE.lastIndex = 0
    for (let m = COLONY_RE.exec(text); m !== null; m = COLONY_RE.exec(text))
      pushSite(out, m[0], m.index, m.index + m[0].length)
  }
  if (text.includes('» өткізу ')) {
    KK_CHECKPOINT_RE.lastIndex = 0
    for (let m = KK_CHECKPOINT_RE.exec(text); m !== null; m = KK_CHECKPOINT_RE.exec(text)) {
      const name = m[1]!
      pushSite(out, name, m.index + 1, m.index + 1 + name.length)
    }
  }
  RU_CHECKPOINT_RE.lastIndex = 0
  for (let m = RU_CHECKPOINT_RE.exec(text); m !== null; m = RU_CHECKPOINT_RE.exec(text)) {
    const name = m[1]!
    const start = m.index + m[0].length - name.length - 1
    pushSite(out, name, start, start + name.length)
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    // Most words trigger nothing: table reads skip them before any set look-up.
    if (!t.isWord || MAY_TRIGGER[t.text.charCodeAt(0)] !== 1) continue
    const trigger = mayBeIn(MAY_BE_TRIGGER, t.text) && (t.text === 'HMP' || TRIGGERS.has(t.text))
    // A word that is no trigger matters only if it may start a Kazakh or Russian site word.
    if (
      !trigger &&
      !(
        KK_FIRST.has(t.text.charCodeAt(0)) &&
        t.text.length > 1 &&
        KK_SECOND[t.text.charCodeAt(1)] === 1
      )
    )
      continue
    const lower = t.text.toLowerCase()
    // "HMP Bronzefield", "checkpoint Kordai Auto"
    if (t.text === 'HMP' || lower === 'checkpoint') {
      const to = capsAfter(tokens, i + 1, 3)
      if (to > i + 1) {
        const from = t.text === 'HMP' ? t.start : tokens[i + 1]!.start
        pushSite(out, text.slice(from, tokens[to - 1]!.end), t.start, tokens[to - 1]!.end)
        i = to - 1
        continue
      }
    }
    const siteBefore = RU_SITE_BEFORE.get(lower)
    if (siteBefore) {
      let j = i + 1
      if (tokens[j]?.text === '.') j++
      const name = tokens[j]
      // "улица 8 Марта", "проспект 100-летия Астаны": a number starts the name.
      const numbered =
        name?.isWord === true && ORDINAL_RE.test(name.text) && tokens[j + 1]?.capitalised === true
      if (name?.isWord && (name.capitalised || numbered) && (lower !== 'ул' || j === i + 2)) {
        // "проспект Тауке хана", "улица Кабанбай батыра", "улица Толе би": the title is part of
        // the name.
        let last = numbered ? j + 1 : j
        const title = tokens[last + 1]
        if (title?.isWord && HONORIFICS.has(title.text)) last++
        pushSite(
          out,
          `${siteBefore} ${text.slice(name.start, tokens[last]!.end)}`,
          t.start,
          tokens[last]!.end,
        )
        i = last
        continue
      }
    }
    for (const [prefix, nominative] of KK_SITE_AFTER) {
      if (!lower.startsWith(prefix)) continue
      // "Қабанбай батыр көшесі": a lower-case title between the name and the street word.
      const titled = i > 1 && HONORIFICS.has(tokens[i - 1]!.text) ? 1 : 0
      const from = capsBefore(tokens, i - titled, 2)
      if (from < i - titled)
        pushSite(
          out,
          `${text.slice(tokens[from]!.start, tokens[i - 1]!.end)} ${nominative}`,
          tokens[from]!.start,
          t.end,
        )
      break
    }
    // "Butyrka Prison", "Republic Square": capitalised, the word is part of the name.
    if (EN_SITE_PROPER.has(t.text)) {
      const from = capsBefore(tokens, i, 3)
      if (from < i)
        pushSite(out, text.slice(tokens[from]!.start, t.end), tokens[from]!.start, t.end)
      continue
    }
    for (const words of EN_SITE_AFTER) {
      if (lower !== words[0] || !wordsAt(tokens, i, words)) continue
      const from = capsBefore(tokens, i, 3)
      const end = tokens[i + words.length - 1]!.end
      if (from < i) pushSite(out, text.slice(tokens[from]!.start, end), tokens[from]!.start, end)
      break
    }
  }
  return out
}

/**
 * Whether the tokens from `i` are `words` (lower case). Not a closure in the loop of
 * `findSites`: a closure there would make every step of that loop allocate its variables.
 */
function wordsAt(tokens: readonly PlaceToken[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) {
    if (tokens[i + k]?.text.toLowerCase() !== words[k]) return false
  }
  return true
}

// "Kazakh-China frontier" names a border, not a site.
const NATIONAL_PREFIX = /^(?:Kazakh|Kyrgyz|Uzbek|Tajik|Turkmen|Russian|Chinese|China|Afghan)-/

const SITE_STOP = new Set([
  'kazakh',
  'kyrgyz',
  'uzbek',
  'russian',
  'chinese',
  'kazakhstani',
  'during',
  'after',
  'before',
  'the',
  'a',
  'an',
  'in',
  'at',
  'of',
  'on',
  'to',
  'from',
  'by',
  'and',
  'this',
  'police',
  'main',
  'central',
  'new',
  'old',
  'бұл',
  'осы',
  'сол',
])

function capsBefore(tokens: readonly PlaceToken[], i: number, max: number): number {
  let from = i
  while (from > 0 && i - from < max) {
    const t = tokens[from - 1]!
    if (
      !t.isWord ||
      !t.capitalised ||
      SITE_STOP.has(t.text.toLowerCase()) ||
      NATIONAL_PREFIX.test(t.text)
    )
      break
    from--
  }
  return from
}

function capsAfter(tokens: readonly PlaceToken[], i: number, max: number): number {
  let to = i
  while (to < tokens.length && to - i < max) {
    const t = tokens[to]!
    if (!t.isWord || !t.capitalised || SITE_STOP.has(t.text.toLowerCase())) break
    to++
  }
  return to
}
