import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT, loadConfig } from '../core/config/config';
import { createLogger } from '../core/logging/logger';
import { createServingMetrics } from '../api/serving/metrics';
import { ensureDebianTool } from '../infra/stack/debian-tools';
import { StackError } from '../core/stack-error';
import { makeDataDir, removeDataDir } from './helpers/data-dir';

const logger = createLogger({ format: 'json', level: 'silent' });
const infra = path.join(PROJECT_ROOT, 'infra');
const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const DASHBOARDS = {
  'model-quality.json': 'Model quality',
  'pipelines.json': 'Pipelines',
  'api.json': 'API',
};
const SECRETS = [
  'POSTGRES_PASSWORD',
  'TEMPORAL_DB_PASSWORD',
  'S3_ACCESS_KEY',
  'S3_SECRET_KEY',
  'GRAFANA_ADMIN_PASSWORD',
];

/** The worker's metrics (another module) and the Temporal SDK core's, as documented. */
const WORKER_METRICS = [
  'rakuten_rows_ingested_total',
  'rakuten_rows_rejected_total',
  'rakuten_ingest_last_success_timestamp_seconds',
  'rakuten_training_duration_seconds',
  'rakuten_model_weighted_f1',
  'rakuten_champion_weighted_f1',
  'rakuten_champion_f1_floor',
  'rakuten_gate_decisions_total',
  'rakuten_retrain_decisions_total',
  'rakuten_drift_score',
  'rakuten_drift_severity',
  'rakuten_drift_last_check_timestamp_seconds',
];
const TEMPORAL_SDK_METRICS = [
  'request',
  'request_failure',
  'request_latency',
  'workflow_completed',
  'workflow_failed',
  'workflow_task_schedule_to_start_latency',
  'workflow_task_execution_latency',
  'workflow_task_execution_failed',
  'activity_schedule_to_start_latency',
  'activity_execution_latency',
  'activity_execution_failed',
  'worker_task_slots_available',
  'worker_task_slots_used',
].map((name) => `temporal_${name}`);

function knownMetrics(): Set<string> {
  const api = createServingMetrics().registry.getMetricsAsArray();
  const names = [...api.map((m) => m.name), ...WORKER_METRICS, ...TEMPORAL_SDK_METRICS, 'up'];
  // Histograms are queried through their series; suffixing every name is simpler and harmless.
  return new Set(names.flatMap((n) => [n, `${n}_bucket`, `${n}_sum`, `${n}_count`]));
}

const PROMQL_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
]);

/** Metric names an expression reads: what is left once strings, matchers and clauses are gone. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/[a-zA-Z_:][\w:]*/g)]
    .filter((m) => !/^\s*\(/.test(bare.slice(m.index + m[0].length)))
    .map((m) => m[0])
    .filter((word) => !PROMQL_KEYWORDS.has(word));
}

/** Grafana's variables, replaced by something PromQL accepts wherever they stand. */
const substituteVariables = (expr: string) => expr.replace(/\$(__\w+|\{[^}]+\}|\w+)/g, '5m');

/** `expr:` values of a rule file, inline or as `|` blocks. */
function ruleExprs(yaml: string): string[] {
  const exprs: string[] = [];
  const lines = yaml.split('\n');
  lines.forEach((line, i) => {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (!match) return;
    if (match[2] !== '|') return void exprs.push(match[2]!);
    const indent = match[1]!.length;
    const block: string[] = [];
    for (const next of lines.slice(i + 1)) {
      if (next.trim() !== '' && next.search(/\S/) <= indent) break;
      block.push(next.trim());
    }
    exprs.push(block.join(' ').trim());
  });
  return exprs;
}

interface Panel {
  id: number;
  title: string;
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
}
interface Dashboard {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  panels?: Panel[];
}
const dashboard = (file: string): Dashboard =>
  JSON.parse(read(`infra/grafana/dashboards/${file}`)) as Dashboard;

describe('monitoring and deployment configuration', () => {
  const { toolsDir } = loadConfig({}, { useRunningStack: false });
  const scratch = makeDataDir('rakuten-monitoring-');
  let promtool = '';
  before(() => {
    promtool = ensureDebianTool('promtool', { toolsDir, logger });
  });
  after(() => removeDataDir(scratch));

  const runPromtool = (args: string[]) => {
    const result = spawnSync(promtool, args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, `promtool ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
  };

  it('has a Prometheus config and alert rules promtool accepts', () => {
    runPromtool(['check', 'config', 'infra/prometheus/prometheus.yml']);
    runPromtool(['check', 'rules', 'infra/prometheus/alerts.yml']);
    const jobs = [...read('infra/prometheus/prometheus.yml').matchAll(/job_name:\s*(\S+)/g)];
    assert.deepEqual(jobs.map((m) => m[1]).sort(), [
      'api',
      'prometheus',
      'temporal',
      'worker',
      'worker-sdk',
    ]);
  });

  it('gives every alert a duration, a severity, a summary and a description', () => {
    const alerts = read('infra/prometheus/alerts.yml')
      .split(/\n\s*- alert: /)
      .slice(1);
    assert.ok(alerts.length >= 6, `${alerts.length} alerts`);
    for (const alert of alerts) {
      for (const key of ['for:', 'severity:', 'summary:', 'description:']) {
        assert.ok(alert.includes(key), `${alert.split('\n')[0]} has no ${key}`);
      }
    }
  });

  it('has three dashboards on the provisioned Prometheus datasource', () => {
    const uids = new Set<string>();
    for (const [file, title] of Object.entries(DASHBOARDS)) {
      const d = dashboard(file);
      assert.equal(d.title, title, file);
      assert.ok(d.uid && !uids.has(d.uid), `${file}: a uid of its own`);
      uids.add(d.uid);
      assert.equal(d.schemaVersion, 39, file);
      const panels = d.panels ?? [];
      assert.ok(panels.length > 0, `${file} has panels`);
      assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, `${file}: panel ids`);
      for (const panel of panels) {
        assert.equal(panel.datasource?.uid, 'prometheus', `${file}: ${panel.title}`);
        assert.ok((panel.targets ?? []).length > 0, `${file}: ${panel.title} has queries`);
        for (const target of panel.targets ?? []) {
          assert.equal(target.datasource?.uid, 'prometheus', `${file}: ${panel.title}`);
          assert.ok(target.expr, `${file}: ${panel.title} has an expr`);
        }
      }
    }
    assert.match(
      read('infra/grafana/provisioning/datasources/prometheus.yml'),
      /uid: prometheus\n/,
    );
    assert.match(
      read('infra/grafana/provisioning/datasources/prometheus.yml'),
      /url: http:\/\/prometheus:9090\n/,
    );
    assert.match(
      read('infra/grafana/provisioning/dashboards/dashboards.yml'),
      /path: \/var\/lib\/grafana\/dashboards\n/,
    );
  });

  it('has only PromQL that parses and reads metrics that exist', () => {
    // promtool parses every expression of a rule file, so the dashboards' become recording rules.
    const rules = Object.keys(DASHBOARDS).flatMap((file) =>
      (dashboard(file).panels ?? []).flatMap((panel) =>
        (panel.targets ?? []).map((target, i) => ({
          record: `${file.replace(/\W/g, '_')}:panel_${panel.id}_${i}`,
          expr: substituteVariables(target.expr ?? ''),
        })),
      ),
    );
    const file = path.join(scratch, 'dashboard-rules.yml');
    // JSON is YAML, which is all promtool reads.
    fs.writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboards', rules }] }));
    runPromtool(['check', 'rules', file]);

    const known = knownMetrics();
    const exprs = [...rules.map((r) => r.expr), ...ruleExprs(read('infra/prometheus/alerts.yml'))];
    assert.ok(exprs.length > 30, `${exprs.length} expressions`);
    for (const expr of exprs) {
      const names = metricNames(expr);
      assert.ok(names.length > 0 || expr.includes('vector('), `no metric in ${expr}`);
      for (const name of names) assert.ok(known.has(name), `unknown metric ${name} in ${expr}`);
    }
  });

  describe('docker-compose', () => {
    let compose = '';
    const example = read('infra/.env.example');
    before(() => {
      compose = ensureDebianTool('docker-compose', { toolsDir, logger });
    });
    // A clean environment: a secret exported in the shell would hide a missing one in .env.
    const config = (envText: string) => {
      const envFile = path.join(scratch, '.env');
      fs.writeFileSync(envFile, envText);
      return spawnSync(
        compose,
        ['--env-file', envFile, '-f', path.join(infra, 'docker-compose.yml'), 'config', '-q'],
        { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: scratch } },
      );
    };

    it('accepts the file with the example .env', () => {
      const result = config(example);
      assert.equal(result.status, 0, result.stderr);
    });

    it('refuses to start without POSTGRES_PASSWORD, saying where to set it', () => {
      const result = config(example.replace(/^POSTGRES_PASSWORD=.*$/m, ''));
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /POSTGRES_PASSWORD must be set in infra\/\.env/);
    });

    /** The compose file as docker-compose resolves it with `envText` as its .env. */
    const resolved = (envText: string) => {
      const envFile = path.join(scratch, '.env');
      fs.writeFileSync(envFile, envText);
      const result = spawnSync(
        compose,
        ['--env-file', envFile, '-f', path.join(infra, 'docker-compose.yml'), 'config'],
        { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: scratch } },
      );
      assert.equal(result.status, 0, result.stderr);
      return parseYaml(result.stdout) as {
        services: Record<
          string,
          {
            ports?: (string | { published: number; target: number; host_ip?: string })[];
            depends_on?: Record<string, { condition: string }>;
            entrypoint?: string[];
            environment?: Record<string, string>;
          }
        >;
      };
    };

    it('publishes no Temporal, PostgreSQL or S3 port, and the unauthenticated UIs on 127.0.0.1 only', () => {
      const { services } = resolved(example);
      for (const name of ['temporal', 'postgresql', 'seaweedfs', 'worker', 'setup'])
        assert.deepEqual(services[name]!.ports ?? [], [], `${name} publishes no port`);
      for (const name of ['temporal-ui', 'prometheus']) {
        const ports = services[name]!.ports ?? [];
        assert.ok(ports.length > 0, name);
        for (const port of ports) {
          const hostIp = typeof port === 'string' ? port.split(':')[0] : port.host_ip;
          assert.equal(hostIp, '127.0.0.1', `${name}: ${JSON.stringify(port)}`);
        }
      }
      // Every published port, all told: the API, Grafana (which has a password), and those two.
      const published = Object.entries(services).flatMap(([name, s]) =>
        (s.ports ?? []).map((p) =>
          typeof p === 'string' ? `${name} ${p}` : `${name} ${p.host_ip ?? '*'}:${p.published}`,
        ),
      );
      assert.deepEqual(published.sort(), [
        'api *:8000',
        'grafana *:3000',
        'prometheus 127.0.0.1:9090:9090/tcp',
        'temporal-ui 127.0.0.1:8233:8080/tcp',
      ]);
    });

    it('refuses the change-me placeholders before any service that keeps a secret starts', () => {
      const { services } = resolved(example);
      const check = services['secrets-check']!;
      // What the container runs: compose keeps `$$` in its output and turns it into `$` at run time.
      const script = check.entrypoint!.slice(2).join(' ').replace(/\$\$/g, '$');
      assert.deepEqual(check.entrypoint!.slice(0, 2), ['sh', '-c']);
      const run = (environment: Record<string, string>) =>
        spawnSync('sh', ['-c', script], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, ...environment },
        });
      for (const secret of SECRETS) assert.ok(secret in check.environment!, `${secret} is checked`);
      const refused = run(check.environment!);
      assert.equal(refused.status, 1, refused.stdout);
      assert.match(
        refused.stderr,
        /still holds change-me placeholders: GRAFANA_ADMIN_PASSWORD POSTGRES_PASSWORD S3_SECRET_KEY TEMPORAL_DB_PASSWORD/,
      );
      const filled = example.replace(/change-me[\w-]*/g, (m) => `x${m.length}-real-secret`);
      const accepted = run(resolved(filled).services['secrets-check']!.environment!);
      assert.equal(accepted.status, 0, accepted.stderr);
      // One placeholder is enough to refuse.
      const one = run({
        ...resolved(filled).services['secrets-check']!.environment!,
        S3_SECRET_KEY: 'CHANGE-ME',
      });
      assert.equal(one.status, 1);
      assert.match(one.stderr, /placeholders: S3_SECRET_KEY -/);
      // Whatever holds a secret in a volume waits for the check.
      for (const name of ['postgresql', 'seaweedfs', 'grafana'])
        assert.equal(
          services[name]!.depends_on?.['secrets-check']?.condition,
          'service_completed_successfully',
          name,
        );
    });

    it("accepts the README's mTLS override, which gives Temporal's clients their certificate", () => {
      const readme = read('infra/README.md');
      const block = /```yaml\n( *)# infra\/docker-compose\.override\.yml\n([\s\S]*?)```/.exec(
        readme,
      );
      assert.ok(block, 'infra/README.md shows the override file');
      const indent = block[1]!.length;
      const override = block[2]!
        .split('\n')
        .map((line) => line.slice(indent))
        .join('\n');
      const dir = path.join(scratch, 'compose');
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(infra, 'docker-compose.yml'), path.join(dir, 'docker-compose.yml'));
      fs.writeFileSync(path.join(dir, 'docker-compose.override.yml'), override);
      fs.writeFileSync(path.join(dir, '.env'), example);
      const result = spawnSync(compose, ['config'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: scratch },
      });
      assert.equal(result.status, 0, result.stderr);
      const { services } = parseYaml(result.stdout) as {
        services: Record<string, { environment?: Record<string, string> }>;
      };
      for (const name of ['setup', 'worker', 'api', 'temporal-ui', 'temporal']) {
        const env = services[name]!.environment ?? {};
        for (const key of ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'])
          assert.ok(env[key]?.startsWith('/tls/'), `${name} has ${key}`);
      }
      assert.equal(services.temporal!.environment?.TEMPORAL_TLS_REQUIRE_CLIENT_AUTH, 'true');
      // The app's own variables survive the merge.
      assert.match(services.worker!.environment?.DATABASE_URL ?? '', /^postgres:\/\//);
    });

    it('has no default for any secret, and the example sets each one', () => {
      const file = read('infra/docker-compose.yml');
      for (const secret of SECRETS) {
        const uses = [...file.matchAll(new RegExp(`\\$\\{${secret}([^}]*)\\}`, 'g'))];
        assert.ok(uses.length > 0, `${secret} is used`);
        for (const use of uses) assert.match(use[1]!, /^:\?/, `${secret} is required`);
        assert.match(example, new RegExp(`^${secret}=\\S+`, 'm'), `.env.example sets ${secret}`);
      }
      assert.match(read('.gitignore'), /^infra\/\.env$/m);
    });
  });

  it('builds the image with the commands CI runs, bar the tests', () => {
    const dockerfile = read('infra/Dockerfile').replace(/\\\n/g, ' ');
    const runs = [...dockerfile.matchAll(/^RUN\s+(.+)$/gm)].map((m) => m[1]!.trim());
    const ci = read('.ci/run')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .filter((line) => !/^(set|cd|export)\s/.test(line));
    // The tests need running services (PostgreSQL, Temporal, S3): CI runs them, a build cannot.
    assert.deepEqual(
      runs.filter((run) => run.startsWith('npm ') && !run.startsWith('npm prune')),
      // CI also installs Chromium for the browser test, which the image does not need.
      ci.filter((command) => command.startsWith('npm ') && command !== 'npm test'),
    );
    assert.ok(ci.includes('npm test'), 'CI runs the tests');
    assert.ok(runs.indexOf('npm prune --omit=dev') > runs.indexOf('npm run lint'));
    assert.match(dockerfile, /^ENV ONNXRUNTIME_NODE_INSTALL=skip$/m);
    assert.match(read('.ci/run'), /^export ONNXRUNTIME_NODE_INSTALL=skip$/m);
  });
});

describe('ensureDebianTool', () => {
  const scratch = makeDataDir('rakuten-debian-tools-');
  after(() => removeDataDir(scratch));

  it('says exactly what to install when apt-get cannot fetch the package', () => {
    const toolsDir = path.join(scratch, 'tools');
    assert.throws(
      () =>
        ensureDebianTool('promtool', {
          toolsDir,
          logger,
          pathEnv: '',
          aptGet: '/nonexistent/apt-get',
          aptCache: '/nonexistent/apt-cache',
        }),
      (error: unknown) =>
        error instanceof StackError &&
        error.message.includes('`apt-get install prometheus`') &&
        error.message.includes('/nonexistent/apt-get'),
    );
    const deb = path.join(toolsDir, 'deb');
    assert.deepEqual(fs.existsSync(deb) ? fs.readdirSync(deb) : [], [], 'no scratch folder left');
  });

  it('finds a tool on PATH first', () => {
    const bin = path.join(scratch, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'docker-compose'), '#!/bin/sh\n', { mode: 0o755 });
    const found = ensureDebianTool('docker-compose', { toolsDir: scratch, logger, pathEnv: bin });
    assert.equal(found, path.join(bin, 'docker-compose'));
  });
});
