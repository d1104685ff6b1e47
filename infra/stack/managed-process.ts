import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { Logger } from '../../core/logging/logger';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logger: Logger;
  /** Turns a line of output into a log call; by default every line is logged at info. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/**
 * A child process in a process group of its own. Ctrl-C in the terminal then reaches only the
 * parent, which stops the children one by one in the order it chooses.
 */
export class ManagedProcess {
  private static readonly live = new Set<ManagedProcess>();
  private static closed = false;

  readonly exited: Promise<ProcessExit>;
  private exit?: ProcessExit;
  private stopping = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly logger: Logger,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        ManagedProcess.live.delete(this);
        resolve(this.exit);
      });
    });
  }

  static spawn(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions,
  ): ManagedProcess {
    if (ManagedProcess.closed) throw new Error(`not starting ${name}: shutting down`);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const managed = new ManagedProcess(name, child, options.logger);
    if (child.pid !== undefined) ManagedProcess.live.add(managed);
    const onLine =
      options.onLine ??
      ((line: string) => {
        if (line.trim() !== '') options.logger.info(line);
      });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = child[stream];
      if (source)
        readline.createInterface({ input: source }).on('line', (line) => onLine(line, stream));
    }
    child.once('error', (error) => options.logger.error({ err: error }, `${name} could not start`));
    return managed;
  }

  /**
   * Stops every process this one has spawned, newest first, and refuses to spawn more: the way
   * out when a signal arrives while a stack is still starting.
   */
  static async shutdownAll(): Promise<void> {
    ManagedProcess.closed = true;
    for (const proc of [...ManagedProcess.live].reverse()) await proc.stop();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exit === undefined && this.child.pid !== undefined;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /**
   * Asks the process to stop, and kills its whole group if it has not stopped in time, so that
   * no grandchild (PostgreSQL under its supervisor, say) outlives it.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<ProcessExit> {
    this.stopping = true;
    if (this.running) {
      this.signal(signal);
      const timer = setTimeout(() => {
        this.logger.warn(`${this.name} did not stop within ${timeoutMs} ms; killing it`);
        this.signalGroup('SIGKILL');
      }, timeoutMs);
      await this.exited;
      clearTimeout(timer);
    }
    // Anything the process left in its group goes too.
    this.signalGroup('SIGKILL');
    return this.exited;
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      process.kill(this.pid, signal);
    } catch {
      // Already gone.
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is empty.
    }
  }
}

/**
 * Resolves when `check` succeeds. Rejects early if the process exits first, and stops the
 * process when it never gets ready, so a failed start leaves nothing running.
 */
export async function waitUntilReady(
  proc: ManagedProcess,
  check: () => Promise<unknown>,
  { timeoutMs, what }: { timeoutMs: number; what: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!proc.running) {
      const exit = await proc.exited;
      await proc.stop();
      throw new Error(
        `${what} exited during start-up (${exit.signal ?? `code ${exit.code}`}); see its log lines above`,
      );
    }
    try {
      await check();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await proc.stop();
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${what} was not ready after ${timeoutMs / 1000} s: ${reason}`);
}
