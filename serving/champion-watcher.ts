import { Client } from 'pg';
import type { Logger } from '../logging/logger';
import { CHAMPION_CHANNEL } from '../registry/champion';

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
          if (!stopped) setTimeout(() => void connect(), 1_000);
        });
        await next.query(`LISTEN ${CHAMPION_CHANNEL}`);
        client = next;
        // A promotion may have happened while no one listened.
        await options.onChange();
        return;
      } catch (error) {
        await next.end().catch(() => undefined);
        options.logger.warn({ error: String(error) }, 'champion listener cannot connect; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      await client?.end().catch(() => undefined);
    },
  };
}
