import { randomUUID } from 'node:crypto';
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from '../../infra/temporal/search-attributes';
import { until } from './until';

/**
 * A namespace of its own on the shared Temporal server: there the controller can run under the
 * deployment's own ID and the CLI reach it, with nothing of another test's in the way.
 */
export async function freshNamespace(connection: Connection, prefix: string): Promise<string> {
  const namespace = `${prefix}-${randomUUID().slice(0, 8)}`;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  await until(
    `namespace ${namespace}`,
    async () => (await ensureSearchAttributes(connection, namespace), true),
    { ignoreErrors: true, every: 250 },
  );
  return namespace;
}
