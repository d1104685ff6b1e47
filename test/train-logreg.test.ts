import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LinearParams } from '../models/params';
import { createRng } from '../models/random';
import { argmaxRows, logitsOf, probabilitiesOf } from '../models/score';
import type { CsrMatrix } from '../models/sparse';
import { trainLogReg } from '../models/train/logreg';
import type { TrainingSet } from '../models/train/trainer';
import { toyProblem } from './helpers/toy-problem';

function fit(data: TrainingSet, C: number, seed = 1): LinearParams {
  const params = trainLogReg(data, { C }, { seed });
  assert.equal(params.kind, 'linear');
  return params;
}

function accuracy(params: LinearParams, data: TrainingSet): number {
  const predicted = argmaxRows(probabilitiesOf(params, 1, data.x), data.nClasses);
  return predicted.filter((p, i) => p === data.y[i]).length / predicted.length;
}

/** Mean cross-entropy of the training rows: the data term of the objective. */
function meanCrossEntropy(params: LinearParams, data: TrainingSet): number {
  const p = probabilitiesOf(params, 1, data.x);
  let sum = 0;
  for (let i = 0; i < data.x.nRows; i++) sum -= Math.log(p[i * data.nClasses + data.y[i]!]!);
  return sum / data.x.nRows;
}

/**
 * Three classes seen 70%, 20% and 10% of the time. Half the rows carry a marker of their class;
 * the other half only shared noise, so for those the best guess is the prior.
 */
function imbalancedProblem(rows: number, seed: number): TrainingSet {
  const rng = createRng(seed);
  const noise = 10;
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < rows; r++) {
    const u = rng.next();
    const c = u < 0.7 ? 0 : u < 0.9 ? 1 : 2;
    const row = new Map<number, number>();
    if (rng.next() < 0.5) row.set(noise + c, 1);
    for (let k = 0; k < 2; k++) row.set(rng.int(noise), 0.5 + rng.next());
    const sorted = [...row.entries()].sort((a, b) => a[0] - b[0]);
    const norm = Math.hypot(...sorted.map(([, v]) => v));
    for (const [f, v] of sorted) {
      indices.push(f);
      values.push(v / norm);
    }
    indptr.push(indices.length);
    y.push(c);
  }
  const x: CsrMatrix = {
    nRows: rows,
    nCols: noise + 3,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
  return { x, y: Int32Array.from(y), nClasses: 3 };
}

describe('multinomial logistic regression', () => {
  const toy = toyProblem({ rows: 300, classes: 4, seed: 3 }).train;
  const heldOut = toyProblem({ rows: 200, classes: 4, seed: 4 }).train;

  it('learns a separable toy problem', () => {
    const params = fit(toy, 10);
    assert.equal(accuracy(params, toy), 1);
    const heldOutAccuracy = accuracy(params, heldOut);
    assert.ok(heldOutAccuracy > 0.95, `held-out accuracy ${heldOutAccuracy}`);
  });

  it('returns linear parameters of the data shape, as float32', () => {
    const params = fit(toy, 1);
    assert.equal(params.nFeatures, toy.x.nCols);
    assert.equal(params.nClasses, 4);
    assert.ok(params.weights instanceof Float32Array);
    assert.ok(params.bias instanceof Float32Array);
    assert.equal(params.weights.length, toy.x.nCols * 4);
    assert.equal(params.bias.length, 4);
    assert.ok(params.weights.every(Number.isFinite) && params.bias.every(Number.isFinite));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = fit(toy, 10, 7);
    const b = fit(toy, 10, 7);
    const c = fit(toy, 10, 8);
    assert.deepEqual(Buffer.from(a.weights.buffer), Buffer.from(b.weights.buffer));
    assert.deepEqual(Buffer.from(a.bias.buffer), Buffer.from(b.bias.buffer));
    assert.notDeepEqual(Buffer.from(a.weights.buffer), Buffer.from(c.weights.buffer));
  });

  it('fits the training rows more closely as C grows (weaker regularisation)', () => {
    const losses = [0.1, 1, 10, 100].map((C) => meanCrossEntropy(fit(toy, C), toy));
    for (let k = 1; k < losses.length; k++)
      assert.ok(losses[k]! < losses[k - 1]!, `training losses ${losses.join(', ')}`);
  });

  it('learns the class priors in the intercept', () => {
    const data = imbalancedProblem(600, 5);
    const params = fit(data, 10);
    assert.ok(
      params.bias[0]! > params.bias[1]! && params.bias[1]! > params.bias[2]!,
      `bias ${Array.from(params.bias).join(', ')}`,
    );
    // A row with no features is scored by the intercept alone: the majority class.
    const empty: CsrMatrix = {
      nRows: 1,
      nCols: data.x.nCols,
      indptr: new Int32Array(2),
      indices: new Int32Array(0),
      values: new Float32Array(0),
    };
    const prior = probabilitiesOf(params, 1, empty);
    assert.ok(prior[0]! > 0.5, `p(majority | no features) = ${prior[0]}`);
    // Rows that carry their class marker are all recognised, the rare classes included.
    const logits = logitsOf(params, data.x);
    const predicted = argmaxRows(logits, 3);
    for (let i = 0; i < data.x.nRows; i++) {
      const marked = data.x.indices
        .subarray(data.x.indptr[i], data.x.indptr[i + 1])
        .some((f) => f >= 10);
      if (marked) assert.equal(predicted[i], data.y[i], `row ${i}`);
    }
  });

  it('reports progress once per epoch, ending at 1', () => {
    const fractions: number[] = [];
    trainLogReg(toy, { C: 10, epochs: 5 }, { seed: 1, onProgress: (f) => fractions.push(f) });
    assert.ok(fractions.length >= 1 && fractions.length <= 5, `${fractions.length} calls`);
    for (let k = 1; k < fractions.length; k++) assert.ok(fractions[k]! > fractions[k - 1]!);
    assert.equal(fractions.at(-1), 1);
  });
});
