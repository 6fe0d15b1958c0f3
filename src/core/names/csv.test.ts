import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csvRow, parseCsv } from './csv.ts'

test('parseCsv reads RFC 4180 quoting, CRLF and a BOM', () => {
  const text = '\ufeffa,b\r\n"Аблязов, Мухтар","say ""hi"""\r\n"two\nlines",x\nlast,\n'
  assert.deepEqual(parseCsv(text), [
    ['a', 'b'],
    ['Аблязов, Мухтар', 'say "hi"'],
    ['two\nlines', 'x'],
    ['last', ''],
  ])
})

test('csvRow quotes what needs quoting and round-trips', () => {
  const row = ['Ablyazov, Mukhtar', 'He said "no"', 'plain', ' padded ']
  assert.equal(csvRow(row), '"Ablyazov, Mukhtar","He said ""no""",plain," padded "')
  assert.deepEqual(parseCsv(csvRow(row)), [row])
})
