import type { Config } from '../../core/config/config';
import { connectionEnv, redactUrl } from '../../core/config/config';
import type { Logger } from '../../core/logging/logger';
import { serveMetrics } from '../../workers/metrics/metrics-server';
import { apiComponent, workerComponent } from './app-processes';
import { resolveBinaries } from './binaries';
import type { BinaryName } from './binaries';
import { START_ORDER, startComponent } from './component';
import type { Component, ComponentName } from './component';
import type { ManagedProcess } from './managed-process';
import { assertPortsFree, workerMetricsPortClaims } from '../../core/ports';
import type { PortClaim } from '../../core/ports';
import {
  checkPostgresDataDir,
  postgresComponent,
  postgresPorts,
  preparePostgresAccess,
  withEmbeddedPostgresPassword,
} from './postgres';
import { provision } from './provision';
import { seaweedComponent, seaweedPortClaims } from './seaweed';
import { createStackMetrics } from './stack-metrics';
import { Supervisor } from './supervisor';
import type { CrashLoop } from './supervisor';
import { temporalComponent, temporalPortClaims } from './temporal-server';

export type { ComponentName } from './component';
export type { CrashLoop } from './supervisor';

export interface StackOptions {
  config: Config;
  logger: Logger;
  /** Start the pipeline worker (default true). */
  worker?: boolean;
  /** Start the API (default true). */
  api?: boolean;
  /** Serve the restart metrics on STACK_METRICS_PORT (`rakuten dev` does; default false). */
  metrics?: boolean;
  /** A component was restarted: its process id changed. */
  onRestarted?: (name: ComponentName, proc: ManagedProcess) => void;
}

export interface RunningStack {
  /** Settings that reach the running services; pass `connectionEnv(config)` to other processes. */
  config: Config;
  /** The process serving each component now (a restart replaces it). */
  readonly processes: ReadonlyMap<ComponentName, ManagedProcess>;
  urls: Record<string, string>;
  /** Resolves when a component crashed too often to go on restarting it; the stack stays up. */
  gaveUp: Promise<CrashLoop>;
  /** Stops one component, leaving the rest running. */
  stopComponent(name: ComponentName): Promise<void>;
  /** Stops everything, the last started first. */
  stop(): Promise<void>;
}

/**
 * Starts the embedded services the configuration asks for (those without a production address),
 * provisions them, then the worker and the API. Every port is checked before anything starts,
 * and a failure part-way stops what had started. Each component is then supervised: restarted
 * when it exits unexpectedly (see supervisor.ts).
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { logger } = options;
  const withWorker = options.worker ?? true;
  const withApi = options.api ?? true;
  const withMetrics = (options.metrics ?? false) && options.config.metrics.stackPort > 0;

  const claims: PortClaim[] = [
    ...(options.config.postgres.embedded ? postgresPorts(options.config) : []),
    ...(options.config.s3.embedded ? seaweedPortClaims(options.config) : []),
    ...(options.config.temporal.embedded ? temporalPortClaims(options.config) : []),
    ...(withApi ? [{ port: options.config.api.port, purpose: 'API', variable: 'API_PORT' }] : []),
    ...(withWorker ? workerMetricsPortClaims(options.config.metrics) : []),
    ...(withMetrics
      ? [
          {
            port: options.config.metrics.stackPort,
            purpose: 'metrics of rakuten dev',
            variable: 'STACK_METRICS_PORT',
          },
        ]
      : []),
  ];
  await assertPortsFree(claims);
  if (options.config.postgres.embedded) {
    checkPostgresDataDir(options.config.postgres.dataDir);
    preparePostgresAccess(options.config);
  }
  const config = withEmbeddedPostgresPassword(options.config);

  const needed: BinaryName[] = [
    ...(config.temporal.embedded ? (['temporal'] as const) : []),
    ...(config.s3.embedded ? (['weed'] as const) : []),
  ];
  const binaries =
    needed.length > 0
      ? resolveBinaries(needed, {
          toolsDir: config.toolsDir,
          logger: logger.child({ component: 'tools' }),
        })
      : undefined;

  const metrics = createStackMetrics();
  const supervisors = new Map<ComponentName, Supervisor>();
  const components: Component[] = [];
  let reportGaveUp: (loop: CrashLoop) => void = () => undefined;
  const gaveUp = new Promise<CrashLoop>((resolve) => (reportGaveUp = resolve));

  const launch = async (component: Component) => {
    components.push(component);
    const proc = await startComponent(component);
    supervisors.set(
      component.name,
      new Supervisor(proc, {
        component,
        logger: logger.child({ component: component.name }),
        metrics,
        onRestarted: (next) => options.onRestarted?.(component.name, next),
        onGaveUp: reportGaveUp,
      }),
    );
  };

  const stopComponent = async (name: ComponentName) => {
    const supervisor = supervisors.get(name);
    if (!supervisor) return;
    logger.info({ component: name }, `stopping ${name}`);
    await supervisor.stop();
  };
  let served: { url: string; close(): Promise<void> } | undefined;
  // Whatever order the servers came up in, they go down in the reverse of this one.
  const stop = async () => {
    for (const name of [...START_ORDER].reverse()) await stopComponent(name);
    for (const component of components) await component.close?.();
    await served?.close();
  };

  try {
    // The three servers do not depend on each other, so they start side by side.
    const infra = await Promise.allSettled([
      config.postgres.embedded
        ? launch(postgresComponent(config, logger.child({ component: 'postgres' })))
        : undefined,
      config.s3.embedded && binaries
        ? launch(seaweedComponent(config, binaries.weed, logger.child({ component: 's3' })))
        : undefined,
      config.temporal.embedded && binaries
        ? launch(
            temporalComponent(config, binaries.temporal, logger.child({ component: 'temporal' })),
          )
        : undefined,
    ]);
    const failed = infra.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    await provision(config, logger.child({ component: 'setup' }));

    const childEnv = {
      ...process.env,
      ...connectionEnv(config),
      LOG_FORMAT: 'json',
      LOG_LEVEL: config.log.level,
      // Where this stack's worker serves its metrics, as the status block announces them.
      METRICS_HOST: config.metrics.host,
      WORKER_METRICS_PORT: String(config.metrics.workerPort),
      TEMPORAL_METRICS_PORT: String(config.metrics.temporalSdkPort),
    };
    if (withWorker) await launch(workerComponent(config, childEnv, logger));
    if (withApi) await launch(apiComponent(config, childEnv, logger));
    if (withMetrics) {
      served = await serveMetrics(metrics.registry, {
        host: config.metrics.host,
        port: config.metrics.stackPort,
        logger,
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const urls: Record<string, string> = {};
  if (withApi) urls.api = config.api.url;
  if (withApi) urls.console = `${config.api.url}/ui`;
  if (config.temporal.embedded) urls.temporalUi = `http://127.0.0.1:${config.temporal.uiPort}`;
  urls.temporal = config.temporal.address;
  urls.s3 = config.s3.endpoint;
  urls.postgres = redactUrl(config.postgres.url);
  const { host, workerPort, temporalSdkPort, temporalServerPort } = config.metrics;
  const metricsUrl = (port: number) =>
    `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/metrics`;
  if (withApi) urls.apiMetrics = `${config.api.url}/metrics`;
  if (withWorker && workerPort > 0) urls.workerMetrics = metricsUrl(workerPort);
  if (withWorker && temporalSdkPort > 0) urls.workerSdkMetrics = metricsUrl(temporalSdkPort);
  if (config.temporal.embedded && temporalServerPort > 0)
    urls.temporalMetrics = `http://127.0.0.1:${temporalServerPort}/metrics`;
  if (served) urls.stackMetrics = served.url;

  return {
    config,
    get processes() {
      return new Map([...supervisors].map(([name, s]) => [name, s.process]));
    },
    urls,
    gaveUp,
    stopComponent,
    stop,
  };
}
