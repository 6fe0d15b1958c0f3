/**
 * Reduces a raw document to plain text: HTML is read with Readability on linkedom.
 *
 * @module pipeline/stages/clean
 */
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { CleanDoc, RawDoc } from '#core/document.ts'
import type { Stage } from '../../stage.ts'

/** Options of {@link clean}. */
export interface CleanOptions {
  /** Characters of text above which a document is refused (default: 5,000,000). */
  readonly maxChars?: number
}

/** Turns HTML into text and keeps plain text as it is. */
export function clean(options: CleanOptions = {}): Stage<RawDoc, CleanDoc> {
  const maxChars = options.maxChars ?? 5_000_000
  return {
    name: 'clean',
    version: 1,
    run(doc, context) {
      if (doc.raw.length > maxChars) {
        throw new Error(`document is ${doc.raw.length} characters, over the limit of ${maxChars}`)
      }
      if (doc.format === 'text') return { ...doc, text: doc.raw, title: null }
      const { document } = parseHTML(doc.raw)
      const article = new Readability(document as never).parse()
      if (!article?.textContent) {
        context.report({ severity: 'warning', rule: 'no-content', reason: 'no article text found' })
        const text = (document.body?.textContent ?? '').replace(/\s+\n/g, '\n').trim()
        return { ...doc, text, title: null }
      }
      const text = article.textContent.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
      return { ...doc, text, title: article.title ?? null }
    },
  }
}
