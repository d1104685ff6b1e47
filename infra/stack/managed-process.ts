import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { Logger } from '../../core/logging/logger';
import { StackError } from '../../core/stack-error';

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

/** Lines of output each process keeps, to say why it died. */
const RECENT_LINES = 20;

/**
 * A child process in a process group of its own. Ctrl-C in the terminal then reaches only the
 * parent, which stops the children one by one in the order it chooses.
 */
export class ManagedProcess {
  private static readonly live = new Set<ManagedProcess>();
  private static closed = false;

  readonly exited: Promise<ProcessExit>;
  /** Resolves once its output is read to the end, which may be after `exited`. */
  readonly outputClosed: Promise<void>;
  private exit?: ProcessExit;
  private stopping = false;
  private readonly recent: string[] = [];

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly logger: Logger,
  ) {
    this.exited = new Promise((resolve) => {
      const settle = (exit: ProcessExit) => {
        if (this.exit) return;
        this.exit = exit;
        ManagedProcess.live.delete(this);
        resolve(exit);
      };
      child.once('exit', (code, signal) => settle({ code, signal }));
      // A command that cannot be spawned at all never emits 'exit'.
      child.once('error', () => {
        if (child.pid === undefined) settle({ code: null, signal: null });
      });
    });
    this.outputClosed = new Promise((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => {
        if (child.pid === undefined) resolve();
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
        readline.createInterface({ input: source }).on('line', (line) => {
          managed.remember(line);
          onLine(line, stream);
        });
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

  /** True once `shutdownAll` ran: nothing more is spawned, and exits are expected. */
  static get shuttingDown(): boolean {
    return ManagedProcess.closed;
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

  /** The last lines the process wrote (stdout and stderr), oldest first. */
  recentLines(): string[] {
    return [...this.recent];
  }

  private remember(line: string): void {
    if (line.trim() === '') return;
    this.recent.push(line);
    if (this.recent.length > RECENT_LINES) this.recent.shift();
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
      // A problem waiting cannot fix (a refused password): said at once, not after the timeout.
      if (error instanceof StackError) {
        await proc.stop();
        throw error;
      }
      lastError = error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await proc.stop();
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${what} was not ready after ${timeoutMs / 1000} s: ${reason}`);
}
