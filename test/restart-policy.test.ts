import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_CRASHES, onCrash, RESTART_POLICY } from '../infra/stack/restart-policy';
import type { CrashHistory, RestartDecision } from '../infra/stack/restart-policy';

/** Feeds crashes (time, uptime before it) through the policy and returns each decision. */
function decisions(crashes: [at: number, uptimeMs: number][]): RestartDecision[] {
  let history: CrashHistory = NO_CRASHES;
  return crashes.map(([at, uptimeMs]) => {
    const next = onCrash(history, { at, uptimeMs });
    history = next.history;
    return next.decision;
  });
}

const S = 1_000;

describe('restart policy of rakuten dev', () => {
  it('waits 1 s, then doubles, and gives up at the 5th crash within 2 minutes', () => {
    // A process that dies right after each start: crash, wait, start (1 s), crash...
    const seen = decisions([
      [0, 5 * S],
      [2 * S, 1 * S],
      [5 * S, 1 * S],
      [10 * S, 1 * S],
      [19 * S, 1 * S],
    ]);
    assert.deepEqual(seen, [
      { action: 'restart', delayMs: 1 * S, crashesInWindow: 1 },
      { action: 'restart', delayMs: 2 * S, crashesInWindow: 2 },
      { action: 'restart', delayMs: 4 * S, crashesInWindow: 3 },
      { action: 'restart', delayMs: 8 * S, crashesInWindow: 4 },
      { action: 'give-up', crashesInWindow: 5 },
    ]);
  });

  it('caps the delay at 30 s for a process that keeps dying, but not fast enough to give up', () => {
    // One crash every 40 s: never 5 within 2 minutes, and never a stable run.
    const seen = decisions(Array.from({ length: 9 }, (_, i) => [i * 40 * S, 30 * S]));
    assert.deepEqual(
      seen.map((d) => (d.action === 'restart' ? d.delayMs / S : d.action)),
      [1, 2, 4, 8, 16, 30, 30, 30, 30],
    );
    assert.ok(seen.every((d) => d.crashesInWindow <= 3));
  });

  it('starts over at 1 s after a run of 2 minutes or more', () => {
    const seen = decisions([
      [0, 10 * S],
      [5 * S, 4 * S],
      [20 * S, 11 * S],
      [200 * S, RESTART_POLICY.windowMs],
    ]);
    assert.deepEqual(
      seen.map((d) => (d.action === 'restart' ? d.delayMs / S : d.action)),
      [1, 2, 4, 1],
    );
  });

  it('counts only the crashes of the last 2 minutes', () => {
    const seen = decisions([
      [0, S],
      [10 * S, S],
      [20 * S, S],
      [30 * S, S],
      // The first crash is 2 minutes old: 4 in the window, so it restarts again.
      [120 * S, S],
      [125 * S, S],
    ]);
    assert.equal(seen[4]!.action, 'restart');
    assert.equal(seen[4]!.crashesInWindow, 4);
    assert.deepEqual(seen[5], { action: 'give-up', crashesInWindow: 5 });
  });
});
