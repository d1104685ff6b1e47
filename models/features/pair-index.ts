/**
 * A map from pairs of non-negative int32s to non-negative int32s, in open addressing over typed
 * arrays. The featurizer looks up every adjacent pair of tokens of every product; keyed by token
 * ids, that is two integer hashes and no string built, hashed and thrown away per pair.
 */
export class PairIndex {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(expectedSize: number) {
    let slots = 16;
    // At most half full, so a probe for an absent pair ends after a step or two.
    while (slots < 2 * expectedSize) slots *= 2;
    this.mask = slots - 1;
    this.keys = new Int32Array(2 * slots).fill(-1);
    this.values = new Int32Array(slots).fill(-1);
  }

  /** Sets the value of (a, b); all three must be non-negative int32s. */
  set(a: number, b: number, value: number): void {
    let slot = this.slotOf(a, b);
    for (;;) {
      const ka = this.keys[2 * slot]!;
      if (ka === -1 || (ka === a && this.keys[2 * slot + 1] === b)) break;
      slot = (slot + 1) & this.mask;
    }
    this.keys[2 * slot] = a;
    this.keys[2 * slot + 1] = b;
    this.values[slot] = value;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    let slot = this.slotOf(a, b);
    for (;;) {
      const ka = this.keys[2 * slot]!;
      if (ka === -1) return -1;
      if (ka === a && this.keys[2 * slot + 1] === b) return this.values[slot]!;
      slot = (slot + 1) & this.mask;
    }
  }

  private slotOf(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca77);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    return (h ^ (h >>> 13)) & this.mask;
  }
}
