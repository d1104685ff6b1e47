import os from 'node:os';
import type { Config } from '../../core/config/config';
import { PIPELINE_TASK_QUEUE } from '../../core/contracts/task-queues';
import { createDb } from '../../core/db/connect';
import type { Db } from '../../core/db/connect';
import { liveWorkers } from '../../core/db/worker-liveness';
import type { Logger } from '../../core/logging/logger';
import { relayPinoLine } from './child-logs';
import { cliCommand } from './cli-command';
import type { Component } from './component';
import { ManagedProcess } from './managed-process';

/** A `rakuten` subcommand as a component, its JSON logs relayed under its name. */
function spawnCli(name: 'worker' | 'api', env: NodeJS.ProcessEnv, logger: Logger): ManagedProcess {
  const [command, args] = cliCommand(name);
  return ManagedProcess.spawn(name, command, args, {
    env,
    logger,
    onLine: (line) => relayPinoLine(logger.child({ component: name }), line),
  });
}

/**
 * `rakuten worker`, ready once its own heartbeat is in `worker_liveness`: it writes it after
 * creating its workers and before their first poll. Temporal's poller list would not do for a
 * restart, as it still shows the dead worker's polls.
 */
export function workerComponent(config: Config, env: NodeJS.ProcessEnv, logger: Logger): Component {
  let db: Db | undefined;
  const host = os.hostname();
  return {
    name: 'worker',
    what: 'worker',
    readyTimeoutMs: 120_000,
    spawn: () => spawnCli('worker', env, logger),
    ready: async (proc) => {
      db ??= createDb(config.postgres.url, { max: 1 });
      const live = await liveWorkers(db, PIPELINE_TASK_QUEUE);
      if (!live.some((w) => w.pid === proc.pid && w.host === host))
        throw new Error(`no heartbeat from the worker (pid ${proc.pid}) yet`);
    },
    close: async () => {
      await db?.destroy();
      db = undefined;
    },
  };
}

/**
 * `rakuten api`. The first start waits for /health to answer 200, which proves the whole stack
 * serves; a restart only for it to answer, as another component may be down at that moment.
 */
export function apiComponent(config: Config, env: NodeJS.ProcessEnv, logger: Logger): Component {
  return {
    name: 'api',
    what: 'api',
    readyTimeoutMs: 120_000,
    spawn: () => spawnCli('api', env, logger),
    ready: async (_proc, restart) => {
      const res = await fetch(`${config.api.url}/health`);
      await res.body?.cancel();
      if (res.status !== 200 && !(restart && res.status === 503))
        throw new Error(`/health answered ${res.status}`);
    },
  };
}
