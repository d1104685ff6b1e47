/** What trainModel registers for a candidate version: pure, the record of how it was made. */
import type { RegistryActivities } from '../activities/registry/activities';
import type { CandidateResult } from '../activities/training/candidate';
import type { GoldEvaluation } from '../activities/training/evaluate';
import type { ExportedArtifacts } from '../activities/training/export';
import type { RefitResult } from '../activities/training/refit';
import type { TrainingPlan } from './training-plan';

export type Registration = Parameters<RegistryActivities['registerCandidate']>[0];

export interface TrainedVersion {
  modelVersion: string;
  plan: TrainingPlan;
  candidates: CandidateResult[];
  refit: RefitResult;
  gold: GoldEvaluation;
  exported: ExportedArtifacts;
  /** Seconds per step so far. */
  seconds: Record<string, number>;
}

export function registration({
  modelVersion,
  plan: { spec, families, actor },
  candidates,
  refit,
  gold,
  exported,
  seconds,
}: TrainedVersion): Registration {
  return {
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
  };
}
