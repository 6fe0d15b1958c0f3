/**
 * Detects the language of a document: en, ru or kk, with a confidence, and of each paragraph
 * of a mixed page.
 *
 * Script decides Latin against Cyrillic. Within Cyrillic, Kazakh and Russian are told apart by
 * Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) and by frequent function words and suffixes of each
 * language, so that short texts and Russian texts quoting Kazakh names are classified right.
 *
 * @module pipeline/stages/detect-language
 */
import type { CleanDoc, DetectedDoc } from '#core/document.ts'
import type { Lang } from '#core/lang.ts'
import type { Span } from '#core/span.ts'
import type { Stage } from '../../stage.ts'
import { codePointAt, isLetter } from '../../text/char-class.ts'
import { KAZAKH_SUFFIXES, KAZAKH_WORDS, RUSSIAN_WORDS } from './language-data.ts'

/** A language guess. */
export interface LanguageGuess {
  readonly lang: Lang
  /** 0..1. */
  readonly confidence: number
}

/** A paragraph with its language. */
export interface ParagraphLanguage extends Span, LanguageGuess {}

// Kazakh-only letters (ә ғ қ ң ө ұ ү һ і, both cases), indexed by code unit − U+0400.
const KAZAKH_LETTERS = 'әғқңөұүһіӘҒҚҢӨҰҮҺІ'
const IS_KAZAKH = new Uint8Array(0x100)
for (const ch of KAZAKH_LETTERS) IS_KAZAKH[ch.charCodeAt(0) - 0x400] = 1

// Samples beyond this size add nothing to the decision and cost time on huge pages.
const SAMPLE = 20_000

/** Guesses the language of a text. Never throws; empty text is `en` with confidence 0. */
export function guessLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text
  // Letter counts by code unit: Cyrillic (U+0400–U+04FF) and ASCII Latin letters are never
  // surrogates, so counting units is counting characters. A loop over char codes instead of a
  // regular expression per character: this stage reads every character of every document.
  let cyr = 0
  let lat = 0
  let kkLetters = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c >= 0x400 && c <= 0x4ff) {
      cyr++
      kkLetters += IS_KAZAKH[c - 0x400]!
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) lat++
  }
  const letters = cyr + lat
  if (letters === 0) return { lang: 'en', confidence: 0 }
  if (lat > cyr) return { lang: 'en', confidence: round(lat / letters) }
  // Word evidence: Kazakh and Russian function words and Kazakh case suffixes. Words are runs
  // of letters (`\p{L}+`); only those with a Cyrillic letter count, and only they are lower-cased.
  let kkWords = 0
  let ruWords = 0
  let words = 0
  for (let i = 0; i < sample.length; ) {
    let cp = codePointAt(sample, i)
    if (!isLetter(cp)) {
      i += cp > 0xffff ? 2 : 1
      continue
    }
    const start = i
    let cyrillic = false
    let kazakh = false
    while (cp >= 0 && isLetter(cp)) {
      if (cp >= 0x400 && cp <= 0x4ff) {
        cyrillic = true
        if (IS_KAZAKH[cp - 0x400] === 1) kazakh = true
      }
      i += cp > 0xffff ? 2 : 1
      cp = codePointAt(sample, i)
    }
    if (!cyrillic) continue
    // Lower-casing maps Kazakh letters to Kazakh letters and nothing else to them, so the
    // letter test can read the word as written.
    const w = sample.slice(start, i).toLowerCase()
    words++
    if (KAZAKH_WORDS.has(w)) kkWords += 2
    else if (RUSSIAN_WORDS.has(w)) ruWords += 2
    else if (w.length > 4 && hasKazakhSuffix(w)) kkWords += 1
    if (kazakh) kkWords += 1
  }
  // Kazakh has a Kazakh-only letter every 10-20 letters; a Russian text quoting Kazakh names
  // has a few, far below 1%.
  const letterShare = kkLetters / cyr
  const kkScore = kkWords + (letterShare > 0.02 ? words * 0.3 : 0)
  const ruScore = ruWords + (letterShare < 0.005 ? words * 0.3 : 0)
  const cyrShare = cyr / letters
  if (kkScore > ruScore) {
    return { lang: 'kk', confidence: round(cyrShare * margin(kkScore, ruScore)) }
  }
  return { lang: 'ru', confidence: round(cyrShare * margin(ruScore, kkScore)) }
}

// The last letters of the suffixes: most words end in none of them and need no further test.
const SUFFIX_ENDS = new Set(KAZAKH_SUFFIXES.map((s) => s.charCodeAt(s.length - 1)))

function hasKazakhSuffix(w: string): boolean {
  if (!SUFFIX_ENDS.has(w.charCodeAt(w.length - 1))) return false
  for (const s of KAZAKH_SUFFIXES) if (w.endsWith(s)) return true
  return false
}

function margin(win: number, lose: number): number {
  if (win + lose === 0) return 0.5
  return 0.5 + (0.5 * (win - lose)) / (win + lose)
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000
}

/**
 * The language of each paragraph (blocks separated by blank lines) of a mixed page. Pure; offsets
 * are into `text`. Paragraphs without letters are left out.
 */
export function paragraphLanguages(text: string): ParagraphLanguage[] {
  const out: ParagraphLanguage[] = []
  const re = /\n[ \t]*\n/gu
  let start = 0
  const push = (s: number, e: number) => {
    const chunk = text.slice(s, e)
    if (!/\p{L}/u.test(chunk)) return
    const lead = chunk.length - chunk.trimStart().length
    const trail = chunk.length - chunk.trimEnd().length
    out.push({ start: s + lead, end: e - trail, ...guessLanguage(chunk) })
  }
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    push(start, m.index)
    start = m.index + m[0].length
  }
  push(start, text.length)
  return out
}

/** Detects the dominant language of a cleaned document. Never throws. */
export function detectLanguage(): Stage<CleanDoc, DetectedDoc> {
  return {
    name: 'detect-language',
    version: 2,
    run(doc) {
      const guess = guessLanguage(doc.text)
      return { ...doc, lang: guess.lang, langConfidence: guess.confidence }
    },
  }
}
