import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CATEGORY_CODES } from '../models/categories';
import { exportOnnx, OPSET_VERSION } from '../models/onnx/graph';
import { readOnnxMetadata } from '../models/onnx/metadata';
import { ModelProtoType } from '../models/onnx/onnx-proto';
import { OnnxScorer } from '../models/onnx/onnx-scorer';
import type { LinearParams, MlpParams, ModelParams } from '../models/params';
import { createRng } from '../models/random';
import type { Rng } from '../models/random';
import { logitsInto, softmaxInPlace } from '../models/score';

const F = 5000;
const C = CATEGORY_CODES.length;
const TEMPERATURE = 1.7;
const ROWS = 1000;

function normals(rng: Rng, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = rng.normal() * scale;
  return out;
}

function randomLinear(rng: Rng): LinearParams {
  return {
    kind: 'linear',
    nFeatures: F,
    nClasses: C,
    weights: normals(rng, F * C, 1),
    bias: normals(rng, C, 0.5),
  };
}

function randomMlp(rng: Rng): MlpParams {
  const D = 32;
  const H = 48;
  return {
    kind: 'mlp',
    nFeatures: F,
    nClasses: C,
    embeddingDim: D,
    hiddenDim: H,
    embedding: normals(rng, F * D, 1),
    hiddenWeights: normals(rng, D * H, 1 / Math.sqrt(D)),
    hiddenBias: normals(rng, H, 0.1),
    outputWeights: normals(rng, H * C, 1 / Math.sqrt(H)),
    outputBias: normals(rng, C, 0.1),
  };
}

interface Row {
  indices: Int32Array;
  values: Float32Array;
}

/** A TF-IDF-like row: 5 to 80 distinct increasing ids, positive weights, unit L2 norm. */
function randomRow(rng: Rng): Row {
  const nnz = 5 + rng.int(76);
  const ids = new Set<number>();
  while (ids.size < nnz) ids.add(rng.int(F));
  const indices = Int32Array.from([...ids].sort((a, b) => a - b));
  const values = new Float32Array(nnz);
  let norm = 0;
  for (let k = 0; k < nnz; k++) {
    values[k] = 0.05 + rng.next();
    norm += values[k]! ** 2;
  }
  for (let k = 0; k < nnz; k++) values[k]! /= Math.sqrt(norm);
  return { indices, values };
}

function reference(params: ModelParams, row: Row): Float64Array {
  const out = new Float64Array(C);
  logitsInto(params, row.indices, row.values, 0, row.indices.length, out);
  softmaxInPlace(out, TEMPERATURE);
  return out;
}

function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < a.length; c++) if (a[c]! > a[best]!) best = c;
  return best;
}

function exportModel(params: ModelParams, temperature = TEMPERATURE): Uint8Array {
  return exportOnnx({ params, temperature, codes: CATEGORY_CODES, metadata: { family: 'test' } });
}

for (const kind of ['linear', 'mlp'] as const) {
  describe(`ONNX export of a ${kind} model`, () => {
    const rng = createRng(kind === 'linear' ? 17 : 29);
    const params = kind === 'linear' ? randomLinear(rng) : randomMlp(rng);
    const rows = Array.from({ length: ROWS }, () => randomRow(rng));
    let bytes: Uint8Array;
    let scorer: OnnxScorer;
    before(async () => {
      bytes = exportModel(params);
      scorer = await OnnxScorer.load(bytes);
    });
    after(() => scorer.release());

    it('scores like the TypeScript reference on 1,000 rows', async (t) => {
      let maxDiff = 0;
      for (const row of rows) {
        const expected = reference(params, row);
        const { probabilities, label } = await scorer.score(row.indices, row.values);
        assert.equal(probabilities.length, C);
        for (let c = 0; c < C; c++)
          maxDiff = Math.max(maxDiff, Math.abs(probabilities[c]! - expected[c]!));
        assert.equal(label, CATEGORY_CODES[argmax(expected)]);
      }
      t.diagnostic(`${kind}: max abs difference ${maxDiff.toExponential(2)}`);
      assert.ok(maxDiff <= 1e-5, `max abs difference ${maxDiff}`);
    });

    it('scores concurrent calls each on their own row', async () => {
      const batch = rows.slice(0, 50);
      const results = await Promise.all(batch.map((r) => scorer.score(r.indices, r.values)));
      results.forEach((result, k) => {
        const expected = reference(params, batch[k]!);
        for (let c = 0; c < C; c++)
          assert.ok(Math.abs(result.probabilities[c]! - expected[c]!) <= 1e-5);
      });
    });

    it('scores an empty product', async () => {
      const expected = reference(params, {
        indices: new Int32Array(0),
        values: new Float32Array(0),
      });
      const { probabilities, label } = await scorer.score([], []);
      for (let c = 0; c < C; c++) assert.ok(Math.abs(probabilities[c]! - expected[c]!) <= 1e-6);
      assert.equal(label, CATEGORY_CODES[argmax(expected)]);
    });

    it('rejects feature ids outside the vocabulary', async () => {
      await assert.rejects(scorer.score([F], [1]), RangeError);
      await assert.rejects(scorer.score([-1], [1]), RangeError);
      await assert.rejects(scorer.score([1.5], [1]), RangeError);
      await assert.rejects(scorer.score([1, 2], [1]), RangeError);
    });

    it('exports the same bytes for the same model, other bytes for another temperature', () => {
      assert.deepEqual(exportModel(params), bytes);
      assert.notDeepEqual(exportModel(params, 2.3), bytes);
    });

    it('declares opset 17 or later, and records its codes and temperature', () => {
      const model = ModelProtoType.toObject(ModelProtoType.decode(bytes), {
        longs: Number,
      }) as { ir_version: number; opset_import: { domain?: string; version: number }[] };
      const opset = model.opset_import.find((o) => !o.domain);
      assert.ok(opset && opset.version >= 17 && OPSET_VERSION >= 17);
      assert.equal(model.ir_version, 8);
      const metadata = readOnnxMetadata(bytes);
      assert.deepEqual(JSON.parse(metadata.codes!), [...CATEGORY_CODES]);
      assert.equal(Number(metadata.temperature), TEMPERATURE);
      assert.equal(metadata.family, 'test');
      assert.equal(metadata.kind, kind);
      assert.deepEqual(scorer.metadata, metadata);
    });
  });
}

describe('ONNX export checks', () => {
  const params = randomLinear(createRng(3));
  it('refuses a bad temperature, wrong codes or mis-sized weights', () => {
    assert.throws(() => exportOnnx({ params, temperature: 0, codes: CATEGORY_CODES }), RangeError);
    assert.throws(() => exportOnnx({ params, temperature: 1, codes: [10, 40] }), RangeError);
    assert.throws(
      () =>
        exportOnnx({
          params: { ...params, weights: params.weights.subarray(1) },
          temperature: 1,
          codes: CATEGORY_CODES,
        }),
      RangeError,
    );
    assert.throws(() =>
      exportOnnx({ params, temperature: 1, codes: CATEGORY_CODES, metadata: { codes: '[]' } }),
    );
  });
});
