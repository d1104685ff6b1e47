/**
 * `npm test`: starts one stack of real services for the whole run, runs every test file with
 * node's test runner against it, then stops it. Tests that need to stop or break services start
 * stacks of their own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { connectionEnv } from '../core/config/config';
import { SHARED_STACK_ENV, startTestStack } from './helpers/shared-stack';

async function main(): Promise<number> {
  const testDir = __dirname;
  const requested = process.argv.slice(2);
  const files =
    requested.length > 0
      ? requested
      : fs
          .readdirSync(testDir)
          .filter((f) => f.endsWith('.test.ts'))
          .sort()
          .map((f) => path.join(testDir, f));

  const started = performance.now();
  const shared = await startTestStack();
  process.stdout.write(
    `shared test stack up in ${((performance.now() - started) / 1000).toFixed(1)} s (${shared.dataDir})\n`,
  );
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          [SHARED_STACK_ENV]: JSON.stringify(connectionEnv(shared.stack.config)),
        },
      },
    );
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await shared.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
