import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checksumValid,
  findIdentifiers,
  isValidBin,
  isValidIin,
  readIinBin,
} from './identifiers.ts'

/** Completes 11 digits with the check digit, or `undefined` when none is valid. */
function complete(prefix: string): string | undefined {
  for (let d = 0; d <= 9; d++) if (checksumValid(prefix + d)) return prefix + d
  return undefined
}

test('the IIN/BIN checksum: weights 1..11, then 3..11,1,2 on a remainder of 10', () => {
  // 850101300124: sum 1·8+2·5+3·0+4·1+5·0+6·1+7·3+8·0+9·0+10·1+11·2 = 81, 81 mod 11 = 4.
  assert.ok(checksumValid('850101300124'))
  assert.ok(!checksumValid('850101300125'))
  // A number whose first pass gives 10 is checked by the second pass.
  const secondPass = ['000000000010', '000000000050'].find((x) => checksumValid(x))
  assert.ok(secondPass !== undefined || complete('00000000001') !== undefined)
  assert.ok(!checksumValid('85010130012'))
  assert.ok(!checksumValid('85010130012a'))
})

test('IIN gives birth date and sex; BIN has an entity type digit', () => {
  assert.deepEqual(readIinBin('850101300124'), { kind: 'iin', birthDate: '1985-01-01', sex: 'm' })
  const woman = complete('01020360012')!
  assert.deepEqual(readIinBin(woman), { kind: 'iin', birthDate: '2001-02-03', sex: 'f' })
  assert.ok(isValidIin('850101300124'))
  const bin = complete('05044000123')!
  assert.ok(isValidBin(bin) && !isValidIin(bin))
  const badDate = complete('85023130012')
  if (badDate) assert.equal(readIinBin(badDate), undefined)
})

test('findIdentifiers finds valid IIN/BIN and KZ/KG/UZ/RU phones, with spans', () => {
  const bin = complete('05044000123')!
  const text = `Подозреваемый (ИИН 850101300124) — директор ТОО (БИН ${bin}). Телефон доверия: +7 701 123 45 67, 8 (727) 250-12-34; в Бишкеке +996 555 123 456, в Ташкенте +998 90 123-45-67, в Москве +7 (915) 123-45-67.`
  const found = findIdentifiers(text)
  assert.deepEqual(
    found.map((f) => [f.kind, f.value, f.country]),
    [
      ['iin', '850101300124', 'KZ'],
      ['bin', bin, 'KZ'],
      ['phone', '+77011234567', 'KZ'],
      ['phone', '+77272501234', 'KZ'],
      ['phone', '+996555123456', 'KG'],
      ['phone', '+998901234567', 'UZ'],
      ['phone', '+79151234567', 'RU'],
    ],
  )
  for (const f of found) assert.equal(text.slice(f.start, f.end), f.text)
})

test('numbers that only look like identifiers are left alone', () => {
  const text =
    'ИИН 850101300125, дело № 231500031000123, карта 4400123412341234, 2019 2020 годы, 12345678901a, сумма 77 000 000 тенге'
  assert.deepEqual(findIdentifiers(text), [])
})

test('hostile input: 200 KB of digits and separators is scanned in linear time', () => {
  const inputs = [
    '7'.repeat(200_000),
    '1 '.repeat(100_000),
    '+7 (701) '.repeat(25_000),
    '850101300124'.repeat(16_000),
  ]
  for (const s of inputs) {
    const t0 = performance.now()
    findIdentifiers(s)
    assert.ok(performance.now() - t0 < 1000, `${s.slice(0, 10)}: ${performance.now() - t0} ms`)
  }
})
