import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/client';
import type { Config } from '../config/config';
import { StackError } from '../stack-error';

/**
 * Address and credentials shared by clients and workers. An API key (Temporal Cloud) always
 * travels over TLS; mTLS adds a client certificate (TEMPORAL_TLS_CERT/KEY) and, for a private CA,
 * the CA to trust (TEMPORAL_TLS_CA).
 */
export function connectionOptions(temporal: Config['temporal']): {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
} {
  const tls = temporal.tls ? tlsConfig(temporal.tls) : temporal.apiKey ? true : undefined;
  return {
    address: temporal.address,
    ...(tls !== undefined ? { tls } : {}),
    ...(temporal.apiKey ? { apiKey: temporal.apiKey } : {}),
  };
}

function tlsConfig(tls: NonNullable<Config['temporal']['tls']>): TLSConfig {
  const config: TLSConfig = {};
  if (tls.certFile && tls.keyFile) {
    config.clientCertPair = {
      crt: readPem(tls.certFile, 'TEMPORAL_TLS_CERT'),
      key: readPem(tls.keyFile, 'TEMPORAL_TLS_KEY'),
    };
  }
  if (tls.caFile) config.serverRootCACertificate = readPem(tls.caFile, 'TEMPORAL_TLS_CA');
  if (tls.serverName) config.serverNameOverride = tls.serverName;
  return config;
}

function readPem(file: string, variable: string): Buffer {
  let pem: Buffer;
  try {
    pem = fs.readFileSync(file);
  } catch (error) {
    throw new StackError(`Cannot read ${variable} (${file}): ${(error as Error).message}`);
  }
  if (!pem.includes('-----BEGIN ')) {
    throw new StackError(`${variable} (${file}) is not a PEM file: no -----BEGIN line`);
  }
  return pem;
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
