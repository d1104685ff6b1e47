import path from 'node:path';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Config } from '../core/config/config';
import { createDb } from '../core/db/connect';
import { importSource } from '../activities/ingest/import-source';
import type { Logger } from '../core/logging/logger';
import { createObjectStore } from '../core/storage/object-store';
import { writeChallengeFiles } from '../synthetic';
import { connectClient } from '../core/temporal/connection';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import type { ingestBatch } from '../workflows';
import { DEFAULT_BATCH_SIZE } from '../core/contracts/ingest-batch';

export const DEMO_SEED = 42;
/** Fixed, so two starts on an empty database cannot both start the first ingestion. */
const FIRST_INGESTION_ID = 'ingest-first-demo-batch';

/**
 * On an empty database, gives the schedule something to work on: a seeded synthetic catalogue
 * in the challenge's layout, imported as a source, and one ingestion started.
 */
export async function bootstrapDemoData(config: Config, logger: Logger): Promise<void> {
  if (config.demoRows === 0) return;
  const db = createDb(config.postgres.url, { max: 2 });
  try {
    const any = await db.selectFrom('sources').select('id').limit(1).executeTakeFirst();
    if (any) return;
    const files = await writeChallengeFiles({
      rows: config.demoRows,
      seed: DEMO_SEED,
      outDir: path.join(config.dataDir, 'demo'),
    });
    const imported = await importSource(
      { db, store: createObjectStore(config.s3, config.deployment) },
      {
        xPath: files.xPath,
        yPath: files.yPath,
        name: `demo catalogue (seed ${DEMO_SEED})`,
        demo: true,
      },
    );
    logger.info(`imported ${config.demoRows} synthetic demo rows as ${imported.sourceId}`);
  } finally {
    await db.destroy();
  }
  const { connection, client } = await connectClient(config.temporal);
  try {
    await client.workflow.start<typeof ingestBatch>('ingestBatch', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId: FIRST_INGESTION_ID,
      args: [{ batchSize: DEFAULT_BATCH_SIZE }],
    });
    logger.info(`started the first ingestion (${FIRST_INGESTION_ID})`);
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  } finally {
    await connection.close();
  }
}
