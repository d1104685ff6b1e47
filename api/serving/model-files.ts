import type { ModelArtifacts } from '../../models/artifacts';
import type { ModelVersionRow } from '../../activities/registry/versions';
import { ArtifactRecordError, fetchModelArtifacts } from '../../core/storage/model-artifacts';
import { IntegrityError } from '../../core/storage/integrity';
import type { ObjectStore } from '../../core/storage/object-store';

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/**
 * A version's serving files, through the local cache, each checked against the sha256 the
 * registry recorded at export (the same verified fetch the worker uses); a version whose files
 * do not verify is a ModelLoadError, so it never replaces the one serving.
 */
export async function fetchModelFiles(
  store: ObjectStore,
  model: ModelVersionRow,
  cacheDir: string,
): Promise<ModelArtifacts> {
  try {
    return await fetchModelArtifacts(store, model, { cacheDir });
  } catch (error) {
    if (error instanceof IntegrityError || error instanceof ArtifactRecordError) {
      throw new ModelLoadError(error.message);
    }
    throw error;
  }
}
