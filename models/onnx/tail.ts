import { floatTensor, int64Tensor, intAttribute, node } from './builders';
import type { GraphPart } from './builders';
import { OUTPUT_LABEL, OUTPUT_PROBABILITIES } from './io-names';

/**
 * From logits [1, C] to what the API answers: calibrated probabilities, softmax(logits / T),
 * and the product-type code of the best class, so no caller has to know the class order.
 */
export function probabilityTail(
  logits: string,
  temperature: number,
  codes: readonly number[],
): GraphPart {
  return {
    nodes: [
      node('Div', [logits, 'temperature'], ['scaled_logits']),
      node('Softmax', ['scaled_logits'], [OUTPUT_PROBABILITIES], [intAttribute('axis', -1)]),
      // The argmax of the logits, not of the probabilities: softmax rounding can tie classes
      // that the logits still tell apart.
      node(
        'ArgMax',
        [logits],
        ['best_class'],
        [intAttribute('axis', 1), intAttribute('keepdims', 0)],
      ),
      node('Gather', ['codes', 'best_class'], [OUTPUT_LABEL], [intAttribute('axis', 0)]),
    ],
    initializers: [
      floatTensor('temperature', [], new Float32Array([temperature])),
      int64Tensor('codes', [codes.length], codes),
    ],
  };
}
