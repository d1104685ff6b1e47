import type { Db } from '../../core/db/connect';
import { retireSource } from './source-state';

/** The reason recorded on the demo source's retirement, and on the training it asks for. */
export const DEMO_RETIRED_REASON = 'demo data retired';

export interface DemoStepAside {
  /** Demo sources this import retired. */
  retired: { sourceId: string; name: string }[];
  /** Active demo sources left active because DEMO_KEEP is set. */
  kept: { sourceId: string; name: string }[];
}

/**
 * After `source` (labelled, not demo) is registered: if it is the first such source, the active
 * demo sources retire, so the next models learn from real products only. Only the first: a demo
 * source someone reactivated after that stays as they left it. `keep` (DEMO_KEEP) leaves them
 * active.
 */
export async function stepDemoAside(
  db: Db,
  { source, actor, keep }: { source: { id: string; name: string }; actor: string; keep: boolean },
): Promise<DemoStepAside> {
  const none: DemoStepAside = { retired: [], kept: [] };
  const earlier = await db
    .selectFrom('sources')
    .select('id')
    .where('labelled', '=', true)
    .where('is_demo', '=', false)
    .where('id', '!=', source.id)
    .limit(1)
    .executeTakeFirst();
  if (earlier) return none;
  const demos = (
    await db
      .selectFrom('sources')
      .select(['id', 'name'])
      .where('is_demo', '=', true)
      .where('state', '=', 'active')
      .orderBy('id')
      .execute()
  ).map((d) => ({ sourceId: d.id, name: d.name }));
  if (keep) return { ...none, kept: demos };
  const retired: DemoStepAside['retired'] = [];
  for (const demo of demos) {
    const change = await retireSource(db, {
      sourceId: demo.sourceId,
      actor,
      reason: `${DEMO_RETIRED_REASON}: real labelled data imported (${shortName(source.name)})`,
    });
    // Another import may have retired it a moment before: its event tells that story.
    if (change.changed) retired.push(demo);
  }
  return { ...none, retired };
}

/** A source's name as the reason quotes it: a name of any length or content still fits the log. */
function shortName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what the log refuses
  const printable = name.replace(/[\u0000-\u001F\u007F]/g, ' ');
  return printable.length > 200 ? `${printable.slice(0, 199)}…` : printable;
}
