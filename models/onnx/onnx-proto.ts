import { parse } from 'protobufjs';
import type { Type } from 'protobufjs';

/**
 * The part of the official onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) that the exporter
 * writes, with the official field numbers: a reader of the full schema sees exactly these
 * fields, and everything left out is simply absent. proto2, like the original, so that set
 * zeros (keepdims = 0, axis = 0) are written rather than dropped.
 */
const ONNX_PROTO = `
syntax = "proto2";
package onnx;

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0;
    FLOAT = 1;
    INT = 2;
    STRING = 3;
    TENSOR = 4;
    GRAPH = 5;
    FLOATS = 6;
    INTS = 7;
    STRINGS = 8;
    TENSORS = 9;
    GRAPHS = 10;
    SPARSE_TENSOR = 11;
    SPARSE_TENSORS = 12;
    TYPE_PROTO = 13;
    TYPE_PROTOS = 14;
  }
  optional string name = 1;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  optional string doc_string = 13;
  optional AttributeType type = 20;
}

message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
  optional string doc_string = 3;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
  optional string doc_string = 6;
  optional string domain = 7;
}

message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}

message StringStringEntryProto {
  optional string key = 1;
  optional string value = 2;
}

message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}

message TensorProto {
  enum DataType {
    UNDEFINED = 0;
    FLOAT = 1;
    UINT8 = 2;
    INT8 = 3;
    UINT16 = 4;
    INT16 = 5;
    INT32 = 6;
    INT64 = 7;
    STRING = 8;
    BOOL = 9;
    FLOAT16 = 10;
    DOUBLE = 11;
    UINT32 = 12;
    UINT64 = 13;
  }
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional bytes raw_data = 9;
  repeated double double_data = 10 [packed = true];
  optional string doc_string = 12;
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
    optional string denotation = 3;
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
  optional string denotation = 6;
}

message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}
`;

/** TensorProto.DataType values the exporter uses. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

/** AttributeProto.AttributeType values the exporter uses. */
export const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;
export type AttributeType = (typeof AttributeType)[keyof typeof AttributeType];

// The interfaces mirror the messages with the proto's own (snake_case) field names, so that
// what is built here reads the same as the official schema it is checked against.

export interface TensorProto {
  name: string;
  dims: number[];
  data_type: DataType;
  /** Little-endian element bytes. */
  raw_data: Uint8Array;
}

export interface AttributeProto {
  name: string;
  type: AttributeType;
  f?: number;
  i?: number;
  ints?: number[];
}

export interface NodeProto {
  name: string;
  op_type: string;
  domain: string;
  input: string[];
  output: string[];
  attribute: AttributeProto[];
}

export interface Dimension {
  dim_value?: number;
  dim_param?: string;
}

export interface ValueInfoProto {
  name: string;
  type: { tensor_type: { elem_type: DataType; shape: { dim: Dimension[] } } };
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
}

export interface OperatorSetIdProto {
  domain: string;
  version: number;
}

export interface StringStringEntryProto {
  key: string;
  value: string;
}

export interface ModelProto {
  ir_version: number;
  producer_name: string;
  producer_version: string;
  graph: GraphProto;
  opset_import: OperatorSetIdProto[];
  metadata_props: StringStringEntryProto[];
}

const root = parse(ONNX_PROTO, { keepCase: true }).root;

export const ModelProtoType: Type = root.lookupType('onnx.ModelProto');
export const StringStringEntryProtoType: Type = root.lookupType('onnx.StringStringEntryProto');

/** Serialises a model to the bytes of an .onnx file. */
export function encodeModel(model: ModelProto): Uint8Array {
  return ModelProtoType.encode(model).finish();
}
