import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArtifacts } from '../models/artifacts';
import { buildCard } from '../models/card';
import { readLabelledCsv } from '../models/data/labelled-rows';
import { Featurizer } from '../models/features/featurizer';
import { OnnxScorer } from '../models/onnx/onnx-scorer';
import { logitsInto, softmaxInPlace } from '../models/score';
import type { Family } from '../models/train/families';
import { trainClassifier } from '../models/train/train-classifier';
import { realFile } from './helpers/real-data';

describe('ONNX parity on real products', () => {
  const training = readLabelledCsv(realFile('raw.csv')).rows;
  const products = readLabelledCsv(realFile('titles.csv')).rows.slice(0, 1000);

  for (const family of ['svm', 'mlp'] as Family[]) {
    it(`${family}: onnxruntime's probabilities equal the TypeScript reference within 1e-5 on 1,000 rows`, async () => {
      const trained = await trainClassifier(training, {
        families: [family],
        seed: 1,
        folds: 2,
        holdout: 0,
      });
      const artifacts = buildArtifacts(
        trained,
        buildCard(trained, { seed: 1, folds: 2, packages: {} }),
      );
      const featurizer = new Featurizer(trained.featureParams, trained.model.fitted.vocabulary);
      const scorer = await OnnxScorer.load(artifacts.onnx);
      const C = trained.codes.length;
      const reference = new Float64Array(C);
      let worst = 0;
      for (const product of products) {
        const row = featurizer.transform(product.designation, product.description);
        logitsInto(trained.model.params, row.indices, row.values, 0, row.indices.length, reference);
        softmaxInPlace(reference, trained.model.temperature);
        const onnx = await scorer.score(row.indices, row.values);
        let best = 0;
        for (let c = 0; c < C; c++) {
          worst = Math.max(worst, Math.abs(onnx.probabilities[c]! - reference[c]!));
          if (reference[c]! > reference[best]!) best = c;
        }
        assert.equal(onnx.label, trained.codes[best]);
      }
      await scorer.release();
      assert.ok(worst <= 1e-5, `max abs difference ${worst}`);
    });
  }
});
