import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../core/config/config';

const BIN = path.join(PROJECT_ROOT, 'bin', 'rakuten.js');

/** The environment of a fresh terminal: none of the connection variables a test run may carry. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'S3_ENDPOINT', 'RAKUTEN_TEST_STACK'])
    delete env[key];
  return { ...env, LOG_FORMAT: 'json', ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rakuten ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `rakuten dev` as a user runs it, in a process of its own. */
export class DevProcess {
  private out = '';
  readonly exited: Promise<number | null>;
  readonly child: ChildProcess;

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [BIN, 'dev'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get output(): string {
    return this.out;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async waitFor(pattern: RegExp, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.out)) {
      if (this.child.exitCode !== null)
        throw new Error(`rakuten dev exited (${this.child.exitCode}):\n${this.out}`);
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${pattern}:\n${this.out.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
