import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeMetrics, expectedCalibrationError } from '../models/metrics';
import { fitTemperature, meanNll } from '../models/train/calibration';
import { splitFold, stratifiedFolds, stratifiedSplit } from '../models/train/folds';
import { createRng } from '../models/random';

describe('metrics, folds and calibration', () => {
  it('computes weighted and macro F1 as scikit-learn does', () => {
    // y_true = [0,0,0,1,1,2], y_pred = [0,0,1,1,2,2]:
    // class 0: p=1, r=2/3, f1=0.8; class 1: p=.5, r=.5, f1=.5; class 2: p=.5, r=1, f1=2/3.
    const m = computeMetrics([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], [10, 20, 30]);
    assert.ok(Math.abs(m.weightedF1 - (0.8 * 3 + 0.5 * 2 + (2 / 3) * 1) / 6) < 1e-12);
    assert.ok(Math.abs(m.macroF1 - (0.8 + 0.5 + 2 / 3) / 3) < 1e-12);
    assert.ok(Math.abs(m.accuracy - 4 / 6) < 1e-12);
    assert.deepEqual(m.confusion, [
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    assert.equal(m.perClass[0]!.code, 10);
    assert.equal(m.perClass[2]!.support, 1);
  });

  it('measures expected calibration error', () => {
    // Always 90% sure and always right: ECE = 0.1.
    const probs = Float64Array.from([0.9, 0.1, 0.9, 0.1, 0.1, 0.9]);
    assert.ok(Math.abs(expectedCalibrationError(probs, [0, 0, 1], 2) - 0.1) < 1e-12);
  });

  it('makes seeded stratified folds: same seed same folds, every class in every fold', () => {
    const labels = Int32Array.from({ length: 300 }, (_, i) => (i < 200 ? 0 : i < 270 ? 1 : 2));
    const a = stratifiedFolds(labels, 3, 11);
    assert.deepEqual(a, stratifiedFolds(labels, 3, 11));
    assert.notDeepEqual(a, stratifiedFolds(labels, 3, 12));
    for (let f = 0; f < 3; f++) {
      const { test, train } = splitFold(a, f);
      assert.equal(test.length + train.length, 300);
      const counts = [0, 0, 0];
      for (const i of test) counts[labels[i]!]!++;
      assert.ok(
        Math.abs(counts[0]! - 200 / 3) <= 1 &&
          Math.abs(counts[1]! - 70 / 3) <= 1 &&
          counts[2]! === 10,
        counts.join(','),
      );
    }
    const split = stratifiedSplit(labels, 0.2, 5);
    assert.equal(split.test.length, 60);
    assert.deepEqual(split, stratifiedSplit(labels, 0.2, 5));
  });

  it('fits the temperature that minimises the held-out NLL', () => {
    // Over-confident logits: the true class wins 70% of the time but with huge margins.
    const rng = createRng(1);
    const n = 500;
    const C = 3;
    const logits = new Float64Array(n * C);
    const truth = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      truth[i] = rng.int(C);
      const top = rng.next() < 0.7 ? truth[i]! : (truth[i]! + 1) % C;
      logits[i * C + top] = 20;
    }
    const t = fitTemperature(logits, truth, C);
    assert.ok(t > 5, `temperature ${t}`);
    assert.ok(meanNll(logits, truth, C, t) < meanNll(logits, truth, C, 1));
    assert.ok(meanNll(logits, truth, C, t) <= meanNll(logits, truth, C, t * 1.1) + 1e-9);
    assert.ok(meanNll(logits, truth, C, t) <= meanNll(logits, truth, C, t / 1.1) + 1e-9);
  });
});
