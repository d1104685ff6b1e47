import type { ModelArtifacts } from '../../models/artifacts';
import { fetchModelArtifacts } from '../../core/storage/model-artifacts';
import type { ArtifactRecord } from '../../core/storage/model-artifacts';
import type { ObjectStore } from '../../core/storage/object-store';

export const REPORT_FILE = 'report.html';

/** Where a model version's files live in the models bucket. */
export const modelFileKey = (version: string, file: string) => `${version}/${file}`;
/** Intermediate files of a training run: kept apart from the version's artifacts. */
export const runFileKey = (version: string, file: string) => `runs/${version}/${file}`;

/**
 * A version's three serving files from the models bucket, as the Classifier loads them, each
 * checked against the sha256 its registry row records (the API's fetch, without its cache).
 */
export function readModelArtifacts(
  store: ObjectStore,
  record: ArtifactRecord,
): Promise<ModelArtifacts> {
  return fetchModelArtifacts(store, record);
}
