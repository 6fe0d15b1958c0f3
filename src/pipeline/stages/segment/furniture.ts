/**
 * Finds page furniture in a plain-text page dump with line-level rules: tickers, header dates,
 * credits and captions, navigation labels, pagination, copyright notices, lines repeated as
 * alt text + caption, and short label lines in the page header and footer.
 *
 * Every rule is biased towards keeping text: a line that reads like a sentence of the article
 * is never blanked unless a furniture cue (credit, copyright) is explicit.
 *
 * @module pipeline/stages/segment/furniture
 */
import type { BoilerplateKind, BoilerplateSpan } from '#core/facts.ts'
import { codePointAt, isLetter, isWhitespace } from '../../text/char-class.ts'
import { CREDIT_WORDS, FURNITURE_LINES, RELATED_PREFIXES } from './furniture-data.ts'

/** One line of the text with its trimmed extent. */
export interface Line {
  /** Trimmed line text. */
  readonly text: string
  /** Offsets of the trimmed text in the document. */
  readonly start: number
  readonly end: number
}

/** Splits text into lines, trimming each; blank lines are kept with `text === ''`. */
export function splitLines(text: string): Line[] {
  const out: Line[] = []
  let pos = 0
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos)
    if (nl < 0) nl = text.length
    let s = pos
    let e = nl
    while (s < e && isSpace(text.charCodeAt(s))) s++
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--
    out.push({ text: text.slice(s, e), start: s, end: e })
    pos = nl + 1
  }
  return out
}

/** The first line of `text` that is not blank, as {@link splitLines} gives it; `null` if none. */
export function firstNonBlankLine(text: string): Line | null {
  let pos = 0
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos)
    if (nl < 0) nl = text.length
    let s = pos
    let e = nl
    while (s < e && isSpace(text.charCodeAt(s))) s++
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--
    if (e > s) return { text: text.slice(s, e), start: s, end: e }
    pos = nl + 1
  }
  return null
}

function isSpace(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 13 || c === 160 || c === 0x2009 || c === 0x202f || c === 0xfeff
  )
}

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|' +
  'jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|' +
  'январ[ьяе]|феврал[ьяе]|март[а]?|апрел[ьяе]|ма[йя]|июн[ьяе]|июл[ьяе]|август[а]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|' +
  'қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан'
const DATE_TOKEN = new RegExp(
  `\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}:\\d{2}\\b|(?<!\\p{L})(?:${MONTHS})(?!\\p{L})`,
  'iu',
)
const DATE_NOISE = new RegExp(
  // \\b is ASCII-only in JavaScript: Cyrillic words are bounded with letter look-arounds.
  `(?<!\\p{L})(?:${MONTHS})(?!\\p{L})|(?<!\\p{L})(?:date|gmt|utc|today|yesterday|updated|last|published|сегодня|вчера|опубликовано|обновлено|бүгін|кеше|жыл|года?|г)(?!\\p{L})|[\\d\\p{P}\\p{S}]+`,
  'giu',
)

/** Tells whether a short line is only a date/time stamp (with at most two label words). */
export function isDateLine(line: string): boolean {
  // A stamp has digits; without them "Police may detain" would read as a date line.
  if (line.length > 80 || !/\d/u.test(line) || !DATE_TOKEN.test(line)) return false
  const rest = line.replace(DATE_NOISE, ' ').trim()
  if (rest === '') return true
  return rest.split(/\s+/).length <= 2
}

const TICKER =
  /^(?:[•·*-]\s*)?(?:[A-Z]{3}\s*\/\s*[A-Z]{3}\s*=\s*[\d.,]+|(?:USD|EUR|RUB|KZT|KGS|UZS|TJS|CNY|GBP|TRY|AED)\s*[\d.,]+(?:\s*[▲▼↑↓+−-]?\s*[\d.,]*%?)?$|[$€₽£¥]\s*1\s*[–—=-]\s*[\d.,]+$|(?:USD|EUR|RUB|KZT|KGS|UZS|TJS)\s*[–—-]\s*[+−-]?[\d.,]+%$|курсы? валют|exchange rates?\b)/iu
const PAGINATION =
  /^(?:viewing results \d+\s*[-–]\s*\d+ of \d+|showing \d+\s*[-–]\s*\d+ of \d+|page \d+ of \d+|страница \d+ из \d+|показаны? \d+\s*[-–]\s*\d+ из \d+|\d+\s*[-–]\s*\d+ of \d+|(?:page|страница|бет)\s+\d+|(?:[<«‹]\s*)?1\s+2\s+3(?:\s+\d{1,3})*(?:\s*(?:…|\.\.\.)\s*\d{1,3})?(?:\s*[>»›])?)$/iu
const LEGAL =
  /^(?:©|\(c\)\s*\d{4}|copyright\b|все права защищены|барлық құқықтар|all rights reserved|(?:the )?official (?:web)?site of\b|официальный сайт\b|text sources?:|image sources?:|sources?:\s*[A-Z][^.]*,[^.]*,)/iu
const FAIR_USE =
  /copyrighted material|fair use|все права защищены|all rights reserved|перепечатка|при использовании материалов/iu
const CREDIT_ANYWHERE =
  /(?:^|[\s/.(|])(?:photo|фото|сурет|image|illustration|иллюстрация|photographer|фотограф)\s*:|©|\bscreenshot from\b|\bfair use\.?$|\(illustrative photo\)$|\((?:photo|фото)[^)]{0,40}\)$/iu
const AGENCY_TAIL = /\((?:RFE\/RL|Reuters|AP|AFP|TASS|ТАСС|EPA|Getty|AA|Sputnik)[^)]{0,20}\)$/u
const CAPTION_TAG = /\[caption\b[^\]]{0,300}\][^[]{0,600}\[\/caption\]/giu
const READ_MORE_TAIL =
  /(?:причину|подробности|подробнее|детали)[^.!?\n]{0,40}(?:можете )?(?:узнать|читайте|прочитать|смотрите)[^.!?\n]{0,20}(?:здесь|тут|по ссылке)\.?|\bread (?:more|the full story) (?:here|at)\b[^.\n]{0,40}\.?|толығырақ[^.\n]{0,40}(?:осы жерде|мына жерден|сілтеме)[^.\n]{0,10}\.?/giu
const COUNTER = /^\d{1,7}$/u
const GLUED_COUNTER = /^\d{3,7}(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё])/u
const DATE_PREFIX = /^date \d{4}-\d{2}-\d{2}\b/u
const SENTENCE_END = /[.!?…»"”)]$/u
const PROSE_END = /[.…][»"”)]?$/u
const SENTENCE_INSIDE = /[.!?…]["»”]?\s+\p{Lu}/u
const MIN_READ = /^\d+\s*(?:min(?:ute)?s? read|мин(?:ут[аы]?)? чтения|минут оқу)$/iu
const SHARE_ROW =
  /^(?:facebook|twitter|telegram|whatsapp|vk|вконтакте|ok|одноклассники|x|instagram|youtube|linkedin|email|e-mail|copy link)(?:[\s,|•·]+(?:facebook|twitter|telegram|whatsapp|vk|вконтакте|ok|одноклассники|x|instagram|youtube|linkedin|email|e-mail|copy link))*$/iu

/**
 * A line as a label: lower-cased, without leading bullets and a trailing colon. Takes the line
 * already lower-cased. Loops over char codes do what `.replace(/^[•·*▪►>\s]+/u, '')`,
 * `.replace(/[:：]\s*$/u, '')` and `.trim()` did, without three regular expressions per line.
 */
function normLabel(lower: string): string {
  let s = 0
  let e = lower.length
  while (s < e && isLabelLead(lower.charCodeAt(s))) s++
  // The colon that only whitespace follows, then the whitespace on both sides.
  let j = e
  while (j > s && isWhitespace(lower.charCodeAt(j - 1))) j--
  if (j > s && (lower.charCodeAt(j - 1) === 0x3a || lower.charCodeAt(j - 1) === 0xff1a)) e = j - 1
  while (s < e && isWhitespace(lower.charCodeAt(s))) s++
  while (e > s && isWhitespace(lower.charCodeAt(e - 1))) e--
  return s === 0 && e === lower.length ? lower : lower.slice(s, e)
}

/** `[•·*▪►>\s]`: bullets and whitespace before a label. */
function isLabelLead(c: number): boolean {
  return (
    c === 0x2022 ||
    c === 0xb7 ||
    c === 0x2a ||
    c === 0x25aa ||
    c === 0x25ba ||
    c === 0x3e ||
    isWhitespace(c)
  )
}

/** The number of whitespace-separated pieces that hold a letter (`split(/\s+/)`, `\p{L}`). */
function wordCount(s: string): number {
  let n = 0
  let letter = false
  for (let i = 0; i < s.length; ) {
    const cp = codePointAt(s, i)
    i += cp > 0xffff ? 2 : 1
    if (isWhitespace(cp)) {
      if (letter) n++
      letter = false
    } else if (!letter && isLetter(cp)) letter = true
  }
  return letter ? n + 1 : n
}

/** Tells whether a line reads like article prose: long, or with sentence punctuation. */
function isBody(line: string): boolean {
  // "?" and "!" endings are left out: headlines often end with them.
  return (
    line.length >= 120 ||
    (line.length >= 30 && (PROSE_END.test(line) || SENTENCE_INSIDE.test(line)))
  )
}

/** A line that could be a headline: a few words, no sentence-final full stop. */
export function isHeadlineLike(line: string): boolean {
  // Cheapest tests first; all must hold.
  if (line.length < 15 || line.length > 250) return false
  if (/[.:;,]$/u.test(line)) return false
  if (!/^[\p{Lu}\d«"“'‘]/u.test(line)) return false
  if (wordCount(line) < 3) return false
  return !SENTENCE_INSIDE.test(line)
}

/** `label` less its trailing dots and ellipses; a loop, not `/[.…]+$/`, which is quadratic on a run of dots. */
function withoutTrailingDots(label: string): string {
  let end = label.length
  while (end > 0 && (label.charCodeAt(end - 1) === 0x2e || label.charCodeAt(end - 1) === 0x2026))
    end--
  return label.slice(0, end)
}

/** The kind of a line when the line alone shows it is furniture, else `null`. */
export function classifyLine(line: string): BoilerplateKind | null {
  if (line === '') return null
  const label = labelOf(line)
  const known =
    label === null
      ? undefined
      : (FURNITURE_LINES[label] ?? FURNITURE_LINES[withoutTrailingDots(label)])
  if (known !== undefined) return known
  if (TICKER.test(line)) return 'ticker'
  if (PAGINATION.test(line)) return 'pagination'
  if (COUNTER.test(line)) return 'other'
  if (MIN_READ.test(line)) return 'other'
  if (SHARE_ROW.test(line)) return 'share'
  if (line.length <= 1000 && LEGAL.test(line)) return 'legal'
  if (
    line.length <= 2000 &&
    FAIR_USE.test(line) &&
    /copyright|права|құқық|перепечат|материалов/iu.test(line)
  ) {
    return 'legal'
  }
  if (isDateLine(line)) return 'header-date'
  if (line.length <= 400 && MAY_BE_COOKIE.test(line) && COOKIE_RE.test(line)) return 'legal'
  if (BYLINE_RE.test(line)) return 'byline'
  if (isMenuRow(line)) return 'navigation'
  if (line.length <= 200) {
    const head = label ?? labelHead(line)
    for (const p of RELATED_PREFIXES) if (head.startsWith(p)) return 'related'
  }
  // A caption shortcode inside a paragraph is blanked on its own, not with the paragraph.
  const bare = line.includes('[caption') ? line.replace(CAPTION_TAG, '').trim() : line
  if (bare !== '' && bare.length <= 400 && isCredit(bare)) return 'caption'
  return null
}

// Pre-filters. Each is a plain alternation of words that every match of the expression it
// guards contains, under the same `iu` flags: V8 scans for such literals far faster than it
// tries the full expression at every offset of every line, and a line without any of them
// cannot match, so the result is the same.
const MAY_BE_COOKIE = /cookie|куки/iu
const MAY_BE_CREDIT = /©|\)$|screenshot|fair use|photo|фото|сурет|image|illustration|иллюстрация/iu
const MAY_BE_READ_MORE = /причину|подробн|детали|read (?:more|the full story)|толығырақ/iu
// A credit word at the start of a line (CREDIT_WORDS, possibly after "cover"): `isCredit`
// lower-cases the line only when this matches.
const CREDIT_LEAD =
  /^(?:cover\s+)?(?:photo|image|illustrati|screenshot|video|cover|фото|иллюстрация|скриншот|видео|коллаж|сурет)/iu

// The longest of RELATED_PREFIXES, and a length above every key of FURNITURE_LINES (and every
// Object.prototype member name) and every prefix.
const PREFIX_MAX = Math.max(...RELATED_PREFIXES.map((p) => p.length))
const LABEL_MAX = Math.max(40, PREFIX_MAX, ...Object.keys(FURNITURE_LINES).map((k) => k.length))

/**
 * The line as a FURNITURE_LINES key (`normLabel` of the lower-cased line), or `null` for a line
 * whose label would be longer than any key: most lines are prose paragraphs, and lower-casing
 * each of them costs more than every other rule. The label's extent is measured on the line as
 * written: lower-casing never shortens a string and leaves the stripped characters (bullets,
 * whitespace, colons, dots) as they are.
 */
function labelOf(line: string): string | null {
  let s = 0
  let e = line.length
  while (s < e && isLabelLead(line.charCodeAt(s))) s++
  while (e > s && isLabelTail(line.charCodeAt(e - 1))) e--
  if (e - s > LABEL_MAX) return null
  return normLabel(line.toLowerCase())
}

/**
 * The start of a long label (one `labelOf` gives `null` for), lower-cased: enough to test
 * RELATED_PREFIXES, whose every prefix is shorter than the label.
 */
function labelHead(line: string): string {
  let s = 0
  while (s < line.length && isLabelLead(line.charCodeAt(s))) s++
  return line.slice(s, s + PREFIX_MAX).toLowerCase()
}

/** A character that `normLabel` or the trailing-dots lookup may strip from the end. */
function isLabelTail(c: number): boolean {
  return c === 0x3a || c === 0xff1a || c === 0x2e || c === 0x2026 || isWhitespace(c)
}

const COOKIE_RE = /\bcookies?\b|файл(?:ы|ов)? cookie|куки/iu
const BYLINE_RE =
  /^(?:[Bb]y|[Аа]втор|[Аа]вторы|[Aa]uthor|[Tt]ext|[Тт]екст|[Фф]ото и текст)\s*:?\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$/u
const MENU_SEPARATOR = /\s[|•·/]\s|\s{2,}/gu

/** A navigation row: at least four short items separated by bars, bullets or wide gaps. */
function isMenuRow(line: string): boolean {
  if (line.length > 300 || /[.!?]$/u.test(line)) return false
  const items = line.split(MENU_SEPARATOR)
  return (
    items.length >= 4 && items.every((i) => /\p{L}/u.test(i) && wordCount(i) <= 3 && !/\d/u.test(i))
  )
}

function isCredit(line: string): boolean {
  if (CREDIT_LEAD.test(line)) {
    const lower = line.toLowerCase()
    const first = /^(?:cover\s+)?(\p{L}+)/u.exec(lower)?.[1] ?? ''
    if (CREDIT_WORDS.includes(first)) {
      const after = lower.slice(lower.indexOf(first) + first.length)
      if (/^\s*[:–—-]/u.test(after) || line.length <= 60) return true
    }
  }
  if (MAY_BE_CREDIT.test(line) && CREDIT_ANYWHERE.test(line)) return true
  if (line.length <= 200 && !/[.!?]$/u.test(line) && AGENCY_TAIL.test(line)) return true
  return false
}

/** Finds furniture spans in a page dump. Spans are sorted and do not overlap. */
export function findFurniture(text: string): BoilerplateSpan[] {
  const lines = splitLines(text)
  const kinds: (BoilerplateKind | null)[] = lines.map((l) => classifyLine(l.text))
  const extra: BoilerplateSpan[] = []

  // A "date YYYY-MM-DD" stamp that some dumps put before the first line.
  const first = lines.find((l) => l.text !== '')
  if (first && kinds[lines.indexOf(first)] === null) {
    const m = DATE_PREFIX.exec(first.text)
    if (m) {
      extra.push({ start: first.start, end: first.start + m[0].length, kind: 'header-date' })
      // The rest of that line is often a header label ("РУ", "Қазақ тіліне аудару").
      const restStart = first.text.slice(m[0].length).search(/\S/u)
      if (restStart >= 0) {
        const rest = first.text.slice(m[0].length + restStart)
        const kind = classifyLine(rest) ?? (wordCount(rest) <= 3 && !isBody(rest) ? 'rubric' : null)
        if (kind) extra.push({ start: first.start + m[0].length + restStart, end: first.end, kind })
      }
    }
  }

  const nonBlank: number[] = []
  lines.forEach((l, i) => {
    if (l.text !== '') nonBlank.push(i)
  })

  // Alt text followed by the same caption: the same line twice in a row is an image caption,
  // except for the headline, whose first occurrence stays content.
  for (let k = 1; k < nonBlank.length; k++) {
    const a = lines[nonBlank[k - 1]!]!
    const b = lines[nonBlank[k]!]!
    if (a.text === b.text && a.text.length <= 400) {
      if (k > 1) kinds[nonBlank[k - 1]!] ??= 'caption'
      kinds[nonBlank[k]!] ??= k > 1 ? 'caption' : 'other'
    }
  }

  // Header zone: before the first body line, everything but the headline is furniture
  // when it is a short label (rubrics, tags, language switches, view counts).
  const firstBody = nonBlank.findIndex((i) => kinds[i] === null && isBody(lines[i]!.text))
  const headerEnd = firstBody < 0 ? nonBlank.length : firstBody
  let headline = -1
  const seen = new Set<string>()
  for (let k = 0; k < headerEnd; k++) {
    const i = nonBlank[k]!
    const t = lines[i]!.text
    if (kinds[i] !== null) continue
    if (seen.has(t)) {
      kinds[i] = 'other'
      continue
    }
    seen.add(t)
    if (isHeadlineLike(t) && wordCount(t) >= 4) headline = i
  }
  for (let k = 0; k < headerEnd; k++) {
    const i = nonBlank[k]!
    if (kinds[i] !== null || i === headline) continue
    // Without a headline, the line right above the first paragraph stands in for it.
    if (headline < 0 && k === headerEnd - 1 && firstBody >= 0) continue
    const t = lines[i]!.text
    if (t.length <= 60 && wordCount(t) <= 4 && !SENTENCE_END.test(t)) kinds[i] = 'rubric'
  }
  // The headline repeated later in the header or just after it (site re-prints the title).
  if (headline >= 0) {
    const ht = lines[headline]!.text
    for (let k = 0; k < Math.min(nonBlank.length, headerEnd + 3); k++) {
      const i = nonBlank[k]!
      if (i > headline && kinds[i] === null && lines[i]!.text === ht) kinds[i] = 'other'
    }
  }

  // A short label repeated on the page (menus, "Latest", tickers) is furniture wherever it is.
  const counts = new Map<string, number>()
  for (const i of nonBlank) {
    const t = lines[i]!.text
    if (t.length <= 60 && !SENTENCE_END.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1)
  }
  const headText = headline >= 0 ? lines[headline]!.text : null
  for (const i of nonBlank) {
    const t = lines[i]!.text
    if (kinds[i] === null && t !== headText && (counts.get(t) ?? 0) >= 2 && wordCount(t) <= 4) {
      kinds[i] = 'navigation'
    }
  }

  // Footer zone: after the last body line, short labels are furniture.
  let lastBody = -1
  for (let k = nonBlank.length - 1; k >= 0; k--) {
    const i = nonBlank[k]!
    if (kinds[i] === null && isBody(lines[i]!.text)) {
      lastBody = k
      break
    }
  }
  if (lastBody >= 0) {
    for (let k = lastBody + 1; k < nonBlank.length; k++) {
      const i = nonBlank[k]!
      const t = lines[i]!.text
      // Text cut off mid-sentence ("Both convicts will") is not furniture, so the rule keeps
      // to label-sized lines that do not open a quote or end in a comma.
      if (
        kinds[i] === null &&
        wordCount(t) <= 2 &&
        !SENTENCE_END.test(t) &&
        !/[,;]$|^["«“]/u.test(t)
      ) {
        kinds[i] = 'related'
      }
    }
  }

  // Short name-like lines next to a caption or credit are photographer/author boxes.
  for (let k = 0; k < nonBlank.length; k++) {
    const i = nonBlank[k]!
    if (kinds[i] !== null) continue
    const t = lines[i]!.text
    if (t.length > 60 || wordCount(t) > 4 || SENTENCE_END.test(t) || /\d{3,}/u.test(t)) continue
    const prev = k > 0 ? kinds[nonBlank[k - 1]!] : null
    const next = k + 1 < nonBlank.length ? kinds[nonBlank[k + 1]!] : null
    if (prev === 'caption' || next === 'caption' || prev === 'byline') kinds[i] = 'byline'
  }

  const spans: BoilerplateSpan[] = [...extra]
  lines.forEach((l, i) => {
    const kind = kinds[i]
    if (kind !== null && kind !== undefined && l.text !== '') {
      spans.push({ start: l.start, end: l.end, kind })
      return
    }
    const glued = GLUED_COUNTER.exec(l.text)
    if (glued) spans.push({ start: l.start, end: l.start + glued[0].length, kind: 'other' })
  })
  // Inline furniture inside prose lines. The "read more" tail is looked for only when the text
  // has one of its opening words (the expression tried at every offset costs more than a
  // lower-cased copy of the text).
  for (const re of MAY_BE_READ_MORE.test(text) ? [CAPTION_TAG, READ_MORE_TAIL] : [CAPTION_TAG]) {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      spans.push({
        start: m.index,
        end: m.index + m[0].length,
        kind: re === CAPTION_TAG ? 'caption' : 'related',
      })
    }
  }
  return mergeSpans(spans)
}

function mergeSpans(spans: BoilerplateSpan[]): BoilerplateSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  const out: BoilerplateSpan[] = []
  for (const s of sorted) {
    const last = out[out.length - 1]
    if (last && s.start < last.end) {
      if (s.end > last.end) out[out.length - 1] = { ...last, end: s.end }
      continue
    }
    out.push(s)
  }
  return out
}

const NOT_NEWLINE = /[^\n]/g

/**
 * `text.slice(start, end)` with every UTF-16 unit but newlines made a space. Most spans are one
 * line: a run of spaces, without a regular expression per span.
 */
function blank(text: string, start: number, end: number): string {
  const nl = text.indexOf('\n', start)
  if (nl < 0 || nl >= end) return ' '.repeat(end - start)
  return text.slice(start, end).replace(NOT_NEWLINE, ' ')
}

/** Replaces every character inside the spans with a space, keeping newlines (same length). */
export function blankSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text
  const parts: string[] = []
  let pos = 0
  for (const s of spans) {
    parts.push(text.slice(pos, s.start))
    // Per UTF-16 unit (no `u` flag) so that astral characters keep their length.
    parts.push(blank(text, s.start, s.end))
    pos = s.end
  }
  parts.push(text.slice(pos))
  return parts.join('')
}
