/**
 * Russian declension of place names: generates the case forms of a nominative name
 * ("Актюбинская область" → "Актюбинской области", …) and rebuilds the nominative of an
 * inflected adjective met in text ("Шардаринского" → "Шардаринский").
 *
 * The rules cover what place names need: adjectives (-ая/-яя, -ий/-ый/-ой), first-declension
 * nouns (-а/-я/-ия), second-declension nouns (consonant, -й), -ь nouns (both genders), and
 * indeclinable names (vowel endings other than -а/-я: Алматы, Актобе, Душанбе, Атырау).
 *
 * @module pipeline/stages/extract-places/morphology-ru
 */

/** Cases in a fixed order: nominative, genitive, dative, accusative, instrumental, prepositional. */
const CASES = 6

// Consonants after which Russian spelling writes и for ы and (unstressed) е for о.
const VELAR_OR_SIBILANT = /[кгхжшчщ]$/
const SIBILANT_OR_TS = /[жшчщц]$/

/** Tells whether a word looks like an adjective in the nominative singular or plural. */
export function isRuAdjective(word: string): boolean {
  return /(?:[ая]я|[иыо]й|[ыи]е)$/.test(word.toLowerCase()) && word.length > 3
}

/**
 * Case forms of one word, aligned by case (six entries), plus extra forms that have no slot
 * (plural adjective forms, alternative instrumental endings).
 */
function declineWord(word: string, adjective: boolean): { cases: string[]; extra: string[] } {
  const lower = word.toLowerCase()
  const same = (w: string) => Array.from({ length: CASES }, () => w)
  if (adjective) {
    if (/ая$/.test(lower)) {
      const s = word.slice(0, -2)
      return {
        cases: [word, `${s}ой`, `${s}ой`, `${s}ую`, `${s}ой`, `${s}ой`],
        extra: [`${s}ою`, ...plural(s)],
      }
    }
    if (/яя$/.test(lower)) {
      const s = word.slice(0, -2)
      return { cases: [word, `${s}ей`, `${s}ей`, `${s}юю`, `${s}ей`, `${s}ей`], extra: plural(s) }
    }
    if (/[иыо]й$/.test(lower)) {
      const s = word.slice(0, -2)
      const y = VELAR_OR_SIBILANT.test(s.toLowerCase()) ? 'и' : 'ы'
      return { cases: [word, `${s}ого`, `${s}ому`, word, `${s}${y}м`, `${s}ом`], extra: plural(s) }
    }
    if (/[ыи]е$/.test(lower)) {
      const s = word.slice(0, -2)
      const y = lower.at(-2) ?? 'ы'
      return { cases: [word, `${s}${y}х`, `${s}${y}м`, word, `${s}${y}ми`, `${s}${y}х`], extra: [] }
    }
  }
  // Hyphenated nouns decline their last part only: Нур-Султана, Усть-Каменогорске.
  const hyphen = word.lastIndexOf('-')
  if (hyphen > 0 && hyphen < word.length - 1) {
    const head = word.slice(0, hyphen + 1)
    const tail = declineWord(word.slice(hyphen + 1), false)
    return { cases: tail.cases.map((f) => head + f), extra: tail.extra.map((f) => head + f) }
  }
  if (/ия$/.test(lower)) {
    const s = word.slice(0, -2)
    return { cases: [word, `${s}ии`, `${s}ии`, `${s}ию`, `${s}ией`, `${s}ии`], extra: [] }
  }
  if (/а$/.test(lower)) {
    const s = word.slice(0, -1)
    const ls = s.toLowerCase()
    const gen = VELAR_OR_SIBILANT.test(ls) ? 'и' : 'ы'
    const ins = SIBILANT_OR_TS.test(ls) ? 'ей' : 'ой'
    return {
      cases: [word, s + gen, `${s}е`, `${s}у`, s + ins, `${s}е`],
      extra: [`${s}ой`, `${s}ою`],
    }
  }
  if (/я$/.test(lower)) {
    const s = word.slice(0, -1)
    return { cases: [word, `${s}и`, `${s}е`, `${s}ю`, `${s}ей`, `${s}е`], extra: [] }
  }
  if (/й$/.test(lower)) {
    const s = word.slice(0, -1)
    return { cases: [word, `${s}я`, `${s}ю`, word, `${s}ем`, `${s}е`], extra: [] }
  }
  if (/ь$/.test(lower)) {
    // Feminine (Тюмень, Казань) or masculine (Перемышль, Тайвань): both sets are generated,
    // since the gender is not written in the word.
    const s = word.slice(0, -1)
    return {
      cases: [word, `${s}и`, `${s}и`, word, `${s}ью`, `${s}и`],
      extra: [`${s}я`, `${s}ю`, `${s}ем`, `${s}е`],
    }
  }
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(lower)) {
    const ins = SIBILANT_OR_TS.test(lower) ? 'ем' : 'ом'
    return {
      cases: [word, `${word}а`, `${word}у`, word, word + ins, `${word}е`],
      extra: [`${word}ом`],
    }
  }
  // Vowel endings other than -а/-я: indeclinable (Алматы, Актобе, Атырау, Душанбе).
  return { cases: same(word), extra: [] }
}

function plural(stem: string): string[] {
  const y = VELAR_OR_SIBILANT.test(stem.toLowerCase()) ? 'и' : 'ы'
  return [`${stem}${y}е`, `${stem}${y}х`, `${stem}${y}м`, `${stem}${y}ми`]
}

/**
 * All case forms of a Russian place name, nominative first. Multi-word names decline word by
 * word in agreement (adjectives with their noun: "Саудовской Аравии"); explicit forms written
 * after `~` in the gazetteer bypass the rules.
 *
 * @param name the nominative, e.g. "Актюбинская", "Шымкент", "Южная Корея"
 * @param options.adjectiveOnly treat every word as an adjective (region adjectives before "область")
 */
export function ruCaseForms(name: string, options: { adjectiveOnly?: boolean } = {}): string[] {
  const words = name.split(' ').filter(Boolean)
  if (words.length === 0) return []
  const declined = words.map((w, i) => {
    const last = i === words.length - 1
    const adjective =
      options.adjectiveOnly === true || (!last && isRuAdjective(w)) || (last && /[иы]й$/.test(w))
    // In "Буэнос-Айрес"-like names and "Республика Корея" only some words decline; a word that
    // is neither an adjective nor the head noun (first noun) keeps its form.
    const head =
      adjective || i === words.findIndex((x) => !isRuAdjective(x)) || options.adjectiveOnly === true
    return head
      ? declineWord(w, adjective)
      : { cases: Array.from({ length: CASES }, () => w), extra: [] }
  })
  const out = new Set<string>()
  for (let c = 0; c < CASES; c++) out.add(declined.map((d) => d.cases[c]).join(' '))
  // Extra (plural or alternative) forms: a single word, or the last word with the others in the
  // matching plural/alternative; for adjective runs, every word takes the same extra slot.
  const extraCount = Math.max(...declined.map((d) => d.extra.length))
  for (let k = 0; k < extraCount; k++) {
    out.add(declined.map((d) => d.extra[k] ?? d.cases[0]).join(' '))
  }
  return [...out]
}

/**
 * Rebuilds the nominative singular of an inflected adjective ("Шардаринского" → "Шардаринский",
 * "Актюбинской" → "Актюбинская"), given the gender of the noun it agrees with.
 */
export function ruAdjectiveNominative(word: string, gender: 'f' | 'm'): string {
  const m =
    /^(.*?)(ая|яя|ой|ей|ую|юю|ою|ею|ий|ый|ого|его|ому|ему|им|ым|ом|ем|ие|ые|их|ых|ими|ыми)$/.exec(
      word,
    )
  if (!m) return word
  const stem = m[1] ?? ''
  const soft = /^(?:яя|ей|юю|ею|его|ему|ем)$/.test(m[2] ?? '')
  if (gender === 'f') return stem + (soft ? 'яя' : 'ая')
  if (soft) return `${stem}ий`
  return stem + (VELAR_OR_SIBILANT.test(stem.toLowerCase()) || /[кгх]$/.test(stem) ? 'ий' : 'ый')
}

/**
 * Best guess at the nominative of an inflected place noun met after "город"/"село" when the
 * noun is not in the gazetteer ("Степногорске" → "Степногорск", "Кызылорде" → "Кызылорда").
 * Returns the word unchanged when no rule applies.
 */
export function ruNounNominative(word: string, nominativeGeneric: boolean): string {
  if (nominativeGeneric) return word
  const lower = word.toLowerCase()
  if (/(?:ск|град|бург|поль|горск)(?:а|у|е|ом)$/.test(lower))
    return word.replace(/(?:а|у|е|ом)$/, '')
  if (/[^аеиоуыэюя](?:ом)$/.test(lower)) return word.slice(0, -2)
  return word
}
