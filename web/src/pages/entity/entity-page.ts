/**
 * The profile of a person or organisation resolved across documents: every name and spelling,
 * roles, titles, identifiers, crime categories, the case timeline of dated events with their
 * sources, and the documents that mention the entity.
 *
 * @module web/pages/entity/entity-page
 */
import type { EntityDetailResponse, EntityTimelineResponse, GraphResponse } from '#api/contract.ts'
import { crimeName, eventName } from '../../lib/category-names.ts'
import { h } from '../../lib/dom.ts'
import { formatPublished } from '../../lib/format.ts'
import { formatCount, plural, t } from '../../lib/i18n.ts'

/** What the profile asks of the app shell. */
export interface EntityPageActions {
  readonly openDocument: (id: string) => void
  readonly documentHref: (id: string) => string
  readonly close: () => void
  /** Opens another entity's profile. */
  readonly openEntity?: (id: string) => void
  /** Watches this entity: new documents that mention it raise an alert. */
  readonly watch?: () => Promise<unknown>
}

/** Builds the profile. */
export function entityView(
  entity: EntityDetailResponse,
  timeline: EntityTimelineResponse | null,
  actions: EntityPageActions,
  /** The graph around this entity (who is named with it), when it could be read. */
  around: GraphResponse | null = null,
): HTMLElement {
  const m = t()
  const locale = m.locale
  const docLink = (id: string, title: string | null) => {
    const a = h('a', { href: actions.documentHref(id) }, title?.trim() || id)
    a.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
      event.preventDefault()
      actions.openDocument(id)
    })
    return a
  }
  const section = (title: string, body: Node | null) =>
    body ? h('section', { class: 'profile-section' }, h('h3', {}, title), body) : null
  const list = (items: readonly string[]) =>
    items.length
      ? h(
          'ul',
          { class: 'chips' },
          items.map((i) => h('li', {}, i)),
        )
      : null

  const events = timeline?.events ?? []
  return h(
    'div',
    { class: 'profile', 'data-id': entity.id, 'aria-label': m.profileLabel },
    h(
      'button',
      { type: 'button', class: 'link-button back', onclick: actions.close },
      m.closeProfile,
    ),
    h('h2', { class: 'profile-name' }, entity.name),
    actions.watch ? watchButton(m.watchThis, m.watching, actions.watch) : null,
    h(
      'p',
      { class: 'doc-meta' },
      h('span', { class: `kind-badge kind-${entity.kind}` }, m.annotation[entity.kind]),
      m.mentionsCount(entity.mentionCount),
      ' · ',
      `${formatCount(entity.documents.length)} ${plural(entity.documents.length, m.documents)}`,
    ),
    entity.redirectedFrom
      ? h('p', { class: 'hint' }, m.profileMerged(entity.redirectedFrom))
      : null,
    section(
      m.profileNames,
      list(entity.names.map((n) => (n.mentions > 1 ? `${n.name} ×${n.mentions}` : n.name))),
    ),
    section(
      m.profileRoles,
      list(entity.roles.map((r) => `${m.role[r.role] ?? r.role} (${formatCount(r.documents)})`)),
    ),
    section(m.profileTitles, list(entity.titles)),
    section(m.profileIdentifiers, list(entity.identifiers)),
    section(m.profileCrimes, list(entity.crimeCategories.map((c) => crimeName(c, locale)))),
    section(m.profileWith, coMentioned(entity.id, around, actions)),
    section(
      m.profileTimeline,
      events.length
        ? h(
            'ol',
            { class: 'timeline' },
            events.map((e) =>
              h(
                'li',
                { class: 'timeline-event', 'data-type': e.type },
                h(
                  'time',
                  {
                    class: e.approximate ? 'approximate' : undefined,
                    title: e.approximate ? m.approximateDate : undefined,
                    datetime: e.date ?? undefined,
                  },
                  e.date ? `${e.date}${e.approximate ? ' ≈' : ''}` : m.undated,
                ),
                h('span', { class: 'event-type' }, eventName(e.type, locale)),
                h('p', { class: 'event-summary' }, e.summary),
                h(
                  'p',
                  { class: 'event-source' },
                  [e.location, e.agency].filter(Boolean).join(' · '),
                  e.location || e.agency ? ' — ' : '',
                  docLink(e.docId, e.docTitle),
                ),
              ),
            ),
          )
        : h('p', { class: 'hint' }, m.profileNoTimeline),
    ),
    section(
      m.profileDocuments,
      h(
        'ul',
        { class: 'profile-docs' },
        entity.documents.map((d) =>
          h(
            'li',
            {},
            h('time', { datetime: d.published ?? undefined }, formatPublished(d.published)),
            ' ',
            docLink(d.docId, d.title),
          ),
        ),
      ),
    ),
  )
}

/** A button that runs `watch` once and then says it is done. */
export function watchButton(
  label: string,
  done: string,
  watch: () => Promise<unknown>,
): HTMLElement {
  const button = h('button', { type: 'button', class: 'link-button watch-button' }, label)
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '')
    try {
      await watch()
      button.textContent = `✓ ${done}`
    } catch {
      button.removeAttribute('disabled')
    }
  })
  return button
}

/**
 * The people and organisations named in the same documents as entity `id`, most shared
 * documents first, each linked to its profile when it is a resolved entity.
 */
function coMentioned(
  id: string,
  around: GraphResponse | null,
  actions: EntityPageActions,
): HTMLElement | null {
  if (!around) return null
  const self = `e${id}`
  const weight = new Map<string, number>()
  for (const e of around.edges) {
    if (e.source === self) weight.set(e.target, e.weight)
    else if (e.target === self) weight.set(e.source, e.weight)
  }
  const others = around.nodes
    .filter((n) => weight.has(n.id))
    .sort(
      (a, b) => (weight.get(b.id) ?? 0) - (weight.get(a.id) ?? 0) || a.name.localeCompare(b.name),
    )
    .slice(0, 20)
  if (others.length === 0) return null
  const m = t()
  return h(
    'ul',
    { class: 'chips' },
    others.map((n) => {
      const label = `${n.name} (${weight.get(n.id)})`
      const openEntity = actions.openEntity
      return h(
        'li',
        { class: `kind-${n.kind}`, title: m.annotation[n.kind] },
        n.entityId && openEntity
          ? h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                onclick: () => openEntity(n.entityId as string),
              },
              label,
            )
          : label,
      )
    }),
  )
}
