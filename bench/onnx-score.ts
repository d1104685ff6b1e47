/**
 * Latency of one product through OnnxScorer on a linear model of production size
 * (200,000 features × 27 classes, about 21 MB of weights) and a ~300-feature row.
 *
 *   node --import tsx bench/onnx-score.ts [calls]
 *
 * Set BENCH_SESSION to a JSON object of session options to compare them, e.g.
 * BENCH_SESSION='{"graphOptimizationLevel":"disabled"}'.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { CATEGORY_CODES } from '../models/categories';
import { exportOnnx } from '../models/onnx/graph';
import { OnnxScorer } from '../models/onnx/onnx-scorer';
import { createRng } from '../models/random';

const FEATURES = 200_000;
const NNZ = 300;
const WARM_UP = 2_000;

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 20_000);
  const sessionOptions = JSON.parse(
    process.env.BENCH_SESSION ?? '{}',
  ) as InferenceSession.SessionOptions;
  const rng = createRng(42);
  const C = CATEGORY_CODES.length;
  const weights = new Float32Array(FEATURES * C);
  for (let k = 0; k < weights.length; k++) weights[k] = rng.normal() * 0.1;
  const bias = new Float32Array(C);

  let t = performance.now();
  const bytes = exportOnnx({
    params: { kind: 'linear', nFeatures: FEATURES, nClasses: C, weights, bias },
    temperature: 1.3,
    codes: CATEGORY_CODES,
  });
  const exportMs = performance.now() - t;
  t = performance.now();
  const scorer = await OnnxScorer.load(bytes, sessionOptions);
  const loadMs = performance.now() - t;

  const ids = new Set<number>();
  while (ids.size < NNZ) ids.add(rng.int(FEATURES));
  const indices = Int32Array.from([...ids].sort((a, b) => a - b));
  const values = Float32Array.from(indices, () => rng.next() / Math.sqrt(NNZ));

  for (let k = 0; k < WARM_UP; k++) await scorer.score(indices, values);
  const micros = new Float64Array(calls);
  for (let k = 0; k < calls; k++) {
    const start = process.hrtime.bigint();
    await scorer.score(indices, values);
    micros[k] = Number(process.hrtime.bigint() - start) / 1000;
  }
  micros.sort();
  const at = (q: number) => micros[Math.min(calls - 1, Math.floor(q * calls))]!.toFixed(1);
  console.log(
    `model ${(bytes.length / 1e6).toFixed(1)} MB: export ${exportMs.toFixed(0)} ms, ` +
      `load ${loadMs.toFixed(0)} ms`,
  );
  console.log(
    `OnnxScorer.score, ${NNZ} nnz, ${calls} calls: median ${at(0.5)} µs, ` +
      `p90 ${at(0.9)} µs, p99 ${at(0.99)} µs`,
  );
  await scorer.release();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
