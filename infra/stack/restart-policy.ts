/**
 * When `rakuten dev` restarts a component that exited unexpectedly, and when it gives up. Pure:
 * the supervisor feeds it crash times and acts on its answer.
 */
export interface RestartPolicy {
  /** Delay before the first restart; each crash in a row doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** This many crashes within `windowMs` stop the whole stack. */
  maxCrashes: number;
  /** Also the uptime after which a run counts as stable, and the delay starts over. */
  windowMs: number;
}

export const RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 120_000,
};

export interface CrashHistory {
  /** Times of the crashes still inside the window, oldest first. */
  crashes: readonly number[];
  /** Crashes in a row, none after a stable run. */
  streak: number;
}

export const NO_CRASHES: CrashHistory = { crashes: [], streak: 0 };

export type RestartDecision =
  | { action: 'restart'; delayMs: number; crashesInWindow: number }
  | { action: 'give-up'; crashesInWindow: number };

/** Records a crash at `at` (ms) after a run of `uptimeMs`, and says what to do about it. */
export function onCrash(
  history: CrashHistory,
  crash: { at: number; uptimeMs: number },
  policy: RestartPolicy = RESTART_POLICY,
): { history: CrashHistory; decision: RestartDecision } {
  const crashes = [...history.crashes, crash.at].filter((t) => crash.at - t < policy.windowMs);
  const streak = crash.uptimeMs >= policy.windowMs ? 1 : history.streak + 1;
  const next = { crashes, streak };
  if (crashes.length >= policy.maxCrashes) {
    return { history: next, decision: { action: 'give-up', crashesInWindow: crashes.length } };
  }
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (streak - 1));
  return {
    history: next,
    decision: { action: 'restart', delayMs, crashesInWindow: crashes.length },
  };
}
