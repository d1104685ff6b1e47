/** A workflow's page in the Temporal Web UI, or undefined where no UI is known. */
export function workflowUrl(
  uiUrl: string | undefined,
  namespace: string,
  workflowId: string,
  runId?: string,
): string | undefined {
  if (!uiUrl) return undefined;
  const base = `${uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}

/** A schedule's page in the Temporal Web UI. */
export function scheduleUrl(
  uiUrl: string | undefined,
  namespace: string,
  scheduleId: string,
): string | undefined {
  if (!uiUrl) return undefined;
  return `${uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/schedules/${encodeURIComponent(scheduleId)}`;
}
