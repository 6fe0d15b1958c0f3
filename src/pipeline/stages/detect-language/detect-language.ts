/**
 * Detects the dominant language of a document: en, ru or kk.
 *
 * @module pipeline/stages/detect-language
 */
import type { CleanDoc, DetectedDoc } from '#core/document.ts'
import type { Lang } from '#core/lang.ts'
import type { Stage } from '../../stage.ts'

// Letters that Kazakh Cyrillic has and Russian does not.
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/g
const CYRILLIC = /[\u0400-\u04FF]/g
const LATIN = /[A-Za-z]/g

/** Guesses the language of a text from its script and Kazakh-only letters. */
export function guessLanguage(text: string): { lang: Lang; confidence: number } {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text
  const cyr = sample.match(CYRILLIC)?.length ?? 0
  const lat = sample.match(LATIN)?.length ?? 0
  const kk = sample.match(KAZAKH_LETTERS)?.length ?? 0
  const letters = cyr + lat
  if (letters === 0) return { lang: 'en', confidence: 0 }
  if (lat >= cyr) return { lang: 'en', confidence: lat / letters }
  // Kazakh text has a Kazakh-only letter every 10-20 letters; Russian quotes of Kazakh names
  // have a few. 0.5% of Cyrillic letters separates them on our test articles.
  if (kk / cyr > 0.005) return { lang: 'kk', confidence: Math.min(1, (kk / cyr) * 20) }
  return { lang: 'ru', confidence: cyr / letters }
}

/** Detects the dominant language of a cleaned document. Never throws. */
export function detectLanguage(): Stage<CleanDoc, DetectedDoc> {
  return {
    name: 'detect-language',
    version: 1,
    run(doc) {
      const guess = guessLanguage(doc.text)
      return { ...doc, lang: guess.lang, langConfidence: guess.confidence }
    },
  }
}
