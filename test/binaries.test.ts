import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../core/config/config';
import { createLogger } from '../core/logging/logger';
import { PIP_PACKAGES, resolveBinaries } from '../infra/stack/binaries';
import { StackError } from '../core/stack-error';
import { makeDataDir, removeDataDir } from './helpers/data-dir';

const logger = createLogger({ format: 'json', level: 'silent' });

describe('finding temporal and weed', () => {
  const scratch = makeDataDir();
  after(() => removeDataDir(scratch));

  it('prefers PATH, then the tools folder', () => {
    const onPath = path.join(scratch, 'path');
    fs.mkdirSync(onPath);
    fs.writeFileSync(path.join(onPath, 'temporal'), '#!/bin/sh\n', { mode: 0o755 });
    // The project's tools folder holds weed (the test run installed it there).
    const { toolsDir } = loadConfig({}, { useRunningStack: false });
    const found = resolveBinaries(['temporal', 'weed'], {
      toolsDir,
      logger,
      pathEnv: onPath,
      pythons: [],
    });
    assert.equal(found.temporal, path.join(onPath, 'temporal'));
    assert.equal(found.weed, path.join(toolsDir, 'bin', 'weed'));
  });

  it('says exactly what to install when neither PATH, the tools folder nor pip has them', () => {
    const emptyTools = path.join(scratch, 'tools');
    assert.throws(
      () =>
        resolveBinaries(['temporal', 'weed'], {
          toolsDir: emptyTools,
          logger,
          pathEnv: '',
          pythons: ['/nonexistent/python3'],
        }),
      (error: unknown) =>
        error instanceof StackError &&
        error.message.includes('`temporal` and `weed`') &&
        error.message.includes(`pip install --target ${emptyTools} ${PIP_PACKAGES.join(' ')}`) &&
        error.message.includes('/nonexistent/python3'),
    );
    assert.equal(
      fs.existsSync(`${emptyTools}.install-${process.pid}`),
      false,
      'no scratch folder left',
    );
  });
});
