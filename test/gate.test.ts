import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GATE } from '../core/contracts/train-model';
import type { GateSettings } from '../core/contracts/train-model';
import { registration } from '../workflows/candidate-registration';
import type { TrainedVersion } from '../workflows/candidate-registration';
import { gateDecision, gateRecord, needsRescore, replacesRetired } from '../workflows/gate';
import type { GateInput } from '../workflows/gate';
import { planProblem, trainingPlan } from '../workflows/training-plan';

const gate: GateSettings = { minDelta: 0.002, floor: 0.5 };

/** A candidate `m-new` against a champion `m-old` re-scored at `championF1`. */
const versus = (candidateF1: number, championF1: number, settings = gate): GateInput => ({
  candidate: { version: 'm-new', goldWeightedF1: candidateF1 },
  champion: { version: 'm-old', rescoredF1: championF1 },
  gate: settings,
});

describe('gate: which candidates are promoted', () => {
  it('promotes the first model without a gate, even below the floor', () => {
    assert.deepEqual(
      gateDecision({ candidate: { version: 'm-1', goldWeightedF1: 0.1 }, champion: null, gate }),
      { promote: true, reason: 'first model: there is no champion yet', championF1: null },
    );
  });

  it('promotes a candidate that is already the champion, at its own score', () => {
    assert.deepEqual(
      gateDecision({
        candidate: { version: 'm-1', goldWeightedF1: 0.3 },
        champion: { version: 'm-1', rescoredF1: 0.3 },
        gate,
      }),
      { promote: true, reason: 'already the champion', championF1: 0.3 },
    );
  });

  it('rejects a candidate below the floor, however much it beats the champion', () => {
    assert.deepEqual(gateDecision(versus(0.45, 0.2)), {
      promote: false,
      reason: 'gold weighted F1 0.4500 is below the floor 0.5',
      championF1: 0.2,
    });
  });

  it('lets a candidate exactly at the floor through to the comparison', () => {
    const decision = gateDecision(versus(0.5, 0.25));
    assert.equal(decision.promote, true);
    assert.equal(
      decision.reason,
      'gold weighted F1 0.5000 beats champion m-old (0.2500) by 0.2500',
    );
  });

  it('rejects a candidate that does not beat the champion by minDelta', () => {
    assert.deepEqual(gateDecision(versus(0.801, 0.8)), {
      promote: false,
      reason: 'gold weighted F1 0.8010 does not beat champion m-old (0.8000) by 0.002',
      championF1: 0.8,
    });
    assert.equal(
      gateDecision(versus(0.7, 0.8)).reason,
      'gold weighted F1 0.7000 does not beat champion m-old (0.8000) by 0.002',
    );
  });

  it('promotes a candidate that beats the champion by exactly minDelta (delta < minDelta fails)', () => {
    // Binary fractions, so the difference is exactly minDelta.
    assert.deepEqual(gateDecision(versus(0.75, 0.5, { minDelta: 0.25, floor: 0.5 })), {
      promote: true,
      reason: 'gold weighted F1 0.7500 beats champion m-old (0.5000) by 0.2500',
      championF1: 0.5,
    });
    assert.equal(gateDecision(versus(0.75, 0.75, { minDelta: 0, floor: 0.5 })).promote, true);
  });

  it('promotes a candidate that beats the champion by more than minDelta', () => {
    assert.deepEqual(gateDecision(versus(0.85, 0.8)), {
      promote: true,
      reason: 'gold weighted F1 0.8500 beats champion m-old (0.8000) by 0.0500',
      championF1: 0.8,
    });
  });

  /** A candidate trained on active sources only against a champion trained on a retired one. */
  const retiredChampion = (candidateF1: number, candidateRetired: string[] = []): GateInput => ({
    candidate: { version: 'm-new', goldWeightedF1: candidateF1, retiredSources: candidateRetired },
    champion: { version: 'm-old', rescoredF1: null, retiredSources: ['B', 'C (deleted)'] },
    gate,
  });

  it('replaces a champion trained on a retired source without comparing gold sets', () => {
    const decision = gateDecision(retiredChampion(0.6));
    assert.deepEqual(decision, {
      promote: true,
      reason:
        'champion m-old was trained on retired source(s) B, C (deleted); replaced by the first model trained without them (gold sets differ, not compared)',
      championF1: null,
      retiredSources: ['B', 'C (deleted)'],
    });
    // The record says which sources, after the keys every record has.
    const record = gateRecord(decision, 0.6, 'm-old', gate);
    assert.deepEqual(record.championRetiredSources, ['B', 'C (deleted)']);
    assert.deepEqual(Object.keys(record).slice(-1), ['championRetiredSources']);
  });

  it('replaces it even when the champion, re-scored, would score higher', () => {
    const input = retiredChampion(0.55);
    const decision = gateDecision({ ...input, champion: { ...input.champion!, rescoredF1: 0.9 } });
    assert.equal(decision.promote, true);
    assert.match(decision.reason, /^champion m-old was trained on retired source\(s\) B/);
  });

  it('still refuses a candidate below the floor, saying the retired champion stays', () => {
    assert.deepEqual(gateDecision(retiredChampion(0.45)), {
      promote: false,
      reason:
        'gold weighted F1 0.4500 is below the floor 0.5; champion m-old, trained on retired source(s) B, C (deleted), stays until a model trained without them clears the floor',
      championF1: null,
    });
  });

  it('compares as usual a candidate trained on retired data too', () => {
    const input = retiredChampion(0.7, ['B']);
    assert.equal(replacesRetired(input.champion, input.candidate), false);
    const decision = gateDecision({ ...input, champion: { ...input.champion!, rescoredF1: 0.8 } });
    assert.equal(decision.promote, false);
    assert.equal(
      decision.reason,
      'gold weighted F1 0.7000 does not beat champion m-old (0.8000) by 0.002',
    );
    // Without a re-score there is nothing to compare: the candidate stays out.
    assert.equal(gateDecision(input).promote, false);
  });

  it('keeps a champion trained on retired data that is the candidate itself', () => {
    const decision = gateDecision({
      candidate: { version: 'm-old', goldWeightedF1: 0.3 },
      champion: { version: 'm-old', rescoredF1: 0.3, retiredSources: ['B'] },
      gate,
    });
    assert.deepEqual(decision, { promote: true, reason: 'already the champion', championF1: 0.3 });
  });

  it('replaces only a champion with retired sources, by a candidate without', () => {
    const cand = { version: 'm-new', retiredSources: [] };
    assert.equal(replacesRetired(null, cand), false);
    assert.equal(replacesRetired({ version: 'm-old' }, cand), false);
    assert.equal(replacesRetired({ version: 'm-old', retiredSources: [] }, cand), false);
    assert.equal(replacesRetired({ version: 'm-old', retiredSources: ['B'] }, cand), true);
    assert.equal(
      replacesRetired({ version: 'm-old', retiredSources: ['B'] }, { version: 'm-new' }),
      true,
    );
    assert.equal(
      replacesRetired({ version: 'm-new', retiredSources: ['B'] }, { version: 'm-new' }),
      false,
    );
  });

  it('re-scores only a champion that is another version', () => {
    assert.equal(needsRescore(null, 'm-1'), false);
    assert.equal(needsRescore({ version: 'm-1' }, 'm-1'), false);
    assert.equal(needsRescore({ version: 'm-0' }, 'm-1'), true);
  });

  it('records the decision with both scores, the champion and the settings', () => {
    const decision = gateDecision(versus(0.7, 0.8));
    const record = gateRecord(decision, 0.7, 'm-old', gate);
    assert.deepEqual(record, {
      promoted: false,
      reason: decision.reason,
      candidateF1: 0.7,
      championF1: 0.8,
      champion: 'm-old',
      minDelta: 0.002,
      floor: 0.5,
    });
    // The registry stores it as JSON: the order of its keys is part of what it keeps.
    assert.deepEqual(Object.keys(record), [
      'promoted',
      'reason',
      'candidateF1',
      'championF1',
      'champion',
      'minDelta',
      'floor',
    ]);
  });
});

describe('trainModel plan: defaults and refusals', () => {
  it('fills in the defaults', () => {
    assert.deepEqual(trainingPlan({ datasetVersion: 'd-1' }), {
      spec: { datasetVersion: 'd-1', folds: 3, seed: 42, trainFraction: 1 },
      families: ['svm', 'logreg', 'cnb', 'mlp'],
      gate: DEFAULT_GATE,
      actor: 'workflow',
    });
  });

  it('keeps what the input says, and a partial gate over the default', () => {
    const plan = trainingPlan({
      datasetVersion: 'd-1',
      families: ['cnb'],
      folds: 2,
      seed: 7,
      trainFraction: 0.5,
      gate: { floor: 0.6 },
      requestedBy: 'cli:ana',
    });
    assert.deepEqual(plan, {
      spec: { datasetVersion: 'd-1', folds: 2, seed: 7, trainFraction: 0.5 },
      families: ['cnb'],
      gate: { minDelta: 0.002, floor: 0.6 },
      actor: 'cli:ana',
    });
  });

  it('refuses no families, then a train fraction outside (0, 1]', () => {
    const problem = (input: Partial<Parameters<typeof trainingPlan>[0]>) =>
      planProblem(trainingPlan({ datasetVersion: 'd-1', ...input }));
    assert.equal(problem({}), undefined);
    assert.equal(problem({ trainFraction: 1 }), undefined);
    assert.equal(
      problem({ families: [], trainFraction: 0 }),
      'families must name at least one model family',
    );
    assert.equal(problem({ trainFraction: 0 }), 'trainFraction must be in (0, 1], not 0');
    assert.equal(problem({ trainFraction: 1.5 }), 'trainFraction must be in (0, 1], not 1.5');
    assert.equal(problem({ trainFraction: NaN }), 'trainFraction must be in (0, 1], not NaN');
  });

  it('registers the version with its parameters, gold metrics, candidates and durations', () => {
    const seconds = { snapshot: 1, candidates: 2 };
    const trained = {
      modelVersion: 'm-1',
      plan: trainingPlan({ datasetVersion: 'd-1', families: ['cnb'], requestedBy: 'cli:ana' }),
      candidates: [{ family: 'cnb', best: { cvWeightedF1: 0.6, hyper: { alpha: 1 } }, seconds: 3 }],
      refit: { family: 'cnb', hyper: { alpha: 1 }, temperature: 1.2, cv: { weightedF1: 0.6 } },
      gold: {
        n: 10,
        weightedF1: 0.61,
        metrics: { weightedF1: 0.61, macroF1: 0.5, accuracy: 0.7, ece: 0.05 },
      },
      exported: { keys: { model: 'm-1/model.onnx' }, sha256: { model: 'abc' } },
      seconds,
    } as unknown as TrainedVersion;
    assert.deepEqual(registration(trained), {
      version: 'm-1',
      family: 'cnb',
      parameters: {
        hyper: { alpha: 1 },
        temperature: 1.2,
        families: ['cnb'],
        datasetVersion: 'd-1',
        folds: 3,
        seed: 42,
        trainFraction: 1,
      },
      metrics: {
        gold: { n: 10, weightedF1: 0.61, macroF1: 0.5, accuracy: 0.7, ece: 0.05 },
        cv: { weightedF1: 0.6 },
        candidates: [{ family: 'cnb', cvWeightedF1: 0.6, hyper: { alpha: 1 }, seconds: 3 }],
      },
      goldWeightedF1: 0.61,
      durations: seconds,
      artifacts: { model: 'm-1/model.onnx' },
      artifactSha256: { model: 'abc' },
      actor: 'cli:ana',
    });
  });
});
