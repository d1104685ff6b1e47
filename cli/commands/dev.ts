import type { Command } from 'commander';
import { connectionEnv, loadConfig } from '../../core/config/config';
import { removeStackFile, writeStackFile } from '../../core/config/stack-file';
import { createLogger } from '../../core/logging/logger';
import { ManagedProcess } from '../../infra/stack/managed-process';
import { claimDataDir } from '../../infra/stack/orphans';
import { startStack } from '../../infra/stack/stack';
import { bootstrapDemoData } from '../demo-bootstrap';
import { formatStatusBlock } from '../status-block';

export function register(command: Command): void {
  command
    .description('run the whole stack on this machine: Temporal, PostgreSQL, S3, worker and API')
    .action(runDev);
}

/** `rakuten dev`: the embedded stack in the foreground until Ctrl-C or SIGTERM. */
async function runDev(): Promise<void> {
  const config = loadConfig(process.env, { useRunningStack: false });
  const logger = createLogger(config.log);
  await claimDataDir(config.dataDir, logger);

  // Children run in process groups of their own, so Ctrl-C reaches only this process, which
  // must then stop them itself, also while they are still starting. Later signals are ignored
  // rather than killing this process half-way through the shutdown.
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) return;
      received = true;
      logger.info(`${signal}: shutting down the stack`);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

  const started = performance.now();
  const starting = startStack({ config, logger });
  const first = await Promise.race([starting.then(() => 'started' as const), stopSignal]);
  if (first !== 'started') {
    // Interrupted during start-up: stop whatever has been spawned so far, newest first; the
    // start-up then fails fast, as what it waits for is gone.
    await ManagedProcess.shutdownAll();
    await Promise.allSettled([starting]);
    removeStackFile(config.dataDir);
    process.exitCode = 130;
    return;
  }
  const stack = await starting;
  writeStackFile(config.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    env: connectionEnv(stack.config),
    urls: stack.urls,
    children: Object.fromEntries([...stack.processes].map(([name, proc]) => [name, proc.pid])),
  });
  process.stdout.write(formatStatusBlock(stack, (performance.now() - started) / 1000) + '\n');
  // Demo data must not hold up the stack, nor bring it down when it fails.
  bootstrapDemoData(stack.config, logger).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not load the demo data'),
  );

  await stopSignal;
  await stack.stop();
  removeStackFile(config.dataDir);
  logger.info('stack stopped');
}
