/**
 * The inner loops of sparse SGD over a row-major [features × classes] weight table.
 *
 * V8 does not vectorise, and reading and writing an accumulator array for every product costs
 * more than the multiply-adds themselves, so the dense loops walk the row once per block of nine
 * classes held in locals (27 classes are three blocks; nine accumulators still fit the x64
 * registers). They are small functions of their own so V8 optimises them after a few calls
 * instead of running one long loop on on-stack-replaced code.
 */

/** w[indices[k] · K + c] += coef · values[k] · g[c] over the row's entries start..end. */
export function addToRow(
  w: Float32Array,
  K: number,
  indices: Int32Array,
  values: Float32Array,
  start: number,
  end: number,
  coef: number,
  g: Float64Array,
): void {
  let c = 0;
  for (; c + 8 < K; c += 9) {
    const g0 = coef * g[c]!;
    const g1 = coef * g[c + 1]!;
    const g2 = coef * g[c + 2]!;
    const g3 = coef * g[c + 3]!;
    const g4 = coef * g[c + 4]!;
    const g5 = coef * g[c + 5]!;
    const g6 = coef * g[c + 6]!;
    const g7 = coef * g[c + 7]!;
    const g8 = coef * g[c + 8]!;
    for (let k = start; k < end; k++) {
      const x = values[k]!;
      const at = indices[k]! * K + c;
      w[at] = w[at]! + x * g0;
      w[at + 1] = w[at + 1]! + x * g1;
      w[at + 2] = w[at + 2]! + x * g2;
      w[at + 3] = w[at + 3]! + x * g3;
      w[at + 4] = w[at + 4]! + x * g4;
      w[at + 5] = w[at + 5]! + x * g5;
      w[at + 6] = w[at + 6]! + x * g6;
      w[at + 7] = w[at + 7]! + x * g7;
      w[at + 8] = w[at + 8]! + x * g8;
    }
  }
  for (; c < K; c++) {
    const g0 = coef * g[c]!;
    for (let k = start; k < end; k++) {
      const at = indices[k]! * K + c;
      w[at] = w[at]! + values[k]! * g0;
    }
  }
}

/** As `addToRow`, for only the `n` classes listed in `classes`, whose gradients are g[0..n). */
export function addToRowSparse(
  w: Float32Array,
  K: number,
  indices: Int32Array,
  values: Float32Array,
  start: number,
  end: number,
  coef: number,
  classes: Int32Array,
  g: Float64Array,
  n: number,
): void {
  for (let k = start; k < end; k++) {
    const x = coef * values[k]!;
    const base = indices[k]! * K;
    for (let j = 0; j < n; j++) {
      const at = base + classes[j]!;
      w[at] = w[at]! + x * g[j]!;
    }
  }
}
