/**
 * The console's pages at the issue's scale: 1,000 model versions, 500 training runs and 100,000
 * rejected rows. Starts a stack of real services, trains two real versions on the X_sample rows
 * (so the comparison reads real cards), fills the rest in SQL (bench/console-seed.ts), then asks
 * every page and its JSON twin for the first, a middle and the last page of each list, and
 * prints the time each took to answer on this machine's loopback, against the 200 ms target.
 *
 *   node --import tsx bench/console.ts [repeats]
 */
import { percentile } from '../test/helpers/load';
import { sharedStackConfig } from '../test/helpers/shared-stack';
import { startInProcessApi } from '../test/helpers/in-process-api';
import { trainingDeployment } from '../test/helpers/training-deployment';
import { ISSUE_SCALE, seedConsoleScale } from './console-seed';

const TARGET_MS = 200;

async function timeOnce(url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status, bytes: body.byteLength };
}

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 15);
  const d = await trainingDeployment(await sharedStackConfig(), { ownNamespace: 'bench-console' });
  try {
    const a = await d.train({ families: ['cnb'], seed: 1 });
    const b = await d.train({ families: ['cnb'], seed: 2, gate: { floor: 0.99 } });
    const started = performance.now();
    await seedConsoleScale(d.db, ISSUE_SCALE);
    process.stdout.write(
      `seeded ${ISSUE_SCALE.versions} versions, ${ISSUE_SCALE.runs} runs, ${ISSUE_SCALE.rejectedRows} rejected rows, ${ISSUE_SCALE.driftChecks} drift checks in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const api = await startInProcessApi(d);
    try {
      const dataset = a.datasetVersion;
      const drift = 'drift-bench-1';
      const paths = [
        '/ui',
        '/overview',
        '/ui/models',
        '/ui/models?offset=950',
        '/ui/models?sort=gold_weighted_f1&order=asc&status=rejected',
        '/versions?offset=950',
        '/champion-history',
        `/ui/compare?a=${a.modelVersion}&b=${b.modelVersion}`,
        `/compare?a=${a.modelVersion}&b=${b.modelVersion}`,
        '/ui/runs',
        '/ui/runs?offset=450',
        '/runs?offset=450',
        '/ui/data',
        '/ui/data/rejected',
        '/ui/data/rejected?offset=99950',
        `/ui/data/rejected?reason=${encodeURIComponent('designation is empty')}`,
        '/rejected-rows?offset=99950',
        '/rejected-rows/reasons',
        `/ui/datasets/${dataset}`,
        '/ui/drift',
        `/ui/drift/${drift}`,
        '/drift?offset=250',
        '/ui/try',
      ];
      process.stdout.write(
        `\n${'path'.padEnd(64)} ${'status'.padStart(6)} ${'KB'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}\n`,
      );
      let worst = 0;
      for (const path of paths) {
        const url = `${api.base}${path}`;
        for (let i = 0; i < 2; i++) await timeOnce(url); // warm: templates compiled, plans cached
        const runs = [];
        for (let i = 0; i < repeats; i++) runs.push(await timeOnce(url));
        const times = runs.map((r) => r.ms);
        const p95 = percentile(times, 95);
        worst = Math.max(worst, p95);
        process.stdout.write(
          `${path.slice(0, 64).padEnd(64)} ${String(runs[0]!.status).padStart(6)} ${(runs[0]!.bytes / 1024).toFixed(1).padStart(7)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${Math.max(
            ...times,
          )
            .toFixed(1)
            .padStart(8)}${p95 > TARGET_MS ? '  over target' : ''}\n`,
        );
      }
      process.stdout.write(
        `\nworst p95 ${worst.toFixed(1)} ms against a target of ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'met' : 'NOT met'}\n`,
      );
    } finally {
      await api.stop();
    }
  } finally {
    await d.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
