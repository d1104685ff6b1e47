import autocannon from 'autocannon';

export interface LoadRun {
  result: autocannon.Result;
  /** Each answer's latency in ms, by HTTP status: accepted and refused requests apart. */
  latencies: Map<number, number[]>;
}

/**
 * An autocannon run that keeps every answer's latency by its status, since autocannon's own
 * percentiles mix the fast refusals of an overload with the answers that did the work.
 */
export function loadByStatus(options: autocannon.Options): Promise<LoadRun> {
  const latencies = new Map<number, number[]>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed'));
      else resolve({ result, latencies });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      let list = latencies.get(status);
      if (!list) latencies.set(status, (list = []));
      list.push(ms);
    });
  });
}

/** The p-th percentile (0-100) of `values`, by the nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

/** `p50 X ms, p99 Y ms (n answers)` of one status. */
export function describeLatency(values: readonly number[]): string {
  const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
  return `p50 ${ms(percentile(values, 50))} ms, p99 ${ms(percentile(values, 99))} ms (${values.length} answers)`;
}
