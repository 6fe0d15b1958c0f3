import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CueScanner, CYRILLIC, foldCode, KAZAKH, LATIN, scriptsIn } from './date-cues.ts'

describe('CueScanner', () => {
  const scanner = new CueScanner([
    { words: ['назад', 'ago'] },
    { exact: ['Mar', 'May'] },
    { year: true },
    { words: ['сенбі', 'жұма'] },
  ])

  test('finds cue words in any letter case and inside longer words', () => {
    const hits = scanner.scan('Два года НАЗАД; ten years Ago; Chicago.')
    assert.equal(hits.windows(0).length, 1)
    assert.ok(hits.has(0))
    assert.equal(new CueScanner([{ words: ['ago'] }]).scan('Chicago').has(0), true)
  })

  test('finds exact words only as written', () => {
    const exact = new CueScanner([{ exact: ['May'] }])
    assert.equal(exact.scan('in may and MAY').has(0), false)
    assert.equal(exact.scan('in May').has(0), true)
  })

  test('takes four digits from 1950 to 2049 as a year, not more or fewer digits', () => {
    const years = new CueScanner([{ year: true }])
    assert.equal(years.scan('page 12, 345 people, 26.12.25, 20250, 1949, 2050').has(0), false)
    assert.equal(years.scan('on 26.12.2025').has(0), true)
    assert.equal(years.scan('1950').has(0), true)
    assert.equal(years.scan('in 2049').has(0), true)
  })

  test('finds overlapping cue words ("сенбі" inside "дүйсенбі")', () => {
    assert.equal(scanner.scan('өткен дүйсенбі күні').has(3), true)
  })

  test('cuts one window around cues that lie close together', () => {
    const text = `${'x'.repeat(200)} March 3 and May 5 ${'y'.repeat(300)} May 9 ${'z'.repeat(200)}`
    const windows = scanner.scan(text).windows(1)
    assert.equal(windows.length, 2)
    assert.ok(windows[0]!.text.includes('March 3 and May 5'))
    assert.ok(windows[1]!.text.includes('May 9'))
    assert.ok(windows.every((w) => w.text === text.slice(w.start, w.end)))
  })

  test('folds letters as the case-insensitive regex flags do', () => {
    // Every code unit that the `iu` flags match against a letter the cue words use must fold to
    // that letter, or a rule could match where the scanner sees no cue.
    const letters = 'abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі'
    const anyLetter = new RegExp(`^[${letters}]$`, 'iu')
    const wrong: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue
      const ch = String.fromCharCode(c)
      if (!anyLetter.test(ch)) continue
      const target = [...letters].find((l) => new RegExp(`^${l}$`, 'iu').test(ch))!
      if (foldCode(c) !== target.charCodeAt(0)) wrong.push(`U+${c.toString(16)}`)
    }
    assert.deepEqual(wrong, [])
  })

  test('tells the scripts of a text as the character classes of the rules do', () => {
    const texts = ['Police', 'Полиция', 'Полиция Алматы қаласы', '2024 — «»', 'Ҳ ҷ é ß']
    texts.push(texts.join(' '))
    // And every UTF-16 code unit on its own.
    for (let c = 0; c < 0x10000; c++)
      if (c < 0xd800 || c > 0xdfff) texts.push(String.fromCharCode(c))
    for (const text of texts) {
      const expected =
        (/[A-Za-z]/.test(text) ? LATIN : 0) |
        (/[а-яА-ЯёЁ]/.test(text) ? CYRILLIC : 0) |
        (/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/.test(text) ? KAZAKH : 0)
      assert.equal(scriptsIn(text), expected, text)
      assert.equal(scanner.scan(text).scripts, expected, text)
    }
  })

  test('stays linear on hostile input', () => {
    const hostile =
      '9'.repeat(200_000) +
      ' мая'.repeat(20_000) +
      'May'.repeat(20_000) +
      'a'.repeat(200_000) +
      ' '.repeat(100_000)
    const started = performance.now()
    const hits = scanner.scan(hostile)
    for (let i = 0; i < 4; i++) hits.windows(i)
    const ms = performance.now() - started
    assert.ok(ms < 500, `took ${ms.toFixed(0)} ms`)
  })
})
