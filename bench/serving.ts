/**
 * One-product inference latency, featurise + onnxruntime, as the API will run it: a model
 * trained on the real sample, then every real title scored one at a time.
 *   node --import tsx bench/serving.ts
 */
import { buildArtifacts } from '../models/artifacts';
import { buildCard } from '../models/card';
import { Classifier } from '../models/classifier';
import { trainClassifier } from '../models/train/train-classifier';
import { loadRealRows, splitRows } from './real-data';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const { train, test } = splitRows(loadRealRows(), 42);
  const family = (process.argv[2] ?? 'svm') as 'svm';
  const trained = await trainClassifier(train, {
    families: [family],
    seed: 42,
    folds: 2,
    holdout: 0,
  });
  const classifier = await Classifier.load(
    buildArtifacts(trained, buildCard(trained, { seed: 42, folds: 2, packages: {} })),
  );
  console.log(`model: ${family}, ${trained.model.fitted.vocabulary.idf.length} features`);

  const products = [...test, ...test, ...test];
  for (const p of products.slice(0, 2000)) await classifier.predict(p.designation, p.description);
  const featurise: number[] = [];
  const total: number[] = [];
  for (const p of products) {
    const t0 = process.hrtime.bigint();
    const row = classifier.features(p.designation, p.description);
    const t1 = process.hrtime.bigint();
    await classifier.scoreFeatures(row.indices, row.values);
    const t2 = process.hrtime.bigint();
    featurise.push(Number(t1 - t0) / 1000);
    total.push(Number(t2 - t0) / 1000);
  }
  featurise.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  console.log(`${products.length} single-product predictions`);
  console.log(
    `  featurise only:         median ${percentile(featurise, 50).toFixed(1)} µs, p99 ${percentile(featurise, 99).toFixed(1)} µs`,
  );
  console.log(
    `  featurise + onnxruntime: median ${percentile(total, 50).toFixed(1)} µs, p99 ${percentile(total, 99).toFixed(1)} µs`,
  );
  await classifier.release();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
