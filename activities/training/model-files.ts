import type { ModelArtifacts } from '../../models/artifacts';
import { CARD_FILE, FEATURIZER_FILE, MODEL_FILE } from '../../models/artifacts';
import type { ObjectStore } from '../../core/storage/object-store';
import { readObject } from '../../core/storage/objects';

export const REPORT_FILE = 'report.html';

/** Where a model version's files live in the models bucket. */
export const modelFileKey = (version: string, file: string) => `${version}/${file}`;
/** Intermediate files of a training run: kept apart from the version's artifacts. */
export const runFileKey = (version: string, file: string) => `runs/${version}/${file}`;

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
