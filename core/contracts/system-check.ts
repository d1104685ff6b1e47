/** Shared by the `systemCheck` workflow, `rakuten doctor` and the tests. */
import { z } from 'zod';

export const systemCheckInputSchema = z.strictObject({
  /** Caller-chosen ID, so the probe row and object can be traced back to one run. */
  checkId: z.string({ error: 'must be text' }).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, {
    error: 'must be 1 to 100 of A-Z a-z 0-9 . _ : -, starting with a letter or digit',
  }),
});
export type SystemCheckInput = z.infer<typeof systemCheckInputSchema>;

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
