import type { ManagedProcess } from './managed-process';
import { waitUntilReady } from './managed-process';

export const START_ORDER = ['postgres', 's3', 'temporal', 'worker', 'api'] as const;
export type ComponentName = (typeof START_ORDER)[number];

/** One process of the stack: how to spawn it and how to know it serves. Started again on a crash. */
export interface Component {
  name: ComponentName;
  /** What start-up errors call it. */
  what: string;
  readyTimeoutMs: number;
  spawn(): ManagedProcess;
  /** Throws until the process serves; `restart` is true for every start but the first. */
  ready(proc: ManagedProcess, restart: boolean): Promise<void>;
  /** Releases what the readiness check holds (a database pool), when the stack stops. */
  close?(): Promise<void>;
}

/** Spawns the component and waits until it serves; a process that never does is stopped. */
export async function startComponent(component: Component): Promise<ManagedProcess> {
  const proc = component.spawn();
  await waitForComponent(component, proc, false);
  return proc;
}

/** Waits until a spawned process of the component serves; stops it if it never does. */
export function waitForComponent(
  component: Component,
  proc: ManagedProcess,
  restart: boolean,
): Promise<void> {
  return waitUntilReady(proc, () => component.ready(proc, restart), {
    timeoutMs: component.readyTimeoutMs,
    what: component.what,
  });
}
