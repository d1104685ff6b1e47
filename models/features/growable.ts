type TypedArray = Int32Array | Float32Array;

const BLOCK = 1 << 20;

/**
 * An append-only typed array kept in fixed blocks. Doubling one array and slicing it at the
 * end would hold up to three times the data at the peak; blocks copied into the exact-size
 * result one at a time, each dropped as it is copied, hold little more than the data itself.
 */
class BlockArray<T extends TypedArray> {
  private readonly blocks: T[] = [];
  private current: T;
  private used = 0;
  length = 0;

  constructor(private readonly make: (length: number) => T) {
    this.current = make(BLOCK);
  }

  push(v: number): void {
    if (this.used === BLOCK) {
      this.blocks.push(this.current);
      this.current = this.make(BLOCK);
      this.used = 0;
    }
    this.current[this.used++] = v;
    this.length++;
  }

  /** The values in one exact-size array; the builder is empty afterwards. */
  finish(): T {
    const out = this.make(this.length);
    let at = 0;
    for (let b = 0; b < this.blocks.length; b++) {
      out.set(this.blocks[b]!, at);
      at += BLOCK;
      (this.blocks as (T | undefined)[])[b] = undefined;
    }
    out.set(this.current.subarray(0, this.used), at);
    this.blocks.length = 0;
    this.current = this.make(0);
    this.used = 0;
    this.length = 0;
    return out;
  }
}

export class Int32Builder extends BlockArray<Int32Array> {
  constructor() {
    super((n) => new Int32Array(n));
  }
}

export class Float32Builder extends BlockArray<Float32Array> {
  constructor() {
    super((n) => new Float32Array(n));
  }
}
