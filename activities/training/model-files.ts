import type { ModelArtifacts } from '../../models/artifacts';
import { CARD_FILE, FEATURIZER_FILE, MODEL_FILE } from '../../models/artifacts';
import type { ObjectStore } from '../../core/storage/object-store';

export const REPORT_FILE = 'report.html';

/** Where a model version's files live in the models bucket. */
export const modelFileKey = (version: string, file: string) => `${version}/${file}`;
/** Intermediate files of a training run: kept apart from the version's artifacts. */
export const runFileKey = (version: string, file: string) => `runs/${version}/${file}`;

export async function readObject(store: ObjectStore, bucket: string, key: string): Promise<Buffer> {
  const stream = await store.client.getObject(bucket, key);
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function putObject(
  store: ObjectStore,
  key: string,
  body: Buffer | string,
  contentType: string,
  bucket: string = store.buckets.models,
): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  await store.client.putObject(bucket, key, bytes, bytes.length, {
    'Content-Type': contentType,
  });
}

/** A version's three serving files from the models bucket, as the Classifier loads them. */
export async function readModelArtifacts(
  store: ObjectStore,
  version: string,
): Promise<ModelArtifacts> {
  const [onnx, featurizer, card] = await Promise.all(
    [MODEL_FILE, FEATURIZER_FILE, CARD_FILE].map((file) =>
      readObject(store, store.buckets.models, modelFileKey(version, file)),
    ),
  );
  return { onnx: onnx!, featurizer: featurizer!.toString('utf8'), card: card!.toString('utf8') };
}
