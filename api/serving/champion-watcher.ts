import { Client } from 'pg';
import type { Logger } from '../../core/logging/logger';
import { CHAMPION_CHANNEL } from '../../activities/registry/champion';

export interface WatcherOptions {
  databaseUrl: string;
  pollSeconds: number;
  onChange: () => Promise<void>;
  logger: Logger;
}

/**
 * Calls `onChange` when a promotion is announced (LISTEN on the champion channel) and, in case
 * a notification was missed while the connection was down, every `pollSeconds` as well.
 */
export function watchChampion(options: WatcherOptions): { stop(): Promise<void> } {
  let stopped = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const poll = setInterval(() => void options.onChange(), options.pollSeconds * 1000);

  const connect = async (): Promise<void> => {
    while (!stopped) {
      const next = new Client({ connectionString: options.databaseUrl });
      try {
        await next.connect();
        next.on('notification', () => void options.onChange());
        next.on('error', (error) => {
          options.logger.warn({ error: String(error) }, 'champion listener lost its connection');
          void next.end().catch(() => undefined);
          if (!stopped) {
            retry = setTimeout(() => {
              connecting = connect();
            }, 1_000);
          }
        });
        await next.query(`LISTEN ${CHAMPION_CHANNEL}`);
        // Stopped while connecting: this connection would keep the process alive.
        if (stopped) {
          await next.end().catch(() => undefined);
          return;
        }
        client = next;
        // A promotion may have happened while no one listened.
        await options.onChange();
        return;
      } catch (error) {
        await next.end().catch(() => undefined);
        if (stopped) return;
        options.logger.warn({ error: String(error) }, 'champion listener cannot connect; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  };
  let connecting = connect();

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearTimeout(retry);
      // A connection still being made is ended by `connect` itself once it is made.
      await connecting;
      await client?.end().catch(() => undefined);
    },
  };
}
