/**
 * `tergeu names`: name variants, name comparison (one pair, or a CSV of pairs: the contract the
 * name-pair test sets are scored through), name keys, and identifiers (IIN/BIN, phones) in text.
 *
 * @module cli/commands/names
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { compareNames, DEFAULT_THRESHOLD } from '#core/names/compare.ts'
import { csvRow, parseCsv } from '#core/names/csv.ts'
import { findIdentifiers } from '#core/names/identifiers.ts'
import { parseName } from '#core/names/name-key.ts'
import { generateVariants } from '#core/names/variants.ts'
import { type Command, type CommandIo, EXIT, UsageError } from '../command.ts'

const USAGE = `usage: tergeu names variants NAME
       tergeu names compare A B [--threshold T]
       tergeu names compare --csv FILE|- [--threshold T]
       tergeu names keys NAME
       tergeu names ids FILE|-

variants   prints generated variants of NAME one per line: scripts, romanisations (Kazakh 2021
           Latin, English-news style, BGN/PCGN, ICAO passports), gender and Russian case forms
compare    A B: prints score (0..1), same (true/false) and the reasons, one per line.
           --csv: reads rows a,b (header optional, RFC 4180 quoting; - is stdin) and writes rows
           a,b,score,same to stdout (score with 3 decimals; a header line only if the input has one)
keys       prints each part of NAME with its phonetic key and folded stem
ids        prints the IIN/BIN numbers (checksum-valid only) and phone numbers found in a text file

options:
  --threshold T   decision threshold for "same" (default ${DEFAULT_THRESHOLD})
  -h, --help      this help

exit codes: 0 ok, 1 unreadable input, 2 usage error`

// A first row of column names, not of names: a, b, name_a, left_name, query, candidate...
const HEADER_FIELD =
  /^(?:a|b|x|y|name\w*|left\w*|right\w*|query\w*|candidate\w*|first\w*|second\w*|alias\w*|variant\w*|source\w*|target\w*|s[12]|\w+_name|\w+_(?:a|b|1|2))$/i

async function readInput(path: string, io: CommandIo): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = []
    for await (const c of process.stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  return readFile(resolve(io.cwd, path), 'utf8')
}

/** Writes `a,b,score,same` for every row of a pairs CSV. */
function compareCsv(text: string, threshold: number, io: CommandIo): number {
  const rows = parseCsv(text)
  const first = rows[0]
  const header =
    first !== undefined &&
    first.length >= 2 &&
    HEADER_FIELD.test(first[0]!.trim()) &&
    HEADER_FIELD.test(first[1]!.trim())
  const out: string[] = []
  if (header) out.push('a,b,score,same')
  let bad = 0
  for (const [i, row] of rows.entries()) {
    if (header && i === 0) continue
    if (row.length < 2) {
      io.stderr.write(`tergeu names: row ${i + 1}: expected two fields a,b\n`)
      bad++
      continue
    }
    const a = row[0]!
    const b = row[1]!
    const r = compareNames(a, b, { threshold })
    out.push(csvRow([a, b, r.score.toFixed(3), String(r.same)]))
  }
  io.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '')
  return bad > 0 && out.length === (header ? 1 : 0) ? EXIT.failure : EXIT.ok
}

/** The `names` command. */
export const namesCommand: Command = {
  name: 'names',
  summary: 'name variants, name comparison (pairs CSV), name keys, IIN/BIN and phones in text',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        csv: { type: 'string' },
        threshold: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    let threshold = DEFAULT_THRESHOLD
    if (values.threshold !== undefined) {
      threshold = Number(values.threshold)
      if (!(threshold >= 0 && threshold <= 1))
        throw new UsageError(`--threshold must be a number in 0..1, got "${values.threshold}"`)
    }
    const [action, ...rest] = positionals
    if (action === 'variants') {
      if (rest.length === 0) throw new UsageError('variants takes a NAME')
      io.stdout.write(`${generateVariants(rest.join(' ')).join('\n')}\n`)
      return EXIT.ok
    }
    if (action === 'compare') {
      if (values.csv !== undefined) {
        if (rest.length > 0)
          throw new UsageError('compare takes either --csv FILE or two names, not both')
        return compareCsv(await readInput(values.csv, io), threshold, io)
      }
      if (rest.length !== 2)
        throw new UsageError('compare takes two names (quote each) or --csv FILE')
      const r = compareNames(rest[0]!, rest[1]!, { threshold })
      io.stdout.write(
        `score ${r.score.toFixed(3)}\nsame ${r.same}\n${r.reasons.map((x) => `  ${x}`).join('\n')}\n`,
      )
      return EXIT.ok
    }
    if (action === 'keys') {
      if (rest.length === 0) throw new UsageError('keys takes a NAME')
      const p = parseName(rest.join(' '))
      for (const t of [...p.parts, ...p.patronymics]) {
        const kind = t.patronymic
          ? 'patronymic'
          : t.initial
            ? 'initial'
            : t.surnameShaped
              ? 'surname-shaped'
              : 'name'
        io.stdout.write(`${t.text}\t${t.key}\t${t.stem ?? '-'}\t${kind}\n`)
      }
      return EXIT.ok
    }
    if (action === 'ids') {
      if (rest.length !== 1) throw new UsageError('ids takes one FILE (or - for stdin)')
      const lines = findIdentifiers(await readInput(rest[0]!, io)).map((f) => {
        const extra = f.birthDate ? `\t${f.birthDate} ${f.sex ?? ''}` : ''
        return `${f.kind}\t${f.value}\t${f.country}\t${f.start}-${f.end}${extra}\n`
      })
      io.stdout.write(lines.join(''))
      return EXIT.ok
    }
    throw new UsageError(
      action ? `unknown action "${action}"` : 'missing action: variants, compare, keys or ids',
    )
  },
}
