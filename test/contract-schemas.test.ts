import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { cliActor } from '../cli/actor';
import { DEFAULT_DRIFT_WINDOW, driftCheckInputSchema } from '../core/contracts/drift-check';
import { actorSchema, MAX_REASON_CHARS, reasonSchema } from '../core/contracts/fields';
import { ingestBatchInputSchema } from '../core/contracts/ingest-batch';
import { checked, ContractError, parseContract } from '../core/contracts/parse';
import { resetDataInputSchema } from '../core/contracts/reset-data';
import {
  controllerInputSchema,
  controllerStatusSchema,
  thresholdsProblem,
} from '../core/contracts/retrain-controller';
import type { ControllerStatus } from '../core/contracts/retrain-controller';
import {
  dataIngestedSchema,
  driftDetectedSchema,
  retrainAskSchema,
} from '../core/contracts/retrain-controller-messages';
import { systemCheckInputSchema } from '../core/contracts/system-check';
import { trainingTaskQueueSchema } from '../core/contracts/task-queues';
import { trainModelInputSchema } from '../core/contracts/train-model';
import { deploymentSchedules } from '../core/temporal/schedules';
import { initialStatus } from '../workflows/retrain-status';

/** The problem the schema finds, as a workflow would report it; fails if it finds none. */
function problem(schema: z.ZodType, value: unknown, root?: string): string {
  const result = checked(schema, value, root);
  assert.equal(result.ok, false, `expected a refusal of ${JSON.stringify(value)?.slice(0, 200)}`);
  return (result as { problem: string }).problem;
}

function accepts(schema: z.ZodType, value: unknown): unknown {
  const result = checked(schema, value);
  assert.ok(result.ok, result.ok ? '' : result.problem);
  return result.value;
}

const VERSION = 'a'.repeat(64);
const train = (extra: Record<string, unknown>) => ({ datasetVersion: VERSION, ...extra });

describe('trainModel input', () => {
  it('takes a full, valid input as it is', () => {
    const input = {
      datasetVersion: VERSION,
      families: ['svm', 'cnb'],
      folds: 5,
      seed: 7,
      trainFraction: 1,
      gate: { minDelta: 0, floor: 1 },
      requestedBy: 'cli:ana',
      reason: 'a new source',
      heartbeatTimeoutSeconds: 3,
      trainingTaskQueue: 'training-16a3d3b8-a4fc-48cc-bc39-e95e4b928ec6',
    };
    assert.deepEqual(accepts(trainModelInputSchema, input), input);
    assert.deepEqual(accepts(trainModelInputSchema, { datasetVersion: VERSION }), {
      datasetVersion: VERSION,
    });
  });

  it('refuses a gate of strings or out of [0, 1], naming the field', () => {
    assert.equal(
      problem(trainModelInputSchema, train({ gate: { minDelta: 'x', floor: 'y' } })),
      'gate.minDelta: must be a number between 0 and 1; gate.floor: must be a number between 0 and 1',
    );
    assert.equal(
      problem(trainModelInputSchema, train({ gate: { floor: -1 } })),
      'gate.floor: must be between 0 and 1',
    );
    assert.match(
      problem(trainModelInputSchema, train({ gate: { minDelta: 1.5 } })),
      /^gate\.minDelta/,
    );
    assert.match(
      problem(trainModelInputSchema, train({ gate: { flor: 0.5 } })),
      /^gate: unknown field flor$/,
    );
  });

  it('routes training only to the training queues', () => {
    for (const queue of [
      'training',
      'training-gpu',
      'training-16a3d3b8-a4fc-48cc-bc39-e95e4b928ec6',
    ]) {
      accepts(trainingTaskQueueSchema, queue);
    }
    for (const queue of [
      'pipeline',
      'evil',
      'training-',
      'trainingx',
      'pipeline-training',
      'training-a b',
      `training-${'x'.repeat(65)}`,
    ]) {
      assert.match(
        problem(trainModelInputSchema, train({ trainingTaskQueue: queue })),
        /^trainingTaskQueue: must be training or training-<suffix>/,
      );
    }
  });

  it('bounds folds, the train fraction, families, the seed and the heartbeat', () => {
    accepts(trainModelInputSchema, train({ folds: 2 }));
    accepts(trainModelInputSchema, train({ folds: 10 }));
    for (const folds of [1, 11, 2.5, '3']) {
      assert.equal(
        problem(trainModelInputSchema, train({ folds })),
        'folds: must be an integer between 2 and 10',
      );
    }
    for (const trainFraction of [0, -0.1, 1.01]) {
      assert.match(
        problem(trainModelInputSchema, train({ trainFraction })),
        /^trainFraction: must be in \(0, 1\]/,
      );
    }
    assert.match(
      problem(trainModelInputSchema, train({ families: [] })),
      /^families: must name at least one/,
    );
    assert.match(
      problem(trainModelInputSchema, train({ families: ['cnb', 'cnb'] })),
      /^families: must not name a family twice/,
    );
    assert.match(
      problem(trainModelInputSchema, train({ families: ['xgboost'] })),
      /^families\.0: must be one of svm, logreg, cnb, mlp/,
    );
    assert.match(problem(trainModelInputSchema, train({ seed: -1 })), /^seed: /);
    assert.match(
      problem(trainModelInputSchema, train({ heartbeatTimeoutSeconds: 0 })),
      /^heartbeatTimeoutSeconds: /,
    );
    assert.match(
      problem(trainModelInputSchema, { datasetVersion: 'd-1' }),
      /^datasetVersion: must be a dataset version/,
    );
    assert.match(problem(trainModelInputSchema, undefined), /^input: /);
  });

  it('takes an actor only of the shapes the platform makes, and a bounded reason', () => {
    for (const actor of ['workflow', 'cli:ana', 'api:ci-bot', 'api:a.b_c@d-e'])
      accepts(actorSchema, actor);
    for (const actor of [
      '',
      'test',
      'root',
      'cli:',
      'cli:a b',
      'api:x:y',
      'admin:ana',
      `cli:${'a'.repeat(65)}`,
    ]) {
      assert.match(
        problem(trainModelInputSchema, train({ requestedBy: actor })),
        /^requestedBy: must be workflow, cli:<user> or api:<token name>/,
      );
    }
    accepts(reasonSchema, 'x'.repeat(MAX_REASON_CHARS));
    assert.equal(
      problem(trainModelInputSchema, train({ reason: 'x'.repeat(MAX_REASON_CHARS + 1) })),
      `reason: must be at most ${MAX_REASON_CHARS} characters`,
    );
    assert.equal(
      problem(trainModelInputSchema, train({ reason: 'a\u0000b' })),
      'reason: must not contain control characters',
    );
    accepts(reasonSchema, 'two lines\nand a\ttab');
  });

  it('makes the CLI actor in that shape, whatever the login', () => {
    accepts(actorSchema, cliActor());
  });
});

describe('retrainController input, state and messages', () => {
  const status: ControllerStatus = {
    ...initialStatus({}),
    backlog: 1_200,
    champion: { version: 'm-20250101-0001', goldWeightedF1: 0.81 },
    running: {
      trigger: 'request',
      reason: 'asked for from the CLI',
      by: 'cli:ana',
      workflowId: 'train-9558bca19bf55e7a@controller-72026968-6a74-4b2e-ac52-30d380e3add2',
      startedAt: '2025-01-01T10:00:00.000Z',
      coversRequest: 3,
    },
    lastDecision: {
      action: 'train',
      trigger: 'request',
      reason: 'asked',
      at: '2025-01-01T10:00:00.000Z',
    },
    requestsReceived: 3,
    rejectedSignals: {
      dataIngested: { count: 1, lastProblem: 'signal.rows: …', lastAt: '2025-01-01T09:00:00.000Z' },
    },
  };

  it('takes thresholds, training settings and a carried state that are sound', () => {
    accepts(controllerInputSchema, {});
    accepts(controllerInputSchema, {
      thresholds: { backlogRows: 100_000, f1Floor: 0.1 },
      training: { families: ['cnb'], folds: 2, trainingTaskQueue: 'training-3c3e53db' },
      carried: status,
    });
    // A state carried from before signals were counted.
    const { rejectedSignals: _, ...older } = status;
    assert.deepEqual(
      (accepts(controllerInputSchema, { carried: older }) as { carried: ControllerStatus }).carried
        .rejectedSignals,
      {},
    );
  });

  it('refuses nonsense anywhere in it, naming the field', () => {
    assert.match(
      problem(controllerInputSchema, { thresholds: { f1Floor: 2 } }),
      /^thresholds\.f1Floor: must be between 0 and 1$/,
    );
    assert.match(
      problem(controllerInputSchema, { training: { trainingTaskQueue: 'pipeline' } }),
      /^training\.trainingTaskQueue: /,
    );
    assert.match(
      problem(controllerInputSchema, { training: { requestedBy: 'cli:x' } }),
      /^training: unknown field requestedBy$/,
    );
    assert.match(
      problem(controllerInputSchema, { carried: { ...status, backlog: 'x' } }),
      /^carried\.backlog: /,
    );
    assert.match(
      problem(controllerInputSchema, { carried: { ...status, backlog: -1 } }),
      /^carried\.backlog: /,
    );
    assert.match(
      problem(controllerInputSchema, {
        carried: { ...status, running: { ...status.running, by: 'mallory' } },
      }),
      /^carried\.running\.by: /,
    );
  });

  it('refuses nonsense thresholds for the setThresholds update', () => {
    assert.equal(thresholdsProblem({ f1Floor: 0.9, backlogRows: 5 }), undefined);
    assert.equal(thresholdsProblem({ f1Floor: 1.5 }), 'f1Floor: must be between 0 and 1');
    assert.equal(
      thresholdsProblem({ backlogRows: 2.5 }),
      'backlogRows: must be an integer between 1 and 1,000,000,000',
    );
    assert.match(thresholdsProblem({ driftSeverity: 'extreme' })!, /^driftSeverity: /);
    assert.equal(thresholdsProblem({ floor: 1 }), 'thresholds: unknown field floor');
  });

  it('parses each signal, and says what is wrong in a bounded line', () => {
    accepts(dataIngestedSchema, { rows: 300 });
    assert.match(
      problem(dataIngestedSchema, { rows: 'x' }, 'signal'),
      /^rows: must be an integer between 0 and 1,000,000,000$/,
    );
    assert.match(problem(dataIngestedSchema, { rows: -5 }, 'signal'), /^rows: /);
    assert.match(problem(dataIngestedSchema, undefined, 'signal'), /^signal: /);
    accepts(driftDetectedSchema, {
      reportId: 'drift-scheduled-2025-01-01T10:00:00Z',
      severity: 'high',
    });
    assert.match(
      problem(driftDetectedSchema, { reportId: 'x', severity: 'extreme' }, 'signal'),
      /^severity: /,
    );
    accepts(retrainAskSchema, { by: 'api:ci', reason: '' });
    const huge = problem(retrainAskSchema, { by: 'test', reason: 'x'.repeat(1_000_000) }, 'signal');
    assert.match(huge, /^by: must be workflow.*; reason: must be at most 500 characters$/);
    assert.ok(huge.length <= 300);
  });

  it('keeps the state a real controller reports parseable', () => {
    accepts(controllerStatusSchema, status);
    accepts(controllerStatusSchema, initialStatus({}));
  });
});

describe('driftCheck, ingestBatch, resetData and systemCheck inputs', () => {
  it('bounds the drift window and checks the thresholds and the signal severity', () => {
    accepts(driftCheckInputSchema, {});
    accepts(driftCheckInputSchema, { window: DEFAULT_DRIFT_WINDOW, signalAt: 'medium' });
    assert.match(
      problem(driftCheckInputSchema, { window: { batches: 0 } }),
      /^window\.batches: must be an integer between 1 and 1,000$/,
    );
    assert.match(
      problem(driftCheckInputSchema, { window: { batches: 1_001 } }),
      /^window\.batches: /,
    );
    assert.match(
      problem(driftCheckInputSchema, { window: { predictions: 100_001 } }),
      /^window\.predictions: /,
    );
    assert.match(
      problem(driftCheckInputSchema, { window: { referenceRows: 1e9 } }),
      /^window\.referenceRows: /,
    );
    assert.match(
      problem(driftCheckInputSchema, { thresholds: { minSamples: -3 } }),
      /^thresholds\.minSamples: /,
    );
    assert.match(
      problem(driftCheckInputSchema, { thresholds: { psi: { low: 0.5 } } }),
      /^thresholds\.psi: bands must satisfy/,
    );
    assert.match(problem(driftCheckInputSchema, { signalAt: 'extreme' }), /^signalAt: /);
    assert.match(
      problem(driftCheckInputSchema, { controllerId: 'a controller' }),
      /^controllerId: must be a workflow ID/,
    );
  });

  it('bounds the batch size, the sample, and the probe ID', () => {
    accepts(ingestBatchInputSchema, { batchSize: 1_000_000, all: true });
    for (const batchSize of [0, 1.5, 2_000_000, 'x']) {
      assert.match(
        problem(ingestBatchInputSchema, { batchSize }),
        /^batchSize: must be an integer between 1 and 1,000,000$/,
      );
    }
    assert.match(problem(ingestBatchInputSchema, { all: 'yes' }), /^all: must be true or false$/);
    accepts(resetDataInputSchema, { confirm: true, sample: 100, seed: 7 });
    assert.match(problem(resetDataInputSchema, {}), /^confirm: must be true or false$/);
    assert.match(problem(resetDataInputSchema, { confirm: true, sample: 0 }), /^sample: /);
    assert.match(problem(resetDataInputSchema, { confirm: true, sample: 5_000_000 }), /^sample: /);
    accepts(systemCheckInputSchema, { checkId: '2025-01-01T10-00-00-000Z-1a2b3c4d' });
    assert.match(problem(systemCheckInputSchema, { checkId: '../../etc' }), /^checkId: /);
    assert.match(problem(systemCheckInputSchema, { checkId: 'x'.repeat(101) }), /^checkId: /);
  });

  it('passes the input of every schedule that starts these workflows', () => {
    const schemas: Record<string, z.ZodType> = {
      ingestBatch: ingestBatchInputSchema,
      driftCheck: driftCheckInputSchema,
    };
    const checkedSchedules = deploymentSchedules({
      predictionLogDays: 30,
      rejectedRowsDays: 90,
    }).filter((s) => schemas[s.workflow.type]);
    assert.equal(checkedSchedules.length, 2);
    for (const schedule of checkedSchedules) {
      accepts(schemas[schedule.workflow.type]!, schedule.workflow.args[0]);
    }
  });
});

describe('clients: a refusal before sending', () => {
  it('throws a ContractError naming the field', () => {
    assert.throws(
      () =>
        parseContract(
          retrainAskSchema,
          { by: 'cli:ana', reason: 'x'.repeat(600) },
          'training request',
        ),
      (error: Error) =>
        error instanceof ContractError &&
        error.message === 'training request: reason: must be at most 500 characters',
    );
  });
});
