import { tensorInfo } from './builders';
import type { GraphPart } from './builders';
import { INPUT_INDICES, INPUT_VALUES, OUTPUT_LABEL, OUTPUT_PROBABILITIES } from './io-names';
import { linearLogits } from './linear-graph';
import { mlpLogits } from './mlp-graph';
import { DataType } from './onnx-proto';
import type { GraphProto } from './onnx-proto';
import { probabilityTail } from './tail';
import type { ModelParams } from '../params';

/**
 * The scoring graph of one product: `indices` int64 [N] and `values` float [N] (its sparse
 * TF-IDF row, N symbolic and possibly 0) in; `probabilities` float [1, C] and `label` int64 [1]
 * (a product-type code) out.
 */
export function buildGraph(
  params: ModelParams,
  temperature: number,
  codes: readonly number[],
): GraphProto {
  const logits =
    params.kind === 'linear' ? linearLogits(params, 'logits') : mlpLogits(params, 'logits');
  const tail = probabilityTail('logits', temperature, codes);
  const parts: GraphPart[] = [logits, tail];
  return {
    name: `rakuten_${params.kind}`,
    node: parts.flatMap((p) => p.nodes),
    initializer: parts.flatMap((p) => p.initializers),
    input: [
      tensorInfo(INPUT_INDICES, DataType.INT64, ['N']),
      tensorInfo(INPUT_VALUES, DataType.FLOAT, ['N']),
    ],
    output: [
      tensorInfo(OUTPUT_PROBABILITIES, DataType.FLOAT, [1, params.nClasses]),
      tensorInfo(OUTPUT_LABEL, DataType.INT64, [1]),
    ],
  };
}
