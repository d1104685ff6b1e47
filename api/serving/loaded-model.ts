import type { ModelArtifacts } from '../../models/artifacts';
import type { ModelCard } from '../../models/card';
import type { ScoredProduct } from './inference-messages';
import type { InferencePool } from './inference-pool';
import type { ProductText } from './product-text';

/**
 * A model version loaded in every inference thread, counting the requests using it, so that a
 * version swapped out is unloaded only once the last of them has finished.
 */
export class LoadedModel {
  private inflight = 0;
  private retired = false;
  /** The pool counts holders: this one lets go exactly once. */
  private unloaded = false;
  readonly loadedAt = new Date();

  private constructor(
    readonly version: string,
    readonly card: ModelCard,
    private readonly pool: InferencePool,
  ) {}

  /** Loads and smoke-tests a version in the pool's threads; throws if any thread fails. */
  static async load(
    version: string,
    artifacts: ModelArtifacts,
    pool: InferencePool,
  ): Promise<LoadedModel> {
    const card = JSON.parse(artifacts.card) as ModelCard;
    await pool.load(version, artifacts);
    return new LoadedModel(version, card, pool);
  }

  predict(products: ProductText[], topK: number): Promise<ScoredProduct[]> {
    return this.pool.predict(this.version, products, topK);
  }

  acquire(): this {
    this.inflight++;
    return this;
  }

  release(): void {
    this.inflight--;
    if (this.retired && this.inflight === 0) this.unload();
  }

  /** Swapped out: unloaded when the requests still on it are done. */
  retire(): void {
    this.retired = true;
    if (this.inflight === 0) this.unload();
  }

  private unload(): void {
    if (this.unloaded) return;
    this.unloaded = true;
    this.pool.unload(this.version);
  }
}
