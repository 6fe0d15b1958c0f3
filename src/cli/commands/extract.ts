/**
 * `tergeu extract`: runs the extractor over files and writes one JSON file per document.
 *
 * @module cli/commands/extract
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { RawDoc } from '#core/document.ts'
import { createDefaultPipeline } from '#pipeline/default-pipeline.ts'
import { listInputFiles, readFiles } from '#pipeline/ingest/read-files.ts'
import { toGoldFormat } from '#pipeline/output/gold-format.ts'
import { toJsonFormat } from '#pipeline/output/json-format.ts'
import { runBatch } from '#pipeline/run-batch.ts'
import { type Command, EXIT, UsageError } from '../command.ts'

const USAGE = `usage: tergeu extract [--format gold|json] --out DIR FILES...

Reads documents (.txt, .html, .json = one {id, source, text|html, published}, .jsonl = many,
or folders of them) and writes DIR/<id>.json for each.

options:
  --format gold|json   gold: the shape of ../shared/gold/README.md; json (default): every fact
                       with spans, normalised values and the extractor version
  --out DIR            output folder (created if missing)
  -h, --help           this help

exit codes: 0 all documents extracted, 1 nothing extracted, 2 usage error, 3 some failed`

/** The `extract` command. */
export const extractCommand: Command = {
  name: 'extract',
  summary: 'extract facts from documents into JSON files',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'json' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    if (values.help) {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    const format = values.format
    if (format !== 'gold' && format !== 'json') throw new UsageError(`unknown --format "${format}"`)
    if (!values.out) throw new UsageError('--out DIR is required')
    if (positionals.length === 0) throw new UsageError('no input files given')
    const out = values.out
    await mkdir(out, { recursive: true })

    // Exchange rates imported with `tergeu rates import` (default data dir) refine conversions.
    const pipeline = createDefaultPipeline({ userRatesFile: join(io.cwd, '.tergeu', 'rates.csv') })
    const readFailures: string[] = []
    async function* docs(): AsyncGenerator<RawDoc> {
      for await (const r of readFiles(await listInputFiles(positionals))) {
        if (r.ok) yield r.doc
        else readFailures.push(`${r.source}: ${r.reason}`)
      }
    }
    const report = await runBatch(pipeline, docs(), {
      async sink(doc) {
        const body = format === 'gold' ? toGoldFormat(doc) : toJsonFormat(doc, pipeline.version)
        await writeFile(
          join(out, `${safeFileName(doc.id)}.json`),
          `${JSON.stringify(body, null, 2)}\n`,
        )
      },
    })
    for (const f of readFailures) io.stderr.write(`tergeu: skipped ${f}\n`)
    for (const f of report.failed)
      io.stderr.write(`tergeu: failed ${f.docId} at ${f.stage}: ${f.message}\n`)
    const failed = readFailures.length + report.failed.length
    io.stderr.write(`extracted ${report.processed} document(s), ${failed} failed\n`)
    if (report.processed === 0 && failed > 0) return EXIT.failure
    return failed > 0 ? EXIT.partial : EXIT.ok
  },
}

function safeFileName(id: string): string {
  return id.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 200) || 'document'
}
