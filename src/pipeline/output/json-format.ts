/**
 * Presents an extracted document in the rich JSON shape: every fact with spans and provenance.
 *
 * @module pipeline/output/json-format
 */
import type { ExtractedDoc } from '#core/document.ts'

/** Converts an extracted document to the rich JSON output (`--format json`). */
export function toJsonFormat(doc: ExtractedDoc, extractorVersion: string): Record<string, unknown> {
  const { raw: _raw, content: _content, ...rest } = doc
  return { ...rest, extractorVersion }
}
