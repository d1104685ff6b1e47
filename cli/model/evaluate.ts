import { readArtifacts } from '../../models/artifacts';
import { Classifier } from '../../models/classifier';
import { computeMetrics } from '../../models/metrics';
import { createProgress } from '../progress';
import type { DataOptions } from './read-data';
import { readData } from './read-data';

/** Scores the model folder's own artifacts (featurizer + ONNX) on labelled rows. */
export async function runEval(options: DataOptions & { model: string }): Promise<void> {
  const classifier = await Classifier.load(readArtifacts(options.model));
  const rows = readData(options);
  const codes = classifier.card.codes;
  const classOf = new Map(codes.map((code, i) => [code, i]));
  const C = codes.length;
  const truth = new Int32Array(rows.length);
  const predicted = new Int32Array(rows.length);
  const probabilities = new Float64Array(rows.length * C);
  const progress = createProgress();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const features = classifier.features(row.designation, row.description);
    const scored = await classifier.scoreFeatures(features.indices, features.values);
    truth[i] = classOf.get(row.prdtypecode)!;
    predicted[i] = classOf.get(scored.label)!;
    probabilities.set(scored.probabilities, i * C);
    if (i % 200 === 0) progress.update(i / rows.length, 'scoring');
  }
  progress.stop();
  await classifier.release();
  const m = computeMetrics(truth, predicted, codes, probabilities);
  for (const c of m.perClass) {
    process.stdout.write(
      `${String(c.code).padStart(5)}  precision ${c.precision.toFixed(3)}  recall ${c.recall.toFixed(3)}  f1 ${c.f1.toFixed(3)}  support ${c.support}\n`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({ weighted_f1: m.weightedF1, macro_f1: m.macroF1, accuracy: m.accuracy, ece: m.ece, n: m.n })}\n`,
  );
}
