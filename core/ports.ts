import net from 'node:net';
import { StackError } from './stack-error';

export interface PortClaim {
  port: number;
  /** What will listen there, for the error message. */
  purpose: string;
  /** The variable that moves it. */
  variable: string;
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  // A listener on either the wildcard or the loopback address blocks the services we start.
  return (await canListen(port, '127.0.0.1')) && (await canListen(port, '0.0.0.0'));
}

/** Fails with one line naming the first port in use and the variable that changes it. */
export async function assertPortsFree(claims: PortClaim[]): Promise<void> {
  for (const claim of claims) {
    if (!(await isPortFree(claim.port))) {
      throw new StackError(
        `Port ${claim.port} (${claim.purpose}) is already in use. Stop whatever holds it, or set ${claim.variable} to another port.`,
      );
    }
  }
}

/** The worker's two metrics ports, for `assertPortsFree`; 0 turns one off. */
export function workerMetricsPortClaims(metrics: {
  workerPort: number;
  temporalSdkPort: number;
}): PortClaim[] {
  return [
    { port: metrics.workerPort, purpose: 'worker metrics', variable: 'WORKER_METRICS_PORT' },
    {
      port: metrics.temporalSdkPort,
      purpose: 'Temporal SDK metrics of the worker',
      variable: 'TEMPORAL_METRICS_PORT',
    },
  ].filter((claim) => claim.port > 0);
}

/** A port the kernel says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPortFree(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isPortFree(port)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
