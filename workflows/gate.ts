/** The promotion gate of trainModel: pure, so its rules are tested without Temporal. */
import type { GateSettings } from '../core/contracts/train-model';

export interface GateInput {
  candidate: { version: string; goldWeightedF1: number };
  /**
   * The champion, if any, with its weighted F1 re-scored on the candidate's gold holdout; a
   * champion that is the candidate itself scores what the candidate scored.
   */
  champion: { version: string; rescoredF1: number } | null;
  gate: GateSettings;
}

export interface GateDecision {
  promote: boolean;
  reason: string;
  championF1: number | null;
}

/** What is recorded with a promotion or a rejection (a plain record, as the registry takes it). */
export type GateRecord = Pick<GateSettings, keyof GateSettings> & {
  promoted: boolean;
  reason: string;
  candidateF1: number;
  championF1: number | null;
  champion: string | null;
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
 * The first model needs no gate, and a candidate that already is the champion stays it; any
 * other must clear the floor and beat the champion by at least minDelta.
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
  const delta = f1 - championF1;
  if (f1 < gate.floor) {
    return {
      promote: false,
      reason: `gold weighted F1 ${f(f1)} is below the floor ${gate.floor}`,
      championF1,
    };
  }
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
  };
}
