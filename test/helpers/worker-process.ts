import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * A worker in a process of its own (a `test/helpers/*-worker-main.ts` script), for tests that
 * kill one mid-activity; resolves once it says it polls.
 */
export async function startWorkerProcess(
  script: string,
  taskQueue: string,
  env: NodeJS.ProcessEnv,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, script), taskQueue],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
  return child;
}

/** SIGKILL, as a crash: no drain, no goodbye to the server. */
export function killWorkerProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
