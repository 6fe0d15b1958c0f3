import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findPlaces } from './extract-places.ts'
import { exactWordFilter, mayBeIn, secondUnitFilter } from './word-filter.ts'

test('an exact-word filter lets every one of its words through and turns most others away', () => {
  const words = ['checkpoint', 'Checkpoint', 'улица', 'HMP', 'ул']
  const filter = exactWordFilter(words)
  for (const w of words) assert.equal(mayBeIn(filter, w), true, w)
  const others = ['police', 'Almaty', 'задержали', 'суд', 'облысы', 'the', 'a']
  assert.ok(others.filter((w) => mayBeIn(filter, w)).length <= 1)
  assert.equal(mayBeIn(filter, ''), false)
})

test('a second-letter filter marks both cases, ё for е and Unicode hyphens for -', () => {
  const bits = secondUnitFilter(['станция', 'бекет', 'р-н'])
  for (const ch of 'тТеЕёЁ-‐‑') assert.equal(bits[ch.charCodeAt(0)], 1, ch)
  for (const ch of 'аоxX') assert.equal(bits[ch.charCodeAt(0)], 0, ch)
})

test('sites and pattern places are still found behind the filters', () => {
  const names = (text: string) => findPlaces(text).map((l) => l.name)
  assert.ok(names('Кеше пойыз Шу станциясына кешігіп келді.').includes('Шу станциясы'))
  assert.ok(names('Кеше оқиға Көкжиек ауданында болды.').includes('Көкжиек ауданы'))
  assert.ok(names('Сотталушы ИК-12 мекемесінде отыр.').includes('ИК-12'))
  assert.ok(names('Жүк «Нұр жолы» өткізу пунктінде тексерілді.').includes('Нұр жолы'))
})
