import { createRng } from '../../models/random';
import type { CsrMatrix } from '../../models/sparse';
import type { TrainingSet } from '../../models/train/trainer';

/**
 * A separable problem: each class has marker features of its own, and every row also carries
 * shared noise features. Rows are L2-normalised like TF-IDF rows.
 */
export function toyProblem(options: { rows: number; classes: number; seed: number }): {
  train: TrainingSet;
} {
  const rng = createRng(options.seed);
  const markers = 5;
  const noise = 20;
  const nCols = options.classes * markers + noise;
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < options.rows; r++) {
    const c = r % options.classes;
    const row = new Map<number, number>();
    for (let k = 0; k < 2; k++) row.set(c * markers + rng.int(markers), 1 + rng.next());
    for (let k = 0; k < 3; k++)
      row.set(options.classes * markers + rng.int(noise), 0.5 + rng.next());
    const sorted = [...row.entries()].sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(sorted.reduce((s, [, v]) => s + v * v, 0));
    for (const [f, v] of sorted) {
      indices.push(f);
      values.push(v / norm);
    }
    indptr.push(indices.length);
    y.push(c);
  }
  const x: CsrMatrix = {
    nRows: options.rows,
    nCols,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
  return { train: { x, y: Int32Array.from(y), nClasses: options.classes } };
}
