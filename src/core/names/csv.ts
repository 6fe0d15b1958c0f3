/**
 * RFC 4180 CSV reading and writing for name lists and name-pair files: quoted fields with
 * commas, doubled quotes and line breaks; CRLF or LF; a BOM is ignored. Linear, no regexes.
 *
 * @module core/names/csv
 */

/** Parses CSV text into rows of fields. A final line break does not make an empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let fieldStarted = false
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += c
      i++
      continue
    }
    if (c === '"' && field === '') {
      quoted = true
      fieldStarted = true
      i++
    } else if (c === ',') {
      row.push(field)
      field = ''
      fieldStarted = true
      i++
    } else if (c === '\n' || c === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      fieldStarted = false
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      field += c
      fieldStarted = true
      i++
    }
  }
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

/** Quotes a field when it needs it (comma, quote, line break, or spaces at either end). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** Formats one CSV row (no line break). */
export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',')
}
