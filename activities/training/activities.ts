import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ObjectStore } from '../../core/storage/object-store';
import { trainCandidate } from './candidate';
import type { CandidateInput, CandidateResult } from './candidate';
import { evaluateOnGold } from './evaluate';
import type { GoldEvaluation } from './evaluate';
import { exportModel } from './export';
import type { ExportedArtifacts } from './export';
import { refitModel } from './refit';
import type { RefitInput, RefitResult } from './refit';
import { TrainingDataError } from './training-set';

export interface TrainingDeps {
  store: ObjectStore;
  /** Cross-validation threads per candidate activity. */
  threads?: number;
  /** Where candidate training times go, by family; the worker's metrics pass theirs. */
  onCandidateTrained?: (family: string, seconds: number) => void;
}

const HEARTBEAT_EVERY_MS = 5_000;

/**
 * Runs heavy work with a heartbeat every few seconds and at each step, so a dead worker is
 * noticed within the heartbeat timeout; bad data and missing objects fail without retrying.
 */
async function heartbeating<T>(run: (progress: (step: string) => void) => Promise<T>): Promise<T> {
  const context = Context.current();
  let last = 'starting';
  const progress = (step: string) => {
    last = step;
    context.heartbeat({ step });
  };
  const timer = setInterval(() => context.heartbeat({ step: last }), HEARTBEAT_EVERY_MS);
  try {
    return await run(progress);
  } catch (error) {
    if (error instanceof TrainingDataError) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
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

/** The CPU-heavy activities of the training task queue. */
export function createTrainingActivities({ store, threads, onCandidateTrained }: TrainingDeps) {
  return {
    async trainCandidate(input: CandidateInput): Promise<CandidateResult> {
      const started = performance.now();
      const result = await heartbeating((progress) =>
        trainCandidate(store, input, progress, threads),
      );
      onCandidateTrained?.(input.family, (performance.now() - started) / 1000);
      return result;
    },

    async refitModel(input: RefitInput): Promise<RefitResult> {
      return heartbeating((progress) => refitModel(store, input, progress));
    },

    async evaluateOnGold(input: {
      modelVersion: string;
      datasetVersion: string;
    }): Promise<GoldEvaluation> {
      return heartbeating(() => evaluateOnGold(store, input));
    },

    async exportModel(input: {
      modelVersion: string;
      gold: GoldEvaluation;
      createdAt: string;
    }): Promise<ExportedArtifacts> {
      return heartbeating(() => exportModel(store, input));
    },
  };
}

export type TrainingActivities = ReturnType<typeof createTrainingActivities>;
