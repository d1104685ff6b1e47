import type { Client } from '@temporalio/client';
import type { Config } from '../core/config/config';
import { connectClient } from '../core/temporal/connection';

/**
 * Temporal for one CLI command, closed when it is done. Not in clients.ts, so that commands
 * which only need PostgreSQL and S3 do not load Temporal's client.
 */
export async function withTemporalClient<T>(
  config: Config,
  run: (client: Client) => Promise<T>,
): Promise<T> {
  const { connection, client } = await connectClient(config.temporal);
  try {
    return await run(client);
  } finally {
    await connection.close();
  }
}
