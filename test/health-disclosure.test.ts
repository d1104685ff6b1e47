import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { healthLogger, statusesOnly } from '../api/health-disclosure';
import type { HealthReport } from '../api/health';

const up = { status: 'up', latencyMs: 1.5, detail: 'select 1' } as const;
const report = (s3Error?: string): HealthReport => ({
  status: s3Error ? 'down' : 'up',
  components: {
    temporal: { ...up, detail: 'server 1.29.1' },
    postgres: up,
    s3: s3Error ? { status: 'down', latencyMs: 3000, error: s3Error } : up,
    worker: { ...up, detail: '1 worker' },
  },
});

describe('what /health tells whom', () => {
  it('gives anonymous callers each status and latency, and no text', () => {
    const open = statusesOnly(report('connect ECONNREFUSED 10.0.0.7:9000 (user rakuten)'));
    assert.equal(open.status, 'down');
    assert.deepEqual(open.components.s3, { status: 'down', latencyMs: 3000 });
    assert.deepEqual(open.components.temporal, { status: 'up', latencyMs: 1.5 });
    assert.doesNotMatch(JSON.stringify(open), /ECONNREFUSED|10\.0\.0\.7|rakuten|server 1/);
  });

  it('logs a component going down, failing differently and coming back, once each', () => {
    const stream = new PassThrough();
    const lines: Record<string, unknown>[] = [];
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().trim().split('\n')) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
    });
    const log = healthLogger(pino({ level: 'info' }, stream));
    log(report());
    log(report('connect ECONNREFUSED 10.0.0.7:9000'));
    log(report('connect ECONNREFUSED 10.0.0.7:9000'));
    log(report('no answer within 3000 ms'));
    log(report());
    log(report());
    assert.deepEqual(
      lines.map((l) => [l.msg, l.component, l.error]),
      [
        ['health: component down', 's3', 'connect ECONNREFUSED 10.0.0.7:9000'],
        ['health: component down', 's3', 'no answer within 3000 ms'],
        ['health: component up again', 's3', undefined],
      ],
    );
  });
});
