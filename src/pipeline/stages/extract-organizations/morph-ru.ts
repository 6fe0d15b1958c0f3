/**
 * Just enough Russian noun-phrase morphology for organisation names: declining a nominative
 * name ("Генеральная прокуратура") into its singular case forms, and putting an inflected
 * adjective back into the nominative ("Мангистауском" → "Мангистауский"). Only the head of a
 * name inflects (its leading adjectives and first noun); the genitive tail never changes.
 *
 * @module pipeline/stages/extract-organizations/morph-ru
 */

/** Grammatical gender of a head noun. */
export type Gender = 'm' | 'f' | 'n'

/** Singular endings by case: nominative, genitive, dative, accusative, instrumental, prepositional. */
type Paradigm = readonly [string, string, string, string, string, string]

const VELAR_SIBILANT = /[кгхжшчщ]$/
const CYRILLIC_WORD = /^[А-ЯЁа-яё][а-яё-]*$/
// Adjective stems whose masculine nominative is stressed `-ой` (городской, областной).
const STRESSED_OI = /(?:городск|областн|окружн|краев|морск|полев|рабоч|мировск)$/

/** Tells whether a word looks like a nominative Russian adjective. */
export function isNominativeAdjective(word: string): boolean {
  return CYRILLIC_WORD.test(word) && /(?:ый|ий|ой|ая|яя|ое|ее)$/.test(word) && word.length > 3
}

/** The gender and paradigm of a nominative noun, or `null` when it does not decline. */
export function nounParadigm(word: string): { gender: Gender; endings: Paradigm } | null {
  if (!CYRILLIC_WORD.test(word) || word.length < 3) return null
  const w = word.toLowerCase()
  if (w.endsWith('ия')) return { gender: 'f', endings: ['ия', 'ии', 'ии', 'ию', 'ией', 'ии'] }
  if (w.endsWith('ие')) return { gender: 'n', endings: ['ие', 'ия', 'ию', 'ие', 'ием', 'ии'] }
  if (w.endsWith('а')) {
    const gen = VELAR_SIBILANT.test(w.slice(0, -1)) ? 'и' : 'ы'
    return { gender: 'f', endings: ['а', gen, 'е', 'у', 'ой', 'е'] }
  }
  if (w.endsWith('о')) return { gender: 'n', endings: ['о', 'а', 'у', 'о', 'ом', 'е'] }
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(w))
    return { gender: 'm', endings: ['', 'а', 'у', '', 'ом', 'е'] }
  return null
}

/** Adjective endings for a stem and gender (singular, inanimate accusative). */
function adjectiveParadigm(stem: string, gender: Gender, soft: boolean): Paradigm {
  const i = VELAR_SIBILANT.test(stem) || soft ? 'и' : 'ы'
  if (gender === 'f')
    return soft ? ['яя', 'ей', 'ей', 'юю', 'ей', 'ей'] : ['ая', 'ой', 'ой', 'ую', 'ой', 'ой']
  if (gender === 'n')
    return soft ? ['ее', 'его', 'ему', 'ее', 'им', 'ем'] : ['ое', 'ого', 'ому', 'ое', `${i}м`, 'ом']
  const nom = STRESSED_OI.test(stem.toLowerCase()) ? 'ой' : soft ? 'ий' : `${i}й`
  return soft ? ['ий', 'его', 'ему', 'ий', 'им', 'ем'] : [nom, 'ого', 'ому', nom, `${i}м`, 'ом']
}

const ADJ_ENDINGS = [
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ый',
  'ий',
  'ой',
  'ая',
  'яя',
  'ое',
  'ее',
  'ую',
  'юю',
  'ым',
  'им',
  'ом',
  'ем',
  'ей',
  'ые',
  'ие',
  'ых',
  'их',
] as const

/** Splits an adjective (any case) into stem and ending, or `null` when it is not one. */
export function adjectiveStem(word: string): { stem: string; soft: boolean } | null {
  if (!CYRILLIC_WORD.test(word) || word.length < 4) return null
  const lower = word.toLowerCase()
  for (const e of ADJ_ENDINGS) {
    if (lower.endsWith(e) && lower.length - e.length >= 2) {
      const stem = word.slice(0, word.length - e.length)
      // -н- stems with е/и/я/ю endings are soft (внутренний, внутреннего, последняя).
      return { stem, soft: /н$/.test(stem) && /^[еияю]/.test(e) }
    }
  }
  return null
}

/** Puts an inflected adjective into the nominative singular of `gender`. */
export function adjectiveToNominative(word: string, gender: Gender): string {
  const parts = adjectiveStem(word)
  if (!parts) return word
  return parts.stem + adjectiveParadigm(parts.stem, gender, parts.soft)[0]
}

/** Declines a nominative adjective into the six singular cases for `gender`. */
export function declineAdjective(word: string, gender: Gender): string[] {
  const parts = adjectiveStem(word)
  if (!parts) return [word]
  return adjectiveParadigm(parts.stem, gender, parts.soft).map((e) => parts.stem + e)
}

/** Declines a nominative noun into the six singular cases (itself alone when it does not decline). */
export function declineNoun(word: string): string[] {
  const p = nounParadigm(word)
  if (!p) return [word]
  const stem = word.slice(0, word.length - p.endings[0].length)
  return p.endings.map((e) => stem + e)
}

const FUNCTION_WORDS = new Set(['по', 'при', 'на', 'в', 'с', 'и', 'для', 'о', 'об', 'за', 'от'])

/**
 * Declines a nominative name phrase: its leading adjectives and first noun inflect together,
 * the rest stays. Returns one word list per case (nominative first); an abbreviation-led or
 * foreign name gives only itself.
 */
export function declinePhrase(words: readonly string[]): string[][] {
  let head = -1
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (FUNCTION_WORDS.has(w.toLowerCase()) || !CYRILLIC_WORD.test(w)) break
    if (isNominativeAdjective(w) && i < words.length - 1) continue
    head = i
    break
  }
  if (head < 0) return [[...words]]
  const headWord = words[head]!
  const noun = isNominativeAdjective(headWord) ? null : nounParadigm(headWord)
  const gender: Gender = noun?.gender ?? adjGender(headWord)
  const columns: string[][] = []
  for (let i = 0; i <= head; i++) {
    const w = words[i]!
    const forms =
      i === head && noun
        ? declineNoun(w)
        : isNominativeAdjective(w)
          ? declineAdjective(w, gender)
          : [w]
    columns.push(forms)
  }
  const out: string[][] = []
  for (let c = 0; c < 6; c++) {
    out.push([...columns.map((f) => f[Math.min(c, f.length - 1)]!), ...words.slice(head + 1)])
  }
  return out
}

function adjGender(word: string): Gender {
  if (/(?:ая|яя)$/.test(word)) return 'f'
  if (/(?:ое|ее)$/.test(word)) return 'n'
  return 'm'
}
