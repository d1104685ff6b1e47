import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ModelArtifacts } from '../../models/artifacts';
import type { Logger } from '../../core/logging/logger';
import type {
  InferenceReply,
  InferenceRequest,
  InferenceThreadData,
  ScoredProduct,
} from './inference-messages';
import type { ServingMetrics } from './metrics';
import { ModelLoadError } from './model-files';
import type { ProductText } from './product-text';

/** Long enough for a batch of 1,000 long products to finish. */
const CLOSE_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(scored: ScoredProduct[]): void;
  reject(error: Error): void;
  products: number;
}

interface Thread {
  worker: Worker;
  /** Products sent and not answered yet: the least busy thread gets the next request. */
  queued: number;
  /**
   * Products sent and not finished yet, in memory shared with the thread, which takes each
   * request's products off as soon as it has scored them. `queued` falls only when the event
   * loop reads the answer, which under a flood comes after it has parsed every request waiting
   * on every socket: admission by `queued` would refuse work while the threads sat idle.
   */
  unfinished: Int32Array;
  pending: Map<number, Pending>;
  loads: Map<string, { resolve(): void; reject(error: Error): void }>;
}

/** A prediction that failed in an inference thread (not a bad request: the server's fault). */
export class InferenceError extends Error {
  override name = 'InferenceError';
}

/** MAX_INFLIGHT products are in flight already: the request is refused rather than queued. */
export class OverloadError extends Error {
  override name = 'OverloadError';
}

export interface InferencePoolDeps {
  logger: Logger;
  metrics: ServingMetrics;
  /**
   * Products in flight beyond which `predict` refuses new work (a request is taken while fewer
   * are, so a batch may carry the count past it by its own size). Unbounded if not given.
   */
  maxInflight?: number;
}

/**
 * Featurising and onnxruntime run on worker threads, so the event loop only does HTTP: on this
 * project's 2-core target, one thread doing both topped out at half the throughput. Every
 * thread holds every loaded version; a single request goes to the least busy thread, a batch
 * is split across all of them. A thread that dies is replaced and given the loaded versions
 * again; requests it held fail rather than hang.
 */
export class InferencePool {
  private readonly threads: Thread[];
  /**
   * Loaded versions with how many holders each has: the same version can be both the shadow and,
   * once promoted, the champion, and the first to let go must not unload it from under the other.
   */
  private readonly loaded = new Map<string, { artifacts: ModelArtifacts; holders: number }>();
  private readonly maxInflight: number;
  private nextId = 0;
  private closing = false;
  private closed: Promise<void> | undefined;

  constructor(
    size: number,
    private readonly deps: InferencePoolDeps,
  ) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => this.spawn());
    this.maxInflight = deps.maxInflight ?? Infinity;
    deps.metrics.measureInflight(() => this.unfinished());
    if (Number.isFinite(this.maxInflight)) deps.metrics.inflightLimit.set(this.maxInflight);
  }

  /** Whether new work is refused now: the threads have MAX_INFLIGHT products to score. */
  get saturated(): boolean {
    return Number.isFinite(this.maxInflight) && this.unfinished() >= this.maxInflight;
  }

  /** Products the threads have been sent and not scored yet. */
  private unfinished(): number {
    let count = 0;
    for (const t of this.threads) count += Atomics.load(t.unfinished, 0);
    return count;
  }

  /**
   * Loads and smoke-tests a version on every thread; if any thread fails, on none. Loading a
   * version already loaded adds a holder: each `load` is matched by one `unload`.
   */
  async load(version: string, artifacts: ModelArtifacts): Promise<void> {
    const held = this.loaded.get(version);
    if (held) {
      held.holders++;
      return;
    }
    try {
      await Promise.all(this.threads.map((t) => this.loadOn(t, version, artifacts)));
    } catch (error) {
      this.post({ type: 'unload', version });
      throw error instanceof ModelLoadError ? error : new ModelLoadError(String(error));
    }
    // Another load of it may have finished meanwhile: one entry, both holders.
    const meanwhile = this.loaded.get(version);
    if (meanwhile) meanwhile.holders++;
    else this.loaded.set(version, { artifacts, holders: 1 });
  }

  /** Lets go of a version; the threads drop it when its last holder has. */
  unload(version: string): void {
    const held = this.loaded.get(version);
    if (!held || --held.holders > 0) return;
    this.loaded.delete(version);
    this.post({ type: 'unload', version });
  }

  /**
   * Scores products on a loaded version, in their order, spread over the threads; an
   * OverloadError, before anything is sent, while the pool is saturated.
   */
  async predict(version: string, products: ProductText[], topK: number): Promise<ScoredProduct[]> {
    if (this.closing) throw new InferenceError('the inference threads are closed');
    if (this.saturated) {
      throw new OverloadError(
        `the server is at capacity (${this.maxInflight} products in flight): try again shortly`,
      );
    }
    if (products.length <= 1) return this.send(this.leastBusy(), version, products, topK);
    const share = Math.ceil(products.length / this.threads.length);
    const parts = await Promise.all(
      this.threads.map((t, i) =>
        i * share < products.length
          ? this.send(t, version, products.slice(i * share, (i + 1) * share), topK)
          : Promise.resolve([]),
      ),
    );
    return parts.flat();
  }

  /** Lets each thread finish what it is running and end; a thread stuck past that is killed. */
  close(): Promise<void> {
    this.closed ??= this.closeThreads();
    return this.closed;
  }

  private async closeThreads(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.threads.map(async (t) => {
        const exited = new Promise((resolve) => t.worker.once('exit', resolve));
        t.worker.postMessage({ type: 'close' } satisfies InferenceRequest);
        const timer = setTimeout(() => void t.worker.terminate(), CLOSE_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private leastBusy(): Thread {
    let best = this.threads[0]!;
    for (const t of this.threads) if (t.queued < best.queued) best = t;
    return best;
  }

  private send(
    thread: Thread,
    version: string,
    products: ProductText[],
    topK: number,
  ): Promise<ScoredProduct[]> {
    const id = this.nextId++;
    thread.queued += products.length;
    Atomics.add(thread.unfinished, 0, products.length);
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject, products: products.length });
      thread.worker.postMessage({
        type: 'predict',
        id,
        version,
        products,
        topK,
      } satisfies InferenceRequest);
    });
  }

  private loadOn(thread: Thread, version: string, artifacts: ModelArtifacts): Promise<void> {
    return new Promise((resolve, reject) => {
      thread.loads.set(version, { resolve, reject });
      thread.worker.postMessage({ type: 'load', version, ...artifacts } satisfies InferenceRequest);
    });
  }

  private post(message: InferenceRequest): void {
    for (const t of this.threads) t.worker.postMessage(message);
  }

  private spawn(): Thread {
    const unfinished = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const thread: Thread = {
      worker: new Worker(path.join(__dirname, 'inference-worker.js'), {
        workerData: { unfinished } satisfies InferenceThreadData,
      }),
      queued: 0,
      unfinished,
      pending: new Map(),
      loads: new Map(),
    };
    thread.worker.on('message', (reply: InferenceReply) => this.onReply(thread, reply));
    thread.worker.on('error', (error) => this.onExit(thread, error));
    thread.worker.on('exit', (code) => this.onExit(thread, new Error(`exit code ${code}`)));
    return thread;
  }

  private onReply(thread: Thread, reply: InferenceReply): void {
    if (reply.type === 'loaded') {
      const waiting = thread.loads.get(reply.version);
      thread.loads.delete(reply.version);
      if (reply.error) waiting?.reject(new ModelLoadError(reply.error));
      else waiting?.resolve();
      return;
    }
    const pending = thread.pending.get(reply.id);
    if (!pending) return;
    thread.pending.delete(reply.id);
    thread.queued -= pending.products;
    if (reply.scored) pending.resolve(reply.scored);
    else pending.reject(new InferenceError(reply.error ?? 'inference failed'));
  }

  /** Fails what the dead thread held, and puts a fresh thread with every loaded version in. */
  private onExit(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return; // 'error' and then 'exit' of the same thread
    const reason = new InferenceError(`an inference thread stopped: ${error.message}`);
    thread.queued = 0;
    for (const p of thread.pending.values()) p.reject(reason);
    for (const l of thread.loads.values()) l.reject(new ModelLoadError(reason.message));
    if (this.closing) return;
    this.deps.logger.error({ error: error.message }, 'inference thread stopped; replacing it');
    this.deps.metrics.inferenceThreadRestarts.inc();
    const fresh = this.spawn();
    this.threads[index] = fresh;
    for (const [version, { artifacts }] of this.loaded) {
      this.loadOn(fresh, version, artifacts).catch((e: unknown) =>
        this.deps.logger.error(
          { version, error: String(e) },
          'a replacement inference thread failed to load a version',
        ),
      );
    }
  }
}
