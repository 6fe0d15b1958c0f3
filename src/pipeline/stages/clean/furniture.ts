/**
 * Page furniture learned across the pages of one site (issue #5, point 4): tickers, navigation,
 * "read also" headings, cookie banners and legal footers repeat on page after page of a site,
 * while its articles do not. The ingest counts, per site, on how many pages each short line
 * occurs and on how many of those it lay inside the article the cleaner found; `clean` then
 * removes the lines a site repeats outside its articles.
 *
 * A line is furniture only when it was seen on at least {@link MIN_PAGES} pages of the site and
 * inside the article on fewer than half of them: a line seen once is never removed, nor a
 * closing formula that most pages carry inside their article.
 *
 * @module pipeline/stages/clean/furniture
 */
import type { PageLine } from '#core/document.ts'

/** Pages of a site a line must be seen on before it can be furniture. */
export const MIN_PAGES = 3

/** Lines longer than this are prose, never furniture (and are not counted). */
export const MAX_FURNITURE_CHARS = 300

// Removal never takes a page below this share of its characters: a page that is mostly "known
// lines" is more likely an article the site repeats (a standing notice) than furniture.
const MIN_KEPT_SHARE = 0.3

/**
 * The key of a line: lower case, every digit as 0 (a ticker's rates change daily, its line does
 * not), runs of spaces as one. `null` for a line without letters or longer than
 * {@link MAX_FURNITURE_CHARS}.
 */
export function furnitureKey(line: string): string | null {
  const trimmed = line.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_FURNITURE_CHARS) return null
  // Surrogates (emoji) are left out: a lone one cannot be stored as JSON text.
  if (!/\p{L}/u.test(trimmed) || /[\uD800-\uDFFF]/u.test(trimmed)) return null
  return trimmed.toLowerCase().replace(/\d/gu, '0').replace(/\s+/gu, ' ')
}

/** Decides from a site's counts whether a line is its furniture. */
export function isFurniture(counts: { readonly pages: number; readonly inArticle: number }) {
  return counts.pages >= MIN_PAGES && counts.inArticle * 2 < counts.pages
}

// A line of running prose: long enough, ending a sentence.
const PROSE = /^.{40,}[.!?…»"”)]$/su

/**
 * The distinct countable lines of a page's body text, each marked inside the article body or
 * not. The article body is the part of `articleText` from the headline (`title`) to its last line
 * of running prose, less whatever the page shows above the headline: Readability may keep a
 * cookie banner of the same container (above the headline) or a "read also" box (after the
 * last sentence), which are the article's edges, not its body. The headline itself is article.
 */
export function pageLinesOf(
  bodyText: string,
  articleText: string,
  title?: string | null,
): PageLine[] {
  const titleKey = title ? furnitureKey(title) : null
  const bodyLines = bodyText.split('\n')
  const titleInBody = titleKey ? bodyLines.findIndex((l) => furnitureKey(l) === titleKey) : -1
  const aboveTitle = new Set<string>()
  for (let i = 0; i < titleInBody; i++) {
    const key = furnitureKey(bodyLines[i]!)
    if (key) aboveTitle.add(key)
  }
  const lines = articleText.split('\n')
  let first = titleKey
    ? Math.max(
        0,
        lines.findIndex((l) => furnitureKey(l) === titleKey),
      )
    : 0
  let last = -1
  for (let i = lines.length - 1; i >= 0; i--)
    if (PROSE.test(lines[i]!.trim())) {
      last = i
      break
    }
  if (first > last) first = 0
  const article = new Set<string>()
  if (titleKey && titleInBody >= 0) article.add(titleKey)
  for (let i = first; i <= last; i++) {
    const key = furnitureKey(lines[i]!)
    if (key && !aboveTitle.has(key)) article.add(key)
  }
  const seen = new Map<string, boolean>()
  for (const line of bodyLines) {
    const key = furnitureKey(line)
    if (key && !seen.has(key)) seen.set(key, article.has(key))
  }
  // Lines Readability kept that the body walk split differently still count as article lines.
  for (const key of article) if (!seen.has(key)) seen.set(key, true)
  return [...seen].map(([key, inArticle]) => ({ key, inArticle }))
}

/**
 * Removes the lines of `text` whose key is in `furniture`, and the blank lines left around them
 * (paragraphs stay separated by one blank line). Keeps the text as it is when removal would
 * leave less than 30% of it.
 */
export function removeFurniture(
  text: string,
  furniture: ReadonlySet<string>,
): { text: string; lines: number } {
  const kept: string[] = []
  let removed = 0
  let removedChars = 0
  for (const line of text.split('\n')) {
    const key = furnitureKey(line)
    if (key && furniture.has(key)) {
      removed++
      removedChars += line.length
    } else kept.push(line)
  }
  if (removed === 0 || text.length - removedChars < MIN_KEPT_SHARE * text.length)
    return { text, lines: 0 }
  const joined = kept
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim()
  return { text: joined, lines: removed }
}
