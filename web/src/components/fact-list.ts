/**
 * The distinct facts of a document, grouped by type ("People: Асқар Бекұлы ×2, …"), in a
 * collapsible panel. Choosing one scrolls the reader to its first occurrence.
 *
 * @module web/components/fact-list
 */
import { ANNOTATION_TYPES, type AnnotationDto, type AnnotationType } from '#api/contract.ts'
import { h } from '../lib/dom.ts'
import { formatLabel } from '../lib/format.ts'
import { summariseFacts } from '../lib/highlight.ts'
import { t } from '../lib/i18n.ts'
import { annotationName } from './annotation-legend.ts'

/** Builds the panel; `onSelect(start)` receives the offset of the fact's first span. */
export function factList(
  annotations: readonly AnnotationDto[],
  onSelect: (start: number) => void,
  onProfile?: (kind: 'person' | 'organization', name: string) => void,
): HTMLElement {
  const facts = summariseFacts(annotations, ANNOTATION_TYPES)
  const groups = new Map<AnnotationType, typeof facts>()
  for (const f of facts) groups.set(f.type, [...(groups.get(f.type) ?? []), f])
  const sections = [...groups].map(([type, items]) =>
    h(
      'div',
      { class: 'fact-group' },
      h(
        'h3',
        { class: `fact-type ann-${type}` },
        h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }),
        annotationName(type),
      ),
      h(
        'ul',
        {},
        items.map((f) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'fact',
                title: t().showFirstMention,
                onclick: () => onSelect(f.firstStart),
              },
              formatLabel(f.type, f.label),
              f.count > 1 ? h('span', { class: 'fact-count' }, ` ×${f.count}`) : null,
            ),
            onProfile && (f.type === 'person' || f.type === 'organization')
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button profile-link',
                    onclick: () => onProfile(f.type as 'person' | 'organization', f.label),
                  },
                  t().openProfile,
                )
              : null,
          ),
        ),
      ),
    ),
  )
  return h(
    'details',
    { class: 'facts' },
    h('summary', {}, t().extractedFacts(String(facts.length))),
    facts.length ? sections : h('p', { class: 'hint' }, t().nothingExtracted),
  )
}
