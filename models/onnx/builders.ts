import { AttributeType, DataType } from './onnx-proto';
import type { AttributeProto, NodeProto, TensorProto, ValueInfoProto } from './onnx-proto';

/**
 * Small constructors for the graph's pieces. Nodes are named after their first output, which
 * graph names keep unique, so the same model always yields the same node names.
 */
export function node(
  opType: string,
  input: string[],
  output: string[],
  attribute: AttributeProto[] = [],
): NodeProto {
  return { name: output[0]!, op_type: opType, domain: '', input, output, attribute };
}

export function intAttribute(name: string, i: number): AttributeProto {
  return { name, type: AttributeType.INT, i };
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A float tensor stored as raw little-endian bytes: compact, and read without parsing. */
export function floatTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  checkSize(name, dims, data.length);
  let raw: Uint8Array;
  if (littleEndian) {
    // Already the wire layout: a view, so a 20 MB weight matrix is not copied here.
    raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } else {
    raw = new Uint8Array(data.length * 4);
    const view = new DataView(raw.buffer);
    for (let k = 0; k < data.length; k++) view.setFloat32(k * 4, data[k]!, true);
  }
  return { name, dims, data_type: DataType.FLOAT, raw_data: raw };
}

export function int64Tensor(name: string, dims: number[], data: readonly number[]): TensorProto {
  checkSize(name, dims, data.length);
  const raw = new Uint8Array(data.length * 8);
  const view = new DataView(raw.buffer);
  for (let k = 0; k < data.length; k++) view.setBigInt64(k * 8, BigInt(data[k]!), true);
  return { name, dims, data_type: DataType.INT64, raw_data: raw };
}

/** A graph input or output; a string dimension is symbolic (its size is known at run time). */
export function tensorInfo(
  name: string,
  elemType: DataType,
  shape: (number | string)[],
): ValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

function checkSize(name: string, dims: number[], length: number): void {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== length)
    throw new RangeError(`tensor ${name}: ${length} values for shape [${dims.join(', ')}]`);
}

/** Nodes plus the constants they read; parts concatenate into a graph. */
export interface GraphPart {
  nodes: NodeProto[];
  initializers: TensorProto[];
}
