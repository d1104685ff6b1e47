/** Shared by the `systemCheck` workflow, `rakuten doctor` and the tests. */
export interface SystemCheckInput {
  /** Caller-chosen ID, so the probe row and object can be traced back to one run. */
  checkId: string;
}

export interface ComponentCheck {
  component: 'postgres' | 's3';
  ok: boolean;
  latencyMs: number;
  detail: string;
}

export interface SystemCheckResult {
  ok: boolean;
  checks: ComponentCheck[];
}
