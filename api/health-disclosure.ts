/** What /health tells whom: statuses to anyone, the error text to operators and the log. */
import type { Logger } from '../core/logging/logger';
import type { ComponentName, HealthReport } from './health';

/** Statuses and latencies only: backend error text names hosts, users and versions. */
export function statusesOnly(report: HealthReport): HealthReport {
  const components = { ...report.components };
  for (const name of Object.keys(components) as ComponentName[]) {
    const { status, latencyMs } = components[name];
    components[name] = { status, latencyMs };
  }
  return { status: report.status, components };
}

/**
 * Logs a component's error when it changes (down, down differently, back up), so the detail
 * withheld from anonymous callers is in the logs, once rather than on every probe.
 */
export function healthLogger(logger: Logger): (report: HealthReport) => void {
  const last = new Map<string, string | undefined>();
  return (report) => {
    for (const [component, c] of Object.entries(report.components)) {
      const error = c.status === 'down' ? (c.error ?? 'down') : undefined;
      if (error === last.get(component)) continue;
      if (error !== undefined) logger.warn({ component, error }, 'health: component down');
      else if (last.has(component)) logger.info({ component }, 'health: component up again');
      last.set(component, error);
    }
  };
}
