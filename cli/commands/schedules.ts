import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import type { Config } from '../../core/config/config';
import { connectClient } from '../../core/temporal/connection';
import {
  applySchedules,
  deploymentSchedules,
  findSchedule,
  listSchedules,
  pauseSchedule,
  ScheduleError,
  triggerSchedule,
  unpauseSchedule,
} from '../../core/temporal/schedules';
import type { ScheduleDefinition, ScheduleStatus } from '../../core/temporal/schedules';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command.description(
    'the Temporal schedules of this deployment (ingest-every-15m, drift-every-2h, retention-daily)',
  );

  command
    .command('apply')
    .description('create missing schedules and update changed ones; keeps their paused state')
    .option('--json', 'print the outcome as JSON')
    .action((options: { json?: boolean }) =>
      withSchedules(async (client, definitions) => {
        const results = await applySchedules(client, definitions);
        process.stdout.write(
          options.json
            ? `${JSON.stringify(results)}\n`
            : results.map((r) => `${r.id}  ${r.outcome}\n`).join(''),
        );
      }),
    );

  command
    .command('list')
    .description('show each schedule: paused or not, interval, next run, last run and its result')
    .option('--json', 'print the schedules as JSON')
    .action((options: { json?: boolean }) =>
      withSchedules(async (client, definitions) => {
        const statuses = await listSchedules(client, definitions);
        process.stdout.write(
          options.json ? `${JSON.stringify(statuses)}\n` : statuses.map(formatStatus).join(''),
        );
      }),
    );

  command
    .command('pause <id>')
    .description('stop a schedule from starting runs until it is unpaused')
    .option('--note <text>', 'why, shown in `schedules list` and the Temporal UI')
    .action((id: string, options: { note?: string }) =>
      withSchedules(async (client, definitions) => {
        await pauseSchedule(client, id, options.note, definitions);
        process.stdout.write(`paused ${id}\n`);
      }, id),
    );

  command
    .command('unpause <id>')
    .description('let a paused schedule start runs again')
    .option('--note <text>', 'why, shown in `schedules list` and the Temporal UI')
    .action((id: string, options: { note?: string }) =>
      withSchedules(async (client, definitions) => {
        await unpauseSchedule(client, id, options.note, definitions);
        process.stdout.write(`unpaused ${id}\n`);
      }, id),
    );

  command
    .command('trigger <id>')
    .description('start one run now, even if the schedule is paused or a run is in progress')
    .action((id: string) =>
      withSchedules(async (client, definitions) => {
        const { workflowId } = await triggerSchedule(client, id, definitions);
        process.stdout.write(
          workflowId
            ? `triggered ${id}: started workflow ${workflowId}\n`
            : `triggered ${id}; the run will show in \`rakuten schedules list\`\n`,
        );
      }, id),
    );
}

/**
 * Connects to Temporal for one subcommand and closes the connection after it. An unknown ID is
 * refused before connecting, so the message does not depend on the server being up.
 */
async function withSchedules(
  run: (client: Client, definitions: readonly ScheduleDefinition[]) => Promise<void>,
  id?: string,
): Promise<void> {
  const config: Config = loadConfig();
  // The retention schedule's days come from the configuration (PREDICTION_LOG_RETENTION_DAYS, …).
  const definitions = deploymentSchedules(config.retention);
  try {
    if (id !== undefined) findSchedule(id, definitions);
    let temporal;
    try {
      temporal = await connectClient(config.temporal);
    } catch (error) {
      throw new UserError(
        `cannot reach Temporal at ${config.temporal.address}: ${error instanceof Error ? error.message : String(error)}. ` +
          'Is the stack running (npm start)? Otherwise check TEMPORAL_ADDRESS.',
      );
    }
    try {
      await run(temporal.client, definitions);
    } finally {
      await temporal.connection.close();
    }
  } catch (error) {
    if (error instanceof ScheduleError) throw new UserError(error.message);
    throw error;
  }
}

function formatStatus(s: ScheduleStatus): string {
  if (!s.exists) return `${s.id}  not created (run \`rakuten schedules apply\`)\n`;
  const lines = [
    `${s.id}  ${s.paused ? 'PAUSED' : 'active'}  every ${duration(s.everyMs)}` +
      `  overlap ${s.overlap ?? '?'}  catch-up ${duration(s.catchupWindowMs)}`,
    `  ${s.workflowType}: ${s.description}`,
  ];
  if (s.note) lines.push(`  note      ${s.note}`);
  lines.push(`  next run  ${s.paused ? '- (paused)' : time(s.nextRunAt)}`);
  lines.push(
    `  last run  ${s.lastRun ? `${time(s.lastRun.startedAt)}  ${s.lastRun.status}  ${s.lastRun.workflowId}` : '- (none yet)'}`,
  );
  return `${lines.join('\n')}\n`;
}

function time(date: Date | undefined): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-';
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return '?';
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, seconds] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= seconds) {
      parts.push(`${Math.floor(rest / seconds)}${unit}`);
      rest %= seconds;
    }
  }
  return parts.join('') || '0s';
}
