/**
 * Sparse rows in compressed-row form: row r's features are `indices[indptr[r] .. indptr[r+1])`
 * with the matching `values`. Indices within a row are strictly increasing.
 */
export interface CsrMatrix {
  nRows: number;
  nCols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** The rows of `m` at `rows`, in that order. */
export function selectRows(m: CsrMatrix, rows: ArrayLike<number>): CsrMatrix {
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    nnz += m.indptr[r + 1]! - m.indptr[r]!;
  }
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const start = m.indptr[r]!;
    const end = m.indptr[r + 1]!;
    indices.set(m.indices.subarray(start, end), at);
    values.set(m.values.subarray(start, end), at);
    at += end - start;
    indptr[i + 1] = at;
  }
  return { nRows: rows.length, nCols: m.nCols, indptr, indices, values };
}

/** An empty matrix of `nnz` stored values. */
export function allocateCsr(nRows: number, nCols: number, nnz: number): CsrMatrix {
  return {
    nRows,
    nCols,
    indptr: new Int32Array(nRows + 1),
    indices: new Int32Array(nnz),
    values: new Float32Array(nnz),
  };
}
