/**
 * Watched subjects and their alerts, under the screening form: add a name to watch, see every
 * subject (entity, name or saved search) with its alert count, stop watching, and read the
 * newest alerts with why each matched and whether the webhook received it.
 *
 * @module web/pages/screen/watch-panel
 */
import type {
  AlertListResponse,
  WatchSubjectListResponse,
  WatchSubjectRequest,
} from '#api/contract.ts'
import { h } from '../../lib/dom.ts'
import { formatPublished } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'

/** What the panel asks of the app shell. */
export interface WatchActions {
  readonly subjects: () => Promise<WatchSubjectListResponse>
  readonly alerts: () => Promise<AlertListResponse>
  readonly watch: (request: WatchSubjectRequest) => Promise<unknown>
  readonly unwatch: (id: string) => Promise<unknown>
  readonly openDocument: (id: string) => void
  readonly documentHref: (id: string) => string
  readonly describeError: (error: unknown) => string
}

/** Builds the panel; it loads its lists itself and reloads them after each change. */
export function watchPanel(actions: WatchActions): HTMLElement {
  const m = t()
  const subjectList = h('ul', { class: 'watch-subjects' })
  const alertList = h('ul', { class: 'alerts' })
  const status = h('p', { class: 'hint', role: 'status' })
  const input = h('input', { id: 'watch-name', type: 'text', maxlength: 300 })

  async function reload(): Promise<void> {
    try {
      const [{ subjects }, { alerts }] = await Promise.all([actions.subjects(), actions.alerts()])
      subjectList.replaceChildren(
        ...(subjects.length
          ? subjects.map((s) =>
              h(
                'li',
                { 'data-id': s.id },
                h('span', { class: 'watch-kind' }, m.watchKind[s.kind]),
                ` ${s.label} `,
                h('span', { class: 'hint' }, `(${s.alerts})`),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button',
                    onclick: async () => {
                      await actions.unwatch(s.id).catch((e) => {
                        status.textContent = actions.describeError(e)
                      })
                      await reload()
                    },
                  },
                  m.watchRemove,
                ),
              ),
            )
          : [h('li', { class: 'hint' }, m.watchNone)]),
      )
      alertList.replaceChildren(
        ...(alerts.length
          ? alerts.map((a) => {
              const link = h(
                'a',
                { href: actions.documentHref(a.document.id) },
                a.document.title?.trim() || a.document.id,
              )
              link.addEventListener('click', (event) => {
                if (event.metaKey || event.ctrlKey || event.button !== 0) return
                event.preventDefault()
                actions.openDocument(a.document.id)
              })
              const why =
                a.reason.matchedName ??
                a.reason.query ??
                (a.reason.entityId ? `#${a.reason.entityId}` : '')
              return h(
                'li',
                { class: 'alert' },
                h('time', {}, formatPublished(a.document.published)),
                ' ',
                link,
                h(
                  'span',
                  { class: 'hint' },
                  ` — ${a.subject.label}${why && why !== a.subject.label ? ` (${why})` : ''} · ${
                    a.deliveredAt ? m.alertDelivered : m.alertPending(String(a.attempts))
                  }`,
                ),
              )
            })
          : [h('li', { class: 'hint' }, m.alertsNone)]),
      )
    } catch (error) {
      status.textContent = actions.describeError(error)
    }
  }

  const form = h(
    'form',
    { class: 'watch-form' },
    h('label', { for: 'watch-name' }, m.watchName),
    input,
    h('button', { type: 'submit', class: 'primary' }, m.watchAdd),
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const name = input.value.trim()
    if (!name) return
    try {
      await actions.watch({ name })
      input.value = ''
      status.textContent = ''
    } catch (error) {
      status.textContent = actions.describeError(error)
    }
    await reload()
  })
  void reload()
  return h(
    'section',
    { class: 'watch-panel' },
    h('h2', {}, m.watchTitle),
    h('p', { class: 'hint' }, m.watchIntro),
    form,
    status,
    subjectList,
    h('h3', {}, m.alertsTitle),
    alertList,
  )
}
