import pino from 'pino';
import type { Logger } from 'pino';
import type { Config } from '../config/config';

export type { Logger };

/**
 * One root logger per process. Components log through `logger.child({ component })`, and the
 * pretty format shows that component as a prefix.
 */
export function createLogger(log: Config['log'], component?: string): Logger {
  const base = component ? { component } : {};
  if (log.format === 'json') {
    return pino({ level: log.level, base: { ...base, pid: process.pid } }, pino.destination(1));
  }
  return pino({
    level: log.level,
    base,
    transport: {
      target: 'pino-pretty',
      options: {
        destination: 1,
        ignore: 'pid,hostname,component',
        messageFormat: '{if component}[{component}] {end}{msg}',
        translateTime: 'HH:MM:ss.l',
        singleLine: true,
        sync: true,
      },
    },
  });
}
