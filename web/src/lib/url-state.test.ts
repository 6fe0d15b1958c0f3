import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { formatUiState, parseUiState } from './url-state.ts'

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
