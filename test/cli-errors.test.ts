import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { isNoPoller, isTemporalTimeout, unansweredLine } from '../cli/temporal-errors';

/** A gRPC error as @grpc/grpc-js makes them: code, details, metadata. */
function grpcError(code: number, name: string, details: string): Error {
  return Object.assign(new Error(`${code} ${name}: ${details}`), { code, details, metadata: {} });
}

/** The errors the Temporal client throws, in the shapes seen from the dev server. */
const serverTimedOut = new ServiceError('Failed to query Workflow', {
  cause: grpcError(4, 'DEADLINE_EXCEEDED', 'query timed out before a worker could process it'),
});
const noPoller = new ServiceError('Failed to query Workflow', {
  cause: grpcError(
    9,
    'FAILED_PRECONDITION',
    'no poller seen for task queue recently, worker may be down',
  ),
});

describe('the CLI tells a Temporal call nobody answered from other failures', () => {
  it('knows a timeout, whether the server or the client gave up', () => {
    assert.equal(isTemporalTimeout(serverTimedOut), true);
    assert.equal(
      isTemporalTimeout(
        new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout'),
      ),
      true,
    );
    assert.equal(isTemporalTimeout(noPoller), false);
    assert.equal(isNoPoller(noPoller), true);
    const other = new ServiceError('Failed to query Workflow', {
      cause: grpcError(3, 'INVALID_ARGUMENT', 'unknown query type'),
    });
    assert.equal(isTemporalTimeout(other), false);
    assert.equal(isNoPoller(other), false);
    assert.equal(isTemporalTimeout(new Error('boom')), false);
  });

  it('gives one line for what no command named, and nothing for the rest', () => {
    assert.equal(
      unansweredLine(serverTimedOut),
      'Temporal did not get an answer (4 DEADLINE_EXCEEDED: query timed out before a worker could process it): no worker is polling the pipeline queue, or it is busy',
    );
    assert.equal(
      unansweredLine(noPoller),
      'Temporal did not get an answer (9 FAILED_PRECONDITION: no poller seen for task queue recently, worker may be down): no worker has polled the pipeline queue lately (`rakuten worker` starts one)',
    );
    assert.equal(unansweredLine(new Error('boom')), undefined);
  });
});
