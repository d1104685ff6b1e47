import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { PROJECT_ROOT } from '../core/config/config';
import type { Config } from '../core/config/config';
import { createDb } from '../core/db/connect';
import { writeLabelledCsv } from '../bench/real-data';
import { importSource } from '../activities/ingest/import-source';
import { readLabelledCsv } from '../models/data/labelled-rows';
import { createLogger } from '../core/logging/logger';
import { ensureDebianTool } from '../infra/stack/debian-tools';
import { freePort } from '../core/ports';
import { createObjectStore } from '../core/storage/object-store';
import { connectClient } from '../core/temporal/connection';
import { requestRetraining } from '../core/temporal/retrain-controller';
import { PIPELINE_TASK_QUEUE } from '../core/contracts/task-queues';
import type { driftCheck, ingestBatch } from '../workflows';
import { statusQuery } from '../core/contracts/retrain-controller-messages';
import { RETRAIN_CONTROLLER_ID } from '../core/contracts/retrain-controller';
import { championOf } from '../activities/registry/champion';
import { realFile } from './helpers/real-data';
import { until } from './helpers/until';
import { startTestStack } from './helpers/shared-stack';
import type { TestStack } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';

installQuietRuntime();

const INFRA = path.join(PROJECT_ROOT, 'infra');

/**
 * Counters the Temporal SDK creates at their first event: a workflow task that throws, a gRPC
 * call the server refuses. A healthy run has none; their panels add `or vector(0)`.
 */
const EVENT_ONLY = new Set(['temporal_workflow_task_execution_failed', 'temporal_request_failure']);

interface PromConfig {
  rule_files?: string[];
  scrape_configs: { job_name: string }[];
  [key: string]: unknown;
}

/** Every PromQL expression of the alert rules and the three dashboards, with where it is from. */
function expressions(): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  const rules = parse(fs.readFileSync(path.join(INFRA, 'prometheus', 'alerts.yml'), 'utf8')) as {
    groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
  };
  for (const group of rules.groups)
    for (const rule of group.rules)
      out.push({ where: `alert ${rule.alert ?? rule.record}`, expr: rule.expr });
  const dir = path.join(INFRA, 'grafana', 'dashboards');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.expr === 'string' && o.expr.trim() !== '')
          out.push({
            where: `${file} ${typeof o.refId === 'string' ? o.refId : ''}`,
            expr: o.expr,
          });
        Object.values(o).forEach(walk);
      }
    };
    walk(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  // Grafana's variables, as Grafana would fill them in.
  return out.map(({ where, expr }) => ({
    where,
    expr: expr
      .replace(/\$__rate_interval|\$__interval|\$__range/g, '1m')
      .replace(/\$\{?[a-z_]+\}?/gi, '.*'),
  }));
}

/** The metric names an expression selects: every identifier that is not PromQL's own. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '{}');
  const withoutGrouping = withoutStrings.replace(
    /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
    '',
  );
  const names =
    withoutGrouping.match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(\{|\[|\)|$|\s|[<>=!+\-*/]))/g) ?? [];
  const keywords =
    /^(sum|min|max|avg|count|rate|irate|increase|delta|deriv|histogram_quantile|time|vector|absent|absent_over_time|clamp_min|clamp_max|topk|bottomk|by|without|on|ignoring|group_left|group_right|and|or|unless|bool|offset|le|label_replace|max_over_time|min_over_time|avg_over_time|sum_over_time|count_over_time|last_over_time|changes|resets|timestamp|round|abs|sort|sort_desc|scalar|floor|ceil|e|inf|nan)$/i;
  return [...new Set(names.filter((n) => !keywords.test(n) && !/^\d/.test(n)))];
}

/** Trainings and model loads take minutes on two cores; the services may still be starting. */
const SLOW = { ms: 300_000, every: 500, ignoreErrors: true };

describe('monitoring: a real Prometheus scraping the running stack', () => {
  let test: TestStack;
  let config: Config;
  let prometheus: ChildProcess | undefined;
  let promUrl = '';
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-prometheus-'));
  const saved = { ...process.env };

  before(async () => {
    // The stack's worker and API inherit these: a shadow, and a champion noticed at once.
    process.env.SHADOW_VERSION = 'newest-candidate';
    process.env.SHADOW_SAMPLE = '1';
    process.env.MODEL_POLL_SECONDS = '1';
    test = await startTestStack({ worker: true, api: true });
    config = test.stack.config;
    const logger = createLogger({ format: 'json', level: 'warn' }, 'monitoring-test');
    const binary = ensureDebianTool('prometheus', { toolsDir: config.toolsDir, logger });

    // Data, two model versions (the second one shadowed), predictions and a drift report, so
    // that every metric the dashboards and alerts use has series.
    const db = createDb(config.postgres.url, { max: 2 });
    const store = createObjectStore(config.s3, config.deployment);
    const { connection, client } = await connectClient(config.temporal);
    try {
      await importSource(
        { db, store },
        { xPath: realFile('X_sample.csv'), yPath: realFile('Y_sample.csv') },
      );
      await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
        taskQueue: PIPELINE_TASK_QUEUE,
        workflowId: `ingest-${randomUUID()}`,
        args: [{ all: true }],
      });
      const controller = client.workflow.getHandle(RETRAIN_CONTROLLER_ID);
      const first = await until(
        'the first champion',
        async () => {
          const s = await controller.query(statusQuery);
          return s.lastTraining && !s.running && !s.queued ? s.lastTraining : undefined;
        },
        SLOW,
      );
      // New rows make a new dataset version, so the next training is a second model version.
      const more = writeLabelledCsv(
        readLabelledCsv(realFile('raw.csv')).rows.slice(0, 300),
        'more.csv',
      );
      await importSource({ db, store }, { xPath: more });
      fs.rmSync(path.dirname(more), { recursive: true, force: true });
      await client.workflow.execute<typeof ingestBatch>('ingestBatch', {
        taskQueue: PIPELINE_TASK_QUEUE,
        workflowId: `ingest-${randomUUID()}`,
        args: [{ all: true }],
      });
      await requestRetraining(client, 'cli:monitoring-test', 'a second version to shadow');
      await until(
        'the second model version',
        async () => {
          const s = await controller.query(statusQuery);
          return s.lastTraining?.modelVersion &&
            s.lastTraining.modelVersion !== first.modelVersion &&
            !s.running &&
            !s.queued
            ? true
            : undefined;
        },
        SLOW,
      );
      // Settled: the API serves the registry's champion and shadows another version. While a
      // new champion is switched in, the shadow can briefly be that same version, and a model
      // never shadows itself.
      await until(
        'a shadow model in the API',
        async () => {
          const res = await fetch(`${config.api.url}/models/active`);
          const body = (await res.json()) as {
            version: string;
            shadow: { version: string } | null;
          };
          const champion = (await championOf(db))?.version;
          return res.status === 200 &&
            body.version === champion &&
            body.shadow &&
            body.shadow.version !== body.version
            ? true
            : undefined;
        },
        SLOW,
      );
      const items = [
        { title: 'Piscine tubulaire 300x76 cm', description: 'avec pompe de filtration' },
        { title: 'Harry Potter à l’école des sorciers', description: '' },
      ];
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${config.api.url}/predict/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items }),
        });
        assert.equal(res.status, 200, await res.text());
      }
      // The shadow scores after each response is sent.
      await until(
        'shadow predictions counted',
        async () =>
          /^shadow_predictions_total\{/m.test(
            await (await fetch(`${config.api.url}/metrics`)).text(),
          ),
        SLOW,
      );
      await fetch(`${config.api.url}/nope`);
      await client.workflow.execute<typeof driftCheck>('driftCheck', {
        taskQueue: PIPELINE_TASK_QUEUE,
        workflowId: `drift-${randomUUID()}`,
        args: [{ window: { batches: 100 } }],
      });
    } finally {
      await connection.close();
      await db.destroy();
    }

    // The repository's prometheus.yml with each job pointed at this stack's ports.
    const original = parse(
      fs.readFileSync(path.join(INFRA, 'prometheus', 'prometheus.yml'), 'utf8'),
    ) as PromConfig;
    const promPort = await freePort();
    const targets: Record<string, string> = {
      prometheus: `127.0.0.1:${promPort}`,
      api: `127.0.0.1:${config.api.port}`,
      worker: `127.0.0.1:${config.metrics.workerPort}`,
      'worker-sdk': `127.0.0.1:${config.metrics.temporalSdkPort}`,
      temporal: `127.0.0.1:${config.metrics.temporalServerPort}`,
    };
    assert.deepEqual(
      original.scrape_configs.map((s) => s.job_name).sort(),
      Object.keys(targets).sort(),
      'every job of prometheus.yml has a target in this test',
    );
    const copy: PromConfig = {
      ...original,
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      scrape_configs: original.scrape_configs.map((job) => ({
        job_name: job.job_name,
        static_configs: [{ targets: [targets[job.job_name]!] }],
      })),
    };
    fs.copyFileSync(path.join(INFRA, 'prometheus', 'alerts.yml'), path.join(scratch, 'alerts.yml'));
    fs.writeFileSync(path.join(scratch, 'prometheus.yml'), stringify(copy));
    prometheus = spawn(
      binary,
      [
        `--config.file=${path.join(scratch, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(scratch, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: 'ignore' },
    );
    promUrl = `http://127.0.0.1:${promPort}`;
    // Up, and every job scraped at least twice, so that rate() has two samples.
    let targetsSeen = '';
    await until(
      'every target up',
      async () => {
        const res = await fetch(`${promUrl}/api/v1/targets`);
        const body = (await res.json()) as {
          data: {
            activeTargets: { scrapeUrl: string; health: string; lastError: string }[];
          };
        };
        const active = body.data.activeTargets;
        targetsSeen = JSON.stringify(active.map((t) => [t.scrapeUrl, t.health, t.lastError]));
        return active.length === Object.keys(targets).length &&
          active.every((t) => t.health === 'up')
          ? true
          : undefined;
      },
      { ms: 60_000, every: 500, ignoreErrors: true },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${targetsSeen}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  });

  after(async () => {
    prometheus?.kill('SIGTERM');
    process.env = saved;
    await test?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const query = async (expr: string) => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await res.json()) as { status: string; error?: string; data?: { result: unknown[] } };
  };

  it('scrapes the API, the worker, the SDK and the Temporal server', async () => {
    const up = await query('up');
    assert.equal(up.status, 'success');
    const jobs = (up.data!.result as { metric: { job: string }; value: [number, string] }[])
      .filter((r) => r.value[1] === '1')
      .map((r) => r.metric.job)
      .sort();
    assert.deepEqual(jobs, ['api', 'prometheus', 'temporal', 'worker', 'worker-sdk']);
  });

  it('every PromQL expression of the dashboards and alerts parses, and its metrics have series', async () => {
    const all = expressions();
    assert.ok(all.length >= 30, `${all.length} expressions`);
    const problems: string[] = [];
    const checked = new Set<string>();
    for (const { where, expr } of all) {
      const result = await query(expr);
      if (result.status !== 'success') problems.push(`${where}: ${expr}: ${result.error}`);
      // An alert's condition is empty until it fires; a panel's query must draw something.
      else if (!where.startsWith('alert') && result.data!.result.length === 0)
        problems.push(`${where}: ${expr}: no series`);
      for (const name of metricNames(expr)) {
        if (checked.has(name) || EVENT_ONLY.has(name)) continue;
        checked.add(name);
        const series = await query(`count({__name__="${name}"})`);
        if (series.status !== 'success' || series.data!.result.length === 0)
          problems.push(`${where}: no series for ${name}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('loads every alert rule, none of them in error', async () => {
    const res = await fetch(`${promUrl}/api/v1/rules`);
    const body = (await res.json()) as {
      data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const rules = body.data.groups.flatMap((g) => g.rules);
    assert.ok(rules.length >= 6, rules.map((r) => r.name).join(', '));
    for (const rule of rules) assert.equal(rule.health, 'ok', `${rule.name}: ${rule.lastError}`);
  });
});
