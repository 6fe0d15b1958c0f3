/**
 * The screening page: paste names or upload a CSV, screen them against the persons in the
 * record, and read each match with its score, why it matched (keys, transliterations), the
 * person's roles — so a quoted police spokesman is not mistaken for a suspect — crime categories
 * and the articles, with a link to the person's profile when the name is resolved to an entity.
 * Each name's hits on the loaded watchlists (which list, which entry, the score, why) follow its
 * matches. The results download as CSV.
 *
 * @module web/pages/screen/screen-page
 */
import type { ScreenRequest, ScreenResponse } from '#api/contract.ts'
import { crimeName } from '../../lib/category-names.ts'
import { h } from '../../lib/dom.ts'
import { formatPublished } from '../../lib/format.ts'
import { formatCount, t } from '../../lib/i18n.ts'
import { MAX_NAMES, namesFromCsv, namesFromText } from '../../lib/names-input.ts'

/** What the page asks of the app shell. */
export interface ScreenPageActions {
  readonly screen: (
    request: Partial<ScreenRequest> & { names: string[] },
  ) => Promise<ScreenResponse>
  readonly openDocument: (id: string) => void
  readonly documentHref: (id: string) => string
  /** Opens an entity's profile; without it (and `entityHref`) no profile links are shown. */
  readonly openEntity?: (entityId: string) => void
  readonly entityHref?: (entityId: string) => string
  /** Says why a request failed, in the interface's words. */
  readonly describeError: (error: unknown) => string
}

/** Builds the page: the form and, once screened, the results under it. */
export function screenView(actions: ScreenPageActions): HTMLElement {
  const m = t()
  const textarea = h('textarea', {
    id: 'screen-names',
    rows: 8,
    spellcheck: 'false',
    placeholder: 'Мухтар Аблязов\nQasym-Jomart Toqaev\nСерикбаев А.Ж.',
  })
  const file = h('input', {
    type: 'file',
    accept: '.csv,text/csv,.txt',
    class: 'visually-hidden',
    id: 'screen-file',
  })
  const weaker = h('input', { type: 'checkbox', id: 'screen-weaker' })
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' })
  const results = h('div', { class: 'screen-results' })

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0]
    if (!chosen) return
    textarea.value = namesFromCsv(await chosen.text()).join('\n')
    file.value = ''
  })

  const form = h(
    'form',
    { class: 'screen-form' },
    h('label', { for: 'screen-names' }, m.screenNamesLabel),
    textarea,
    h(
      'div',
      { class: 'screen-actions' },
      h('button', { type: 'submit', class: 'primary' }, m.screenButton),
      h('label', { for: 'screen-file', class: 'file-button', tabindex: 0 }, m.screenUpload),
      file,
      h('label', { class: 'checkbox' }, weaker, ` ${m.screenWeaker}`),
    ),
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const all = namesFromText(textarea.value)
    if (all.length === 0) {
      status.textContent = m.screenNoNames
      return
    }
    const names = all.slice(0, MAX_NAMES)
    status.textContent = m.screenRunning
    results.replaceChildren()
    try {
      const response = await actions.screen({
        names,
        limit: 5,
        articles: 5,
        ...(weaker.checked ? { minScore: 0.6 } : {}),
      })
      const hits = response.results.filter((r) => r.matches.length > 0).length
      status.textContent =
        m.screenSummary(formatCount(names.length), formatCount(hits)) +
        (all.length > names.length ? ` ${m.screenTooMany(formatCount(MAX_NAMES))}` : '')
      results.replaceChildren(
        downloadLink(response),
        ...response.results.map((r) => resultCard(r, actions)),
      )
    } catch (error) {
      status.textContent = actions.describeError(error)
    }
  })

  return h(
    'section',
    { class: 'screen-page' },
    h('h2', {}, m.screenTitle),
    h('p', { class: 'hint' }, m.screenIntro),
    form,
    status,
    results,
  )
}

function resultCard(
  result: ScreenResponse['results'][number],
  actions: ScreenPageActions,
): HTMLElement {
  const m = t()
  return h(
    'article',
    { class: 'screen-result', 'data-query': result.query },
    h('h3', {}, result.query),
    result.matches.length === 0
      ? h('p', { class: 'hint' }, m.screenNoMatch)
      : h(
          'ul',
          { class: 'screen-matches' },
          result.matches.map((match) =>
            h(
              'li',
              { class: match.flagged ? 'screen-match flagged' : 'screen-match' },
              h(
                'p',
                { class: 'match-head' },
                h('strong', {}, match.name),
                match.entityId ? profileLink(match.entityId, m.screenOpenProfile, actions) : null,
                h(
                  'span',
                  { class: match.same ? 'verdict same' : 'verdict possible' },
                  match.same ? m.screenSame : m.screenPossible,
                ),
                h(
                  'span',
                  { class: 'score', title: m.screenScore },
                  `${Math.round(match.score * 100)}%`,
                ),
                match.flagged ? h('span', { class: 'flag' }, m.screenFlagged) : null,
              ),
              h(
                'p',
                { class: 'match-meta' },
                match.roles.map((r) => `${m.role[r.role] ?? r.role} (${r.documents})`).join(', '),
                match.crimeCategories.length
                  ? ` · ${match.crimeCategories.map((c) => crimeName(c, m.locale)).join(', ')}`
                  : '',
                match.titles.length ? ` · ${match.titles.join('; ')}` : '',
              ),
              h('p', { class: 'match-reasons' }, match.reasons.join(' · ')),
              h(
                'ul',
                { class: 'match-articles' },
                match.articles.map((a) => {
                  const link = h(
                    'a',
                    { href: actions.documentHref(a.docId) },
                    a.title?.trim() || a.docId,
                  )
                  link.addEventListener('click', (event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0)
                      return
                    event.preventDefault()
                    actions.openDocument(a.docId)
                  })
                  return h(
                    'li',
                    {},
                    h('time', {}, formatPublished(a.published)),
                    ' ',
                    link,
                    ` (${m.role[a.role] ?? a.role})`,
                  )
                }),
              ),
            ),
          ),
        ),
    watchlistHits(result, actions),
  )
}

/** The loaded watchlist entries the name matches: list, entry, score, why, and the profiles. */
function watchlistHits(
  result: ScreenResponse['results'][number],
  actions: ScreenPageActions,
): HTMLElement | null {
  const hits = result.watchlistHits ?? []
  if (hits.length === 0) return null
  const m = t()
  // A listed person who is also in the record: the link names them as the record does.
  const nameOf = (entityId: string) =>
    result.matches.find((x) => x.entityId === entityId)?.name ?? m.screenOpenProfile
  return h(
    'section',
    { class: 'screen-watchlists' },
    h('h4', {}, m.screenWatchlistHits),
    h(
      'ul',
      { class: 'screen-matches' },
      hits.map((hit) => {
        const details = [
          hit.aliasesMatched.join(', '),
          hit.countries.join(', '),
          hit.birthDates.join(', '),
          hit.identifiers.join(', '),
          hit.topics.join(', '),
        ].filter((x) => x !== '')
        const profiles = hit.entityIds
          .map((id) => profileLink(id, nameOf(id), actions))
          .filter((link) => link !== null)
        return h(
          'li',
          { class: 'screen-match watchlist-hit', 'data-entry': hit.entryId },
          h(
            'p',
            { class: 'match-head' },
            h('strong', {}, hit.name),
            h('span', { class: 'watchlist' }, m.screenWatchlistEntry(hit.watchlist, hit.entryId)),
            h('span', { class: 'score', title: m.screenScore }, `${Math.round(hit.score * 100)}%`),
          ),
          details.length > 0 ? h('p', { class: 'match-meta' }, details.join(' · ')) : null,
          h('p', { class: 'match-reasons' }, hit.reasons.join(' · ')),
          profiles.length > 0
            ? h(
                'p',
                { class: 'match-profiles' },
                `${m.screenListedInRecord} `,
                profiles.flatMap((link, i) => (i === 0 ? [link] : [', ', link])),
              )
            : null,
        )
      }),
    ),
  )
}

/** A link to an entity's profile (opened in the reading pane), or nothing without the action. */
function profileLink(
  entityId: string,
  label: string,
  actions: ScreenPageActions,
): HTMLElement | null {
  const { openEntity, entityHref } = actions
  if (!openEntity || !entityHref) return null
  const link = h(
    'a',
    { class: 'profile-link', href: entityHref(entityId), 'data-entity': entityId },
    label,
  )
  link.addEventListener('click', (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    openEntity(entityId)
  })
  return link
}

/** A link that saves the results as CSV (query, match, score, … entity_id, watchlist_hits). */
function downloadLink(response: ScreenResponse): HTMLElement {
  const cell = (v: string | number | boolean) => {
    const s = String(v)
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
  }
  const header = ['query', 'match', 'score', 'same', 'flagged', 'roles', 'documents', 'reasons']
  const rows = [[...header, 'entity_id', 'watchlist_hits']]
  for (const r of response.results) {
    // Every row of a name carries its watchlist hits: `list/entry (score)`, best first.
    const listed = (r.watchlistHits ?? [])
      .map((w) => `${w.watchlist}/${w.entryId} (${w.score.toFixed(3)})`)
      .join('; ')
    if (r.matches.length === 0) rows.push([r.query, '', '', '', '', '', '', '', '', listed])
    for (const x of r.matches) {
      rows.push([
        r.query,
        x.name,
        x.score.toFixed(3),
        String(x.same),
        String(x.flagged),
        x.roles.map((ro) => ro.role).join(' '),
        String(x.documents),
        x.reasons.join('; '),
        x.entityId ?? '',
        listed,
      ])
    }
  }
  const csv = `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  return h(
    'a',
    { href: url, download: 'tergeu-screening.csv', class: 'download' },
    t().screenDownload,
  )
}
