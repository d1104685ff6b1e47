import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../core/config/config';
import type { Logger } from '../../core/logging/logger';
import { createObjectStore } from '../../core/storage/object-store';
import { logServerLine } from './child-logs';
import type { Component } from './component';
import { ManagedProcess } from './managed-process';
import type { PortClaim } from '../../core/ports';

/** gRPC ports sit this far above their HTTP ports in SeaweedFS. */
const GRPC_OFFSET = 10_000;

/** SeaweedFS runs several servers; all but S3 sit on the ports just above S3_PORT. */
function seaweedPorts(s3Port: number) {
  return {
    s3: s3Port,
    master: s3Port + 1,
    volume: s3Port + 2,
    filer: s3Port + 3,
    admin: s3Port + 4,
  };
}

export function seaweedPortClaims(config: Config): PortClaim[] {
  return Object.entries(seaweedPorts(config.s3.port)).flatMap(([server, port]) => {
    const purpose =
      server === 's3'
        ? 'S3 API of SeaweedFS'
        : `SeaweedFS ${server}, S3_PORT+${port - config.s3.port}`;
    return [
      { port, purpose, variable: 'S3_PORT' },
      { port: port + GRPC_OFFSET, purpose: `${purpose} gRPC`, variable: 'S3_PORT' },
    ];
  });
}

/** `weed mini` with its data under DATA_DIR/s3; ready once S3 answers with our keys. */
export function seaweedComponent(config: Config, weedBinary: string, logger: Logger): Component {
  const store = createObjectStore(config.s3, config.deployment);
  return {
    name: 's3',
    what: 'SeaweedFS',
    readyTimeoutMs: 60_000,
    spawn() {
      const dir = path.join(config.dataDir, 's3');
      fs.mkdirSync(dir, { recursive: true });
      const ports = seaweedPorts(config.s3.port);
      const args = [
        'mini',
        `-dir=${dir}`,
        '-ip=127.0.0.1',
        '-ip.bind=127.0.0.1',
        `-s3.port=${ports.s3}`,
        `-master.port=${ports.master}`,
        `-volume.port=${ports.volume}`,
        `-filer.port=${ports.filer}`,
        `-admin.port=${ports.admin}`,
        '-admin.ui=false',
        '-webdav=false',
        '-s3.port.iceberg=0',
        '-s3.port.lance=0',
        // No network beyond this machine: never phone home.
        '-master.telemetry=false',
      ];
      return ManagedProcess.spawn('s3', weedBinary, args, {
        logger,
        // weed mini grants these keys admin rights on its S3 API.
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: config.s3.accessKey,
          AWS_SECRET_ACCESS_KEY: config.s3.secretKey,
        },
        onLine: (line) => logServerLine(logger, line),
      });
    },
    ready: async () => {
      await store.client.listBuckets();
    },
  };
}
