import { Classifier } from '../models/classifier';
import type { ModelArtifacts } from '../models/artifacts';
import { ModelLoadError } from './model-files';

/**
 * A model version in memory, counting the requests using it, so that a version swapped out is
 * released only once the last of them has finished.
 */
export class LoadedModel {
  private inflight = 0;
  private retired = false;
  readonly loadedAt = new Date();

  private constructor(
    readonly version: string,
    readonly classifier: Classifier,
  ) {}

  /** Loads and smoke-tests a version: it must give a finite, normalised answer. */
  static async load(version: string, artifacts: ModelArtifacts): Promise<LoadedModel> {
    const classifier = await Classifier.load(artifacts);
    try {
      const smoke = await classifier.predict('Piscine tubulaire 300 x 76 cm', 'avec pompe');
      const total = smoke.top.reduce((sum, t) => sum + t.probability, 0);
      if (!Number.isFinite(smoke.probability) || !(total > 0 && total <= 1 + 1e-6)) {
        throw new ModelLoadError(`${version} fails its smoke test: ${JSON.stringify(smoke)}`);
      }
    } catch (error) {
      await classifier.release();
      throw error;
    }
    return new LoadedModel(version, classifier);
  }

  acquire(): this {
    this.inflight++;
    return this;
  }

  release(): void {
    this.inflight--;
    if (this.retired && this.inflight === 0) void this.classifier.release();
  }

  /** Swapped out: freed when the requests still on it are done. */
  retire(): void {
    this.retired = true;
    if (this.inflight === 0) void this.classifier.release();
  }
}
