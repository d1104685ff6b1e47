import { adamRow } from './mlp-adam';
import type { AdamStep } from './mlp-adam';

/**
 * The terms one mini-batch touches, each with the list of (row in the batch, TF-IDF weight)
 * where it occurs: the gradient of a term's embedding is Σ weight · dBag[row] over its list, so
 * nothing is accumulated per term during back-propagation, and most terms, which occur once,
 * need no accumulation at all.
 */
export class TermBatch {
  private readonly slotOf: Int32Array;
  private readonly slotTerm: Int32Array;
  private readonly slotFirst: Int32Array;
  private readonly occurrenceRow: Int32Array;
  private readonly occurrenceWeight: Float64Array;
  private readonly occurrenceNext: Int32Array;
  private readonly gradSum: Float64Array;
  private nSlots = 0;
  private nOccurrences = 0;

  /** `capacity` bounds the occurrences of one batch: rows per batch × longest row. */
  constructor(nTerms: number, capacity: number, dim: number) {
    this.slotOf = new Int32Array(nTerms).fill(-1);
    this.slotTerm = new Int32Array(capacity);
    this.slotFirst = new Int32Array(capacity);
    this.occurrenceRow = new Int32Array(capacity);
    this.occurrenceWeight = new Float64Array(capacity);
    this.occurrenceNext = new Int32Array(capacity);
    this.gradSum = new Float64Array(dim);
  }

  /** Records the entries start..end of a CSR row as row `row` of the batch. */
  addRow(indices: Int32Array, values: Float32Array, start: number, end: number, row: number): void {
    for (let k = start; k < end; k++) {
      const f = indices[k]!;
      let slot = this.slotOf[f]!;
      if (slot < 0) {
        slot = this.nSlots++;
        this.slotOf[f] = slot;
        this.slotTerm[slot] = f;
        this.slotFirst[slot] = -1;
      }
      const o = this.nOccurrences++;
      this.occurrenceRow[o] = row;
      this.occurrenceWeight[o] = values[k]!;
      this.occurrenceNext[o] = this.slotFirst[slot]!;
      this.slotFirst[slot] = o;
    }
  }

  /**
   * One Adam step on every embedding row the batch touched, from the bag gradients `dBags`
   * [batch × dim] and their squared norms; then forgets the batch.
   */
  applyAdam(
    embedding: Float32Array,
    moments: Float32Array,
    rowMoments: Float32Array,
    dim: number,
    dBags: Float64Array,
    dBagSquares: Float64Array,
    step: AdamStep,
  ): void {
    const gradSum = this.gradSum;
    for (let slot = 0; slot < this.nSlots; slot++) {
      const f = this.slotTerm[slot]!;
      this.slotOf[f] = -1;
      const first = this.slotFirst[slot]!;
      if (this.occurrenceNext[first]! < 0) {
        const row = this.occurrenceRow[first]!;
        const w = this.occurrenceWeight[first]!;
        adamRow(
          embedding,
          moments,
          rowMoments,
          f,
          dim,
          dBags,
          row * dim,
          w,
          dBagSquares[row]!,
          step,
        );
        continue;
      }
      let at = this.occurrenceRow[first]! * dim;
      let w = this.occurrenceWeight[first]!;
      for (let d = 0; d < dim; d++) gradSum[d] = w * dBags[at + d]!;
      for (let o = this.occurrenceNext[first]!; o >= 0; o = this.occurrenceNext[o]!) {
        at = this.occurrenceRow[o]! * dim;
        w = this.occurrenceWeight[o]!;
        for (let d = 0; d < dim; d++) gradSum[d]! += w * dBags[at + d]!;
      }
      let squares = 0;
      for (let d = 0; d < dim; d++) squares += gradSum[d]! * gradSum[d]!;
      adamRow(embedding, moments, rowMoments, f, dim, gradSum, 0, 1, squares, step);
    }
    this.nSlots = 0;
    this.nOccurrences = 0;
  }
}
