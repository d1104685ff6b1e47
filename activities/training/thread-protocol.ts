/** What the worker's event loop and a training thread say to each other. */
import type { ModelArtifacts } from '../../models/artifacts';
import type { GridPoint } from '../../models/train/select';
import type { ObjectRef } from '../../core/storage/integrity';
import type { SnapshotBytes } from '../datasets/read-snapshot';
import type { CandidateInput } from './candidate';
import type { GoldEvaluation } from './evaluate';
import type { RefitInput, RefitResult } from './refit';

/** One CPU-heavy step of a training activity, with the bytes it works on (transferred, not copied). */
export type ThreadTask =
  | { kind: 'candidate'; snapshot: SnapshotBytes; input: CandidateInput; threads?: number }
  | {
      kind: 'refit';
      snapshot: SnapshotBytes;
      input: RefitInput;
      /** Each candidate's out-of-fold logits (float64), in the order of `input.candidates`. */
      oof: Uint8Array[];
    }
  | {
      kind: 'evaluate';
      snapshot: SnapshotBytes;
      input: { modelVersion: string; datasetVersion: string };
      model: ModelArtifacts;
    };

export interface CandidateFit {
  best: GridPoint;
  grid: GridPoint[];
  seconds: number;
  rows: number;
  /** [rows × classes] */
  oofLogits: Float64Array;
  /** Hashed here, over the very bytes the activity writes. */
  oofSha256: string;
}

/** A refit model's files, as bytes to write, with their sha256, and what the run reports of it. */
export interface RefitFit {
  result: RefitResult;
  files: ModelArtifacts;
  sha256: { model: string; featurizer: string; card: string };
}

export interface ThreadResults {
  candidate: CandidateFit;
  refit: RefitFit;
  evaluate: GoldEvaluation;
}

/** An error crossing from the thread, with what it takes to rebuild its class. */
export interface ThreadError {
  name: string;
  message: string;
  stack?: string;
  /** An IntegrityError's object and problem. */
  object?: ObjectRef;
  problem?: string;
}

export type ThreadReply =
  | { type: 'progress'; step: string }
  | { type: 'result'; value: ThreadResults[ThreadTask['kind']] }
  | { type: 'error'; error: ThreadError };
