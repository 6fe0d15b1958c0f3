/**
 * Kazakh organisation names. Kazakh puts the head last and inflects only it: "ШҚО Полиция
 * департаментінің" is "ШҚО Полиция департаменті", "Алматы қалалық сотына" is "Алматы
 * қалалық соты". A head is found by its stem plus a case ending; its name is the run of
 * modifier words before it (places, field words, abbreviations, other bodies in the genitive)
 * with the head put back into the nominative.
 *
 * @module pipeline/stages/extract-organizations/patterns-kk
 */
import type { OrganizationKind } from '#core/facts.ts'
import { type Candidate, keyOf, kindFromName, matchCase, writeName } from './candidate.ts'
import type { OrgToken } from './org-tokens.ts'
import { cyrPlaceCode } from './places-data.ts'

/** stem, nominative, kind. */
const KK_HEADS: readonly [string, string, OrganizationKind][] = [
  ['департамент', 'департаменті', 'government'],
  ['басқарма', 'басқармасы', 'government'],
  ['бөлімше', 'бөлімшесі', 'law_enforcement'],
  ['бөлім', 'бөлімі', 'government'],
  ['комитет', 'комитеті', 'government'],
  ['агенттіг', 'агенттігі', 'government'],
  ['агенттік', 'агенттігі', 'government'],
  ['министрліг', 'министрлігі', 'government'],
  ['министрлік', 'министрлігі', 'government'],
  ['сот', 'соты', 'court'],
  ['прокуратура', 'прокуратурасы', 'prosecutor'],
  ['қызмет', 'қызметі', 'government'],
  ['әкімдіг', 'әкімдігі', 'government'],
  ['әкімдік', 'әкімдігі', 'government'],
  ['әкімшіліг', 'әкімшілігі', 'government'],
  ['полиция', 'полициясы', 'law_enforcement'],
  ['орталығ', 'орталығы', 'government'],
  ['инспекция', 'инспекциясы', 'government'],
  ['палата', 'палатасы', 'government'],
]

// Possessive then case ending, or a bare case ending; anchored, no nested quantifiers.
const KK_REST =
  /^(?:[ыі]|с[ыі])?(?:н|ны|ні|ның|нің|на|не|нда|нде|ндағы|ндегі|нан|нен|мен|ға|ге|қа|ке|да|де|та|те|дан|ден|тан|тен|тың|тің|дың|дің|ың|ің|ы|і)?$/

/** Modifier words (lower-case stems) that belong to a body's name. */
const KK_MODS =
  /^(?:полиция|ішкі|істер|көлік|жол|патрульдік|криминалдық|кибер|есірткі|қылмыс|қарсы|күрес|іс-қимыл|ұйымдасқан|экономикалық|тергеу|тергеп-тексеру|қаржы|қаржылық|мониторинг|сыбайлас|жемқорлық|мемлекеттік|кірістер|ұлттық|қауіпсіздік|шекара|көші-қон|превенция|кәмелетке|толмағандар|ісі|істері|жөніндегі|бойынша|әкімшілік|азаматтық|мамандандырылған|ауданаралық|қылмыстық|әскери|ювеналдық|кеден|салық|білім|денсаулық|сақтау|әділет|төтенше|жағдайлар|баспасөз|құқықтық|статистика|арнайы|есепке|алу|жедел|іздестіру|экстремизм|терроризм|цифрлық|мәдениет|құрылыс|бюджет|жер|қатынастары|ветеринария|облыстық|қалалық|аудандық|өңірлік|облысы|облысының|қаласы|қаласының|ауданы|ауданының|облыс|қала|аудан|аппелляциялық|апелляциялық|жоғарғы|жергілікті|бас|тәртіп|күзет|миграция|көші|қон|тергеу)(?:[ыі]|с[ыі])?(?:ның|нің|дың|дің|тың|тің|ың|ің|ға|ге|қа|ке)?$/

const PLACE_GENERIC =
  /^(?:облыстық|қалалық|аудандық|өңірлік|облысы|облысының|қаласы|қаласының|ауданы|ауданының|облыс|қала|аудан|бойынша)$/

/** The first three letters of every head stem, as UTF-16 codes. */
const HEAD_STARTS: readonly (readonly [number, number, number])[] = [
  ...new Set(KK_HEADS.map(([stem]) => stem.slice(0, 3))),
].map((p) => [p.charCodeAt(0), p.charCodeAt(1), p.charCodeAt(2)] as const)

/** A slot per three first letters; a word whose slot is unmarked starts like no head stem. */
function startSlot(a: number, b: number, c: number): number {
  return (a * 961 + b * 31 + c) & 0xffff
}
const HEAD_START_SLOTS = new Uint8Array(0x10000)
for (const [a, b, c] of HEAD_STARTS) HEAD_START_SLOTS[startSlot(a, b, c)] = 1

/** Whether `norm` (three letters or more) starts like a head stem; allocates nothing. */
function startsLikeHead(norm: string): boolean {
  const a = norm.charCodeAt(0)
  const b = norm.charCodeAt(1)
  const c = norm.charCodeAt(2)
  // Every word is asked: one table read turns most away before the scan of the stems.
  if (HEAD_START_SLOTS[startSlot(a, b, c)] !== 1) return false
  for (const p of HEAD_STARTS) if (p[0] === a && p[1] === b && p[2] === c) return true
  return false
}

/** The head without the possessive, for "аудандық сот" (not "соты") when the text has none. */
const BARE: Record<string, string> = {
  департамент: 'департамент',
  басқарма: 'басқарма',
  бөлім: 'бөлім',
  комитет: 'комитет',
  сот: 'сот',
  прокуратура: 'прокуратура',
  қызмет: 'қызмет',
  полиция: 'полиция',
  инспекция: 'инспекция',
  палата: 'палата',
}

/** Head phrases that are common nouns, not bodies, when nothing names them further. */
const COMMON_COMPOUNDS = new Set([
  'мемлекеттік қызметі',
  'мемлекеттік қызмет',
  'әскери қызметі',
  'әскери қызмет',
  'арнайы қызметі',
  'арнайы қызмет',
  'жедел қызметі',
  'жедел қызмет',
])

/** Abbreviated heads: "Алматы облысы ПД" (полиция департаменті). */
const KK_ABBREV_HEADS: ReadonlyMap<string, OrganizationKind> = new Map([
  ['ПД', 'law_enforcement'],
  ['ПБ', 'law_enforcement'],
])

function headAt(t: OrgToken): { nominative: string; kind: OrganizationKind; stem: string } | null {
  // Every token is asked: the cheap tests on lengths and letters come before any look-up.
  const abbrev = t.text.length === 2 ? KK_ABBREV_HEADS.get(t.text) : undefined
  if (abbrev) return { nominative: t.text, kind: abbrev, stem: t.text }
  if (!t.isWord || t.norm.length < 3 || !startsLikeHead(t.norm)) return null
  for (const [stem, nominative, kind] of KK_HEADS) {
    if (t.norm.startsWith(stem) && KK_REST.test(t.norm.slice(stem.length))) {
      const rest = t.norm.slice(stem.length)
      const possessive = /^(?:[ыі]|с[ыі])/.test(rest)
      const bare = BARE[stem]
      return { nominative: !possessive && bare ? bare : nominative, kind, stem }
    }
  }
  return null
}

/** Company words after a quoted name: "«Алтын» компаниясы", "«Бета» ЖШС-і". */
const KK_COMPANY_WORD = /^(?:компания|фирма)(?:[ыі]|с[ыі])?(?:н|ны|ның|на|нда|ндағы|нан|мен)?$/

/** "«Алтын» компаниясының": the quoted name before a company word, closing quote at `close`. */
function quotedCompany(text: string, tokens: readonly OrgToken[], close: number): Candidate | null {
  const word = tokens[close + 1]
  if (!word?.isWord || !KK_COMPANY_WORD.test(word.norm)) return null
  let open = close - 1
  while (open > 0 && open > close - 7 && tokens[open]!.text !== '«') open--
  if (tokens[open]?.text !== '«' || open === close - 1) return null
  const name = text.slice(tokens[open + 1]!.start, tokens[close - 1]!.end)
  return {
    from: open + 1,
    to: close,
    start: tokens[open + 1]!.start,
    end: tokens[close - 1]!.end,
    name,
    kind: 'company',
    country: undefined,
    orgId: null,
    key: `kk:company|${keyOf(name)}`,
    generic: null,
    source: 'pattern',
  }
}

function isPlace(t: OrgToken): boolean {
  return cyrPlaceCode(t.norm, 4) !== null
}

/** Finds head-final Kazakh names. `lexStart` maps a lexicon hit's last token to its first. */
export function recognizeKk(
  text: string,
  tokens: readonly OrgToken[],
  lexLast: ReadonlyMap<number, Candidate>,
): Candidate[] {
  const out: Candidate[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text === '»') {
      const company = quotedCompany(text, tokens, i)
      if (company) out.push(company)
      continue
    }
    const head = headAt(tokens[i]!)
    if (!head) continue
    // "Полиция департаменті": an uninflected head right before another head is its modifier
    // (a genitive one, "департаментінің бөлімі", is a body of its own).
    const next = tokens[i + 1]
    if (next && !next.nlBefore && headAt(next) && !/(?:ң)$/.test(tokens[i]!.norm)) continue
    let from = i
    let specific = false
    const typeWords: string[] = []
    while (from > 0 && i - from < 8) {
      const p = tokens[from - 1]!
      if (tokens[from]!.nlBefore) break
      const lex = lexLast.get(from - 1)?.from
      if (lex !== undefined) {
        from = lex
        specific = true
        continue
      }
      // "Павлодар қалалық №2 соты": a numbered court is a body of its own.
      if (/^\d{1,3}$/.test(p.text) && tokens[from - 2]?.text === '№') {
        from -= 2
        specific = true
        continue
      }
      if (!p.isWord) break
      if (p.upper && p.text.length <= 5) {
        from--
        specific = true
        continue
      }
      const inner = headAt(p)
      if (inner && from - 1 < i && !/^(?:сот)$/.test(inner.stem)) {
        from--
        typeWords.push(inner.nominative)
        continue
      }
      if (KK_MODS.test(p.norm)) {
        from--
        // A city court is not a district court; a city police department is the police department.
        if (!PLACE_GENERIC.test(p.norm) || (head.stem === 'сот' && /дық$|лық$/.test(p.norm)))
          typeWords.push(p.norm)
        continue
      }
      if (p.cap && (!p.sentStart || isPlace(p)) && p.norm !== 'мен') {
        from--
        specific = true
        continue
      }
      break
    }
    // "бойынша" / place words alone do not make a name.
    if (from === i) continue
    if (
      typeWords.length === 0 &&
      !specific &&
      !tokens.slice(from, i).some((x) => /қалалық|облыстық|аудандық/.test(x.norm))
    )
      continue
    const replace = new Map<number, string>([
      [
        i,
        head.stem === head.nominative
          ? head.nominative
          : matchCase(head.nominative, tokens[i]!.text),
      ],
    ])
    const name = writeName(text, tokens, from, i + 1, replace)
    const type = [...typeWords.reverse(), head.nominative].join(' ')
    // "мемлекеттік қызметке тұрды" (entered the civil service) names no body.
    if (!specific && COMMON_COMPOUNDS.has(type)) continue
    const placeKey = keyOf(
      tokens
        .slice(from, i)
        .filter((x) => x.cap || x.upper)
        .map((x) => x.norm)
        .join(' '),
    )
    out.push({
      from,
      to: i + 1,
      start: tokens[from]!.start,
      end: tokens[i]!.end,
      name,
      kind: kindFromName(name, head.kind),
      country: undefined,
      orgId: null,
      key: specific ? `kk:${type}|${placeKey}` : `kk:${type}|`,
      generic: specific ? null : `kk:${type}`,
      source: 'pattern',
    })
  }
  return out
}
