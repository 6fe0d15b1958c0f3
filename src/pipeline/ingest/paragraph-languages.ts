/**
 * The language of each paragraph of a stored document (issue #5, point 5: mixed pages, a Kazakh
 * page quoting a Russian statement), as stand-off annotations of type `language` that are stored
 * with the others: label `en`/`ru`/`kk`, attribute `confidence`.
 *
 * @module pipeline/ingest/paragraph-languages
 */
import type { DetectedDoc } from '#core/document.ts'
import { paragraphLanguages } from '../stages/detect-language/detect-language.ts'

/** A paragraph-language annotation, in the shape the document repository stores. */
export interface LanguageAnnotation {
  readonly start: number
  readonly end: number
  readonly type: 'language'
  readonly label: string
  readonly attributes: { readonly confidence: number }
  readonly stage: 'detect-language'
  readonly stageVersion: number
}

/**
 * One annotation per paragraph (blocks separated by blank lines) that has letters, in text
 * order. `stageVersion` is the detect-language stage's version.
 */
export function paragraphLanguageAnnotations(
  doc: Pick<DetectedDoc, 'text'>,
  stageVersion: number,
): LanguageAnnotation[] {
  return paragraphLanguages(doc.text).map((p) => ({
    start: p.start,
    end: p.end,
    type: 'language',
    label: p.lang,
    attributes: { confidence: p.confidence },
    stage: 'detect-language',
    stageVersion,
  }))
}
