import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { formatCount, messagesFor, pickLocale, plural, UI_LOCALES } from './i18n.ts'

describe('i18n', () => {
  test('starts in the remembered locale, else the browser preference, else Russian', () => {
    assert.equal(pickLocale('kk', ['en-US']), 'kk')
    assert.equal(pickLocale(null, ['de-DE', 'kk-KZ', 'ru']), 'kk')
    assert.equal(pickLocale('fr', ['EN-gb']), 'en')
    assert.equal(pickLocale(null, ['de', 'tr']), 'ru')
    assert.equal(pickLocale(null, []), 'ru')
  })

  test('uses the Russian plural forms after numbers', () => {
    const ru = messagesFor('ru')
    const forms = [1, 3, 5, 11, 21, 22, 25, 101].map((n) => `${n} ${plural(n, ru.documents, ru)}`)
    assert.deepEqual(forms, [
      '1 документ',
      '3 документа',
      '5 документов',
      '11 документов',
      '21 документ',
      '22 документа',
      '25 документов',
      '101 документ',
    ])
  })

  test('keeps the Kazakh noun in the singular after numbers, English adds -s', () => {
    const kk = messagesFor('kk')
    const en = messagesFor('en')
    assert.equal(plural(7, kk.documents, kk), 'құжат')
    assert.equal(plural(1, en.documents, en), 'document')
    assert.equal(plural(7, en.documents, en), 'documents')
  })

  test('groups thousands the way each language writes them', () => {
    assert.equal(formatCount(12345, messagesFor('en')), '12,345')
    // Russian and Kazakh group with a (narrow) no-break space.
    assert.match(formatCount(12345, messagesFor('ru')), /^12\s345$/u)
    assert.match(formatCount(12345, messagesFor('kk')), /^12\s345$/u)
  })

  test('every locale says every message, in its own language', () => {
    const en = messagesFor('en')
    for (const locale of UI_LOCALES) {
      const m = messagesFor(locale)
      assert.equal(m.locale, locale)
      assert.deepEqual(Object.keys(m).sort(), Object.keys(en).sort())
      if (locale === 'en') continue
      // Translated, not copied: the visible words differ from the English ones.
      assert.notEqual(m.welcomeTitle, en.welcomeTitle)
      assert.notEqual(m.annotation.person, en.annotation.person)
      assert.match(m.searchButton, /\p{Script=Cyrillic}/u)
    }
  })
})
