import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argmaxRows, logitsOf } from '../models/score';
import { trainComplementNb } from '../models/train/complement-nb';
import { logCountRatio, trainSvm } from '../models/train/svm';
import { toyProblem } from './helpers/toy-problem';

describe('linear SVM and Complement Naive Bayes', () => {
  const toy = toyProblem({ rows: 300, classes: 4, seed: 3 });
  const heldOut = toyProblem({ rows: 200, classes: 4, seed: 4 });

  for (const [name, train] of [
    ['svm', () => trainSvm(toy.train, { C: 1 }, { seed: 1 })],
    [
      'svm with log-count ratios',
      () => trainSvm(toy.train, { C: 1, logCountRatio: true }, { seed: 1 }),
    ],
    ['cnb', () => trainComplementNb(toy.train, { alpha: 0.3 }, { seed: 1 })],
  ] as const) {
    it(`${name} learns a separable toy problem`, () => {
      const params = train();
      assert.equal(params.kind, 'linear');
      const fitted = argmaxRows(logitsOf(params, toy.train.x), 4);
      assert.deepEqual(Array.from(fitted), Array.from(toy.train.y));
      const predicted = argmaxRows(logitsOf(params, heldOut.train.x), 4);
      const accuracy =
        predicted.filter((p, i) => p === heldOut.train.y[i]).length / predicted.length;
      assert.ok(accuracy > 0.95, `held-out accuracy ${accuracy}`);
    });
  }

  it('svm is deterministic for a seed', () => {
    const a = trainSvm(toy.train, { C: 0.5 }, { seed: 7 });
    const b = trainSvm(toy.train, { C: 0.5 }, { seed: 7 });
    assert.deepEqual(
      Buffer.from((a as { weights: Float32Array }).weights.buffer),
      Buffer.from((b as { weights: Float32Array }).weights.buffer),
    );
  });

  it('svm reaches the optimum: margins of support vectors are about 1 for a tight tolerance', () => {
    const params = trainSvm(toy.train, { C: 10, tolerance: 1e-4 }, { seed: 1 });
    const logits = logitsOf(params, toy.train.x);
    let minMargin = Infinity;
    for (let i = 0; i < toy.train.x.nRows; i++)
      minMargin = Math.min(minMargin, logits[i * 4 + toy.train.y[i]!]!);
    assert.ok(minMargin > 0.5, `min own-class margin ${minMargin}`);
  });

  it('svm with log-count ratios solves the same problem as a plain svm on the scaled rows', () => {
    // Two classes, so class 1's ratios scale the whole matrix and a plain svm can be fitted on it.
    const binary = { ...toy.train, y: toy.train.y.map((c) => (c === 0 ? 1 : 0)), nClasses: 2 };
    const ratio = logCountRatio(binary.x, binary.y, 1, new Float64Array(binary.x.nCols));
    const scaledX = {
      ...binary.x,
      values: binary.x.values.map((v, k) => v * ratio[binary.x.indices[k]!]!),
    };
    const nb = trainSvm(binary, { C: 1, logCountRatio: true, tolerance: 1e-6 }, { seed: 1 });
    const plain = trainSvm({ ...binary, x: scaledX }, { C: 1, tolerance: 1e-6 }, { seed: 1 });
    assert.equal(nb.kind, 'linear');
    assert.equal(plain.kind, 'linear');
    if (nb.kind !== 'linear' || plain.kind !== 'linear') return;
    for (let f = 0; f < binary.x.nCols; f++) {
      const expected = plain.weights[f * 2 + 1]! * ratio[f]!;
      assert.ok(
        Math.abs(nb.weights[f * 2 + 1]! - expected) < 1e-3,
        `feature ${f}: ${nb.weights[f * 2 + 1]} vs ${expected}`,
      );
    }
    assert.ok(Math.abs(nb.bias[1]! - plain.bias[1]!) < 1e-3);
  });
});
