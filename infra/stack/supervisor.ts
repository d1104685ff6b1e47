import type { Logger } from '../../core/logging/logger';
import { plainLine } from './child-logs';
import type { Component, ComponentName } from './component';
import { waitForComponent } from './component';
import { ManagedProcess } from './managed-process';
import type { ProcessExit } from './managed-process';
import { groupMembers } from './orphans';
import { NO_CRASHES, onCrash, RESTART_POLICY } from './restart-policy';
import type { RestartPolicy } from './restart-policy';
import type { StackMetrics } from './stack-metrics';

/** Why the stack gave up on a component: it kept crashing. */
export interface CrashLoop {
  component: ComponentName;
  crashes: number;
  windowMs: number;
  exit: ProcessExit;
  /** Its last lines of output, as a person reads them. */
  lastLines: string[];
  /** Set when it could not even be spawned again: why. */
  cannotStart?: string;
}

export interface SupervisorOptions {
  component: Component;
  logger: Logger;
  metrics: StackMetrics;
  policy?: RestartPolicy;
  /** A new process serves in place of the dead one. */
  onRestarted(proc: ManagedProcess): void;
  /** The component crashed too often: the caller stops the stack. */
  onGaveUp(loop: CrashLoop): void;
}

/** Lines of a dead process quoted when the stack gives up on it. */
const QUOTED_LINES = 5;
const MAX_LINE = 300;

/**
 * Keeps one component running: when its process exits without being asked to, it is started
 * again after a delay that doubles with each crash in a row (see restart-policy.ts); too many
 * crashes in a short time and it gives up, telling the caller.
 */
export class Supervisor {
  private proc: ManagedProcess;
  private stopping = false;
  private cancelDelay?: () => void;
  private readonly watching: Promise<void>;

  constructor(
    first: ManagedProcess,
    private readonly options: SupervisorOptions,
  ) {
    this.proc = first;
    options.metrics.track(options.component.name);
    this.watching = this.watch().catch((error: unknown) => {
      // Not even spawned (a folder that cannot be prepared, say): no use trying again.
      options.logger.error({ err: error }, `${options.component.name} cannot be started again`);
      options.onGaveUp({
        component: options.component.name,
        crashes: 0,
        windowMs: (options.policy ?? RESTART_POLICY).windowMs,
        exit: { code: null, signal: null },
        lastLines: [],
        cannotStart: error instanceof Error ? error.message : String(error),
      });
    });
  }

  /** The process currently serving (or starting) for this component. */
  get process(): ManagedProcess {
    return this.proc;
  }

  /** Stops the component for good, including a restart under way. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelDelay?.();
    await this.proc.stop();
    await this.watching;
  }

  private async watch(): Promise<void> {
    const { component, logger, metrics } = this.options;
    const name = component.name;
    const policy = this.options.policy ?? RESTART_POLICY;
    let history = NO_CRASHES;
    let startedAt = Date.now();
    for (;;) {
      const exit = await this.proc.exited;
      if (this.stopping || ManagedProcess.shuttingDown) return;
      metrics.up.set({ component: name }, 0);
      const now = Date.now();
      const crashed = onCrash(history, { at: now, uptimeMs: now - startedAt }, policy);
      history = crashed.history;
      const { decision } = crashed;
      const how = describeExit(exit);
      if (decision.action === 'give-up') {
        // The last lines may still be in the pipe when the exit is reported.
        await Promise.race([this.proc.outputClosed, sleep(2_000)]);
        const lastLines = this.proc
          .recentLines()
          .map((l) => plainLine(l).replace(/\s+/g, ' '))
          .filter((l) => l !== '')
          .slice(-QUOTED_LINES)
          .map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l));
        logger.error(
          { component: name, ...exit, crashes: decision.crashesInWindow },
          `${name} exited unexpectedly (${how}) for the ${decision.crashesInWindow}th time within ${policy.windowMs / 60_000} minutes; giving up on it`,
        );
        this.options.onGaveUp({
          component: name,
          crashes: decision.crashesInWindow,
          windowMs: policy.windowMs,
          exit,
          lastLines,
        });
        return;
      }
      logger.error(
        { component: name, ...exit, restartInMs: decision.delayMs },
        `${name} exited unexpectedly (${how}); restarting it in ${decision.delayMs / 1000} s`,
      );
      if (!(await this.delay(decision.delayMs))) return;
      // Whatever the dead process left in its group (PostgreSQL under its supervisor, a cluster
      // worker of the API) would hold the port or the data folder against the new one.
      await this.proc.stop();
      await waitForEmptyGroup(this.proc.pid, 10_000);
      if (this.stopping || ManagedProcess.shuttingDown) return;
      metrics.restarts.inc({ component: name });
      startedAt = Date.now();
      try {
        this.proc = component.spawn();
      } catch (error) {
        if (this.stopping || ManagedProcess.shuttingDown) return;
        throw error;
      }
      try {
        await waitForComponent(component, this.proc, true);
      } catch (error) {
        // A start that fails is one more crash: the loop sees its exit and decides again.
        if (!this.stopping)
          logger.warn({ component: name, err: error }, `${name} did not come back up`);
        continue;
      }
      metrics.up.set({ component: name }, 1);
      logger.warn(
        { component: name, pid: this.proc.pid },
        `${name} restarted (pid ${this.proc.pid})`,
      );
      this.options.onRestarted(this.proc);
    }
  }

  /** Waits `ms`, or less if the stack stops meanwhile; false when it did. */
  private delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(!this.stopping), ms);
      this.cancelDelay = () => {
        clearTimeout(timer);
        resolve(false);
      };
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function waitForEmptyGroup(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pgid > 0 && groupMembers(pgid).length > 0 && Date.now() < deadline) {
    await sleep(100);
  }
}

function describeExit(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}
