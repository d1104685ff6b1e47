import type { CsrMatrix } from '../sparse';

/** The same matrix backed by SharedArrayBuffers, so worker threads read it without a copy each. */
export function toShared(m: CsrMatrix): CsrMatrix {
  const share = <T extends Int32Array | Float32Array>(
    a: T,
    make: (b: SharedArrayBuffer) => T,
  ): T => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out;
  };
  return {
    nRows: m.nRows,
    nCols: m.nCols,
    indptr: share(m.indptr, (b) => new Int32Array(b)),
    indices: share(m.indices, (b) => new Int32Array(b)),
    values: share(m.values, (b) => new Float32Array(b)),
  };
}
