/** Types for scripts/score-gold.mjs (the repository's gold scorer). */

/** Counts for one field: true positives, predicted items, gold items. */
export interface Counts {
  tp: number
  np: number
  ng: number
}

/** Precision, recall and F1. */
export interface Prf {
  p: number
  r: number
  f1: number
}

/** One row of the report. */
export interface FieldScore extends Counts, Prf {
  field: string
}

/** Scores over a set of documents. */
export interface ScoreResult {
  docs: number
  fields: FieldScore[]
  article_count_accuracy: number
  mean_f1: number
  perDoc: ({ id: string } & Record<string, number | string>)[]
}

/** Fields in report order. */
export declare const FIELDS: readonly string[]
/** Folds a name for comparison. */
export declare function normalise(value: unknown): string
/** Scores one document. */
export declare function scoreDoc(
  gold: Record<string, unknown>,
  pred: Record<string, unknown> | null | undefined,
): Record<string, Counts> & { article_count: { ok: number } }
/** Precision, recall and F1 from counts. */
export declare function prf(counts: Counts): Prf
/** Scores `{id, gold, pred}` pairs. */
export declare function scorePairs(
  pairs: readonly { id: string; gold: Record<string, unknown>; pred: Record<string, unknown> }[],
): ScoreResult
/** Scores GOLD_DIR against PRED_DIR. */
export declare function scoreDirs(goldDir: string, predDir: string): ScoreResult
/** The plain-text report. */
export declare function formatReport(result: ScoreResult, options?: { perDoc?: boolean }): string
