import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildArtifacts } from '../models/artifacts';
import type { ModelArtifacts } from '../models/artifacts';
import { buildCard } from '../models/card';
import { Classifier } from '../models/classifier';
import { readLabelledCsv } from '../models/data/labelled-rows';
import { trainClassifier } from '../models/train/train-classifier';
import { createLogger } from '../core/logging/logger';
import { InferenceError, InferencePool, OverloadError } from '../api/serving/inference-pool';
import { createServingMetrics } from '../api/serving/metrics';
import { ModelLoadError } from '../api/serving/model-files';
import type { ProductText } from '../api/serving/product-text';
import { realFile } from './helpers/real-data';

describe('the inference thread pool', () => {
  const rows = readLabelledCsv(realFile('raw.csv')).rows;
  const products: ProductText[] = rows
    .slice(0, 300)
    .map((r) => ({ designation: r.designation, description: r.description }));
  const metrics = createServingMetrics();
  const pool = new InferencePool(2, {
    logger: createLogger({ format: 'json', level: 'silent' }),
    metrics,
  });
  let artifacts: ModelArtifacts;
  let reference: Classifier;

  before(async () => {
    const trained = await trainClassifier(rows, {
      families: ['svm'],
      seed: 3,
      folds: 2,
      holdout: 0,
    });
    artifacts = buildArtifacts(trained, buildCard(trained, { seed: 3, folds: 2, packages: {} }));
    reference = await Classifier.load(artifacts);
    await pool.load('v1', artifacts);
  });

  after(async () => {
    await reference.release();
    await pool.close();
  });

  it('answers as the classifier does in-process, in the order asked, split over the threads', async () => {
    const scored = await pool.predict('v1', products, 3);
    assert.equal(scored.length, products.length);
    for (let i = 0; i < products.length; i++) {
      const { designation, description } = products[i]!;
      assert.deepEqual(scored[i]!.prediction, await reference.predict(designation, description, 3));
      const sha = createHash('sha256')
        .update(designation)
        .update('\0')
        .update(description)
        .digest('hex');
      assert.equal(scored[i]!.inputSha256, sha);
      assert.ok(scored[i]!.latencyMs > 0);
    }
    // Concurrent single requests spread over both threads and still match.
    const singles = await Promise.all(products.slice(0, 40).map((p) => pool.predict('v1', [p], 1)));
    singles.forEach(([s], i) =>
      assert.equal(s!.prediction.category_code, scored[i]!.prediction.category_code),
    );
  });

  it('refuses a version that does not load, on every thread, and keeps the others', async () => {
    const broken = { ...artifacts, onnx: artifacts.onnx.subarray(0, 1000) };
    await assert.rejects(pool.load('broken', broken), ModelLoadError);
    await assert.rejects(pool.predict('broken', products.slice(0, 1), 1), /not loaded/);
    assert.equal((await pool.predict('v1', products.slice(0, 1), 1)).length, 1);
  });

  it('replaces a thread that dies: its requests fail, later ones are served with the versions loaded', async () => {
    const threads = pool['threads'];
    const batch = pool.predict('v1', [...products, ...products], 1);
    // A message no thread understands kills it, as a bug in the thread would.
    threads[0]!.worker.postMessage({ type: 'not-a-message' });
    await assert.rejects(batch, InferenceError);
    const after = await pool.predict('v1', products, 3);
    assert.equal(after.length, products.length);
    assert.equal(
      after[5]!.prediction.category_code,
      (await reference.predict(products[5]!.designation, products[5]!.description)).category_code,
    );
    const restarts = await metrics.inferenceThreadRestarts.get();
    assert.equal(restarts.values[0]!.value, 1);
  });

  it('forgets an unloaded version once its last holder lets go', async () => {
    // The shadow and, once promoted, the champion: two holders of one version.
    await pool.load('v2', artifacts);
    await pool.load('v2', artifacts);
    pool.unload('v2');
    assert.equal((await pool.predict('v2', products.slice(0, 1), 1)).length, 1);
    pool.unload('v2');
    await assert.rejects(pool.predict('v2', products.slice(0, 1), 1), /not loaded/);
  });

  it('refuses work at once while MAX_INFLIGHT products are in flight, and takes it again after', async () => {
    const bounded = new InferencePool(1, {
      logger: createLogger({ format: 'json', level: 'silent' }),
      metrics: createServingMetrics(),
      maxInflight: 50,
    });
    try {
      await bounded.load('v1', artifacts);
      assert.equal(bounded.saturated, false);
      // A batch is taken while fewer than the bound are in flight, whatever its size.
      const batch = bounded.predict('v1', products.slice(0, 200), 1);
      assert.equal(bounded.saturated, true);
      await assert.rejects(bounded.predict('v1', products.slice(0, 1), 1), OverloadError);
      assert.equal((await batch).length, 200);
      assert.equal(bounded.saturated, false);
      assert.equal((await bounded.predict('v1', products.slice(0, 1), 1)).length, 1);

      // A thread that dies gives back what it held: the pool is not left saturated.
      const held = bounded.predict('v1', products.slice(0, 200), 1);
      bounded['threads'][0]!.worker.postMessage({ type: 'not-a-message' });
      await assert.rejects(held, InferenceError);
      assert.equal(bounded.saturated, false);
      assert.equal(bounded['unfinished'](), 0);
    } finally {
      await bounded.close();
    }
  });

  it('closes once the predictions under way are answered', async () => {
    const batch = pool.predict('v1', products, 1);
    await pool.close();
    assert.equal((await batch).length, products.length);
    await assert.rejects(pool.predict('v1', products.slice(0, 1), 1), /closed/);
  });
});
