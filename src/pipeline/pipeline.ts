/**
 * An immutable pipeline builder: each `.pipe()` returns a new pipeline.
 *
 * @module pipeline/pipeline
 */
import type { Diagnostic } from '#core/diagnostic.ts'
import { StageError } from '#core/errors.ts'
import type { Stage, StageContext } from './stage.ts'

/** The outcome of running a pipeline over one document. */
export interface PipelineResult<Out> {
  readonly doc: Out
  readonly diagnostics: readonly Diagnostic[]
}

/** A frozen sequence of stages from `In` to `Out`. */
export interface Pipeline<In, Out> {
  /** The stages, in order. */
  readonly stages: readonly Stage<unknown, unknown>[]
  /** `name@version` of every stage: the extractor version recorded with each fact. */
  readonly version: string
  /** Returns a new pipeline with `stage` appended. */
  pipe<Next>(stage: Stage<Out, Next>): Pipeline<In, Next>
  /**
   * Runs every stage over one document. Throws a {@link StageError} naming the failing stage
   * when one throws; the batch runner turns that into a report line.
   */
  run(input: In, options?: { signal?: AbortSignal; docId?: string }): Promise<PipelineResult<Out>>
}

/** Creates an empty pipeline whose input type is `In`. */
export function createPipeline<In>(): Pipeline<In, In> {
  return buildPipeline<In, In>([])
}

function buildPipeline<In, Out>(stages: readonly Stage<unknown, unknown>[]): Pipeline<In, Out> {
  const frozen = Object.freeze([...stages])
  return Object.freeze({
    stages: frozen,
    version: frozen.map((s) => `${s.name}@${s.version}`).join(','),
    pipe<Next>(stage: Stage<Out, Next>): Pipeline<In, Next> {
      return buildPipeline<In, Next>([...frozen, stage as unknown as Stage<unknown, unknown>])
    },
    async run(input: In, options: { signal?: AbortSignal; docId?: string } = {}) {
      const diagnostics: Diagnostic[] = []
      const signal = options.signal ?? new AbortController().signal
      const docId = options.docId ?? docIdOf(input)
      let current: unknown = input
      for (const stage of frozen) {
        signal.throwIfAborted()
        const context: StageContext = {
          signal,
          report: (d) => diagnostics.push({ ...d, stage: stage.name, docId }),
        }
        try {
          current = await stage.run(current, context)
        } catch (error) {
          if (error instanceof StageError) throw error
          const message = error instanceof Error ? error.message : String(error)
          throw new StageError(stage.name, docId, message, { cause: error })
        }
      }
      return { doc: current as Out, diagnostics }
    },
  })
}

function docIdOf(input: unknown): string {
  if (typeof input === 'object' && input !== null && 'id' in input) return String(input.id)
  return '?'
}
