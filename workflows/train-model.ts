import {
  ApplicationFailure,
  log,
  patched,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RegistryActivities } from '../activities/registry/activities';
import type { TrainingActivities } from '../activities/training/activities';
import type { CandidateResult } from '../activities/training/candidate';
import { TRAINING_TASK_QUEUE } from '../core/contracts/task-queues';
import { trainModelInputSchema } from '../core/contracts/train-model';
import type { TrainModelInput, TrainModelResult } from '../core/contracts/train-model';
import { registration } from './candidate-registration';
import { gateDecision, gateRecord, needsRescore, replacesRetired } from './gate';
import type { GateDecision, GateRecord } from './gate';
import { parseInput } from './parse-input';
import { stopwatch } from './stopwatch';
import { planProblem, trainingPlan } from './training-plan';
import type { TrainingPlan } from './training-plan';

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

type Training = ReturnType<typeof trainingActivities>;

/**
 * Runs begun before this patch asked `championStatus` and compared every champion; runs from it
 * on ask `gateChampion`, which also tells what retired data either side was trained on.
 */
const RETIRED_DATA_GATE_PATCH = 'retired-data-gate';

/**
 * A training activity heartbeats every 5 s whatever the data size (its CPU work runs on worker
 * threads), so 30 s of silence means its worker is gone: the step is retried elsewhere then,
 * rather than after two minutes.
 */
const DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 30;

/**
 * Trains, evaluates, registers and (if it passes the gate) promotes one model version from one
 * dataset snapshot. Its ID derives from the snapshot (see trainingWorkflowId), so running it
 * again for the same data is the same run.
 */
export async function trainModel(given: TrainModelInput): Promise<TrainModelResult> {
  const input = parseInput(trainModelInputSchema, given);
  const plan = trainingPlan(input);
  // Runs that began before inputs were parsed were checked this way; parsed input passes it.
  const problem = planProblem(plan);
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'BadInput');
  const { spec, families, gate } = plan;
  const training = trainingActivities(
    input.trainingTaskQueue ?? TRAINING_TASK_QUEUE,
    input.heartbeatTimeoutSeconds ?? DEFAULT_HEARTBEAT_TIMEOUT_SECONDS,
  );
  const info = workflowInfo();
  const { seconds, timed } = stopwatch();

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
    // 3. One activity per family, in parallel.
    const candidates = await timed('candidates', () =>
      trainCandidates(training, plan, modelVersion),
    );
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
    await registry.registerCandidate(
      registration({ modelVersion, plan, candidates, refit, gold, exported, seconds }),
    );
    // 8. The gate: the champion re-scored on this very gold holdout, unless it is trained on
    // retired data and this candidate is not (then it is replaced, not compared).
    const { champion, candidateRetiredSources } = await gateChampion(dataset.version);
    const candidate = {
      version: modelVersion,
      goldWeightedF1: gold.weightedF1,
      retiredSources: candidateRetiredSources,
    };
    let championF1: number | null = champion?.version === modelVersion ? gold.weightedF1 : null;
    if (needsRescore(champion, modelVersion) && !replacesRetired(champion, candidate)) {
      championF1 = await timed('rescoreChampion', () =>
        goldF1(training, champion.version, dataset.version),
      );
    }
    const decision = gateDecision({
      candidate,
      champion: champion && {
        version: champion.version,
        rescoredF1: championF1,
        retiredSources: champion.retiredSources,
      },
      gate,
    });
    // 9. Promote, or keep it a candidate with the reason.
    const championBefore = champion?.version ?? null;
    const record = gateRecord(decision, gold.weightedF1, championBefore, gate);
    const championAfter = await settle(
      { modelVersion, actor: plan.actor, reason: input.reason, workflowId: info.workflowId },
      { decision, record, championBefore },
    );
    return {
      modelVersion,
      datasetVersion: dataset.version,
      family: refit.family,
      goldWeightedF1: gold.weightedF1,
      promoted: decision.promote,
      reason: decision.reason,
      championBefore,
      championAfter,
      trainRows: refit.trainRows,
      seconds,
    };
  } catch (error) {
    await registry.markModelFailed(modelVersion);
    throw error;
  }
}

/** A family that fails does not sink the others; only all of them failing does. */
async function trainCandidates(
  training: Training,
  { spec, families }: TrainingPlan,
  modelVersion: string,
): Promise<CandidateResult[]> {
  const settled = await Promise.allSettled(
    families.map((family) => training.trainCandidate({ ...spec, modelVersion, family })),
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
  return candidates;
}

/**
 * The champion for the gate. Runs begun before the patch asked `championStatus`, which knew
 * nothing of retired sources: they replay as they ran.
 */
async function gateChampion(candidateDatasetVersion: string) {
  if (patched(RETIRED_DATA_GATE_PATCH)) return registry.gateChampion({ candidateDatasetVersion });
  const champion = await registry.championStatus();
  return {
    champion: champion && { ...champion, retiredSources: [] as string[] },
    candidateRetiredSources: [] as string[],
  };
}

async function goldF1(training: Training, modelVersion: string, datasetVersion: string) {
  return (await training.evaluateOnGold({ modelVersion, datasetVersion })).weightedF1;
}

/** Promotes the version, or keeps it a candidate with the reason; returns the champion after. */
async function settle(
  run: { modelVersion: string; actor: string; reason: string | undefined; workflowId: string },
  gate: { decision: GateDecision; record: GateRecord; championBefore: string | null },
): Promise<string | null> {
  const { decision, record, championBefore } = gate;
  if (decision.promote) {
    const change = await registry.promoteCandidate({
      version: run.modelVersion,
      actor: run.actor,
      // The gate's reason follows whatever reason the run was asked for with.
      reason: run.reason ? `${run.reason}; ${decision.reason}` : decision.reason,
      details: { gate: record, workflowId: run.workflowId },
    });
    return change.version;
  }
  await registry.rejectCandidate({
    version: run.modelVersion,
    actor: run.actor,
    reason: decision.reason,
    champion: championBefore,
    gate: record,
  });
  return championBefore;
}
