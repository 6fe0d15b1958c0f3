/**
 * The stage contract: a stage is a named, versioned function from one document state to the next.
 *
 * @module pipeline/stage
 */
import type { DiagnosticInput } from '#core/diagnostic.ts'

/** What a stage may use besides its input. */
export interface StageContext {
  readonly signal: AbortSignal
  /** Records a problem with the data; does not stop the document. */
  report(diagnostic: DiagnosticInput): void
}

/** One step of the pipeline. A factory (`extractMoney(options)`) returns one. */
export interface Stage<In, Out> {
  /** Stable kebab-case id (verb-object): used in diagnostics, provenance and cache keys. */
  readonly name: string
  /** Bump when output changes for the same input; stored outputs of older versions are stale. */
  readonly version: number
  /**
   * Turns the input into the output. Written as a property so that `In` is checked strictly.
   * Returns a new object; never mutates its input. Throws only when the document cannot go on.
   */
  readonly run: (input: In, context: StageContext) => Out | Promise<Out>
}
