import {
  ApplicationFailure,
  log,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RegistryActivities } from '../activities/registry/activities';
import type { TrainingActivities } from '../activities/training/activities';
import type { CandidateResult } from '../activities/training/candidate';
import { TRAINING_TASK_QUEUE } from '../core/contracts/task-queues';
import { ALL_FAMILIES, DEFAULT_GATE, DEFAULT_TRAINING } from '../core/contracts/train-model';
import type { TrainModelInput, TrainModelResult } from '../core/contracts/train-model';

const registry = proxyActivities<RegistryActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 10 },
});

function trainingActivities(taskQueue: string, heartbeatSeconds: number) {
  return proxyActivities<TrainingActivities>({
    taskQueue,
    // Training is minutes, not hours, at this data size; a stuck one is retried.
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: `${heartbeatSeconds} seconds`,
    retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
  });
}

/**
 * Trains, evaluates, registers and (if it passes the gate) promotes one model version from one
 * dataset snapshot. Its ID derives from the snapshot (see trainingWorkflowId), so running it
 * again for the same data is the same run.
 */
export async function trainModel(input: TrainModelInput): Promise<TrainModelResult> {
  const spec = {
    datasetVersion: input.datasetVersion,
    folds: input.folds ?? DEFAULT_TRAINING.folds,
    seed: input.seed ?? DEFAULT_TRAINING.seed,
    trainFraction: input.trainFraction ?? DEFAULT_TRAINING.trainFraction,
  };
  const families = input.families ?? [...ALL_FAMILIES];
  const gate = { ...DEFAULT_GATE, ...input.gate };
  const actor = input.requestedBy ?? 'workflow';
  if (families.length === 0) {
    throw ApplicationFailure.nonRetryable(
      'families must name at least one model family',
      'BadInput',
    );
  }
  if (!(spec.trainFraction > 0 && spec.trainFraction <= 1)) {
    throw ApplicationFailure.nonRetryable(
      `trainFraction must be in (0, 1], not ${spec.trainFraction}`,
      'BadInput',
    );
  }
  const training = trainingActivities(
    input.trainingTaskQueue ?? TRAINING_TASK_QUEUE,
    input.heartbeatTimeoutSeconds ?? 120,
  );
  const info = workflowInfo();
  const clock = () => Date.now();
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = clock();
    const result = await run();
    seconds[name] = (clock() - started) / 1000;
    return result;
  };

  // 1. The snapshot, made by whoever started this run (its version is this run's ID).
  const dataset = await timed('snapshot', () => registry.describeDataset(spec.datasetVersion));
  upsertSearchAttributes({ DatasetVersion: [dataset.version] });
  const modelVersion = await registry.claimModelVersion({
    workflowId: info.workflowId,
    datasetVersion: dataset.version,
    seed: spec.seed,
    startedAt: new Date(info.startTime).toISOString(),
  });
  upsertSearchAttributes({ DatasetVersion: [dataset.version], ModelVersion: [modelVersion] });
  log.info('training', { modelVersion, datasetVersion: dataset.version, families });

  try {
    // 3. One activity per family, in parallel; a family that fails does not sink the others.
    const settled = await timed('candidates', () =>
      Promise.allSettled(
        families.map((family) => training.trainCandidate({ ...spec, modelVersion, family })),
      ),
    );
    const candidates = settled
      .filter((s): s is PromiseFulfilledResult<CandidateResult> => s.status === 'fulfilled')
      .map((s) => s.value);
    if (candidates.length === 0) {
      const reasons = settled.map((s) => (s.status === 'rejected' ? String(s.reason) : ''));
      throw ApplicationFailure.nonRetryable(
        `every candidate failed: ${reasons.join('; ')}`,
        'NoCandidate',
      );
    }
    // 4-6. Pick and refit, score on the gold holdout, export the files and the report.
    const refit = await timed('refit', () =>
      training.refitModel({ ...spec, modelVersion, candidates }),
    );
    const gold = await timed('evaluate', () =>
      training.evaluateOnGold({ modelVersion, datasetVersion: dataset.version }),
    );
    const exported = await timed('export', () =>
      training.exportModel({
        modelVersion,
        gold,
        createdAt: new Date(info.startTime).toISOString(),
      }),
    );
    // 7. Register.
    await registry.registerCandidate({
      version: modelVersion,
      family: refit.family,
      parameters: { hyper: refit.hyper, temperature: refit.temperature, families, ...spec },
      metrics: {
        gold: {
          n: gold.n,
          weightedF1: gold.metrics.weightedF1,
          macroF1: gold.metrics.macroF1,
          accuracy: gold.metrics.accuracy,
          ece: gold.metrics.ece,
        },
        cv: refit.cv,
        candidates: candidates.map((c) => ({
          family: c.family,
          cvWeightedF1: c.best.cvWeightedF1,
          hyper: c.best.hyper,
          seconds: c.seconds,
        })),
      },
      goldWeightedF1: gold.weightedF1,
      durations: seconds,
      artifacts: exported.keys,
      artifactSha256: exported.sha256,
      actor,
    });
    // 8. The gate: the champion re-scored on this very gold holdout.
    const champion = await registry.championStatus();
    let decision: { promote: boolean; reason: string; championF1: number | null };
    if (!champion) {
      decision = {
        promote: true,
        reason: 'first model: there is no champion yet',
        championF1: null,
      };
    } else if (champion.version === modelVersion) {
      decision = { promote: true, reason: 'already the champion', championF1: gold.weightedF1 };
    } else {
      const rescored = await timed('rescoreChampion', () =>
        training.evaluateOnGold({
          modelVersion: champion.version,
          datasetVersion: dataset.version,
        }),
      );
      const delta = gold.weightedF1 - rescored.weightedF1;
      const f = (x: number) => x.toFixed(4);
      if (gold.weightedF1 < gate.floor) {
        decision = {
          promote: false,
          reason: `gold weighted F1 ${f(gold.weightedF1)} is below the floor ${gate.floor}`,
          championF1: rescored.weightedF1,
        };
      } else if (delta < gate.minDelta) {
        decision = {
          promote: false,
          reason: `gold weighted F1 ${f(gold.weightedF1)} does not beat champion ${champion.version} (${f(rescored.weightedF1)}) by ${gate.minDelta}`,
          championF1: rescored.weightedF1,
        };
      } else {
        decision = {
          promote: true,
          reason: `gold weighted F1 ${f(gold.weightedF1)} beats champion ${champion.version} (${f(rescored.weightedF1)}) by ${f(delta)}`,
          championF1: rescored.weightedF1,
        };
      }
    }
    const gateRecord = {
      promoted: decision.promote,
      reason: decision.reason,
      candidateF1: gold.weightedF1,
      championF1: decision.championF1,
      champion: champion?.version ?? null,
      ...gate,
    };
    // 9. Promote, or keep it a candidate with the reason.
    let championAfter = champion?.version ?? null;
    if (decision.promote) {
      const change = await registry.promoteCandidate({
        version: modelVersion,
        actor,
        reason: input.reason ? `${input.reason}; ${decision.reason}` : decision.reason,
        details: { gate: gateRecord, workflowId: info.workflowId },
      });
      championAfter = change.version;
    } else {
      await registry.rejectCandidate({
        version: modelVersion,
        actor,
        reason: decision.reason,
        champion: champion?.version ?? null,
        gate: gateRecord,
      });
    }
    return {
      modelVersion,
      datasetVersion: dataset.version,
      family: refit.family,
      goldWeightedF1: gold.weightedF1,
      promoted: decision.promote,
      reason: decision.reason,
      championBefore: champion?.version ?? null,
      championAfter,
      trainRows: refit.trainRows,
      seconds,
    };
  } catch (error) {
    await registry.markModelFailed(modelVersion);
    throw error;
  }
}
