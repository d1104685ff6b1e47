import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { SystemCheckActivities } from '../activities/system-check/activities';
import { systemCheckInputSchema } from '../core/contracts/system-check';
import type {
  ComponentCheck,
  SystemCheckInput,
  SystemCheckResult,
} from '../core/contracts/system-check';
import { parseInput } from './parse-input';

const { checkPostgres, checkS3 } = proxyActivities<SystemCheckActivities>({
  // A system check must answer quickly: a component that is down fails, it does not hang.
  startToCloseTimeout: '15 seconds',
  retry: { maximumAttempts: 2, initialInterval: '500 milliseconds' },
});

/** Proves that a worker can reach PostgreSQL and S3 by writing and reading back a probe in each. */
export async function systemCheck(given: SystemCheckInput): Promise<SystemCheckResult> {
  const input = parseInput(systemCheckInputSchema, given);
  const checks = await Promise.all([
    report('postgres', () => checkPostgres(input.checkId)),
    report('s3', () => checkS3(input.checkId)),
  ]);
  return { ok: checks.every((c) => c.ok), checks };
}

async function report(
  component: ComponentCheck['component'],
  run: () => Promise<{ latencyMs: number; detail: string }>,
): Promise<ComponentCheck> {
  try {
    return { component, ok: true, ...(await run()) };
  } catch (error) {
    return { component, ok: false, latencyMs: 0, detail: failureMessage(error) };
  }
}

function failureMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return String(cause);
}
