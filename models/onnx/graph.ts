import { buildGraph } from './scoring-graph';
import { META_CODES, META_FEATURES, META_KIND, META_TEMPERATURE, RESERVED_KEYS } from './metadata';
import { encodeModel } from './onnx-proto';
import type { StringStringEntryProto } from './onnx-proto';
import type { ModelParams } from '../params';

/** IR 8 and opset 17: what onnxruntime 1.14 onwards and every current converter read. */
export const IR_VERSION = 8;
export const OPSET_VERSION = 17;
export const PRODUCER_NAME = 'rakuten-mlops';
/** The layout of the exported graph; changes when its inputs, outputs or nodes do. */
export const PRODUCER_VERSION = '1';

export interface OnnxExportInput {
  params: ModelParams;
  /** Softmax temperature fitted on held-out data; must be positive. */
  temperature: number;
  /** Product-type codes in class-index order. */
  codes: readonly number[];
  /** Extra metadata_props, e.g. `family`, `modelVersion`. */
  metadata?: Record<string, string>;
}

/**
 * The .onnx bytes of a model. Deterministic: the same input gives the same bytes (no clock,
 * metadata sorted by key), so a model's hash identifies it.
 */
export function exportOnnx(model: OnnxExportInput): Uint8Array {
  const { params, temperature, codes } = model;
  checkParams(params);
  if (!(Number.isFinite(temperature) && temperature > 0))
    throw new RangeError(`temperature must be a positive number, not ${temperature}`);
  if (codes.length !== params.nClasses)
    throw new RangeError(`${codes.length} codes for ${params.nClasses} classes`);
  if (!codes.every((c) => Number.isSafeInteger(c)))
    throw new RangeError('product-type codes must be integers');

  const extra = model.metadata ?? {};
  for (const key of RESERVED_KEYS)
    if (Object.hasOwn(extra, key)) throw new Error(`metadata key "${key}" is set by the exporter`);
  const metadata: Record<string, string> = {
    ...extra,
    [META_CODES]: JSON.stringify(codes),
    [META_TEMPERATURE]: String(temperature),
    [META_KIND]: params.kind,
    [META_FEATURES]: String(params.nFeatures),
  };
  const metadataProps: StringStringEntryProto[] = Object.keys(metadata)
    .sort()
    .map((key) => ({ key, value: metadata[key]! }));

  return encodeModel({
    ir_version: IR_VERSION,
    producer_name: PRODUCER_NAME,
    producer_version: PRODUCER_VERSION,
    graph: buildGraph(params, temperature, codes),
    opset_import: [{ domain: '', version: OPSET_VERSION }],
    metadata_props: metadataProps,
  });
}

function checkParams(p: ModelParams): void {
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected)
      throw new RangeError(`${p.kind} model: ${what} has ${actual} values, expected ${expected}`);
  };
  if (p.kind === 'linear') {
    expect('weights', p.weights.length, p.nFeatures * p.nClasses);
    expect('bias', p.bias.length, p.nClasses);
  } else {
    expect('embedding', p.embedding.length, p.nFeatures * p.embeddingDim);
    expect('hiddenWeights', p.hiddenWeights.length, p.embeddingDim * p.hiddenDim);
    expect('hiddenBias', p.hiddenBias.length, p.hiddenDim);
    expect('outputWeights', p.outputWeights.length, p.hiddenDim * p.nClasses);
    expect('outputBias', p.outputBias.length, p.nClasses);
  }
}
