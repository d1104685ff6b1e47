import { after } from 'node:test';
import type { Config } from '../../core/config/config';
import { connectionEnv, loadConfig } from '../../core/config/config';
import { createLogger } from '../../core/logging/logger';
import { startStack } from '../../infra/stack/stack';
import type { RunningStack } from '../../infra/stack/stack';
import { makeDataDir, removeDataDir } from './data-dir';
import { freeStackPorts } from './ports';

/** Set by test/run.ts, which starts one stack for the whole run. */
export const SHARED_STACK_ENV = 'RAKUTEN_TEST_STACK';

export interface TestStack {
  stack: RunningStack;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts real PostgreSQL, SeaweedFS and a Temporal dev server on free ports with a throw-away
 * data folder, the same way `rakuten dev` does. Workers and the API are left to the tests,
 * which start their own with the activities they need.
 */
export async function startTestStack(
  options: { worker?: boolean; api?: boolean; logLevel?: string } = {},
): Promise<TestStack> {
  const dataDir = makeDataDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(await freeStackPorts()),
    DATA_DIR: dataDir,
    LOG_FORMAT: 'json',
  };
  for (const key of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'S3_ENDPOINT']) delete env[key];
  const config = loadConfig(env, { useRunningStack: false });
  const logger = createLogger({ format: 'json', level: options.logLevel ?? 'warn' }, 'test-stack');
  const stack = await startStack({
    config,
    logger,
    worker: options.worker ?? false,
    api: options.api ?? false,
  });
  return {
    stack,
    dataDir,
    stop: async () => {
      await stack.stop();
      removeDataDir(dataDir);
    },
  };
}

/** The run's shared stack; a test file run on its own starts (and stops) one for itself. */
export async function sharedStackConfig(): Promise<Config> {
  const published = process.env[SHARED_STACK_ENV];
  if (published) {
    return loadConfig(
      { ...process.env, ...(JSON.parse(published) as Record<string, string>) },
      { useRunningStack: false },
    );
  }
  const own = await startTestStack();
  after(() => own.stop());
  return loadConfig(
    { ...process.env, ...connectionEnv(own.stack.config) },
    { useRunningStack: false },
  );
}
