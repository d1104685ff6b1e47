import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import { createLogger } from '../../core/logging/logger';
import { runWorker, WORKER_QUEUES } from '../../workers/run-worker';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description('run workers; start more of them, on more machines, to scale out')
    .option(
      '--queues <list>',
      'task queues to serve: pipeline (workflows, I/O), training (CPU-heavy), or both',
      'pipeline,training',
    )
    .action(async (options: { queues: string }) => {
      const config = loadConfig();
      const queues = options.queues.split(',').map((q) => q.trim());
      const unknown = queues.filter((q) => !(WORKER_QUEUES as readonly string[]).includes(q));
      if (unknown.length > 0 || queues.length === 0) {
        throw new UserError(`--queues takes ${WORKER_QUEUES.join(', ')}; got ${options.queues}`);
      }
      await runWorker(
        config,
        createLogger(config.log, 'worker'),
        queues as (typeof WORKER_QUEUES)[number][],
      );
    });
}
