import { readSnapshot } from '../datasets/read-snapshot';
import type { DriftSample } from '../../models/drift';
import type { Classifier } from '../../models/classifier';
import { createRng } from '../../models/random';
import type { ObjectStore } from '../../core/storage/object-store';

/**
 * Up to `rows` rows of the champion's training snapshot, drawn with a seed taken from the
 * dataset version so that every check of one champion compares with the same reference, and
 * the champion's own predictions on them: what its prediction log would look like on the
 * data it was trained for.
 */
export async function referenceSample(
  store: ObjectStore,
  classifier: Classifier,
  datasetVersion: string,
  rows: number,
): Promise<DriftSample> {
  const all = await readSnapshot(store, datasetVersion);
  const rng = createRng(Number.parseInt(datasetVersion.slice(0, 8), 16) || 1);
  // A partial Fisher–Yates shuffle: the first `n` places end up a uniform sample.
  const n = Math.min(rows, all.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(all.length - i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const sample = all.slice(0, n);
  const predictions = [];
  for (const row of sample) {
    const p = await classifier.predict(row.designation, row.description, 1);
    predictions.push({ predictedCode: p.category_code, confidence: p.confidence });
  }
  return {
    texts: sample.map((r) => ({
      designation: r.designation,
      description: r.description ?? null,
      prdtypecode: r.prdtypecode,
    })),
    predictions,
  };
}
