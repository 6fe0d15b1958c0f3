import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compileLexicon, parseLexicon } from './lexicon.ts'
import { orgTokens } from './org-tokens.ts'

const lexicon = compileLexicon(
  parseLexicon(
    [
      'mia\tlaw_enforcement\t*\tMinistry of Internal Affairs | =MVD | Министерство внутренних дел | =МВД | Ішкі істер министрлігі',
      'afm\tlaw_enforcement\tKZ\tАгентство Республики Казахстан по финансовому мониторингу | =АФМ',
      'bad line without enough columns',
    ].join('\n'),
  ),
)

function hits(text: string): string[][] {
  const tokens = orgTokens(text)
  return lexicon.match(tokens).map((h) => [h.entry.id, h.nominative.join(' ')])
}

describe('compiled organisation lexicon', () => {
  test('inflected Russian forms are found and named in the nominative', () => {
    assert.deepEqual(hits('Об этом сообщили в Министерстве внутренних дел.'), [
      ['mia', 'Министерство внутренних дел'],
    ])
  })

  test('Kazakh case endings on the last word are found', () => {
    assert.deepEqual(hits('Ішкі істер министрлігінің мәліметінше'), [
      ['mia', 'Ішкі істер министрлігі'],
    ])
  })

  test('abbreviations match only in their own case', () => {
    assert.deepEqual(hits('МВД и мвд'), [['mia', 'МВД']])
    assert.deepEqual(hits('The MVD said'), [['mia', 'MVD']])
  })

  test('"Республики Казахстан" also matches as "РК"', () => {
    assert.deepEqual(hits('Агентством РК по финансовому мониторингу'), [
      ['afm', 'Агентство РК по финансовому мониторингу'],
    ])
  })

  test('malformed lines are skipped', () => {
    assert.equal(lexicon.entries.size, 2)
  })
})
