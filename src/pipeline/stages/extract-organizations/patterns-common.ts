/**
 * Recognisers that work the same in every language: a quoted name after a legal form or a
 * genre word ("ТОО «Строй-Сервис»", "ОПГ «Карамурт»", "charity fund «Rahym»", "«Арман» ЖШС"),
 * and news sites cited by their domain ("Lada.kz", "turkmen.news").
 *
 * @module pipeline/stages/extract-organizations/patterns-common
 */
import type { OrganizationKind } from '#core/facts.ts'
import { type Candidate, keyOf, writeName } from './candidate.ts'
import type { OrgToken } from './org-tokens.ts'

/** Legal forms written before the quoted name (case-sensitive). */
const LEGAL_BEFORE = new Map<string, OrganizationKind>([
  ['ТОО', 'company'],
  ['АО', 'company'],
  ['ООО', 'company'],
  ['ОАО', 'company'],
  ['ЗАО', 'company'],
  ['ПАО', 'company'],
  ['ИП', 'company'],
  ['МКО', 'company'],
  ['ГУ', 'government'],
  ['КГУ', 'government'],
  ['РГУ', 'government'],
  ['РГП', 'government'],
  ['ГКП', 'government'],
  ['КГП', 'government'],
  ['ОФ', 'ngo'],
  ['ОО', 'ngo'],
  ['ОПГ', 'criminal_group'],
  ['ОПС', 'criminal_group'],
  ['ОКГ', 'criminal_group'],
  ['ЖШС', 'company'],
  ['АҚ', 'company'],
  ['LLP', 'company'],
  ['JSC', 'company'],
  ['LLC', 'company'],
])
/** Legal forms written after the quoted name (Kazakh, English). */
const LEGAL_AFTER = new Map<string, OrganizationKind>([
  ['ЖШС', 'company'],
  ['АҚ', 'company'],
  ['ЖК', 'company'],
  ['ҚҚ', 'ngo'],
  ['LLP', 'company'],
  ['JSC', 'company'],
  ['LLC', 'company'],
  ['Ltd', 'company'],
])
/** Genre words (lower-case stems) before a quoted name: the name is the quoted part. */
const GENRE: readonly [RegExp, OrganizationKind][] = [
  [/^(?:компани|фирм|корпораци|холдинг|банк|company|firm|bank|компания|серіктестіг)/, 'company'],
  [
    /^(?:фонд|fund|foundation|қор|общественн|объединени|ассоциаци|association|движени|movement)/,
    'ngo',
  ],
  [/^(?:парти|party)/, 'political_party'],
  [
    /^(?:телеканал|газет|издани|портал|агентств|радио|журнал|newspaper|channel|outlet|portal|telegram-канал)/,
    'media',
  ],
  [/^(?:группировк|банд|gang|cartel|картел|ОПГ|преступн)/, 'criminal_group'],
]
const MEDIA_VERBS =
  /^(?:сообщает|сообщают|сообщило|сообщил|передает|передают|передаёт|пишет|пишут|информирует|reports|reported|writes|wrote|хабарлайды|жазады|хабарлады)$/
/** Trading venues named right after their genre word, unquoted ("на бирже OKX"). */
const VENUE = /^(?:бирж|криптобирж|бирже|exchange|платформ)/
const LATIN_NAME = /^[A-Z][A-Za-z0-9]+$/

/** "на бирже ATAIX", "криптобиржи OKX": a venue word, then a Latin name. */
export function recognizeVenues(text: string, tokens: readonly OrgToken[]): Candidate[] {
  const out: Candidate[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const g = tokens[i]!
    const n = tokens[i + 1]!
    // A Latin name is capitalised: that flag turns most tokens away before any regex.
    if (!n.cap || !g.isWord || !VENUE.test(g.norm) || !LATIN_NAME.test(n.text) || n.nlBefore)
      continue
    out.push(cand(text, tokens, i + 1, i + 2, 'company', n.text))
  }
  return out
}
const OPEN_QUOTE = new Set(['«', '"', '“', '„'])
const CLOSE_QUOTE = new Set(['»', '"', '”', '“'])

function quotedAt(tokens: readonly OrgToken[], i: number): number {
  // Returns the index after the closing quote, or -1.
  if (!OPEN_QUOTE.has(tokens[i]?.text ?? '')) return -1
  const first = tokens[i + 1]
  if (!first?.isWord || !(first.cap || /^\d/.test(first.text) || first.upper)) return -1
  for (let k = i + 2; k < tokens.length && k < i + 9; k++) {
    const t = tokens[k]!
    if (CLOSE_QUOTE.has(t.text)) return k + 1
    if (t.text === '.' || t.text === ',' || t.text === ';' || OPEN_QUOTE.has(t.text)) return -1
  }
  return -1
}

/** Finds quoted names after legal forms and genre words. */
export function recognizeQuoted(text: string, tokens: readonly OrgToken[]): Candidate[] {
  const out: Candidate[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    // Quotes are one-character tokens: the length test spares a set look-up per word.
    if (t.text.length !== 1 || !OPEN_QUOTE.has(t.text)) continue
    const end = quotedAt(tokens, i)
    if (end < 0) continue
    const prev = tokens[i - 1]
    const next = tokens[end]
    const quoted = writeName(text, tokens, i + 1, end - 1)
    let made: Candidate | null = null
    const legal = prev ? LEGAL_BEFORE.get(prev.text) : undefined
    if (prev && legal) {
      made = cand(text, tokens, i - 1, end, legal, writeName(text, tokens, i - 1, end))
    } else if (next && LEGAL_AFTER.has(next.text)) {
      made = cand(
        text,
        tokens,
        i,
        end + 1,
        LEGAL_AFTER.get(next.text)!,
        writeName(text, tokens, i, end + 1),
      )
    } else if (prev?.isWord) {
      // "преступная группа «X»", "charity fund «Rahym»": up to two words back.
      const two = tokens[i - 2]
      for (const [re, kind] of GENRE) {
        if (re.test(prev.norm) || re.test(prev.text)) {
          made = cand(text, tokens, i + 1, end - 1, kind, quoted)
          break
        }
        if (
          (prev.norm === 'группа' || prev.norm === 'группы' || prev.norm === 'group') &&
          two &&
          /^(?:преступн|организованн|criminal|organized|organised)/.test(two.norm)
        ) {
          made = cand(text, tokens, i + 1, end - 1, 'criminal_group', quoted)
          break
        }
      }
    }
    // "сообщает «Диапазон»", "передает агентство": the quoted name is the source.
    if (!made && prev && MEDIA_VERBS.test(prev.norm)) {
      made = cand(text, tokens, i + 1, end - 1, 'media', quoted)
    }
    if (!made && next?.isWord && /^(?:gang|cartel|тобы|тобының|бандасы)$/.test(next.norm)) {
      made = cand(text, tokens, i + 1, end - 1, 'criminal_group', quoted)
    }
    if (made) out.push(made)
  }
  return out
}

function cand(
  text: string,
  tokens: readonly OrgToken[],
  from: number,
  to: number,
  kind: OrganizationKind,
  name: string,
): Candidate {
  void text
  return {
    from,
    to,
    start: tokens[from]!.start,
    end: tokens[to - 1]!.end,
    name,
    kind,
    country: undefined,
    orgId: null,
    key: `q:${keyOf(name)}`,
    generic: null,
    source: 'pattern',
  }
}

const TLD_COUNTRY: Record<string, string> = {
  kz: 'KZ',
  kg: 'KG',
  uz: 'UZ',
  tj: 'TJ',
  tm: 'TM',
  ru: 'RU',
  ua: 'UA',
  by: 'BY',
  az: 'AZ',
  am: 'AM',
  ge: 'GE',
}
// A top-level domain not followed by more name; the labels before it are read by hand, so the
// regular expression only ever runs from a dot.
const TLD_RE =
  /\.(kz|kg|uz|tj|tm|ru|ua|by|az|am|ge|com|org|net|news|media|info|asia)(?![\p{L}\p{N}/@-]|\.[\p{L}\p{N}])/giu
const CREDIT_BEFORE =
  /(?:фото|photo|скриншот|screenshot|кадр|видео|video|источник фото|иллюстрац|сурет|pic)\s*[:：-]?\s*$/i

function isLabelChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45
}

/** Finds news sites cited by domain name ("Lada.kz", "turkmen.news"); none inside URLs or e-mails. */
export function recognizeDomains(text: string, tokens: readonly OrgToken[]): Candidate[] {
  const out: Candidate[] = []
  TLD_RE.lastIndex = 0
  for (let m = TLD_RE.exec(text); m !== null; m = TLD_RE.exec(text)) {
    const end = m.index + m[0].length
    // Walk back over one or two labels ("uzdaily", "en.inform").
    let start = m.index
    let labels = 0
    while (labels < 2) {
      let k = start
      while (k > 0 && isLabelChar(text.charCodeAt(k - 1)) && start - k < 31) k--
      if (k === start) break
      start = k
      labels++
      if (text[start - 1] === '.' && isLabelChar(text.charCodeAt(start - 2))) start--
      else break
    }
    if (labels === 0 || text[start] === '.') continue
    const before = text[start - 1] ?? ' '
    if (/[\p{L}\p{N}@/.\\-]/u.test(before) || !/[A-Za-z]/.test(text[start]!)) continue
    const name = text.slice(start, end)
    if (/^www\./i.test(name)) continue
    const lineStart = text.lastIndexOf('\n', start) + 1
    if (CREDIT_BEFORE.test(text.slice(Math.max(lineStart, start - 30), start))) continue
    const from = tokenStartingAt(tokens, start)
    if (from < 0) continue
    let to = from
    while (to < tokens.length && tokens[to]!.start < end) to++
    out.push({
      from,
      to,
      start,
      end,
      name,
      kind: 'media',
      country: TLD_COUNTRY[m[1]!.toLowerCase()] ?? null,
      orgId: null,
      key: `d:${name.toLowerCase()}`,
      generic: null,
      source: 'pattern',
    })
  }
  return out
}

/** The index of the token that starts at `offset`, or -1 (binary search). */
function tokenStartingAt(tokens: readonly OrgToken[], offset: number): number {
  let lo = 0
  let hi = tokens.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = tokens[mid]!.start
    if (s === offset) return mid
    if (s < offset) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
