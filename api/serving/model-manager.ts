import type { Db } from '../../core/db/connect';
import type { Logger } from '../../core/logging/logger';
import { championOf } from '../../activities/registry/champion';
import { getModel, listModels } from '../../activities/registry/versions';
import type { ObjectStore } from '../../core/storage/object-store';
import type { InferencePool } from './inference-pool';
import { LoadedModel } from './loaded-model';
import { fetchModelFiles } from './model-files';
import type { ServingMetrics } from './metrics';

export interface ModelManagerDeps {
  db: Db;
  store: ObjectStore;
  cacheDir: string;
  metrics: ServingMetrics;
  logger: Logger;
  /** Where loaded versions run. */
  pool: InferencePool;
  /** A version to shadow, or `newest-candidate`. */
  shadowVersion?: string;
}

/**
 * Which model serves: the registry's champion, loaded in the background and switched in only
 * once fetched, verified, loaded and smoke-tested. A swap is one assignment: a request holds the
 * model it started on to the end, and a version that fails to load never replaces the one
 * serving.
 */
export class ModelManager {
  private current: LoadedModel | undefined;
  private shadowModel: LoadedModel | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private failedVersion: string | undefined;

  constructor(private readonly deps: ModelManagerDeps) {}

  get active(): LoadedModel | undefined {
    return this.current;
  }

  get shadow(): LoadedModel | undefined {
    return this.shadowModel;
  }

  /** Looks at the registry again; concurrent calls run one after the other. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.sync()).catch(() => undefined);
    return this.refreshing;
  }

  private async sync(): Promise<void> {
    const { db, logger, metrics } = this.deps;
    const champion = await championOf(db);
    if (champion && champion.version !== this.current?.version) {
      const loaded = await this.load(champion.version);
      if (loaded) {
        const previous = this.current;
        this.current = loaded;
        if (previous) metrics.activeModel.remove({ version: previous.version });
        metrics.activeModel.set({ version: loaded.version }, 1);
        previous?.retire();
        logger.info({ version: loaded.version, previous: previous?.version }, 'model switched in');
      }
    }
    await this.syncShadow();
  }

  private async syncShadow(): Promise<void> {
    const wanted = this.deps.shadowVersion;
    if (!wanted) return;
    let version: string | undefined = wanted;
    if (wanted === 'newest-candidate') {
      version = (await listModels(this.deps.db)).find(
        (m) => m.stage === 'registered' && m.version !== this.current?.version,
      )?.version;
    }
    if (!version || version === this.shadowModel?.version) return;
    const loaded = await this.load(version);
    if (!loaded) return;
    const previous = this.shadowModel;
    this.shadowModel = loaded;
    previous?.retire();
    this.deps.logger.info({ version }, 'shadow model loaded');
  }

  private async load(version: string): Promise<LoadedModel | undefined> {
    const { db, store, cacheDir, metrics, logger, pool } = this.deps;
    const started = performance.now();
    try {
      const model = await getModel(db, version);
      const artifacts = await fetchModelFiles(store, model, cacheDir);
      const loaded = await LoadedModel.load(version, artifacts, pool);
      metrics.modelLoadSeconds.observe((performance.now() - started) / 1000);
      this.failedVersion = undefined;
      return loaded;
    } catch (error) {
      // Counted and logged once per version, not on every poll that finds it again.
      if (this.failedVersion !== version) {
        metrics.modelLoadFailures.inc();
        logger.error(
          { version, error: String(error) },
          'model failed to load; the old one keeps serving',
        );
        this.failedVersion = version;
      }
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.refreshing;
    this.current?.retire();
    this.shadowModel?.retire();
  }
}
