import assert from 'node:assert/strict'
import { test } from 'node:test'
import { furnitureKey, isFurniture, pageLinesOf, removeFurniture } from './furniture.ts'

test('a ticker line is one key whatever its rates; prose and symbols are not counted', () => {
  assert.equal(furnitureKey('USD 478,20 · EUR 512,40'), furnitureKey('USD 481,05 · EUR 509,90'))
  assert.equal(furnitureKey(' 12 · 14 '), null)
  assert.equal(furnitureKey('Полиция Шымкента задержала подозреваемого. '.repeat(10)), null)
})

test('a line is furniture once seen on three pages, mostly outside the article', () => {
  assert.equal(isFurniture({ pages: 2, inArticle: 0 }), false)
  assert.equal(isFurniture({ pages: 3, inArticle: 0 }), true)
  assert.equal(isFurniture({ pages: 10, inArticle: 5 }), false)
  assert.equal(isFurniture({ pages: 10, inArticle: 4 }), true)
})

test('removal keeps the paragraphs apart and never strips a page down to a remnant', () => {
  const text =
    'Главная | Новости\n\nВ Таразе задержан подозреваемый в краже скота.\n\n© 2026 Пример'
  const furniture = new Set([furnitureKey('Главная | Новости')!, furnitureKey('© 2026 Пример')!])

  assert.deepEqual(removeFurniture(text, furniture), {
    text: 'В Таразе задержан подозреваемый в краже скота.',
    lines: 2,
  })
  const mostlyKnown = 'Главная | Новости\n\nОк.'
  assert.deepEqual(removeFurniture(mostlyKnown, furniture), { text: mostlyKnown, lines: 0 })
})

test('what the cleaner kept above the headline or after the last sentence is not article body', () => {
  const body =
    'Мы используем cookie на этом сайте.\n\nЗадержан угонщик\n\nВ Актобе полицейские задержали угонщика автомобилей, ему 24 года.\n\nЧитайте также\n\n© Пример'
  const article =
    'Мы используем cookie на этом сайте.\n\nЗадержан угонщик\n\nВ Актобе полицейские задержали угонщика автомобилей, ему 24 года.\n\nЧитайте также'

  const lines = new Map(pageLinesOf(body, article, 'Задержан угонщик').map((l) => [l.key, l]))

  assert.equal(lines.get(furnitureKey('Мы используем cookie на этом сайте.')!)?.inArticle, false)
  assert.equal(lines.get(furnitureKey('Задержан угонщик')!)?.inArticle, true)
  assert.equal(lines.get(furnitureKey('Читайте также')!)?.inArticle, false)
  assert.equal(lines.get(furnitureKey('© Пример')!)?.inArticle, false)
  assert.equal(
    lines.get(furnitureKey('В Актобе полицейские задержали угонщика автомобилей, ему 24 года.')!)
      ?.inArticle,
    true,
  )
})
