import assert from 'node:assert/strict'
import { test } from 'node:test'
import { paragraphLanguageAnnotations } from './paragraph-languages.ts'

test('a Kazakh report quoting a Russian statement and an English note keeps each paragraph language', () => {
  const text = [
    'Шымкент қаласында полиция қызметкерлері алаяқтық жасады деген күдікпен екі адамды ұстады. Олардан он екі банк картасы тәркіленді.',
    '«Подозреваемые обманули более двадцати пенсионеров, обещая им выгодные вклады», — сообщили в пресс-службе департамента полиции.',
    'The suspects face up to seven years in prison under the article on large-scale fraud.',
    '---',
  ].join('\n\n')

  const spans = paragraphLanguageAnnotations({ text }, 2)

  assert.deepEqual(
    spans.map((s) => [s.label, text.slice(s.start, s.start + 8)]),
    [
      ['kk', 'Шымкент '],
      ['ru', '«Подозре'],
      ['en', 'The susp'],
    ],
  )
  for (const s of spans) {
    assert.equal(s.type, 'language')
    assert.equal(s.stageVersion, 2)
    assert.ok(s.attributes.confidence > 0.5 && s.attributes.confidence <= 1)
    assert.equal(text.slice(s.start, s.end).trim(), text.slice(s.start, s.end))
  }
})
