import { CATEGORY_CODES } from '../../models/categories';
import { Classifier } from '../../models/classifier';
import { computeMetrics, reliabilityBins } from '../../models/metrics';
import { decodeSnapshotBytes } from '../datasets/read-snapshot';
import type { GoldEvaluation } from './evaluate';
import type { ThreadTask } from './thread-protocol';
import { classIndex } from './training-set';

/**
 * In a training thread: scores a model version on a dataset's gold holdout through the serving
 * path itself (the shared featurizer, then onnxruntime on the exported graph), so the figure
 * that decides a promotion is the one users will get.
 */
export async function scoreGold(
  { snapshot, input, model }: Extract<ThreadTask, { kind: 'evaluate' }>,
  progress: (step: string) => void,
): Promise<GoldEvaluation> {
  const gold = (await decodeSnapshotBytes(snapshot)).filter((r) => r.gold);
  const classifier = await Classifier.load(model);
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
      if ((i + 1) % 1_000 === 0) progress(`scoring gold ${i + 1}`);
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
