import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_THRESHOLDS, RETRAIN_CONTROLLER_ID } from '../core/contracts/retrain-controller';
import type {
  ControllerStatus,
  RetrainRequest,
  Thresholds,
} from '../core/contracts/retrain-controller';
import type { TrainModelResult } from '../core/contracts/train-model';
import {
  admit,
  askedFor,
  driftRequest,
  heldReason,
  ruleRequest,
  withThresholds,
  worthOffering,
} from '../workflows/retrain-rules';
import type { RuleState } from '../workflows/retrain-rules';
import {
  alreadyTrained,
  childFinished,
  childWorkflowId,
  doneReason,
  failureMessage,
  NOT_FINISHED,
  trainingArgs,
  waitsForData,
} from '../workflows/retrain-run';
import {
  initialStatus,
  runningEntry,
  trainingRecord,
  withRejectedSignal,
} from '../workflows/retrain-status';
import { MAX_RECORD_CHARS } from '../core/contracts/fields';

const thresholds: Thresholds = { f1Floor: 0.7, backlogRows: 10_000, driftSeverity: 'high' };

const state = (over: Partial<RuleState> = {}): RuleState => ({
  thresholds,
  champion: { version: 'm-1', goldWeightedF1: 0.8 },
  backlog: 0,
  floorHandledFor: null,
  waitingForData: false,
  ...over,
});

const request = (trigger: RetrainRequest['trigger'], reason = 'why'): RetrainRequest => ({
  trigger,
  reason,
  by: 'workflow',
});

const running = (trigger: RetrainRequest['trigger']) =>
  runningEntry(request(trigger), '2026-01-01T00:00:00.000Z', 0);

describe('retrain rules: what the controller asks for', () => {
  it('asks for a first model when there is no champion', () => {
    assert.deepEqual(ruleRequest(state({ champion: null, backlog: 50_000 })), {
      request: { trigger: 'first_model', reason: 'there is no champion yet', by: 'workflow' },
      floorHandledFor: null,
    });
  });

  it('asks nothing while waiting for data, not even a first model', () => {
    for (const over of [
      { champion: null },
      { champion: { version: 'm-1', goldWeightedF1: 0.5 } },
      { backlog: 20_000 },
    ]) {
      assert.deepEqual(ruleRequest(state({ ...over, waitingForData: true })), {
        request: undefined,
        floorHandledFor: null,
      });
    }
  });

  it('asks once per champion below the F1 floor, marking it handled', () => {
    const low = { version: 'm-1', goldWeightedF1: 0.65 };
    const first = ruleRequest(state({ champion: low }));
    assert.deepEqual(first, {
      request: {
        trigger: 'f1_floor',
        reason: 'champion m-1 scores 0.6500, below the floor 0.7',
        by: 'workflow',
      },
      floorHandledFor: 'm-1',
    });
    // The same champion is not retrained twice for the same floor.
    assert.deepEqual(ruleRequest(state({ champion: low, floorHandledFor: 'm-1' })), {
      request: undefined,
      floorHandledFor: 'm-1',
    });
    // A new champion still below the floor is.
    const next = ruleRequest(
      state({ champion: { version: 'm-2', goldWeightedF1: 0.66 }, floorHandledFor: 'm-1' }),
    );
    assert.equal(next.request?.reason, 'champion m-2 scores 0.6600, below the floor 0.7');
    assert.equal(next.floorHandledFor, 'm-2');
  });

  it('asks again for the same champion once the floor is changed', () => {
    const low = { version: 'm-1', goldWeightedF1: 0.65 };
    const handled = { thresholds, floorHandledFor: 'm-1' };
    const raised = withThresholds(handled, { f1Floor: 0.9 });
    assert.deepEqual(raised, {
      thresholds: { ...thresholds, f1Floor: 0.9 },
      floorHandledFor: null,
    });
    const again = ruleRequest(state({ champion: low, ...raised }));
    assert.equal(again.request?.reason, 'champion m-1 scores 0.6500, below the floor 0.9');
    assert.equal(again.floorHandledFor, 'm-1');
    // Other thresholds leave the floor's question answered.
    assert.deepEqual(withThresholds(handled, { backlogRows: 5, driftSeverity: 'low' }), {
      thresholds: { f1Floor: 0.7, backlogRows: 5, driftSeverity: 'low' },
      floorHandledFor: 'm-1',
    });
  });

  it('does not apply the floor to a champion at it or without a gold score', () => {
    for (const champion of [
      { version: 'm-1', goldWeightedF1: 0.7 },
      { version: 'm-1', goldWeightedF1: null },
    ]) {
      assert.deepEqual(ruleRequest(state({ champion })), {
        request: undefined,
        floorHandledFor: null,
      });
    }
  });

  it('asks for the floor before the backlog, and the backlog once the floor is handled', () => {
    const low = { version: 'm-1', goldWeightedF1: 0.5 };
    assert.equal(
      ruleRequest(state({ champion: low, backlog: 20_000 })).request?.trigger,
      'f1_floor',
    );
    assert.deepEqual(
      ruleRequest(state({ champion: low, backlog: 20_000, floorHandledFor: 'm-1' })),
      {
        request: {
          trigger: 'backlog',
          reason: '20000 new labelled rows, at or over 10000',
          by: 'workflow',
        },
        floorHandledFor: 'm-1',
      },
    );
  });

  it('asks for a retrain when the backlog reaches its threshold, not before', () => {
    assert.equal(ruleRequest(state({ backlog: 9_999 })).request, undefined);
    assert.deepEqual(ruleRequest(state({ backlog: 10_000 })).request, {
      trigger: 'backlog',
      reason: '10000 new labelled rows, at or over 10000',
      by: 'workflow',
    });
    assert.equal(
      ruleRequest(state({ backlog: 10_001 })).request?.reason,
      '10001 new labelled rows, at or over 10000',
    );
  });
});

describe('retrain rules: drift and requests', () => {
  const drift = (severity: 'none' | 'low' | 'medium' | 'high', at = thresholds) =>
    driftRequest(at, { reportId: 'drift-1', severity });

  it('asks on drift at or above the threshold severity', () => {
    assert.equal(drift('none'), undefined);
    assert.equal(drift('low'), undefined);
    assert.equal(drift('medium'), undefined);
    assert.deepEqual(drift('high'), {
      trigger: 'drift',
      reason: 'drift report drift-1 is high (threshold high)',
      by: 'workflow',
    });
    const medium = { ...thresholds, driftSeverity: 'medium' as const };
    assert.equal(
      drift('medium', medium)?.reason,
      'drift report drift-1 is medium (threshold medium)',
    );
    assert.equal(drift('high', medium)?.reason, 'drift report drift-1 is high (threshold medium)');
  });

  it("never asks on 'none', even with the threshold at 'none'", () => {
    const none = { ...thresholds, driftSeverity: 'none' as const };
    assert.equal(drift('none', none), undefined);
    assert.equal(drift('low', none)?.reason, 'drift report drift-1 is low (threshold none)');
  });

  it('turns a request signal into a request, with a reason even when none was given', () => {
    assert.deepEqual(askedFor({ by: 'cli:ana', reason: 'new labels' }), {
      trigger: 'request',
      reason: 'new labels',
      by: 'cli:ana',
    });
    assert.deepEqual(askedFor({ by: 'api:ci', reason: '' }), {
      trigger: 'request',
      reason: 'asked for',
      by: 'api:ci',
    });
  });
});

describe('retrain rules: one running, one queued, the rest skipped', () => {
  it('trains when nothing runs, queues behind a running one, skips when the slot is taken', () => {
    assert.equal(admit({ running: null, queued: null }), 'train');
    assert.equal(admit({ running: running('request'), queued: null }), 'queue');
    assert.equal(admit({ running: running('request'), queued: request('drift') }), 'skip');
    // The loop starts a queued request before anything new once the running one ends.
    assert.equal(admit({ running: null, queued: request('drift') }), 'train');
  });

  it('takes a burst as one training, one queued and the rest skipped', () => {
    const status: Pick<ControllerStatus, 'running' | 'queued'> = { running: null, queued: null };
    const made: string[] = [];
    for (let i = 0; i < 10; i++) {
      const asked = askedFor({ by: 'test', reason: `burst ${i}` });
      const admission = admit(status);
      if (admission === 'train') status.running = runningEntry(asked, 'now', i + 1);
      else if (admission === 'queue') status.queued = asked;
      made.push(admission === 'train' ? 'train' : heldReason(admission, asked));
    }
    assert.deepEqual(made.slice(0, 3), [
      'train',
      'a training is running; queued: burst 1',
      'a training is running and another is queued: burst 2',
    ]);
    assert.equal(made.filter((m) => m.startsWith('a training is running and')).length, 8);
  });

  it("offers a rule's request only when no training is queued or running for the same reason", () => {
    assert.equal(worthOffering(undefined, { running: null, queued: null }), false);
    assert.equal(worthOffering(request('backlog'), { running: null, queued: null }), true);
    assert.equal(
      worthOffering(request('backlog'), { running: running('request'), queued: null }),
      true,
    );
    assert.equal(
      worthOffering(request('backlog'), { running: running('backlog'), queued: null }),
      false,
    );
    assert.equal(
      worthOffering(request('backlog'), { running: null, queued: request('request') }),
      false,
    );
  });
});

describe('retrain controller state and trainings', () => {
  it('starts from the defaults and the given thresholds, or from the carried state', () => {
    const fresh = initialStatus({ thresholds: { backlogRows: 500 } });
    assert.deepEqual(fresh, {
      thresholds: { ...DEFAULT_THRESHOLDS, backlogRows: 500 },
      backlog: 0,
      champion: null,
      running: null,
      queued: null,
      lastDecision: null,
      lastTraining: null,
      requestsReceived: 0,
      trainingsStarted: 0,
      floorHandledFor: null,
      rejectedSignals: {},
    });
    assert.deepEqual(initialStatus({}).thresholds, DEFAULT_THRESHOLDS);
    const carried = { ...fresh, backlog: 42 };
    assert.deepEqual(initialStatus({ thresholds: { backlogRows: 1 }, carried }), carried);
    // A state carried from a run of before signals were counted starts counting from none.
    const { rejectedSignals: _, ...older } = carried;
    assert.deepEqual(initialStatus({ carried: older }), carried);
  });

  it('counts dropped signals by name, keeping the last problem', () => {
    const once = withRejectedSignal({}, 'dataIngested', 'rows: must be a number', 'T0');
    assert.deepEqual(once, {
      dataIngested: { count: 1, lastProblem: 'rows: must be a number', lastAt: 'T0' },
    });
    const twice = withRejectedSignal(once, 'dataIngested', 'signal: unknown field x', 'T1');
    const other = withRejectedSignal(twice, 'retrainRequested', 'reason: too long', 'T2');
    assert.deepEqual(other, {
      dataIngested: { count: 2, lastProblem: 'signal: unknown field x', lastAt: 'T1' },
      retrainRequested: { count: 1, lastProblem: 'reason: too long', lastAt: 'T2' },
    });
    assert.equal(once.dataIngested?.count, 1, 'the record before is left as it was');
  });

  it('keeps a long failure message clipped, so the state it hands over still parses', () => {
    const ended = {
      workflowId: 'train-x',
      trigger: 'backlog' as const,
      ...NOT_FINISHED,
      reason: 'x'.repeat(20_000),
    };
    const record = trainingRecord({ running: null, requestsReceived: 0 }, ended, 'T1');
    assert.equal(record.reason.length, MAX_RECORD_CHARS);
  });

  it('records a running training as answering the requests received so far', () => {
    assert.deepEqual(runningEntry(request('request', 'please'), 'T0', 3), {
      trigger: 'request',
      reason: 'please',
      by: 'workflow',
      workflowId: null,
      startedAt: 'T0',
      coversRequest: 3,
    });
  });

  it('records how a training ended, covering what the running one covered', () => {
    const ended = { workflowId: 'train-x', trigger: 'backlog' as const, ...NOT_FINISHED };
    assert.deepEqual(
      trainingRecord(
        { running: runningEntry(request('backlog'), 'T0', 2), requestsReceived: 5 },
        ended,
        'T1',
      ),
      {
        workflowId: 'train-x',
        trigger: 'backlog',
        outcome: 'failed',
        modelVersion: null,
        reason: '',
        finishedAt: 'T1',
        coversRequest: 2,
      },
    );
    assert.equal(
      trainingRecord({ running: null, requestsReceived: 5 }, ended, 'T1').coversRequest,
      5,
    );
  });

  it("starts trainModel with the controller's settings and the request", () => {
    const args = trainingArgs({ families: ['cnb'], folds: 2 }, 'd'.repeat(64), {
      trigger: 'request',
      reason: 'new labels',
      by: 'cli:ana',
    });
    assert.deepEqual(args, {
      families: ['cnb'],
      folds: 2,
      datasetVersion: 'd'.repeat(64),
      requestedBy: 'cli:ana',
      reason: 'new labels',
    });
    assert.deepEqual(trainingArgs(undefined, 'd1', request('backlog')), {
      datasetVersion: 'd1',
      requestedBy: 'workflow',
      reason: 'why',
    });
  });

  it("names the child after the data, and after the controller unless it is the deployment's", () => {
    const args = { datasetVersion: 'abcdef0123456789ffff' };
    assert.equal(childWorkflowId(RETRAIN_CONTROLLER_ID, args), 'train-abcdef0123456789');
    assert.equal(childWorkflowId('controller-7', args), 'train-abcdef0123456789@controller-7');
  });

  it('says how the child ended', () => {
    const result = { promoted: true, modelVersion: 'm-2', reason: 'beats' } as TrainModelResult;
    assert.deepEqual(childFinished(result), {
      outcome: 'promoted',
      modelVersion: 'm-2',
      reason: 'beats',
    });
    assert.equal(childFinished({ ...result, promoted: false }).outcome, 'rejected');
    const unchanged = alreadyTrained('train-abc', '0123456789abcdef');
    assert.deepEqual(unchanged, {
      outcome: 'unchanged',
      modelVersion: null,
      reason: 'train-abc has already trained on dataset 0123456789ab',
    });
    assert.equal(
      doneReason(unchanged),
      'unchanged: train-abc has already trained on dataset 0123456789ab',
    );
    assert.equal(doneReason(childFinished(result)), 'promoted: beats');
  });

  it('takes the message of the wrapped cause, of the error, or the thing thrown', () => {
    const wrapped = new Error('Activity task failed', {
      cause: new Error('there are no labelled products to train on yet'),
    });
    assert.equal(failureMessage(wrapped), 'there are no labelled products to train on yet');
    assert.equal(failureMessage(new Error('plain')), 'plain');
    assert.equal(failureMessage('a string'), 'a string');
    assert.equal(waitsForData(failureMessage(wrapped)), true);
    assert.equal(waitsForData('every candidate failed'), false);
  });
});
