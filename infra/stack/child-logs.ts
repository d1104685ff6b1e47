import type { Logger } from '../../core/logging/logger';

const ERROR = /(^[EF]\d{4} |"level":"(error|fatal)"|\b(ERROR|FATAL|PANIC):)/;
const WARN = /(^W\d{4} |"level":"warn"|\bWARNING:)/;

/** Logs a line of a server's own output at the level its text suggests. */
export function logServerLine(logger: Logger, line: string): void {
  if (line.trim() === '') return;
  if (ERROR.test(line)) logger.error(line);
  else if (WARN.test(line)) logger.warn(line);
  else logger.info(line);
}

const PINO_LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * Re-logs a JSON line from one of our own child processes through this process's logger, so
 * that every component shares one format and one prefix.
 */
export function relayPinoLine(logger: Logger, line: string): void {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    logServerLine(logger, line);
    return;
  }
  const { level, msg, time: _t, pid: _p, hostname: _h, component, ...fields } = record;
  const target = typeof component === 'string' ? logger.child({ component }) : logger;
  target[PINO_LEVELS[Number(level)] ?? 'info'](fields, typeof msg === 'string' ? msg : '');
}

/**
 * A line of a child's output as a person reads it: the message (and error) of a JSON log line,
 * any other line as it is.
 */
export function plainLine(line: string): string {
  try {
    const record = JSON.parse(line) as { msg?: unknown; err?: { message?: unknown } };
    if (typeof record.msg === 'string') {
      const error = typeof record.err?.message === 'string' ? record.err.message : undefined;
      return error && !record.msg.includes(error) ? `${record.msg}: ${error}` : record.msg;
    }
  } catch {
    // Not JSON: the line is the message.
  }
  return line.trim();
}
