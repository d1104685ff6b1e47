import type { CsrMatrix } from './sparse';

/**
 * One block of memory that sparse matrices are carved from, and carved again after `reset`.
 * Cross-validation builds a train and a test matrix per fold and then the refit's matrix: made
 * afresh each time, the previous fold's would still be held (by worker threads, until their
 * own garbage collection) while the next is built. Carved from one arena, they never coexist.
 * The buffers are SharedArrayBuffers, so worker threads read the matrices in place.
 */
export class CsrArena {
  private readonly indptr: Int32Array;
  private readonly indices: Int32Array;
  private readonly values: Float32Array;
  private usedRows = 0;
  private usedNnz = 0;

  constructor(rowCapacity: number, nnzCapacity: number) {
    this.indptr = new Int32Array(new SharedArrayBuffer((rowCapacity + 2) * 4));
    this.indices = new Int32Array(new SharedArrayBuffer(nnzCapacity * 4));
    this.values = new Float32Array(new SharedArrayBuffer(nnzCapacity * 4));
  }

  /** A zeroed-indptr matrix of `nRows` rows and `nnz` values, carved after the last one. */
  take(nRows: number, nCols: number, nnz: number): CsrMatrix {
    if (
      this.usedRows + nRows + 1 > this.indptr.length ||
      this.usedNnz + nnz > this.indices.length
    ) {
      throw new RangeError(
        `arena too small for ${nRows} rows and ${nnz} values (${this.indptr.length - this.usedRows} and ${this.indices.length - this.usedNnz} left)`,
      );
    }
    const m: CsrMatrix = {
      nRows,
      nCols,
      indptr: this.indptr.subarray(this.usedRows, this.usedRows + nRows + 1).fill(0),
      indices: this.indices.subarray(this.usedNnz, this.usedNnz + nnz),
      values: this.values.subarray(this.usedNnz, this.usedNnz + nnz),
    };
    this.usedRows += nRows + 1;
    this.usedNnz += nnz;
    return m;
  }

  /** Frees every matrix taken so far: their memory is reused by the next ones. */
  reset(): void {
    this.usedRows = 0;
    this.usedNnz = 0;
  }
}
