import { allocateCsr } from '../sparse';
import type { CsrMatrix } from '../sparse';

const isShared = (m: CsrMatrix) =>
  m.indptr.buffer instanceof SharedArrayBuffer &&
  m.indices.buffer instanceof SharedArrayBuffer &&
  m.values.buffer instanceof SharedArrayBuffer;

/**
 * The same matrix backed by SharedArrayBuffers, so worker threads read it without a copy each.
 * A matrix built shared (see `transformCorpus`) is passed through as it is.
 */
export function toShared(m: CsrMatrix): CsrMatrix {
  if (isShared(m)) return m;
  const out = allocateCsr(m.nRows, m.nCols, m.indices.length, true);
  out.indptr.set(m.indptr);
  out.indices.set(m.indices);
  out.values.set(m.values);
  return out;
}
