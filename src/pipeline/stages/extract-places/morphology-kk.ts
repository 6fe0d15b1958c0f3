/**
 * Kazakh case suffixes for place names, with vowel harmony and consonant assimilation:
 * Алматы → Алматыда, Алматыға, Алматының; Шымкент → Шымкентте, Шымкентке, Шымкенттің;
 * Ақтөбе → Ақтөбеде; Қазақстан → Қазақстанда, Қазақстаннан; Ресей → Ресейге.
 *
 * @module pipeline/stages/extract-places/morphology-kk
 */

const BACK = new Set([...'аоұыя'])
const FRONT = new Set([...'әөүіеэ'])
const VOWELS = new Set([...'аәеиоөуұүыіэюя'])
const VOICELESS = new Set([...'кқпстфхцчшщбвгд'])
const NASAL = new Set([...'мнң'])
const SIBILANT_VOICED = new Set([...'жз'])

/** Tells whether a word takes back-vowel suffixes (its last clear vowel is a back vowel). */
function isBack(word: string): boolean {
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i]!
    if (BACK.has(c)) return true
    if (FRONT.has(c)) return false
  }
  return true
}

type SoundClass = 'vowel' | 'sonorant' | 'nasal' | 'voiced' | 'voiceless'

function soundClass(word: string): SoundClass {
  const last = word.at(-1) ?? ''
  const prev = word.at(-2) ?? ''
  // Final у/и after a vowel is a glide: Атырау → Атыраудың, Ақтауға.
  if ((last === 'у' || last === 'и') && VOWELS.has(prev)) return 'sonorant'
  if (VOWELS.has(last)) return 'vowel'
  if (last === 'л' || last === 'р' || last === 'й' || last === 'у') return 'sonorant'
  if (NASAL.has(last)) return 'nasal'
  if (SIBILANT_VOICED.has(last)) return 'voiced'
  if (VOICELESS.has(last)) return 'voiceless'
  return 'sonorant'
}

/** Case and derived suffixes by sound class, as [back, front] pairs. */
const SUFFIXES: Record<SoundClass, readonly (readonly [string, string])[]> = {
  vowel: [
    ['ның', 'нің'],
    ['ны', 'ні'],
    ['ға', 'ге'],
    ['да', 'де'],
    ['дан', 'ден'],
    ['мен', 'мен'],
    ['дағы', 'дегі'],
  ],
  sonorant: [
    ['дың', 'дің'],
    ['ды', 'ді'],
    ['ға', 'ге'],
    ['да', 'де'],
    ['дан', 'ден'],
    ['мен', 'мен'],
    ['дағы', 'дегі'],
  ],
  nasal: [
    ['ның', 'нің'],
    ['ды', 'ді'],
    ['ға', 'ге'],
    ['да', 'де'],
    ['нан', 'нен'],
    ['мен', 'мен'],
    ['бен', 'бен'],
    ['дағы', 'дегі'],
  ],
  voiced: [
    ['дың', 'дің'],
    ['ды', 'ді'],
    ['ға', 'ге'],
    ['да', 'де'],
    ['дан', 'ден'],
    ['бен', 'бен'],
    ['дағы', 'дегі'],
  ],
  voiceless: [
    ['тың', 'тің'],
    ['ты', 'ті'],
    ['қа', 'ке'],
    ['та', 'те'],
    ['тан', 'тен'],
    ['пен', 'пен'],
    ['тағы', 'тегі'],
  ],
}

/** Case suffixes after a third-person possessive ending. */
const POSSESSIVE_SUFFIXES: readonly (readonly [string, string])[] = [
  ['ның', 'нің'],
  ['н', 'н'],
  ['на', 'не'],
  ['нда', 'нде'],
  ['нан', 'нен'],
  ['мен', 'мен'],
  ['ндағы', 'ндегі'],
]

/**
 * The inflected forms of a Kazakh place name (suffixes on its last word), without the bare
 * name. Abbreviations (all capitals: АҚШ, ШҚО) take the suffix after a hyphen, and since their
 * pronunciation is not written, every suffix variant is accepted.
 */
export function kkCaseForms(name: string): string[] {
  const single = name.split(' ').filter(Boolean)
  const lastWord = single.at(-1)
  if (!lastWord) return []
  const head = single.slice(0, -1).join(' ')
  const join = (w: string) => (head ? `${head} ${w}` : w)
  const lower = lastWord.toLowerCase()
  const out = new Set<string>()
  if (lastWord.length <= 5 && lastWord === lastWord.toUpperCase() && /\p{Lu}/u.test(lastWord)) {
    for (const list of Object.values(SUFFIXES)) {
      for (const pair of list) for (const s of pair) out.add(join(`${lastWord}-${s}`))
    }
    return [...out]
  }
  const back = isBack(lower)
  // A compound ending in the possessive -ы/-і ("Қазақстан Республикасы", "Сауд Арабиясы")
  // takes the pronominal n: Республикасында, Республикасына, Республикасынан.
  if (head && /[^аәеиоөуұүыіэюя][ыі]$/.test(lower)) {
    for (const pair of POSSESSIVE_SUFFIXES) out.add(join(lastWord + (back ? pair[0] : pair[1])))
    return [...out]
  }
  for (const pair of SUFFIXES[soundClass(lower)]) {
    const s = back ? pair[0] : pair[1]
    out.add(join(lastWord + s))
  }
  return [...out]
}
