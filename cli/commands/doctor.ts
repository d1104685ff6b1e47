import type { Command } from 'commander';
import { loadConfig } from '../../core/config/config';
import { UserError } from '../user-error';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check Temporal, the worker, PostgreSQL and S3 through a systemCheck workflow')
    .option('--json', 'print the report as JSON')
    .option('--timeout <seconds>', 'how long to wait for the workflow', Number, 60)
    .action(async (options: { json?: boolean; timeout: number }) => {
      const { runDoctor, formatChecks } = await import('../doctor');
      const checks = await runDoctor(loadConfig(), options.timeout * 1000);
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ok: checks.every((c) => c.ok), checks })}\n`
          : formatChecks(checks),
      );
      const failing = checks.filter((c) => !c.ok && !c.skipped).map((c) => c.component);
      const skipped = checks.filter((c) => c.skipped).map((c) => c.component);
      if (failing.length > 0) {
        throw new UserError(
          `doctor: ${failing.join(', ')} ${failing.length > 1 ? 'are' : 'is'} down` +
            (skipped.length > 0 ? ` (not checked: ${skipped.join(', ')})` : ''),
        );
      }
    });
}
