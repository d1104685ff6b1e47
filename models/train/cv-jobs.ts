import type { CsrMatrix } from '../sparse';
import type { Family } from './families';

/** One fold's matrices, handed to every worker once. */
export interface FoldMessage {
  type: 'fold';
  fold: number;
  trainX: CsrMatrix;
  trainY: Int32Array;
  testX: CsrMatrix;
  nClasses: number;
}

/** Fit one grid point on one fold and score the fold's test rows. */
export interface JobMessage {
  type: 'job';
  id: number;
  fold: number;
  family: Family;
  hyper: object;
  seed: number;
}

export interface JobResult {
  id: number;
  /** [test rows × classes] */
  logits: Float64Array;
  /** Time the fit and scoring took in the worker. */
  seconds: number;
  error?: string;
}
