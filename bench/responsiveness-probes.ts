/**
 * What bench/responsiveness.ts samples while a training runs: the worker's event-loop delay
 * (from a probe preloaded into it), the controller's `status` query latency, and the
 * activities' heartbeats as the Temporal server records them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Connection, WorkflowHandle } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { statusQuery } from '../core/contracts/retrain-controller-messages';

/** Figures of a series: the largest, the 99th percentile (nearest rank), and how many. */
export function summary(values: number[]): { max: number; p50: number; p99: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    max: sorted.at(-1) ?? NaN,
    p50: rank(0.5) ?? NaN,
    p99: rank(0.99) ?? NaN,
    n: values.length,
  };
}

/** The probe preloaded into the worker (event-loop-probe.js): where it writes, and how to load it. */
export function eventLoopProbe(file: string): Record<string, string> {
  const probe = path.join(__dirname, 'event-loop-probe.js');
  return {
    EVENT_LOOP_PROBE_FILE: file,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim(),
  };
}

/**
 * The event-loop delays the probe saw while the training ran, in seconds: the longest, and the
 * three longest with when they ended (seconds after `from`), to tell which step caused them.
 */
export function loopDelays(file: string, from: number, to: number) {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { at: number; maxSeconds: number })
    // A line covers the second before it, or the block that delayed it, which may have begun
    // before the training did: counted all the same.
    .filter((l) => l.at >= from && l.at <= to + 1_000);
  const longest = [...lines].sort((a, b) => b.maxSeconds - a.maxSeconds).slice(0, 3);
  return {
    maxSeconds: longest[0]?.maxSeconds ?? NaN,
    samples: lines.length,
    longest: longest.map((l) => ({ seconds: l.maxSeconds, at: (l.at - from) / 1000 })),
  };
}

export interface QueryOutcome {
  ms: number;
  error?: string;
}

/** One `status` query, timed; a failure is kept with its message rather than thrown. */
export async function timedStatusQuery(
  connection: Connection,
  controller: WorkflowHandle,
  deadlineMs: number,
): Promise<QueryOutcome> {
  const started = performance.now();
  try {
    await connection.withDeadline(Date.now() + deadlineMs, () => controller.query(statusQuery));
    return { ms: performance.now() - started };
  } catch (error) {
    return { ms: performance.now() - started, error: String(error) };
  }
}

/**
 * The heartbeat times the server recorded for each attempt of each activity of a run, with
 * the start of the attempt first: the gaps between them are what a heartbeat timeout sees.
 */
export class HeartbeatLog {
  private readonly times = new Map<string, Set<number>>();

  async sample(run: WorkflowHandle): Promise<void> {
    const { raw } = await run.describe();
    for (const a of raw.pendingActivities ?? []) {
      const started = optionalTsToMs(a.lastStartedTime);
      if (started === undefined) continue;
      const key = `${a.activityType?.name ?? '?'} ${a.activityId} attempt ${a.attempt}`;
      const seen = this.times.get(key) ?? new Set([started]);
      const beat = optionalTsToMs(a.lastHeartbeatTime);
      if (beat !== undefined && beat >= started) seen.add(beat);
      this.times.set(key, seen);
    }
  }

  /** The longest gap of each activity attempt, in seconds. */
  gaps(): { activity: string; seconds: number; heartbeats: number }[] {
    return [...this.times].map(([activity, set]) => {
      const t = [...set].sort((a, b) => a - b);
      let longest = 0;
      for (let i = 1; i < t.length; i++) longest = Math.max(longest, t[i]! - t[i - 1]!);
      return { activity, seconds: longest / 1000, heartbeats: t.length - 1 };
    });
  }
}
