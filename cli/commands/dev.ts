import type { Command } from 'commander';
import { connectionEnv, loadConfig } from '../../core/config/config';
import { removeStackFile, writeStackFile } from '../../core/config/stack-file';
import { createLogger } from '../../core/logging/logger';
import { StackError } from '../../core/stack-error';
import { ManagedProcess } from '../../infra/stack/managed-process';
import { claimDataDir } from '../../infra/stack/orphans';
import { startStack } from '../../infra/stack/stack';
import type { CrashLoop, RunningStack } from '../../infra/stack/stack';
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

  // The stack file names every child's process group, so that a start after a kill -9 of this
  // process stops them: it is rewritten whenever a restart gives a component a new process.
  const published: { stack?: RunningStack; startedAt?: string } = {};
  const publish = () => {
    const { stack, startedAt } = published;
    if (!stack || !startedAt) return;
    writeStackFile(config.dataDir, {
      pid: process.pid,
      startedAt,
      env: connectionEnv(stack.config),
      urls: stack.urls,
      children: Object.fromEntries([...stack.processes].map(([name, proc]) => [name, proc.pid])),
    });
  };

  const started = performance.now();
  const starting = startStack({ config, logger, metrics: true, onRestarted: publish });
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
  Object.assign(published, { stack, startedAt: new Date().toISOString() });
  publish();
  process.stdout.write(formatStatusBlock(stack, (performance.now() - started) / 1000) + '\n');
  // Demo data must not hold up the stack, nor bring it down when it fails.
  bootstrapDemoData(stack.config, logger).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not load the demo data'),
  );

  const end = await Promise.race([stopSignal, stack.gaveUp]);
  await stack.stop();
  removeStackFile(config.dataDir);
  if (typeof end === 'string') {
    logger.info('stack stopped');
    return;
  }
  throw new StackError(crashLoopLine(end));
}

/** The one line that says which component brought the stack down, and what it said last. */
function crashLoopLine(loop: CrashLoop): string {
  if (loop.cannotStart !== undefined)
    return `${loop.component} died and could not be started again (${loop.cannotStart}), so the stack was stopped.`;
  const minutes = loop.windowMs / 60_000;
  const said =
    loop.lastLines.length > 0
      ? ` Its last lines: ${loop.lastLines.map((l) => `"${l}"`).join(' | ')}`
      : ' It wrote nothing.';
  return `${loop.component} crashed ${loop.crashes} times within ${minutes} minutes, so the stack was stopped.${said}`;
}
