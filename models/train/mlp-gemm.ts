/**
 * The three small dense products of a mini-batch through the MLP's layers, on row-major
 * Float64Arrays. Each keeps a block of eight outputs in locals while it runs down the shared
 * dimension: V8 does not vectorise, and loading and storing an accumulator array for every
 * product would cost more than the products.
 */

/**
 * C[i, j] = bias[biasAt + j] + Σ_k A[i, k] · B[bAt + k·n + j], for A [m × p] and a [p × n]
 * block of B starting at bAt: a layer's forward pass over the batch.
 */
export function multiplyAddBias(
  A: Float64Array,
  B: Float64Array,
  bias: Float64Array,
  biasAt: number,
  bAt: number,
  C: Float64Array,
  m: number,
  p: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * p;
    const cRow = i * n;
    let j = 0;
    for (; j + 7 < n; j += 8) {
      let c0 = bias[biasAt + j]!;
      let c1 = bias[biasAt + j + 1]!;
      let c2 = bias[biasAt + j + 2]!;
      let c3 = bias[biasAt + j + 3]!;
      let c4 = bias[biasAt + j + 4]!;
      let c5 = bias[biasAt + j + 5]!;
      let c6 = bias[biasAt + j + 6]!;
      let c7 = bias[biasAt + j + 7]!;
      for (let k = 0; k < p; k++) {
        const a = A[aRow + k]!;
        // Zero inputs are common after a ReLU.
        if (a === 0) continue;
        const at = bAt + k * n + j;
        c0 += a * B[at]!;
        c1 += a * B[at + 1]!;
        c2 += a * B[at + 2]!;
        c3 += a * B[at + 3]!;
        c4 += a * B[at + 4]!;
        c5 += a * B[at + 5]!;
        c6 += a * B[at + 6]!;
        c7 += a * B[at + 7]!;
      }
      C[cRow + j] = c0;
      C[cRow + j + 1] = c1;
      C[cRow + j + 2] = c2;
      C[cRow + j + 3] = c3;
      C[cRow + j + 4] = c4;
      C[cRow + j + 5] = c5;
      C[cRow + j + 6] = c6;
      C[cRow + j + 7] = c7;
    }
    for (; j < n; j++) {
      let c0 = bias[biasAt + j]!;
      for (let k = 0; k < p; k++) c0 += A[aRow + k]! * B[bAt + k * n + j]!;
      C[cRow + j] = c0;
    }
  }
}

/**
 * G[gAt + k·n + j] += Σ_i A[i, k] · B[i, j], for A [m × p] and B [m × n]: the batch gradient of
 * a [p × n] weight block of G.
 */
export function addTransposedProduct(
  A: Float64Array,
  B: Float64Array,
  G: Float64Array,
  gAt: number,
  m: number,
  p: number,
  n: number,
): void {
  for (let k = 0; k < p; k++) {
    const gRow = gAt + k * n;
    let j = 0;
    for (; j + 7 < n; j += 8) {
      let g0 = G[gRow + j]!;
      let g1 = G[gRow + j + 1]!;
      let g2 = G[gRow + j + 2]!;
      let g3 = G[gRow + j + 3]!;
      let g4 = G[gRow + j + 4]!;
      let g5 = G[gRow + j + 5]!;
      let g6 = G[gRow + j + 6]!;
      let g7 = G[gRow + j + 7]!;
      for (let i = 0; i < m; i++) {
        const a = A[i * p + k]!;
        if (a === 0) continue;
        const at = i * n + j;
        g0 += a * B[at]!;
        g1 += a * B[at + 1]!;
        g2 += a * B[at + 2]!;
        g3 += a * B[at + 3]!;
        g4 += a * B[at + 4]!;
        g5 += a * B[at + 5]!;
        g6 += a * B[at + 6]!;
        g7 += a * B[at + 7]!;
      }
      G[gRow + j] = g0;
      G[gRow + j + 1] = g1;
      G[gRow + j + 2] = g2;
      G[gRow + j + 3] = g3;
      G[gRow + j + 4] = g4;
      G[gRow + j + 5] = g5;
      G[gRow + j + 6] = g6;
      G[gRow + j + 7] = g7;
    }
    for (; j < n; j++) {
      let g0 = G[gRow + j]!;
      for (let i = 0; i < m; i++) g0 += A[i * p + k]! * B[i * n + j]!;
      G[gRow + j] = g0;
    }
  }
}

/**
 * C[i, k] = mask[i, k] · Σ_j A[i, j] · B[bAt + k·n + j], for A [m × n] and a [p × n] block of
 * B: back-propagation through a layer of p inputs and n outputs. `mask` is null for no mask.
 */
export function multiplyTransposed(
  A: Float64Array,
  B: Float64Array,
  bAt: number,
  mask: Float64Array | null,
  C: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * n;
    const cRow = i * p;
    let k = 0;
    for (; k + 3 < p; k += 4) {
      const b0 = bAt + k * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let j = 0; j < n; j++) {
        const a = A[aRow + j]!;
        c0 += a * B[b0 + j]!;
        c1 += a * B[b1 + j]!;
        c2 += a * B[b2 + j]!;
        c3 += a * B[b3 + j]!;
      }
      C[cRow + k] = c0;
      C[cRow + k + 1] = c1;
      C[cRow + k + 2] = c2;
      C[cRow + k + 3] = c3;
    }
    for (; k < p; k++) {
      const b0 = bAt + k * n;
      let c0 = 0;
      for (let j = 0; j < n; j++) c0 += A[aRow + j]! * B[b0 + j]!;
      C[cRow + k] = c0;
    }
    if (mask) for (let q = 0; q < p; q++) C[cRow + q]! *= mask[cRow + q]!;
  }
}
