import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../core/config/config';
import { freePort } from '../core/ports';
import { cleanEnv } from './helpers/cli';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { sharedStackConfig } from './helpers/shared-stack';

describe('rakuten api with API_WORKERS', () => {
  let d: FreshDeployment;
  before(async () => {
    d = await freshDeployment(await sharedStackConfig());
  });
  after(async () => {
    await d?.close();
  });

  it('runs that many server processes on one port and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const api = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'rakuten.js'), 'api'], {
      env: cleanEnv({ ...d.env, API_PORT: String(port), API_WORKERS: '2', LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => api.once('exit', resolve));
    try {
      let status = 0;
      for (let i = 0; i < 150 && status === 0; i++) {
        try {
          status = (await fetch(`http://127.0.0.1:${port}/openapi.json`)).status;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      assert.equal(status, 200);
      // The server processes among the primary's children (tsx's esbuild service may be one too).
      const servers = () =>
        execFileSync('ps', ['-o', 'args=', '--ppid', String(api.pid)], { encoding: 'utf8' })
          .split('\n')
          .filter((line) => line.includes('rakuten.js'));
      let children = servers();
      for (let i = 0; i < 50 && children.length !== 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        children = servers();
      }
      assert.equal(children.length, 2, 'two server processes');
      // No model yet: every process answers predictions with 503, not an error.
      const res = await fetch(`http://127.0.0.1:${port}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Livre' }),
      });
      assert.equal(res.status, 503);
    } finally {
      api.kill('SIGTERM');
      // A process that ignores SIGTERM must fail the test, not hang it.
      const timer = setTimeout(() => {
        execFileSync('pkill', ['-9', '-P', String(api.pid)]);
        api.kill('SIGKILL');
      }, 30_000);
      const code = await exited;
      clearTimeout(timer);
      assert.equal(code, 0, 'every API process stopped on SIGTERM');
    }
  });
});
