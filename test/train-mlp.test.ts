import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MlpParams } from '../models/params';
import { argmaxRows, probabilitiesOf } from '../models/score';
import type { CsrMatrix } from '../models/sparse';
import { trainMlp } from '../models/train/mlp';
import type { MlpHyper } from '../models/train/mlp';
import type { TrainingSet } from '../models/train/trainer';
import { toyProblem } from './helpers/toy-problem';

const HYPER: MlpHyper = {
  embeddingDim: 16,
  hiddenDim: 12,
  epochs: 15,
  learningRate: 0.01,
  batchSize: 16,
};

function fit(data: TrainingSet, hyper: Partial<MlpHyper> = {}, seed = 1): MlpParams {
  const params = trainMlp(data, { ...HYPER, ...hyper }, { seed });
  assert.equal(params.kind, 'mlp');
  return params;
}

function accuracy(params: MlpParams, data: TrainingSet): number {
  const predicted = argmaxRows(probabilitiesOf(params, 1, data.x), data.nClasses);
  return predicted.filter((p, i) => p === data.y[i]).length / predicted.length;
}

const arrays = (p: MlpParams) => [
  p.embedding,
  p.hiddenWeights,
  p.hiddenBias,
  p.outputWeights,
  p.outputBias,
];

const sumOfSquares = (a: Float32Array) => a.reduce((s, v) => s + v * v, 0);

describe('embedding-bag MLP', () => {
  const toy = toyProblem({ rows: 300, classes: 4, seed: 3 }).train;
  const heldOut = toyProblem({ rows: 200, classes: 4, seed: 4 }).train;

  it('learns a separable toy problem', () => {
    const params = fit(toy);
    assert.equal(accuracy(params, toy), 1);
    const heldOutAccuracy = accuracy(params, heldOut);
    assert.ok(heldOutAccuracy > 0.95, `held-out accuracy ${heldOutAccuracy}`);
  });

  it('learns it with dropout and weight decay too', () => {
    const params = fit(toy, { dropout: 0.3, weightDecay: 0.01 });
    assert.equal(accuracy(params, toy), 1);
    assert.ok(accuracy(params, heldOut) > 0.95);
  });

  it('returns MLP parameters of the requested shape, as float32', () => {
    const params = fit(toy, { epochs: 1 });
    const F = toy.x.nCols;
    assert.equal(params.nFeatures, F);
    assert.equal(params.nClasses, 4);
    assert.equal(params.embeddingDim, 16);
    assert.equal(params.hiddenDim, 12);
    assert.deepEqual(
      arrays(params).map((a) => a.length),
      [F * 16, 16 * 12, 12, 12 * 4, 4],
    );
    for (const a of arrays(params)) {
      assert.ok(a instanceof Float32Array);
      assert.ok(a.every(Number.isFinite));
    }
  });

  it('is deterministic for a seed, dropout included, and differs across seeds', () => {
    const a = fit(toy, { dropout: 0.2 }, 7);
    const b = fit(toy, { dropout: 0.2 }, 7);
    const c = fit(toy, { dropout: 0.2 }, 8);
    const bytes = (p: MlpParams) => arrays(p).map((x) => Buffer.from(x.buffer));
    assert.deepEqual(bytes(a), bytes(b));
    assert.notDeepEqual(bytes(a)[0], bytes(c)[0]);
  });

  it('shrinks its weights under weight decay', () => {
    const plain = fit(toy);
    const decayed = fit(toy, { weightDecay: 0.5 });
    for (const pick of [(p: MlpParams) => p.embedding, (p: MlpParams) => p.hiddenWeights])
      assert.ok(sumOfSquares(pick(decayed)) < sumOfSquares(pick(plain)));
  });

  it('leaves the embedding of a term no training row holds at zero', () => {
    // The toy problem's features plus five more that no row uses.
    const x: CsrMatrix = { ...toy.x, nCols: toy.x.nCols + 5 };
    const params = fit({ ...toy, x }, { epochs: 2 });
    const D = params.embeddingDim;
    const unused = params.embedding.subarray(toy.x.nCols * D);
    assert.equal(unused.length, 5 * D);
    assert.ok(unused.every((v) => v === 0));
  });

  it('reports progress once per epoch, ending at 1', () => {
    const fractions: number[] = [];
    trainMlp(toy, { ...HYPER, epochs: 4 }, { seed: 1, onProgress: (f) => fractions.push(f) });
    assert.deepEqual(fractions, [0.25, 0.5, 0.75, 1]);
  });
});
