import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config/config';

export function connectionOptions(temporal: Config['temporal']) {
  // An API key (Temporal Cloud) always travels over TLS.
  return temporal.apiKey
    ? { address: temporal.address, tls: true, apiKey: temporal.apiKey }
    : { address: temporal.address };
}

export async function connectClient(
  temporal: Config['temporal'],
): Promise<{ connection: Connection; client: Client }> {
  const connection = await Connection.connect({
    ...connectionOptions(temporal),
    connectTimeout: 5_000,
  });
  return { connection, client: new Client({ connection, namespace: temporal.namespace }) };
}
