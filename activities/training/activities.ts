import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../../core/db/connect';
import { IntegrityError } from '../../core/storage/integrity';
import { ArtifactRecordError } from '../../core/storage/model-artifacts';
import type { ObjectStore } from '../../core/storage/object-store';
import { RegistryError } from '../registry/errors';
import { trainCandidate } from './candidate';
import type { CandidateInput, CandidateResult } from './candidate';
import { evaluateOnGold } from './evaluate';
import type { GoldEvaluation } from './evaluate';
import { exportModel } from './export';
import type { ExportedArtifacts } from './export';
import { refitModel } from './refit';
import type { RefitInput, RefitResult } from './refit';
import type { ThreadControl } from './run-in-thread';
import { TrainingDataError } from './training-set';

export interface TrainingDeps {
  /** The registry: the sha256 that model files are checked against. */
  db: Db;
  store: ObjectStore;
  /** Cross-validation threads per candidate activity. */
  threads?: number;
  /** Where candidate training times go, by family; the worker's metrics pass theirs. */
  onCandidateTrained?: (family: string, seconds: number) => void;
}

/** How often an activity heartbeats at most; a third of its heartbeat timeout when shorter. */
const HEARTBEAT_EVERY_MS = 5_000;

/** Failures a retry would meet again: bad data, a missing or tampered object, an unknown version. */
const PERMANENT = [TrainingDataError, IntegrityError, ArtifactRecordError, RegistryError];

/**
 * Runs an activity's work with a heartbeat from this event loop every few seconds, whatever the
 * thread doing the work is busy with, and one at each step it reports; the activity's
 * cancellation (or the worker's shutdown) terminates that thread. Failures a retry cannot fix
 * fail without retrying, naming what is wrong.
 */
async function heartbeating<T>(run: (control: ThreadControl) => Promise<T>): Promise<T> {
  const context = Context.current();
  let last = 'starting';
  const onProgress = (step: string) => {
    last = step;
    context.heartbeat({ step });
  };
  const every = Math.min(HEARTBEAT_EVERY_MS, (context.info.heartbeatTimeoutMs ?? Infinity) / 3);
  const timer = setInterval(() => context.heartbeat({ step: last }), every);
  try {
    return await run({ onProgress, signal: context.cancellationSignal });
  } catch (error) {
    const permanent = PERMANENT.find((kind) => error instanceof kind);
    if (permanent) {
      throw ApplicationFailure.nonRetryable((error as Error).message, (error as Error).name);
    }
    const code = (error as { code?: string }).code;
    if (code === 'NoSuchKey' || code === 'NotFound') {
      throw ApplicationFailure.nonRetryable(
        `an object the training needs is missing: ${(error as Error).message}`,
        'MissingObject',
      );
    }
    throw error;
  } finally {
    clearInterval(timer);
  }
}

/** The CPU-heavy activities of the training task queue; their heavy steps run on threads. */
export function createTrainingActivities({ db, store, threads, onCandidateTrained }: TrainingDeps) {
  return {
    async trainCandidate(input: CandidateInput): Promise<CandidateResult> {
      const started = performance.now();
      const result = await heartbeating((control) =>
        trainCandidate(store, input, control, threads),
      );
      onCandidateTrained?.(input.family, (performance.now() - started) / 1000);
      return result;
    },

    async refitModel(input: RefitInput): Promise<RefitResult> {
      return heartbeating((control) => refitModel({ db, store }, input, control));
    },

    async evaluateOnGold(input: {
      modelVersion: string;
      datasetVersion: string;
    }): Promise<GoldEvaluation> {
      return heartbeating((control) => evaluateOnGold({ db, store }, input, control));
    },

    async exportModel(input: {
      modelVersion: string;
      gold: GoldEvaluation;
      createdAt: string;
    }): Promise<ExportedArtifacts> {
      return heartbeating(() => exportModel({ db, store }, input));
    },
  };
}

export type TrainingActivities = ReturnType<typeof createTrainingActivities>;
