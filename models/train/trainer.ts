import type { ModelParams } from '../params';
import type { CsrMatrix } from '../sparse';

/** Rows with their class indices (0 .. nClasses-1, in the order of CATEGORY_CODES). */
export interface TrainingSet {
  x: CsrMatrix;
  y: Int32Array;
  nClasses: number;
}

export interface TrainOptions {
  seed: number;
  /** Called now and then with the fraction done, for progress bars. */
  onProgress?: (fraction: number) => void;
}

/** Every model family trains through this signature, so selection treats them alike. */
export type Trainer<H> = (data: TrainingSet, hyper: H, options: TrainOptions) => ModelParams;
