import { InferenceSession, Tensor } from 'onnxruntime-node';
import { INPUT_INDICES, INPUT_VALUES, OUTPUT_LABEL, OUTPUT_PROBABILITIES } from './io-names';
import { META_FEATURES, readOnnxMetadata } from './metadata';

export interface OnnxScore {
  /** [nClasses], in class-index order. */
  probabilities: Float32Array;
  /** The product-type code of the most probable class. */
  label: number;
}

const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  // One product per call: threads would cost more to wake than the work they would share.
  executionMode: 'sequential',
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
};

// Where the low 32 bits of an int64 sit in memory.
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** Scores one product at a time with an exported model (see graph.ts) in onnxruntime. */
export class OnnxScorer {
  /** The model's metadata_props: `codes`, `temperature`, `kind`, `family`, ... */
  readonly metadata: Readonly<Record<string, string>>;
  private readonly nFeatures: number;
  private readonly session: InferenceSession;
  // Input buffers kept between calls. onnxruntime reads them only when the run starts (a
  // setImmediate later), so they are lent to one call at a time; a concurrent call allocates.
  private indices = new BigInt64Array(0);
  private indexWords = new Int32Array(0);
  private values = new Float32Array(0);
  private busy = false;

  private constructor(session: InferenceSession, metadata: Record<string, string>) {
    this.session = session;
    this.metadata = Object.freeze(metadata);
    const nFeatures = Number(metadata[META_FEATURES]);
    this.nFeatures = Number.isSafeInteger(nFeatures) && nFeatures > 0 ? nFeatures : 2 ** 31 - 1;
  }

  static async load(
    bytes: Uint8Array,
    options: InferenceSession.SessionOptions = {},
  ): Promise<OnnxScorer> {
    const session = await InferenceSession.create(bytes, { ...SESSION_OPTIONS, ...options });
    return new OnnxScorer(session, readOnnxMetadata(bytes));
  }

  /** One product's sparse row: feature ids and their weights, of equal length. */
  async score(indices: ArrayLike<number>, values: ArrayLike<number>): Promise<OnnxScore> {
    const n = indices.length;
    if (values.length !== n) throw new RangeError(`${n} indices but ${values.length} values`);
    const lend = !this.busy;
    if (lend) {
      this.busy = true;
      this.reserve(n);
    }
    try {
      const big = lend ? this.indices.subarray(0, n) : new BigInt64Array(n);
      const words = lend ? this.indexWords : new Int32Array(big.buffer);
      const floats = lend ? this.values.subarray(0, n) : new Float32Array(n);
      for (let k = 0; k < n; k++) {
        const f = indices[k]!;
        if (!(f >= 0 && f < this.nFeatures && f === (f | 0)))
          throw new RangeError(`feature index ${f} is not in [0, ${this.nFeatures})`);
        // Valid ids are non-negative int32s, so the high word stays the zero it was created
        // with: writing the low word is the whole conversion, with no BigInt per feature.
        words[2 * k + LOW_WORD] = f;
      }
      floats.set(values);
      const out = await this.session.run({
        [INPUT_INDICES]: new Tensor('int64', big, [n]),
        [INPUT_VALUES]: new Tensor('float32', floats, [n]),
      });
      return {
        probabilities: out[OUTPUT_PROBABILITIES]!.data as Float32Array,
        label: Number((out[OUTPUT_LABEL]!.data as BigInt64Array)[0]),
      };
    } finally {
      if (lend) this.busy = false;
    }
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private reserve(n: number): void {
    if (this.values.length >= n) return;
    const capacity = Math.max(n, 2 * this.values.length, 64);
    this.indices = new BigInt64Array(capacity);
    this.indexWords = new Int32Array(this.indices.buffer);
    this.values = new Float32Array(capacity);
  }
}
