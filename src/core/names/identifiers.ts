/**
 * Identifiers in text: Kazakh IIN (individual) and BIN (business) numbers with the official
 * checksum, and phone numbers in the common Kazakh, Kyrgyz, Uzbek and Russian forms. One linear
 * scan over the text; every candidate run is at most 32 characters long.
 *
 * The IIN/BIN checksum (as published by the Ministry of Justice and used by the State Revenue
 * Committee): the first 11 digits are weighted 1..11, the sum taken mod 11; a remainder of 10 is
 * re-done with weights 3,4,5,6,7,8,9,10,11,1,2; a second remainder of 10 means the number is not
 * valid; otherwise the remainder is the 12th digit.
 *
 * @module core/names/identifiers
 */

/** What an identifier is. */
export type IdentifierKind = 'iin' | 'bin' | 'phone'

/** One identifier found in text. */
export interface FoundIdentifier {
  readonly kind: IdentifierKind
  /** UTF-16 offsets into the text, end exclusive. */
  readonly start: number
  readonly end: number
  /** As written. */
  readonly text: string
  /** The digits (IIN/BIN) or E.164 form (`+77011234567`) of a phone. */
  readonly value: string
  /** ISO country of a phone (KZ, KG, UZ, RU); `KZ` for IIN/BIN. */
  readonly country: string
  /** IIN only: the birth date (YYYY-MM-DD) and sex the number encodes, when it encodes them. */
  readonly birthDate?: string
  readonly sex?: 'm' | 'f'
}

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]

/** Tells whether a 12-digit string has a valid IIN/BIN check digit. */
export function checksumValid(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false
  const d = [...digits].map(Number)
  const sum = (w: readonly number[]) => w.reduce((s, wi, i) => s + wi * d[i]!, 0) % 11
  let r = sum(W1)
  if (r === 10) r = sum(W2)
  if (r === 10) return false
  return r === d[11]
}

/** What a 12-digit number is, if its checksum is valid: an IIN with its date and sex, or a BIN. */
export function readIinBin(
  digits: string,
): { kind: 'iin' | 'bin'; birthDate?: string; sex?: 'm' | 'f' } | undefined {
  if (!checksumValid(digits)) return undefined
  const d5 = Number(digits[4])
  // BIN: YYMM, then the type of entity (4 resident, 5 non-resident, 6 individual entrepreneur).
  if (d5 >= 4 && d5 <= 6) {
    const mm = Number(digits.slice(2, 4))
    return mm >= 1 && mm <= 12 ? { kind: 'bin' } : undefined
  }
  const yy = Number(digits.slice(0, 2))
  const mm = Number(digits.slice(2, 4))
  const dd = Number(digits.slice(4, 6))
  const c = Number(digits[6])
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined
  if (c === 0) return { kind: 'iin' }
  if (c > 6) return undefined
  const year = (c <= 2 ? 1800 : c <= 4 ? 1900 : 2000) + yy
  const date = new Date(Date.UTC(year, mm - 1, dd))
  if (date.getUTCMonth() !== mm - 1) return undefined
  const iso = `${year}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`
  return { kind: 'iin', birthDate: iso, sex: c % 2 === 1 ? 'm' : 'f' }
}

/** Tells whether `digits` is a valid IIN (12 digits, checksum, date). */
export function isValidIin(digits: string): boolean {
  return readIinBin(digits)?.kind === 'iin'
}

/** Tells whether `digits` is a valid BIN (12 digits, checksum, month, entity type). */
export function isValidBin(digits: string): boolean {
  return readIinBin(digits)?.kind === 'bin'
}

/** Reads a digit run as a phone: E.164 value and country, or `undefined`. */
function readPhone(
  digits: string,
  plus: boolean,
  formatted: boolean,
): { value: string; country: string } | undefined {
  // Kazakhstan and Russia share +7: KZ numbers are +7 6xx / 7xx.
  if (digits.length === 11 && (digits[0] === '7' || (digits[0] === '8' && !plus))) {
    const national = digits.slice(1)
    if (national[0] === '7' || national[0] === '6') return { value: `+7${national}`, country: 'KZ' }
    if (national[0] === '9' && (plus || formatted)) return { value: `+7${national}`, country: 'RU' }
    return undefined
  }
  if (digits.length === 12 && digits.startsWith('996') && (plus || formatted))
    return { value: `+${digits}`, country: 'KG' }
  if (digits.length === 12 && digits.startsWith('998') && (plus || formatted))
    return { value: `+${digits}`, country: 'UZ' }
  return undefined
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch)
}

/**
 * Finds IIN/BIN numbers (only checksum-valid ones) and phone numbers in `text`, in order.
 * Linear: each character is looked at a bounded number of times.
 */
export function findIdentifiers(text: string): FoundIdentifier[] {
  const found: FoundIdentifier[] = []
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    const startsPlus = c === 43 /* + */ && i + 1 < n && isDigit(text.charCodeAt(i + 1))
    const startsDigit = isDigit(c) && !isWordChar(text[i - 1])
    const startsParen = c === 40 /* ( */ && i + 1 < n && isDigit(text.charCodeAt(i + 1))
    if (!startsPlus && !startsDigit && !startsParen) {
      i++
      continue
    }
    // One candidate: digits with single separators (space, hyphen, dot, parentheses), ≤ 32 chars.
    let j = startsPlus ? i + 1 : i
    let digits = ''
    let lastDigitEnd = i
    const groupEnds: { end: number; digits: number }[] = []
    while (j < n && j - i < 32) {
      const ch = text.charCodeAt(j)
      if (isDigit(ch)) {
        digits += text[j]
        j++
        lastDigitEnd = j
        continue
      }
      const sep =
        ch === 32 ||
        ch === 45 ||
        ch === 46 ||
        ch === 40 ||
        ch === 41 ||
        ch === 0xa0 ||
        ch === 0x2011
      if (!sep) break
      groupEnds.push({ end: lastDigitEnd, digits: digits.length })
      j++
    }
    groupEnds.push({ end: lastDigitEnd, digits: digits.length })
    // A digit glued to a letter after the run (12345abc) is not an identifier.
    const tailGlued = isWordChar(text[lastDigitEnd]) && !/\s/.test(text[lastDigitEnd] ?? '')
    let hit: FoundIdentifier | undefined
    if (!tailGlued) {
      // The longest prefix of whole groups that reads as an identifier.
      for (let g = groupEnds.length - 1; g >= 0 && !hit; g--) {
        const { end, digits: count } = groupEnds[g]!
        if (count < 11) break
        const ds = digits.slice(0, count)
        const raw = text.slice(i, end)
        const contiguous = /^\d+$/.test(raw)
        if (contiguous && count === 12 && !startsPlus) {
          const r = readIinBin(ds)
          if (r) {
            hit = {
              kind: r.kind,
              start: i,
              end,
              text: raw,
              value: ds,
              country: 'KZ',
              ...(r.birthDate ? { birthDate: r.birthDate } : {}),
              ...(r.sex ? { sex: r.sex } : {}),
            }
            break
          }
        }
        if (count === 11 || count === 12) {
          const p = readPhone(ds, startsPlus, !contiguous)
          if (p)
            hit = { kind: 'phone', start: i, end, text: raw, value: p.value, country: p.country }
        }
      }
    }
    if (hit) {
      found.push(hit)
      i = hit.end
    } else {
      // Skip the whole digit run so that a long number is not re-read from inside.
      i = Math.max(i + 1, lastDigitEnd)
      while (i < n && isDigit(text.charCodeAt(i))) i++
    }
  }
  return found
}
