import type { RunningStack } from '../infra/stack/stack';

/** The one block a newcomer reads after `npm start`: where everything is. */
export function formatStatusBlock(stack: RunningStack, seconds: number): string {
  const { config, urls } = stack;
  const rows: [string, string][] = [];
  if (urls.console) rows.push(['Console', urls.console]);
  if (urls.api) rows.push(['API', `${urls.api}  (GET /health, /docs)`]);
  if (urls.temporalUi) rows.push(['Temporal UI', urls.temporalUi]);
  rows.push(['Temporal', `${config.temporal.address}  namespace ${config.temporal.namespace}`]);
  rows.push([
    'S3',
    `${urls.s3}  buckets ${config.deployment}-{raw,images,datasets,models,reports}`,
  ]);
  rows.push(['PostgreSQL', urls.postgres ?? '']);
  // Where Prometheus (infra/prometheus/prometheus.yml) scrapes each process.
  const metrics = [
    ['api', urls.apiMetrics],
    ['worker', urls.workerMetrics],
    ['worker SDK', urls.workerSdkMetrics],
    ['Temporal', urls.temporalMetrics],
    ['restarts', urls.stackMetrics],
  ].filter((m): m is [string, string] => m[1] !== undefined);
  if (metrics.length > 0) {
    rows.push(['Metrics', metrics.map(([name, url]) => `${name} ${url}`).join('\n')]);
  }
  rows.push(['Data', config.dataDir]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    '',
    `  Rakuten MLOps stack is up (${seconds.toFixed(1)} s)`,
    '',
    ...rows.map(([label, value]) =>
      value
        .split('\n')
        .map((line, i) => `  ${(i === 0 ? label : '').padEnd(width)}  ${line}`)
        .join('\n'),
    ),
    '',
    '  Check it:  npx rakuten doctor        Stop it:  Ctrl-C',
    '',
  ];
  return lines.join('\n');
}
