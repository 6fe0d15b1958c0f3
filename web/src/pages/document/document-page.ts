/**
 * The document reader: the cleaned text with every extracted span highlighted by type, a
 * legend, and a tooltip that gives each span's normalised value.
 *
 * @module web/pages/document/document-page
 */
import type { DocumentResponse, StoryResponse } from '#api/contract.ts'
import { annotationLegend, annotationName } from '../../components/annotation-legend.ts'
import { factList } from '../../components/fact-list.ts'
import { h } from '../../lib/dom.ts'
import { fallbackTitle, formatPublished, langName } from '../../lib/format.ts'
import { describeRun, splitAnnotated } from '../../lib/highlight.ts'
import { t } from '../../lib/i18n.ts'

/** Callbacks the reader needs from the app shell. */
export interface DocumentPageActions {
  /** Closes the reader (back to the results on a phone). */
  readonly close: () => void
  /** Opens the profile of the entity a person or organisation resolved to. */
  readonly openEntity?: (kind: 'person' | 'organization', name: string) => void
  /** Opens another document (a reprint of the same story). */
  readonly openDocument?: (id: string) => void
  readonly documentHref?: (id: string) => string
}

/** Builds the reader for one document. */
export function documentView(
  doc: DocumentResponse,
  actions: DocumentPageActions,
  story: StoryResponse['items'] = [],
): HTMLElement {
  const body = h('div', { class: 'doc-text', lang: doc.lang }, annotatedText(doc))
  const legend = annotationLegend(doc.annotations, (type, hidden) => {
    body.classList.toggle(`hide-${type}`, hidden)
  })
  return h(
    'div',
    { class: 'doc', 'data-id': doc.id },
    h(
      'button',
      { type: 'button', class: 'link-button back', onclick: actions.close },
      t().backToResults,
    ),
    h('h2', { class: 'doc-title', lang: doc.lang }, fallbackTitle(doc.title, doc.text)),
    h(
      'div',
      { class: 'doc-meta' },
      h('span', { class: `lang-badge lang-${doc.lang}` }, doc.lang.toUpperCase()),
      h('span', {}, langName(doc.lang)),
      sourceLink(doc),
      h('time', { datetime: doc.published ?? undefined }, formatPublished(doc.published)),
    ),
    legend,
    factList(doc.annotations, (start) => showMention(body, start), actions.openEntity),
    story.length ? storyList(story, actions) : null,
    body,
    h('p', { class: 'doc-footer' }, t().extractor(doc.extractorVersion)),
  )
}

function annotatedText(doc: DocumentResponse): (Node | string)[] {
  return splitAnnotated(doc.text, doc.annotations).map((run) => {
    if (run.covering.length === 0) return run.text
    const classes = ['ann']
    if (run.primary) classes.push(`ann-${run.primary}`)
    if (run.outer) classes.push(`under-${run.outer}`)
    if (run.inEvent) classes.push('in-event')
    if (run.boilerplate) classes.push('in-boilerplate')
    const title = describeRun(run)
    const label = run.primary ? annotationName(run.primary) : undefined
    return h(
      'mark',
      {
        class: classes.join(' '),
        'data-start': run.start,
        title,
        'data-type': run.primary ?? undefined,
        'aria-label': label ? `${label}: ${run.text}` : undefined,
      },
      run.text,
    )
  })
}

/** Scrolls to the span that starts at `start` and flashes it. */
function showMention(body: HTMLElement, start: number): void {
  const mark = body.querySelector<HTMLElement>(`mark[data-start="${start}"]`)
  if (!mark) return
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' })
  mark.classList.remove('flash')
  // Reading offsetWidth restarts the animation when the same fact is chosen twice.
  void mark.offsetWidth
  mark.classList.add('flash')
}

function sourceLink(doc: DocumentResponse): HTMLElement {
  // Only web addresses become links: a javascript: URL in a stored document must stay text.
  if (doc.url && /^https?:\/\//i.test(doc.url)) {
    return h(
      'a',
      { href: doc.url, rel: 'noopener noreferrer', target: '_blank', class: 'source' },
      doc.source,
    )
  }
  return h('span', { class: 'source' }, doc.source)
}

/** The other documents of the same story (reprints, edited versions), with their sources. */
function storyList(story: StoryResponse['items'], actions: DocumentPageActions): HTMLElement {
  const m = t()
  return h(
    'details',
    { class: 'story', open: true },
    h('summary', {}, m.storyTitle(String(story.length))),
    h(
      'ul',
      {},
      story.map((d) => {
        const link = h('a', { href: actions.documentHref?.(d.id) ?? '?' }, d.title?.trim() || d.id)
        link.addEventListener('click', (event) => {
          if (!actions.openDocument || event.metaKey || event.ctrlKey || event.button !== 0) return
          event.preventDefault()
          actions.openDocument(d.id)
        })
        return h(
          'li',
          {},
          link,
          h(
            'span',
            { class: 'hint' },
            ` — ${d.source}, ${formatPublished(d.published)}, ${m.storyKind[d.kind]}${d.kind === 'near' ? ` (${Math.round(d.similarity * 100)}%)` : ''}`,
          ),
        )
      }),
    ),
  )
}
