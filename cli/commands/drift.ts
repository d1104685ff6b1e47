import type { Command } from 'commander';
import { getDriftReport } from '../../activities/drift/drift-reports';
import { listDriftReportsPage } from '../../activities/drift/drift-report-list';
import { loadConfig } from '../../core/config/config';
import { driftCheckInputSchema } from '../../core/contracts/drift-check';
import type { DriftCheckResult } from '../../core/contracts/drift-check';
import { DRIFT_SEVERITIES } from '../../core/contracts/drift-severity';
import { parseContract } from '../../core/contracts/parse';
import { PIPELINE_TASK_QUEUE } from '../../core/contracts/task-queues';
import { createDb } from '../../core/db/connect';
import type { Db } from '../../core/db/connect';
import { connectClient } from '../../core/temporal/connection';
import type { driftCheck } from '../../workflows';
import { temporalUiUrl } from '../clients';
import { manualWorkflowId, resultOf, uiLink } from '../run-workflow';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command.description('drift checks: recent data against the champion model training data');
  command
    .command('check')
    .description('run the driftCheck workflow now (the drift-every-2h schedule runs it too)')
    .option('--wait', 'wait for the report and print it')
    .option('--json', 'print JSON')
    .option('--batches <n>', 'current window: products of the last N ingestion batches', Number)
    .option('--predictions <n>', 'current window: the last N predictions of the champion', Number)
    .option('--reference-rows <n>', 'rows drawn from the champion training snapshot', Number)
    .option(
      '--signal-at <severity>',
      `tell the retraining controller at this severity or above (${DRIFT_SEVERITIES.join(', ')})`,
    )
    .action(runDriftCheck);
  command
    .command('list')
    .description('the newest drift reports')
    .option('--json', 'print JSON')
    .action(runDriftList);
  command
    .command('show <id>')
    .description('one drift report, with every feature and statistic')
    .action(runDriftShow);
}

interface DriftCheckOptions {
  wait?: boolean;
  json?: boolean;
  batches?: number;
  predictions?: number;
  referenceRows?: number;
  signalAt?: string;
}

/** `rakuten drift check`: one driftCheck run now, as the schedule would start it. */
async function runDriftCheck(options: DriftCheckOptions): Promise<void> {
  // The workflow's own contract, so the bounds are one definition.
  const input = parseContract(
    driftCheckInputSchema,
    {
      window: {
        batches: options.batches,
        predictions: options.predictions,
        referenceRows: options.referenceRows,
      },
      signalAt: options.signalAt,
    },
    'drift check',
  );
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
async function runDriftList(options: { json?: boolean }): Promise<void> {
  await withDb(async (db) => {
    const { items: reports } = await listDriftReportsPage(db, { offset: 0, limit: 20 });
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
        `${r.createdAt.toISOString()}  ${r.severity.padEnd(6)} ${r.status.padEnd(17)} ${r.id}\n`,
      );
    }
  });
}

/** `rakuten drift show ID`: one report, whole, as JSON. */
async function runDriftShow(id: string): Promise<void> {
  await withDb(async (db) => {
    const report = await getDriftReport(db, id);
    if (!report) throw new UserError(`there is no drift report ${id}`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  });
}
