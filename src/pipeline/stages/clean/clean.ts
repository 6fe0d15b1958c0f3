/**
 * Reduces a raw document to plain text. HTML is read with Readability on linkedom, converted to
 * text that keeps paragraph breaks, and its metadata (headline, publication date, author) is
 * taken from JSON-LD, meta tags and `<time>`. Plain text passes through unchanged, so that
 * offsets stay offsets into the input.
 *
 * @module pipeline/stages/clean
 */
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { CleanDoc, PageLine, RawDoc } from '#core/document.ts'
import { AppError } from '#core/errors.ts'
import type { Stage } from '../../stage.ts'
import { pageLinesOf, removeFurniture } from './furniture.ts'
import { type DomNode, type DomShape, domToText, stripControl } from './html-text.ts'
import { type MetaDocument, readMetadata } from './metadata.ts'

/** Options of {@link clean}. */
export interface CleanOptions {
  /** Characters of input above which a document is refused (default: 5,000,000). */
  readonly maxChars?: number
}

// When Readability keeps less than this share of the page's text, it has probably dropped the
// article (listing pages, pages of short items): the whole body text is used instead.
const MIN_READABILITY_SHARE = 0.25
const MAX_READABILITY_DEPTH = 120
const MAX_READABILITY_ELEMENTS = 30_000

/** Turns HTML into text and keeps plain text as it is. */
export function clean(options: CleanOptions = {}): Stage<RawDoc, CleanDoc> {
  const maxChars = options.maxChars ?? 5_000_000
  return {
    name: 'clean',
    version: 3,
    run(doc, context) {
      if (doc.raw.length > maxChars) {
        // The batch runner records the error and goes on with the next document.
        throw new AppError(
          'too_large',
          `document ${doc.id} is ${doc.raw.length} characters, over the limit of ${maxChars}; split it or raise maxChars`,
          { details: { size: doc.raw.length, limit: maxChars } },
        )
      }
      if (doc.format === 'text') return { ...doc, text: doc.raw, title: null }
      const html = cleanHtml(doc.raw)
      if (html.fallback) {
        context.report({
          severity: 'warning',
          rule: 'readability-fallback',
          reason: 'article extraction kept too little text; the whole page text is used',
        })
      }
      const furniture = doc.siteFurniture
      const removed = furniture && furniture.size > 0 ? removeFurniture(html.text, furniture) : null
      if (removed && removed.lines > 0) {
        context.report({
          severity: 'info',
          rule: 'site-furniture',
          reason: `${removed.lines} line(s) this site repeats on many pages were removed`,
        })
      }
      const { siteFurniture: _furniture, ...rest } = doc
      return {
        ...rest,
        text: removed ? removed.text : html.text,
        title: html.title,
        author: html.author,
        published: doc.published ?? html.published,
        ...(html.pageLines ? { pageLines: html.pageLines } : {}),
      }
    },
  }
}

/** The result of {@link cleanHtml}. */
export interface CleanHtml {
  readonly text: string
  readonly title: string | null
  readonly published: string | null
  readonly author: string | null
  /** True when Readability's article was too small and the body text was used. */
  readonly fallback: boolean
  /**
   * The page's distinct short lines, each marked inside the article or not; only when an
   * article was found (on a fallback page nothing tells article from furniture).
   */
  readonly pageLines?: readonly PageLine[]
}

/** Extracts article text and metadata from an HTML page. Never throws on odd markup. */
export function cleanHtml(raw: string): CleanHtml {
  let document: ReturnType<typeof parseHTML>['document']
  try {
    document = parseHTML(raw).document
    if (!document.documentElement) throw new Error('no document element')
  } catch {
    // Unparseable markup: keep its text, tags removed.
    const text = stripControl(
      raw
        .replace(/<[^>]{0,2000}>/gu, ' ')
        .replace(/[ \t]+/gu, ' ')
        .trim(),
    )
    return { text, title: null, published: null, author: null, fallback: true }
  }
  let meta: ReturnType<typeof readMetadata> = { title: null, published: null, author: null }
  try {
    meta = readMetadata(document as unknown as MetaDocument)
  } catch {
    // Metadata is a bonus; the text matters.
  }
  const shape: DomShape = { elements: 0, maxDepth: 0 }
  const bodyText = stripControl(domToText((document.body ?? document) as unknown as DomNode, shape))
  let articleText = ''
  // Readability is quadratic on deeply nested or huge trees (seconds to minutes): such pages
  // are hostile or machine-made, and their body text is used as it is.
  const readable =
    shape.maxDepth <= MAX_READABILITY_DEPTH && shape.elements <= MAX_READABILITY_ELEMENTS
  if (readable)
    try {
      // Readability mutates the DOM it reads: give it its own copy.
      const copy = parseHTML(raw).document
      const article = new Readability(copy as never, { charThreshold: 200 }).parse()
      if (article?.content) {
        const { document: frag } = parseHTML(`<html><body>${article.content}</body></html>`)
        articleText = stripControl(domToText((frag.body ?? frag) as unknown as DomNode))
      }
    } catch {
      // Readability fails on some malformed pages; the body text is the fallback.
    }
  const fallback = !readable || articleText.length < MIN_READABILITY_SHARE * bodyText.length
  return {
    text: fallback ? bodyText : articleText,
    title: meta.title,
    published: meta.published,
    author: meta.author,
    fallback,
    ...(fallback ? {} : { pageLines: pageLinesOf(bodyText, articleText, meta.title) }),
  }
}
