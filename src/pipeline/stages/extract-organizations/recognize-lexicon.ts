/**
 * Known bodies: lexicon hits, widened by the country qualifiers that travel with a name
 * ("Kazakh", "Russia's", "of the Kyrgyz Republic", "МВД России", "казахстанская полиция",
 * "ҚР ІІМ") and by a bracketed abbreviation ("Служба государственной безопасности (СГБ)").
 *
 * @module pipeline/stages/extract-organizations/recognize-lexicon
 */
import type { Lang } from '#core/lang.ts'
import { type Candidate, matchCase, writeName } from './candidate.ts'
import type { LexiconHit, OrgLexicon } from './lexicon.ts'
import { adjectiveStem, adjectiveToNominative, type Gender, nounParadigm } from './morph-ru.ts'
import type { OrgToken } from './org-tokens.ts'
import {
  EN_DEMONYMS,
  EN_PLACES,
  KK_COUNTRY_QUALIFIERS,
  RU_COUNTRY_QUALIFIERS,
  RU_DEMONYM_STEMS,
} from './places-data.ts'

/** Adjectives that open the full name of a body the lexicon knows by its short name. */
const RU_FULL_NAME_QUALIFIER = /^(?:государственн|национальн)(?:ая|ой|ую|ый|ого|ому|ым|ом|ое)$/

/** Country names that can follow "of" / precede a body in English. */
const EN_COUNTRIES = new Map([...EN_PLACES].filter(([name, code]) => COUNTRY_NAME_HINT(name, code)))

function COUNTRY_NAME_HINT(name: string, _code: string): boolean {
  return /stan$|republic|federation|^(?:russia|ukraine|belarus|georgia|azerbaijan|armenia|moldova|china|turkey|türkiye|iran|india|uae|poland|germany|france|italy|spain|britain|uk|united kingdom|united states|usa|us|latvia|lithuania|estonia|bulgaria|czech republic|austria|switzerland|liechtenstein|netherlands|belgium|israel|jordan|korea|south korea|japan|thailand|mongolia|cyprus|greece|serbia)$/.test(
    name,
  )
}

/** Looks up one or two tokens starting at `i` in a lower-case table. */
function lookup2(
  tokens: readonly OrgToken[],
  i: number,
  map: ReadonlyMap<string, string>,
): { code: string; to: number } | null {
  const a = tokens[i]
  if (!a?.isWord) return null
  const b = tokens[i + 1]
  if (b?.isWord && !a.poss) {
    const two = map.get(`${a.norm} ${b.norm}`)
    if (two) return { code: two, to: i + 2 }
  }
  const one = map.get(a.norm)
  return one ? { code: one, to: i + 1 } : null
}

/** Looks up one or two tokens ending just before `i` in a lower-case table. */
function lookupBefore(
  tokens: readonly OrgToken[],
  i: number,
  map: ReadonlyMap<string, string>,
): { code: string; from: number } | null {
  const a = tokens[i - 2]
  const b = tokens[i - 1]
  if (!b?.isWord) return null
  if (a?.isWord && !a.poss) {
    const two = map.get(`${a.norm} ${b.norm}`)
    if (two) return { code: two, from: i - 2 }
  }
  const one = map.get(b.norm)
  return one ? { code: one, from: i - 1 } : null
}

function headGender(nominative: readonly string[]): Gender {
  for (const w of nominative) {
    const stem = adjectiveStem(w)
    if (stem && /(?:ый|ий|ой|ая|яя|ое|ее)$/.test(w)) continue
    return nounParadigm(w)?.gender ?? 'm'
  }
  return 'm'
}

const STATE_KINDS = new Set([
  'law_enforcement',
  'security_service',
  'prosecutor',
  'court',
  'government',
  'legislature',
])

/** Finds known bodies. */
export function recognizeLexicon(
  text: string,
  tokens: readonly OrgToken[],
  lang: Lang,
  lexicon: OrgLexicon,
): Candidate[] {
  const out: Candidate[] = []
  for (const hit of lexicon.match(tokens)) out.push(widen(text, tokens, lang, hit))
  return out
}

function widen(text: string, tokens: readonly OrgToken[], lang: Lang, hit: LexiconHit): Candidate {
  let from = hit.from
  let to = hit.to
  let country: string | null | undefined = hit.entry.country === '*' ? undefined : hit.entry.country
  const replace = new Map<number, string>()
  hit.nominative.forEach((w, k) => {
    const tok = tokens[hit.from + k]!
    if (tok.norm !== w.toLowerCase()) replace.set(hit.from + k, matchCase(w, tok.text))
  })
  const generic = hit.entry.country === '*'
  // A qualifier names the country of a state body even when the lexicon has a usual one
  // ("ГКНБ Таджикистана" is Tajikistan's committee, not Kyrgyzstan's).
  const stateBody = generic || (hit.entry.country !== null && STATE_KINDS.has(hit.entry.kind))
  // Bracketed abbreviation right after the name: "(СГБ)", "(AFM)", "(KNB)".
  const open = tokens[to]
  if (open?.text === '(' && tokens[to + 1]?.upper) {
    let k = to + 1
    while (k < to + 4 && tokens[k]?.isWord) k++
    if (tokens[k]?.text === ')' && !tokens[to - 1]!.poss) to = k + 1
  }
  if (lang === 'en') {
    // Prefix: "Kazakh", "Russia's", "Kazakhstan".
    if (generic || hit.entry.country !== null) {
      const before = tokens[from - 1]
      if (before?.isWord && before.cap) {
        const code = EN_DEMONYMS.get(before.norm) ?? EN_COUNTRIES.get(before.norm)
        if (code) {
          from -= 1
          if (stateBody) country = code
        }
      }
    }
    // Suffix: "of (the) (Republic of) Kazakhstan", "of the Kyrgyz Republic", "of the RK".
    if (tokens[to]?.norm === 'of' && !tokens[to - 1]!.poss) {
      let k = to + 1
      if (tokens[k]?.norm === 'the') k++
      if (tokens[k]?.norm === 'republic' && tokens[k + 1]?.norm === 'of') k += 2
      const q = lookup2(tokens, k, EN_COUNTRIES)
      if (q) {
        to = q.to
        if (stateBody) country = q.code
      } else if (tokens[k]?.text === 'RK') {
        to = k + 1
        if (stateBody) country = 'KZ'
      }
    }
  } else {
    const q = lookup2(tokens, to, RU_COUNTRY_QUALIFIERS)
    if (q && !(lang === 'kk' && q.code === 'KZ' && tokens[to]?.norm === 'казахстана')) {
      to = q.to
      if (stateBody) country = q.code
    }
    // Prefix adjective: "казахстанская полиция", "российского МВД".
    const before = tokens[from - 1]
    if (lang === 'ru' && before?.isWord) {
      const stem = adjectiveStem(before.text)
      if (stem) {
        for (const [demonym, code] of RU_DEMONYM_STEMS) {
          if (stem.stem.toLowerCase() === demonym) {
            from -= 1
            replace.set(from, adjectiveToNominative(before.text, headGender(hit.nominative)))
            if (stateBody) country = code
            break
          }
        }
      }
    }
    // "Государственная таможенная служба": the full name of a body known by its short one.
    const first = tokens[from]
    const qualifier = tokens[from - 1]
    if (
      lang === 'ru' &&
      from === hit.from &&
      first?.isWord &&
      !first.upper &&
      !first.nlBefore &&
      qualifier?.isWord &&
      RU_FULL_NAME_QUALIFIER.test(qualifier.norm)
    ) {
      from -= 1
      replace.set(from, adjectiveToNominative(qualifier.text, headGender(hit.nominative)))
    }
    if (lang === 'kk') {
      const p = lookupBefore(tokens, from, KK_COUNTRY_QUALIFIERS)
      if (p) {
        from = p.from
        if (stateBody) country = p.code
      }
    }
  }
  const name = writeName(text, tokens, from, to, replace)
  return {
    from,
    to,
    start: tokens[from]!.start,
    end: tokens[to - 1]!.end,
    name,
    kind: hit.entry.kind,
    country,
    orgId: hit.entry.id,
    key: `id:${hit.entry.id}`,
    generic: null,
    source: 'lexicon',
  }
}
