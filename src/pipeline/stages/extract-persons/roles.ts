/**
 * Title and role of a person from the context of its mentions: the title phrase before the name
 * ("начальник управления полиции Болат Оспанов", "Deputy Prosecutor General Pavel Orlov",
 * "полиция департаментінің бастығы Ерлан Сәдуақасов") or the apposition after it ("Timur
 * Baimukhanov, head of the cyber police department, said"); the role from legal-status words
 * near a mention (convict > suspect > victim) or else from the title.
 *
 * @module pipeline/stages/extract-persons/roles
 */
import type { PersonRole } from '#core/facts.ts'
import type { Token } from '../../text/tokenize.ts'
import type { CueRole } from './cues-data.ts'
import type { NameMention } from './recognise.ts'
import { hasNewline, isSpeechCue, startsLower, statusCue, titleCue } from './recognise.ts'

const BOUNDARY = new Set([
  '.',
  '!',
  '?',
  ';',
  ':',
  '(',
  ')',
  '«',
  '»',
  '"',
  '“',
  '”',
  '…',
  '—',
  '–',
])
const MODIFIERS = new Set([
  'former',
  'ex',
  'acting',
  'deputy',
  'senior',
  'first',
  'бывший',
  'бывшая',
  'бывшего',
  'экс',
  'врио',
  'и.о',
  'первый',
  'бұрынғы',
])
// Linking verbs that end a Russian title phrase going backwards ("Пострадавшей оказалась пенсионерка").
const RU_LINK_VERBS = new Set([
  'оказался',
  'оказалась',
  'оказались',
  'стал',
  'стала',
  'стали',
  'является',
  'являлась',
  'являлся',
  'был',
  'была',
  'были',
  'назначен',
  'назначена',
  'это',
  'что',
])
const EN_PREPOSITIONS = new Set([
  'of',
  'for',
  'in',
  'at',
  'on',
  'to',
  'from',
  'with',
  'by',
  'against',
  'among',
])
const ARTICLES = new Set(['the', 'a', 'an'])
// Words that end a title phrase going backwards in English (verbs and prepositions before it).
const EN_STOP_BACK = new Set([
  'said',
  'says',
  'told',
  'by',
  'to',
  'and',
  'with',
  'that',
  'as',
  'from',
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'had',
  'according',
  'against',
  'between',
  'after',
  'before',
  'when',
  'while',
  'if',
  'but',
  'or',
])

function cueIn(tokens: readonly Token[], from: number, to: number): number {
  for (let k = from; k < to; k++) if (titleCue(tokens[k]!.norm)) return k
  return -1
}

/** The title phrase the text gives next to one mention, or `null`. */
export function titleAt(
  text: string,
  tokens: readonly Token[],
  m: NameMention,
  lang: string,
  taken?: Uint8Array,
): string | null {
  // Apposition after the name: ", head of the ... ," / ", руководитель ..., ".
  const after = tokens[m.tokenEnd]
  if (after?.text === ',') {
    let k = m.tokenEnd + 1
    const first = k
    while (k < tokens.length && k - first < 16) {
      const t = tokens[k]!
      if (t.text === ',' || BOUNDARY.has(t.text) || isSpeechCue(t.norm)) break
      if (k > first && hasNewline(text, tokens[k - 1]!.end, t.start)) break
      k++
    }
    let head = first
    while (head < k && (ARTICLES.has(tokens[head]!.norm) || MODIFIERS.has(tokens[head]!.norm)))
      head++
    const headCue = head < k && titleCue(tokens[head]!.norm) && !statusCue(tokens[head]!.norm)
    // Kazakh appositions end in their head: `Гүлнар Ерболат, полиция департаментінің ресми өкілі:`.
    const tailCue =
      lang === 'kk' && k > first && titleCue(tokens[k - 1]!.norm) && !statusCue(tokens[k - 1]!.norm)
    if (k > first && (headCue || tailCue)) {
      return text.slice(tokens[first]!.start, tokens[k - 1]!.end).replace(/^(?:the|a|an)\s+/i, '')
    }
  }
  // Title before the name.
  let b = m.tokenStart - 1
  for (;;) {
    if (b >= 0 && tokens[b]!.text === '.') b-- // "Mr." / "г-н."
    // An apposition before the name: "the judge of the court of Kostanay, Merey Amanzhulov,
    // ruled": the title is read from before the comma. A loop, not a call per comma: a run of
    // thousands of commas must not overflow the stack.
    if (b > 0 && tokens[b]!.text === ',' && lang !== 'kk' && !taken?.[b - 1]) b--
    else break
  }
  const end = b
  let k = b
  while (k >= 0 && end - k < 12) {
    const t = tokens[k]!
    if (k < end && hasNewline(text, t.end, tokens[k + 1]!.start)) break
    // Skip a short parenthesis: "главы Государственной службы (ГСБЭП) Эрлана Абдыкадырова".
    if (t.text === ')') {
      let o = k - 1
      while (o >= 0 && k - o < 6 && tokens[o]!.text !== '(') o--
      if (o >= 0 && tokens[o]!.text === '(') {
        k = o - 1
        continue
      }
    }
    if (BOUNDARY.has(t.text) || t.text === ',') break
    if (lang === 'en' && EN_STOP_BACK.has(t.norm) && k !== end) break
    if (
      lang === 'en' &&
      k !== end &&
      (t.text.endsWith('ed') || t.text.endsWith('ing')) &&
      /^\p{Ll}+(?:ed|ing)$/u.test(t.text) &&
      !titleCue(t.norm) &&
      !MODIFIERS.has(t.norm)
    )
      break
    if (RU_LINK_VERBS.has(t.norm) || (k !== end && isSpeechCue(t.norm))) break
    if (taken?.[k]) break // another person's name
    if (
      k === end &&
      lang === 'en' &&
      t.isWord &&
      startsLower(t.text) &&
      !titleCue(t.norm) &&
      !MODIFIERS.has(t.norm)
    )
      break
    k--
  }
  const from = k + 1
  if (from > end) return null
  if (lang === 'kk') return kazakhTitle(text, tokens, from, end)
  let c = cueIn(tokens, from, end + 1)
  if (c < 0) return null
  // English head-final titles keep their qualifiers: "former customs officer", "GKNB chief".
  if (lang === 'en' && titleCue(tokens[end]!.norm) && !statusCue(tokens[end]!.norm)) {
    let q = end
    for (;;) {
      while (
        q - 1 >= from &&
        !ARTICLES.has(tokens[q - 1]!.norm) &&
        !EN_PREPOSITIONS.has(tokens[q - 1]!.norm) &&
        tokens[q - 1]!.isWord
      )
        q--
      // A possessive written with a stray accent ("Moldova´s chief prosecutor").
      if (
        q - 2 >= from &&
        tokens[q]!.text === 's' &&
        /^[´`'’]$/.test(tokens[q - 1]!.text) &&
        tokens[q - 2]!.isWord
      ) {
        q -= 2
        continue
      }
      break
    }
    // The head right before the name decides: "daughter of the late President Islam Karimov"
    // gives "late President", not "daughter of ...".
    c = q
  }
  while (c > from && MODIFIERS.has(tokens[c - 1]!.norm)) c--
  if (statusCue(tokens[c]!.norm) && c === end) return null
  const phrase = text.slice(tokens[c]!.start, tokens[end]!.end)
  if (/^(?:mr|mrs|ms|dr|miss|господин|госпожа)\.?$/i.test(phrase)) return null
  return phrase
}

const KK_GENITIVE = /(?:ның|нің|дың|дің|тың|тің)$/
const KK_POSSESSIVE = /[ыі]$/
// Adjectives that end like a possessive (`Ішкі істер министрі`).
const KK_ADJECTIVES = new Set(['ішкі', 'сыртқы', 'жоғарғы', 'төменгі', 'орталық', 'бас', 'аға'])
// Postpositions and pronouns that end a title phrase going backwards.
const KK_STOP = new Set(['туралы', 'бойынша', 'сәйкес', 'бұл', 'осы', 'ол', 'және', 'мен', 'деді'])
const KK_NOT_IN_TITLE =
  /(?:ған|ген|қан|кен|ып|іп|да|де|та|те|дан|ден|тан|тен|ға|ге|қа|ке|мен|бен|пен)$/

/**
 * Kazakh titles are head-final: the cue (`бастығы`, `әкімі`, `өкілі`) stands right before the
 * name and genitive words before it qualify it (`полиция департаментінің бастығы`). A word in
 * the possessive that is not followed by a genitive chain starts another phrase (`соты`).
 */
function kazakhTitle(
  text: string,
  tokens: readonly Token[],
  from: number,
  end: number,
): string | null {
  if (!titleCue(tokens[end]!.norm) || statusCue(tokens[end]!.norm)) return null
  let k = end
  let genitive = false
  while (k - 1 >= from && end - k < 6) {
    const w = tokens[k - 1]!
    if (!w.isWord || KK_NOT_IN_TITLE.test(w.norm) || KK_STOP.has(w.norm) || isSpeechCue(w.norm))
      break
    if (KK_GENITIVE.test(w.norm)) genitive = true
    else if (KK_POSSESSIVE.test(w.norm) && !genitive && k !== end && !KK_ADJECTIVES.has(w.norm))
      break
    else if (KK_POSSESSIVE.test(w.norm) && k === end) break
    k--
  }
  return text.slice(tokens[k]!.start, tokens[end]!.end)
}

const ACTING_HEAD =
  /^(?:(?:the|a|deputy|first|acting|senior|chief|state|general|и\.о\.|врио|первый|заместитель)\s+)*(?:judge|justice|prosecutor|spokes|press secretary|ombuds|commissioner|president|prime minister|minister|президент|премьер|министр|представител|прокурор|судь|председательствующ|пресс-секретар|генпрокурор|уполномоченн|омбудсмен)|(?:өкілі|судьясы|прокуроры)$/
const STATE_BODY =
  /полиц|мвд|прокурат|суд|департамент|ведомств|министерств|акимат|агентств|комитет|служб|кнб|гкнб|police|ministry|prosecutor|court|agency|committee|department|government|polic|ішкі істер|сот|министрлі|агенттіг|комитеті/
const FORMER = /\b(?:former|ex-|ex\s)|бывш|экс-|бұрынғы/u

const PRECEDENCE: readonly PersonRole[] = [
  'convict',
  'suspect',
  'victim',
  'official',
  'politician',
  'lawyer',
  'journalist',
  'other',
]

/** The role a title suggests (`head of the department` -> official, `lawyer` -> lawyer). */
export function roleOfTitle(title: string | null): CueRole | undefined {
  if (!title) return undefined
  const low = title.toLowerCase()
  // A representative speaks for a state body only when the title names one
  // ("представитель поставщика" is a company's man).
  if (/^(?:представител|representative)/.test(low) && !STATE_BODY.test(low)) return 'other'
  if (
    /interior|internal affairs|внутренних дел|ішкі істер|police|полиц|prosecutor|прокур|justice|юстиции|әділет|emergenc|чрезвычайн|төтенше/.test(
      low,
    ) &&
    /minister|министр/.test(low)
  )
    return 'official'
  if (/spokes|press secretary|пресс-секретар|представител|өкілі/.test(low)) return 'official'
  for (const w of low.split(/[\s,]+/)) {
    const r = titleCue(w.replace(/[’']s$/, ''))
    if (r && r !== 'other') return r
  }
  for (const w of low.split(/[\s,]+/)) {
    const r = titleCue(w)
    if (r) return r
  }
  return undefined
}

// How many tokens of a list of names (`A, B and C`) the status search reads past its window.
const LIST_REACH = 64

/** The legal status shown near one mention, if any. A speaker's own sentence does not count. */
export function statusAt(
  tokens: readonly Token[],
  m: NameMention,
  taken?: Uint8Array,
): 'convict' | 'suspect' | 'victim' | undefined {
  let lo = Math.max(0, m.tokenStart - 8)
  // Forward a short way, further over a list of names: "A, B and C were sentenced ...". A list
  // is followed only so far: on a text listing thousands of names each mention would otherwise
  // read the whole list.
  let hi = Math.min(tokens.length, m.tokenEnd + 12)
  const reach = Math.min(tokens.length, m.tokenEnd + 12 + LIST_REACH)
  const floor = Math.max(0, m.tokenStart - 8 - LIST_REACH)
  // Speaker: a verb of speech right after the name, or "according to / по словам" before it.
  for (let k = m.tokenEnd; k < Math.min(tokens.length, m.tokenEnd + 3); k++)
    if (isSpeechCue(tokens[k]!.norm)) return undefined
  const p1 = tokens[m.tokenStart - 1]?.norm
  const p2 = tokens[m.tokenStart - 2]?.norm
  if ((p2 === 'по' && p1 === 'словам') || (p2 === 'according' && p1 === 'to')) return undefined
  // "— подчеркнул Абдыкадыров", "said Sadykov", "as stated by X".
  if (p1 && isSpeechCue(p1)) return undefined
  if (p1 === 'by' && p2 && isSpeechCue(p2)) return undefined
  // "по словам адвоката X", "according to police spokesman X": a title between the cue and the name.
  for (let k = m.tokenStart - 1; k >= Math.max(1, m.tokenStart - 6); k--) {
    const t = tokens[k]!
    if (!t.isWord) break
    const before = tokens[k - 1]!.norm
    if ((before === 'по' && t.norm === 'словам') || (before === 'according' && t.norm === 'to'))
      return undefined
  }
  let best: 'convict' | 'suspect' | 'victim' | undefined
  let appositionPassed = false
  for (let k = m.tokenEnd; k < hi; k++) {
    const t = tokens[k]!
    if (t.text === '.' || t.text === ';') break
    if (taken?.[k] || t.text === ',' || t.norm === 'and' || t.norm === 'и')
      hi = Math.min(reach, hi + 1)
    const s = statusCue(t.norm)
    if (s && (best === undefined || PRECEDENCE.indexOf(s) < PRECEDENCE.indexOf(best))) best = s
  }
  for (let k = m.tokenStart - 1; k >= lo; k--) {
    const t = tokens[k]!
    // Inside a list of names ("sentenced A, B and C") the walk goes on past the other names.
    if (
      (t.text === ',' || t.norm === 'and' || t.norm === 'и' || t.norm === 'және') &&
      taken?.[k - 1]
    ) {
      let q = k - 1
      while (q > floor && taken[q - 1]) q--
      lo = Math.max(floor, q - 8)
      k = q
      continue
    }
    // An apposition of titles ("задержали начальника управления, полковника X"): go on.
    if (
      t.text === ',' &&
      k + 1 < m.tokenStart &&
      titleCue(tokens[k + 1]!.norm) &&
      !appositionPassed
    ) {
      appositionPassed = true
      lo = Math.max(0, k - 10)
      continue
    }
    // Backwards the clause ends sooner: "X fled abroad, and his wife Alma ...".
    if (
      t.text === '.' ||
      t.text === ';' ||
      t.text === ',' ||
      t.norm === 'and' ||
      t.norm === 'и' ||
      t.norm === 'және'
    )
      break
    const s = statusCue(t.norm)
    if (s && (best === undefined || PRECEDENCE.indexOf(s) < PRECEDENCE.indexOf(best))) best = s
  }
  return best
}

/** Combines statuses and the title into one role by the gold precedence. */
export function chooseRole(
  statuses: readonly ('convict' | 'suspect' | 'victim')[],
  titleRole: CueRole | undefined,
  title: string | null = null,
): PersonRole {
  // A sitting judge, prosecutor, spokesperson or head speaks and acts for the body; the status
  // words around such a person are about others ("Judge X sentenced Y").
  if (
    title &&
    (titleRole === 'official' || titleRole === 'politician') &&
    ACTING_HEAD.test(title.toLowerCase()) &&
    !FORMER.test(title.toLowerCase())
  ) {
    return titleRole
  }
  for (const r of ['convict', 'suspect', 'victim'] as const) if (statuses.includes(r)) return r
  return titleRole ?? 'other'
}
