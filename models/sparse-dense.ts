/**
 * out[outAt + c] = Σ_k values[k] · table[indices[k] · width + c] over a sparse row's entries
 * start..end: the row times a dense [features × width] table. Logits of a linear model, the bag
 * of the embedding network, and both of their training loops all reduce to it. Several columns
 * at a time, held in locals over the whole row: V8 does not vectorise, and an accumulator array
 * read and written for every product costs more than the product.
 */
export function sparseRowTimesTable(
  w: Float32Array,
  K: number,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  start: number,
  end: number,
  z: Float64Array,
  outAt: number,
): void {
  let c = 0;
  for (; c + 8 < K; c += 9) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    let a8 = 0;
    for (let k = start; k < end; k++) {
      const x = values[k]!;
      const at = indices[k]! * K + c;
      a0 += x * w[at]!;
      a1 += x * w[at + 1]!;
      a2 += x * w[at + 2]!;
      a3 += x * w[at + 3]!;
      a4 += x * w[at + 4]!;
      a5 += x * w[at + 5]!;
      a6 += x * w[at + 6]!;
      a7 += x * w[at + 7]!;
      a8 += x * w[at + 8]!;
    }
    z[outAt + c] = a0;
    z[outAt + c + 1] = a1;
    z[outAt + c + 2] = a2;
    z[outAt + c + 3] = a3;
    z[outAt + c + 4] = a4;
    z[outAt + c + 5] = a5;
    z[outAt + c + 6] = a6;
    z[outAt + c + 7] = a7;
    z[outAt + c + 8] = a8;
  }
  for (; c + 3 < K; c += 4) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let k = start; k < end; k++) {
      const x = values[k]!;
      const at = indices[k]! * K + c;
      a0 += x * w[at]!;
      a1 += x * w[at + 1]!;
      a2 += x * w[at + 2]!;
      a3 += x * w[at + 3]!;
    }
    z[outAt + c] = a0;
    z[outAt + c + 1] = a1;
    z[outAt + c + 2] = a2;
    z[outAt + c + 3] = a3;
  }
  for (; c < K; c++) {
    let a0 = 0;
    for (let k = start; k < end; k++) a0 += values[k]! * w[indices[k]! * K + c]!;
    z[outAt + c] = a0;
  }
}
