import { readSnapshot } from '../datasets/read-snapshot';
import { CATEGORY_CODES } from '../../models/categories';
import { Classifier } from '../../models/classifier';
import { computeMetrics, reliabilityBins } from '../../models/metrics';
import type { Metrics, ReliabilityBin } from '../../models/metrics';
import type { ObjectStore } from '../../core/storage/object-store';
import { readModelArtifacts } from './model-files';
import { classIndex } from './training-set';

export interface GoldEvaluation {
  modelVersion: string;
  datasetVersion: string;
  n: number;
  weightedF1: number;
  metrics: Metrics;
  reliability: ReliabilityBin[];
}

/**
 * Scores a model version on a dataset's gold holdout through the serving path itself (the
 * shared featurizer, then onnxruntime on the exported graph), so the figure that decides a
 * promotion is the one users will get.
 */
export async function evaluateOnGold(
  store: ObjectStore,
  input: { modelVersion: string; datasetVersion: string },
): Promise<GoldEvaluation> {
  const gold = (await readSnapshot(store, input.datasetVersion)).filter((r) => r.gold);
  const classifier = await Classifier.load(await readModelArtifacts(store, input.modelVersion));
  try {
    const C = CATEGORY_CODES.length;
    // The model's own class order, mapped onto the registry's.
    const column = classifier.card.codes.map((code) => classIndex.get(code)!);
    const probabilities = new Float64Array(gold.length * C);
    const predicted = new Int32Array(gold.length);
    const truth = Int32Array.from(gold, (r) => classIndex.get(r.prdtypecode)!);
    for (let i = 0; i < gold.length; i++) {
      const row = classifier.features(gold[i]!.designation, gold[i]!.description);
      const score = await classifier.scoreFeatures(row.indices, row.values);
      score.probabilities.forEach((p, j) => (probabilities[i * C + column[j]!] = p));
      predicted[i] = classIndex.get(score.label)!;
    }
    const metrics = computeMetrics(truth, predicted, CATEGORY_CODES, probabilities);
    return {
      modelVersion: input.modelVersion,
      datasetVersion: input.datasetVersion,
      n: gold.length,
      weightedF1: metrics.weightedF1,
      metrics,
      reliability: reliabilityBins(probabilities, truth, C),
    };
  } finally {
    await classifier.release();
  }
}
