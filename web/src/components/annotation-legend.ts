/**
 * The colour key of the document reader: one chip per annotation type, with how many spans of
 * that type the document has. Clicking a chip hides or shows that type's highlights.
 *
 * @module web/components/annotation-legend
 */
import { ANNOTATION_TYPES, type AnnotationDto, type AnnotationType } from '#api/contract.ts'
import { h } from '../lib/dom.ts'
import { t } from '../lib/i18n.ts'

/** The display name of an annotation type in the interface's language. */
export function annotationName(type: AnnotationType): string {
  return t().annotation[type]
}

/**
 * Builds the legend. `onToggle(type, hidden)` fires when the reader should hide or show a
 * type; the legend keeps its own pressed state.
 */
export function annotationLegend(
  annotations: readonly AnnotationDto[],
  onToggle: (type: AnnotationType, hidden: boolean) => void,
): HTMLElement {
  const counts = new Map<AnnotationType, number>()
  for (const a of annotations) counts.set(a.type, (counts.get(a.type) ?? 0) + 1)
  const chips = ANNOTATION_TYPES.map((type) => {
    const count = counts.get(type) ?? 0
    const chip = h(
      'button',
      {
        type: 'button',
        class: `legend-chip ann-${type}`,
        'aria-pressed': 'true',
        title: count ? t().toggleType(annotationName(type)) : t().noneOfType,
        disabled: count === 0,
        'data-type': type,
      },
      h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }),
      `${annotationName(type)} `,
      h('span', { class: 'legend-count' }, String(count)),
    )
    chip.addEventListener('click', () => {
      const shown = chip.getAttribute('aria-pressed') === 'true'
      chip.setAttribute('aria-pressed', String(!shown))
      onToggle(type, shown)
    })
    return chip
  })
  return h('div', { class: 'legend', role: 'group', 'aria-label': t().highlightTypes }, chips)
}
