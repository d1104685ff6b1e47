import { weightedBag } from './bag';
import { floatTensor, node } from './builders';
import type { GraphPart } from './builders';
import type { MlpParams } from '../params';

/** logits [1, C] = relu(bag · W1 + b1) · W2 + b2, bag = row · E. */
export function mlpLogits(p: MlpParams, logits: string): GraphPart {
  const bag = weightedBag('E', 'mlp_bag');
  return {
    nodes: [
      ...bag.nodes,
      node('MatMul', ['mlp_bag', 'W1'], ['mlp_hidden_linear']),
      node('Add', ['mlp_hidden_linear', 'b1'], ['mlp_hidden_pre']),
      node('Relu', ['mlp_hidden_pre'], ['mlp_hidden']),
      node('MatMul', ['mlp_hidden', 'W2'], ['mlp_output_linear']),
      node('Add', ['mlp_output_linear', 'b2'], [logits]),
    ],
    initializers: [
      floatTensor('E', [p.nFeatures, p.embeddingDim], p.embedding),
      floatTensor('W1', [p.embeddingDim, p.hiddenDim], p.hiddenWeights),
      floatTensor('b1', [p.hiddenDim], p.hiddenBias),
      floatTensor('W2', [p.hiddenDim, p.nClasses], p.outputWeights),
      floatTensor('b2', [p.nClasses], p.outputBias),
      ...bag.initializers,
    ],
  };
}
