/**
 * Names to screen, from what an analyst pastes (one per line) or uploads (a CSV whose first
 * column, or whose `name` column, holds the names). Pure: tested under Node.
 *
 * @module web/lib/names-input
 */

/** The most names one screening request takes (the API's limit). */
export const MAX_NAMES = 1000

const NAME_HEADERS = new Set([
  'name',
  'names',
  'full_name',
  'fullname',
  'имя',
  'фио',
  'аты',
  'аты-жөні',
])

/** Names from pasted text: one per line, trimmed, blanks and repeats dropped, order kept. */
export function namesFromText(text: string): string[] {
  return unique(text.split(/\r\n|\r|\n/).map((l) => l.trim()))
}

/**
 * Names from a CSV file: the column headed `name` (or ФИО, аты…) when there is a header, else the
 * first column. Quoted cells with commas, quotes and line breaks are read per RFC 4180; a
 * semicolon is taken as the separator when the header line has more of them than commas (Excel
 * in Russian locales writes those).
 */
export function namesFromCsv(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.slice(0, body.search(/\r|\n|$/))
  const sep =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows = parseCsv(body, sep)
  if (rows.length === 0) return []
  const header = rows[0]?.map((c) => c.trim().toLowerCase()) ?? []
  const column = header.findIndex((c) => NAME_HEADERS.has(c))
  const data = column >= 0 ? rows.slice(1) : rows
  return unique(data.map((r) => (r[Math.max(column, 0)] ?? '').trim()))
}

function unique(names: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const n of names) {
    const key = n.toLocaleLowerCase()
    if (!n || seen.has(key)) continue
    seen.add(key)
    out.push(n)
  }
  return out
}

function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === sep) {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''))
}
