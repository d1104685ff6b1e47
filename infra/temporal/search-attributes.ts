import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Connection } from '@temporalio/client';

/** Keys under which pipeline runs can be found in the Temporal UI. */
export const DATASET_VERSION = defineSearchAttributeKey(
  'DatasetVersion',
  SearchAttributeType.KEYWORD,
);
export const MODEL_VERSION = defineSearchAttributeKey('ModelVersion', SearchAttributeType.KEYWORD);

const REQUIRED = [DATASET_VERSION, MODEL_VERSION];

/** Registers the custom search attributes that are missing; returns the names it added. */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = REQUIRED.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [
        key.name,
        temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ]),
    ),
  });
  return missing.map((key) => key.name);
}
