import type { Config } from '../../core/config/config';
import { connectionEnv, redactUrl } from '../../core/config/config';
import type { Logger } from '../../core/logging/logger';
import { connectClient } from '../../core/temporal/connection';
import { countLivePollers } from '../../core/temporal/pollers';
import { PIPELINE_TASK_QUEUE } from '../../core/contracts/task-queues';
import { resolveBinaries } from './binaries';
import type { BinaryName } from './binaries';
import { relayPinoLine } from './child-logs';
import { cliCommand } from './cli-command';
import { ManagedProcess, waitUntilReady } from './managed-process';
import { assertPortsFree, workerMetricsPortClaims } from '../../core/ports';
import type { PortClaim } from '../../core/ports';
import { checkPostgresDataDir, postgresPorts, startPostgres } from './postgres';
import { provision } from './provision';
import { seaweedPortClaims, startSeaweed } from './seaweed';
import { startTemporalServer, temporalPortClaims } from './temporal-server';

const START_ORDER = ['postgres', 's3', 'temporal', 'worker', 'api'] as const;
export type ComponentName = (typeof START_ORDER)[number];

export interface StackOptions {
  config: Config;
  logger: Logger;
  /** Start the pipeline worker (default true). */
  worker?: boolean;
  /** Start the API (default true). */
  api?: boolean;
}

export interface RunningStack {
  /** Settings that reach the running services; pass `connectionEnv(config)` to other processes. */
  config: Config;
  processes: Map<ComponentName, ManagedProcess>;
  urls: Record<string, string>;
  /** Stops one component, leaving the rest running. */
  stopComponent(name: ComponentName): Promise<void>;
  /** Stops everything, the last started first. */
  stop(): Promise<void>;
}

/**
 * Starts the embedded services the configuration asks for (those without a production address),
 * provisions them, then the worker and the API. Every port is checked before anything starts,
 * and a failure part-way stops what had started.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, logger } = options;
  const withWorker = options.worker ?? true;
  const withApi = options.api ?? true;

  const claims: PortClaim[] = [
    ...(config.postgres.embedded ? postgresPorts(config) : []),
    ...(config.s3.embedded ? seaweedPortClaims(config) : []),
    ...(config.temporal.embedded ? temporalPortClaims(config) : []),
    ...(withApi ? [{ port: config.api.port, purpose: 'API', variable: 'API_PORT' }] : []),
    ...(withWorker ? workerMetricsPortClaims(config.metrics) : []),
  ];
  await assertPortsFree(claims);
  if (config.postgres.embedded) checkPostgresDataDir(config.postgres.dataDir);

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

  const processes = new Map<ComponentName, ManagedProcess>();
  const track = (name: ComponentName, proc: ManagedProcess) => {
    processes.set(name, proc);
    void proc.exited.then((exit) => {
      if (!proc.isStopping) {
        logger.error(
          { component: name, ...exit },
          `${name} exited unexpectedly; the rest of the stack keeps running`,
        );
      }
    });
  };

  const stopComponent = async (name: ComponentName) => {
    const proc = processes.get(name);
    if (!proc) return;
    logger.info({ component: name }, `stopping ${name}`);
    await proc.stop();
  };
  // Whatever order the servers came up in, they go down in the reverse of this one.
  const stop = async () => {
    for (const name of [...START_ORDER].reverse()) await stopComponent(name);
  };

  try {
    // The three servers do not depend on each other, so they start side by side.
    const infra = await Promise.allSettled([
      config.postgres.embedded
        ? startPostgres(config, logger.child({ component: 'postgres' })).then((p) =>
            track('postgres', p),
          )
        : undefined,
      config.s3.embedded && binaries
        ? startSeaweed(config, binaries.weed, logger.child({ component: 's3' })).then((p) =>
            track('s3', p),
          )
        : undefined,
      config.temporal.embedded && binaries
        ? startTemporalServer(
            config,
            binaries.temporal,
            logger.child({ component: 'temporal' }),
          ).then((p) => track('temporal', p))
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
    if (withWorker) track('worker', await startWorkerProcess(config, childEnv, logger));
    if (withApi) track('api', await startApiProcess(config, childEnv, logger));
  } catch (error) {
    await stop();
    throw error;
  }

  const urls: Record<string, string> = {};
  if (withApi) urls.api = config.api.url;
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
  return { config, processes, urls, stopComponent, stop };
}

/** Runs a `rakuten` subcommand as a component, relaying its JSON logs, until `ready` passes. */
async function startChild(
  name: 'worker' | 'api',
  env: NodeJS.ProcessEnv,
  logger: Logger,
  ready: () => Promise<void>,
): Promise<ManagedProcess> {
  const [command, args] = cliCommand(name);
  const proc = ManagedProcess.spawn(name, command, args, {
    env,
    logger,
    onLine: (line) => relayPinoLine(logger.child({ component: name }), line),
  });
  await waitUntilReady(proc, ready, { timeoutMs: 120_000, what: name });
  return proc;
}

async function startWorkerProcess(
  config: Config,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<ManagedProcess> {
  const { connection } = await connectClient(config.temporal);
  try {
    return await startChild('worker', env, logger, async () => {
      const pollers = await countLivePollers(
        connection,
        config.temporal.namespace,
        PIPELINE_TASK_QUEUE,
      );
      if (pollers === 0) throw new Error(`no poller on '${PIPELINE_TASK_QUEUE}' yet`);
    });
  } finally {
    await connection.close();
  }
}

function startApiProcess(
  config: Config,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<ManagedProcess> {
  return startChild('api', env, logger, async () => {
    const res = await fetch(`${config.api.url}/health`);
    if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
  });
}
