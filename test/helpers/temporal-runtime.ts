import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Workers in tests log only what needs attention; the SDK's info lines would drown the report. */
export function installQuietRuntime(): void {
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
