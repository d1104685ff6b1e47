/** The promotion gate of trainModel: pure, so its rules are tested without Temporal. */
import type { GateSettings } from '../core/contracts/train-model';

export interface GateInput {
  /** `retiredSources`: those of its dataset's sources retired since its snapshot was taken. */
  candidate: { version: string; goldWeightedF1: number; retiredSources?: readonly string[] };
  /**
   * The champion, if any, with its weighted F1 re-scored on the candidate's gold holdout; a
   * champion that is the candidate itself scores what the candidate scored. Null when it was
   * not re-scored: a champion that `replacesRetired` needs no comparison.
   */
  champion: {
    version: string;
    rescoredF1: number | null;
    /** The retired (or deleted) sources its dataset holds rows of. */
    retiredSources?: readonly string[];
  } | null;
  gate: GateSettings;
}

export interface GateDecision {
  promote: boolean;
  reason: string;
  championF1: number | null;
  /** The champion's retired sources, when the candidate replaced it for them. */
  retiredSources?: string[];
}

/** What is recorded with a promotion or a rejection (a plain record, as the registry takes it). */
export type GateRecord = Pick<GateSettings, keyof GateSettings> & {
  promoted: boolean;
  reason: string;
  candidateF1: number;
  championF1: number | null;
  champion: string | null;
  /** Only when the champion was replaced for its retired sources: which they were. */
  championRetiredSources?: string[];
};

const f = (x: number) => x.toFixed(4);

/** Only a champion that is another version needs scoring on the candidate's gold holdout. */
export function needsRescore<C extends { version: string }>(
  champion: C | null,
  candidateVersion: string,
): champion is C {
  return !!champion && champion.version !== candidateVersion;
}

/**
 * Whether the candidate replaces the champion without a comparison: the champion was trained on
 * rows of sources retired since, and the candidate on none. Their gold holdouts differ (the
 * retired rows left the candidate's), and a champion serving data its operators withdrew must
 * give way to the first model that clears the floor without it.
 */
export function replacesRetired(
  champion: Pick<NonNullable<GateInput['champion']>, 'version' | 'retiredSources'> | null,
  candidate: Pick<GateInput['candidate'], 'version' | 'retiredSources'>,
): boolean {
  return (
    !!champion &&
    champion.version !== candidate.version &&
    (champion.retiredSources?.length ?? 0) > 0 &&
    (candidate.retiredSources?.length ?? 0) === 0
  );
}

/**
 * The first model needs no gate, and a candidate that already is the champion stays it; any
 * other must clear the floor, then either replace a champion trained on retired data or beat
 * the champion by at least minDelta.
 */
export function gateDecision({ candidate, champion, gate }: GateInput): GateDecision {
  if (!champion) {
    return { promote: true, reason: 'first model: there is no champion yet', championF1: null };
  }
  if (champion.version === candidate.version) {
    return {
      promote: true,
      reason: 'already the champion',
      championF1: candidate.goldWeightedF1,
    };
  }
  const f1 = candidate.goldWeightedF1;
  const championF1 = champion.rescoredF1;
  const retired = replacesRetired(champion, candidate) ? [...champion.retiredSources!] : null;
  if (f1 < gate.floor) {
    // Said, so that an operator waiting for the retired champion to go knows what holds it.
    const stays = retired
      ? `; champion ${champion.version}, trained on retired source(s) ${retired.join(', ')}, stays until a model trained without them clears the floor`
      : '';
    return {
      promote: false,
      reason: `gold weighted F1 ${f(f1)} is below the floor ${gate.floor}${stays}`,
      championF1,
    };
  }
  if (retired) {
    return {
      promote: true,
      reason: `champion ${champion.version} was trained on retired source(s) ${retired.join(', ')}; replaced by the first model trained without them (gold sets differ, not compared)`,
      championF1,
      retiredSources: retired,
    };
  }
  if (championF1 === null) {
    // Only a bug gets here (the workflow re-scores every champion it compares): keep the
    // candidate out rather than promote it unseen.
    return {
      promote: false,
      reason: `champion ${champion.version} was not re-scored on the gold holdout: not compared`,
      championF1,
    };
  }
  const delta = f1 - championF1;
  if (delta < gate.minDelta) {
    return {
      promote: false,
      reason: `gold weighted F1 ${f(f1)} does not beat champion ${champion.version} (${f(championF1)}) by ${gate.minDelta}`,
      championF1,
    };
  }
  return {
    promote: true,
    reason: `gold weighted F1 ${f(f1)} beats champion ${champion.version} (${f(championF1)}) by ${f(delta)}`,
    championF1,
  };
}

export function gateRecord(
  decision: GateDecision,
  candidateF1: number,
  champion: string | null,
  gate: GateSettings,
): GateRecord {
  return {
    promoted: decision.promote,
    reason: decision.reason,
    candidateF1,
    championF1: decision.championF1,
    champion,
    ...gate,
    // Only then: records of every other decision keep the keys they always had.
    ...(decision.retiredSources ? { championRetiredSources: decision.retiredSources } : {}),
  };
}
