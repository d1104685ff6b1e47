import { sql } from 'kysely';
import type { Db } from '../../core/db/connect';

export interface ShadowAgreement {
  /** Requests one version served while the other shadowed it. */
  n: number;
  /** Share of those on which both predicted the same code. */
  agreement: number;
  /** Of the n, those `a` served (b shadowing); the rest `b` served. */
  served_by_a: number;
}

/** How often two versions agreed on the requests one of them shadowed; null if none were. */
export async function shadowAgreement(
  db: Db,
  a: string,
  b: string,
): Promise<ShadowAgreement | null> {
  const row = await db
    .selectFrom('prediction_log')
    .select([
      sql<string>`count(*)`.as('n'),
      sql<string>`count(*) FILTER (WHERE predicted_code = shadow_code)`.as('agreed'),
      sql<string>`count(*) FILTER (WHERE model_version = ${a})`.as('served_by_a'),
    ])
    .where('shadow_code', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('model_version', '=', a), eb('shadow_version', '=', b)]),
        eb.and([eb('model_version', '=', b), eb('shadow_version', '=', a)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  if (n === 0) return null;
  return { n, agreement: Number(row.agreed) / n, served_by_a: Number(row.served_by_a) };
}
