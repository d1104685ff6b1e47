import { int64Tensor, intAttribute, node } from './builders';
import type { GraphPart } from './builders';
import { INPUT_INDICES, INPUT_VALUES } from './io-names';

/**
 * The product's sparse row times a dense [nFeatures × width] table, as [1, width]: the rows of
 * its features gathered, then weighted and summed in one MatMul ([1, N] × [N, width]), which
 * onnxruntime runs faster than Mul + ReduceSum. Only the row's N features are touched, so the
 * cost does not grow with the vocabulary; N = 0 gives zeros.
 */
export function weightedBag(table: string, output: string): GraphPart {
  const rows = `${output}_rows`;
  const rowAxis = `${output}_axis0`;
  const weights = `${output}_weights`;
  return {
    nodes: [
      node('Gather', [table, INPUT_INDICES], [rows], [intAttribute('axis', 0)]),
      // Since opset 13 Unsqueeze takes its axes as an input, not an attribute.
      node('Unsqueeze', [INPUT_VALUES, rowAxis], [weights]),
      node('MatMul', [weights, rows], [output]),
    ],
    initializers: [int64Tensor(rowAxis, [1], [0])],
  };
}
