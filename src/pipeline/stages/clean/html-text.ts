/**
 * Turns a DOM subtree into plain text that keeps paragraph structure: block elements become
 * line breaks (paragraphs are separated by a blank line), inline whitespace collapses, scripts,
 * styles and hidden elements are dropped.
 *
 * @module pipeline/stages/clean/html-text
 */

/** The few DOM node members this module reads (linkedom and browsers both have them). */
export interface DomNode {
  readonly nodeType: number
  readonly nodeName: string
  readonly textContent: string | null
  readonly childNodes: ArrayLike<DomNode>
  getAttribute?(name: string): string | null
}

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'HEAD',
  'BUTTON',
  'SELECT',
  'OPTION',
  'FORM',
  'INPUT',
  'TEXTAREA',
])
// Elements that end a paragraph.
const PARAGRAPH = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'BLOCKQUOTE',
  'PRE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'DL',
  'TABLE',
  'FIGURE',
  'FIGCAPTION',
  'ADDRESS',
  'HR',
  'DETAILS',
  'SUMMARY',
])
// Elements that end a line but not a paragraph.
const LINE = new Set(['BR', 'LI', 'TR', 'DT', 'DD', 'CAPTION'])
const CELL = new Set(['TD', 'TH'])

const TEXT_NODE = 3
const ELEMENT_NODE = 1
// Nesting deeper than this is hostile markup; its text is still taken, flat.
const MAX_DEPTH = 400

/** Size of a DOM tree, to decide whether the costly article extraction can run on it. */
export interface DomShape {
  elements: number
  maxDepth: number
}

/** Plain text of a DOM subtree, paragraphs separated by blank lines. */
export function domToText(root: DomNode, shape: DomShape = { elements: 0, maxDepth: 0 }): string {
  const out: string[] = []
  walk(root, out, 0, shape)
  return normalise(out.join(''))
}

function walk(node: DomNode, out: string[], depth: number, shape: DomShape): void {
  if (node.nodeType === TEXT_NODE) {
    out.push((node.textContent ?? '').replace(/[ \t\r\n\f\u00a0]+/gu, ' '))
    return
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return
  const name = node.nodeName.toUpperCase()
  if (SKIP.has(name)) return
  if (node.getAttribute?.('hidden') !== null && node.getAttribute?.('hidden') !== undefined) return
  if (/display\s*:\s*none/iu.test(node.getAttribute?.('style') ?? '')) return
  shape.elements++
  if (depth > shape.maxDepth) shape.maxDepth = depth
  if (depth > MAX_DEPTH) {
    out.push(` ${node.textContent ?? ''} `)
    return
  }
  if (name === 'BR') {
    out.push('\n')
    return
  }
  if (name === 'IMG') {
    // Alt text is usually a caption; segment marks captions as furniture, so keep it as a line.
    const alt = node.getAttribute?.('alt')?.trim()
    if (alt) out.push(`\n${alt}\n`)
    return
  }
  const para = PARAGRAPH.has(name)
  const line = LINE.has(name)
  if (para) out.push('\n\n')
  else if (line) out.push('\n')
  const kids = node.childNodes
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]
    if (k) walk(k, out, depth + 1, shape)
  }
  if (para) out.push('\n\n')
  else if (line) out.push('\n')
  else if (CELL.has(name)) out.push('\t')
}

/** Trims lines, keeps single line breaks, and collapses runs of blank lines to one. */
function normalise(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim()
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff]/gu

/**
 * Removes C0/C1 control characters other than tab and newline, and normalises line ends, so
 * that offsets computed on cleaned HTML text are not thrown off by invisible characters.
 */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/gu, '\n').replace(CONTROL_RE, '')
}
