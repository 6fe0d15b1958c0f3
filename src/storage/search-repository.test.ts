import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseHeadline } from './search-repository.ts'

describe('parseHeadline', () => {
  test('strips the match markers and returns highlight offsets into the plain snippet', () => {
    const marked =
      'Сотрудники полиции \uE000задержали\uE001 мужчину по делу о \uE000мошенничестве\uE001.'

    const { text, highlights } = parseHeadline(marked)

    assert.equal(text, 'Сотрудники полиции задержали мужчину по делу о мошенничестве.')
    assert.deepEqual(
      highlights.map((h) => text.slice(h.start, h.end)),
      ['задержали', 'мошенничестве'],
    )
  })

  test('ignores an unbalanced or empty marker', () => {
    assert.deepEqual(parseHeadline('a \uE000\uE001b \uE001c'), { text: 'a b c', highlights: [] })
  })
})
