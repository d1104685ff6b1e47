import { freePort, isPortFree } from '../../core/ports';

/** SeaweedFS needs S3_PORT..S3_PORT+4 and the same +10000 for gRPC; find a block that is free. */
export async function freeS3Port(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 25_000);
    const ports = [0, 1, 2, 3, 4].flatMap((i) => [base + i, base + i + 10_000]);
    let free = true;
    for (const port of ports) {
      if (!(await isPortFree(port))) {
        free = false;
        break;
      }
    }
    if (free) return base;
  }
  throw new Error('no free block of ports for SeaweedFS');
}

/** Environment that gives a stack its own ports, so it never meets a developer's running stack. */
export async function freeStackPorts(): Promise<Record<string, string>> {
  return {
    API_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    PG_PORT: String(await freePort()),
    S3_PORT: String(await freeS3Port()),
    WORKER_METRICS_PORT: String(await freePort()),
    TEMPORAL_METRICS_PORT: String(await freePort()),
    TEMPORAL_SERVER_METRICS_PORT: String(await freePort()),
    STACK_METRICS_PORT: String(await freePort()),
  };
}
