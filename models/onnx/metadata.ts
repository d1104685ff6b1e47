import { Reader } from 'protobufjs';
import { StringStringEntryProtoType } from './onnx-proto';

/** Keys of the model's metadata_props that the exporter itself writes. */
export const META_CODES = 'codes';
export const META_TEMPERATURE = 'temperature';
export const META_KIND = 'kind';
export const META_FEATURES = 'n_features';
export const RESERVED_KEYS: readonly string[] = [
  META_CODES,
  META_TEMPERATURE,
  META_KIND,
  META_FEATURES,
];

const METADATA_PROPS_FIELD = 14;

/**
 * The metadata_props of an .onnx file. Reads only the top-level fields and skips the graph, so
 * a 20 MB model costs no decoding of its weights.
 */
export function readOnnxMetadata(bytes: Uint8Array): Record<string, string> {
  const reader = Reader.create(bytes);
  const out: Record<string, string> = {};
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 !== METADATA_PROPS_FIELD) {
      reader.skipType(tag & 7);
      continue;
    }
    const entry = StringStringEntryProtoType.decode(reader, reader.uint32()) as unknown as {
      key?: string;
      value?: string;
    };
    if (entry.key !== undefined) out[entry.key] = entry.value ?? '';
  }
  return out;
}
