import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/config';
import { connectionOptions } from './connection';

/** Kept apart from the client connection, so commands that only start workflows never load the worker's native runtime. */
export function connectWorker(temporal: Config['temporal']): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(temporal));
}
