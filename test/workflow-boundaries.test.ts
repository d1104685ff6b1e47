import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  Connection,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { createActivities } from '../activities';
import { importSource } from '../activities/ingest/import-source';
import { createTrainingActivities } from '../activities/training/activities';
import { PROJECT_ROOT } from '../core/config/config';
import { ContractError } from '../core/contracts/parse';
import { RETRAIN_CONTROLLER_ID } from '../core/contracts/retrain-controller';
import type { ControllerStatus } from '../core/contracts/retrain-controller';
import {
  requestRetrainUpdate,
  retrainRequestedSignal,
  setThresholdsUpdate,
  statusQuery,
} from '../core/contracts/retrain-controller-messages';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import { askForRetraining, requestRetraining } from '../core/temporal/retrain-controller';
import { connectWorker } from '../core/temporal/worker-connection';
import { createPipelineWorker } from '../workers/pipeline-worker';
import { createTrainingWorker } from '../workers/training-worker';
import { bundlePipelineWorkflows } from '../workers/workflow-bundle';
import type { ingestBatch, retrainController, systemCheck } from '../workflows';
import { cleanEnv, runCli } from './helpers/cli';
import { freshDeployment } from './helpers/fresh-deployment';
import { freshNamespace } from './helpers/fresh-namespace';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { realFile } from './helpers/real-data';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { until, within } from './helpers/until';

installQuietRuntime();

const BUNDLE = bundlePipelineWorkflows();
const FIXTURES = path.join(__dirname, 'fixtures', 'histories');
const HEX64 = 'a'.repeat(64);
const MEGABYTE_REASON = 'x'.repeat(1_000_000);
/** The CLI's query timeout in these tests, so a silent worker is found out fast. */
const QUERY_TIMEOUT_SECONDS = 2;
/** What the CLI says after "did not answer …": no answer by the deadline, or no worker at all. */
const NO_ANSWER = new RegExp(
  ` within ${QUERY_TIMEOUT_SECONDS} s: no worker is polling the pipeline queue, or it is busy|: no worker has polled the pipeline queue lately \\(\`rakuten worker\` starts one\\)`,
);

/** A pipeline worker running until stopped. */
async function runPipelineWorker(
  connection: NativeConnection,
  namespace: string,
  taskQueue: string,
  d: FreshDeployment,
): Promise<{ stop(): Promise<void> }> {
  const worker: Worker = await createPipelineWorker({
    connection,
    namespace,
    taskQueue,
    workflowBundle: await BUNDLE,
    activities: createActivities({ db: d.db, store: d.store, ingest: d.config.ingest }),
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}

/** The status, without the counts of dropped signals: what a bad signal must not change. */
const stateOf = ({ rejectedSignals: _, ...state }: ControllerStatus) => state;

describe('workflow inputs: nonsense fails at once, non-retryably, naming the field', () => {
  let d: FreshDeployment;
  let connection: Connection;
  let client: Client;
  let workerConnection: NativeConnection;
  let worker: { stop(): Promise<void> };
  const taskQueue = `pipeline-${randomUUID()}`;

  before(async () => {
    d = await freshDeployment(await sharedStackConfig());
    connection = await Connection.connect({ address: d.config.temporal.address });
    client = new Client({ connection, namespace: d.config.temporal.namespace });
    workerConnection = await connectWorker(d.config.temporal);
    worker = await runPipelineWorker(workerConnection, d.config.temporal.namespace, taskQueue, d);
  });
  after(async () => {
    await worker?.stop();
    await workerConnection?.close();
    await connection?.close();
    await d?.close();
  });

  /** The run fails with a non-retryable BadInput naming the field, having done nothing. */
  const refused = async (type: string, input: unknown, message: RegExp) => {
    const workflowId = `bad-${type}-${randomUUID()}`;
    await assert.rejects(
      client.workflow.execute(type, { taskQueue, workflowId, args: [input] }),
      (error: unknown) => {
        assert.ok(error instanceof WorkflowFailedError, String(error));
        const cause = error.cause;
        assert.ok(cause instanceof ApplicationFailure, `${type}: ${String(cause)}`);
        assert.equal(cause.type, 'BadInput');
        assert.equal(cause.nonRetryable, true);
        assert.match(cause.message, message);
        return true;
      },
    );
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const acted = history.events!.filter(
      (e) =>
        e.activityTaskScheduledEventAttributes ??
        e.startChildWorkflowExecutionInitiatedEventAttributes ??
        e.timerStartedEventAttributes ??
        e.signalExternalWorkflowExecutionInitiatedEventAttributes,
    );
    assert.equal(acted.length, 0, `${type} refused before doing anything`);
    // A task that timed out on a loaded machine is tried again; one that failed would be a bug.
    const failedTasks = history.events!.filter((e) => e.workflowTaskFailedEventAttributes);
    assert.deepEqual(
      failedTasks.map((e) => e.workflowTaskFailedEventAttributes!.failure?.message),
      [],
      `${type} failed at once, not by a failing workflow task`,
    );
  };

  it('trainModel: a gate of strings, a negative gate, an unknown task queue, free-text actors', async () => {
    const train = (extra: object) => ({ datasetVersion: HEX64, ...extra });
    await Promise.all([
      refused(
        'trainModel',
        train({ gate: { minDelta: 'x', floor: 'y' } }),
        /^gate\.minDelta: must be a number between 0 and 1; gate\.floor: must be a number between 0 and 1$/,
      ),
      refused(
        'trainModel',
        train({ gate: { floor: -1 } }),
        /^gate\.floor: must be between 0 and 1$/,
      ),
      refused(
        'trainModel',
        train({ trainingTaskQueue: 'pipeline' }),
        /^trainingTaskQueue: must be training or training-<suffix>/,
      ),
      refused(
        'trainModel',
        train({ folds: 1_000 }),
        /^folds: must be an integer between 2 and 10$/,
      ),
      refused('trainModel', train({ families: ['xgboost'] }), /^families\.0: must be one of/),
      refused(
        'trainModel',
        train({ requestedBy: 'the board of directors' }),
        /^requestedBy: must be workflow, cli:<user> or api:<token name>/,
      ),
      refused(
        'trainModel',
        train({ reason: MEGABYTE_REASON }),
        /^reason: must be at most 500 characters$/,
      ),
      refused('trainModel', undefined, /^input: /),
    ]);
  });

  it('every other workflow: systemCheck, ingestBatch, resetData, retrainController, driftCheck', async () => {
    await Promise.all([
      refused('systemCheck', { checkId: '../../etc/passwd' }, /^checkId: must be 1 to 100/),
      refused('systemCheck', {}, /^checkId: must be text$/),
      refused('ingestBatch', { batchSize: 'x' }, /^batchSize: must be an integer between 1 and/),
      refused('ingestBatch', { batchSize: 50_000_000 }, /^batchSize: /),
      refused('ingestBatch', { all: true, carried: { rows: -1 } }, /^carried\.rows: /),
      refused('resetData', { confirm: true, sample: -5 }, /^sample: /),
      refused('resetData', { confirm: 'yes' }, /^confirm: must be true or false$/),
      refused('retrainController', { thresholds: { f1Floor: 5 } }, /^thresholds\.f1Floor: /),
      refused(
        'retrainController',
        { training: { trainingTaskQueue: 'pipeline', gate: { floor: 'y' } } },
        /^training\.gate\.floor: .*training\.trainingTaskQueue: /,
      ),
      refused(
        'retrainController',
        { carried: { backlog: 'x' } },
        /^carried\.thresholds: .*carried\.backlog: /,
      ),
      refused('driftCheck', { window: { batches: 1_000_000 } }, /^window\.batches: /),
      refused('driftCheck', { window: { referenceRows: 0 } }, /^window\.referenceRows: /),
      refused('driftCheck', { thresholds: { psi: { low: 0.5 } } }, /^thresholds\.psi: bands/),
      refused('driftCheck', { signalAt: 'apocalyptic' }, /^signalAt: /),
      refused('driftCheck', { controllerId: 'somebody else' }, /^controllerId: /),
    ]);
  });

  it('runs a controller that drops bad signals; its history replays (RECORD_HISTORIES=1 saves it)', async () => {
    const handle = await client.workflow.start<typeof retrainController>('retrainController', {
      taskQueue,
      workflowId: `controller-${randomUUID()}`,
      args: [{ training: { families: ['cnb'], folds: 2 } }],
    });
    // No data: it asks for a first model, finds no labelled rows, and waits for data.
    await until('the controller to wait for data', async () => {
      const s = await handle.query(statusQuery);
      return s.trainingsStarted === 1 && !s.running;
    });
    await handle.signal('dataIngested', { rows: 'x' });
    await handle.signal('retrainRequested', { by: 'cli:ana', reason: 'y'.repeat(600) });
    await handle.signal('dataIngested', { rows: 3 });
    // The sound signal wakes it: it tries again, and waits again.
    const heard = await until('the sound signal to be acted on', async () => {
      const s = await handle.query(statusQuery);
      return s.trainingsStarted === 2 && !s.running ? s : undefined;
    });
    assert.equal(heard.backlog, 3);
    assert.equal(heard.requestsReceived, 0);
    assert.deepEqual(
      Object.fromEntries(Object.entries(heard.rejectedSignals).map(([name, r]) => [name, r.count])),
      { dataIngested: 1, retrainRequested: 1 },
    );
    if (process.env.RECORD_HISTORIES) {
      fs.writeFileSync(
        path.join(FIXTURES, 'retrain-controller-signals.json'),
        JSON.stringify({
          workflowId: handle.workflowId,
          history: JSON.parse(historyToJSON(await handle.fetchHistory())) as unknown,
        }),
      );
    }
    await handle.terminate('test over');
  });

  it('runs a valid input as before', async () => {
    const result = await client.workflow.execute<typeof systemCheck>('systemCheck', {
      taskQueue,
      workflowId: `check-${randomUUID()}`,
      args: [{ checkId: randomUUID() }],
    });
    assert.equal(result.ok, true);
  });

  it('refuses a bad training request in the client, before anything is sent', async () => {
    await assert.rejects(
      requestRetraining(client, 'cli:ana', MEGABYTE_REASON),
      (error: Error) =>
        error instanceof ContractError &&
        error.message === 'training request: reason: must be at most 500 characters',
    );
    await assert.rejects(
      askForRetraining(client, { by: 'mallory', reason: 'hi' }, randomUUID()),
      (error: Error) =>
        error instanceof ContractError && /^training request: by: /.test(error.message),
    );
  });
});

describe('the retraining controller: bad signals are dropped and counted, and change nothing', () => {
  let d: FreshDeployment;
  let connection: Connection;
  let client: Client;
  let workerConnection: NativeConnection;
  let worker: { stop(): Promise<void> } | undefined;
  let namespace: string;
  let controller: WorkflowHandle<typeof retrainController>;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]) => runCli(args, env, 60_000);

  before(async () => {
    d = await freshDeployment(await sharedStackConfig());
    connection = await Connection.connect({ address: d.config.temporal.address });
    namespace = await freshNamespace(connection, 'boundaries');
    client = new Client({ connection, namespace });
    workerConnection = await connectWorker(d.config.temporal);
    worker = await runPipelineWorker(workerConnection, namespace, PIPELINE_TASK_QUEUE, d);
    env = cleanEnv({
      ...d.env,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_QUERY_TIMEOUT_SECONDS: String(QUERY_TIMEOUT_SECONDS),
    });
    // The deployment's own controller, over a database without data: it asks for a first model,
    // finds no labelled rows, and waits for data, doing nothing more until told.
    controller = await client.workflow.start<typeof retrainController>('retrainController', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId: RETRAIN_CONTROLLER_ID,
      args: [{ training: { families: ['cnb'], folds: 2 } }],
    });
    await until('the controller to wait for data', async () => {
      const s = await controller.query(statusQuery);
      return s.lastTraining?.outcome === 'failed' && !s.running;
    });
  });
  after(async () => {
    await controller?.terminate('test over').catch(() => undefined);
    await worker?.stop();
    await workerConnection?.close();
    await connection?.close();
    await d?.close();
  });

  const status = async () =>
    JSON.parse((await cli(['retrain', 'status', '--json'])).stdout) as ControllerStatus;
  const decisions = async () =>
    Number(
      (
        await d.db
          .selectFrom('retrain_decisions')
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('leaves `retrain status` unchanged and counted after a malformed dataIngested and a 1 MB reason', async () => {
    const before = await status();
    assert.deepEqual(before.rejectedSignals, {});
    const decided = await decisions();

    // As `temporal workflow signal --name dataIngested --input '{"rows":"x"}'` sends them.
    await controller.signal('dataIngested');
    await controller.signal('dataIngested', { rows: 'x' });
    await controller.signal('driftDetected', { reportId: 'r-1', severity: 'apocalyptic' });
    await controller.signal('retrainRequested', { by: 'the board', reason: 'because' });
    await controller.signal(retrainRequestedSignal, { by: 'cli:ana', reason: MEGABYTE_REASON });

    const after = await until('the five signals to be counted', async () => {
      const s = await status();
      const counts = Object.values(s.rejectedSignals).reduce((n, r) => n + r.count, 0);
      return counts === 5 ? s : undefined;
    });
    assert.deepEqual(stateOf(after), stateOf(before), 'the state is as it was');
    assert.equal(typeof after.backlog, 'number');
    assert.equal(await decisions(), decided, 'no decision was taken');
    const rejected = after.rejectedSignals;
    assert.equal(rejected.dataIngested?.count, 2);
    assert.match(rejected.dataIngested?.lastProblem ?? '', /^rows: must be an integer/);
    assert.equal(rejected.driftDetected?.count, 1);
    assert.match(rejected.driftDetected?.lastProblem ?? '', /^severity: /);
    assert.equal(rejected.retrainRequested?.count, 2);
    assert.equal(rejected.retrainRequested?.lastProblem, 'reason: must be at most 500 characters');

    const shown = await cli(['retrain', 'status']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^backlog: {4}0 new labelled rows$/m);
    assert.match(
      shown.stdout,
      /^rejected: {3}2 dataIngested signal\(s\), last at .*: rows: must be/m,
    );

    // The rules still work: a sound signal counts toward the backlog as a number.
    await controller.signal('dataIngested', { rows: 5 });
    await until('the backlog to count the rows', async () => (await status()).backlog === 5);
  });

  it('refuses bad updates with the field, and answers a sound request with its number', async () => {
    const asked = (await controller.query(statusQuery)).requestsReceived;
    await assert.rejects(
      controller.executeUpdate(requestRetrainUpdate, {
        args: [{ by: 'cli:ana', reason: MEGABYTE_REASON }],
      }),
      (error: unknown) =>
        error instanceof WorkflowUpdateFailedError &&
        error.cause?.message === 'reason: must be at most 500 characters',
    );
    await assert.rejects(
      controller.executeUpdate(setThresholdsUpdate, { args: [{ f1Floor: 'x' as never }] }),
      (error: unknown) =>
        error instanceof WorkflowUpdateFailedError && /^f1Floor: /.test(error.cause?.message ?? ''),
    );
    const refusedByCli = await cli(['retrain', 'thresholds', '--f1-floor', '2']);
    assert.equal(refusedByCli.code, 1);
    assert.equal(
      refusedByCli.stderr,
      'rakuten: thresholds refused: f1Floor: must be between 0 and 1\n',
    );
    assert.equal((await controller.query(statusQuery)).requestsReceived, asked);
    const ticket = await controller.executeUpdate(requestRetrainUpdate, {
      args: [{ by: 'cli:ana', reason: 'a sound request' }],
    });
    assert.equal(ticket.request, asked + 1);
    await until('the request to be tried', async () => {
      const s = await controller.query(statusQuery);
      return s.lastTraining?.coversRequest === asked + 1 && !s.running;
    });

    // `rakuten train` without --wait signals; its reason is checked before it is sent.
    const tooLong = await cli(['train', '--reason', 'x'.repeat(501)]);
    assert.equal(tooLong.code, 1);
    assert.equal(
      tooLong.stderr,
      'rakuten: training request: reason: must be at most 500 characters\n',
    );
    const signalled = await cli(['train', '--reason', 'from the CLI']);
    assert.equal(signalled.code, 0, signalled.stderr);
    await until(
      'the signalled request to be counted',
      async () => (await controller.query(statusQuery)).requestsReceived === asked + 2,
    );
  });

  it('hands a controller flooded with megabyte signals over to a fresh run, keeping the counts', async () => {
    const { runId } = await controller.describe();
    const counted = (await controller.query(statusQuery)).rejectedSignals.retrainRequested!.count;
    for (let i = 0; i < 5; i++) {
      await controller.signal(retrainRequestedSignal, { by: 'cli:ana', reason: MEGABYTE_REASON });
    }
    const handedOver = await until(
      'a continue-as-new',
      async () => {
        const now = await client.workflow.getHandle(RETRAIN_CONTROLLER_ID).describe();
        return now.runId !== runId && now.status.name === 'RUNNING' ? now : undefined;
      },
      { ms: 60_000, every: 500 },
    );
    // Its history is past what a client may read (4 MB), so its description says how it ended.
    const old = await client.workflow.getHandle(RETRAIN_CONTROLLER_ID, runId).describe();
    assert.equal(old.status.name, 'CONTINUED_AS_NEW');
    // Signals sent while it handed over reach the new run: none is lost, each is counted.
    const carried = await until('every flood signal counted', async () => {
      const s = await controller.query(statusQuery);
      return s.rejectedSignals.retrainRequested?.count === counted + 5 ? s : undefined;
    });
    assert.ok(handedOver.runId);
    assert.equal(carried.backlog, 5, 'the backlog came along');
    assert.equal(carried.thresholds.f1Floor, 0.7);
  });

  it('says in one line, without a stack trace, that the controller did not answer', async () => {
    await worker!.stop();
    worker = undefined;
    const started = performance.now();
    const result = await cli(['retrain', 'status']);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(result.code, 1);
    // Temporal either waits for a worker until the deadline, or knows at once there is none.
    assert.match(
      result.stderr,
      new RegExp(
        `^rakuten: the retraining controller did not answer its status query(${NO_ANSWER.source})\n$`,
      ),
    );
    assert.equal(result.stdout, '');
    // Well before Temporal's own 30 s, start-up of the CLI included (slow on a loaded machine).
    assert.ok(seconds < 25, `answered in ${seconds.toFixed(1)} s`);
  });
});

describe('rakuten train --wait outlives a worker that does not answer', () => {
  let d: FreshDeployment;
  let connection: Connection;
  let client: Client;
  let workerConnection: NativeConnection;
  let pipeline: { stop(): Promise<void> } | undefined;
  let training: { stop(): Promise<void> } | undefined;
  let namespace: string;
  const trainingTaskQueue = `training-${randomUUID()}`;

  before(async () => {
    d = await freshDeployment(await sharedStackConfig());
    connection = await Connection.connect({ address: d.config.temporal.address });
    namespace = await freshNamespace(connection, 'boundaries');
    client = new Client({ connection, namespace });
    workerConnection = await connectWorker(d.config.temporal);
    pipeline = await runPipelineWorker(workerConnection, namespace, PIPELINE_TASK_QUEUE, d);
    const trainer = await createTrainingWorker({
      connection: workerConnection,
      namespace,
      taskQueue: trainingTaskQueue,
      activities: createTrainingActivities({ db: d.db, store: d.store, threads: 1 }),
      concurrency: 1,
    });
    const running = trainer.run();
    training = {
      stop: async () => {
        trainer.shutdown();
        await running;
      },
    };
    await importSource(d, { xPath: realFile('X_sample.csv'), yPath: realFile('Y_sample.csv') });
    // No controller runs yet, so it is not told: it finds the rows when it starts.
    await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });
    await client.workflow.start<typeof retrainController>('retrainController', {
      taskQueue: PIPELINE_TASK_QUEUE,
      workflowId: RETRAIN_CONTROLLER_ID,
      args: [{ training: { families: ['cnb'], folds: 2, trainingTaskQueue } }],
    });
  });
  after(async () => {
    await client?.workflow
      .getHandle(RETRAIN_CONTROLLER_ID)
      .terminate('test over')
      .catch(() => undefined);
    await pipeline?.stop();
    await training?.stop();
    await workerConnection?.close();
    await connection?.close();
    await d?.close();
  });

  it('keeps waiting, says so, and prints the outcome once the worker answers again', async () => {
    const child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin', 'rakuten.js'), 'train', '--wait', '--reason', 'boundaries'],
      {
        env: cleanEnv({
          ...d.env,
          TEMPORAL_NAMESPACE: namespace,
          TEMPORAL_QUERY_TIMEOUT_SECONDS: String(QUERY_TIMEOUT_SECONDS),
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(
        'the request to be answered',
        () => Promise.resolve(/request \d+\)/.test(stderr)),
        {
          ms: 60_000,
        },
      );
      // The pipeline worker goes silent while a training runs, as a busy one would.
      await pipeline!.stop();
      pipeline = undefined;
      await until(
        'the CLI to say it keeps waiting',
        () =>
          Promise.resolve(
            new RegExp(
              `the retraining controller did not answer its status query(${NO_ANSWER.source}); still waiting\n`,
            ).test(stderr),
          ),
        { ms: 60_000 },
      );
      assert.equal(child.exitCode, null, 'the CLI is still waiting');
      pipeline = await runPipelineWorker(workerConnection, namespace, PIPELINE_TASK_QUEUE, d);
      const code = await within(exited, 300_000, () => `no outcome:\n${stderr}`);
      assert.equal(code, 0, stderr);
      const outcome = JSON.parse(stdout) as { outcome: string; coversRequest: number };
      assert.match(outcome.outcome, /^(promoted|unchanged)$/);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
