/**
 * Splits a document into page furniture, articles and sentences, and finds the reference date.
 *
 * @module pipeline/stages/segment
 */
import type { DetectedDoc, SegmentedDoc } from '#core/document.ts'
import type { ArticleSegment, BoilerplateSpan } from '#core/facts.ts'
import type { Stage } from '../../stage.ts'
import { findPublicationDate } from '../extract-dates/publication-date.ts'
import {
  blankSpans,
  findFurniture,
  firstNonBlankLine,
  isHeadlineLike,
  type Line,
  splitLines,
} from './furniture.ts'
import { findPageDate } from './page-date.ts'
import { splitSentences } from './sentences.ts'

export { splitSentences } from './sentences.ts'

/** Splits a document into furniture, articles and sentences. Never throws on odd text. */
export function segment(): Stage<DetectedDoc, SegmentedDoc> {
  return {
    name: 'segment',
    version: 2,
    run(doc) {
      const boilerplate = findFurniture(doc.text)
      const content = blankSpans(doc.text, boilerplate)
      const hasPagination = boilerplate.some((b) => b.kind === 'pagination')
      const found = findArticles(content, hasPagination, boilerplate)
      const articles: ArticleSegment[] =
        found.length > 1 ? found : [singleArticle(content, doc.title, found[0] ?? null)]
      const title = articles.length > 1 ? null : (doc.title ?? articles[0]?.title ?? null)
      return {
        ...doc,
        title,
        boilerplate,
        content,
        articles,
        sentences: splitSentences(content),
        referenceDate:
          doc.published ??
          findPageDate(doc.text, boilerplate) ??
          findPublicationDate(doc.text, doc.lang),
      }
    },
  }
}

function singleArticle(
  content: string,
  givenTitle: string | null,
  found: ArticleSegment | null,
): ArticleSegment {
  if (found?.title)
    return {
      start: 0,
      end: content.length,
      title: givenTitle ?? found.title,
      titleSpan: found.titleSpan,
    }
  const head = firstHeadline(content)
  return {
    start: 0,
    end: content.length,
    title: givenTitle ?? head?.text ?? null,
    titleSpan: head ? { start: head.start, end: head.end } : null,
  }
}

/** The first non-blank content line when it reads like a headline. */
function firstHeadline(content: string): Line | null {
  const l = firstNonBlankLine(content)
  return l && isHeadlineLike(l.text) ? l : null
}

// A listing body is one long paragraph (a teaser or a whole article) under its headline.
const MIN_LISTING_BODY = 300
const MIN_DATED_BODY = 100

/**
 * Finds headline-led articles on a listing page: a headline line followed by exactly one body
 * paragraph, then the next headline. Several such blocks in a row make a listing; ordinary
 * articles with subheadings have several paragraphs per section and stay one article.
 * `furniture` is sorted and without overlaps, as {@link findFurniture} returns it.
 */
export function findArticles(
  content: string,
  hasPagination: boolean,
  furniture: readonly BoilerplateSpan[] = [],
): ArticleSegment[] {
  // A date stamp between a headline and its text ("Headline / 12 марта 2025 / text") marks an
  // item of a news feed.
  const stamps = furniture.filter((f) => f.kind === 'header-date')
  const lines = splitLines(content).filter((l) => l.text !== '')
  const blocks: ArticleSegment[] = []
  let k = 0
  let loose = 0
  let datedBlocks = 0
  while (k < lines.length) {
    const head = lines[k]!
    const body = lines[k + 1]
    const after = lines[k + 2]
    const dated = body !== undefined && hasStampBetween(stamps, head.end, body.start)
    if (
      body &&
      isHeadlineLike(head.text) &&
      body.text.length >= (dated ? MIN_DATED_BODY : MIN_LISTING_BODY) &&
      (after === undefined || isHeadlineLike(after.text))
    ) {
      if (dated) datedBlocks++
      blocks.push({
        start: head.start,
        end: body.end,
        title: head.text,
        titleSpan: { start: head.start, end: head.end },
      })
      k += 2
      continue
    }
    if (blocks.length === 0 || head.text.length >= 80) loose++
    k++
  }
  // Without a listing cue (pagination, "load more"), only a run of English Title Case headlines
  // over long single paragraphs is taken for a listing: sentence-case subheadings of one
  // article must not split it.
  const listing =
    blocks.length >= 2 &&
    (hasPagination ||
      datedBlocks >= 2 ||
      (blocks.length >= 3 &&
        loose === 0 &&
        blocks.every((b) => isTitleCase(b.title ?? '') && b.end - b.start >= 600)))
  if (!listing) return blocks.length === 1 && loose === 0 ? blocks : []
  // Each article runs to the start of the next headline.
  return blocks.map((b, i) => ({ ...b, end: blocks[i + 1]?.start ?? content.length }))
}

/**
 * Whether a stamp lies within `from`–`to`. The stamps are sorted and do not overlap, so the
 * first one that starts at or after `from` is the only one that can end by `to` first: a binary
 * search, not a scan of all furniture for every line.
 */
function hasStampBetween(stamps: readonly BoilerplateSpan[], from: number, to: number): boolean {
  let lo = 0
  let hi = stamps.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (stamps[mid]!.start < from) lo = mid + 1
    else hi = mid
  }
  return lo < stamps.length && stamps[lo]!.end <= to
}

const MINOR_WORDS = new Set(
  'a an the of in on at to for and or but with by from as is are was were its their his her over under after before into vs'.split(
    ' ',
  ),
)

/** English headline capitalisation: most words other than minor ones start with a capital. */
function isTitleCase(title: string): boolean {
  const words = title
    .split(/\s+/u)
    .filter((w) => /^\p{L}/u.test(w) && !MINOR_WORDS.has(w.toLowerCase()))
  if (words.length < 3 || !/^[A-Za-z]/u.test(words[0] ?? '')) return false
  const capital = words.filter((w) => /^\p{Lu}/u.test(w)).length
  return capital / words.length >= 0.8
}
