import { loadConfig } from '../../core/config/config';
import { createDb } from '../../core/db/connect';
import type { Db } from '../../core/db/connect';
import { getDriftReport, listDriftReports } from '../../activities/drift/drift-reports';
import { connectClient } from '../../core/temporal/connection';
import { PIPELINE_TASK_QUEUE } from '../../core/contracts/task-queues';
import type { driftCheck } from '../../workflows';
import type { DriftCheckInput, DriftCheckResult } from '../../core/contracts/drift-check';
import { DRIFT_SEVERITIES } from '../../core/contracts/drift-severity';
import type { DriftSeverity } from '../../core/contracts/drift-severity';
import { UserError } from '../user-error';
import { temporalUiUrl } from '../data/clients';
import { manualWorkflowId, resultOf, uiLink } from '../data/run-workflow';

export interface DriftCheckOptions {
  wait?: boolean;
  json?: boolean;
  batches?: number;
  predictions?: number;
  referenceRows?: number;
  signalAt?: string;
}

function positive(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && !(Number.isInteger(value) && value > 0))
    throw new UserError(`${name} must be a positive integer`);
  return value;
}

/** `rakuten drift check`: one driftCheck run now, as the schedule would start it. */
export async function runDriftCheck(options: DriftCheckOptions): Promise<void> {
  if (options.signalAt !== undefined && !DRIFT_SEVERITIES.includes(options.signalAt as never))
    throw new UserError(`--signal-at must be one of ${DRIFT_SEVERITIES.join(', ')}`);
  const input: DriftCheckInput = {
    window: {
      batches: positive('--batches', options.batches),
      predictions: positive('--predictions', options.predictions),
      referenceRows: positive('--reference-rows', options.referenceRows),
    },
    signalAt: options.signalAt as DriftSeverity | undefined,
  };
  const config = loadConfig();
  const { connection, client } = await connectClient(config.temporal);
  try {
    const workflowId = manualWorkflowId('drift');
    const handle = await client.workflow.start<typeof driftCheck>('driftCheck', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId,
      args: [input],
    });
    process.stderr.write(`started ${uiLink(client, temporalUiUrl(config), workflowId)}\n`);
    if (!options.wait) {
      process.stdout.write(
        options.json ? `${JSON.stringify({ workflowId })}\n` : `${workflowId}\n`,
      );
      return;
    }
    const result = await resultOf<DriftCheckResult>(handle, 'drift check');
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const lines = [
      `drift report ${result.reportId}: ${result.status === 'ok' ? result.severity : 'insufficient data'}`,
      `  ${result.reason}`,
      ...result.drifted.map((d) => `  ${d.severity.padEnd(6)} ${d.feature}`),
      result.reportKey
        ? `  report: ${config.api.url}/drift/${encodeURIComponent(result.reportId)}/report`
        : '',
      result.signalled ? '  the retraining controller was told' : '',
    ];
    process.stdout.write(`${lines.filter((l) => l !== '').join('\n')}\n`);
  } finally {
    await connection.close();
  }
}

async function withDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(loadConfig().postgres.url, { max: 1 });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/** `rakuten drift list`: the newest reports, a line each. */
export async function runDriftList(options: { json?: boolean }): Promise<void> {
  await withDb(async (db) => {
    const reports = await listDriftReports(db);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      return;
    }
    if (reports.length === 0) {
      process.stdout.write('no drift report yet: `rakuten drift check --wait` runs one\n');
      return;
    }
    for (const r of reports) {
      process.stdout.write(
        `${r.created_at.toISOString()}  ${r.severity.padEnd(6)} ${r.status.padEnd(17)} ${r.id}\n`,
      );
    }
  });
}

/** `rakuten drift show ID`: one report, whole, as JSON. */
export async function runDriftShow(id: string): Promise<void> {
  await withDb(async (db) => {
    const report = await getDriftReport(db, id);
    if (!report) throw new UserError(`there is no drift report ${id}`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  });
}
