/**
 * Problems in the data, attached to a document (modelled on vfile messages).
 *
 * @module core/diagnostic
 */
import type { Span } from './span.ts'

/** How bad a problem is: `error` means the document could not go on. */
export type Severity = 'error' | 'warning' | 'info'

/** A problem with one document, reported by one stage. */
export interface Diagnostic {
  readonly severity: Severity
  /** The stage that reported it, e.g. `extract-money`. */
  readonly stage: string
  /** A kebab-case rule id, e.g. `ambiguous-currency`. */
  readonly rule: string
  /** One sentence, lower-case start, no full stop. */
  readonly reason: string
  readonly docId: string
  readonly span?: Span
}

/** What a stage passes to `context.report()`; the runner fills in stage and document. */
export interface DiagnosticInput {
  readonly severity: Severity
  readonly rule: string
  readonly reason: string
  readonly span?: Span
}

/** Formats a diagnostic as one report line: `doc 120-135 warning reason stage:rule`. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.span ? `${d.span.start}-${d.span.end}` : '-'
  return `${d.docId} ${place} ${d.severity} ${d.reason} ${d.stage}:${d.rule}`
}
