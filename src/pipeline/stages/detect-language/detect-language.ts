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
import { KAZAKH_SUFFIXES, KAZAKH_WORDS, RUSSIAN_WORDS } from './language-data.ts'

/** A language guess. */
export interface LanguageGuess {
  readonly lang: Lang
  /** 0..1. */
  readonly confidence: number
}

/** A paragraph with its language. */
export interface ParagraphLanguage extends Span, LanguageGuess {}

const KAZAKH_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u
const CYRILLIC_LETTER = /[\u0400-\u04FF]/u
const LATIN_LETTER = /[A-Za-z]/u
const WORD_RE = /[\p{L}]+/gu

// Samples beyond this size add nothing to the decision and cost time on huge pages.
const SAMPLE = 20_000

/** Guesses the language of a text. Never throws; empty text is `en` with confidence 0. */
export function guessLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text
  let cyr = 0
  let lat = 0
  let kkLetters = 0
  for (const ch of sample) {
    if (CYRILLIC_LETTER.test(ch)) {
      cyr++
      if (KAZAKH_LETTER.test(ch)) kkLetters++
    } else if (LATIN_LETTER.test(ch)) lat++
  }
  const letters = cyr + lat
  if (letters === 0) return { lang: 'en', confidence: 0 }
  if (lat > cyr) return { lang: 'en', confidence: round(lat / letters) }

  // Word evidence: Kazakh and Russian function words and Kazakh case suffixes.
  let kkWords = 0
  let ruWords = 0
  let words = 0
  WORD_RE.lastIndex = 0
  for (let m = WORD_RE.exec(sample); m !== null; m = WORD_RE.exec(sample)) {
    const w = m[0].toLowerCase()
    if (!CYRILLIC_LETTER.test(w)) continue
    words++
    if (KAZAKH_WORDS.has(w)) kkWords += 2
    else if (RUSSIAN_WORDS.has(w)) ruWords += 2
    else if (w.length > 4 && KAZAKH_SUFFIXES.some((s) => w.endsWith(s))) kkWords += 1
    if (KAZAKH_LETTER.test(w)) kkWords += 1
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
