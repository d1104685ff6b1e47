import { weightedBag } from './bag';
import { floatTensor, node } from './builders';
import type { GraphPart } from './builders';
import type { LinearParams } from '../params';

/** logits [1, C] = row · W + b. */
export function linearLogits(p: LinearParams, logits: string): GraphPart {
  const bag = weightedBag('W', 'linear_bag');
  return {
    nodes: [...bag.nodes, node('Add', ['linear_bag', 'b'], [logits])],
    initializers: [
      floatTensor('W', [p.nFeatures, p.nClasses], p.weights),
      floatTensor('b', [p.nClasses], p.bias),
      ...bag.initializers,
    ],
  };
}
