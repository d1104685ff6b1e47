import { bundleWorkflowCode } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Logger as TemporalLogger } from '@temporalio/common';

/** Webpack's build report is noise for anyone but a developer debugging the bundle. */
const quiet: TemporalLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message, meta) => console.error(message, meta ?? ''),
};

/** Bundles every workflow of the pipeline into the code the worker's sandbox runs. */
export function bundlePipelineWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quiet });
}
