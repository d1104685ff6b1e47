import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { createApiService } from '../../api/service';
import type { Config } from '../../core/config/config';
import type { Db } from '../../core/db/connect';
import { createLogger } from '../../core/logging/logger';
import type { ObjectStore } from '../../core/storage/object-store';

export interface InProcessApi {
  /** `http://127.0.0.1:<port>` */
  base: string;
  stop(): Promise<void>;
}

/**
 * The API service in this process on a free port, over a deployment's clients, with a model
 * cache of its own; `serving` overrides the deployment's serving settings.
 */
export async function startInProcessApi(
  d: { config: Config; db: Db; store: ObjectStore; connection: Connection; client: Client },
  serving: Partial<Config['serving']> = {},
): Promise<InProcessApi> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-model-cache-'));
  const service = createApiService({
    config: { ...d.config, serving: { ...d.config.serving, cacheDir, ...serving } },
    db: d.db,
    store: d.store,
    connection: d.connection,
    client: d.client,
    logger: createLogger({ format: 'json', level: 'silent' }, 'api'),
  });
  const server: Server = service.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await service.stop();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
