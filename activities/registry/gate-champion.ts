import type { Db } from '../../core/db/connect';
import { championOf } from './champion';
import type { Champion } from './champion';
import { retiredNames, retiredSourcesOf } from './retired-sources';

/** The champion as the promotion gate needs it, with what retired data each side was made of. */
export interface GateChampion {
  champion: (Champion & { retiredSources: string[] }) | null;
  /**
   * The candidate's own retired sources: a snapshot taken before a retirement still holds them,
   * and such a candidate is compared as usual rather than replacing the champion unseen.
   */
  candidateRetiredSources: string[];
}

/** The champion, and the retired (or deleted) sources of its dataset and the candidate's. */
export async function gateChampion(
  db: Db,
  input: { candidateDatasetVersion: string },
): Promise<GateChampion> {
  const champion = await championOf(db);
  const retired = await retiredSourcesOf(db, [
    input.candidateDatasetVersion,
    ...(champion ? [champion.datasetVersion] : []),
  ]);
  const namesOf = (version: string) => retiredNames(retired.get(version) ?? []);
  return {
    champion: champion && { ...champion, retiredSources: namesOf(champion.datasetVersion) },
    candidateRetiredSources: namesOf(input.candidateDatasetVersion),
  };
}
