import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { formatUiState, hasSearch, parseUiState, withFilter } from './url-state.ts'

describe('url state', () => {
  test('round-trips a Kazakh query, a language and an open document', () => {
    const state = { q: 'алаяқтық Алматы', lang: 'kk', doc: 'kk-003' } as const

    const search = formatUiState(state)

    assert.deepEqual(parseUiState(search), state)
  })

  test('reads an empty or unknown query string as the empty state', () => {
    assert.deepEqual(parseUiState(''), { q: '', lang: null, doc: null })
    assert.deepEqual(parseUiState('?lang=de&q=%20%20&x=1'), { q: '', lang: null, doc: null })
  })

  test('writes nothing for the empty state', () => {
    assert.equal(formatUiState({ q: '', lang: null, doc: null }), '')
  })
})

describe('url state with filters', () => {
  test('round-trips filters and the sort order, and drops malformed dates', () => {
    const state = {
      q: '',
      lang: 'ru',
      doc: null,
      filters: { crime: 'fraud', location: 'KZ-ALA', from: '2025-01' },
      sort: 'oldest',
    } as const

    assert.deepEqual(parseUiState(formatUiState(state)), state)
    assert.deepEqual(parseUiState('?to=yesterday&crime=%20'), { q: '', lang: null, doc: null })
  })

  test('a filter alone is a search; setting one closes the document, null removes it', () => {
    const base = parseUiState('?doc=x')
    assert.equal(hasSearch(base), false)

    const filtered = withFilter(base, 'event', 'extradition')
    assert.equal(hasSearch(filtered), true)
    assert.equal(filtered.doc, null)
    assert.equal(formatUiState(withFilter(filtered, 'event', null)), '')
  })
})
