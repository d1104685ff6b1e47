import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundlePipelineWorkflows } from '../workers/workflow-bundle';
import { installQuietRuntime } from './helpers/temporal-runtime';

installQuietRuntime();

const FIXTURES = path.join(__dirname, 'fixtures', 'histories');

/**
 * Saved histories of real runs (RECORD_HISTORIES=1 npm test writes them anew) replayed against
 * today's workflow code: a change that would break running workflows fails here first.
 */
describe('workflow determinism: saved histories replay', () => {
  for (const [file, workflowType, minEvents] of [
    ['train-model.json', 'trainModel', 20],
    ['retrain-controller.json', 'retrainController', 20],
    // Check, signal to the controller, mark the report signalled.
    ['drift-check.json', 'driftCheck', 12],
    // Parsed input and signals: bad signals dropped and counted, a sound one acted on.
    ['retrain-controller-signals.json', 'retrainController', 20],
  ] as const) {
    it(`replays ${workflowType} (${file})`, async () => {
      const saved = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as {
        workflowId: string;
        history: unknown;
      };
      const history = historyFromJSON(saved.history);
      assert.ok((history.events?.length ?? 0) > minEvents, `${file} holds a real run`);
      const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
      assert.equal(started.workflowType!.name, workflowType);
      await Worker.runReplayHistory(
        { workflowBundle: await bundlePipelineWorkflows() },
        history,
        // The run's own ID: child workflow IDs derive from it.
        saved.workflowId,
      );
    });
  }
});
